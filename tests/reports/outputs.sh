#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# floorscan scan end to end on the local transport: output files in a shared directory,
# secrets, hostile text, and a disk that fills up. Usage: outputs.sh FLOORSCAN BENCHMARK user|root
# "root" needs namespaces (a fake /etc/passwd and host name, a tiny tmpfs): exit 77 without.
set -u
FS=$1
BENCH=$2
MODE=$3
T=$(mktemp -d /tmp/fs-outputs-sh-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}
# scan DIR [options...]: stdout, stderr and exit status in $T/out, $T/err, $rc
scan() {
  dir=$1
  shift
  "$FS" scan -i "$T/inv.yml" --benchmark "$BENCH" -f json,xccdf,junit,csv,html -o "$dir" "$@" \
    >"$T/out" 2>"$T/err"
  rc=$?
}
cat >"$T/inv.yml" <<'YAML'
all:
  vars:
    api_key: APIKEY-0001
    snmp_community: SNMPCOMM-0002
  hosts:
    "dev-1":
      ansible_connection: local
      role: build-server
      zone: "z\x01one\u0085\uffff"
      wifi_psk: WIFIPSK-0003
      db_credentials: DBCRED-0004
      ansible_ssh_private_key_file: /srv/keys/ts-secret-path.key
      site_note: "$6$saltsalt$Qw3rtyUiop0123456789"
      ansible_user: "$6$saltsalt$Qw3rtyUiop0123456789"
YAML

# every output file: JSON parses, XCCDF validates, no secret, no hash
check_outputs() {
  d=$1
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$d/results.json" ||
    fail "$d/results.json does not parse"
  oscap xccdf validate "$d/results-xccdf.xml" >/dev/null 2>&1 ||
    fail "$d/results-xccdf.xml does not validate"
  xmllint --noout --schema "$(dirname "$BENCH")/junit.xsd" "$d/results-junit.xml" 2>"$T/xmllint" ||
    fail "$d/results-junit.xml does not validate: $(cat "$T/xmllint")"
  python3 -c 'import csv,sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), rows
assert not [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]' \
    "$d/results.csv" || fail "$d/results.csv does not parse or holds a formula"
  if LC_ALL=C grep -q -P '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\xfe\xff]' "$d/report.html"; then
    fail "$d/report.html holds a raw control or invalid byte"
  fi
  if grep -r -l -e APIKEY -e SNMPCOMM -e WIFIPSK -e DBCRED -e ts-secret-path -e api_key \
    -e snmp_community -e wifi_psk -e db_credentials -e saltsalt -e Qw3rty "$d"; then
    fail "a secret or hash reached $d"
  fi
}

if [ "$MODE" = user ]; then
  # planted links at the final and the old temporary names
  mkdir -m 0700 "$T/o1"
  echo precious >"$T/victim"
  for n in results.json results.json.tmp results-xccdf.xml results-xccdf.xml.tmp report.html; do
    ln -s "$T/victim" "$T/o1/$n"
  done
  scan "$T/o1"
  [ $rc -eq 0 ] || fail "scan into o1 exit $rc: $(cat "$T/err")"
  [ "$(cat "$T/victim")" = precious ] || fail "the victim was written through a link"
  for n in results.json results-xccdf.xml results-junit.xml results.csv report.html; do
    [ -f "$T/o1/$n" ] && [ ! -L "$T/o1/$n" ] || fail "$n is not a regular file"
    [ "$(stat -c %a "$T/o1/$n")" = 600 ] || fail "$n mode $(stat -c %a "$T/o1/$n")"
    grep -qx "wrote $T/o1/$n" "$T/out" || fail "no 'wrote' line for $n"
  done
  check_outputs "$T/o1"
  grep -q '<target>dev-1</target>' "$T/o1/results-xccdf.xml" ||
    fail "the host name is not in the XCCDF results"
  # inventory strings with control characters: escaped where they are kept (the zone) ...
  grep -q 'z\\\\x01one' "$T/o1/results.json" || fail "the zone is not in results.json, escaped"
  grep -q 'zone z\\x01one' "$T/o1/report.html" || fail "the zone is not in report.html, escaped"
  # ... and refused where they name a host (exit 2, the message escaped)
  printf 'all:\n  hosts:\n    "dev\\x1b[31m\\x01": { ansible_connection: local }\n' >"$T/bad.yml"
  "$FS" scan -i "$T/bad.yml" --benchmark "$BENCH" -o "$T/o1" >"$T/out" 2>"$T/err"
  [ $? -eq 2 ] || fail "a host name with control characters was accepted"
  grep -q 'dev\\x1b\[31m\\x01' "$T/err" || fail "the refusal does not show the name escaped"
  if grep -q "$(printf '\033')" "$T/err" "$T/out"; then fail "a raw ESC reached the terminal"; fi
  scan "$T/o1" --output-mode 0640
  [ "$(stat -c %a "$T/o1/results.json")" = 640 ] || fail "--output-mode 0640 not applied"
  for m in 0666 0750 0602 abc; do
    scan "$T/o1" --output-mode $m
    [ $rc -eq 2 ] || fail "--output-mode $m accepted (exit $rc)"
  done
  # a shared directory without the sticky bit: refused before scanning; with it, accepted
  mkdir "$T/o2" && chmod 0777 "$T/o2"
  scan "$T/o2"
  [ $rc -eq 2 ] || fail "0777 output directory: exit $rc"
  grep -q "$T/o2.*sticky" "$T/err" || fail "0777: message '$(cat "$T/err")'"
  [ -z "$(ls -A "$T/o2")" ] || fail "0777: files written"
  grep -q "STATUS" "$T/out" && fail "0777: the scan ran"
  chmod 1777 "$T/o2"
  scan "$T/o2"
  [ $rc -eq 0 ] || fail "1777 output directory: exit $rc: $(cat "$T/err")"
  ln -s "$T/o1" "$T/o3"
  scan "$T/o3"
  [ $rc -eq 2 ] && grep -q "symbolic link" "$T/err" || fail "symlinked output directory: exit $rc"
