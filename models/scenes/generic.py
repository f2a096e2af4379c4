"""Generic plates of no particular country (label country "other"): random Latin letters and digits on
white / yellow / coloured rectangles in US-like (2:1, state word above, slogan below) and EU-like
(~4.7:1, blue band on the left) layouts, so the models learn "a plate" rather than only our formats."""
import random

from PIL import Image, ImageDraw, ImageFont

from plategen.text import font_path

FONTS = ["DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSansMono-Bold.ttf",
         "DejaVuSerif-Bold.ttf", "DejaVuSerifCondensed-Bold.ttf", "NotoSans-Bold.ttf", "DejaVuSans.ttf"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
WORDS = ["CALIFORNIA", "TEXAS", "FLORIDA", "NEW YORK", "OHIO", "ARIZONA", "NEVADA", "OREGON", "GEORGIA",
         "ILLINOIS", "VIRGINIA", "UTAH", "MAINE", "IOWA", "KANSAS", "IDAHO", "COLORADO", "MICHIGAN"]
SLOGANS = ["SUNSHINE STATE", "THE GREAT STATE", "DRIVE SAFELY", "LAND OF LINCOLN", "dmv.gov", "EXPLORE", ""]
BACKGROUNDS = [(245, 245, 240), (250, 250, 250), (236, 236, 228), (248, 214, 40), (250, 230, 120),
               (215, 230, 245), (230, 240, 225), (250, 235, 215), (40, 40, 45), (30, 70, 140), (120, 20, 30)]
DARK_INK = [(15, 15, 15), (20, 35, 110), (110, 15, 20), (15, 70, 30), (40, 40, 40)]


def _serial(rng):
    pattern = rng.choice(["LLLNNNN", "NLLLNNN", "LLNNNNN", "NNNLLL", "LLLNNN", "NLLLNN", "LNNNNLL", "LLNNLLL",
                          "NNNNLL", "LLLLNNN", "XXXXXXX", "XXXXXX", "XXXXX"])
    out = []
    for p in pattern:
        out.append(rng.choice(LETTERS) if p == "L" else rng.choice(DIGITS) if p == "N"
                   else rng.choice(LETTERS + DIGITS))
    return "".join(out)


def _split(serial, rng):
    """Printed form: optional space or hyphen inside the serial (not part of the canonical text)."""
    if len(serial) >= 5 and rng.random() < 0.5:
        i = rng.randint(2, len(serial) - 2)
        return serial[:i] + rng.choice([" ", "-", " "]) + serial[i:]
    return serial


def _fit(text, font_file, box_w, box_h):
    size = max(4, int(box_h))
    f = ImageFont.truetype(font_path(font_file), size)
    l, t, r, b = f.getbbox(text)
    scale = min(box_w / max(1, r - l), box_h / max(1, b - t))
    f = ImageFont.truetype(font_path(font_file), max(4, int(size * scale)))
    return f


def _text(draw, box, text, font_file, color):
    x, y, w, h = box
    f = _fit(text, font_file, w, h)
    l, t, r, b = f.getbbox(text)
    draw.text((x + (w - (r - l)) / 2 - l, y + (h - (b - t)) / 2 - t), text, font=f, fill=color)


def render(rng: random.Random, width_px: int):
    """(RGBA image, canonical text, two_row=False)."""
    serial = _serial(rng)
    printed = _split(serial, rng)
    font_file = rng.choice(FONTS)
    bg = rng.choice(BACKGROUNDS)
    dark_bg = sum(bg) < 300
    ink = rng.choice([(240, 240, 235), (250, 210, 40)]) if dark_bg else rng.choice(DARK_INK)
    layout = rng.choice(["us", "us", "eu", "plain"])
    aspect = {"us": rng.uniform(1.85, 2.1), "eu": rng.uniform(4.0, 4.8), "plain": rng.uniform(2.2, 4.0)}[layout]
    w = max(16, width_px)
    h = max(6, round(w / aspect))
    img = Image.new("RGBA", (w, h), bg + (255,))
    d = ImageDraw.Draw(img)
    if rng.random() < 0.3 and not dark_bg:      # faint gradient / scenery band behind the text
        band = tuple(max(0, c - rng.randint(10, 50)) for c in bg)
        d.rectangle([0, int(h * rng.uniform(0.5, 0.8)), w, h], fill=band + (255,))
    if layout == "us":
        _text(d, (w * 0.1, h * 0.04, w * 0.8, h * 0.18), rng.choice(WORDS), rng.choice(FONTS),
              rng.choice(DARK_INK) if not dark_bg else ink)
        _text(d, (w * 0.06, h * 0.25, w * 0.88, h * 0.55), printed, font_file, ink)
        slogan = rng.choice(SLOGANS)
        if slogan:
            _text(d, (w * 0.2, h * 0.84, w * 0.6, h * 0.12), slogan, rng.choice(FONTS), ink)
    elif layout == "eu":
        bw = w * 0.085
        d.rectangle([0, 0, bw, h], fill=(25, 60, 160, 255))
        _text(d, (bw * 0.15, h * 0.6, bw * 0.7, h * 0.3), rng.choice(["D", "F", "NL", "GB", "I", "E", "PL"]),
              "DejaVuSans-Bold.ttf", (240, 240, 240))
        _text(d, (bw + w * 0.03, h * 0.14, w - bw - w * 0.06, h * 0.72), printed, font_file, ink)
    else:
        _text(d, (w * 0.05, h * 0.15, w * 0.9, h * 0.7), printed, font_file, ink)
    if rng.random() < 0.8:
        lw = max(1, round(h * rng.uniform(0.02, 0.05)))
        d.rounded_rectangle([0, 0, w - 1, h - 1], radius=h * 0.08, outline=ink + (255,), width=lw)
    return img, serial, False
