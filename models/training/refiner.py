"""Plate box refiner: a small third stage that redraws the detector's box around the whole plate.

The detector predicts a plate's height and width from one cell of a 1/4-scale map, and at 60–120 px it often cannot
tell a one-row plate from a two-row one: on the 1920×1080 test scenes 17 of its 68 misses had a box on the plate at
IoU 0.34–0.49 (one-row plates boxed twice as tall, rolled or two-row plates boxed half as tall). The refiner looks at
the box's surroundings (the box widened by REGION_X of its width and REGION_Y of its height per side, clamped to the
frame, grey, 64×160 — sampled like the recogniser's crop) and gives the plate's edges as fractions of that region.
Trained on the detector's own boxes in scenes it never trained on and on the real-dev train split, matched to a
labelled plate at IoU ≥ MATCH_IOU, and on labelled boxes distorted the way the detector errs."""
import inspect
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

from scenes import crops
from . import detector as det, evaluate, verifier

REGION_X, REGION_Y = 0.25, 0.5       # a box half the plate's height still holds the whole plate (measured misses)
MATCH_IOU = 0.25                     # a box on the plate: the misses above reach down to IoU 0.34
MAX_BOXES = verifier.MAX_BOXES


def region(img: Image.Image, box):
    """The detector box (x, y, w, h) widened by REGION_X·w / REGION_Y·h per side, clamped → (x0, y0, x1, y1)."""
    x, y, w, h = box
    return (max(0.0, x - REGION_X * w), max(0.0, y - REGION_Y * h),
            min(float(img.width), x + w + REGION_X * w), min(float(img.height), y + h + REGION_Y * h))


def cut(img: Image.Image, box):
    """Grey 64×160 uint8 of the region, or None when it has no pixel inside the frame (the edge skips it too)."""
    x0, y0, x1, y1 = region(img, box)
    if box[2] <= 0 or box[3] <= 0 or x1 - x0 < 1 or y1 - y0 < 1:
        return None
    return np.asarray(img.convert("L").resize((crops.CROP_W, crops.CROP_H), Image.BILINEAR, box=(x0, y0, x1, y1)),
                      dtype=np.uint8)


def target(img, box, label):
    """The label box's edges as fractions of the region cut around `box` → [x0, y0, x1, y1]."""
    x0, y0, x1, y1 = region(img, box)
    lx, ly, lw, lh = label
    return [(lx - x0) / (x1 - x0), (ly - y0) / (y1 - y0), (lx + lw - x0) / (x1 - x0), (ly + lh - y0) / (y1 - y0)]


def from_target(img, box, t):
    """Inverse of target: region fractions → (x, y, w, h) in frame pixels."""
    x0, y0, x1, y1 = region(img, box)
    ax, ay = x0 + t[0] * (x1 - x0), y0 + t[1] * (y1 - y0)
    bx, by = x0 + t[2] * (x1 - x0), y0 + t[3] * (y1 - y0)
    return (ax, ay, max(1.0, bx - ax), max(1.0, by - ay))


def distort(label, rng):
    """A labelled box redrawn with the detector's kind of error: height ×0.5–2, width ×0.75–1.3 (log-uniform), the
    centre moved by up to 12 % of the width and 25 % of the height."""
    x, y, w, h = label
    cx, cy = x + w / 2 + rng.uniform(-0.12, 0.12) * w, y + h / 2 + rng.uniform(-0.25, 0.25) * h
    nw, nh = w * math.exp(rng.uniform(math.log(0.75), math.log(1.3))), h * math.exp(rng.uniform(math.log(0.5), math.log(2.0)))
    return (cx - nw / 2, cy - nh / 2, nw, nh)


class Refiner(nn.Module):
    """Five 3×3 convolutions to a 4×10 map (where the plate's edges lie is kept: no global pooling), two linear layers."""

    def __init__(self):
        super().__init__()
        conv = verifier.conv
        self.body = nn.Sequential(conv(1, 16, 2), conv(16, 32, 2), conv(32, 48, 2), conv(48, 64, 2), conv(64, 32))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(32 * 4 * 10, 64), nn.ReLU(inplace=True), nn.Linear(64, 4))

    def forward(self, x):                                   # [N,1,64,160] in [0,1] → [N,4] region fractions
        return self.head(self.body(x - 0.5)) + torch.tensor([1 / 6, 1 / 4, 5 / 6, 3 / 4])  # the box itself


