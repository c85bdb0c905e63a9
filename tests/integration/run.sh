#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Integration test: scans a real fleet of sshd targets in network namespaces and asserts the
# verdict of every rule on the weak and hardened devices, each failure status, the exit
# codes and the validity of the XCCDF results, and that no scan writes on a device: every
# target's overlay upper directory is snapshot before and after the scans (upper_snapshot.py;
# only what logging in writes, named in its allow-list, may change). The fleet is torn down on
# every exit path.
set -euo pipefail
FLOORSCAN=${1:?usage: run.sh PATH/TO/floorscan}
FLOORSCAN=$(readlink -f "$FLOORSCAN")
here=$(cd "$(dirname "$0")" && pwd)
fleet="$here/../fleet/fleet.sh"
assert="$here/assert_results.py"
snapshot="$here/upper_snapshot.py"

if [ "$(id -u)" -ne 0 ]; then
  # CI runs as root (scripts/test.sh sets FS_CI=1): there a skip would hide a broken setup.
  if [ "${FS_CI:-0}" = 1 ]; then
    echo "integration: FAIL: needs root for network namespaces, and FS_CI=1" >&2
    exit 1
  fi
  echo "integration: needs root for network namespaces; skipped"
  exit 77
fi

state=$(mktemp -d /tmp/floorscan-it.XXXXXX)
out="$state/out"
cleanup() {
  local rc=$?
  bash "$fleet" down "$state" >"$state/down.log" 2>&1 || { cat "$state/down.log"; rc=1; }
  if [ $rc -eq 0 ]; then rm -rf "$state"; else echo "integration: state kept in $state"; fi
  exit $rc
}
trap cleanup EXIT INT TERM

bash "$fleet" up "$state"
inv="$state/inventory.yml"
kh="$state/known_hosts"
common=(--known-hosts "$kh" --connect-timeout 3 --timeout 120 -j 8)

step() { printf '\n== %s\n' "$*"; }
# Snapshots every target's overlay upper directory (whatever the device wrote) as NAME.
snap() { python3 "$snapshot" snapshot "$state" "$state/snap-$1.json"; }
# Fails (listing target, path and change) if a device wrote anything between two snapshots
# beyond the allow-list of what logging in writes.
no_writes() { # before after what
  python3 "$snapshot" compare "$state/snap-$1.json" "$state/snap-$2.json" --label "$3" || exit 1
}
expect_rc() { # expected actual what
  if [ "$1" != "$2" ]; then
    echo "FAIL: $3: exit status $2, expected $1" >&2
    exit 1
  fi
  echo "ok: $3 (exit $2)"
}

step "whole fleet: every host status and every rule verdict"
snap fleet-before
set +e
"$FLOORSCAN" scan -i "$inv" "${common[@]}" -o "$out/all" -f json,xccdf
rc=$?
set -e
snap fleet-after
no_writes fleet-before fleet-after "the whole-fleet scan"
expect_rc 3 $rc "a fleet with unreachable and refused hosts"
python3 "$assert" fleet "$out/all/results.json" "$here/expected.txt"
oscap xccdf validate "$out/all/results-xccdf.xml" >/dev/null
echo "ok: oscap xccdf validate results-xccdf.xml"

step "gates on the scanned hosts only"
set +e
"$FLOORSCAN" scan -i "$inv" -l bs-weak,bs-hard "${common[@]}" -o "$out/gate0" -f json -q
expect_rc 0 $? "no gate"
"$FLOORSCAN" scan -i "$inv" -l bs-weak,bs-hard "${common[@]}" -o "$out/gate1" -f json -q \
  --fail-on high
expect_rc 1 $? "--fail-on high with a weak host"
"$FLOORSCAN" scan -i "$inv" -l bs-hard "${common[@]}" -o "$out/gate2" -f json -q \
  --fail-on high --fail-under 50
expect_rc 0 $? "hardened host passes --fail-on high --fail-under 50"
"$FLOORSCAN" scan -i "$inv" -l build_servers "${common[@]}" -o "$out/gate3" -f json -q \
  --fail-under 90
expect_rc 1 $? "--fail-under 90 with a weak host"
set -e

