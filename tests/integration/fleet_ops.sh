#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fleet operations on the running integration fleet (called by run.sh, which brings the fleet
# up and always tears it down):
#   - the same results with -j 1 and -j 32 (timestamps aside);
#   - shards 0/3, 1/3 and 2/3 merged equal the full scan, in every format the merge writes;
#   - a device that stalls mid-output is cut at the collection budget, with the phase, the
#     seconds and the facts it gave, and those facts' rules judged;
#   - SIGINT during a fleet scan: exit 4, every output valid and marked incomplete, finished
#     hosts kept, hosts not reached not-scanned; a second SIGINT exits at once leaving no
#     temporary or half-written file.
#   usage: fleet_ops.sh FLOORSCAN STATE_DIR
set -euo pipefail
FLOORSCAN=${1:?usage: fleet_ops.sh FLOORSCAN STATE_DIR}
state=${2:?usage: fleet_ops.sh FLOORSCAN STATE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
same="$here/same_results.py"
inv="$state/inventory.yml"
out="$state/out/ops"
common=(--known-hosts "$state/known_hosts" --connect-timeout 3 --timeout 120 --no-db)
judged=build_servers,test_stations,production_devices
mkdir -p "$out"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
expect_rc() { # expected actual what
  [ "$1" = "$2" ] || fail "$3: exit status $2, expected $1"
  echo "ok: $3 (exit $2)"
}

echo "-- -j 1 and -j 32 give the same results"
"$FLOORSCAN" scan -i "$inv" -l "$judged" "${common[@]}" -j 1 -o "$out/j1" -f json -q ||
  fail "-j 1 scan exited $?"
"$FLOORSCAN" scan -i "$inv" -l "$judged" "${common[@]}" -j 32 -o "$out/j32" -f json,xccdf,junit,csv -q ||
  fail "-j 32 scan exited $?"
python3 "$same" "$out/j1/results.json" "$out/j32/results.json"
echo "ok: -j 1 and -j 32 results are the same"

echo "-- shards 0/3 + 1/3 + 2/3 merged equal the full scan"
for k in 0 1 2; do
  set +e
  "$FLOORSCAN" scan -i "$inv" -l "$judged" "${common[@]}" -j 8 --shard "$k/3" \
    -o "$out/shard$k" -f json -q 2>"$out/shard$k.err"
  rc=$?
  set -e
  [ "$rc" = 0 ] || { cat "$out/shard$k.err" >&2; fail "shard $k/3 exited $rc"; }
done
"$FLOORSCAN" merge "$out"/shard{0,1,2}/results.json -o "$out/merged" -f json,xccdf,junit,csv >/dev/null
python3 "$same" "$out/merged/results.json" "$out/j32/results.json"
echo "ok: the merged shards equal the full scan"
oscap xccdf validate "$out/merged/results-xccdf.xml" >/dev/null
n=$(grep -c '<TestResult ' "$out/merged/results-xccdf.xml")
[ "$n" = "$(grep -c '<TestResult ' "$out/j32/results-xccdf.xml")" ] ||
  fail "$n TestResults in the merged XCCDF"
# rows without the header, the live process count masked (see same_results.py)
rows() {
  tail -n +2 "$1" | sed -E 's/\([0-9]+ processes seen\)/(N processes seen)/;
    s/\b[0-9]+ processes and /N processes and /; s/dropbear \(pids? [0-9]+(, [0-9]+)*\)/dropbear (pids N)/g'
}
cmp <(rows "$out/merged/results.csv") <(rows "$out/j32/results.csv") ||
  fail "merged results.csv differs from the full scan's"
echo "ok: merged XCCDF validates with $n TestResults; merged CSV rows equal the full scan's"

echo "-- a device that stalls mid-output is cut at the collection budget"
# the stall device through its second key, whose session sends the collector's first 16 kB and
# then nothing (tests/fleet/fleet.sh setup_stall): a stall, whatever the machine's speed
stall_addr=$(sed -nE 's/^    stall: \{ ansible_host: ([0-9.]+),.*/\1/p' "$inv")
[ -n "$stall_addr" ] && [ -f "$state/stall_key" ] || fail "no stall device or stall key in $state"
printf 'all:\n  hosts:\n    stall: { ansible_host: %s, ansible_user: root, ansible_ssh_private_key_file: %s }\n' \
  "$stall_addr" "$state/stall_key" >"$out/stall-inv.yml"
start=$(date +%s)
set +e
"$FLOORSCAN" scan -i "$out/stall-inv.yml" --known-hosts "$state/known_hosts" --connect-timeout 3 \
  --no-db --fact-timeout 0 --collect-timeout 8 -o "$out/stallcut" -f json,xccdf -q
rc=$?
set -e
took=$(($(date +%s) - start))
expect_rc 3 "$rc" "stalled host cut (not scanned in full)"
[ "$took" -lt 40 ] || fail "the stalled host took $took s against an 8 s budget"
python3 - "$out/stallcut/results.json" <<'PY'
import json, re, sys
h = json.load(open(sys.argv[1]))["hosts"][0]
assert h["status"] == "timeout", h["status"]
m = re.search(r"timeout during collection after 8 s.*?(\d+) of (\d+) facts received", h["error"])
assert m, h["error"]
got, want = int(m.group(1)), int(m.group(2))
assert 0 < got < want, h["error"]
judged = [r for r in h["results"] if r["status"] in ("pass", "fail", "notapplicable")]
assert judged, "no rule judged from the facts received before the stall"
print(f"ok: stalled host: {h['error']!r}; {len(judged)} rules judged from those facts")
PY
oscap xccdf validate "$out/stallcut/results-xccdf.xml" >/dev/null

echo "-- SIGINT during a fleet scan: exit 4, outputs valid and marked incomplete"
# the stalling device keeps the scan busy; -j 2 leaves hosts not started when the signal comes
"$FLOORSCAN" scan -i "$inv" --known-hosts "$state/known_hosts" --connect-timeout 3 --no-db \
  --fact-timeout 0 -j 2 -o "$out/int" -f json,html,xccdf,junit,csv -q --progress json \
  2>"$out/int.events" &
pid=$!
for _ in $(seq 300); do
  grep -q '"event":"host-done"' "$out/int.events" 2>/dev/null && break
  sleep 0.2
done
grep -q '"event":"host-done"' "$out/int.events" || { kill -9 "$pid"; fail "no host finished in 60 s"; }
kill -INT "$pid"
set +e
wait "$pid"
rc=$?
set -e
expect_rc 4 "$rc" "interrupted scan"
grep -q '"event":"interrupt"' "$out/int.events" || fail "no interrupt event"
python3 - "$out/int/results.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d.get("incomplete") is True, "results.json not marked incomplete"
assert "interrupted" in d["incomplete_reason"], d["incomplete_reason"]
st = [h["status"] for h in d["hosts"]]
assert "scanned" in st, st
assert "not-scanned" in st, st
ns = [h for h in d["hosts"] if h["status"] == "not-scanned"]
assert all("interrupted" in h["error"] for h in ns), [h["error"] for h in ns]
print(f"ok: results.json incomplete ({d['incomplete_reason']}); "
      f"{st.count('scanned')} scanned, {len(ns)} not-scanned of {len(st)}")
PY
oscap xccdf validate "$out/int/results-xccdf.xml" >/dev/null
grep -q 'incomplete run: interrupted' "$out/int/results-xccdf.xml" || fail "XCCDF not marked"
grep -q 'type="incomplete"' "$out/int/results-junit.xml" || fail "JUnit not marked"
grep -q '^(run),,,,,incomplete,' "$out/int/results.csv" || fail "CSV not marked"
grep -q 'id="incomplete"' "$out/int/report.html" || fail "HTML not marked"
xmllint --noout --schema "$here/../fixtures/junit.xsd" "$out/int/results-junit.xml" ||
  fail "the JUnit of the interrupted run does not validate against tests/fixtures/junit.xsd"
left=$(find "$out/int" -maxdepth 1 -name '*.tmp')
[ -z "$left" ] || fail "temporary file left: $left"
echo "ok: XCCDF and JUnit (both validate), CSV and HTML all say the run is incomplete; no temporary file"

echo "-- a second SIGINT exits at once"
"$FLOORSCAN" scan -i "$inv" --known-hosts "$state/known_hosts" --connect-timeout 3 --no-db \
  --fact-timeout 0 -j 2 -o "$out/int2" -f json,xccdf -q 2>/dev/null &
pid=$!
sleep 2
kill -INT "$pid"
sleep 0.3
t0=$(date +%s%N)
kill -INT "$pid" 2>/dev/null || true
set +e
wait "$pid"
rc=$?
set -e
ms=$((($(date +%s%N) - t0) / 1000000))
expect_rc 4 "$rc" "scan interrupted twice"
[ "$ms" -lt 3000 ] || fail "the second SIGINT took $ms ms to end the scan"
shopt -s dotglob nullglob
for f in "$out/int2"/*; do
  case $f in
    *.tmp) fail "temporary file left: $f" ;;
    *.json) python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$f" || fail "$f cut" ;;
    *.xml) oscap xccdf validate "$f" >/dev/null || fail "$f cut" ;;
  esac
done
echo "ok: second SIGINT ended the scan in $ms ms; no temporary or half-written file"