def harvest(det_model, chunks, threshold, rng, distorted=2):
    """chunks: [(PIL image, [label boxes])] → (crops, targets, detector boxes' IoU with their plate, is_detector):
    every detector box at `threshold` (merged as the edge does) on a plate at IoU ≥ MATCH_IOU, and `distorted`
    distorted copies of each labelled plate."""
    arrs, tg, ious, kind = [], [], [], []
    for chunk in chunks:
        raw = evaluate.detect(det_model, [img for img, _ in chunk], threshold, merge=False)
        for (img, gts), peaks in zip(chunk, raw):
            for _score, *box in det.merge_peaks(peaks[:4 * MAX_BOXES])[:MAX_BOXES]:
                best, g = max(((evaluate.iou(box, g), g) for g in gts), default=(0.0, None))
                a = cut(img, box) if best >= MATCH_IOU else None
                if a is not None:
                    arrs.append(a), tg.append(target(img, box, g)), ious.append(best), kind.append(1)
            for g in gts:
                for _ in range(distorted):
                    box = distort(g, rng)
                    a = cut(img, box)
                    if a is not None:
                        arrs.append(a), tg.append(target(img, box, g)), ious.append(evaluate.iou(box, g)), kind.append(0)
    return arrs, tg, ious, kind


def training_set(det_model, threshold, scene_dirs, real_items, real_weight, log=print):
    rng = random.Random(13)
    x, t, w = [], [], []
    for d, weight in [(d, 1.0) for d in scene_dirs] + [(None, real_weight)]:
        a, tg, ious, kind = harvest(det_model, verifier.scene_chunks(d) if d else verifier.real_chunks(real_items),
                                    threshold, rng)
        x += a
        t += tg
        w += [weight] * len(a)
        log(f"refiner: {sum(kind)} detector boxes on plates and {len(kind) - sum(kind)} distorted labels in "
            f"{d.name if d else 'real-dev train'}")
    return np.stack(x), np.array(t, np.float32), np.array(w, np.float32)


def augment(x, t, g):
    """uint8 [N,64,160], targets [N,4] → float [N,1,64,160], targets: contrast, brightness, a mirror image for half
    (the edges swap), a lower resolution with noise for half (far, frame-blurred plates)."""
    x = x.float().unsqueeze(1) / 255.0
    n = x.shape[0]
    contrast = torch.empty(n, 1, 1, 1).uniform_(0.6, 1.3, generator=g)
    bright = torch.empty(n, 1, 1, 1).uniform_(-0.15, 0.15, generator=g)
    mean = x.mean(dim=(2, 3), keepdim=True)
    x = (x - mean) * contrast + mean + bright
    flip = torch.rand(n, generator=g) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    t = torch.where(flip[:, None], torch.stack([1 - t[:, 2], t[:, 1], 1 - t[:, 0], t[:, 3]], 1), t)
    half = n // 2
    scale = float(torch.empty(1).uniform_(0.35, 1.0, generator=g))
    low = F.interpolate(x[:half], size=(max(8, round(64 * scale)), max(16, round(160 * scale))), mode="bilinear",
                        align_corners=False, antialias=True)
    low = F.interpolate(low, size=(64, 160), mode="bilinear", align_corners=False)
    low = low + torch.empty(half, 1, 1, 1).uniform_(0.0, 0.05, generator=g) * torch.randn(low.shape, generator=g)
    return torch.cat([low, x[half:]]).clamp(0, 1), t


