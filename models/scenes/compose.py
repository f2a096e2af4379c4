"""Road-like scenes: background, vehicle fronts/rears carrying plates, hard negatives, camera effects."""
import math
import random
from dataclasses import dataclass
from typing import Optional

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import degrade, geometry, plates
from .generic import FONTS, _text

CAR_COLOURS = [(235, 235, 235), (20, 20, 22), (150, 152, 155), (190, 190, 195), (120, 20, 25), (25, 45, 110),
               (230, 230, 220), (60, 60, 65), (200, 170, 120), (40, 80, 50), (210, 120, 30), (245, 245, 250)]
# A plate cut by the frame is labelled only when at least this share of its area is in the frame (less: still drawn,
# a hard negative); the detector's --cut-edge windows label cut plates by the same rule (training/det_train.py).
MIN_IN_FRAME = 0.6
SIGN_COLOURS = [((20, 110, 60), (250, 250, 250)), ((30, 70, 160), (250, 250, 250)), ((245, 245, 245), (20, 20, 20)),
                ((240, 200, 30), (20, 20, 20)), ((120, 70, 30), (250, 250, 250)), ((200, 30, 30), (250, 250, 250))]
WORDS = ["EXIT", "RIYADH", "JEDDAH", "STOP", "PARKING", "SLOW", "KM", "AIRPORT", "DELIVERY", "EXPRESS", "TAXI",
         "CARGO", "SERVICE", "HOTEL", "MALL", "CITY", "CENTRE", "LOGISTICS", "NO ENTRY", "SPEED", "OPEN 24H"]


@dataclass
class Plate:
    box: tuple                # x, y, w, h in image pixels (axis-aligned box around the whole plate)
    text: str
    country: str
    format: str
    arabic: Optional[str]
    # what the camera did to this plate (look, blur, motion, noise, occlusion, glare, width, cut by the frame), as
    # crops.py records for crops, so a test set can be scored on the plates a person could read too
    # (training/evaluate.py CONDITIONS)
    conditions: Optional[dict] = None


def _background(w, h, rng):
    horizon = int(h * rng.uniform(0.1, 0.5))
    ys = np.linspace(0, 1, h)[:, None, None]
    sky_top = np.array([rng.uniform(90, 200), rng.uniform(120, 210), rng.uniform(160, 250)])
    sky = sky_top + (np.array([230, 230, 230]) - sky_top) * ys
    road = np.array([rng.uniform(60, 140)] * 3) + np.array([rng.uniform(-10, 10) for _ in range(3)])
    arr = np.where(ys * h < horizon, sky, road).repeat(w, axis=1).astype(np.float32)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(2, 10)):                              # buildings, walls, trees
        bw, bh = rng.uniform(0.05, 0.4) * w, rng.uniform(0.1, 0.5) * h
        x = rng.uniform(-0.1, 1.0) * w
        c = tuple(rng.randint(40, 220) for _ in range(3))
        if rng.random() < 0.3:
            d.ellipse([x, horizon - bh, x + bw, horizon + bh * 0.2], fill=(rng.randint(20, 80), rng.randint(60, 130), 30))
        else:
            d.rectangle([x, horizon - bh, x + bw, horizon + 2], fill=c)
            for _ in range(rng.randint(0, 8)):                         # windows
                wx, wy = x + rng.uniform(0, bw), horizon - rng.uniform(0, bh)
                d.rectangle([wx, wy, wx + bw * 0.08, wy + bh * 0.08], fill=tuple(max(0, v - 60) for v in c))
    for _ in range(rng.randint(0, 4)):                               # lane markings (in perspective)
        x = rng.uniform(0, w)
        d.line([(w / 2 + (x - w / 2) * 0.2, horizon), (x, h)], fill=(230, 230, 210), width=max(1, int(w * 0.004)))
    for _ in range(rng.randint(0, 3)):                               # poles
        x = rng.uniform(0, w)
        d.rectangle([x, rng.uniform(0, horizon), x + w * 0.006, h * rng.uniform(0.5, 1)], fill=(90, 90, 90))
    return img, horizon


