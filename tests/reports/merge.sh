#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# floorscan merge end to end, without the network fleet: seven "devices" that are all this
# machine (ansible_connection: local) scanned whole and as --shard 0/3, 1/3, 2/3; the shards
# merged (given in a scrambled order) equal the full scan (tests/integration/same_results.py),
# their CSV is the full scan's byte for byte and their JUnit and XCCDF the same but for times,
# every format validates (XCCDF with scripts/xccdf-validate.sh, ARF with oscap, JUnit with its
# XSD), waiver counts add up, the gate gives the exit status; inputs that cannot be one fleet
# result (another benchmark file, tailoring, profile, waiver register or gate, a host twice,
# a file that is not results.json, a missing file) are exit 2 naming both files and the reason.
# Usage: merge.sh FLOORSCAN BENCHMARK TAILORING
set -u
FS=$(realpath "$1")
BENCH=$(realpath "$2")
TAILORING=$(realpath "$3")
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
SAME=$src/tests/integration/same_results.py
T=$(mktemp -d /tmp/fs-merge-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}
cd "$T" || exit 1

# The live machine's process count is the only evidence that changes between two scans of it:
# the logger rule is left out of every profile so that results can be compared exactly.
sed 's|<select idref="xccdf_org.floorscan_rule_logging_system_logger_active" selected="true"/>|<select idref="xccdf_org.floorscan_rule_logging_system_logger_active" selected="false"/>|' \
  "$BENCH" >bench.xml
grep -q 'logging_system_logger_active" selected="false"/>' bench.xml || fail "bench.xml: rule not deselected"
# the same benchmark, another file (digest)
sed 's|</Benchmark>|<!-- another file --></Benchmark>|' bench.xml >bench2.xml
cat >inv.yml <<'YAML'
all:
  children:
    line1:
      vars: { role: build-server, zone: line-1 }
      hosts:
        line1-plc-gw: { ansible_connection: local }
        line1-ts01: { ansible_connection: local }
        line1-ts02: { ansible_connection: local }
    line2:
      hosts:
        line2-ts01: { ansible_connection: local }
    lab:
      hosts:
        lab-bs01: { ansible_connection: local }
        lab-bs02: { ansible_connection: local }
        hall3-hmi: { ansible_connection: local }
YAML
waiver() { # waiver REASON: a register waiving sshd_disable_root_login on hosts of shards 0 and 1
  cat <<YAML
waivers:
  - rule: sshd_disable_root_login
    hosts: [line1-ts01, lab-bs02]
    reason: "$1"
    requested_by: "A. Smith, Test Engineering"
    approved_by: "J. Doe, Quality Assurance"
    approved: 2026-01-15
    expires: 2099-12-31
  - rule: service_telnet_disabled
    hosts: [hall3-hmi]
    reason: "Unused on purpose: telnet is not installed"
    requested_by: "A. Smith, Test Engineering"
    approved_by: "J. Doe, Quality Assurance"
    approved: 2026-01-15
    expires: 2099-12-31
YAML
}
waiver "Vendor test software logs in as root until CR-1234" >waivers.yml
waiver "Another reason, another register" >waivers2.yml

# scan DIR [options...]: the inventory with bench.xml and waivers.yml, json only, into DIR.
# One host at a time: the seven "devices" are this machine, and a collector's own short-lived
# tools (dropbear -h) would show in another's process table as a running dropbear.
scan() {
  local dir=$1
  shift
  "$FS" scan -i inv.yml --benchmark bench.xml --no-db -q -f json -o "$dir" -j 1 "$@" >"$dir.out" 2>"$dir.err"
  echo $? >"$dir.rc"
}
scan full --waivers waivers.yml --fail-on high
for k in 0 1 2; do
  scan "s$k" --waivers waivers.yml --fail-on high --shard "$k/3"
done
for d in full s0 s1 s2; do
  [ "$(cat "$d.rc")" = 1 ] || fail "scan $d: exit $(cat "$d.rc"), want 1 (high rules fail): $(cat "$d.err")"
  [ -s "$d/results.json" ] || fail "scan $d wrote no results.json"
done
hosts() { python3 -c 'import json,sys; print(" ".join(h["name"] for h in json.load(open(sys.argv[1]))["hosts"]))' "$1"; }
# the three shards are not empty, and not in inventory order when concatenated
[ "$(hosts s0/results.json)" = "line1-plc-gw line1-ts01 line1-ts02 lab-bs01" ] &&
  [ "$(hosts s1/results.json)" = "lab-bs02 hall3-hmi" ] &&
  [ "$(hosts s2/results.json)" = "line2-ts01" ] ||
  fail "the shards are not the ones this test expects: $(hosts s0/results.json) / $(hosts s1/results.json) / $(hosts s2/results.json)"

