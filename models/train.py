#!/usr/bin/python3
"""One entry point: rebuild data, train and export both plate models (CPU, fixed seeds).

    nice -n 19 /usr/bin/python3 models/train.py --stage all            # full run (see models/README.md)
    /usr/bin/python3 models/train.py --smoke --out /tmp/x               # seconds: tiny data, few steps

Stages: data | recogniser | detector | verifier | refiner | recogniser-b | score | all. Generated data is cached under
<cache>/ and reused. Outputs in --out (default models/): plate-recogniser.onnx/.json, plate-detector.onnx/.json,
plate-verifier.onnx/.json (a second look at each detector box), plate-refiner.onnx/.json (redraws each kept box around
the whole plate), plate-recogniser-b.onnx/.json (the second recogniser
the edge asks when the first is unsure: scene crops and its own seed), and
<cache>/scores.json with the Python scores (the C# harness `edgecam eval` re-scores the ONNX files).
"""
import argparse
import copy
import datetime
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

MODELS = Path(__file__).resolve().parent
sys.path.insert(0, str(MODELS))

from scenes.plates import FORMAT_IDS          # noqa: E402
from training import data, evaluate, recogniser as rec, detector as det, det_train, verifier, refiner  # noqa: E402
from training.plan import (  # noqa: E402
    FULL, SMOKE, TEST_FRAME, TEST_FRAME_1080, DECORATED_TRAIN, DECORATED_TEST, SEED_DECORATED_TRAIN,
    SEED_DECORATED_TEST, REAL_PLATES_SHARE, SEED_REAL_PLATES, SEED_MISMATCHED, SEED_SCENES_TRAIN_1080,
    SEED_SCENES_VAL_1080, SEED_LONG, SEED_SCENES_VAL2_1080, SEED_SCENES_LONG_1080, LONG_SCENES_SHARE,
    VERIFIER_REAL_WEIGHT, SAUDI_KINDS, MISMATCHED_SHARE, CUT_EDGE_SHARE)


def log_to(path):
    def log(msg):
        line = f"{time.strftime('%H:%M:%S')} {msg}"
        print(line, flush=True)
        with open(path, "a") as f:
            f.write(line + "\n")
    return log


def _scenes_1080(cfg, cache, log, *names):
    """Builds (or finds cached) the named 1920×1080 scene sets: train, val, val2, long."""
    sets = {"train": ("scenes-train-1080", SEED_SCENES_TRAIN_1080, "scenes_train_1080", {}),
            "val": ("scenes-val-1080", SEED_SCENES_VAL_1080, "scenes_val_1080", {}),
            "val2": ("scenes-val2-1080", SEED_SCENES_VAL2_1080, "scenes_val2_1080", {}),
            "long": ("scenes-train-1080-long", SEED_SCENES_LONG_1080, "scenes_long_1080", {"long_share": LONG_SCENES_SHARE})}
    for folder, seed, size, extra in (sets[n] for n in names):
        data.build_scenes(cache / folder, seed, cfg[size], full_frame=TEST_FRAME_1080, log=log, **extra)


def stage_recogniser_data(cfg, cache, log):
    """What the recogniser trains and picks its checkpoint on (the data stage builds it too)."""
    data.build_crops(cache, "crops-train", data.SEED_CROPS_TRAIN, cfg["crops_train"], log)
    if cfg.get("mismatched"):
        data.build_crops(cache, "crops-train-mismatched", SEED_MISMATCHED, cfg["crops_mismatched"], log,
                         kinds=SAUDI_KINDS, disagree=MISMATCHED_SHARE)
    if cfg.get("long_plates"):
        data.build_crops(cache, "crops-train-long", SEED_LONG, cfg["crops_long"], log, kinds=SAUDI_KINDS, long=1.0)
    if cfg.get("scene_crops"):
        _scenes_1080(cfg, cache, log, "train", "val")
    data.build_crops(cache, "crops-val", data.SEED_CROPS_TRAIN + 500_000, cfg["crops_val"], log)


