"""Real plates cut from photographs (the real-dev train split), drawn into synthetic scenes in place of generic ones.

The detector's real US photos are few (166 in the train split) and it memorises them in their own photos; pasted
into many synthetic scenes, each real plate is seen at other sizes, poses, looks and blurs, beside other vehicles and
hard negatives (`models/train.py --real-plates`, cards/plate-detector.md). Only the labelled plate is cut (the
label box is the plate's edge), so the scene's own box around the pasted plate stays the label convention.
"""
from dataclasses import dataclass

from PIL import Image

MIN_WIDTH_PX = 24          # narrower labelled plates are too blurred to stand for a plate when blown up


@dataclass
class RealPlate:
    image: Image.Image     # RGB, the labelled box cut from its photograph
    text: str              # the label ('?' where nobody can read it)


def cut(items) -> list:
    """items: real_split items [(path, [(box, text, country)])] → [RealPlate], labelled plates ≥ MIN_WIDTH_PX wide."""
    out = []
    for path, plates in items:
        with Image.open(path) as photo:
            rgb = photo.convert("RGB")
            for (x, y, w, h), text, _country in plates:
                if w >= MIN_WIDTH_PX:
                    out.append(RealPlate(rgb.crop((round(x), round(y), round(x + w), round(y + h))), text))
    return out


def draw(plate: RealPlate, width_px: int) -> Image.Image:
    """The real plate scaled to width_px wide (aspect kept), as an opaque RGBA image like a rendered plate."""
    h = max(4, round(plate.image.height * width_px / plate.image.width))
    return plate.image.resize((max(8, width_px), h), Image.BICUBIC).convert("RGBA")
