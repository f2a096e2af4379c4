"""Plate recogniser: small CNN, two CTC heads (Latin row, Arabic row) over 40 columns, and a format head."""
import inspect
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from . import onnx_state

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SLOTS = 10
NCLS = len(ALPHABET) + 1                  # class 0 = CTC blank


def encode(text):
    """Canonical text → SLOTS class ids padded with 0 (the CTC target; its length = the non-zero ids)."""
    ids = [ALPHABET.index(c) + 1 for c in (text or "")[:SLOTS]]
    return ids + [0] * (SLOTS - len(ids))


def decode(ids):
    """Greedy CTC: per-column best classes → merge repeats, drop blanks."""
    out, prev = [], 0
    for i in ids:
        i = int(i)
        if i != prev and i > 0:
            out.append(ALPHABET[i - 1])
        prev = i
    return "".join(out)


def conv(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


STEPS = 40                                # CTC time steps: one per 4 input columns (160 / 4)


class CtcHead(nn.Module):
    """Collapses the feature map's height with a learned (4×1) convolution — so a head can pick its row of a
    two-row plate (the Latin row of a Saudi plate is the lower one, the Arabic row the upper) — then two 1-D
    convolutions over the 40 columns and a per-column classifier. Class 0 is the CTC blank."""

    def __init__(self, dim, width=192):
        super().__init__()
        self.collapse = nn.Sequential(nn.Conv2d(dim, width, (4, 1), bias=False), nn.BatchNorm2d(width),
                                      nn.ReLU(inplace=True))
        self.context = nn.Sequential(nn.Conv1d(width, width, 3, padding=1, bias=False), nn.BatchNorm1d(width),
                                     nn.ReLU(inplace=True), nn.Dropout(0.1), nn.Conv1d(width, NCLS, 1))

    def forward(self, fmap):                                 # fmap [N, D, 4, 40]
        return self.context(self.collapse(fmap).squeeze(2)).transpose(1, 2)   # [N, 40, NCLS] logits


class Recogniser(nn.Module):
    """base: the first layer's channels; every later width is a multiple of it. 32 is the committed network
    (1.0 M parameters); 48 has 2.25 times its parameters and multiply-adds (models/cards/plate-recogniser.md)."""

    def __init__(self, n_formats, base=32):
        super().__init__()
        b = base
        self.backbone = nn.Sequential(
            conv(1, b, 2),                                   # 32×80
            conv(b, 2 * b, 2), conv(2 * b, 2 * b),           # 16×40
            conv(2 * b, 4 * b, (2, 1)), conv(4 * b, 4 * b),  # 8×40
            conv(4 * b, 4 * b, (2, 1)), conv(4 * b, 4 * b))  # 4×40
        self.latin = CtcHead(4 * b, 6 * b)
        self.arabic = CtcHead(4 * b, 6 * b)
        self.format = nn.Linear(4 * b, n_formats)

    def forward(self, x):                                   # x: [N,1,64,160] in [0,1]
        f = self.backbone(x - 0.5)
        return self.latin(f), self.format(f.mean(dim=(2, 3))), self.arabic(f)


class Exported(nn.Module):
    """What the ONNX file holds: softmax applied inside the graph (CONTRACT.md)."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, crop):
        latin, fmt, arabic = self.model(crop)
        return F.softmax(latin, -1), F.softmax(fmt, -1), F.softmax(arabic, -1)


def _targets(labels, format_ids):
    lat = torch.tensor([encode(l["text"]) for l in labels])
    ara = torch.tensor([encode(l["arabic"]) for l in labels])
    fmt = torch.tensor([format_ids.index(l["format"]) if l["format"] else -100 for l in labels])
    return lat, ara, fmt


def _ctc(logits, targets):
    """CTC loss of [N,T,C] logits against [N,SLOTS] zero-padded targets (an empty target = all blank)."""
    lengths = (targets > 0).sum(1)
    flat = targets[targets > 0]
    logp = F.log_softmax(logits, -1).transpose(0, 1)        # [T, N, C]
    steps = torch.full((logits.shape[0],), logits.shape[1], dtype=torch.long, device=logits.device)
    return F.ctc_loss(logp, flat, steps, lengths, blank=0, reduction="mean", zero_infinity=True)


def augment(x, g):
    """Jitter a uint8 batch [N,64,160] (on the training device) → float [N,1,64,160]: contrast, brightness and shift,
    and for the first half of the batch a lower resolution and sensor noise — a far plate in a 1920×1080 frame is
    blurred by the whole frame's optics, not in proportion to its size as the training crops are. `train` draws
    its synthetic crops at random and puts the real photographs' crops last, so that half is synthetic only."""
    x = x.float().unsqueeze(1) / 255.0
    n, dev = x.shape[0], x.device
    contrast = torch.empty(n, 1, 1, 1, device=dev).uniform_(0.6, 1.3, generator=g)
    bright = torch.empty(n, 1, 1, 1, device=dev).uniform_(-0.15, 0.15, generator=g)
    mean = x.mean(dim=(2, 3), keepdim=True)
    x = (x - mean) * contrast + mean + bright
    dy = int(torch.randint(-3, 4, (1,), generator=g, device=dev))
    dx = int(torch.randint(-4, 5, (1,), generator=g, device=dev))
    x = torch.roll(x, (dy, dx), (2, 3))
    half = n // 2
    if half:
        # a plate of ~55 px read at 160: the smallest the 1920×1080 test scenes hold (60 px) less a detector's error
        scale = float(torch.empty(1, device=dev).uniform_(0.35, 1.0, generator=g))
        size = (max(8, round(64 * scale)), max(16, round(160 * scale)))
        low = F.interpolate(x[:half], size=size, mode="bilinear", align_corners=False, antialias=True)
        low = F.interpolate(low, size=(64, 160), mode="bilinear", align_corners=False)
        sigma = torch.empty(half, 1, 1, 1, device=dev).uniform_(0.0, 0.05, generator=g)
        x = torch.cat([low + sigma * torch.randn(low.shape, generator=g, device=dev), x[half:]])
    return x.clamp(0, 1)


def predict(model, arrs, batch=256):
    """uint8 [N,64,160] → (latin ids [N,STEPS], latin probs, format ids, arabic ids, arabic probs); per column."""
    model.eval()
    dev = next(model.parameters()).device
    outs = []
    with torch.no_grad():
        for i in range(0, len(arrs), batch):
            x = torch.from_numpy(arrs[i:i + batch]).to(dev).float().unsqueeze(1) / 255.0
            lat, fmt, ara = model(x)
            pl, pa = F.softmax(lat, -1), F.softmax(ara, -1)
            outs.append(tuple(t.cpu() for t in (pl.argmax(-1), pl.max(-1).values, fmt.argmax(-1), pa.argmax(-1),
                                                pa.max(-1).values)))
    return [torch.cat(c).numpy() for c in zip(*outs)]


def exact(model, arrs, labels):
    lat, _, _, ara, _ = predict(model, arrs)
    ok = [decode(lat[i]) == l["text"] for i, l in enumerate(labels)]
    return float(np.mean(ok)) if ok else 0.0


def train(syn_x, syn_labels, real_x, real_labels, val_x, val_labels, format_ids, minutes, out_path: Path,
          steps_cap=None, batch=32, log=print, seed=0, init=None, peak_lr=2e-3, model=None, freeze_bn=False,
          device="cpu", base=32):
    """Train until `minutes` elapse (or steps_cap); keep the checkpoint with the best validation exact reads.
    model: a model to continue (rebuilt from ONNX: state_from_onnx); freeze_bn: BatchNorm keeps its statistics.
    device: where the data, the augmentation and the model live ("cuda" on a machine with a GPU); base: the new
    model's width (Recogniser). Returns the best model on the CPU."""
    dev = torch.device(device)
    torch.manual_seed(seed)
    g = torch.Generator(device=dev).manual_seed(seed)
    state = torch.load(init, map_location="cpu") if init is not None else None   # --resume: a checkpoint
    model = model or Recogniser(len(format_ids), checkpoint_base(state) if state else base)
    if state is not None:
        model.load_state_dict(state)
    model.to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=peak_lr, weight_decay=1e-4)
    syn_x = torch.from_numpy(syn_x).to(dev)
    syn_t = [t.to(dev) for t in _targets(syn_labels, format_ids)]
    has_real = len(real_labels) > 0
    real_x = torch.from_numpy(real_x).to(dev) if has_real else None
    real_t = [t.to(dev) for t in _targets(real_labels, format_ids)] if has_real else None
    budget = minutes * 60.0
    t0, step, best = time.time(), 0, -1.0
    real_share = 0.15 if has_real else 0.0                   # real-dev train split mixed into every batch
    eval_every = 150
    while True:
        frac = (time.time() - t0) / budget
        if frac >= 1 or (steps_cap and step >= steps_cap):
            break
        lr = peak_lr * min(1.0, (step + 1) / 100) * (0.5 * (1 + np.cos(np.pi * min(frac, 1.0))) * 0.97 + 0.03)
        for pg in opt.param_groups:
            pg["lr"] = lr
        n_real = int(round(batch * real_share))
        si = torch.randint(0, len(syn_x), (batch - n_real,), generator=g, device=dev)
        xs, tl, ta, tf = [syn_x[si]], [syn_t[0][si]], [syn_t[1][si]], [syn_t[2][si]]
        if n_real:
            ri = torch.randint(0, len(real_x), (n_real,), generator=g, device=dev)
            xs.append(real_x[ri]); tl.append(real_t[0][ri]); ta.append(real_t[1][ri]); tf.append(real_t[2][ri])
        x = augment(torch.cat(xs), g)
        tl, ta, tf = torch.cat(tl), torch.cat(ta), torch.cat(tf)
        model.train()
        if freeze_bn:
            onnx_state.freeze_norms(model)
        lat, fmt, ara = model(x)
        loss = (_ctc(lat, tl) + 0.7 * _ctc(ara, ta) + 0.3 * F.cross_entropy(fmt, tf, ignore_index=-100))
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        last = (time.time() - t0) >= budget or (steps_cap and step >= steps_cap)
        if step % eval_every == 0 or last:
            acc = exact(model, val_x, val_labels)
            log(f"recogniser step {step} {time.time() - t0:.0f}s lr {lr:.2e} loss {loss.item():.3f} val exact {acc:.4f}")
            if acc >= best:
                best = acc
                _save(model, out_path)
    if best < 0:
        _save(model, out_path)
    model.to("cpu")
    model.load_state_dict(torch.load(out_path))
    return model, step, time.time() - t0, best


