"""Plate verifier: a small second stage that says whether a detector box holds a plate.

The detector runs at a lower threshold than alone (more plates found, more false boxes); the verifier reads the
recogniser's own crop of each box (CONTRACT.md: grey, 64×160, box + 10 % margin) and the edge keeps a box by the rule
choose_rule picks on validation scenes (one plate probability for boxes the detector is sure of, a higher one for
fainter boxes). Trained on the detector's boxes in scenes it never trained on and on the real-dev train
split: a box is a plate where it overlaps a labelled plate at IoU ≥ 0.5 (PASCAL VOC, as the harness scores)."""
import inspect
import json
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

from scenes import crops
from . import detector as det, evaluate
from .recogniser import augment


def conv(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Verifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(conv(1, 16, 2), conv(16, 32, 2), conv(32, 48, 2), conv(48, 64, 2),  # 4×10
                                  conv(64, 64))
        self.head = nn.Linear(128, 1)

    def forward(self, x):                                   # x: [N,1,64,160] in [0,1] → logit [N,1]
        f = self.body(x - 0.5)
        return self.head(torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], 1))


class Exported(nn.Module):
    """What the ONNX file holds: the plate probability, sigmoid inside the graph."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, crop):
        return torch.sigmoid(self.model(crop))


MAX_BOXES = 32                  # per image, best first: as many as the edge's detector hands on (PlateEvaluator)


# Training labels (choose_rule scores by IoU ≥ 0.5 alone, as the harness): a box overlapping a plate by IoU 0.3–0.5
# (a plate's part, or the plate with much around it) looks like a plate, and learning to refuse it made the first
# try refuse well-read plates whose boxes were loose; such boxes are left out, and each labelled plate adds a crop at
# its label box moved by up to JITTER of its size (a detector's loose or tight box).
BACKGROUND_IOU, JITTER = 0.3, 0.12


def harvest(det_model, items, threshold, tag="", rng=None):
    """items: iterable of chunks [(PIL image, [label boxes])] → (uint8 crops [N,64,160], rows [(tag, detector
    score, 1 if plate else 0, best IoU)]) for the detector's best boxes at `threshold` (merged as the edge decoder
    does); with rng, also one jittered crop per labelled plate (score -1, IoU 1)."""
    arrs, rows = [], []
    for chunk in items:
        # raw peaks, best first, merged among the best few only: the same boxes wherever an image has fewer than
        # 4 × MAX_BOXES peaks (every real run), and quick for the smoke run's untrained detector that peaks everywhere
        raw = evaluate.detect(det_model, [img for img, _ in chunk], threshold, merge=False)
        for (img, gts), peaks in zip(chunk, raw):
            for score, *box in det.merge_peaks(peaks[:4 * MAX_BOXES])[:MAX_BOXES]:
                if not crops.inside(img, box):
                    continue                                # the edge's reader skips such a box too
                best = max((evaluate.iou(box, g) for g in gts), default=0.0)
                arrs.append(np.asarray(crops.cut(img, box), dtype=np.uint8))
                rows.append((tag, float(score), int(best >= 0.5), float(best)))
            for g in gts if rng is not None else ():
                box = crops.jitter_box(g, rng, JITTER)
                if crops.inside(img, box):
                    arrs.append(np.asarray(crops.cut(img, box), dtype=np.uint8))
                    rows.append((tag, -1.0, 1, 1.0))
    return arrs, rows


def scene_chunks(scene_dir: Path, limit=None, size=16):
    """Chunks of (image, label boxes) from a scene folder's labels.json (scenes without plates included)."""
    meta = json.loads((scene_dir / "labels.json").read_text())["images"][:limit]
    for i in range(0, len(meta), size):
        yield [(Image.open(scene_dir / m["image"]).convert("RGB"), [tuple(p["box"]) for p in m["plates"]])
               for m in meta[i:i + size]]


def real_chunks(items):
    """One chunk of real photographs (data.real_split's items), every labelled plate a plate, '?' ones included."""
    yield [(Image.open(path).convert("RGB"), [tuple(b) for b, _t, _c in plates]) for path, plates in items]


def training_set(det_model, threshold, scene_dirs, real_items, real_weight, log=print):
    """Crops of the detector's boxes at `threshold` in the given scene folders and the real photographs, and of their
    labelled plates jittered → (uint8 crops, labels 0/1, per-sample weights: real photographs `real_weight`, scenes 1)."""
    import random
    rng = random.Random(11)
    arrs, rows, weights = [], [], []
    for d, weight in [(d, 1.0) for d in scene_dirs] + [(None, real_weight)]:
        a, r = harvest(det_model, scene_chunks(d) if d else real_chunks(real_items), threshold,
                       d.name if d else "real-dev train", rng)
        keep = [i for i, x in enumerate(r) if x[3] < BACKGROUND_IOU or x[3] >= 0.5]
        arrs += [a[i] for i in keep]
        rows += [r[i] for i in keep]
        weights += [weight] * len(keep)
        log(f"verifier: {len(r)} boxes in {r[0][0] if r else d}, {sum(x[2] for x in r)} plates, "
            f"{len(r) - len(keep)} left out (IoU {BACKGROUND_IOU}–0.5)")
    return np.stack(arrs), np.array([x[2] for x in rows], np.int64), np.array(weights, np.float32)


