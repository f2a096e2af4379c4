#!/usr/bin/env bash
# Self-contained builds of the edge worker for the roadside unit (linux-arm64) and for x86 boxes (linux-x64).
# Output: artifacts/publish/edge-<rid>/edgecam (+ edge.settings.json). Usage: ./publish.sh [rid...]
set -euo pipefail
cd "$(dirname "$0")"
rids=("$@")
((${#rids[@]})) || rids=(linux-arm64 linux-x64)
for rid in "${rids[@]}"; do
  out=artifacts/publish/edge-$rid
  echo "publish: $rid → $out"
  dotnet publish edge/EdgeCamera.Edge/EdgeCamera.Edge.csproj -c Release -r "$rid" --self-contained \
    -p:PublishSingleFile=false -o "$out" --nologo -v quiet -clp:ErrorsOnly
done