step "non-root login without become: root facts are errors, the rest is judged"
set +e
"$FLOORSCAN" scan audit@10.77.0.12 --identity "$state/id_ed25519" "${common[@]}" \
  -o "$out/noroot" -f json -q
expect_rc 0 $? "non-root scan"
set -e
python3 "$assert" noroot "$out/noroot/results.json"

step "accept-new records an unknown host key; a later strict scan accepts the recorded key"
cp "$kh" "$state/kh-new"
set +e
"$FLOORSCAN" scan -i "$inv" -l unknownkey --known-hosts "$state/kh-new" --connect-timeout 3 \
  -o "$out/new" -f json -q --host-key-policy accept-new
expect_rc 0 $? "accept-new scan"
set -e
if grep -q '^10.77.0.42 ' "$state/kh-new"; then
  echo "ok: key of 10.77.0.42 recorded"
else
  echo "FAIL: accept-new did not record the key of 10.77.0.42" >&2
  exit 1
fi
set +e
"$FLOORSCAN" scan -i "$inv" -l unknownkey --known-hosts "$state/kh-new" --connect-timeout 3 \
  -o "$out/new2" -f json -q
expect_rc 0 $? "strict scan with the recorded key"
set -e

step "hostile device: junk, binary bytes, huge lines, shell metacharacters in names"
set +e
"$FLOORSCAN" scan -i "$inv" -l hostile "${common[@]}" -o "$out/hostile" -f json,xccdf -q
rc=$?
set -e
expect_rc 0 $rc "hostile host scanned"
python3 "$assert" hostile "$out/hostile/results.json"
oscap xccdf validate "$out/hostile/results-xccdf.xml" >/dev/null
echo "ok: hostile XCCDF results validate"
if ls /tmp/floorscan-pwned* >/dev/null 2>&1; then
  echo "FAIL: target content was executed on the scanner" >&2
  exit 1
