"""Which plate to draw: a plategen format (Saudi halves may deliberately disagree) or a generic plate."""
import random
from dataclasses import dataclass
from typing import Optional

from PIL import Image

from plategen import formats as pg_formats, render as pg_render
from . import decorated, generic, realplates

_FMTS = pg_formats.load_all()
FORMAT_IDS = sorted(_FMTS) + ["other"]     # recogniser 'format' classes
# The order in which a scene draws its plate kinds, as the committed models' data sets were made: keeping it keeps
# every seeded data set (the held-out test sets too) the same. Formats added later come after these, by name.
_DRAW_ORDER = ["sa-private", "sa-transport", "sa-commercial", "kw-private", "mr-private"]
# Share of generic plates, which stand in for countries we do not render (real-dev/us, the hidden test set).
OTHER_SHARE = 0.32


def _kind_weights(fmts) -> dict:
    """Share of each kind in training data: each format file's "training_share" (Saudi first: the product's market),
    then generic plates. A further country is a format file and nothing else; one without a share is refused, so no
    format is left out of training unnoticed."""
    missing = [name for name, fmt in fmts.items() if fmt.get("training_share") is None]
    if missing:
        raise ValueError(f"plategen formats {missing} have no \"training_share\": say how often training scenes draw them")
    order = [n for n in _DRAW_ORDER if n in fmts] + sorted(n for n in fmts if n not in _DRAW_ORDER)
    return {**{n: float(fmts[n].get("training_share")) for n in order}, "other": OTHER_SHARE}


KIND_WEIGHTS = _kind_weights(_FMTS)
DISAGREE_SHARE = 0.10     # brief: ~10 % of Saudi plates get an Arabic half that differs from the Latin half
SA_ARABIC_ROWS = 77.5 / 155.0   # sa-private.json: the Arabic row ends at y = 77.5 mm of 155 mm
# Share of generic plates drawn as decorated US-style plates (scenes/decorated.py). 0 keeps every data set made
# before it (the held-out test sets) unchanged; the detector's extra training scenes set it (training/data.py).
DECORATED_SHARE = 0.0
# Share of plates of a format with other sizes (plategen "sizes": the long 520×110 mm Saudi plate) drawn at such a size,
# chosen the same way (0 keeps the data sets made before it unchanged). 61 of the 219 real-dev Saudi plates are long.
LONG_SHARE = 0.0
# Share of generic plates replaced by a real plate cut from a photograph (scenes/realplates.py), and those plates
# (set by training/data.py before its workers fork; 0 and [] keep every data set made before it unchanged)
REAL_SHARE = 0.0
REAL_PLATES: list = []
VANITY_SHARE = 0.15       # of decorated plates: a short personalised serial instead of the generic one


@dataclass
class PlateDraw:
    image: Image.Image        # RGBA, upright, fully opaque plate area
    text: str                 # canonical Latin (labels.tsv `plate`)
    country: str              # SA, KW, MR or "other"
    format: str               # plategen format id or "other"
    arabic: Optional[str]     # Arabic half transliterated to canonical Latin; None = no Arabic half
    two_row: bool


def _saudi_arabic_variant(fields, rng):
    """Fields whose Arabic half differs from the Latin half in exactly one character."""
    digits, letters = fields["digits"], fields["letters"]
    if rng.random() < 0.5:
        i = rng.randrange(len(digits))
        digits = digits[:i] + rng.choice([d for d in "0123456789" if d != digits[i]]) + digits[i + 1:]
    else:
        pool = list(_FMTS["sa-private"].get("letter_map"))
        i = rng.randrange(len(letters))
        letters = letters[:i] + rng.choice([c for c in pool if c != letters[i]]) + letters[i + 1:]
    return {"digits": digits, "letters": letters}


def sample_plate(rng: random.Random, width_px: int, kind: str = None) -> PlateDraw:
    kind = kind or rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    if kind == "other":
        img, text, two_row = generic.render(rng, width_px)
        if DECORATED_SHARE > 0:
            # a child stream seeded by what was drawn: the scene's own random stream is not touched
            child = random.Random(f"decorated|{text}|{width_px}|{img.height}")
            if child.random() < DECORATED_SHARE:
                text = decorated.vanity(child) if child.random() < VANITY_SHARE else text
                img = decorated.render(child, text, width_px)
        if REAL_SHARE > 0 and REAL_PLATES:
            child = random.Random(f"real|{text}|{width_px}|{img.height}")
            if child.random() < REAL_SHARE:
                real = child.choice(REAL_PLATES)
                img, text, two_row = realplates.draw(real, width_px), real.text, False
        return PlateDraw(img, text, "other", "other", None, two_row)
    fmt = _FMTS[kind]
    spec = pg_render.random_plate(fmt, rng)
    if LONG_SHARE > 0 and "long" in fmt.sizes():
        # a child stream seeded by what was drawn: the crop's or scene's own random stream is not touched
        if random.Random(f"long|{spec.text}|{width_px}").random() < LONG_SHARE:
            fmt = fmt.sized("long")
    img = pg_render.render_plate(spec, width_px=max(8, width_px), fmt=fmt)
    arabic = None
    if spec.country == "SA":
        arabic = spec.text
        if rng.random() < DISAGREE_SHARE:
            fields = _saudi_arabic_variant(spec.fields, rng)
            other = pg_render.PlateSpec(text=fields["digits"] + fields["letters"], country="SA", format=kind,
                                        fields=fields)
            top = pg_render.render_plate(other, width_px=img.width, fmt=fmt)
            cut = round(img.height * SA_ARABIC_ROWS)
            img.paste(top.crop((0, 0, img.width, cut)), (0, 0))
            arabic = other.text
    two_row = fmt.get("rows", 1) == 2
    return PlateDraw(img, spec.text, spec.country, kind, arabic, two_row)
