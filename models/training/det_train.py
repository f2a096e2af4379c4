"""Detector training loop: random 192×320 windows of letterboxed synthetic scenes and real-dev train photos."""
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from scenes.compose import MIN_IN_FRAME

from . import onnx_state
from .detector import Detector, GH, GW, H, STRIDE, W, box_anchor_loss, heat_anchor_loss, letterbox, loss_fn, targets

WIN_H, WIN_W = 192, 320                       # training window (fully convolutional: 4× cheaper per step)


def load_synthetic(scene_dir: Path, names=None):
    """[(canvas uint8 [384,640,3], boxes)]: training scenes are already at letterbox scale."""
    meta = json.loads((scene_dir / "labels.json").read_text())["images"]
    out = []
    for m in meta:
        img = Image.open(scene_dir / m["image"]).convert("RGB")
        canvas = np.full((H, W, 3), 128, np.uint8)
        canvas[:img.height, :img.width] = np.asarray(img)
        out.append((canvas, [tuple(p["box"]) for p in m["plates"]]))
    return out


def load_real(items, rng, copies=3):
    """Real photos letterboxed with scale jitter (0.55–1.0 of the contract scale), several copies each."""
    out = []
    for path, plates in items:
        img = Image.open(path).convert("RGB")
        for c in range(copies):
            j = 1.0 if c == 0 else rng.uniform(0.55, 1.0)
            canvas, s = letterbox(img, j)
            out.append((canvas.astype(np.uint8), [tuple(v * s for v in box) for box, _t, _c in plates]))
    return out


def load_frames(scene_dir: Path):
    """Full-size scenes (1920×1080) letterboxed at the contract scale, as the edge sees a camera frame: the frame's
    blur, noise and JPEG shrunk three times with it, which the training scenes drawn at 640 wide never show."""
    meta = json.loads((scene_dir / "labels.json").read_text())["images"]
    items = [(scene_dir / m["image"], [(tuple(p["box"]), None, None) for p in m["plates"]]) for m in meta]
    return load_real(items, random.Random(0), copies=1)


def _window(sample, rng):
    canvas, boxes = sample
    if boxes and rng.random() < 0.75:
        x, y, w, h = rng.choice(boxes)
        cx, cy = x + w / 2 + rng.uniform(-WIN_W / 3, WIN_W / 3), y + h / 2 + rng.uniform(-WIN_H / 3, WIN_H / 3)
        x0, y0 = int(cx - WIN_W / 2), int(cy - WIN_H / 2)
    else:
        x0, y0 = rng.randint(0, W - WIN_W), rng.randint(0, H - WIN_H)
    x0 = max(0, min(W - WIN_W, x0)) // STRIDE * STRIDE
    y0 = max(0, min(H - WIN_H, y0)) // STRIDE * STRIDE
    crop = canvas[y0:y0 + WIN_H, x0:x0 + WIN_W]
    shifted = []
    for x, y, w, h in boxes:
        cx, cy = x + w / 2 - x0, y + h / 2 - y0
        if 0 <= cx < WIN_W and 0 <= cy < WIN_H:
            shifted.append((x - x0, y - y0, w, h))
    return crop, shifted


CUT_PAD = 128                                 # the letterbox's pad (0.5) as a byte


def _cut_at_frame_edge(crop, boxes, rng):
    """The frame ends inside the window (--cut-edge): every row below a cut through one of its plates becomes the
    letterbox's pad, as under a 16:9 frame, and each plate is labelled as the scenes label a plate cut by the frame:
    its box clipped, and only if at least MIN_IN_FRAME of it is left (less: still drawn, a negative)."""
    _, y, _, h = rng.choice(boxes)
    cut = int(round(y + h * rng.uniform(MIN_IN_FRAME, 0.97)))
    if not 0 < cut < WIN_H:
        return crop, boxes
    crop = crop.copy()
    crop[cut:] = CUT_PAD
    kept = []
    for bx, by, bw, bh in boxes:
        seen = min(by + bh, cut) - by
        if seen >= MIN_IN_FRAME * bh:
            kept.append((bx, by, bw, seen))
    return crop, kept


