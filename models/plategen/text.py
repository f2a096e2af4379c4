"""Font lookup and fitting text into boxes (per-glyph cells or one shaped run)."""
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"),
             Path(__file__).resolve().parent / "fonts"]  # fonts/ is for fonts Debian lacks
REF_SIZE = 200          # font size used to measure glyph proportions
CELL_MAX_W = 0.9        # a glyph may use at most 90% of its cell's width
RUN_MAX_W = 0.96        # a run may use at most 96% of its box's width


@lru_cache(maxsize=None)
def font_path(file_name: str) -> str:
    for d in FONT_DIRS:
        hits = sorted(d.rglob(file_name)) if d.is_dir() else []
        if hits:
            return str(hits[0])
    raise FileNotFoundError(f"font {file_name} not found under {FONT_DIRS}")


@lru_cache(maxsize=256)
def font(file_name: str, size: int) -> ImageFont.FreeTypeFont:
    f = ImageFont.truetype(font_path(file_name), max(1, int(size)), layout_engine=ImageFont.Layout.RAQM)
    # Without libraqm Pillow only warns and falls back to its basic layout, which draws Arabic letters unjoined,
    # left to right: every plate and every training crop would be silently wrong.
    if f.layout_engine != ImageFont.Layout.RAQM:
        raise RuntimeError("Pillow has no Raqm text layout, so Arabic cannot be shaped: install Debian's libraqm0 "
                           "(scripts/setup.sh does)")
    return f


def _shaping(rtl: bool) -> dict:
    return {"direction": "rtl", "language": "ar"} if rtl else {}


def _bbox(f, text, rtl):
    return f.getbbox(text, anchor="ls", **_shaping(rtl))


def _size_for(font_file, ref, widest, max_w, target_h, rtl):
    """Largest size whose ref ink height is <= target_h and widest ink <= max_w."""
    f = font(font_file, REF_SIZE)
    l, t, r, b = _bbox(f, ref, rtl)
    size = REF_SIZE * target_h / max(1, b - t)
    w = max((_bbox(f, s, rtl)[2] - _bbox(f, s, rtl)[0]) for s in widest)
    size = min(size, REF_SIZE * max_w / max(1, w))
    return max(1, int(size))


def draw_cells(draw, box, chars, font_file, color, fill, ncells, ref=None, rtl=False):
    """One glyph per equal-width cell, left to right; a shorter text is centred
    on the middle cells. Each glyph is drawn on its own (isolated form)."""
    x, y, w, h = box
    chars = list(chars)
    if not chars:
        return
    ncells = max(ncells, len(chars))
    cell_w = w / ncells
    size = _size_for(font_file, ref or "".join(chars), set(chars), cell_w * CELL_MAX_W, h * fill, rtl)
    f = font(font_file, size)
    _, rt, _, rb = _bbox(f, ref or "".join(chars), rtl)
    baseline = y + h / 2 - (rt + rb) / 2
    first = (ncells - len(chars)) / 2
    for i, ch in enumerate(chars):
        l, _, r, _ = _bbox(f, ch, rtl)
        cx = x + (first + i + 0.5) * cell_w
        draw.text((cx - (l + r) / 2, baseline), ch, font=f, fill=color, anchor="ls", **_shaping(rtl))


def draw_run(draw, box, text, font_file, color, fill, align="center", ref=None, rtl=False):
    """The whole text shaped as one run (Arabic joins here) fitted into box."""
    x, y, w, h = box
    if not text.strip():
        return
    size = _size_for(font_file, ref or text, [text], w * RUN_MAX_W, h * fill, rtl)
    f = font(font_file, size)
    l, t, r, b = _bbox(f, text, rtl)
    _, rt, _, rb = _bbox(f, ref, rtl) if ref else (l, t, r, b)
    baseline = y + h / 2 - (rt + rb) / 2
    if align == "left":
        ox = x + w * (1 - RUN_MAX_W) / 2 - l
    elif align == "right":
        ox = x + w - w * (1 - RUN_MAX_W) / 2 - r
    else:
        ox = x + w / 2 - (l + r) / 2
    draw.text((ox, baseline), text, font=f, fill=color, anchor="ls", **_shaping(rtl))