fi
if find "$state"/*/upper -name '*floorscan-pwned*' ! -path '*/etc/xinetd.d/*' | grep -q .; then
  echo "FAIL: target content was executed on the device" >&2
  exit 1
fi
echo "ok: nothing from the hostile device was executed"

step "stalling device: FIFO, /dev/zero link, 200 MB line, link loops, 100 000 accounts"
start=$(date +%s%N)
set +e
"$FLOORSCAN" scan -i "$inv" -l stall "${common[@]}" -o "$out/stall" -f json,xccdf -q
rc=$?
set -e
ms=$((($(date +%s%N) - start) / 1000000))
expect_rc 0 $rc "stalling host scanned"
[ "$ms" -lt 60000 ] || { echo "FAIL: the stalling device took $ms ms (limit 60 s)" >&2; exit 1; }
echo "ok: stalling device scanned in $ms ms"
python3 "$assert" stall "$out/stall/results.json"
oscap xccdf validate "$out/stall/results-xccdf.xml" >/dev/null
# the device's password hashes (root's known one, the bulk accounts') appear in no output
if grep -rlE 'fsknownsalt|fsbulk' "$out/stall" "$out/all"; then
  echo "FAIL: a password hash from the device reached an output file" >&2
  exit 1
fi
echo "ok: no password hash of the device in any output file"

step "flooding device: 64 MB of tiny well-formed frames"
start=$(date +%s%N)
set +e
"$FLOORSCAN" scan -i "$inv" -l flood "${common[@]}" -o "$out/flood" -f json -q
rc=$?
set -e
ms=$((($(date +%s%N) - start) / 1000000))
expect_rc 3 $rc "flooding host not scanned"
[ "$ms" -lt 30000 ] || { echo "FAIL: the flooding device took $ms ms (limit 30 s)" >&2; exit 1; }
python3 "$assert" flood "$out/flood/results.json"
echo "ok: flooding device cut at the output cap in $ms ms"

step "tailoring: change-controlled updates on busybox production devices"
set +e
"$FLOORSCAN" scan -i "$inv" -l production_devices "${common[@]}" -o "$out/tailored" -f json,xccdf \
  -q --tailoring "$here/../../profiles/tailoring-example.xml"
expect_rc 0 $? "tailored scan"
set -e
python3 "$assert" tailored "$out/tailored/results.json"
oscap xccdf validate "$out/tailored/results-xccdf.xml" >/dev/null
echo "ok: tailored XCCDF results validate"

step "site values by tailoring reach the collector and the checks, both ways"
for kind in pass fail; do
  set +e
  "$FLOORSCAN" scan -i "$inv" -l bs-hard "${common[@]}" -o "$out/site-$kind" -f json -q \
    --tailoring "$here/tailoring-site-$kind.xml"
  expect_rc 0 $? "bs-hard with tailoring-site-$kind.xml"
  set -e
  python3 "$assert" "site-$kind" "$out/site-$kind/results.json"
done

step "waivers: a waived fail on one host only, scores with and without, the gate"
set +e
openssl genpkey -algorithm ed25519 -out "$state/sign.pem" 2>/dev/null
chmod 600 "$state/sign.pem"
openssl pkey -in "$state/sign.pem" -pubout -out "$state/sign.pub" 2>/dev/null
# --no-db: re-rendered below from results.json, which cannot rebuild a stored run's history
# and drift members (floorscan report --db does; history.sh checks that)
"$FLOORSCAN" scan -i "$inv" -l bs-weak,ts-weak "${common[@]}" -o "$out/waived" --no-db \
  -f json,xccdf,junit,csv,bundle -q --waivers "$here/waivers.yml" --sign-key "$state/sign.pem"
expect_rc 0 $? "scan with a waiver register and a signed evidence bundle"
set -e
# the bundle holds the register that was applied, byte for byte, and verifies against the key
cmp "$here/waivers.yml" "$out/waived/bundle/inputs/waivers.yml"
"$FLOORSCAN" verify "$out/waived/bundle" --pubkey "$state/sign.pub" >/dev/null
(cd "$out/waived/bundle" && sha256sum -c --quiet manifest.sha256)
echo "ok: the signed bundle holds the waiver register and verifies (floorscan verify, sha256sum)"
python3 "$assert" waivers "$out/waived/results.json"
bash "$here/../../scripts/xccdf-validate.sh" "$out/waived/results-xccdf.xml"
echo "ok: XCCDF results with overrides validate (schema and schematron)"
python3 - "$out/waived/results-xccdf.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
ns = {"x": "http://checklists.nist.gov/xccdf/1.2"}
tr = [t for t in ET.parse(sys.argv[1]).getroot().iter("{%s}TestResult" % ns["x"])
      if t.findtext("x:target", namespaces=ns) == "bs-weak"][0]
ov = [rr for rr in tr.iter("{%s}rule-result" % ns["x"]) if rr.find("x:override", ns) is not None]
assert len(ov) == 3, f"{len(ov)} overridden rule results, expected 3"
for rr in ov:
    o = rr.find("x:override", ns)
    assert o.get("authority") == "J. Doe, Quality Assurance", o.get("authority")
    assert o.find("x:old-result", ns).text == "fail" and o.find("x:new-result", ns).text == "informational"
    assert rr.find("x:result", ns).text == "informational"
    assert "waived" in o.find("x:remark", ns).text
print("ok: bs-weak has 3 overrides by the approver, fail -> informational, with remarks")
PY
grep -q 'waived (register line 4' "$out/waived/results-junit.xml" ||
  { echo "FAIL: the JUnit file does not show the waiver" >&2; exit 1; }
echo "ok: JUnit shows the waived result as skipped with its waiver"
"$FLOORSCAN" report "$out/waived/results.json" -f json,xccdf,csv -o "$out/waived-again" >/dev/null
for f in results.json results-xccdf.xml results.csv; do
  cmp "$out/waived/$f" "$out/waived-again/$f" || { echo "FAIL: re-rendered $f differs" >&2; exit 1; }
done
echo "ok: a re-render of the waived results is byte-identical"
set +e
"$FLOORSCAN" scan -i "$inv" -l bs-weak "${common[@]}" -o "$out/gate-w0" -f json -q \
  --fail-on low --fail-under 99
expect_rc 1 $? "bs-weak fails the gate without waivers"
"$FLOORSCAN" scan -i "$inv" -l bs-weak "${common[@]}" -o "$out/gate-w1" -f json -q \
  --fail-on low --fail-under 99 --waivers "$here/waive-all.yml"
expect_rc 0 $? "bs-weak passes the gate with every finding waived"
printf 'waivers:\n  - rule: no_such_rule\n    hosts: [bs-weak]\n' >"$state/bad-waivers.yml"
msg=$("$FLOORSCAN" scan -i "$inv" -l bs-weak "${common[@]}" -o "$out/badw" -f json \
  --waivers "$state/bad-waivers.yml" 2>&1)
expect_rc 2 $? "an invalid waiver register"
set -e
case "$msg" in *"bad-waivers.yml:2"*) echo "ok: message names file and line ($msg)" ;;
  *) echo "FAIL: message '$msg'" >&2; exit 1 ;;
esac
[ ! -e "$out/badw/results.json" ] || { echo "FAIL: a refused scan wrote results" >&2; exit 1; }

step "bad inventory: exit 2 naming file and line"
printf 'all:\n  hosts:\n    a: { ansible_port: twenty-two }\n' >"$state/bad.yml"
set +e
msg=$("$FLOORSCAN" scan -i "$state/bad.yml" 2>&1)
expect_rc 2 $? "invalid inventory"
set -e
case "$msg" in *"bad.yml:3"*"ansible_port"*) echo "ok: message names file:line ($msg)" ;;
  *) echo "FAIL: message '$msg'" >&2; exit 1 ;;
esac
step "bad tailoring and unknown profile: exit 2 naming the problem"
printf '<Tailoring xmlns="http://checklists.nist.gov/xccdf/1.2" id="x"><bogus/></Tailoring>\n' \
  >"$state/bad-tailoring.xml"
set +e
msg=$("$FLOORSCAN" scan -i "$inv" -l bs-hard --tailoring "$state/bad-tailoring.xml" -f json \
  -o "$out/badt" 2>&1)
expect_rc 2 $? "invalid tailoring"
case "$msg" in *"bad-tailoring.xml"*) echo "ok: message names the tailoring file" ;;
  *) echo "FAIL: message '$msg'" >&2; exit 1 ;;
esac
"$FLOORSCAN" scan -i "$inv" -l bs-hard -p no-such-profile -f json -o "$out/badp" 2>/dev/null
expect_rc 2 $? "unknown profile"
msg=$("$FLOORSCAN" scan -i "$inv" -l bs-hard -f json -o "$out/badv" \
  --tailoring "$here/../fixtures/tailoring-hostile.xml" 2>&1)
expect_rc 2 $? "a tailoring value outside its format (rpm options)"
case "$msg" in *"tailoring-hostile.xml"*"var_verify_packages"*) echo "ok: message names file and value" ;;
  *) echo "FAIL: message '$msg'" >&2; exit 1 ;;
esac
if [ -e "$out/badt/results.json" ] || [ -e "$out/badp/results.json" ] ||
  [ -e "$out/badv/results.json" ]; then
  echo "FAIL: a refused scan wrote results" >&2
  exit 1
fi
echo "ok: nothing was scanned or written"
set -e

step "no scan since the whole-fleet one wrote on a device"
snap rest-after
no_writes fleet-after rest-after "the scans after the whole-fleet one"

step "zones and conduits: site model, flows classified across the fleet, every format"
bash "$here/zones.sh" "$FLOORSCAN" "$state"

step "fleet operations: -j 1 = -j 32, shards merged = full scan, stall cut, SIGINT"
bash "$here/fleet_ops.sh" "$FLOORSCAN" "$state"

step "history: two audits with a change in between (diff, failing since, verify)"
bash "$here/history.sh" "$FLOORSCAN" "$state"

step "scale mode: 20 minimal busybox targets, all scanned"
bash "$fleet" up "$state" --count 20
snap scale-before
set +e
"$FLOORSCAN" scan -i "$state/inventory.yml" --known-hosts "$state/known_hosts" -j 20 \
  -o "$out/scale" -f json -q
expect_rc 0 $? "scale fleet"
set -e
snap scale-after
no_writes scale-before scale-after "the scale scan"
n=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['scanned'])" \
  "$out/scale/results.json")
[ "$n" = 20 ] || { echo "FAIL: $n of 20 scale targets scanned" >&2; exit 1; }
echo "ok: 20 of 20 scale targets scanned"
echo
echo "integration: all passed"