def stage_data(cfg, cache, log):
    stage_recogniser_data(cfg, cache, log)
    data.build_crops(cache, "crops-test", data.SEED_CROPS_TEST, cfg["crops_test"], log)
    data.build_scenes(cache / "scenes-train", data.SEED_SCENES_TRAIN, cfg["scenes_train"], log=log)
    data.build_scenes(cache / "scenes-val", data.SEED_SCENES_TRAIN + 500_000, cfg["scenes_val"], log=log)
    data.build_scenes(cache / "scenes-test", data.SEED_SCENES_TEST, cfg["scenes_test"], full_frame=TEST_FRAME, log=log)
    data.build_scenes(cache / "scenes-test-1080", data.SEED_SCENES_TEST, cfg["scenes_test_1080"],
                      full_frame=TEST_FRAME_1080, log=log)
    if cfg.get("decorated"):
        data.build_scenes(cache / "scenes-train-decorated", SEED_DECORATED_TRAIN, cfg["scenes_decorated"], log=log,
                          decorated=DECORATED_TRAIN)
    data.build_scenes(cache / "scenes-test-decorated", SEED_DECORATED_TEST, cfg["scenes_test_decorated"],
                      full_frame=TEST_FRAME, log=log, decorated=DECORATED_TEST)


def _real_train(cfg):
    sa, _ = data.real_split("saudi-train")
    us, _ = data.real_split("us")
    lim = cfg["real_limit"]
    return (sa[:lim] if lim else sa), (us[:lim] if lim else us)


def _crops(cache, name):
    return np.load(cache / f"{name}.npy"), json.loads((cache / f"{name}.json").read_text())


def _continue_from(cfg, cache, out, name, rebuild, log):
    """--resume: (a copy of <cache>/<name>.pt to load, None); without that checkpoint, as in a fresh checkout,
    (None, the model rebuilt from <out>/plate-<name>.onnx with BatchNorm folded, to train with it frozen);
    (None, None) without --resume or anything to continue from."""
    if not cfg.get("resume"):
        return None, None
    if (cache / f"{name}.pt").exists():
        init = cache / f"{name}-start.pt"
        init.write_bytes((cache / f"{name}.pt").read_bytes())
        log(f"{name}: resuming from {init}")
        return init, None
    onnx_path = out / f"plate-{name}.onnx"
    if onnx_path.exists():
        log(f"{name}: resuming from {onnx_path} (BatchNorm folded, kept frozen)")
        return None, rebuild(onnx_path)
    return None, None


def _scene_crop_sets(cache, out, log):
    """--scene-crops: (train x, labels, val x, labels) cut from the 1080 scenes with the detector in --out (the
    committed one in models/ when --out has none yet: the recogniser stage runs before the detector's)."""
    src = out if (out / "plate-detector.onnx").exists() else MODELS
    det_model = det.state_from_onnx(src / "plate-detector.onnx", det.Detector()).eval()
    thr = json.loads((src / "plate-detector.json").read_text())["threshold"]
    # cut once per detector (minutes of detection over 4,300 full frames); a changed detector cuts again
    tag = hashlib.sha256((src / "plate-detector.onnx").read_bytes()).hexdigest()[:12]
    with torch.no_grad():
        tx, tl = data.cached(cache, f"scene-crops-train-{tag}", log, lambda: data.scene_crops(
            cache / "scenes-train-1080", det_model, thr, seed=7, log=log, workers=data.WORKERS))
        vx, vl = data.cached(cache, f"scene-crops-val-{tag}", log, lambda: data.scene_crops(
            cache / "scenes-val-1080", det_model, thr, seed=8, log=log, workers=data.WORKERS))
    return tx, tl, vx, vl


