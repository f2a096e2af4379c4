"""Vehicle sprites: a front or rear view drawn at 1 px per mm with the plate
mounted, then sheared/rotated/foreshortened once. Scaled per frame by traffic.py."""
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

MM_PER_PX = 1.0          # sprites are drawn at 1 px per mm (plate ~1 px/mm at its largest in frame)
VERT = 0.8               # vertical foreshortening: camera looks down ~35 deg (cos 35 = 0.82), judgement
MARGIN = 60              # transparent border so shadow and rotation do not clip

# kind: (body width, total height, bonnet-top height, windscreen top, plate centre height) in mm.
# Typical car dimensions (judgement): sedan 1.75 m wide / 1.45 m high; trucks capped at 1.75 m
# wide so that two lanes never hide each other's plates (see traffic.py LANES).
KINDS = {
    "sedan": (1740, 1450, 820, 1300, 450),
    "suv":   (1750, 1720, 980, 1560, 520),
    "truck": (1750, 2150, 1050, 1950, 480),
}
BODY_COLOURS = ["#e9e9e6", "#c9ccd0", "#2b2d31", "#7a7d82", "#8c1f1f", "#1d3557",
                "#d8d2c0", "#f1f1ef", "#3d4b3a", "#a39a86"]


@dataclass
class Sprite:
    image: Image.Image      # RGBA, already sheared/rotated/foreshortened
    anchor: tuple           # ground contact point (bottom centre) in image px
    plate_quad: list        # 4 (x, y) plate corners in image px
    width_mm: float         # body width
    opaque: np.ndarray = None   # bool mask alpha > 200 (occlusion checks)
    levels: list = None         # [(scale, image)] pyramid 1, 1/2, 1/4: cheap resizing of far vehicles

    def __post_init__(self):
        self.opaque = np.asarray(self.image.getchannel("A")) > 200
        self.levels = [(1.0, self.image)]
        for _ in range(2):
            scale, im = self.levels[-1]
            self.levels.append((scale / 2, im.reduce(2)))

    def level_for(self, s):
        """Smallest pyramid level still at least as sharp as scale s."""
        return min((lv for lv in self.levels if lv[0] >= s), key=lambda lv: lv[0], default=self.levels[0])


def _shade(hex_colour, f):
    c = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return tuple(max(0, min(255, round(v * f))) for v in c)


def _draw_body(d, kind, colour, front, W, ground):
    bw, bh, bonnet, wind_top, _ = KINDS[kind]
    x0, x1 = (W - bw) / 2, (W + bw) / 2
    y = lambda h: ground - h            # noqa: E731  mm above ground -> image y
    body, dark, light = _shade(colour, 1.0), _shade(colour, 0.7), _shade(colour, 1.12)
    tyre = (22, 22, 24)
    d.rectangle([x0 + 40, y(360), x0 + 260, y(0)], fill=tyre)
    d.rectangle([x1 - 260, y(360), x1 - 40, y(0)], fill=tyre)
    # lower body / bumper face
    d.rounded_rectangle([x0, y(bonnet), x1, y(180)], radius=90, fill=body)
    d.rectangle([x0 + 30, y(330), x1 - 30, y(180)], fill=dark)                     # bumper
    # bonnet (front) or boot lid (rear) seen from above
    inset = bw * 0.06
    d.polygon([(x0, y(bonnet)), (x1, y(bonnet)), (x1 - inset, y(bonnet + 150)), (x0 + inset, y(bonnet + 150))], fill=light)
    # windscreen / rear window and roof
    gw0, gw1 = bw * 0.44, bw * 0.36
    glass = (40, 52, 66) if front else (30, 34, 40)
    d.polygon([(W / 2 - gw0, y(bonnet + 150)), (W / 2 + gw0, y(bonnet + 150)),
               (W / 2 + gw1, y(wind_top)), (W / 2 - gw1, y(wind_top))], fill=glass)
    d.polygon([(W / 2 - gw0 * 0.6, y(bonnet + 160)), (W / 2 - gw0 * 0.3, y(bonnet + 160)),
               (W / 2 - gw1 * 0.1, y(wind_top - 10)), (W / 2 - gw1 * 0.4, y(wind_top - 10))], fill=(70, 84, 98))
    d.rounded_rectangle([W / 2 - gw1 - 30, y(bh), W / 2 + gw1 + 30, y(wind_top)], radius=40, fill=body)
    # A-pillars
    for s in (-1, 1):
        d.line([(W / 2 + s * gw0, y(bonnet + 150)), (W / 2 + s * gw1, y(wind_top))], fill=body, width=45)
    # mirrors (front only, within the 1.75 m envelope)
    if front:
        d.rounded_rectangle([x0 - 5, y(bonnet + 260), x0 + 90, y(bonnet + 150)], radius=20, fill=dark)
        d.rounded_rectangle([x1 - 90, y(bonnet + 260), x1 + 5, y(bonnet + 150)], radius=20, fill=dark)
    # lights
    lamp = (236, 240, 242) if front else (190, 20, 24)
    lh = bonnet - 120
    d.rounded_rectangle([x0 + 50, y(lh), x0 + 360, y(lh - 110)], radius=35, fill=lamp)
    d.rounded_rectangle([x1 - 360, y(lh), x1 - 50, y(lh - 110)], radius=35, fill=lamp)
    if front:   # grille above the plate
        gx0, gx1 = W / 2 - bw * 0.2, W / 2 + bw * 0.2
        d.rounded_rectangle([gx0, y(lh + 10), gx1, y(560)], radius=30, fill=(28, 28, 30))
        for h in range(580, int(lh), 45):
            d.line([(gx0 + 20, y(h)), (gx1 - 20, y(h))], fill=(70, 70, 74), width=10)


