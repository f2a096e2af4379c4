#!/usr/bin/env bash
# Runs the whole EdgeCamera system on this machine, every part on 127.0.0.1:
#   simulated camera (RTSP) → edge worker → Mosquitto → cloud receiver → national-system stand-in.
# Keeps running until Ctrl-C, then stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUN=$ROOT/var/demo
BROKER_PORT=${EDGECAM_DEMO_BROKER_PORT:-11883}
RTSP_PORT=${EDGECAM_DEMO_RTSP_PORT:-8554}
NATIONAL_PORT=${EDGECAM_DEMO_NATIONAL_PORT:-8090}
CLOUD_PORT=${EDGECAM_DEMO_CLOUD_PORT:-8091}
EDGE_PORT=${EDGECAM_DEMO_EDGE_PORT:-8080}
EDGE_HTTPS_PORT=${EDGECAM_DEMO_EDGE_HTTPS_PORT:-8443}

scripts/setup.sh
echo "demo: building (Release)…"
dotnet build EdgeCamera.sln -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null

mkdir -p "$RUN/logs" "$RUN/mosquitto"
rm -f "$RUN"/edge-outbox.db* "$RUN"/cloud-evidence.db* "$RUN"/edge-withheld.db*
# Keyed by the renderer's sources: a change to hardware/simcam or models/plategen renders a new clip.
CLIP=$ROOT/.cache/simcam/demo-seed1-$(cat hardware/simcam/*.py $(find models/plategen -name '*.py' -o -name '*.json' | sort) | sha256sum | cut -c1-12)
if [[ ! -f $CLIP/groundtruth.json ]]; then
  echo "demo: rendering the simulated camera's clip (once)…"
  /usr/bin/python3 hardware/simcam/render_video.py --out "$CLIP" --seed 1 >"$RUN/logs/render.log" 2>&1
fi

PIDS=()
cleanup() {
  echo; echo "demo: stopping…"
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "demo: stopped. Logs are in $RUN/logs"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_port() { # port name
  for _ in $(seq 1 150); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.2; done
  echo "demo: $2 did not come up on 127.0.0.1:$1; see $RUN/logs" >&2; exit 1
}

cat >"$RUN/mosquitto/mosquitto.conf" <<CONF
listener $BROKER_PORT 127.0.0.1
allow_anonymous true
user root
persistence true
persistence_location $RUN/mosquitto/
log_dest stdout
# = WireJson.MaxEvidenceBytes (8 MiB): larger publishes are refused by the broker (cloud-sync/docs/wire-format.md)
message_size_limit 8388608
CONF
/usr/sbin/mosquitto -c "$RUN/mosquitto/mosquitto.conf" >"$RUN/logs/mosquitto.log" 2>&1 & PIDS+=($!)
wait_port "$BROKER_PORT" mosquitto

/usr/bin/python3 -u hardware/simcam/rtsp_server.py --file "$CLIP/road.mp4" --port "$RTSP_PORT" --path /cam >"$RUN/logs/camera.log" 2>&1 & PIDS+=($!)
wait_port "$RTSP_PORT" "simulated camera"

BIN=bin/Release/net10.0
DEVICE_ID=cam-demo-01
if [[ ! -f $RUN/device-key.pem ]]; then
  echo "demo: provisioning the demo unit's signing key…"
  edge/EdgeCamera.Edge/$BIN/edgecam provision --key "$RUN/device-key.pem" --public-key "$RUN/devices/$DEVICE_ID.pub.pem" >"$RUN/logs/provision.log"
fi
# The cloud signs the watch list with its own key; the unit takes only lists that verify against its public key.
if [[ ! -f $RUN/cloud-watchlist-key.pem ]]; then
  echo "demo: creating the cloud's watch-list signing key…"
  cloud-sync/EdgeCamera.Cloud/$BIN/edgecam-cloud watchlist-key --key "$RUN/cloud-watchlist-key.pem" --public-key "$RUN/cloud-watchlist.pub.pem" >>"$RUN/logs/provision.log"
fi
(cd cloud-sync/EdgeCamera.NationalSim/$BIN && exec ./national-sim --Urls="http://127.0.0.1:$NATIONAL_PORT" --Serilog:LogDirectory="$RUN/logs/rolling") >"$RUN/logs/national.log" 2>&1 & PIDS+=($!)
wait_port "$NATIONAL_PORT" "national stand-in"

# The fleet's watch list, pushed by the cloud over MQTT: the clip's vehicle 9 (3960TAZ), listed with letter O for digit 0.
cat >"$RUN/watchlist.json" <<'LIST'
{ "entries": [ { "plate": "396OTAZ", "country": "SA", "list": "stolen", "reason": "demo: reported stolen" } ] }
LIST
(cd cloud-sync/EdgeCamera.Cloud/$BIN && exec ./edgecam-cloud --Urls="http://127.0.0.1:$CLOUD_PORT" \
  --Broker:Port="$BROKER_PORT" --Storage:DatabasePath="$RUN/cloud-evidence.db" --Devices:PublicKeyDirectory="$RUN/devices" \
  --WatchList:File="$RUN/watchlist.json" --WatchList:SigningKeyPath="$RUN/cloud-watchlist-key.pem" \
  --NationalSystem:BaseUrl="http://127.0.0.1:$NATIONAL_PORT/" --Serilog:LogDirectory="$RUN/logs/rolling") >"$RUN/logs/cloud.log" 2>&1 & PIDS+=($!)
wait_port "$CLOUD_PORT" "cloud receiver"

# The diagnostics page has no default password: the demo sets a random one (kept in $RUN/diagnostics-password.txt).
DIAG_ARGS=(--Diagnostics:PasswordHashPath="$RUN/diagnostics-password" --Diagnostics:CertificatePath="$RUN/diagnostics-cert.pfx")
if [[ ! -f $RUN/diagnostics-password.txt ]]; then
  (umask 077; head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$RUN/diagnostics-password.txt")
fi
edge/EdgeCamera.Edge/$BIN/edgecam set-password "${DIAG_ARGS[@]}" <"$RUN/diagnostics-password.txt" >>"$RUN/logs/provision.log"
(cd edge/EdgeCamera.Edge/$BIN && exec ./edgecam --Urls="http://127.0.0.1:$EDGE_PORT;https://127.0.0.1:$EDGE_HTTPS_PORT" "${DIAG_ARGS[@]}" \
  --Camera:Url="rtsp://127.0.0.1:$RTSP_PORT/cam" --Broker:Port="$BROKER_PORT" \
  --Outbox:DatabasePath="$RUN/edge-outbox.db" --Signing:PrivateKeyPath="$RUN/device-key.pem" \
  --Hardware:Mode=Simulated --Hardware:GroundTruthPath="$CLIP/groundtruth.json" \
  --Violations:WithheldDatabasePath="$RUN/edge-withheld.db" --WatchList:CloudPublicKeyPath="$RUN/cloud-watchlist.pub.pem" \
  --Serilog:LogDirectory="$RUN/logs/rolling") >"$RUN/logs/edge.log" 2>&1 & PIDS+=($!)
wait_port "$EDGE_PORT" "edge worker"

cat <<MSG

EdgeCamera demo is running (Ctrl-C stops it). Violations appear at the national system within about a minute:
simulated loops, radar and signal play the clip's ground truth (edge.settings.json "Scenario"): speeding (SPD),
red-light (RLT), bus-lane (BUS: lane 2 all day, trucks exempt) and wrong-way (WWY: the clip's last car) notices, and a
watch-list hit (WLH, amount 0: reported, not fined) for the plate in $RUN/watchlist.json, which the cloud pushes
retained on edgecam/v1/watchlist (edit the file: the new list reaches the unit within 10 s). Plain reads stay on the
unit (ReadRetention). Rules, watch list, frame ring and the (simulated) status LED: http://127.0.0.1:$EDGE_PORT/api/violations
  National stand-in, notices:  http://127.0.0.1:$NATIONAL_PORT/      (JSON: /api/v1/notices)
  Edge worker status:          http://127.0.0.1:$EDGE_PORT/api/status   recent reads: /api/reads
  Technician's page:           https://127.0.0.1:$EDGE_HTTPS_PORT/diag/   (the unit's self-signed certificate; or http://127.0.0.1:$EDGE_PORT/diag/)
                               password: $(cat "$RUN/diagnostics-password.txt")   (kept in $RUN/diagnostics-password.txt;
                               set another: echo NEW-PASSWORD | edge/EdgeCamera.Edge/$BIN/edgecam set-password ${DIAG_ARGS[0]})
  Metrics and probes:          http://127.0.0.1:$EDGE_PORT/metrics   /healthz   /readyz
  Cloud receiver intake:       http://127.0.0.1:$CLOUD_PORT/api/v1/intake/stats
  Signed package of an event:  http://127.0.0.1:$CLOUD_PORT/api/v1/evidence/<eventId>/package   (check it offline:
                               edge/EdgeCamera.Edge/$BIN/edgecam verify --public-key $RUN/devices/$DEVICE_ID.pub.pem FILE)
  Camera stream:               rtsp://127.0.0.1:$RTSP_PORT/cam   (ground truth: $CLIP/groundtruth.json)
  MQTT broker:                 127.0.0.1:$BROKER_PORT   (mosquitto_sub -p $BROKER_PORT -t 'edgecam/v1/devices/+/ack' -v)
  Logs:                        $RUN/logs/{edge,cloud,national,camera,mosquitto}.log

MSG
tail -n0 -F "$RUN/logs/national.log" 2>/dev/null | grep --line-buffered "Notice" &
PIDS+=($!)
wait -n "${PIDS[@]:0:5}"
echo "demo: a component exited; see $RUN/logs" >&2
exit 1
