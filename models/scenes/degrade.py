"""Camera effects on PIL images / float arrays: looks (day, dusk, IR night), blur, noise, JPEG, glare, dirt."""
import io
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter


def dirt(plate: Image.Image, rng, amount):
    """Brown/grey blotches and a dusty veil on an RGBA plate (before warping)."""
    if amount <= 0:
        return plate
    w, h = plate.size
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    col = rng.choice([(110, 90, 60), (80, 70, 60), (150, 130, 100), (60, 55, 50)])
    for _ in range(rng.randint(2, 12)):
        r = rng.uniform(0.03, 0.2) * h
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        d.ellipse([x - r * 2, y - r, x + r * 2, y + r], fill=col + (int(255 * amount * rng.uniform(0.3, 0.9)),))
    layer = layer.filter(ImageFilter.GaussianBlur(max(0.5, h * 0.03)))
    veil = Image.new("RGBA", (w, h), col + (int(90 * amount),))
    alpha = plate.getchannel("A")
    out = Image.alpha_composite(Image.alpha_composite(plate, veil), layer)
    out.putalpha(alpha)
    return out


def glare(arr: np.ndarray, rng, cx, cy, radius, strength):
    """Add a soft bright spot (sun or headlight reflection) to an HxWx3 float array in [0,255]."""
    h, w = arr.shape[:2]
    ys, xs = np.ogrid[0:h, 0:w]
    rx, ry = radius * rng.uniform(0.7, 2.0), radius * rng.uniform(0.4, 1.0)
    y0, y1 = max(0, int(cy - 2 * ry)), min(h, int(cy + 2 * ry) + 1)
    x0, x1 = max(0, int(cx - 2 * rx)), min(w, int(cx + 2 * rx) + 1)
    g = np.exp(-(((xs[:, x0:x1] - cx) / rx) ** 2 + ((ys[y0:y1] - cy) / ry) ** 2) * 2.0) * strength
    arr[y0:y1, x0:x1] += (g[..., None] * 255.0).astype(np.float32)
    return arr


def motion_blur(arr, rng, length):
    if length < 1.5:
        return arr
    angle = rng.uniform(0, math.pi)
    n = int(round(length))
    acc = np.zeros_like(arr)
    for i in range(n):
        t = i - (n - 1) / 2
        dx, dy = int(round(t * math.cos(angle))), int(round(t * math.sin(angle)))
        acc += np.roll(np.roll(arr, dy, axis=0), dx, axis=1)
    return acc / n


_NOISE_BANK = []
_BANK_H, _BANK_W = 1080 + 64, 1920 + 64


def _noise(shape, rng):
    """Standard-normal noise for an HxWx3 image (H ≤ 1080, W ≤ 1920): a slice of one fixed bank (seed 0) at a
    random offset, mostly shared across channels (luma noise) plus a smaller per-channel part."""
    h, w, _ = shape
    if not _NOISE_BANK:
        _NOISE_BANK.append(np.random.default_rng(0).standard_normal((_BANK_H, _BANK_W, 2), dtype=np.float32))
    bank = _NOISE_BANK[0]
    oy, ox = rng.randrange(_BANK_H - h + 1), rng.randrange(_BANK_W - w + 1)
    part = bank[oy:oy + h, ox:ox + w]
    return part[..., :1] + 0.4 * part[..., 1:2] * np.array([1.0, -0.5, 0.7], dtype=np.float32)


def look(arr, rng, kind):
    """day | dusk | ir : global light of the scene, on an HxWx3 float array."""
    if kind == "day":
        gain = rng.uniform(0.75, 1.2)
        tint = np.array([rng.uniform(0.95, 1.05), 1.0, rng.uniform(0.93, 1.07)], dtype=np.float32)
        return arr * np.float32(gain) * tint + np.float32(rng.uniform(-15, 15))
    if kind == "dusk":
        gain = rng.uniform(0.25, 0.55)
        tint = np.array([1.1, 0.95, 0.8] if rng.random() < 0.6 else [0.85, 0.9, 1.1], dtype=np.float32)
        return arr * np.float32(gain) * tint
    gray = arr @ np.array([0.299, 0.587, 0.114], dtype=np.float32)                    # infrared: monochrome, high contrast
    gray = np.clip((gray - np.float32(rng.uniform(20, 60))) * np.float32(rng.uniform(1.0, 1.6)), 0, 255)
    return np.repeat(gray[..., None], 3, axis=2)


def sensor(img_arr, rng, noise_sigma, blur_sigma, motion_len, jpeg_quality):
    """Focus blur, motion blur, Gaussian noise, JPEG round trip; returns PIL RGB."""
    arr = motion_blur(img_arr, rng, motion_len)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if blur_sigma > 0.3:
        img = img.filter(ImageFilter.GaussianBlur(blur_sigma))
    if noise_sigma > 0:
        a = np.asarray(img, dtype=np.float32)
        a = a + _noise(a.shape, rng) * noise_sigma
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if jpeg_quality < 100:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=int(jpeg_quality))
        buf.seek(0)
        img = Image.open(buf).convert("RGB")
    return img
