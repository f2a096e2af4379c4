#!/usr/bin/env bash
# Runs the self-contained linux-arm64 build of the edge worker under qemu-aarch64-static on real frames of the
# simulated camera, through the same detection and reading code the unit runs. Prints what it read.
# Usage: scripts/arm64-smoke.sh IMAGE...      (qemu is ~80x slower than native: a smoke test, never a benchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
(($#)) || { echo "usage: $0 IMAGE..." >&2; exit 2; }
EDGECAM_SETUP_EXTRA=arm64 EDGECAM_SKIP_RESTORE=1 scripts/setup.sh >&2
./publish.sh linux-arm64 >&2
[[ $(od -An -tx1 -j18 -N2 artifacts/publish/edge-linux-arm64/edgecam | tr -d " ") == b700 ]] || { echo "not an arm64 (EM_AARCH64) executable" >&2; exit 1; }
# -L /: the arm64 loader and libraries come from Debian's multiarch folders (/lib/ld-linux-aarch64.so.1, /usr/lib/aarch64-linux-gnu).
run=(qemu-aarch64-static -L / artifacts/publish/edge-linux-arm64/edgecam read-image "$@")
# qemu-user shows the guest the host's /proc/cpuinfo (x86 here); ONNX Runtime's cpuinfo library finds no ARM core in
# it and dereferences NULL (SIGSEGV, seen 2026-11-26). Inside a private mount namespace the guest sees the /proc/cpuinfo
# of a 2-core Cortex-A72 (ARMv8.0, Raspberry Pi 4 class: scripts/arm64-cpuinfo) instead; nothing outside changes.
cpuinfo=$PWD/scripts/arm64-cpuinfo
ns=(unshare --mount)
((EUID == 0)) || ns=(unshare --user --map-root-user --mount)
exec "${ns[@]}" bash -c 'mount --bind "$0" /proc/cpuinfo && exec "$@"' "$cpuinfo" "${run[@]}"
