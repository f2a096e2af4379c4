#!/usr/bin/python3
"""Render the simulated roadside camera clip with known plates.

    /usr/bin/python3 hardware/simcam/render_video.py --out DIR [--seed 1] [--duration-s 30]

Writes DIR/road.mp4 (1920x1080, 25 fps, H.264 main, no B-frames, GOP 25; after the scheduled traffic one car drives
the wrong way up lane 1, so the clip runs a few seconds past --duration-s),
DIR/groundtruth.json, DIR/labels.tsv and DIR/frames/v<id>.png (largest view of each plate).
"""
import argparse
import json
import math
import random
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

import schedule
import scene
from traffic import FPS, H, SHUTTER, W, compute_boxes, ground_point, placement

SENSOR_NOISE = "noise=c0s=6:c0f=t+u:c1s=3:c1f=t+u:c2s=3:c2f=t+u"   # temporal uniform noise, done by ffmpeg (fast)
FFMPEG_ARGS = ["-vf", "format=yuv420p," + SENSOR_NOISE, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-profile:v", "main",
               "-pix_fmt", "yuv420p", "-bf", "0", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
               "-movflags", "+faststart"]   # brief: no B-frames, keyframe every 25 frames


def _paste(frame, v, p, blur_px):
    """Scale the visible part of v's sprite straight into the frame (crop before resize)."""
    s, ox, oy = p["s"], p["ox"], p["oy"]
    x0, y0, x1, y1 = p["rect"]
    bottom = min(H, p["clip"] if p["clip"] is not None else H)
    dx0, dy0 = max(0, math.floor(x0)), max(0, math.floor(y0))
    dx1, dy1 = min(W, math.ceil(x1)), min(int(bottom), math.ceil(y1))
    if dx1 <= dx0 or dy1 <= dy0:
        return
    lv, im = v.sprite.level_for(s)
    k = lv / s                    # level px per frame px
    box = (max(0.0, (dx0 - ox) * k), max(0.0, (dy0 - oy) * k),
           min(im.width, (dx1 - ox) * k), min(im.height, (dy1 - oy) * k))
    size = (dx1 - dx0, dy1 - dy0)
    crop = im.resize(size, Image.BILINEAR, box=box)
    if blur_px >= 1.5:            # vertical motion blur: squeeze and stretch back
        crop = crop.resize((size[0], max(1, round(size[1] / blur_px))), Image.BOX).resize(size, Image.BILINEAR)
    frame.paste(crop, (dx0, dy0), crop)


def _motion_px(v, t):
    z0, z1 = v.z_at(t - 1 / FPS), v.z_at(t)
    if z0 is None or z1 is None:
        return 0.0
    _, xa, ya, _ = ground_point(z0, v.lane)
    _, xb, yb, _ = ground_point(z1, v.lane)
    return SHUTTER * math.hypot(xb - xa, yb - ya)


def _groundtruth(vehicles, n_frames, seed):
    out = []
    for v in vehicles:
        out.append({
            "id": v.id, "plate": v.spec.text, "country": v.spec.country, "format": v.spec.format,
            "arabic": v.spec.arabic, "fields": v.spec.fields, "lane": v.lane, "direction": v.direction,
            "vehicle": v.kind, "enter_frame": math.ceil(v.t0 * FPS),
            "exit_frame": min(n_frames - 1, math.floor((v.t0 + v.duration) * FPS)),
            "first_frame": v.boxes[0]["frame"] if v.boxes else None,
            "last_frame": v.boxes[-1]["frame"] if v.boxes else None,
            "boxes": v.boxes})
    return {"width": W, "height": H, "fps": FPS, "frames": n_frames, "seed": seed, "vehicles": out}


def _export_frames(out, samples):
    """Decode the chosen frames from road.mp4 (what a client sees: noise + H.264) to frames/v<id>.png."""
    order = sorted(samples)
    select = "+".join(f"eq(n\\,{f})" for f in order)
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(out / "road.mp4"),
                    "-vf", f"select={select}", "-vsync", "0", str(out / "frames" / "tmp%03d.png")], check=True)
    for i, f in enumerate(order, start=1):
        (out / "frames" / f"tmp{i:03d}.png").rename(out / "frames" / f"v{samples[f].id}.png")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--duration-s", type=float, default=30.0, help="the schedule's length (the clip runs on to show the wrong-way car)")
    ap.add_argument("--no-wrong-way", action="store_true", help="leave out the wrong-way vehicle at the end")
    args = ap.parse_args()
    started = time.monotonic()
    (args.out / "frames").mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    background = scene.render_background(rng)
    vehicles = schedule.build(rng, args.duration_s)
    clip_s = args.duration_s if args.no_wrong_way else max(args.duration_s, schedule.add_wrong_way(vehicles, rng))
    n_frames = round(clip_s * FPS)
    compute_boxes(vehicles, n_frames)
    samples = {max(v.boxes, key=lambda b: b["w"])["frame"]: v for v in vehicles if v.boxes}

    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
           "-s", f"{W}x{H}", "-r", str(FPS), "-i", "pipe:", *FFMPEG_ARGS, str(args.out / "road.mp4")]
    enc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    for f in range(n_frames):
        t = f / FPS
        frame = background.copy()
        live = [(v, placement(v, z)) for v in vehicles if (z := v.z_at(t)) is not None]
        for v, p in sorted(live, key=lambda vp: vp[1]["s"]):     # far first
            _paste(frame, v, p, _motion_px(v, t))
        enc.stdin.write(frame.tobytes())
    enc.stdin.close()
    if enc.wait() != 0:
        sys.exit("ffmpeg failed")
    _export_frames(args.out, samples)
    labels = []
    for f, v in sorted(samples.items(), key=lambda fv: fv[1].id):
        b = next(b for b in v.boxes if b["frame"] == f)
        labels.append(f"frames/v{v.id}.png\t{b['x']},{b['y']},{b['w']},{b['h']}\t{v.spec.text}\t{v.spec.country}\n")
    gt = _groundtruth(vehicles, n_frames, args.seed)
    (args.out / "groundtruth.json").write_text(json.dumps(gt, ensure_ascii=False, indent=1), encoding="utf-8")
    (args.out / "labels.tsv").write_text("".join(labels), encoding="utf-8")
    widths = [b["w"] for v in vehicles for b in v.boxes]
    print(f"{len(vehicles)} vehicles, {n_frames} frames, plate width {min(widths)}-{max(widths)} px, "
          f"{time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
