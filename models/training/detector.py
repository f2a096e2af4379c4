"""Plate detector: CenterNet-style, stride 4 — a plate-centre heatmap plus sub-cell offset and box size."""
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

W, H, STRIDE = 640, 384, 4                  # CONTRACT.md
GW, GH = W // STRIDE, H // STRIDE


def conv(cin, cout, stride=1, k=3):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


def dwsep(cin, cout):
    """Depthwise 3×3 then pointwise 1×1 (MobileNet): a ninth of a full 3×3's multiply-adds at these widths."""
    return nn.Sequential(nn.Conv2d(cin, cin, 3, 1, 1, groups=cin, bias=False), nn.BatchNorm2d(cin), nn.ReLU(inplace=True),
                         nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.s4 = nn.Sequential(conv(3, 16, 2), conv(16, 24, 2))                  # 96×160
        self.s8 = nn.Sequential(conv(24, 32, 2), conv(32, 32))                    # 48×80
        self.s16 = nn.Sequential(conv(32, 64, 2), conv(64, 64))                   # 24×40
        self.s32 = nn.Sequential(conv(64, 96, 2), conv(96, 96), conv(96, 96))     # 12×20
        self.l32, self.l16, self.l8, self.l4 = (conv(96, 48, k=1), conv(64, 48, k=1), conv(32, 48, k=1),
                                                conv(24, 32, k=1))
        # Version 3: the stride-4 merge is depthwise-separable. As a full 3×3 convolution (version 2) it was 141 M of
        # the network's 485 M multiply-adds (at 96×160); now 20 M.
        self.m16, self.m8 = conv(48, 48), conv(48, 32)
        self.m4 = dwsep(32, 32)
        self.heat = nn.Conv2d(32, 1, 1)
        self.box = nn.Conv2d(32, 4, 1)
        nn.init.constant_(self.heat.bias, -4.0)           # CenterNet prior: most cells are background

    def forward(self, x):                                 # x [N,3,H,W] in [0,1]; returns raw heat, raw box
        c4 = self.s4(x - 0.5)
        c8 = self.s8(c4)
        c16 = self.s16(c8)
        c32 = self.s32(c16)
        p16 = self.m16(self.l16(c16) + F.interpolate(self.l32(c32), scale_factor=2, mode="nearest"))
        p8 = self.m8(self.l8(c8) + F.interpolate(p16, scale_factor=2, mode="nearest"))
        p4 = self.m4(self.l4(c4) + F.interpolate(p8, scale_factor=2, mode="nearest"))
        return self.heat(p4), self.box(p4)


class Exported(nn.Module):
    """ONNX graph: heatmap = sigmoid, box = [sigmoid(dx), sigmoid(dy), exp(log w), exp(log h)]."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image):
        heat, box = self.model(image)
        return torch.sigmoid(heat), torch.cat([torch.sigmoid(box[:, :2]), torch.exp(box[:, 2:].clamp(max=7.0))], 1)


def letterbox(img: Image.Image, scale_jitter=1.0):
    """CONTRACT letterbox: scale s = min(640/W, 384/H) (× jitter ≤ 1 in training), top-left, pad 0.5."""
    s = min(W / img.width, H / img.height) * scale_jitter
    w, h = max(1, round(img.width * s)), max(1, round(img.height * s))
    canvas = np.full((H, W, 3), 127.5, np.float32)
    canvas[:h, :w] = np.asarray(img.convert("RGB").resize((w, h), Image.BILINEAR), dtype=np.float32)
    return canvas, s


def targets(boxes, gh=GH, gw=GW):
    """Heatmap (Gaussian per plate, CenterNet radius), offsets and log sizes at centre cells."""
    heat = np.zeros((gh, gw), np.float32)
    reg = np.zeros((4, gh, gw), np.float32)
    mask = np.zeros((gh, gw), np.float32)
    ys, xs = np.mgrid[0:gh, 0:gw]
    for x, y, w, h in boxes:
        cx, cy = (x + w / 2) / STRIDE, (y + h / 2) / STRIDE
        ci, cj = int(cx), int(cy)
        if not (0 <= ci < gw and 0 <= cj < gh) or w < 2 or h < 2:
            continue
        sx, sy = max(0.6, w / STRIDE / 6), max(0.6, h / STRIDE / 6)
        g = np.exp(-((xs - ci) ** 2 / (2 * sx ** 2) + (ys - cj) ** 2 / (2 * sy ** 2)))
        heat = np.maximum(heat, g)
        heat[cj, ci] = 1.0
        reg[:, cj, ci] = (cx - ci, cy - cj, math.log(w), math.log(h))
        mask[cj, ci] = 1.0
    return heat, reg, mask


def focal_loss(logits, heat):
    p = torch.sigmoid(logits).clamp(1e-4, 1 - 1e-4)
    pos = heat.eq(1).float()
    neg = 1 - pos
    pos_l = -torch.log(p) * (1 - p) ** 2 * pos
    neg_l = -torch.log(1 - p) * p ** 2 * (1 - heat) ** 4 * neg
    npos = pos.sum().clamp(min=1)
    return (pos_l.sum() + neg_l.sum()) / npos


def loss_fn(out, heat, reg, mask):
    hl, bl = out
    fl = focal_loss(hl[:, 0], heat)
    m = mask.unsqueeze(1)
    npos = mask.sum().clamp(min=1)
    off = (F.l1_loss(torch.sigmoid(bl[:, :2]) * m, reg[:, :2] * m, reduction="sum")) / npos
    size = (F.l1_loss(bl[:, 2:] * m, reg[:, 2:] * m, reduction="sum")) / npos
    return fl + off + size


def box_anchor_loss(bl, teacher_bl, mask):
    """L1 between the box outputs and a frozen teacher's at the plate cells (--keep-boxes): a continued detector
    learns to find more plates while its boxes stay where the teacher's were (the recogniser reads at them)."""
    m = mask.unsqueeze(1)
    npos = mask.sum().clamp(min=1)
    off = F.l1_loss(torch.sigmoid(bl[:, :2]) * m, torch.sigmoid(teacher_bl[:, :2]) * m, reduction="sum")
    size = F.l1_loss(bl[:, 2:] * m, teacher_bl[:, 2:] * m, reduction="sum")
    return (off + size) / npos


def heat_anchor_loss(hl, teacher_hl, keep, mask):
    """Soft-target cross-entropy less the teacher's entropy (= KL per cell) between the heatmap and a frozen teacher's
    on the windows where keep is 1 (--keep-heat), summed and scaled as the focal loss is (per plate cell): a
    continuation taught something new (--cut-edge) keeps its faint peaks on everything else, real photographs'
    faint plates among them."""
    t = torch.sigmoid(teacher_hl[:, 0]).clamp(1e-4, 1 - 1e-4)
    kl = F.binary_cross_entropy_with_logits(hl[:, 0], t, reduction="none") \
        + t * torch.log(t) + (1 - t) * torch.log(1 - t)
    return (kl * keep.view(-1, 1, 1)).sum() / mask.sum().clamp(min=1)


OVERLAP_IOU, SAME_PLATE_COVER, SAME_ROW = 0.3, 0.7, 0.6     # = edge HeatmapDecoder


def merge_peaks(preds):
    """Best first: a box mostly inside / mostly covering a kept one (intersection >= SAME_PLATE_COVER of the
    smaller) on the same row (vertical overlap >= SAME_ROW of the lower) widens the kept box to their union
    (a long plate peaks on its parts); else a box overlapping a kept one by IoU > OVERLAP_IOU is dropped."""
    kept = []
    for p in sorted(preds, reverse=True):
        sc, x, y, w, h = p
        taken = False
        for i, (ks, kx, ky, kw, kh) in enumerate(kept):
            ix = max(0.0, min(x + w, kx + kw) - max(x, kx))
            iy = max(0.0, min(y + h, ky + kh) - max(y, ky))
            if ix * iy >= SAME_PLATE_COVER * min(w * h, kw * kh) and iy >= SAME_ROW * min(h, kh):
                x0, y0 = min(x, kx), min(y, ky)
                kept[i] = (ks, x0, y0, max(x + w, kx + kw) - x0, max(y + h, ky + kh) - y0)
                taken = True
                break
            if ix * iy / max(1e-9, w * h + kw * kh - ix * iy) > OVERLAP_IOU:
                taken = True
                break
        if not taken:
            kept.append(p)
    return kept


def decode(heat, box, threshold, s=1.0, merge=True):
    """heat [96,160] prob, box [4,96,160] (exported semantics) → [(score, x, y, w, h)] in frame pixels.
    merge: overlap handling as the edge decoder does (merge_peaks); False gives the raw 3×3 peaks."""
    t = torch.from_numpy(heat)[None, None]
    peak = (F.max_pool2d(t, 3, 1, 1) == t)[0, 0].numpy() & (heat >= threshold)
    out = []
    for r, c in zip(*np.nonzero(peak)):
        cx, cy = (c + box[0, r, c]) * STRIDE, (r + box[1, r, c]) * STRIDE
        w, h = box[2, r, c], box[3, r, c]
        out.append((float(heat[r, c]), (cx - w / 2) / s, (cy - h / 2) / s, w / s, h / s))
    return merge_peaks(out) if merge else sorted(out, reverse=True)


def infer(model, canvases, batch=8):
    """float [N,384,640,3] 0..255 → (heat [N,96,160], box [N,4,96,160]) with exported semantics."""
    model.eval()
    ex = Exported(model)
    dev = next(model.parameters()).device
    hs, bs = [], []
    with torch.no_grad():
        for i in range(0, len(canvases), batch):
            x = torch.from_numpy(np.stack(canvases[i:i + batch])).to(dev).permute(0, 3, 1, 2) / 255.0
            h, b = ex(x)
            hs.append(h[:, 0].cpu().numpy())
            bs.append(b.cpu().numpy())
    return np.concatenate(hs), np.concatenate(bs)


def export(model, onnx_path: Path, json_path: Path, threshold, meta: dict):
    model.eval()
    torch.onnx.export(Exported(model), torch.rand(1, 3, H, W), str(onnx_path), opset_version=13,
                      input_names=["image"], output_names=["heatmap", "box"])
    params = sum(p.numel() for p in model.parameters())
    doc = {"name": "plate-detector", "version": meta.get("version", "1"),
           "input": {"name": "image", "width": W, "height": H, "pad": 0.5}, "stride": STRIDE,
           "outputs": {"heatmap": "heatmap", "box": "box"}, "threshold": threshold, "parameters": params,
           **{k: v for k, v in meta.items() if k != "version"}}
    json_path.write_text(json.dumps(doc, indent=2) + "\n")
    return params


def state_from_onnx(onnx_path: Path, model: "Detector"):
    """Rebuild a training state from an exported detector (training/onnx_state.py): train it with BatchNorm frozen
    (`det_train.train(freeze_bn=True)`)."""
    from . import onnx_state
    return onnx_state.load(onnx_path, model, torch.zeros(1, 3, 64, 64))
