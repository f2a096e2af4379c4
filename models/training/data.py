"""Data caches (generated once, reused): recogniser crops, detector scenes, the real-dev split."""
import json
import os
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from PIL import Image

from scenes import compose, crops, realplates

MODELS = Path(__file__).resolve().parents[1]
REAL_DEV = MODELS.parent.parent / "shared" / "datasets" / "real-dev"
# seed ranges: disjoint, so no test image is ever a training image
SEED_CROPS_TRAIN, SEED_CROPS_TEST = 1_000_000, 9_000_000
SEED_SCENES_TRAIN, SEED_SCENES_TEST = 2_000_000, 8_000_000
DET_W, DET_H = 640, 384                   # CONTRACT.md detector input
WORKERS = 2


def _crop_job(seed):
    arr, lab = crops.make_crop(seed)
    return arr, lab.__dict__


def build_crops(out_dir: Path, name: str, first_seed: int, count: int, log=print, kinds=None, disagree=None,
                long=None):
    """Cache `count` recogniser crops as name.npy (uint8 [N,64,160]) + name.json (labels).
    kinds: {plate kind: weight} instead of scenes.plates.KIND_WEIGHTS; disagree: share of Saudi plates whose Arabic
    half differs instead of DISAGREE_SHARE; long: share drawn at the long size instead of LONG_SHARE (all set before
    the worker processes fork)."""
    npy, js = out_dir / f"{name}.npy", out_dir / f"{name}.json"
    if npy.exists() and js.exists() and len(json.loads(js.read_text())) == count:
        log(f"crops {name}: cached ({count})")
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    t = time.time()
    res = []
    saved = compose.plates.KIND_WEIGHTS, compose.plates.DISAGREE_SHARE, compose.plates.LONG_SHARE
    compose.plates.KIND_WEIGHTS = kinds or saved[0]
    compose.plates.DISAGREE_SHARE = saved[1] if disagree is None else disagree
    compose.plates.LONG_SHARE = saved[2] if long is None else long
    try:
        with Pool(WORKERS) as pool:
            for r in pool.imap(_crop_job, range(first_seed, first_seed + count), chunksize=32):
                res.append(r)
                if len(res) % 2000 == 0:
                    log(f"crops {name}: {len(res)}/{count} after {time.time() - t:.0f} s")
    finally:
        compose.plates.KIND_WEIGHTS, compose.plates.DISAGREE_SHARE, compose.plates.LONG_SHARE = saved
    np.save(npy, np.stack([r[0] for r in res]))
    js.write_text(json.dumps([r[1] for r in res]))
    log(f"crops {name}: {count} in {time.time() - t:.0f} s ({(time.time() - t) / count * 1000 * WORKERS:.1f} ms each per core)")


def letterbox_size(w, h):
    s = min(DET_W / w, DET_H / h)
    return s, max(1, round(w * s)), max(1, round(h * s))


def _scene_job(args):
    seed, out_dir, frame, plate_px, full, decorated, long_share, real_share = args
    compose.plates.DECORATED_SHARE = decorated
    compose.plates.REAL_SHARE = real_share
    compose.plates.LONG_SHARE = long_share
    name = f"{seed}.jpg"
    side = Path(out_dir) / f"{seed}.json"            # per-scene labels: an interrupted build resumes
    if side.exists() and (Path(out_dir) / name).exists():
        return [tuple(r) for r in json.loads(side.read_text())]
    img, plates = compose.make_scene(seed, frame=frame, plate_px=plate_px)
    img.save(Path(out_dir) / name, quality=92)
    rows = [(name, p.box, p.text, p.country, p.format, p.arabic, p.conditions) for p in plates]
    side.write_text(json.dumps(rows))
    return rows


# training scenes are drawn straight at letterbox scale (what the detector sees), in varied frame shapes:
# 16:9 frames (1920×1080 / 1280×720 → 640×360), 4:3 (→ 512×384) and square (598×598 → 384×384).
TRAIN_FRAMES = [((640, 360), 0.6), ((512, 384), 0.15), ((384, 384), 0.25)]