def _sign(d, rng, w, h, scale):
    """Hard negative: a board with one to three lines of text, or text painted on a vehicle."""
    sw = rng.uniform(60, 500) * scale
    sh = sw * rng.uniform(0.2, 0.7)
    x, y = rng.uniform(0, w - sw), rng.uniform(0, h - sh)
    bg, ink = rng.choice(SIGN_COLOURS)
    d.rectangle([x, y, x + sw, y + sh], fill=bg, outline=ink if rng.random() < 0.5 else None,
                width=max(1, int(sh * 0.04)))
    lines = rng.randint(1, 3)
    for i in range(lines):
        word = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 2)))
        if rng.random() < 0.3:
            word += " " + str(rng.randint(1, 999))
        _text(d, (x + sw * 0.05, y + sh * (0.1 + 0.8 * i / lines), sw * 0.9, sh * 0.8 / lines * 0.8), word,
              rng.choice(FONTS), ink)


def _grille(d, x, y, gw, gh, rng, colour):
    d.rectangle([x, y, x + gw, y + gh], fill=tuple(max(0, c - 90) for c in colour))
    if rng.random() < 0.5:
        for i in range(1, rng.randint(3, 9)):
            yy = y + gh * i / 9
            d.line([(x, yy), (x + gw, yy)], fill=(170, 170, 170), width=max(1, int(gh * 0.05)))
    else:
        n = rng.randint(6, 20)
        for i in range(1, n):
            xx = x + gw * i / n
            d.line([(xx, y), (xx, y + gh)], fill=(150, 150, 150), width=max(1, int(gw * 0.01)))


def _vehicle(d, cx, bottom, vw, rng):
    """Draw a vehicle front or rear; returns the (x, y) where the plate's centre sits."""
    vh = vw * rng.uniform(0.55, 0.9)
    x0, y0 = cx - vw / 2, bottom - vh
    colour = rng.choice(CAR_COLOURS)
    d.rounded_rectangle([x0, y0, x0 + vw, bottom], radius=vw * 0.08, fill=colour)
    d.polygon([(x0 + vw * 0.12, y0 + vh * 0.05), (x0 + vw * 0.88, y0 + vh * 0.05), (x0 + vw * 0.95, y0 + vh * 0.4),
               (x0 + vw * 0.05, y0 + vh * 0.4)], fill=tuple(rng.randint(20, 70) for _ in range(3)))
    front = rng.random() < 0.5
    light = (240, 240, 225) if front else (200, 30, 30)
    for side in (0, 1):
        lx = x0 + vw * (0.04 if side == 0 else 0.78)
        d.rounded_rectangle([lx, y0 + vh * 0.45, lx + vw * 0.18, y0 + vh * 0.58], radius=vw * 0.02, fill=light)
    if front or rng.random() < 0.3:
        _grille(d, x0 + vw * 0.28, y0 + vh * 0.45, vw * 0.44, vh * 0.18, rng, colour)
    elif rng.random() < 0.4:                    # badge / model name on the trunk: text on a vehicle
        _text(d, (x0 + vw * 0.3, y0 + vh * 0.46, vw * 0.4, vh * 0.08), rng.choice(WORDS), rng.choice(FONTS),
              (200, 200, 200))
    d.rectangle([x0, y0 + vh * 0.78, x0 + vw, y0 + vh * 0.84], fill=tuple(max(0, c - 40) for c in colour))
    return cx + vw * rng.uniform(-0.05, 0.05), y0 + vh * rng.uniform(0.66, 0.76)


def plate_on(canvas: Image.Image, rng, draw: plates.PlateDraw, cx, cy, pose_strength=1.0):
    """Dirt, glare, perspective; paste centred on (cx, cy); returns the pasted box (x, y, w, h), unclipped."""
    img = degrade.dirt(draw.image, rng, rng.uniform(0, 0.6) if rng.random() < 0.35 else 0)
    yaw, pitch, roll = geometry.random_pose(rng, pose_strength)
    quad = geometry.project_quad(img.width, img.height, yaw, pitch, roll, rng.uniform(1.5, 6))
    warped, _ = geometry.warp(img, quad)
    x, y = int(round(cx - warped.width / 2)), int(round(cy - warped.height / 2))
    canvas.paste(warped, (x, y), warped)
    bx0, by0, bx1, by1 = warped.getchannel("A").point(lambda a: 255 if a > 64 else 0).getbbox() or (0, 0, 1, 1)
    return (x + bx0, y + by0, bx1 - bx0, by1 - by0)


