#!/usr/bin/env bash
# Recogniser training on a lent GPU machine (one NVIDIA H200/H100, 16 cores, nothing reachable from it), as run for
# the candidates in models/cards/plate-recogniser.md. Everything also runs without one: models/train.py on the CPU.
#
#   models/training/lent-gpu.sh bundle      # here: what the machine lacks, into .dev/ (git-ignored; ~35 MB)
#   models/training/lent-gpu.sh run SECONDS # there, from the repo root: data, then two candidates side by side
#   models/training/lent-gpu.sh continue SECONDS # there: both candidates again, with the long Saudi plates
#   models/training/lent-gpu.sh widths SECONDS   # there: version 6's data in one go, a wider network beside base 32
#
# The machine has PyTorch and Pillow but not the Arabic shaping library's FriBiDi, the fonts, nor ../shared, so the
# bundle carries Debian's libfribidi, the renderer's fonts, the real-dev train split (index % 4 != 0, never the
# held-out quarter) and eight crops rendered here to compare the machine's rendering with ours.
set -euo pipefail

bundle() {
    rm -rf .dev && mkdir -p .dev/fonts .dev/lib
    for f in DejaVuSans-Bold DejaVuSans DejaVuSansCondensed-Bold DejaVuSansMono-Bold DejaVuSerif-Bold \
             DejaVuSerifCondensed-Bold NotoKufiArabic-Bold NotoSans-Bold; do
        cp "$(find /usr/share/fonts -name "$f.ttf" | head -1)" .dev/fonts/
    done
    cp -L /usr/lib/x86_64-linux-gnu/libfribidi.so.0 .dev/lib/
    /usr/bin/python3 - <<'EOF'
import shutil, sys
from pathlib import Path
sys.path.insert(0, "models")
import numpy as np
from training import data
from scenes import crops
for name in ("saudi-train", "us"):
    src, dst = data.REAL_DEV / name, Path(".dev/real-dev") / name
    dst.mkdir(parents=True)
    shutil.copy(src / "labels.tsv", dst / "labels.tsv")
    train, _held_out = data.real_split(name)
    for path, _plates in train:
        shutil.copy(path, dst / path.name)
np.save(".dev/ref-crops.npy", np.stack([crops.make_crop(data.SEED_CROPS_TRAIN + i)[0] for i in range(8)]))
EOF
    du -sh .dev
}

