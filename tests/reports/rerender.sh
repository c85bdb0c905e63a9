#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Saved results and the formats built from them: a local scan writes json, xccdf and arf;
# the XCCDF validates, the ARF validates as a result data stream and oscap renders a host from
# it; `floorscan report` rebuilds every format byte for byte from results.json; results.json
# matches docs/results.schema.json; broken, foreign and stale inputs are exit 2 with the file
# and the reason. Usage: rerender.sh FLOORSCAN BENCHMARK SCHEMA CHECK_SCHEMA_PY TAILORING
set -u
FS=$1
BENCH=$2
SCHEMA=$3
CHECK=$4
TAILORING=$5
T=$(mktemp -d /tmp/fs-rerender-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}
cp "$BENCH" "$T/bench.xml"
cat >"$T/inv.yml" <<'YAML'
all:
  hosts:
    dev-1: { ansible_connection: local, role: build-server, zone: line-1 }
    dev-2: { ansible_connection: local }
    gone: { ansible_host: 127.0.0.1, ansible_port: 1 }
YAML
"$FS" scan -i "$T/inv.yml" --benchmark "$T/bench.xml" -f json,xccdf,arf,html,junit,csv -o "$T/scan" --fail-on high --fail-under 50 --no-db \
  --connect-timeout 2 -q >"$T/out" 2>"$T/err"
rc=$?
# gone: connection refused, so exit 3 with every file written
[ $rc -eq 3 ] || fail "scan exit $rc (want 3: one host unreachable): $(cat "$T/err")"
for f in results.json results-xccdf.xml results-arf.xml report.html results-junit.xml results.csv; do
  [ -s "$T/scan/$f" ] || fail "the scan did not write $f"
done

# -- the documents themselves
oscap xccdf validate "$T/scan/results-xccdf.xml" >/dev/null 2>&1 ||
  fail "results-xccdf.xml does not validate"
[ "$(grep -c '<TestResult ' "$T/scan/results-xccdf.xml")" -eq 2 ] ||
  fail "want one TestResult per evaluated host (2)"
# every rule result of results.json is in the XCCDF: status, and evidence as its message
python3 - "$T/scan/results.json" "$T/scan/results-xccdf.xml" <<'PY' || fail "the XCCDF and results.json disagree"
import json, sys, xml.etree.ElementTree as ET
ns = {"x": "http://checklists.nist.gov/xccdf/1.2"}
doc = json.load(open(sys.argv[1]))
trs = {tr.find("x:target", ns).text: tr for tr in ET.parse(sys.argv[2]).getroot().findall("x:TestResult", ns)}
bad = 0
for h in doc["hosts"]:
    if not h["evaluated"]:
        bad += h["name"] in trs
        continue
    tr = trs[h["name"]]
    assert tr.find("x:profile", ns).get("idref") == h["profile"]
    rrs = {rr.get("idref"): rr for rr in tr.findall("x:rule-result", ns)}
    for r in h["results"]:
        rr = rrs[r["xccdf_id"]]
        msgs = [m.text for m in rr.findall("x:message", ns)]
        if rr.find("x:result", ns).text != r["status"] or (r["evidence"] and msgs != [r["evidence"]]):
            print(h["name"], r["rule"], r["status"], r["evidence"], "vs", rr.find("x:result", ns).text, msgs, file=sys.stderr)
            bad += 1
    score = [s for s in tr.findall("x:score", ns) if s.get("system") == "urn:floorscan:scoring:severity-weighted"]
    if h["score"] is not None and abs(float(score[0].text) - h["score"]) > 0.05:
        print(h["name"], "score", h["score"], "vs", score[0].text, file=sys.stderr)
        bad += 1
sys.exit(bad > 0)
PY
oscap ds rds-validate "$T/scan/results-arf.xml" >"$T/v" 2>&1 ||
  fail "results-arf.xml does not validate: $(head -5 "$T/v")"
oscap info "$T/scan/results-arf.xml" >"$T/info" 2>&1 || fail "oscap info cannot read the ARF"
grep -q 'Result Data Stream' "$T/info" || fail "oscap info does not see a result data stream"
[ "$(grep -c '^Asset: ' "$T/info")" -eq 2 ] || fail "want 2 assets in: $(cat "$T/info")"
grep -q 'Result ID: xccdf_org.floorscan_testresult_build-server_dev-1_1' "$T/info" ||
  fail "the ARF does not report dev-1's TestResult"
grep -q '<ai:hostname>' "$T/scan/results-arf.xml" || fail "no ai:hostname in the assets"
grep -q 'arfvocab:isAbout' "$T/scan/results-arf.xml" || fail "no isAbout relationship"
oscap xccdf generate report --result-id xccdf_org.floorscan_testresult_build-server_dev-1_1 \
  "$T/scan/results-arf.xml" >"$T/report.html" 2>"$T/gen" || fail "oscap cannot render the ARF"
grep -q "dev-1" "$T/report.html" || fail "the rendered ARF does not show the host: $(head -c 300 "$T/gen")"
if grep -q "$T" "$T/scan/results-arf.xml"; then fail "a temporary path leaked into the ARF"; fi

# -- re-render: byte for byte
"$FS" report "$T/scan/results.json" -f json,xccdf,arf,html,junit,csv -o "$T/again" >"$T/out" 2>"$T/err" ||
  fail "report exit $?: $(cat "$T/err")"
for f in results.json results-xccdf.xml results-arf.xml report.html results-junit.xml results.csv; do
  cmp -s "$T/scan/$f" "$T/again/$f" || fail "re-rendered $f differs: $(diff "$T/scan/$f" "$T/again/$f" | head -8)"