def _save(model, path: Path):
    """A checkpoint on the CPU, whatever device trained it (loads anywhere, as torch.load's default expects)."""
    torch.save({k: v.cpu() for k, v in model.state_dict().items()}, path)


def state_from_onnx(onnx_path: Path, n_formats: int):
    """Rebuild a training state from an exported recogniser (training/onnx_state.py): train it with BatchNorm
    frozen (`train(freeze_bn=True)`)."""
    return onnx_state.load(onnx_path, Recogniser(n_formats, onnx_base(onnx_path)), torch.zeros(1, 1, 64, 160))


def onnx_base(onnx_path: Path) -> int:
    """The width (Recogniser's base) of an exported recogniser: the output channels of its first convolution."""
    import onnx
    graph = onnx.load(str(onnx_path)).graph
    first = next(n for n in graph.node if n.op_type == "Conv")
    return next(list(i.dims)[0] for i in graph.initializer if i.name == first.input[1])


def checkpoint_base(state: dict) -> int:
    """The width of a saved training state: the output channels of its first convolution."""
    return int(state["backbone.0.0.weight"].shape[0])


def arabic_letters():
    """Latin letter → Arabic letter of every plategen format with a letter map (the official tables), so the edge can
    write the Arabic half it read in Arabic script (CONTRACT.md)."""
    from plategen import formats as pg_formats
    table = {}
    for fmt in pg_formats.load_all().values():
        table.update(fmt.get("letter_map") or {})
    return dict(sorted(table.items()))