def batch(samples, rng, n, flip=False, cut_edge=0.0):
    """flip: half the windows mirrored left to right (--flip): the detector finds a plate wherever it faces; without
    it, version 5 scored some real photos' plates 3-4 times higher mirrored than as taken (models/cards/plate-detector.md).
    cut_edge: the share of windows with plates in which the frame is made to end across a plate (--cut-edge).
    Returns images, heatmaps, box targets, box masks and which windows were cut (1.0) or not (0.0)."""
    xs, hs, rs, ms, cuts = [], [], [], [], []
    for _ in range(n):
        crop, boxes = _window(rng.choice(samples), rng)
        cut = bool(cut_edge and boxes and rng.random() < cut_edge)
        if cut:
            crop, boxes = _cut_at_frame_edge(crop, boxes, rng)
        cuts.append(float(cut))
        if flip and rng.random() < 0.5:
            crop, boxes = crop[:, ::-1], [(WIN_W - x - w, y, w, h) for x, y, w, h in boxes]
        x = crop.astype(np.float32)
        if rng.random() < 0.5:                                   # photometric jitter
            x = (x - x.mean()) * rng.uniform(0.6, 1.3) + x.mean() + rng.uniform(-30, 30)
        if rng.random() < 0.15:
            x = np.repeat(x.mean(axis=2, keepdims=True), 3, axis=2)
        heat, reg, mask = targets(boxes, WIN_H // STRIDE, WIN_W // STRIDE)
        xs.append(np.clip(x, 0, 255)); hs.append(heat); rs.append(reg); ms.append(mask)
    t = lambda a: torch.from_numpy(np.stack(a))              # noqa: E731
    return t(xs).permute(0, 3, 1, 2) / 255.0, t(hs), t(rs), t(ms), torch.tensor(cuts)


def train(syn, real, val_fn, minutes, out_path: Path, steps_cap=None, bs=16, log=print, seed=0, init=None,
          peak_lr=2e-3, model=None, freeze_bn=False, teacher=None, flip=False, cut_edge=0.0, keep_heat=0.0):
    """val_fn(model) → score (higher is better), called every eval_every steps; best checkpoint kept.
    init: a checkpoint to continue from (--resume); model: a model to continue instead (rebuilt from ONNX);
    freeze_bn: BatchNorm layers keep their statistics (eval mode) while the rest trains; teacher: a frozen detector
    whose boxes the plate cells are also pulled towards (detector.box_anchor_loss); flip: mirror half the windows;
    keep_heat: > 0 pulls the heatmap towards the teacher's too, on every window not cut by --cut-edge
    (detector.heat_anchor_loss × keep_heat)."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = model or Detector()
    if init is not None:
        # Layers whose shape changed since the checkpoint (a new head design) start fresh; the rest continue.
        state, own = torch.load(init), model.state_dict()
        kept = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
        model.load_state_dict(kept, strict=False)
        fresh = sorted({k.rsplit(".", 2)[0] for k in own if k not in kept})
        log(f"detector: {len(kept)} of {len(own)} tensors from {init}" + (f"; fresh: {', '.join(fresh)}" if fresh else ""))
    opt = torch.optim.AdamW(model.parameters(), lr=peak_lr, weight_decay=1e-4)
    budget = minutes * 60.0
    t0, step, best = time.time(), 0, -1.0
    eval_every = 400
    while True:
        frac = (time.time() - t0) / budget
        if frac >= 1 or (steps_cap and step >= steps_cap):
            break
        lr = peak_lr * min(1.0, (step + 1) / 200) * (0.5 * (1 + np.cos(np.pi * min(frac, 1.0))) * 0.97 + 0.03)
        for pg in opt.param_groups:
            pg["lr"] = lr
        n_real = bs // 4 if real else 0                           # real-dev train split in every batch
        x1, h1, r1, m1, c1 = batch(syn, rng, bs - n_real, flip, cut_edge)
        if n_real:
            x2, h2, r2, m2, c2 = batch(real, rng, n_real, flip)
            x1, h1, r1, m1, c1 = (torch.cat(p) for p in ((x1, x2), (h1, h2), (r1, r2), (m1, m2), (c1, c2)))
        model.train()
        if freeze_bn:
            onnx_state.freeze_norms(model)
        out = model(x1)
        loss = loss_fn(out, h1, r1, m1)
        if teacher is not None:
            with torch.no_grad():
                teacher_hl, teacher_bl = teacher(x1)
            loss = loss + box_anchor_loss(out[1], teacher_bl, m1)
            if keep_heat:
                loss = loss + keep_heat * heat_anchor_loss(out[0], teacher_hl, 1.0 - c1, m1)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
        opt.step()
        step += 1
        last = (time.time() - t0) >= budget or (steps_cap and step >= steps_cap)
        if step % 50 == 0:
            log(f"detector step {step} {time.time() - t0:.0f}s lr {lr:.2e} loss {loss.item():.3f}")
        if step % eval_every == 0 or last:
            score = val_fn(model)
            log(f"detector step {step} val F1 {score:.4f}")
            if score >= best:
                best = score
                torch.save(model.state_dict(), out_path)
    if best < 0:
        torch.save(model.state_dict(), out_path)
    model.load_state_dict(torch.load(out_path))
    return model, step, time.time() - t0, best