def _clip(box, w, h):
    x, y, bw, bh = box
    x0, y0, x1, y1 = max(0, x), max(0, y), min(w, x + bw), min(h, y + bh)
    return (x0, y0, max(0, x1 - x0), max(0, y1 - y0))


def _occlude(d, rng, box):
    x, y, w, h = box
    if rng.random() < 0.5:                                         # pole / tow bar in front of the plate
        bw = w * rng.uniform(0.05, 0.15)
        bx = x + rng.uniform(0, w - bw)
        d.rectangle([bx, y - h, bx + bw, y + 2 * h], fill=tuple(rng.randint(20, 120) for _ in range(3)))
    else:                                                          # bumper edge / leaf over a corner
        cw, ch = w * rng.uniform(0.1, 0.25), h * rng.uniform(0.2, 0.5)
        cx, cy = rng.choice([x, x + w - cw]), rng.choice([y, y + h - ch])
        d.ellipse([cx, cy, cx + cw, cy + ch], fill=tuple(rng.randint(20, 160) for _ in range(3)))


def make_scene(seed: int, frame=(1920, 1080), plate_px=(60, 400), max_vehicles=4):
    """A scene of size frame; plate widths drawn log-uniform in plate_px. Returns (PIL RGB, [Plate])."""
    rng = random.Random(seed)
    w, h = frame
    scale = w / 1920.0
    img, horizon = _background(w, h, rng)
    d = ImageDraw.Draw(img)
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        _sign(d, rng, w, h, scale * rng.uniform(0.5, 2.0))
    out, taken = [], []
    n = rng.choice([0] + [1] * 4 + [2] * 2 + list(range(1, max_vehicles + 1)))
    for _ in range(n):
        pw = math.exp(rng.uniform(math.log(plate_px[0]), math.log(plate_px[1])))
        draw = plates.sample_plate(rng, int(round(pw * 1.15)))    # rendered slightly larger, warping shrinks it
        vw = pw * rng.uniform(3.4, 6.0)
        for _attempt in range(10):
            cx = rng.uniform(vw * 0.2, w - vw * 0.2)
            bottom = rng.uniform(max(horizon + vw * 0.3, h * 0.3), h + vw * 0.2)
            if all(abs(cx - ox) > (vw + ow) / 2 * 0.9 for ox, ow in taken):
                break
        else:
            continue
        taken.append((cx, vw))
        px, py = _vehicle(d, cx, bottom, vw, rng)
        box = plate_on(img, rng, draw, px, py)
        d = ImageDraw.Draw(img)
        occluded = rng.random() < 0.08
        if occluded:
            _occlude(d, rng, box)
        clipped = _clip(box, w, h)
        if clipped[2] * clipped[3] < MIN_IN_FRAME * box[2] * box[3]:  # mostly out of frame: not a labelled plate,
            continue                                               # but still drawn (the model sees it as hard)
        out.append(Plate(clipped, draw.text, draw.country, draw.format, draw.arabic,
                         {"occluded": occluded, "glare": False, "plate_width_px": clipped[2],
                          "cut_by_frame": tuple(clipped) != tuple(box)}))
    arr = np.asarray(img, dtype=np.float32)
    for p in out:
        if rng.random() < 0.15:
            p.conditions["glare"] = True
            x, y, bw, bh = p.box
            arr = degrade.glare(arr, rng, x + rng.uniform(0, bw), y + rng.uniform(0, bh), bw * 0.3,
                                rng.uniform(0.3, 0.9))
    kind = rng.choices(["day", "dusk", "ir"], weights=[0.6, 0.2, 0.2])[0]
    arr = degrade.look(arr, rng, kind)
    # drawn in the order the keyword arguments of one sensor(...) call drew them before: the scenes stay the same
    noise = rng.uniform(0, 10 if kind == "day" else 18)
    blur = rng.uniform(0, 1.5) * scale * 2 if rng.random() < 0.5 else 0
    motion = rng.uniform(0, 8) * scale * 2 if rng.random() < 0.3 else 0
    quality = rng.randint(35, 95)
    img = degrade.sensor(arr, rng, noise_sigma=noise, blur_sigma=blur, motion_len=motion, jpeg_quality=quality)
    for p in out:
        p.conditions.update(look=kind, blur_sigma=blur, motion_px=motion, noise_sigma=noise, jpeg_quality=quality)
    return img, out