def choose_rule(scores, labels, plate_prob, plates, sure):
    """The keep rule with the best F1 on validation boxes (ties: the higher recall, then the higher detector
    threshold, which leaves fewer boxes to verify and fewer faint parts of one plate to merge): a box the detector scored at
    or above its own threshold `sure` is kept when the verifier gives it at least `threshold`; a fainter one, down
    to `detector_threshold`, needs `faint_threshold`. scores, labels, plate_prob: per box; plates: labelled plates.
    → (f1, precision, recall, detector_threshold, threshold, faint_threshold)."""
    best = None
    for low in (0.1, 0.15, 0.2, 0.3, 0.4):
        for hi in (0.0, 0.05, 0.1, 0.2, 0.3, 0.5):
            for lo in (0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
                keep = ((scores >= sure) & (plate_prob >= hi)) | ((scores >= low) & (scores < sure) & (plate_prob >= lo))
                tp, n = int(labels[keep].sum()), int(keep.sum())
                p, r = tp / max(1, n), tp / max(1, plates)
                f1 = 2 * p * r / max(1e-9, p + r)
                if best is None or (f1, r, low) > (best[0], best[2], best[3]):
                    best = (f1, p, r, low, hi, lo)
    return best


def predict(model, arrs, batch=512):
    """uint8 [N,64,160] → plate probability [N]."""
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(arrs), batch):
            x = torch.from_numpy(arrs[i:i + batch]).float().unsqueeze(1) / 255.0
            out.append(torch.sigmoid(model(x))[:, 0])
    return torch.cat(out).numpy() if out else np.zeros(0, np.float32)


def set_lr(opt, peak_lr, step, frac):
    """Linear warm-up over the first 50 steps, then cosine down to 3 % of the peak at the end of the time box."""
    lr = peak_lr * min(1.0, (step + 1) / 50) * (0.5 * (1 + np.cos(np.pi * min(frac, 1.0))) * 0.97 + 0.03)
    for pg in opt.param_groups:
        pg["lr"] = lr
    return lr


def train(x, y, weight, minutes, steps_cap=None, batch=128, seed=0, peak_lr=2e-3, log=print):
    """Binary cross-entropy on uint8 crops x [N,64,160] with labels y [N] and per-sample weights (the real
    photographs count more); recogniser-style augmentation (contrast, shift, a lower resolution for half)."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    model = Verifier()
    opt = torch.optim.AdamW(model.parameters(), lr=peak_lr, weight_decay=1e-4)
    xt, yt, wt = torch.from_numpy(x), torch.from_numpy(y).float(), torch.from_numpy(weight).float()
    # draw plates and non-plates equally often, whatever their counts
    pick = torch.where(yt > 0, 0.5 / max(1, int(yt.sum())), 0.5 / max(1, int((1 - yt).sum()))) * wt
    budget, t0, step = minutes * 60.0, time.time(), 0
    while True:
        frac = (time.time() - t0) / budget
        if frac >= 1 or (steps_cap and step >= steps_cap):
            break
        lr = set_lr(opt, peak_lr, step, frac)
        i = torch.multinomial(pick, batch, replacement=True, generator=g)
        model.train()
        loss = F.binary_cross_entropy_with_logits(model(augment(xt[i], g))[:, 0], yt[i])
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 200 == 0:
            log(f"verifier step {step} {time.time() - t0:.0f}s lr {lr:.2e} loss {loss.item():.3f}")
    return model, step, time.time() - t0


def export(model, onnx_path: Path, json_path: Path, rule, meta: dict):
    """rule: choose_rule's (f1, precision, recall, detector_threshold, threshold, faint_threshold)."""
    model.eval()
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(Exported(model), torch.rand(2, 1, 64, 160), str(onnx_path), opset_version=13,
                      input_names=["crop"], output_names=["plate"],
                      dynamic_axes={"crop": {0: "N"}, "plate": {0: "N"}}, **legacy)
    params = sum(p.numel() for p in model.parameters())
    doc = {"name": "plate-verifier", "version": meta.get("version", "1"),
           "input": {"name": "crop", "width": 160, "height": 64, "channels": 1, "margin": 0.10},
           "outputs": {"plate": "plate"}, "detector_threshold": rule[3], "threshold": rule[4],
           "faint_threshold": rule[5],
           "parameters": params, **{k: v for k, v in meta.items() if k != "version"}}
    json_path.write_text(json.dumps(doc, indent=2) + "\n")
    return params