# -- merged shards, given in a scrambled order, equal the full scan
"$FS" merge s2/results.json s0/results.json s1/results.json -f json,html,xccdf,arf,junit,csv \
  -o merged >merge.out 2>merge.err
rc=$?
[ $rc = 1 ] || fail "merge: exit $rc, want 1 (the recorded gate --fail-on high fails): $(cat merge.err)"
python3 "$SAME" full/results.json merged/results.json >same.out 2>&1 ||
  fail "merged shards differ from the full scan: $(cat same.out)"
[ "$(hosts merged/results.json)" = "$(hosts full/results.json)" ] || fail "merged hosts not in inventory order"
for f in results.json report.html results-xccdf.xml results-arf.xml results-junit.xml results.csv; do
  [ -s "merged/$f" ] || fail "merge did not write $f"
  grep -qx "wrote merged/$f" merge.out || fail "merge does not say it wrote merged/$f"
done
grep -q '^fleet score' merge.out || fail "merge printed no fleet summary: $(cat merge.out)"
python3 - full/results.json merged/results.json s0/results.json s1/results.json s2/results.json <<'PY' ||
import json, sys
full, merged, *shards = (json.load(open(p)) for p in sys.argv[1:])
# the run: earliest start, latest finish; no history, drift or shard
assert merged["started"] == min(s["started"] for s in shards), merged["started"]
assert merged["finished"] == max(s["finished"] for s in shards), merged["finished"]
assert "history" not in merged and "drift" not in merged
# waiver counts summed over the shards: one result on line1-ts01 (shard 0), one on lab-bs02 (1)
m = [e["matched"] for e in merged["waivers"]["entries"]]
assert m == [2, 0] == [e["matched"] for e in full["waivers"]["entries"]], m
assert [sum(s["waivers"]["entries"][0]["matched"] for s in shards)] == [2]
assert [h["inventory_index"] for h in merged["hosts"]] == list(range(7))
assert merged["gate"] == {"fail_under": None, "fail_on": "high"}, merged["gate"]
assert merged["profile"] is None
PY
  fail "the merged run, waivers or order are not the full scan's"
# the other formats: rebuilt from the full scan, the same but for times
"$FS" report full/results.json -f html,xccdf,arf,junit,csv -o fullr -q || fail "report of the full scan failed"
cmp -s fullr/results.csv merged/results.csv || fail "merged results.csv differs from the full scan's: $(diff fullr/results.csv merged/results.csv | head -5)"
untime() { sed -E 's/ (time|timestamp|start-time|end-time)="[^"]*"//g' "$1"; }
diff <(untime fullr/results-junit.xml) <(untime merged/results-junit.xml) >junit.diff ||
  fail "merged JUnit differs from the full scan's: $(head -5 junit.diff)"
diff <(untime fullr/results-xccdf.xml) <(untime merged/results-xccdf.xml) >xccdf.diff ||
  fail "merged XCCDF differs from the full scan's: $(head -5 xccdf.diff)"
bash "$src/scripts/xccdf-validate.sh" merged/results-xccdf.xml >v.out 2>&1 ||
  fail "merged results-xccdf.xml does not validate: $(cat v.out)"
oscap ds rds-validate merged/results-arf.xml >v.out 2>&1 ||
  fail "merged results-arf.xml does not validate: $(head -5 v.out)"
[ "$(grep -c '<TestResult ' merged/results-xccdf.xml)" = 7 ] || fail "want 7 TestResults in the merged XCCDF"
xmllint --noout --schema "$src/tests/fixtures/junit.xsd" merged/results-junit.xml 2>v.out ||
  fail "merged results-junit.xml does not validate: $(cat v.out)"
python3 -c 'import csv,sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
assert len(rows) == 1 + 7 * 9 and all(len(r) == len(rows[0]) for r in rows), len(rows)' \
  merged/results.csv || fail "merged results.csv: not one row per host and rule"
grep -q 'line2-ts01' merged/report.html || fail "merged report.html does not show line2-ts01"
python3 "$src/tests/reports/check_schema.py" "$src/docs/results.schema.json" valid merged/results.json ||
  fail "merged results.json does not match docs/results.schema.json"
# the merged results re-render byte for byte, and merge again (alone) to the same results
"$FS" report merged/results.json -f json -o rer -q || fail "report of the merged results failed"
cmp -s rer/results.json merged/results.json || fail "report does not rebuild the merged results.json byte for byte"
"$FS" merge merged/results.json -o again -q
[ $? = 1 ] || fail "merge of a merged result: not exit 1"
python3 "$SAME" merged/results.json again/results.json >same.out 2>&1 || fail "a merge of one merged result changed it: $(cat same.out)"

