"""Perspective: a flat plate rotated by yaw/pitch/roll in front of a pinhole camera, as a homography."""
import math

import numpy as np
from PIL import Image

YAW_DEG, PITCH_DEG, ROLL_DEG = 40.0, 25.0, 10.0   # brief: yaw ±40°, pitch ±25°, roll ±10°


def random_pose(rng, strength=1.0):
    """Angles in degrees; mostly mild (real cameras mostly see plates fairly square), sometimes extreme."""
    def a(limit):
        return rng.triangular(-limit, limit, 0) * strength
    return a(YAW_DEG), a(PITCH_DEG), a(ROLL_DEG)


def project_quad(w, h, yaw, pitch, roll, focal_over_w=None, rng=None):
    """Corners (TL, TR, BR, BL) of a w×h plate seen at these angles, in a frame whose origin is the top-left
    of the quad's bounding box; the projected width stays close to w."""
    y, p, r = (math.radians(v) for v in (yaw, pitch, roll))
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    rot = rz @ rx @ ry
    f = (focal_over_w or 3.0) * w
    pts = np.array([[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]]) @ rot.T
    z = pts[:, 2] + f
    quad = np.stack([pts[:, 0] * f / z, pts[:, 1] * f / z], axis=1)
    quad -= quad.min(axis=0)
    return quad


def _coeffs(dst, src):
    """PIL PERSPECTIVE coefficients mapping output points dst -> input points src."""
    a = []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    b = np.array(src, dtype=np.float64).reshape(8)
    return np.linalg.solve(np.array(a, dtype=np.float64), b).tolist()


def warp(img: Image.Image, quad: np.ndarray):
    """Warp an RGBA image onto quad (TL, TR, BR, BL); returns (RGBA image, offset of its top-left)."""
    x0, y0 = np.floor(quad.min(axis=0)).astype(int)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int)
    out_w, out_h = max(1, x1 - x0), max(1, y1 - y0)
    w, h = img.size
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    dst = [(qx - x0, qy - y0) for qx, qy in quad]
    warped = img.transform((out_w, out_h), Image.PERSPECTIVE, _coeffs(dst, src), Image.BILINEAR)
    return warped, (int(x0), int(y0))
