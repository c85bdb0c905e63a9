#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# History on the live fleet (called by run.sh with the fleet up): two scans of bs-weak and
# bs-hard into one SQLite store with a change on bs-hard in between (a technician's drop-in
# that turns X11 forwarding on), then: the drift (floorscan diff, text and JSON, exit 1),
# failing since in results.json (the new failure since the second run, a rule failing on
# bs-weak in both runs since the first), the "Since the last audit" section of report.html,
# history, report --db equal to the scan's own results.json, import of a stored result
# refused, and history verify (intact, then naming a run edited in the database).
# Usage: history.sh FLOORSCAN STATE_DIR
set -euo pipefail
FS=$1
state=$2
out="$state/out/history"
db="$out/history.db"
mkdir -p "$out"
hosts=bs-weak,bs-hard
common=(-i "$state/inventory.yml" -l "$hosts" --known-hosts "$state/known_hosts"
  --connect-timeout 3 --timeout 120 --db "$db" -f "json,html" -q)
fail() {
  echo "FAIL: history: $*" >&2
  exit 1
}
dropin="$state/bs-hard/root/etc/ssh/sshd_config.d/10-technician.conf"
trap 'rm -f "$dropin"' EXIT

"$FS" scan "${common[@]}" -o "$out/1" || fail "first scan exit $?"
sleep 1 # the runs' start times differ (RFC 3339 seconds)
# sshd takes the first value of a keyword: a drop-in sorted before the fleet's own wins
printf 'X11Forwarding yes\n' >"$dropin"
"$FS" scan "${common[@]}" -o "$out/2" || fail "second scan exit $?"
rm -f "$dropin"

set +e
"$FS" diff --db "$db" >"$out/diff.txt" 2>&1
rc=$?
"$FS" diff --db "$db" --json >"$out/diff.json" 2>"$out/diff.err"
rcj=$?
set -e
[ $rc -eq 1 ] || fail "diff exit $rc, expected 1 (a new failure): $(cat "$out/diff.txt")"
[ $rcj -eq 1 ] || fail "diff --json exit $rcj: $(cat "$out/diff.err")"
grep -q 'bs-hard  *sshd_disable_x11_forwarding' "$out/diff.txt" ||
  fail "the text diff does not list the new failure: $(cat "$out/diff.txt")"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
d = json.load(open(f"{out}/diff.json"))
r1 = json.load(open(f"{out}/1/results.json"))
r2 = json.load(open(f"{out}/2/results.json"))
def fail(msg):
    print(f"FAIL: history: {msg}", file=sys.stderr)
    sys.exit(1)
new = [(x["host"], x["rule"]) for x in d["new_failures"]]
if ("bs-hard", "sshd_disable_x11_forwarding") not in new:
    fail(f"diff --json: no new failure bs-hard/sshd_disable_x11_forwarding in {new}")
if d["a"]["run"] != 1 or d["b"]["run"] != 2:
    fail(f"diff compared runs {d['a']} and {d['b']}, not 1 and 2")
if d["new_hosts"] or d["vanished_hosts"]:
    fail("diff: the same two hosts in both runs, yet new or vanished hosts")
x = [x for x in d["new_failures"] if x["rule"] == "sshd_disable_x11_forwarding"][0]
if x["old_status"] != "pass" or x["new_status"] != "fail":
    fail(f"diff: the new failure was {x['old_status']} -> {x['new_status']}")
def result(doc, host, rule):
    h = [h for h in doc["hosts"] if h["name"] == host][0]
    return [r for r in h["results"] if r["rule"] == rule][0]
a = result(r2, "bs-hard", "sshd_disable_x11_forwarding")
if a["status"] != "fail" or a["failing_since"] != r2["started"]:
    fail(f"bs-hard x11: {a['status']}, failing since {a['failing_since']}, run 2 started {r2['started']}")
b = result(r2, "bs-weak", "sshd_disable_x11_forwarding")
if b["status"] != "fail" or b["failing_since"] != r1["started"]:
    fail(f"bs-weak x11: failing since {b['failing_since']}, expected run 1's start {r1['started']}")
if result(r1, "bs-hard", "sshd_disable_x11_forwarding")["failing_since"] is not None:
    fail("a passing rule has a failing_since")
if r2["history"]["run"] != 2 or r2["history"]["prev_sha256"] != r1["history"]["content_sha256"]:
    fail(f"results.json history does not chain run 2 to run 1: {r2['history']} {r1['history']}")
if r2["drift"]["compared_with"]["run"] != 1:
    fail(f"results.json drift compared with {r2['drift']['compared_with']}")
PY
grep -q 'Since the last audit' "$out/2/report.html" || fail "report.html has no 'Since the last audit'"
grep -q 'sshd_disable_x11_forwarding' "$out/2/report.html" || fail "report.html lacks the new failure"
echo "ok: diff names the technician's change, failing since in results.json and report.html"

"$FS" history --db "$db" --json >"$out/history.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['runs']) == 2, d['runs']" \
  "$out/history.json" || fail "history does not show two runs"
"$FS" report --db "$db" --latest -f json -o "$out/again" -q || fail "report --db exit $?"
python3 - "$out" <<'PY' || exit 1
import json, sys
out = sys.argv[1]
a = json.load(open(f"{out}/2/results.json"))
b = json.load(open(f"{out}/again/results.json"))
for k in set(a) | set(b):
    if k not in ("history", "drift") and a.get(k) != b.get(k):
        print(f"FAIL: history: report --db: '{k}' differs from the scan's results.json", file=sys.stderr)
        sys.exit(1)
PY
echo "ok: history shows both runs; report --db rebuilds the scan's results.json"

set +e
msg=$("$FS" history import --db "$db" "$out/1/results.json" 2>&1)
rc=$?
set -e
[ $rc -eq 1 ] || fail "import of a stored result: exit $rc, expected 1: $msg"
echo "$msg" | grep -q 'already' || fail "import of a stored result: no reason given: $msg"
"$FS" history verify --db "$db" >"$out/verify.txt" || fail "verify of an intact store: $(cat "$out/verify.txt")"
sqlite3 "$db" "UPDATE results SET status = 'pass' WHERE run_id = 1 AND rule = 'sshd_disable_x11_forwarding' AND status = 'fail'"
set +e
"$FS" history verify --db "$db" >"$out/verify2.txt" 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || fail "verify of an edited store: exit $rc: $(cat "$out/verify2.txt")"
grep -q 'run 1' "$out/verify2.txt" || fail "verify does not name run 1: $(cat "$out/verify2.txt")"
echo "ok: a stored result is not imported twice; verify names the edited run"