# Where the bundle's parts go on the machine, and the settings both modes share (PY=/usr/bin/python3 DEVICE=cpu:
# a rehearsal on a machine without a GPU).
prepare() {
    PY=${PY:-python3} t0=$SECONDS out=${OUT:-/tmp/lent-gpu-out} work=/tmp/lent-gpu-work device=${DEVICE:-cuda}
    cores=$(nproc)
    export PYTHONUNBUFFERED=1 LD_LIBRARY_PATH=$PWD/.dev/lib
    rm -rf "$work" && mkdir -p ../shared/datasets "$out/a" "$out/b" "$work/a" "$work/b"
    [ -d /usr/share/fonts/truetype/noto ] || { mkdir -p models/plategen/fonts && cp .dev/fonts/* models/plategen/fonts/; }
    [ -d ../shared/datasets/real-dev ] || cp -r .dev/real-dev ../shared/datasets/
    nvidia-smi -L || true
}

# Both candidates' checkpoints and logs into $OUT (eight files, what the lent machine sends back at most).
report() {
    for c in a b; do
        cp "$work/$c/recogniser.pt" "$out/$c/" && cp "$work/$c.log" "$out/$c/train.log"
        grep -E "recogniser:|exported|Error|error" "$work/$c.log" | sed "s/^/$c: /" || true
        grep "recogniser step" "$work/$c.log" | awk 'NR % 10 == 0' | tail -8 | sed "s/^/$c: /"
    done
    echo "done in $(( SECONDS - t0 )) s"
}

run() {
    # CROPS_MIN=100 SCENES_MIN=4 with a small SECONDS for a rehearsal
    local budget=$1
    prepare
    # the machine's rendering against ours (Pillow, raqm, FreeType differ): mean |difference| per crop, 0..255
    "$PY" - <<'EOF'
import sys
sys.path.insert(0, "models")
import numpy as np
from PIL import __version__, features
from training import data
from scenes import crops
print("Pillow", __version__, "raqm", features.check("raqm"), features.version("raqm"), "fribidi",
      features.version("fribidi"), "harfbuzz", features.version("harfbuzz"))
if not features.check("raqm"):
    sys.exit("no raqm: Arabic would not be shaped")
ref = np.load(".dev/ref-crops.npy").astype(float)
mine = np.stack([crops.make_crop(data.SEED_CROPS_TRAIN + i)[0] for i in range(8)]).astype(float)
print("rendering vs bundle, mean |diff| per crop:", np.round(np.abs(ref - mine).mean(axis=(1, 2)), 2).tolist())
EOF
    # size the data to the time: crops per second on this machine's cores (a 1920×1080 scene costs ~25 crops: measured here)
    local rate
    rate=$("$PY" - "$cores" <<'EOF'
import sys, time
from multiprocessing import Pool
sys.path.insert(0, "models")
from training import data
n = int(sys.argv[1]) * 24
t = time.time()
with Pool(int(sys.argv[1])) as pool:
    pool.map(data._crop_job, range(data.SEED_CROPS_TRAIN, data.SEED_CROPS_TRAIN + n), chunksize=8)
print(int(n / (time.time() - t)))
EOF
)
    local crops=$(( rate * budget * 25 / 100 )) scenes=$(( rate * budget * 10 / 100 / 25 ))
    local cmin=${CROPS_MIN:-20000} smin=${SCENES_MIN:-500}
    crops=$(( crops > 120000 ? 120000 : crops < cmin ? cmin : crops ))
    scenes=$(( scenes > 4000 ? 4000 : scenes < smin ? smin : scenes ))
    echo "render rate $rate crops/s on $cores cores: $crops crops, $scenes scenes at 1920x1080"
    local common=(--crops-train "$crops" --scenes-train-1080 "$scenes" --workers "$cores" --threads 4)
    "$PY" models/train.py --stage recogniser-data --scene-crops "${common[@]}" --cache "$work/a" --out "$out/a"
    for f in "$work"/a/crops-train.* "$work"/a/crops-val.*; do ln -sf "$f" "$work/b/"; done
    # both candidates side by side on the one GPU until the budget is spent (export and copy need ~40 s)
    local minutes; minutes=$("$PY" -c "print(max(1.0, ($budget - ($SECONDS - $t0) - 60) / 60))")
    echo "training both for $minutes min"
    local train=(--stage recogniser --device "$device" --batch 256 --minutes "$minutes" --version 6 "${common[@]}")
    "$PY" models/train.py "${train[@]}" --scene-crops --cache "$work/a" --out "$out/a" > "$work/a.log" 2>&1 &
    "$PY" models/train.py "${train[@]}" --seed 1 --cache "$work/b" --out "$out/b" > "$work/b.log" 2>&1 &
    wait
    report
}

# Both candidates of `run` (their recogniser.pt copied to .dev/a.pt and .dev/b.pt) trained on side by side with the
# long Saudi plates added (--long-plates), for what is left of SECONDS after 40,000 crops and the long ones are drawn.
continue_both() {
    local budget=$1
    prepare
    local common=(--crops-train "${CROPS:-40000}" --long-plates --workers "$cores" --threads 4)
    "$PY" models/train.py --stage recogniser-data "${common[@]}" --cache "$work/a" --out "$out/a"
    for f in "$work"/a/crops-*; do ln -sf "$f" "$work/b/"; done
    cp .dev/a.pt "$work/a/recogniser.pt" && cp .dev/b.pt "$work/b/recogniser.pt"
    local minutes; minutes=$("$PY" -c "print(max(0.5, ($budget - ($SECONDS - $t0) - 45) / 60))")
    echo "training both for $minutes min"
    local train=(--stage recogniser --resume --device "$device" --batch 256 --minutes "$minutes" --peak-lr 5e-4
                 --version 6 "${common[@]}")
    "$PY" models/train.py "${train[@]}" --seed 2 --cache "$work/a" --out "$out/a" > "$work/a.log" 2>&1 &
    "$PY" models/train.py "${train[@]}" --seed 3 --cache "$work/b" --out "$out/b" > "$work/b.log" 2>&1 &
    wait
    report
}

# Version 6's data from the start (80,750 crops, the 8,000 long Saudi ones, the real-dev train split; no scene crops)
# and two networks trained on it side by side from scratch with the same seed: a = base ${BASE_A:-48} channels,
# b = base 32 (version 6's network, the control). CROPS and LONG make a rehearsal small (DEVICE=cpu).
widths() {
    local budget=$1
    prepare
    local common=(--crops-train "${CROPS:-80750}" --crops-long "${LONG:-8000}" --long-plates --workers "$cores" --threads 4)
    "$PY" models/train.py --stage recogniser-data "${common[@]}" --cache "$work/a" --out "$out/a"
    for f in "$work"/a/crops-*; do ln -sf "$f" "$work/b/"; done
    local minutes; minutes=$("$PY" -c "print(max(0.5, ($budget - ($SECONDS - $t0) - 60) / 60))")
    echo "training both for $minutes min"
    local train=(--stage recogniser --device "$device" --batch 256 --minutes "$minutes" --version 7 --seed 1
                 "${common[@]}")
    "$PY" models/train.py "${train[@]}" --rec-base "${BASE_A:-48}" --cache "$work/a" --out "$out/a" > "$work/a.log" 2>&1 &
    "$PY" models/train.py "${train[@]}" --rec-base 32 --cache "$work/b" --out "$out/b" > "$work/b.log" 2>&1 &
    wait
    report
}

case "${1:-}" in
    bundle) bundle ;;
    run) run "${2:?seconds}" ;;
    continue) continue_both "${2:?seconds}" ;;
    widths) widths "${2:?seconds}" ;;
    *) echo "usage: $0 bundle | run SECONDS | continue SECONDS | widths SECONDS" >&2; exit 2 ;;
esac
