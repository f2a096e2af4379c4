#!/usr/bin/env bash
# Installs what EdgeCamera needs on Debian 12 and restores NuGet packages.
# Idempotent: when everything is present it only checks and returns in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
FORCE_UPDATE=""

# Debian packages: broker, RTSP camera (GStreamer + FFmpeg), OCR, fonts for the plate renderer,
# Python imaging for the renderer, training stack for models/, qemu for the arm64 smoke run.
PACKAGES=(
  mosquitto mosquitto-clients
  ffmpeg
  gstreamer1.0-rtsp gir1.2-gst-rtsp-server-1.0 python3-gi python3-gst-1.0
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-libav
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara libtesseract5
  libturbojpeg0   # evidence JPEGs (libjpeg-turbo's TurboJPEG; the edge falls back to SkiaSharp without it)
  python3-pil python3-numpy libraqm0
  python3-torch python3-torchvision python3-onnx   # models/: training and its smoke test (under /usr/bin/python3)
  fonts-dejavu-core fonts-noto-core fonts-kacst
  postgresql   # the cloud's multi-node store (tests start their own server on 127.0.0.1)
  chromium   # the diagnostics page's browser tests (Playwright drives Debian's chromium)
  opencv-data libgtk-3-0   # bench/: the OpenCV Haar-cascade plate baseline (OpenCvSharp4's native library needs GTK 3)
)
# The arm64 smoke run (scripts/arm64-smoke.sh): qemu plus the arm64 libraries the unit's Debian has.
if [[ "${EDGECAM_SETUP_EXTRA:-}" == *arm64* ]]; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $([[ $(id -u) -ne 0 ]] && echo sudo) dpkg --add-architecture arm64
    FORCE_UPDATE=1
  fi
  PACKAGES+=(qemu-user-static libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 libssl3:arm64 zlib1g:arm64 libtesseract5:arm64)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})) || [[ -n "${FORCE_UPDATE:-}" ]]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian package enables and starts a system broker; our fixtures run their own on other ports.
  $SUDO systemctl disable --now mosquitto >/dev/null 2>&1 || true
else
  echo "setup: Debian packages present"
fi

# A clean clone's build and test run takes about 1.5 GB beside the checkout, plus about 2.6 GB of NuGet packages on
# the first restore (measured 2026-11-29). A full disk shows up later as MSB3021 "No space left on device" in the
# middle of the build, so say it here, where it is clear what ran out.
free_gb=$(df -P --block-size=1G . | awk 'NR == 2 { print $4 }')
if [[ -n "$free_gb" && "$free_gb" -lt 4 ]]; then
  echo "setup: warning: only ${free_gb} GB free on $(df -P . | awk 'NR == 2 { print $6 }'); a clean build and test run needs about 4 GB" >&2
fi

if [[ "${EDGECAM_SKIP_RESTORE:-}" != 1 ]]; then
  dotnet restore EdgeCamera.sln --verbosity quiet
fi
