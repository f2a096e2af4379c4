#!/usr/bin/env bash
# Runs every test of EdgeCamera: unit tests, and the end-to-end ones that start their own Mosquitto broker and
# simulated RTSP camera on 127.0.0.1. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
mkdir -p artifacts/test-results
rm -f artifacts/test-results/*.trx
dotnet build EdgeCamera.sln --nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
# One test project at a time (-m:1): the end-to-end and browser tests read a live 25 fps camera and need the
# CPU to themselves; run in parallel on two cores they drop most frames and read fewer plates.
dotnet test EdgeCamera.sln --no-build --nologo -m:1 \
  --logger "trx" --results-directory artifacts/test-results \
  --logger "console;verbosity=normal" "$@"
rc=$?
# Sum the TRX counters of every test assembly into the one line CI reads, and name every failed test with the start
# of its message and stack just before that line: the end of the log, all CI keeps, says what broke.
report=$(/usr/bin/python3 - artifacts/test-results <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    run = ET.parse(path).getroot()
    for r in run.findall(".//{*}UnitTestResult"):
        if r.get("outcome") not in ("Failed", "Error", "Timeout"): continue
        print(f"FAILED {r.get('testName')} ({r.get('duration')})")
        for tag in ("Message", "StackTrace"):
            e = r.find(f"{{*}}Output/{{*}}ErrorInfo/{{*}}{tag}")
            if e is not None and e.text:
                for line in e.text.strip().splitlines()[:12]: print("    " + line[:300])
    c = run.find("{*}ResultSummary/{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    # xunit's skipped tests are counted in total but not in executed (notExecuted stays 0)
    s += max(int(c.get("notExecuted", 0)), int(c.get("total", 0)) - int(c.get("executed", 0)))
print(p, f, s)
PY
)
[[ $report == *$'\n'* ]] && printf '%s\n' "${report%$'\n'*}"   # the failed tests, if any
read -r passed failed skipped <<< "${report##*$'\n'}"
if [[ $rc -ne 0 && ${failed:-0} -eq 0 ]]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $rc