def stage_recogniser(cfg, cache, out, log, name="recogniser"):
    """name "recogniser-b": the second recogniser (models/cards/plate-recogniser.md, "Two recognisers"), trained
    apart so that it misreads other plates: with plates cut from 1920×1080 scenes and another seed."""
    if name == "recogniser-b":
        cfg = dict(cfg, scene_crops=True, seed=cfg.get("seed", 0) + 1000, version=cfg.get("version") or "6")
        stage_recogniser_data(cfg, cache, log)   # the 1920×1080 training scenes, when no run has drawn them yet
    syn_x, syn_l = _crops(cache, "crops-train")
    if cfg.get("mismatched"):
        mx, ml = _crops(cache, "crops-train-mismatched")
        syn_x, syn_l = np.concatenate([syn_x, mx]), syn_l + ml
    if cfg.get("long_plates"):
        lx, ll = _crops(cache, "crops-train-long")
        syn_x, syn_l = np.concatenate([syn_x, lx]), syn_l + ll
    val_x, val_l = _crops(cache, "crops-val")
    if cfg.get("scene_crops"):
        sx, sl, vx, vl = _scene_crop_sets(cache, out, log)
        syn_x, syn_l = np.concatenate([syn_x, sx]), syn_l + sl
        val_x, val_l = np.concatenate([val_x, vx]), val_l + vl
    sa, us = _real_train(cfg)
    rx, rl = data.real_crops(sa + us, cfg["real_jitters"], seed=5)
    log(f"recogniser: {len(syn_l)} synthetic crops, {len(rl)} real-dev train crops ({len(sa)}+{len(us)} photos)")
    init, start = _continue_from(cfg, cache, out, name, lambda p: rec.state_from_onnx(p, len(FORMAT_IDS)), log)
    model, steps, secs, best = rec.train(syn_x, syn_l, rx, rl, val_x, val_l, FORMAT_IDS, cfg["rec_minutes"],
                                         cache / f"{name}.pt", steps_cap=cfg["steps"], log=log, init=init,
                                         peak_lr=cfg.get("peak_lr") or (1e-3 if init or start else 2e-3),
                                         seed=cfg.get("seed", 0), model=start, freeze_bn=start is not None,
                                         batch=cfg["batch"], device=cfg["device"], base=cfg["rec_base"])
    version = cfg.get("version") or ("5" if cfg.get("scene_crops") else "4" if cfg.get("mismatched") else "3")
    params = rec.export(model, out / f"plate-{name}.onnx", out / f"plate-{name}.json", FORMAT_IDS, {
        "name": f"plate-{name}", "version": version, "trained": datetime.date.today().isoformat(),
        "training_steps": steps, "training_batch": cfg["batch"], "training_device": cfg["device_name"],
        "training_seconds": round(secs), "validation_exact": round(best, 4),
        "data": f"{len(syn_l)} synthetic crops (models/scenes, seeds {data.SEED_CROPS_TRAIN}+"
                + (f", {SEED_MISMATCHED}+ Saudi with {MISMATCHED_SHARE:.0%} mismatched halves" if cfg.get("mismatched") else "")
                + (f", plates cut from 1920×1080 scenes {SEED_SCENES_TRAIN_1080}+" if cfg.get("scene_crops") else "")
                + (f", {SEED_LONG}+ Saudi at the long 520×110 mm size" if cfg.get("long_plates") else "")
                + f") and {len(rl)} crops "
                f"of the real-dev train split (index % 4 != 0 of saudi-train and us)"})
    log(f"{name} exported: {params} parameters, {steps} steps in {secs:.0f} s, val exact {best:.4f}")


def _val_detection(items):
    """Validation F1 (threshold-free best) on synthetic val scenes, for checkpoint choice."""
    images = [im for im, _ in items]
    gts = [[l["box"] for l in labels] for _, labels in items]

    def fn(model):
        preds = evaluate.detect(model, images, 0.1, merge=False)
        return evaluate.best_threshold(preds, gts)[0]
    return fn


def _scene_items(scene_dir: Path, limit=None):
    from PIL import Image
    meta = json.loads((scene_dir / "labels.json").read_text())["images"][:limit]
    return [(Image.open(scene_dir / m["image"]).convert("RGB"), m["plates"]) for m in meta]