def train(x, t, weight, minutes, steps_cap=None, batch=128, seed=0, peak_lr=2e-3, log=print):
    """Smooth L1 on the region fractions, samples drawn by weight (real photographs count more)."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    model = Refiner()
    opt = torch.optim.AdamW(model.parameters(), lr=peak_lr, weight_decay=1e-4)
    xt, tt, pick = torch.from_numpy(x), torch.from_numpy(t), torch.from_numpy(weight)
    budget, t0, step = minutes * 60.0, time.time(), 0
    while True:
        frac = (time.time() - t0) / budget
        if frac >= 1 or (steps_cap and step >= steps_cap):
            break
        lr = verifier.set_lr(opt, peak_lr, step, frac)
        i = torch.multinomial(pick, batch, replacement=True, generator=g)
        xb, tb = augment(xt[i], tt[i], g)
        model.train()
        loss = F.smooth_l1_loss(model(xb), tb, beta=0.02)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 200 == 0:
            log(f"refiner step {step} {time.time() - t0:.0f}s lr {lr:.2e} loss {loss.item():.4f}")
    return model, step, time.time() - t0


def predict(model, arrs, batch=512):
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(arrs), batch):
            out.append(model(torch.from_numpy(arrs[i:i + batch]).float().unsqueeze(1) / 255.0))
    return torch.cat(out).numpy() if out else np.zeros((0, 4), np.float32)


def validate(model, det_model, threshold, scene_dirs, log=print):
    """The detector's boxes on plates (IoU ≥ MATCH_IOU) in validation scenes: how many reach IoU ≥ 0.5 before and
    after refining, and how many fall below it → dict."""
    before = after = lost = n = 0
    for d in scene_dirs:
        for chunk in verifier.scene_chunks(d):
            raw = evaluate.detect(det_model, [img for img, _ in chunk], threshold)
            for (img, gts), boxes in zip(chunk, raw):
                for _s, *box in boxes:
                    best, g = max(((evaluate.iou(box, g), g) for g in gts), default=(0.0, None))
                    a = cut(img, box) if best >= MATCH_IOU else None
                    if a is None:
                        continue
                    r = from_target(img, box, predict(model, a[None])[0])
                    v = evaluate.iou(r, g)
                    n += 1
                    before += int(best >= 0.5)
                    after += int(v >= 0.5)
                    lost += int(best >= 0.5 > v)
    res = {"boxes": n, "iou50_before": before, "iou50_after": after, "lost": lost}
    log(f"refiner validation: {json.dumps(res)}")
    return res


def export(model, onnx_path: Path, json_path: Path, meta: dict):
    model.eval()
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(model, torch.rand(2, 1, 64, 160), str(onnx_path), opset_version=13,
                      input_names=["region"], output_names=["edges"],
                      dynamic_axes={"region": {0: "N"}, "edges": {0: "N"}}, **legacy)
    params = sum(p.numel() for p in model.parameters())
    doc = {"name": "plate-refiner", "version": meta.get("version", "1"),
           "input": {"name": "region", "width": 160, "height": 64, "channels": 1,
                     "region_x": REGION_X, "region_y": REGION_Y},
           "outputs": {"edges": "edges"}, "parameters": params, **{k: v for k, v in meta.items() if k != "version"}}
    json_path.write_text(json.dumps(doc, indent=2) + "\n")
    return params


def stage(cfg, cache, out, log, scene_dirs, val_dirs, real_items, real_weight):
    """Train the refiner on the boxes of the detector in `out` (the committed one unless just trained), validate
    it on val_dirs, export plate-refiner.onnx/.json into `out`."""
    import datetime
    det_model = det.Detector()
    det.state_from_onnx(out / "plate-detector.onnx", det_model)
    det_model.eval()
    det_info = json.loads((out / "plate-detector.json").read_text())
    low = json.loads((out / "plate-verifier.json").read_text())["detector_threshold"] \
        if (out / "plate-verifier.json").exists() else det_info["threshold"]
    with torch.no_grad():
        x, t, w = training_set(det_model, cfg.get("ref_harvest", low), scene_dirs, real_items, real_weight, log)
    model, steps, secs = train(x, t, w, cfg["ref_minutes"], steps_cap=cfg["steps"], log=log)
    torch.save(model.state_dict(), cache / "refiner.pt")
    with torch.no_grad():
        val = validate(model, det_model, low, val_dirs, log)
    params = export(model, out / "plate-refiner.onnx", out / "plate-refiner.json", {
        # version 2 (committed): the first trained with scenes-train-1080-long among its scenes (cards/plate-refiner.md)
        "version": cfg.get("version") or "2", "trained": datetime.date.today().isoformat(), "training_steps": steps,
        "training_seconds": round(secs), "validation": val,
        "data": f"{len(t)} regions: plate-detector {det_info['version']}'s boxes at score ≥ {low} on a plate "
                f"(IoU ≥ {MATCH_IOU}) and distorted label boxes in {', '.join(d.name for d in scene_dirs)} and the "
                f"real-dev train split (index % 4 != 0 of saudi-train and us, weight {real_weight})"})
    log(f"refiner exported: {params} parameters, {steps} steps in {secs:.0f} s")
