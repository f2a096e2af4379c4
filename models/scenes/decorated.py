"""Decorated US-style plates (label country "other"): the looks that real-dev/us's missed plates have and our plain
generic plates lack — graphic backgrounds (gradients, mountains, sun, waves), dark designs, an emblem between the
character groups, registration stickers, screws, embossed characters and a dealer frame with its own text.

The canonical text is given (drawn by generic.render with the scene's random stream); everything here comes from
a child stream, so the scene's other random choices are the same with or without decoration."""
import math
import random

from PIL import Image, ImageDraw

from .generic import DIGITS, FONTS, LETTERS, SLOGANS, WORDS, _text

# (top colour, bottom colour, ink choices): light designs with dark ink, dark designs with light ink
DESIGNS = [
    ((250, 250, 250), (200, 220, 245), [(20, 35, 110), (110, 15, 20), (15, 15, 15)]),     # white → sky blue
    ((252, 240, 200), (245, 170, 80), [(20, 35, 110), (15, 15, 15), (120, 20, 30)]),      # sunset
    ((245, 245, 240), (245, 245, 240), [(20, 35, 110), (110, 15, 20), (15, 70, 30)]),     # plain white, coloured ink
    ((255, 248, 190), (250, 225, 90), [(15, 15, 15), (20, 35, 110)]),                     # yellow
    ((225, 240, 225), (250, 250, 245), [(15, 70, 30), (15, 15, 15)]),                     # pale green
    ((35, 45, 95), (20, 30, 70), [(250, 250, 250), (250, 210, 40)]),                      # dark blue (Michigan-like)
    ((25, 25, 28), (45, 45, 50), [(250, 250, 250), (250, 210, 40), (235, 235, 235)]),     # black
    ((105, 20, 30), (80, 15, 25), [(250, 250, 250)]),                                     # maroon
    ((40, 90, 60), (25, 60, 40), [(250, 250, 250)]),                                      # dark green
]
FRAME_TEXT = ["AUTO GROUP", "MOTORS", "TOYOTA OF CITY", "HONDA WORLD", "DRIVE WITH PRIDE", "CERTIFIED PRE-OWNED",
              "FORD", "CHEVROLET", "UNIVERSITY ALUMNI", "GO TEAM", "dealer.com", "FAMILY AUTO SALES"]


def _gradient(w, h, top, bottom):
    img = Image.new("RGBA", (w, h))
    d = ImageDraw.Draw(img)
    for y in range(h):
        t = y / max(1, h - 1)
        d.line([(0, y), (w, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)) + (255,))
    return img