def stage_detector(cfg, cache, out, log):
    syn = det_train.load_synthetic(cache / "scenes-train")
    if cfg.get("decorated"):
        syn += det_train.load_synthetic(cache / "scenes-train-decorated")
    if cfg.get("real_plates"):               # built here (cached): the only stage that uses them
        data.build_scenes(cache / "scenes-train-real", SEED_REAL_PLATES, cfg["scenes_real"], log=log,
                          real_plates=_real_train(cfg)[1], real_share=REAL_PLATES_SHARE)
        syn += det_train.load_synthetic(cache / "scenes-train-real")
    sa, us = _real_train(cfg)
    real = det_train.load_real(sa + us, random.Random(3), cfg["real_copies"])
    val = _scene_items(cache / "scenes-val")
    choice = val[:120]                       # checkpoint choice on 120 validation scenes (cheap); the threshold on all
    if cfg.get("frames_1080"):               # 1920×1080 scenes shrunk by the letterbox, as a camera frame is
        _scenes_1080(cfg, cache, log, "train", "val")
        syn += det_train.load_frames(cache / "scenes-train-1080")
        val_1080 = _scene_items(cache / "scenes-val-1080")
        val, choice = val + val_1080, choice + val_1080[:120]
    log(f"detector: {len(syn)} synthetic scenes, {len(real)} real-dev train canvases, {len(val)} val scenes")
    init, start = _continue_from(cfg, cache, out, "detector", lambda p: det.state_from_onnx(p, det.Detector()), log)
    teacher = None
    if cfg.get("keep_boxes") and (init or start):
        teacher = copy.deepcopy(start) if start is not None else det.Detector()
        if start is None:
            teacher.load_state_dict(torch.load(init))
        teacher.eval()
        log("detector: boxes pulled towards the starting detector's (--keep-boxes)"
            + (f"; heatmap too, on windows not cut (--keep-heat {cfg['keep_heat']:g})" if cfg.get("keep_heat") else ""))
    if cfg.get("flip"):
        log("detector: half the training windows mirrored left to right (--flip)")
    if cfg.get("cut_edge"):
        log(f"detector: the frame ends across a plate in {CUT_EDGE_SHARE:.0%} of the windows with plates (--cut-edge)")
    model, steps, secs, best = det_train.train(syn, real, _val_detection(choice), cfg["det_minutes"],
                                               cache / "detector.pt", steps_cap=cfg["steps"], log=log, init=init,
                                               peak_lr=cfg.get("peak_lr") or (7e-4 if init or start else 2e-3),
                                               model=start, freeze_bn=start is not None, teacher=teacher,
                                               flip=bool(cfg.get("flip")), seed=cfg.get("seed", 0),
                                               cut_edge=CUT_EDGE_SHARE if cfg.get("cut_edge") else 0.0,
                                               keep_heat=cfg.get("keep_heat", 0.0) if teacher is not None else 0.0)
    preds = evaluate.detect(model, [im for im, _ in val], 0.1, merge=False)
    f1, thr = evaluate.best_threshold(preds, [[l["box"] for l in labels] for _, labels in val])
    params = det.export(model, out / "plate-detector.onnx", out / "plate-detector.json", thr, {
        "version": ("7" if cfg.get("frames_1080") else "6" if cfg.get("flip") else "5" if cfg.get("real_plates")
                    else "4" if cfg.get("decorated") else "3"),
        "trained": datetime.date.today().isoformat(),
        "training_steps": steps, "training_seconds": round(secs), "validation_f1": round(f1, 4),
        "data": f"{len(syn)} synthetic scenes (models/scenes, seeds {data.SEED_SCENES_TRAIN}+"
                + (f" and {SEED_DECORATED_TRAIN}+ with decorated plates" if cfg.get("decorated") else "")
                + (f" and {SEED_REAL_PLATES}+ with real-dev train US plates pasted" if cfg.get("real_plates") else "")
                + (f", {SEED_SCENES_TRAIN_1080}+ drawn at 1920×1080" if cfg.get("frames_1080") else "")
                + ") and the real-dev "
                f"train split (index % 4 != 0 of saudi-train and us), {cfg['real_copies']} scale-jittered copies"
                + ("; boxes pulled towards the starting detector's" if teacher is not None else "")
                + ("; heatmap too, where the frame was not cut" if teacher is not None and cfg.get("keep_heat") else "")
                + ("; half the windows mirrored" if cfg.get("flip") else "")
                + ("; frames made to end across plates" if cfg.get("cut_edge") else "")})
    log(f"detector exported: {params} parameters, {steps} steps in {secs:.0f} s, threshold {thr} (val F1 {f1:.4f})")