def export(model, onnx_path: Path, json_path: Path, format_ids, meta: dict):
    model.eval()
    wrapped = Exported(model)
    dummy = torch.rand(2, 1, 64, 160)
    # PyTorch 2.9 and later default to the dynamo exporter; these files come from the TorchScript one (Debian's 1.13)
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(wrapped, dummy, str(onnx_path), opset_version=13, input_names=["crop"],
                      output_names=["latin", "format", "arabic"],
                      dynamic_axes={"crop": {0: "N"}, "latin": {0: "N"}, "format": {0: "N"}, "arabic": {0: "N"}},
                      **legacy)
    params = sum(p.numel() for p in model.parameters())
    doc = {"name": meta.get("name", "plate-recogniser"), "version": meta.get("version", "1"),
           "input": {"name": "crop", "width": 160, "height": 64, "channels": 1, "margin": 0.10},
           "alphabet": ALPHABET, "decoding": "ctc", "slots": STEPS, "formats": list(format_ids),
           "outputs": {"latin": "latin", "format": "format", "arabic": "arabic"},
           "arabic_letters": arabic_letters(),
           "parameters": params, **{k: v for k, v in meta.items() if k not in ("name", "version")}}
    json_path.write_text(json.dumps(doc, indent=2) + "\n")
    return params
