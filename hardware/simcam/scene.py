"""Static background: far scenery above the road crest, the road with lanes, kerbs,
pavement and roadside signs with text (hard negatives for the plate detector)."""
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from traffic import CX, G, H, W, Y_CREST, Y_VP

LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"
ARABIC = "/usr/share/fonts/truetype/noto/NotoKufiArabic-Bold.ttf"
ROAD_EDGE_MM = 1750      # edge lines; lanes at +-800 mm (traffic.LANES)
KERB_MM = (1900, 2050)   # kerb band, red/white blocks as common on Gulf roads (judgement)
PAVEMENT_MM = 3600


def _x(x_mm, y):
    """Screen x of a ground line at lateral offset x_mm, at screen row y."""
    return CX + x_mm * (y - Y_VP) / G


def _ground_poly(d, x0_mm, x1_mm, colour, y_top=Y_CREST, y_bot=H):
    d.polygon([(_x(x0_mm, y_top), y_top), (_x(x1_mm, y_top), y_top),
               (_x(x1_mm, y_bot), y_bot), (_x(x0_mm, y_bot), y_bot)], fill=colour)


def _font(path, size):
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


def _far_scenery(d, rng):
    for y in range(0, int(Y_CREST)):                     # hazy sky to sand
        f = y / Y_CREST
        d.line([(0, y), (W, y)], fill=(int(170 + 50 * f), int(190 + 30 * f), int(210 + 5 * f)))
    d.rectangle([0, 300, W, Y_CREST], fill=(206, 190, 160))         # distant sand
    x = -40
    while x < W:                                          # low-rise buildings on the skyline
        bw, bh = rng.randint(80, 220), rng.randint(60, 200)
        shade = rng.randint(175, 225)
        d.rectangle([x, 330 - bh, x + bw, 330 + 40], fill=(shade, shade - 8, shade - 22))
        for wy in range(330 - bh + 12, 360, 26):
            for wx in range(x + 10, x + bw - 14, 24):
                d.rectangle([wx, wy, wx + 10, wy + 12], fill=(120, 130, 140))
        x += bw + rng.randint(5, 60)
    d.rectangle([0, 370, W, Y_CREST], fill=(198, 182, 150))


def _road(d):
    _ground_poly(d, -PAVEMENT_MM * 3, PAVEMENT_MM * 3, (196, 178, 146))       # sand verge
    for s in (-1, 1):
        _ground_poly(d, s * KERB_MM[1], s * PAVEMENT_MM, (176, 172, 166))    # pavement
    _ground_poly(d, -KERB_MM[0], KERB_MM[0], (88, 90, 94))                   # asphalt
    for s in (-1, 1):                                                       # kerb blocks, 1 m deep steps in z
        for i, z0 in enumerate(np.arange(1.0, 3.8, 0.12)):
            y0, y1 = Y_VP + G / (z0 + 0.12), Y_VP + G / z0
            if y0 < Y_CREST or y0 > H:
                continue
            c = (200, 40, 40) if i % 2 else (235, 235, 230)
            d.polygon([(_x(s * KERB_MM[0], y0), y0), (_x(s * KERB_MM[1], y0), y0),
                       (_x(s * KERB_MM[1], y1), y1), (_x(s * KERB_MM[0], y1), y1)], fill=c)
        _ground_poly(d, s * (ROAD_EDGE_MM - 120), s * ROAD_EDGE_MM, (232, 232, 226))   # edge line
    for z0 in np.arange(1.0, 3.8, 0.3):                  # centre dashes: 40% duty in depth
        y0, y1 = Y_VP + G / (z0 + 0.12), Y_VP + G / z0
        if Y_CREST <= y0 <= H:
            d.polygon([(_x(-60, y0), y0), (_x(60, y0), y0), (_x(60, y1), y1), (_x(-60, y1), y1)], fill=(232, 232, 226))


def _sign(d, x_mm, s, w_mm, h_mm, bottom_mm, draw_face):
    """A sign on a pole at ground depth s; draw_face(draw, box) paints the panel."""
    gy = Y_VP + G * s
    gx = CX + x_mm * s
    pole_top = gy - (bottom_mm + h_mm) * 0.8 * s
    d.rectangle([gx - 40 * s, pole_top, gx + 40 * s, gy], fill=(120, 124, 128))
    box = [gx - w_mm / 2 * s, gy - (bottom_mm + h_mm) * 0.8 * s, gx + w_mm / 2 * s, gy - bottom_mm * 0.8 * s]
    draw_face(d, box)


def _direction_face(d, box):
    x0, y0, x1, y1 = box
    d.rounded_rectangle(box, radius=8, fill=(20, 90, 60), outline=(240, 240, 240), width=4)
    h = y1 - y0
    d.text(((x0 + x1) / 2, y0 + h * 0.28), "طريق الملك فهد", font=_font(ARABIC, int(h * 0.2)),
           fill=(245, 245, 245), anchor="mm", direction="rtl", language="ar")
    d.text(((x0 + x1) / 2, y0 + h * 0.58), "KING FAHD RD", font=_font(LATIN, int(h * 0.16)), fill=(245, 245, 245), anchor="mm")
    d.text(((x0 + x1) / 2, y0 + h * 0.83), "EXIT 12  ٢٥ KM 25", font=_font(LATIN, int(h * 0.13)),
           fill=(245, 245, 245), anchor="mm")


def _speed_face(d, box):
    x0, y0, x1, y1 = box
    d.ellipse(box, fill=(245, 245, 245), outline=(200, 20, 20), width=max(3, int((x1 - x0) * 0.12)))
    d.text(((x0 + x1) / 2, (y0 + y1) / 2), "80", font=_font(LATIN, int((y1 - y0) * 0.45)), fill=(10, 10, 10), anchor="mm")


def _shop_face(d, box):
    x0, y0, x1, y1 = box
    d.rectangle(box, fill=(250, 250, 245), outline=(30, 30, 30), width=3)
    h = y1 - y0
    d.text(((x0 + x1) / 2, y0 + h * 0.3), "AUTO 24", font=_font(LATIN, int(h * 0.32)), fill=(180, 20, 20), anchor="mm")
    d.text(((x0 + x1) / 2, y0 + h * 0.72), "0551 234 567", font=_font(LATIN, int(h * 0.22)), fill=(10, 10, 10), anchor="mm")


def render_background(rng) -> Image.Image:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    _far_scenery(d, rng)
    _road(d)
    d.rectangle([575, 215, 585, 300], fill=(90, 90, 95))              # rooftop billboard legs
    d.rectangle([735, 215, 745, 300], fill=(90, 90, 95))
    _shop_face(d, [500, 120, 820, 222])
    _sign(d, -2200, 0.36, 650, 650, 1500, _speed_face)
    _sign(d, 2400, 0.30, 1400, 1000, 900, _direction_face)
    # asphalt / ground texture: static low-amplitude blurred noise
    tex = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 7, (H // 2, W // 2)).astype(np.float32)
    tex_img = Image.fromarray(np.clip(tex + 128, 0, 255).astype(np.uint8)).resize((W, H), Image.BILINEAR)
    tex_img = tex_img.filter(ImageFilter.GaussianBlur(1))
    arr = np.asarray(img).astype(np.int16) + (np.asarray(tex_img).astype(np.int16) - 128)[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