def stage_verifier(cfg, cache, out, log):
    """The plate verifier, trained on the boxes of the detector in --out (the committed one unless just trained)."""
    _scenes_1080(cfg, cache, log, "train", "val", "val2")
    data.build_scenes(cache / "scenes-train-decorated", SEED_DECORATED_TRAIN, cfg["scenes_decorated"], log=log,
                      decorated=DECORATED_TRAIN)
    val_dirs = [cache / "scenes-val-1080", cache / "scenes-val2-1080"]
    det_model = det.Detector()
    det.state_from_onnx(out / "plate-detector.onnx", det_model)
    det_info = json.loads((out / "plate-detector.json").read_text())
    sure = det_info["threshold"]
    sa, us = _real_train(cfg)
    x, y, w = verifier.training_set(det_model, cfg["ver_harvest"],
                                    [cache / "scenes-train-1080", cache / "scenes-train-decorated", cache / "scenes-train"],
                                    sa + us, VERIFIER_REAL_WEIGHT, log)
    model, steps, secs = verifier.train(x, y, w, cfg["ver_minutes"], steps_cap=cfg["steps"], log=log)
    vx, rows = [], []
    for d in val_dirs:
        a, r = verifier.harvest(det_model, verifier.scene_chunks(d), cfg["ver_harvest"], d.name)
        vx += a
        rows += r
    plates = sum(len(m["plates"]) for d in val_dirs for m in json.loads((d / "labels.json").read_text())["images"])
    prob = verifier.predict(model, np.stack(vx)) if vx else np.zeros(0, np.float32)
    rule = verifier.choose_rule(np.array([r[1] for r in rows]), np.array([r[2] for r in rows]), prob, plates, sure)
    params = verifier.export(model, out / "plate-verifier.onnx", out / "plate-verifier.json", rule, {
        "version": "1", "trained": datetime.date.today().isoformat(), "training_steps": steps,
        "training_seconds": round(secs), "validation": {"precision": round(rule[1], 4), "recall": round(rule[2], 4),
                                                        "boxes": len(rows), "plates": plates},
        "data": f"{len(y)} boxes of plate-detector {det_info['version']} "
                f"at score ≥ {cfg['ver_harvest']} ({int(y.sum())} plates) in scenes-train-1080, scenes-train-decorated, "
                f"scenes-train and the real-dev train split (index % 4 != 0 of saudi-train and us, weight "
                f"{VERIFIER_REAL_WEIGHT})"})
    log(f"verifier exported: {params} parameters, {steps} steps in {secs:.0f} s; rule detector ≥ {rule[3]}, verifier ≥ "
        f"{rule[4]} (≥ {rule[5]} below {sure}): val P {rule[1]:.4f} R {rule[2]:.4f}")


def stage_refiner(cfg, cache, out, log):
    """The plate box refiner (training/refiner.py), on the detector's boxes in the 1080 training scenes."""
    _scenes_1080(cfg, cache, log, "train", "val2", "long")
    sa, us = _real_train(cfg)
    refiner.stage(cfg, cache, out, log, [cache / "scenes-train-1080", cache / "scenes-train-1080-long"],
                  [cache / "scenes-val2-1080"], sa + us, VERIFIER_REAL_WEIGHT)