def make_sprite(plate_img, plate_mm, kind, colour, front, angle_deg, shear) -> Sprite:
    bw, bh, _, _, plate_h = KINDS[kind]
    if not front:
        plate_h += 100            # rear plates sit a little higher, on the boot/bumper (judgement)
    W, H = int(bw + 2 * MARGIN), int(bh + 2 * MARGIN)
    ground = H - MARGIN
    img = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([MARGIN - 40, ground - 90, W - MARGIN + 40, ground + 40], fill=(0, 0, 0, 110))   # shadow
    _draw_body(d, kind, colour, front, W, ground)
    pw, ph = plate_mm
    plate = plate_img.resize((round(pw / MM_PER_PX), round(ph / MM_PER_PX)), Image.LANCZOS)
    px0, py0 = round(W / 2 - plate.width / 2), round(ground - plate_h - plate.height / 2)
    d.rectangle([px0 - 12, py0 - 12, px0 + plate.width + 12, py0 + plate.height + 12], fill=(20, 20, 22))  # holder
    img.alpha_composite(plate, (px0, py0))
    quad = [(px0, py0), (px0 + plate.width, py0), (px0 + plate.width, py0 + plate.height), (px0, py0 + plate.height)]
    return _warp(img, (W / 2, ground), quad, angle_deg, shear, bw)


def _warp(img, anchor, quad, angle_deg, shear, width_mm) -> Sprite:
    """Forward map p' = A p + t with A = rotation . shear-x . diag(1, VERT)."""
    a = math.radians(angle_deg)
    R = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    A = R @ np.array([[1, shear], [0, 1]]) @ np.diag([1, VERT])
    W, H = img.size
    corners = A @ np.array([[0, W, W, 0], [0, 0, H, H]], dtype=float)
    t = -corners.min(axis=1)
    out_w, out_h = np.ceil(corners.max(axis=1) + t).astype(int)
    inv = np.linalg.inv(A)
    c = -inv @ t                       # input = inv @ out + c
    data = (inv[0, 0], inv[0, 1], c[0], inv[1, 0], inv[1, 1], c[1])
    warped = img.transform((int(out_w), int(out_h)), Image.AFFINE, data, resample=Image.BICUBIC)
    fwd = lambda p: tuple(A @ np.array(p, dtype=float) + t)   # noqa: E731
    return Sprite(warped, fwd(anchor), [fwd(p) for p in quad], width_mm)