def _scenery(d, r, w, h, top):
    """A faint picture behind the characters: mountains, a sun, waves or a skyline."""
    dark = sum(top) < 300
    tint = lambda k: tuple(max(0, min(255, c + (k if dark else -k))) for c in top) + (255,)   # noqa: E731
    kind = r.choice(["mountains", "sun", "waves", "skyline", "none"])
    if kind == "mountains":
        base = h * r.uniform(0.75, 0.95)
        pts, x = [(0, h)], 0.0
        while x < w:
            pts += [(x, base), (x + w * r.uniform(0.08, 0.2), h * r.uniform(0.3, 0.6))]
            x += w * r.uniform(0.15, 0.35)
        pts += [(w, base), (w, h)]
        d.polygon(pts, fill=tint(r.randint(25, 70)))
    elif kind == "sun":
        rad, cx, cy = h * r.uniform(0.2, 0.45), w * r.uniform(0.15, 0.85), h * r.uniform(0.2, 0.6)
        d.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], fill=r.choice([(250, 200, 80, 255), tint(40)]))
    elif kind == "waves":
        for k in range(r.randint(1, 3)):
            y0 = h * r.uniform(0.65, 0.95)
            amp = h * r.uniform(0.02, 0.06)
            pts = [(x, y0 + amp * ((x // max(1, w // 12)) % 2)) for x in range(0, w + 1, max(1, w // 24))]
            d.line(pts, fill=tint(30 + 15 * k), width=max(1, round(h * 0.04)))
    elif kind == "skyline":
        x = 0.0
        while x < w:
            bw = w * r.uniform(0.04, 0.1)
            d.rectangle([x, h * r.uniform(0.55, 0.85), x + bw, h], fill=tint(r.randint(20, 50)))
            x += bw + w * r.uniform(0.0, 0.03)


def _emblem(d, r, box, colour):
    """A small shape between the character groups (state outline, circle, star, heart stand-ins)."""
    x, y, bw, bh = box
    cx, cy, s = x + bw / 2, y + bh / 2, min(bw, bh) / 2
    kind = r.choice(["circle", "diamond", "star", "blob"])
    if kind == "circle":
        d.ellipse([cx - s, cy - s, cx + s, cy + s], fill=colour + (255,))
    elif kind == "diamond":
        d.polygon([(cx, cy - s), (cx + s * 0.7, cy), (cx, cy + s), (cx - s * 0.7, cy)], fill=colour + (255,))
    elif kind == "star":
        pts = [(cx + (s if i % 2 == 0 else s * 0.45) * math.sin(i * math.pi / 5),
                cy - (s if i % 2 == 0 else s * 0.45) * math.cos(i * math.pi / 5)) for i in range(10)]
        d.polygon(pts, fill=colour + (255,))
    else:
        pts = [(cx + s * r.uniform(0.5, 1.0) * c, cy + s * r.uniform(0.5, 1.0) * v)
               for c, v in ((0, -1), (0.8, -0.6), (1, 0.2), (0.4, 1), (-0.5, 0.9), (-1, 0.1), (-0.7, -0.7))]
        d.polygon(pts, fill=colour + (255,))


def _serial_text(d, r, box, serial, font_file, ink, emboss):
    """The characters, in one run or two groups with an emblem between them."""
    x, y, bw, bh = box
    shadow = tuple(max(0, c - 90) if sum(ink) > 400 else min(255, c + 70) for c in ink)
    if len(serial) >= 5 and r.random() < 0.45:
        i = r.randint(2, len(serial) - 2)
        gap = bw * r.uniform(0.09, 0.14)
        lw = (bw - gap) * i / len(serial)
        parts = [((x, y, lw, bh), serial[:i]), ((x + lw + gap, y, bw - lw - gap, bh), serial[i:])]
        _emblem(d, r, (x + lw, y + bh * 0.2, gap, bh * 0.6), r.choice([ink, (180, 30, 40), (30, 60, 150)]))
    else:
        parts = [(box, serial)]
    for (px, py, pw, ph), text in parts:
        if emboss:
            o = max(1, round(bh * 0.04))
            _text(d, (px + o, py + o, pw, ph), text, font_file, shadow)
        _text(d, (px, py, pw, ph), text, font_file, ink)


def _sticker(d, r, w, h, left):
    sw, sh = w * r.uniform(0.09, 0.14), h * r.uniform(0.14, 0.22)
    x = w * r.uniform(0.03, 0.06) if left else w * (1 - r.uniform(0.03, 0.06)) - sw
    y = h * r.uniform(0.04, 0.1)
    d.rectangle([x, y, x + sw, y + sh], fill=r.choice([(230, 60, 60), (60, 150, 70), (250, 200, 40),
                                                       (70, 110, 210), (240, 240, 240)]) + (255,))
    if sw > 12:
        _text(d, (x + sw * 0.1, y + sh * 0.2, sw * 0.8, sh * 0.6), "".join(r.choice(DIGITS) for _ in range(2)),
              "DejaVuSans-Bold.ttf", (20, 20, 20))


def _frame(d, r, w, h):
    """A dealer or club frame around the plate: thick band with text at the bottom, sometimes the top."""
    colour = r.choice([(20, 20, 22), (190, 190, 195), (60, 60, 65), (150, 120, 60)])
    text_ink = (235, 235, 235) if sum(colour) < 400 else (20, 20, 20)
    side, bottom = h * r.uniform(0.04, 0.07), h * r.uniform(0.12, 0.18)
    top = bottom if r.random() < 0.35 else side
    lw = max(1, round(side))
    d.rectangle([0, 0, w, top], fill=colour + (255,))
    d.rectangle([0, h - bottom, w, h], fill=colour + (255,))
    d.rectangle([0, 0, lw, h], fill=colour + (255,))
    d.rectangle([w - lw, 0, w, h], fill=colour + (255,))
    _text(d, (w * 0.15, h - bottom * 0.9, w * 0.7, bottom * 0.8), r.choice(FRAME_TEXT), r.choice(FONTS), text_ink)
    if top > side:
        _text(d, (w * 0.2, top * 0.1, w * 0.6, top * 0.8), r.choice(FRAME_TEXT), r.choice(FONTS), text_ink)


def render(r: random.Random, serial: str, width_px: int):
    """RGBA image of a decorated 2:1 plate carrying `serial`."""
    w = max(16, width_px)
    h = max(8, round(w / r.uniform(1.85, 2.1)))
    top, bottom, inks = r.choice(DESIGNS)
    img = _gradient(w, h, top, bottom)
    d = ImageDraw.Draw(img)
    _scenery(d, r, w, h, top)
    ink = r.choice(inks)
    word_ink = r.choice([ink, (180, 30, 40), (30, 60, 150)]) if sum(top) > 400 else ink
    _text(d, (w * r.uniform(0.12, 0.25), h * 0.05, w * r.uniform(0.5, 0.75), h * r.uniform(0.14, 0.2)),
          r.choice(WORDS), r.choice(FONTS), word_ink)
    _serial_text(d, r, (w * 0.07, h * r.uniform(0.25, 0.3), w * 0.86, h * r.uniform(0.45, 0.55)), serial,
                 r.choice(FONTS[:3] + FONTS[5:6]), ink, emboss=r.random() < 0.4)
    slogan = r.choice(SLOGANS + ["COUNTY", "IN GOD WE TRUST", "LAND OF 10,000 LAKES"])
    if slogan:
        _text(d, (w * 0.22, h * 0.85, w * 0.56, h * 0.1), slogan, r.choice(FONTS), word_ink)
    for left in (True, False):
        if r.random() < 0.35:
            _sticker(d, r, w, h, left)
    if r.random() < 0.5:                          # screws near the top (and sometimes the bottom)
        rad = max(1, h * 0.035)
        for sx in (w * 0.22, w * 0.78):
            for sy in ((h * 0.1,) if r.random() < 0.6 else (h * 0.1, h * 0.9)):
                d.ellipse([sx - rad, sy - rad, sx + rad, sy + rad], fill=(150, 150, 150, 255))
    if r.random() < 0.45:
        _frame(d, r, w, h)
    elif r.random() < 0.6:
        d.rounded_rectangle([0, 0, w - 1, h - 1], radius=h * 0.08, outline=ink + (255,),
                            width=max(1, round(h * r.uniform(0.02, 0.04))))
    return img


def vanity(r: random.Random):
    """A short personalised serial (2–5 characters), as vanity plates carry."""
    return "".join(r.choice(LETTERS + DIGITS if r.random() < 0.4 else LETTERS) for _ in range(r.randint(2, 5)))
