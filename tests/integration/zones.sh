#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Zones and conduits on the running integration fleet (called by run.sh, which brings the fleet
# up and always tears it down). The fleet keeps two live connections to ts-mixed's results
# service on tcp/5000 (tests/fleet/fleet.sh): pd-weak's, which the conduit line-1 -> test-lab
# allows, and bs-weak's, which crosses engineering -> test-lab without a conduit.
#   - zones check: the site model is valid; against the inventory bs-mixed contradicts its
#     zone (exit 1); a broken model is exit 2 naming file and line, for zones check and scan;
#   - scan --zones: every flow classified (each live connection seen from both ends with its
#     processes, the scanner's own sessions allowed by the management conduits), the zone and
#     conduit verdicts, the per-host rules and the IEC 62443 roll-up (assert_zones.py);
#   - every format carries it: zones.dot parses (dot -Tsvg), report.html draws the diagram in
#     headless Chromium without a console message, JUnit and CSV list the verdicts, the XCCDF
#     results validate;
#   - floorscan report recomputes the same fleet from results.json, and two shards merged
#     give the fleet of the full scan.
#   usage: zones.sh FLOORSCAN STATE_DIR
set -euo pipefail
FLOORSCAN=${1:?usage: zones.sh FLOORSCAN STATE_DIR}
state=${2:?usage: zones.sh FLOORSCAN STATE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
site="$here/zones-site.yml"
inv="$state/inventory.yml"
out="$state/out/zones"
hosts=bs-weak,bs-hard,bs-mixed,ts-weak,ts-mixed,pd-weak,pd-hard
common=(--known-hosts "$state/known_hosts" --connect-timeout 3 --timeout 120 --no-db -q)
rm -rf "$out" && mkdir -p "$out"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
expect_rc() { # expected actual what
  [ "$1" = "$2" ] || fail "$3: exit status $2, expected $1"
  echo "ok: $3 (exit $2)"
}

# The live connections start with the devices, retried until ts-mixed answers: wait for both.
for n in bs-weak pd-weak; do
  up=no
  for _ in $(seq 100); do
    # /proc/net/tcp: remote address column 3, state column 4 (01 established); 5000 = 0x1388
    if ip netns exec "fs-$n" cat /proc/net/tcp | awk '$3 ~ /:1388$/ && $4 == "01" {f=1} END {exit !f}'; then
      up=yes
      break
    fi
    sleep 0.2
  done
  [ "$up" = yes ] || fail "$n holds no connection to ts-mixed:5000 (tests/fleet/fleet.sh flow_client)"
done
echo "ok: the live connections to ts-mixed:5000 are established"

echo "-- zones check"
set +e
"$FLOORSCAN" zones check "$site" >"$out/check.txt" 2>&1
expect_rc 0 $? "zones check of the site model"
"$FLOORSCAN" zones check "$site" -i "$inv" >"$out/check-inv.txt" 2>&1
expect_rc 1 $? "zones check against the inventory (bs-mixed contradicts its zone)"
set -e
grep -q 'bs-mixed' "$out/check-inv.txt" || fail "zones check does not name bs-mixed: $(cat "$out/check-inv.txt")"
printf 'zones:\n  a: { networks: [10.9.0.0/16] }\n  b: { networks: [10.9.4.0/24] }\n' >"$out/overlap.yml"
set +e
"$FLOORSCAN" zones check "$out/overlap.yml" 2>"$out/overlap.err"
expect_rc 2 $? "overlapping zone networks"
"$FLOORSCAN" scan -i "$inv" -l "$hosts" "${common[@]}" --zones "$out/overlap.yml" \
  -o "$out/refused" 2>"$out/refused.err"
expect_rc 2 $? "scan --zones with overlapping networks"
set -e
grep -q 'overlap.yml:3' "$out/overlap.err" || fail "zones check names no line: $(cat "$out/overlap.err")"
grep -q 'overlap.yml:3' "$out/refused.err" || fail "scan names no line: $(cat "$out/refused.err")"
[ ! -e "$out/refused/results.json" ] || fail "a scan with an invalid site model wrote results"

echo "-- scan --zones"
set +e
"$FLOORSCAN" scan -i "$inv" -l "$hosts" "${common[@]}" --zones "$site" -o "$out/full" \
  -f json,html,dot,junit,csv,xccdf >"$out/full.txt"
expect_rc 0 $? "scan with the site model"
set -e
python3 "$here/assert_zones.py" "$out/full"
oscap xccdf validate "$out/full/results-xccdf.xml" >/dev/null
echo "ok: oscap xccdf validate results-xccdf.xml"
dot -Tsvg "$out/full/zones.dot" -o "$out/full/zones.svg"
grep -q '<svg' "$out/full/zones.svg" || fail "dot -Tsvg wrote no SVG"
echo "ok: zones.dot parses (dot -Tsvg)"

echo "-- the diagram in headless Chromium"
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || fail "chromium is not installed (scripts/install-deps.sh installs it)"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$profile" --enable-logging=stderr --v=0 --virtual-time-budget=3000 \
  --dump-dom "file://$out/full/report.html" >"$out/full/dom.html" 2>"$out/full/chromium.log"
timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
  --user-data-dir="$profile" --window-size=1280,2400 \
  --screenshot="$out/full/report.png" "file://$out/full/report.html" >/dev/null 2>&1
! grep -h ':CONSOLE' "$out/full/chromium.log" || fail "console messages in report.html"
python3 "$here/assert_zones.py" --dom "$out/full/dom.html"
[ -s "$out/full/report.png" ] || fail "no screenshot"

echo "-- floorscan report and merge recompute the same fleet"
"$FLOORSCAN" report "$out/full/results.json" -o "$out/rerender" -f json -q
python3 "$here/assert_zones.py" --same-fleet "$out/full/results.json" "$out/rerender/results.json"
for k in 0 1; do
  set +e
  "$FLOORSCAN" scan -i "$inv" -l "$hosts" "${common[@]}" --zones "$site" --shard "$k/2" \
    -o "$out/shard$k" -f json >"$out/shard$k.txt"
  rc=$?
  set -e
  expect_rc 0 $rc "shard $k/2 with the site model"
done
"$FLOORSCAN" merge "$out/shard0/results.json" "$out/shard1/results.json" -o "$out/merged" -f json -q
python3 "$here/assert_zones.py" --same-fleet "$out/full/results.json" "$out/merged/results.json"
echo "ok: zones and conduits"