def build_scenes(out_dir: Path, first_seed: int, count: int, full_frame=None, log=print, decorated=0.0, long_share=0.0,
                 real_plates=None, real_share=0.0):
    """Cache scenes as JPEG + labels.tsv (project format, Arabic half in a 5th column) + labels.json (with format).
    full_frame=(W, H) writes frames of that size with plates 60–400 px scaled to W/1920 (the test set);
    otherwise letterbox-scale frames of TRAIN_FRAMES shapes, plate width 60–400 px of a 1920 frame mapped.
    decorated: share of generic plates drawn as decorated US-style plates (scenes/decorated.py); long_share: share of
    Saudi plates drawn at the long 520×110 mm size (scenes/plates.py LONG_SHARE); real_plates: real_split items whose
    labelled plates replace a real_share of the generic plates (scenes/realplates.py)."""
    lab = out_dir / "labels.json"
    if lab.exists() and json.loads(lab.read_text()).get("count") == count:
        log(f"scenes {out_dir.name}: cached ({count})")
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = []
    for i in range(count):
        seed = first_seed + i
        if full_frame:
            k = full_frame[0] / 1920
            jobs.append((seed, str(out_dir), full_frame, (60 * k, 400 * k), True, decorated, long_share, real_share))
        else:
            r = (seed * 2654435761) % 1000 / 1000
            frame = TRAIN_FRAMES[0][0] if r < 0.6 else TRAIN_FRAMES[1][0] if r < 0.75 else TRAIN_FRAMES[2][0]
            # plate width in input pixels: 1920-frame plates of 60-400 px are 20-133 px at 640 wide; square
            # car-park photos (real-dev saudi) show plates up to ~110 px of 384
            jobs.append((seed, str(out_dir), frame, (16, 150), False, decorated, long_share, real_share))
    t = time.time()
    res = []
    compose.plates.REAL_PLATES = realplates.cut(real_plates or [])     # before the workers fork: they inherit it
    if real_share > 0:
        log(f"scenes {out_dir.name}: {len(compose.plates.REAL_PLATES)} real plates to paste")
    try:
        with Pool(WORKERS) as pool:
            for r in pool.imap(_scene_job, jobs, chunksize=8):
                res.append(r)
                if len(res) % 500 == 0:
                    log(f"scenes {out_dir.name}: {len(res)}/{count} after {time.time() - t:.0f} s")
    finally:
        compose.plates.REAL_PLATES = []
    from . import evaluate                     # here: the scene workers need neither it nor torch
    rows, clear_rows, meta = [], [], []
    clear = evaluate.CONDITIONS[evaluate.CLEAR]
    for (seed, *_), plates in zip(jobs, res):
        entries = []
        for name, box, tx, c, f, a, *cond in plates:
            conditions = cond[0] if cond else None          # None: scenes cached before conditions were recorded
            entries.append({"box": list(box), "text": tx, "country": c, "format": f, "arabic": a,
                            "conditions": conditions})
            rows.append(_label_row(name, box, tx, c, a))
            # labels-clear.tsv: the same plates, those a camera left hard to read labelled "?" as real-dev labels a
            # plate nobody can read (still scored for detection, not for the read)
            if conditions is not None:
                legible = clear(conditions)
                clear_rows.append(_label_row(name, box, tx if legible else "?", c, a if legible else None))
        meta.append({"image": f"{seed}.jpg", "plates": entries})
    (out_dir / "labels.tsv").write_text("\n".join(rows) + "\n")
    if len(clear_rows) == len(rows):
        (out_dir / "labels-clear.tsv").write_text("\n".join(clear_rows) + "\n")
    lab.write_text(json.dumps({"count": count, "images": meta}))
    log(f"scenes {out_dir.name}: {count} in {time.time() - t:.0f} s")


def _label_row(name, box, text, country, arabic):
    """One labels.tsv line; the 5th column, bilingual plates only, is what the Arabic half says in canonical Latin
    (edgecam eval scores the reader's agree/disagree flag against it)."""
    x, y, w, h = box
    return f"{name}\t{x},{y},{w},{h}\t{text}\t{country}" + (f"\t{arabic}" if arabic else "")


def read_labels(tsv: Path):
    """[(image path, [(box, plate, country)])] in order of first appearance."""
    order, by = [], {}
    for line in tsv.read_text().splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        img = parts[0]
        x, y, w, h = (float(v) for v in parts[1].split(","))
        if img not in by:
            by[img] = []
            order.append(img)
        by[img].append(((x, y, w, h), parts[2], parts[3] if len(parts) > 3 else ""))
    return [(tsv.parent / i, by[i]) for i in order]


def real_split(name: str):
    """real-dev/<name>: (train, held_out). FIXED split: the image's index in labels.tsv order (first appearance),
    index % 4 == 0 → held out (never trained or tuned on), else fine-tuning data. Empty when ../shared is absent."""
    tsv = REAL_DEV / name / "labels.tsv"
    if not tsv.exists():
        return [], []
    items = read_labels(tsv)
    return [it for i, it in enumerate(items) if i % 4 != 0], [it for i, it in enumerate(items) if i % 4 == 0]