def stage_score(cfg, cache, out, log):
    rec_state = torch.load(cache / "recogniser.pt", map_location="cpu")
    rec_model = rec.Recogniser(len(FORMAT_IDS), rec.checkpoint_base(rec_state))
    rec_model.load_state_dict(rec_state)
    det_model = det.Detector()
    det_model.load_state_dict(torch.load(cache / "detector.pt"))
    thr = json.loads((out / "plate-detector.json").read_text())["threshold"]
    res = {"measured": datetime.datetime.utcnow().isoformat(timespec="seconds") + "Z", "threshold": thr}
    tx, tl = _crops(cache, "crops-test")
    res["synthetic_crops_test"] = evaluate.score_crops(rec_model, tx, tl, FORMAT_IDS)
    log(f"crops test: {json.dumps(res['synthetic_crops_test'])}")
    t = time.time()
    items = _scene_items(cache / "scenes-test")
    res["synthetic_scenes_test"] = evaluate.score_end_to_end(det_model, rec_model, FORMAT_IDS, items, thr)
    res["synthetic_scenes_test"]["seconds"] = round(time.time() - t)
    log(f"scenes test: {json.dumps(res['synthetic_scenes_test'])}")
    for name in ("saudi-train", "us"):
        train_part, held = data.real_split(name)
        lim = cfg["real_limit"]
        parts = (("held_out", held),) if cfg["steps"] else (("held_out", held), ("train_split", train_part))
        for part, its in parts:
            its = its[:lim] if lim else its
            if its:
                r = evaluate.score_end_to_end(det_model, rec_model, FORMAT_IDS, evaluate.real_items(its), thr)
                res[f"real_{name}_{part}"] = r
                log(f"real {name} {part}: {json.dumps(r)}")
    (cache / "scores.json").write_text(json.dumps(res, indent=2) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stage", default="all",
                    choices=["data", "recogniser-data", "recogniser", "detector", "verifier", "refiner", "recogniser-b",
                             "score", "all"])
    ap.add_argument("--smoke", action="store_true", help="tiny data, a few steps (the smoke test)")
    ap.add_argument("--out", default=str(MODELS), help="where the ONNX + JSON files go (default models/)")
    ap.add_argument("--cache", default=None, help="data cache (default models/.cache/full, or <out>/cache)")
    ap.add_argument("--minutes", type=float, default=None,
                    help="time box per model (default 35 rec / 45 det / 12 verifier / 15 refiner)")
    ap.add_argument("--resume", action="store_true", help="continue from <cache>/recogniser.pt and <cache>/detector.pt")
    ap.add_argument("--decorated", action="store_true",
                    help="detector: add scenes with decorated US-style plates (tried as version 4, not kept)")
    ap.add_argument("--real-plates", action="store_true",
                    help="detector: also 1,500 scenes whose generic plates are mostly real-dev train US plates")
    ap.add_argument("--keep-boxes", action="store_true",
                    help="detector --resume: also pull the boxes towards the starting detector's (box_anchor_loss)")
    ap.add_argument("--keep-heat", type=float, nargs="?", const=1.0, default=0.0, metavar="WEIGHT",
                    help="detector --resume --keep-boxes: the heatmap too, on windows --cut-edge did not cut "
                         "(heat_anchor_loss × WEIGHT, default 1)")
    ap.add_argument("--flip", action="store_true",
                    help="detector: mirror half the training windows left to right")
    ap.add_argument("--cut-edge", action="store_true",
                    help="detector: in a fifth of the windows the frame ends across a plate (plates cut by the frame)")
    ap.add_argument("--frames-1080", action="store_true",
                    help="detector: also learn from 4,000 scenes drawn at 1920×1080 and letterboxed, as camera frames are")
    ap.add_argument("--mismatched", action="store_true",
                    help="recogniser: add 6,000 Saudi crops, half with a differing Arabic half (tried as version 4, not kept)")
    ap.add_argument("--scene-crops", action="store_true",
                    help="recogniser: add plates cut from 4,000 full 1920×1080 training scenes with the detector (tried as version 5, not kept)")
    ap.add_argument("--long-plates", action="store_true",
                    help="recogniser: add 8,000 Saudi crops drawn at the long 520×110 mm size")
    ap.add_argument("--threads", type=int, default=2, help="torch threads (the machine has 2 cores)")
    ap.add_argument("--workers", type=int, default=2, help="data-generation processes")
    ap.add_argument("--peak-lr", type=float, default=None, help="peak learning rate (default 2e-3; resumed: recogniser 1e-3, detector 7e-4)")
    ap.add_argument("--seed", type=int, default=0, help="recogniser and detector batch/augmentation seed (give a resumed run a new one)")
    ap.add_argument("--device", default="cpu", help="recogniser: where it trains (cuda on a machine with a GPU)")
    ap.add_argument("--batch", type=int, default=32, help="recogniser batch size")
    ap.add_argument("--crops-train", type=int, default=None, help="recogniser: synthetic training crops (default 20,000)")
    ap.add_argument("--crops-long", type=int, default=None, help="recogniser: long Saudi crops (default 8,000)")
    ap.add_argument("--scenes-train-1080", type=int, default=None,
                    help="--scene-crops: 1920×1080 training scenes to cut plates from (default 4,000)")
    ap.add_argument("--version", default=None, help="version written into plate-recogniser.json")
    ap.add_argument("--rec-base", type=int, default=32,
                    help="recogniser: a new network's first-layer channels, later layers in proportion (32: version 6's)")
    args = ap.parse_args()
    if args.keep_heat and not args.keep_boxes:             # the heatmap is held by the same frozen starting detector
        ap.error("--keep-heat needs --keep-boxes (and --resume): it holds the heatmap to the starting detector's")
    if args.keep_heat < 0:
        ap.error(f"--keep-heat WEIGHT cannot be negative: {args.keep_heat:g}")
    cfg = dict(SMOKE if args.smoke else FULL)
    cfg["resume"], cfg["decorated"], cfg["mismatched"] = args.resume, args.decorated, args.mismatched
    cfg["peak_lr"], cfg["seed"], cfg["scene_crops"] = args.peak_lr, args.seed, args.scene_crops
    cfg["device"], cfg["batch"], cfg["version"] = args.device, args.batch, args.version
    cfg["long_plates"], cfg["rec_base"], cfg["real_plates"] = args.long_plates, args.rec_base, args.real_plates
    cfg["keep_boxes"], cfg["keep_heat"] = args.keep_boxes, args.keep_heat
    cfg["flip"], cfg["frames_1080"], cfg["cut_edge"] = args.flip, args.frames_1080, args.cut_edge
    cfg["device_name"] = torch.cuda.get_device_name(0) if args.device.startswith("cuda") else "cpu"
    if args.crops_train is not None:
        cfg["crops_train"] = args.crops_train
    if args.crops_long is not None:
        cfg["crops_long"] = args.crops_long
    if args.scenes_train_1080 is not None:
        cfg["scenes_train_1080"] = args.scenes_train_1080
    if args.minutes is not None:
        cfg["rec_minutes"] = cfg["det_minutes"] = cfg["ver_minutes"] = cfg["ref_minutes"] = args.minutes
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cache = Path(args.cache) if args.cache else (out / "cache" if args.smoke else MODELS / ".cache" / "full")
    cache.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    random.seed(0)
    np.random.seed(0)
    data.WORKERS = args.workers
    log = log_to(cache / "train.log")
    t = time.time()
    if args.stage in ("data", "all"):
        stage_data(cfg, cache, log)
    if args.stage == "recogniser-data":
        stage_recogniser_data(cfg, cache, log)
        if cfg.get("scene_crops"):
            _scene_crop_sets(cache, out, log)
    if args.stage in ("recogniser", "all"):
        stage_recogniser(cfg, cache, out, log)
    if args.stage in ("detector", "all"):
        stage_detector(cfg, cache, out, log)
    if args.stage in ("verifier", "all"):            # after the detector: it learns that detector's boxes
        stage_verifier(cfg, cache, out, log)
    if args.stage in ("refiner", "all"):             # after the detector: it learns that detector's boxes
        stage_refiner(cfg, cache, out, log)
    if args.stage in ("recogniser-b", "all"):       # after the detector: its scene crops are cut at that detector's boxes
        stage_recogniser(cfg, cache, out, log, name="recogniser-b")
    if args.stage in ("score", "all"):
        stage_score(cfg, cache, out, log)
    log(f"done: stage {args.stage} in {time.time() - t:.0f} s")


if __name__ == "__main__":
    main()
