"""Recogniser samples: a plate in perspective on a vehicle-like patch, cut out like the edge does
(detector box, with some detector error, enlarged by 10 % of its size per side), grey, 160×64."""
import math
import random
from dataclasses import dataclass
from typing import Optional

import numpy as np
from PIL import Image, ImageDraw

from . import compose, degrade, plates

CROP_W, CROP_H, MARGIN = 160, 64, 0.10      # CONTRACT.md: input `crop` [N,1,64,160], margin 10 %


@dataclass
class CropLabel:
    text: str
    country: str
    format: str
    arabic: Optional[str]
    # how the crop was made (plate width in camera pixels, occluded, glare, look, blur, noise, JPEG quality), so
    # scores can be broken down by condition; not a training target
    conditions: Optional[dict] = None


def _widened(img: Image.Image, box, margin):
    """Box (x, y, w, h) enlarged by margin·w / margin·h per side and clamped to the image → (x0, y0, x1, y1)."""
    x, y, w, h = box
    return (max(0, x - margin * w), max(0, y - margin * h),
            min(img.width, x + w + margin * w), min(img.height, y + h + margin * h))


def cut(img: Image.Image, box, margin=MARGIN):
    """The contract's crop: box (x, y, w, h) enlarged by margin·w / margin·h per side, clamped, stretched, grey."""
    x0, y0, x1, y1 = _widened(img, box, margin)
    return img.convert("L").resize((CROP_W, CROP_H), Image.BILINEAR, box=(x0, y0, max(x0 + 1, x1), max(y0 + 1, y1)))


def inside(img: Image.Image, box, margin=MARGIN):
    """Whether cut() has at least a pixel of the widened box inside the image (the edge's GreyCropSampler.TrySample
    refuses a box without one, so its reader never reads it)."""
    x0, y0, x1, y1 = _widened(img, box, margin)
    return box[2] > 0 and box[3] > 0 and x1 - x0 >= 1 and y1 - y0 >= 1


def jitter_box(box, rng, amount=0.06):
    """A detector's box is never exact: shift and scale each side by up to `amount` of the size."""
    x, y, w, h = box
    dx0, dx1 = (rng.uniform(-amount, amount) * w for _ in range(2))
    dy0, dy1 = (rng.uniform(-amount, amount) * h for _ in range(2))
    return (x + dx0, y + dy0, max(2.0, w - dx0 + dx1), max(2.0, h - dy0 + dy1))


def make_crop(seed: int, kind: str = None):
    """(uint8 array 64×160, CropLabel)."""
    rng = random.Random(seed)
    pw = math.exp(rng.uniform(math.log(45), math.log(300)))        # plate width in camera pixels
    draw = plates.sample_plate(rng, int(round(pw)), kind)
    pad = int(pw * 0.15) + 8
    colour = rng.choice(compose.CAR_COLOURS)
    canvas = Image.new("RGB", (int(pw * 1.3) + 2 * pad, int(pw * 0.9) + 2 * pad), colour)
    d = ImageDraw.Draw(canvas)
    for _ in range(rng.randint(0, 4)):                             # bumper lines, grille bars, lights nearby
        y = rng.uniform(0, canvas.height)
        d.line([(0, y), (canvas.width, y + rng.uniform(-5, 5))], fill=tuple(rng.randint(0, 255) for _ in range(3)),
               width=max(1, int(pw * rng.uniform(0.01, 0.08))))
    cx, cy = canvas.width / 2, canvas.height / 2
    box = compose.plate_on(canvas, rng, draw, cx, cy)
    d = ImageDraw.Draw(canvas)
    occluded = rng.random() < 0.05
    if occluded:
        compose._occlude(d, rng, box)
    jb = jitter_box(box, rng)
    # camera effects on the region around the crop only (cheap), then the contract's cut from that region
    rx0, ry0 = max(0, int(jb[0] - 0.3 * jb[2])), max(0, int(jb[1] - 0.3 * jb[3]))
    rx1, ry1 = min(canvas.width, int(jb[0] + 1.3 * jb[2]) + 1), min(canvas.height, int(jb[1] + 1.3 * jb[3]) + 1)
    region = canvas.crop((rx0, ry0, rx1, ry1))
    arr = np.asarray(region, dtype=np.float32)
    bx, by = box[0] - rx0, box[1] - ry0
    glare = rng.random() < 0.12
    if glare:
        arr = degrade.glare(arr, rng, bx + rng.uniform(0, box[2]), by + rng.uniform(0, box[3]),
                            box[2] * 0.25, rng.uniform(0.3, 0.8))
    kind_look = rng.choices(["day", "dusk", "ir"], weights=[0.6, 0.2, 0.2])[0]
    arr = degrade.look(arr, rng, kind_look)
    noise_sigma = rng.uniform(0, 12 if kind_look == "day" else 20)
    blur_sigma = rng.uniform(0, min(1.6, pw / 90)) if rng.random() < 0.5 else 0
    motion_len = rng.uniform(0, min(6, pw / 25)) if rng.random() < 0.25 else 0
    jpeg_quality = rng.randint(30, 95)
    img = degrade.sensor(arr, rng, noise_sigma=noise_sigma, blur_sigma=blur_sigma, motion_len=motion_len,
                         jpeg_quality=jpeg_quality)
    crop = cut(img, (jb[0] - rx0, jb[1] - ry0, jb[2], jb[3]))
    conditions = {"plate_width_px": round(pw, 1), "occluded": occluded, "glare": glare, "look": kind_look,
                  "blur_sigma": round(blur_sigma, 2), "motion_px": round(motion_len, 2),
                  "noise_sigma": round(noise_sigma, 1), "jpeg_quality": jpeg_quality}
    return np.asarray(crop, dtype=np.uint8), CropLabel(draw.text, draw.country, draw.format, draw.arabic, conditions)