else
  if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
    # CI runs as root with util-linux (FS_CI=1, scripts/test.sh): not a skip there.
    if [ "${FS_CI:-0}" = 1 ]; then
      echo "FAIL: needs root and unshare, and FS_CI=1" >&2
      exit 1
    fi
    echo "needs root and unshare; skipped" >&2
    exit 77
  fi
  # a device whose account names and host name hold a 0xff byte and control characters
  printf 'root:x:0:0:root:/root:/bin/sh\nr\377t\033[1m:x:0:0::/:/bin/sh\n' >"$T/passwd"
  mkdir -m 0700 "$T/o4"
  export FS T BENCH
  unshare -m -u sh -c 'mount --bind "$T/passwd" /etc/passwd &&
    printf "h\377\001x" >/proc/sys/kernel/hostname &&
    "$FS" scan -i "$T/inv.yml" --benchmark "$BENCH" -f json,xccdf,junit,csv,html -o "$T/o4"' \
    >"$T/out" 2>"$T/err"
  rc=$?
  [ $rc -eq 0 ] || fail "hostile device: exit $rc: $(cat "$T/err")"
  check_outputs "$T/o4"
  grep -q 'r\\\\xfft\\\\x1b\[1m' "$T/o4/results.json" || fail "the odd account is not in results.json"
  grep -q 'h\\\\xff\\\\x01x' "$T/o4/results.json" || fail "the host name is not in results.json"
  for n in results-junit.xml results.csv; do
    grep -q 'r\\xfft\\x1b\[1m' "$T/o4/$n" || fail "the odd account is not in $n, escaped"
  done
  grep -q 'hostname="h\\xff\\x01x"' "$T/o4/results-junit.xml" ||
    fail "the device's host name is not in results-junit.xml, escaped"
  grep -q '<dt>Hostname</dt><dd>h\\xff\\x01x</dd>' "$T/o4/report.html" ||
    fail "the host name is not in report.html, escaped"
  grep -q 'r\\\\xfft\\\\x1b\[1m' "$T/o4/report.html" || fail "the odd account is not in report.html"
  # a disk that fills up: no 'wrote' line, exit 3 even with a failed gate, nothing left over
  mkdir -m 0700 "$T/o5"
  unshare -m sh -c 'mount -t tmpfs -o size=4k,mode=0700 none "$T/o5" &&
    "$FS" scan -i "$T/inv.yml" --benchmark "$BENCH" -f json,xccdf -o "$T/o5" --fail-under 100;
    echo "rc=$?"; ls -A "$T/o5"' >"$T/out" 2>"$T/err"
  grep -qx 'rc=3' "$T/out" || fail "full disk: $(cat "$T/out")"
  grep -q '^wrote' "$T/out" && fail "full disk: 'wrote' printed: $(grep '^wrote' "$T/out")"
  grep -q "FAILED to write $T/o5/results-xccdf.xml" "$T/out" || fail "full disk: no FAILED line"
  grep -q 'No space left' "$T/err" || fail "full disk: reason missing: $(cat "$T/err")"
  grep -q 'tmp$' "$T/out" && fail "full disk: temporary files left behind"
  # an output directory owned by someone else
  mkdir "$T/o6" && chown 65534 "$T/o6"
  scan "$T/o6"
  [ $rc -eq 2 ] && grep -q "owned by uid 65534" "$T/err" || fail "foreign directory: exit $rc"
  # a directory that cannot be written (read-only mount): exit 2 before any host is scanned
  mkdir -m 0700 "$T/o7"
  T=$T FS=$FS BENCH=$BENCH unshare -m sh -c 'mount -t tmpfs -o ro,mode=0700 none "$T/o7" &&
    "$FS" scan -i "$T/inv.yml" --benchmark "$BENCH" -f json -o "$T/o7"; echo "rc=$?"' \
    >"$T/out" 2>"$T/err"
  grep -qx 'rc=2' "$T/out" || fail "read-only directory: $(cat "$T/out" "$T/err")"
  grep -q 'cannot be written' "$T/err" || fail "read-only directory: message $(cat "$T/err")"
  grep -q '^HOST' "$T/out" && fail "read-only directory: hosts were scanned"
fi
[ $fails -eq 0 ] || exit 1
echo "ok ($MODE)"
