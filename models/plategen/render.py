"""PlateSpec generation and drawing of a plate from its format's "elements"."""
import math
from dataclasses import dataclass, field, asdict

from PIL import Image, ImageDraw

from . import formats as formats_mod
from .serial import fill_template, random_fields
from .text import draw_cells, draw_run

_FORMATS = {}


@dataclass
class PlateSpec:
    text: str                 # canonical label: Latin letters + Western digits, no spaces
    country: str              # SA, KW, MR ...
    format: str               # format name, e.g. sa-private
    fields: dict = field(default_factory=dict)   # serial parts, e.g. {"digits": "3903", "letters": "BSJ"}
    arabic: str = None        # Arabic half in reading order (formats with "arabic_text"), else None

    def to_dict(self):
        return asdict(self)


def get_format(name):
    if not _FORMATS:
        _FORMATS.update(formats_mod.load_all())
    return _FORMATS[name]


def random_plate(fmt, rng) -> PlateSpec:
    """A random plate of this format; deterministic for a given random.Random state."""
    fields = random_fields(fmt, rng)
    arabic_t = fmt.get("arabic_text")
    return PlateSpec(text=fill_template(fmt.get("canonical"), fields, fmt),
                     country=fmt.country, format=fmt.name, fields=fields,
                     arabic=fill_template(arabic_t, fields, fmt) if arabic_t else None)


def _resolve(value, variables):
    if isinstance(value, str) and value.startswith("$"):
        return variables[value[1:]]
    return value


def _shape(draw, kind, box, color, width):
    x, y, w, h = box
    if kind == "circle":
        draw.ellipse([x, y, x + w, y + h], fill=color)
    elif kind == "ring":
        draw.ellipse([x, y, x + w, y + h], outline=color, width=width)
    elif kind == "triangle_up":
        draw.polygon([(x + w / 2, y), (x + w, y + h), (x, y + h)], fill=color)
    elif kind == "triangle_down":
        draw.polygon([(x, y), (x + w, y), (x + w / 2, y + h)], fill=color)
    elif kind == "palm":   # simplified emblem: trunk, five fronds, two crossed swords
        cx = x + w / 2
        draw.line([(cx, y + h * 0.25), (cx, y + h * 0.8)], fill=color, width=width)
        for a in (-70, -35, 0, 35, 70):
            t = math.radians(a - 90)
            draw.line([(cx, y + h * 0.25), (cx + math.cos(t) * w * 0.35, y + h * 0.25 + math.sin(t) * h * 0.22 + h * 0.1)],
                       fill=color, width=width)
        draw.line([(x + w * 0.1, y + h * 0.55), (x + w * 0.9, y + h * 0.98)], fill=color, width=width)
        draw.line([(x + w * 0.9, y + h * 0.55), (x + w * 0.1, y + h * 0.98)], fill=color, width=width)
    else:
        raise ValueError(f"unknown shape {kind!r}")


def render_plate(spec: PlateSpec, width_px: int, fmt=None) -> Image.Image:
    """Draw the plate at width_px pixels wide (height from the format's mm size)."""
    fmt = fmt or get_format(spec.format)
    mm_w, mm_h = fmt.size_mm
    k = width_px / mm_w                       # pixels per millimetre
    img = Image.new("RGBA", (width_px, round(mm_h * k)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    variables = fmt.get("vars", {})
    fonts = fmt.get("fonts", {})
    px = lambda b: [v * k for v in b]          # noqa: E731  mm box -> px box
    for el in fmt.get("elements"):
        el = {key: _resolve(v, variables) for key, v in el.items()}
        kind = el["type"]
        lw = max(1, round(el.get("width", 1) * k))
        if kind == "rect":
            x, y, w, h = px(el["box"])
            draw.rounded_rectangle([x, y, x + w - 1, y + h - 1], radius=el.get("radius", 0) * k,
                                   fill=el.get("fill"), outline=el.get("outline"),
                                   width=lw if el.get("outline") else 0)
        elif kind == "line":
            draw.line([(a * k, b * k) for a, b in el["points"]], fill=el["color"], width=lw)
        elif kind == "shape":
            _shape(draw, el["shape"], px(el["box"]), el["color"], lw)
        elif kind == "text":
            text = fill_template(el["text"], spec.fields, fmt)
            font_file = fonts[el["font"]]
            common = dict(ref=el.get("ref"), rtl=el.get("rtl", False))
            if "cells" in el:
                draw_cells(draw, px(el["box"]), text, font_file, el["color"], el.get("fill", 0.8),
                           el["cells"], **common)
            else:
                draw_run(draw, px(el["box"]), text, font_file, el["color"], el.get("fill", 0.8),
                         el.get("align", "center"), **common)
        else:
            raise ValueError(f"{fmt.name}: unknown element type {kind!r}")
    return img