done

# -- the schema: a real file passes, broken ones do not
python3 "$CHECK" "$SCHEMA" valid "$T/scan/results.json" || fail "results.json does not match the schema"
python3 - "$T/scan/results.json" "$T" <<'PY'
import json, sys
src, t = sys.argv[1], sys.argv[2]
def edit(name, f):
    d = json.load(open(src)); f(d); json.dump(d, open(f"{t}/{name}.json", "w"), indent=2)
edit("schema2", lambda d: d.update(schema="floorscan-results/2"))
edit("status", lambda d: d["hosts"][0]["results"][0].update(status="passed"))
edit("rule", lambda d: d["hosts"][0]["results"][0].update(rule="no_such_rule", xccdf_id="xccdf_org.floorscan_rule_no_such_rule"))
edit("score", lambda d: d["hosts"][0].update(score=99.9))
edit("nohosts", lambda d: d.pop("hosts"))
edit("hoststatus", lambda d: d["hosts"][1].update(status="fine"))
edit("ipaddr", lambda d: (d["hosts"][0].update(address="10.20.0.11"), d["hosts"][1].update(address="fe80::1")))
open(f"{t}/cut.json", "w").write(open(src).read()[: len(open(src).read()) // 2])
PY
python3 "$CHECK" "$SCHEMA" invalid "$T/schema2.json" "$T/status.json" "$T/nohosts.json" \
  "$T/hoststatus.json" || fail "the schema accepts a broken results.json"

# -- bad input: exit 2, the file and the reason
expect_refused() {
  name=$1
  why=$2
  "$FS" report "$T/$name.json" -f json -o "$T/bad" >"$T/out" 2>"$T/err"
  rc=$?
  [ $rc -eq 2 ] || fail "$name: exit $rc, want 2"
  grep -q "$T/$name.json" "$T/err" || fail "$name: the message does not name the file: $(cat "$T/err")"
  grep -q -- "$why" "$T/err" || fail "$name: the message does not say '$why': $(cat "$T/err")"
}
expect_refused schema2 "is not floorscan-results/1"
expect_refused cut "not JSON"
expect_refused status "not an XCCDF result"
expect_refused rule "no such rule"
expect_refused score "does not match its results"
expect_refused nohosts "hosts: missing"
expect_refused hoststatus "not a host status"
[ ! -e "$T/bad/results.json" ] || fail "a refused input still wrote results.json"

# -- addresses become ai:ip-v4 / ai:ip-v6 (written out in full) and the ARF still validates
"$FS" report "$T/ipaddr.json" -f arf -o "$T/ip" -q 2>"$T/err" || fail "ipaddr: $(cat "$T/err")"
grep -q '<ai:ip-v4>10.20.0.11</ai:ip-v4>' "$T/ip/results-arf.xml" || fail "no ai:ip-v4 for 10.20.0.11"
grep -q '<ai:ip-v6>fe80:0:0:0:0:0:0:1</ai:ip-v6>' "$T/ip/results-arf.xml" || fail "no full ai:ip-v6 for fe80::1"
oscap ds rds-validate "$T/ip/results-arf.xml" >/dev/null 2>&1 || fail "the ARF with addresses does not validate"

# -- the benchmark changed since the scan: refused, naming it; --benchmark points elsewhere
printf '<!-- edited -->\n' >>"$T/bench.xml"
"$FS" report "$T/scan/results.json" -f json -o "$T/bad" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] || fail "changed benchmark: exit $rc, want 2"
grep -q "the benchmark $T/bench.xml has changed" "$T/err" || fail "changed benchmark: $(cat "$T/err")"
"$FS" report "$T/scan/results.json" --benchmark "$BENCH" -f json -o "$T/moved" -q 2>"$T/err" ||
  fail "--benchmark with the original file: $(cat "$T/err")"

# -- with a tailoring: recorded by path and digest, reloaded, checked
cp "$TAILORING" "$T/tail.xml"
printf 'all:\n  hosts:\n    pd-1: { ansible_connection: local, role: production-device }\n' >"$T/pd.yml"
"$FS" scan -i "$T/pd.yml" --benchmark "$BENCH" --tailoring "$T/tail.xml" -f json,xccdf,arf,html,junit,csv \
  -o "$T/tscan" --no-db -q >"$T/out" 2>"$T/err" || fail "tailored scan exit $?: $(cat "$T/err")"
grep -q '"profile": "xccdf_com.example.factory_profile_production-device"' "$T/tscan/results.json" ||
  fail "the tailored profile is not in results.json"
oscap ds rds-validate "$T/tscan/results-arf.xml" >/dev/null 2>&1 || fail "the tailored ARF does not validate"
"$FS" report "$T/tscan/results.json" -f json,xccdf,arf,html,junit,csv -o "$T/tagain" -q 2>"$T/err" ||
  fail "tailored report: $(cat "$T/err")"
for f in results.json results-xccdf.xml results-arf.xml report.html results-junit.xml results.csv; do
  cmp -s "$T/tscan/$f" "$T/tagain/$f" || fail "re-rendered tailored $f differs"
done
printf '<!-- edited -->\n' >>"$T/tail.xml"
"$FS" report "$T/tscan/results.json" -f json -o "$T/bad" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] || fail "changed tailoring: exit $rc, want 2"
grep -q "the tailoring $T/tail.xml has changed" "$T/err" || fail "changed tailoring: $(cat "$T/err")"

[ $fails -eq 0 ] && echo "rerender: all checks passed"
exit $((fails > 0))