def real_crops(items, jitters, seed, log=print):
    """Recogniser crops from real photos (contract cut around jittered labelled boxes); skips '?' plates."""
    import random
    rng = random.Random(seed)
    arrs, labels = [], []
    for path, plates in items:
        img = Image.open(path).convert("RGB")
        for box, text, country in plates:
            if "?" in text or len(text) > 10:
                continue
            for j in range(jitters):
                b = crops.jitter_box(box, rng) if j else box
                arrs.append(np.asarray(crops.cut(img, b), dtype=np.uint8))
                fmt = None if country == "SA" else "other"   # real Saudi strip colour unlabelled: no format loss
                labels.append({"text": text, "country": country, "format": fmt,
                               "arabic": text if country == "SA" else None})
    return (np.stack(arrs) if arrs else np.zeros((0, 64, 160), np.uint8)), labels


def scene_crops(scene_dir: Path, det_model, threshold, seed, log=print, workers=1):
    """Recogniser crops cut out of full-size scenes the way the edge cuts them: for every labelled plate, one crop
    around the detector's best box (IoU ≥ 0.5 with the label; what the edge would read) and one around the labelled
    box with a detector-like error (crops.jitter_box). The scenes' camera effects (blur, motion, noise, JPEG) are the
    frame's, not scaled to the plate as scenes/crops.py does, so small plates come blurred as the test scenes have
    them. Skips plates with '?' or over 10 characters. workers > 1: that many processes (the detector on one thread
    in each), each its own contiguous part of the scenes and its own jitter seed; deterministic for a given count.
    → (uint8 [N,64,160], labels like build_crops')."""
    meta = json.loads((scene_dir / "labels.json").read_text())["images"]
    t = time.time()
    if workers <= 1:
        arrs, labels, found = _cut_scene_part(scene_dir, meta, det_model, threshold, seed, log)
    else:
        import multiprocessing
        size = -(-len(meta) // workers)
        parts = [(scene_dir, meta[i:i + size], threshold, seed * 1000 + k)
                 for k, i in enumerate(range(0, len(meta), size))]
        # spawn, not fork: the parent's torch thread pool must not be inherited by the children
        with multiprocessing.get_context("spawn").Pool(len(parts), _scene_worker_init, (det_model,)) as pool:
            done = pool.map(_scene_worker, parts)
        arrs = [a for d in done for a in d[0]]
        labels = [lb for d in done for lb in d[1]]
        found = sum(d[2] for d in done)
    log(f"scene crops {scene_dir.name}: {len(labels)} crops ({found} cut at the detector's box) "
        f"in {time.time() - t:.0f} s")
    return (np.stack(arrs) if arrs else np.zeros((0, 64, 160), np.uint8)), labels


_WORKER_DETECTOR = None


def _scene_worker_init(det_model):
    global _WORKER_DETECTOR
    import torch
    torch.set_num_threads(1)
    _WORKER_DETECTOR = det_model


def _scene_worker(part):
    import torch
    scene_dir, meta, threshold, seed = part
    with torch.no_grad():
        return _cut_scene_part(scene_dir, meta, _WORKER_DETECTOR, threshold, seed, lambda _msg: None)


def _cut_scene_part(scene_dir: Path, meta, det_model, threshold, seed, log):
    import random
    from . import evaluate
    rng = random.Random(seed)
    arrs, labels, found = [], [], 0
    t = time.time()
    for i in range(0, len(meta), 8):
        chunk = meta[i:i + 8]
        images = [Image.open(scene_dir / m["image"]).convert("RGB") for m in chunk]
        preds = evaluate.detect(det_model, images, threshold)
        for img, m, p in zip(images, chunk, preds):
            plates = m["plates"]
            pairs = {g: pi for pi, g in evaluate.match(p, [q["box"] for q in plates]).items()}
            for gj, q in enumerate(plates):
                if "?" in q["text"] or len(q["text"]) > 10:
                    continue
                boxes = [crops.jitter_box(q["box"], rng)]
                if gj in pairs:
                    boxes.append(p[pairs[gj]][1:])
                    found += 1
                for b in boxes:
                    arrs.append(np.asarray(crops.cut(img, b), dtype=np.uint8))
                    labels.append({"text": q["text"], "country": q["country"], "format": q["format"],
                                   "arabic": q["arabic"]})
        if (i // 8) % 100 == 0:
            log(f"scene crops {scene_dir.name}: {i + len(chunk)}/{len(meta)} scenes after {time.time() - t:.0f} s")
    return arrs, labels, found


def cached(cache: Path, name: str, log, make):
    """(uint8 array, labels) from cache/name.npy + .json when there, else make() saved there first."""
    npy, js = cache / f"{name}.npy", cache / f"{name}.json"
    if npy.exists() and js.exists():
        log(f"{name}: cached")
        return np.load(npy), json.loads(js.read_text())
    arrs, labels = make()
    np.save(npy, arrs)
    js.write_text(json.dumps(labels))
    return arrs, labels