# -- the gate and the exit status
"$FS" merge s0/results.json s1/results.json s2/results.json --fail-under 0 -o gate0 -q
rc=$?
[ $rc = 0 ] || fail "merge --fail-under 0 (replacing the recorded --fail-on high): exit $rc, want 0"
python3 -c 'import json,sys; g = json.load(open(sys.argv[1]))["gate"]; assert g == {"fail_under": 0.0, "fail_on": None}, g' \
  gate0/results.json || fail "merge --fail-under 0: the gate in results.json is not the one given"
"$FS" merge s0/results.json s1/results.json --fail-under 100 -o gate100 -q
[ $? = 1 ] || fail "merge --fail-under 100: not exit 1"
# an unreachable host, from the same inventory with one more host (-l: only that one)
cp inv.yml inv-gone.yml
printf '        gone: { ansible_host: 127.0.0.1, ansible_port: 1 }\n' >>inv-gone.yml
"$FS" scan -i inv-gone.yml -l gone --benchmark bench.xml --waivers waivers.yml --fail-on high --no-db -q \
  -f json -o sgone --connect-timeout 2 >/dev/null 2>sgone.err
[ -s sgone/results.json ] || fail "the scan of an unreachable host wrote no results.json: $(cat sgone.err)"
"$FS" merge s2/results.json sgone/results.json -o m3 -q 2>m3.err
rc=$?
[ $rc = 3 ] || fail "merge with an unreachable host: exit $rc, want 3: $(cat m3.err)"
[ "$(hosts m3/results.json)" = "line2-ts01 gone" ] || fail "merge with gone: hosts $(hosts m3/results.json)"
# an empty shard (-l one host, another shard) writes its results all the same, replacing an
# earlier run's, and merges with the others into the full scan
mkdir -p sempty
cp full/results.json sempty/results.json
scan sempty --waivers waivers.yml --fail-on high -l line2-ts01 --shard 0/3
[ "$(cat sempty.rc)" = 0 ] || fail "empty shard: exit $(cat sempty.rc), want 0: $(cat sempty.err)"
grep -q 'shard 0/3 holds none of the 1 hosts' sempty.err || fail "empty shard: not said: $(cat sempty.err)"
[ "$(hosts sempty/results.json)" = "" ] || fail "empty shard: results.json still holds $(hosts sempty/results.json)"
"$FS" merge s0/results.json sempty/results.json s1/results.json s2/results.json -o mempty -q 2>mempty.err
[ $? = 1 ] || fail "merge with an empty shard: $(cat mempty.err)"
python3 "$SAME" full/results.json mempty/results.json >same.out 2>&1 ||
  fail "merged shards with an empty one differ from the full scan: $(cat same.out)"
# an interrupted shard (its mark and reason as a scan writes them): the merged run is incomplete
# with that reason in every format, the JUnit of it valid, exit 4; a mark without its reason
# was edited in and is refused
mkdir -p sint sbare
python3 - s1/results.json sint/results.json sbare/results.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["incomplete"], d["incomplete_reason"] = True, "interrupted (SIGTERM), 3 hosts not scanned"
json.dump(d, open(sys.argv[2], "w"), indent=2)
del d["incomplete_reason"]
json.dump(d, open(sys.argv[3], "w"), indent=2)
PY
"$FS" merge s0/results.json sint/results.json s2/results.json -f json,junit,csv,xccdf -o mint -q 2>mint.err
rc=$?
[ $rc = 4 ] || fail "merge with an interrupted shard: exit $rc, want 4: $(cat mint.err)"
why="interrupted (SIGTERM), 3 hosts not scanned (1 of 3 merged results)"
python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); assert d["incomplete"] is True and d["incomplete_reason"] == sys.argv[2], d.get("incomplete_reason")' \
  mint/results.json "$why" || fail "merged results.json does not carry the shard's reason"
for f in results-junit.xml results.csv results-xccdf.xml; do
  grep -qF "$why" "mint/$f" || fail "merged $f does not say why the run is incomplete"
done
xmllint --noout --schema "$src/tests/fixtures/junit.xsd" mint/results-junit.xml 2>v.out ||
  fail "the JUnit of an incomplete run does not validate: $(cat v.out)"
"$FS" merge s0/results.json sbare/results.json -o mbare -q 2>mbare.err
rc=$?
[ $rc = 2 ] && grep -q 'incomplete_reason' mbare.err ||
  fail "merge of an incomplete mark without its reason: exit $rc, $(cat mbare.err)"
# --output-mode reaches every file
"$FS" merge s0/results.json s1/results.json -f json,csv -o modes --output-mode 0640 -q
[ "$(stat -c %a modes/results.json modes/results.csv | sort -u)" = 640 ] || fail "--output-mode 0640 not applied"

# -- refusals: exit 2, nothing written, both files and the difference named
refused() { # refused WHAT GREP-PATTERN ARGS...
  local what=$1 pattern=$2
  shift 2
  rm -rf refused
  "$FS" merge "$@" -o refused >r.out 2>r.err
  local rc=$?
  if [ $rc != 2 ]; then
    fail "merge of $what: exit $rc, want 2: $(cat r.err)"
  elif ! grep -qE -- "$pattern" r.err; then
    fail "merge of $what: the message does not say '$pattern': $(cat r.err)"
  fi
  [ -e refused ] && fail "merge of $what created the output directory"
  [ -s r.out ] && fail "merge of $what wrote to stdout"
  return 0
}
scan other-bench --waivers waivers.yml --fail-on high --shard 1/3 --benchmark bench2.xml
scan other-tailoring --waivers waivers.yml --fail-on high --shard 1/3 --tailoring "$TAILORING"
scan other-profile --waivers waivers.yml --fail-on high --shard 1/3 -p baseline
scan other-waivers --waivers waivers2.yml --fail-on high --shard 1/3
scan no-waivers --fail-on high --shard 1/3
scan other-gate --waivers waivers.yml --fail-on medium --shard 1/3
for d in other-bench other-tailoring other-profile other-waivers no-waivers other-gate; do
  [ -s "$d/results.json" ] || fail "scan $d wrote no results.json: $(cat "$d.err")"
done
refused "another benchmark file" \
  "^floorscan merge: s0/results.json and other-bench/results.json cannot be merged: different benchmark files \(SHA-256\) \([0-9a-f]{64} in s0/results.json, [0-9a-f]{64} in other-bench/results.json\)$" \
  s0/results.json other-bench/results.json
refused "a tailoring and none" \
  "^floorscan merge: s0/results.json and other-tailoring/results.json cannot be merged: different tailorings \(SHA-256\) \(no tailoring in s0/results.json, [0-9a-f]{64} in other-tailoring/results.json\)$" \
  s0/results.json other-tailoring/results.json
refused "another profile" \
  "^floorscan merge: s0/results.json and other-profile/results.json cannot be merged: different profiles \(-p\) \(each host's role in s0/results.json, xccdf_org.floorscan_profile_baseline in other-profile/results.json\)$" \
  s0/results.json other-profile/results.json
refused "another waiver register" \
  "^floorscan merge: s0/results.json and other-waivers/results.json cannot be merged: different waiver registers \(SHA-256\) \([0-9a-f]{64} in s0/results.json, [0-9a-f]{64} in other-waivers/results.json\)$" \
  s0/results.json other-waivers/results.json
refused "a register and none" "different waiver registers \(SHA-256\) \([0-9a-f]{64} in s0/results.json, no register in no-waivers/results.json\)" \
  s0/results.json no-waivers/results.json
refused "another gate" \
  "different gates \(--fail-under none, --fail-on high in s0/results.json, --fail-under none, --fail-on medium in other-gate/results.json\); give merge --fail-under/--fail-on" \
  s0/results.json other-gate/results.json
refused "a host twice" \
  "^floorscan merge: full/results.json and s1/results.json cannot be merged: both hold host 'hall3-hmi' \(a host may be in one input only\)$" \
  full/results.json s1/results.json
refused "the same shard twice" "both hold host 'hall3-hmi'" s1/results.json s1/results.json
refused "an inventory" "^floorscan merge: inv.yml:[0-9]+:[0-9]+: not JSON" s0/results.json inv.yml
refused "a missing file" "^floorscan merge: missing.json: unable to open missing.json" s0/results.json missing.json
echo '{"schema": "floorscan-results/1", "hosts": []}' >cut.json
refused "a results.json without a benchmark" "^floorscan merge: cut.json: benchmark: missing or not an object$" s0/results.json cut.json
refused "a directory" "^floorscan merge: s1: a directory, not a results file \(give the results.json in it\)$" s0/results.json s1
echo '[1]' >array.json
refused "a JSON array" "^floorscan merge: array.json: not a JSON object$" s0/results.json array.json
refused "bundle" "an evidence bundle holds the raw facts" s0/results.json -f bundle
refused "no input" "give the RESULTS.json files to merge"
refused "a bad --fail-under" "--fail-under is not a score in 0-100: nan" s0/results.json --fail-under nan
# a gate given to merge replaces the two: no refusal
"$FS" merge s0/results.json other-gate/results.json --fail-on high -o gate-given -q
[ $? = 1 ] || fail "merge of two gates with --fail-on high given: not exit 1"

if [ "$fails" -gt 0 ]; then
  echo "merge: $fails checks failed" >&2
  exit 1
fi
echo "merge: shards merged equal the full scan; every refusal named"
