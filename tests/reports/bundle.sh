#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Evidence bundles end to end: a real scan of the local target with -f json,csv,bundle signed
# with Ed25519 and P-256 keys, checked by floorscan verify and by coreutils + openssl alone;
# then a flipped byte, a removed and an added file, a tar bundle, and refusals.
# Usage: bundle.sh FLOORSCAN BENCHMARK
set -u
FS=$1
BENCH=$2
T=$(mktemp -d /tmp/fs-bundle-sh-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}
scan() {
  "$FS" scan local --benchmark "$BENCH" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}
verify() {
  "$FS" verify "$@" >"$T/vout" 2>"$T/verr"
  vrc=$?
}

openssl genpkey -algorithm ed25519 -out "$T/ed.pem" 2>/dev/null || fail "no ed25519 key"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/ec.pem" 2>/dev/null ||
  fail "no P-256 key"
chmod 600 "$T/ed.pem" "$T/ec.pem"
openssl pkey -in "$T/ed.pem" -pubout -out "$T/ed.pub" 2>/dev/null
openssl pkey -in "$T/ec.pem" -pubout -out "$T/ec.pub" 2>/dev/null

for alg in ed ec; do
  o=$T/o-$alg
  mkdir -m 0700 "$o"
  scan -f json,csv,bundle --sign-key "$T/$alg.pem" -o "$o"
  [ $rc -eq 0 ] || fail "$alg: scan exit $rc: $(cat "$T/err")"
  b=$o/bundle
  for f in results.json results.csv run.json facts/local.frames manifest.sha256 \
    manifest.sha256.sig signer.pub.pem signer.txt inputs/"$(basename "$BENCH")"; do
    [ -f "$b/$f" ] && [ ! -L "$b/$f" ] || fail "$alg: no $f in the bundle"
  done
  [ ! -e "$b/report.html" ] || fail "$alg: a format that was not asked for is in the bundle"
  cmp -s "$o/results.json" "$b/results.json" || fail "$alg: results.json is not a byte copy"
  cmp -s "$BENCH" "$b/inputs/$(basename "$BENCH")" || fail "$alg: the benchmark is not a copy"
  [ "$(stat -c %a "$b/run.json")" = 600 ] || fail "$alg: run.json mode $(stat -c %a "$b/run.json")"
  digest=$(sha256sum "$b/manifest.sha256" | cut -d' ' -f1)
  grep -qx "evidence manifest SHA-256: $digest" "$T/out" ||
    fail "$alg: the summary does not print the manifest's digest $digest"
  grep -qx "wrote evidence bundle $o/bundle/" "$T/out" || fail "$alg: no bundle line"
  python3 - "$b/run.json" <<'PY' || fail "$alg: run.json"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "floorscan-bundle/1", r["schema"]
assert r["argv"][1:3] == ["scan", "local"], r["argv"]  # as typed, not as getopt permuted it
assert "--sign-key" in r["argv"]
for lib in ("libopenscap", "libssh", "openssl", "libxml2", "jansson", "libyaml"):
    assert r["libraries"][lib], lib
assert r["operator"]["login"] and r["operator"]["host"]
assert r["hosts"][0]["name"] == "local" and r["hosts"][0]["status"] == "scanned"
assert r["inputs"][0]["role"] == "benchmark" and len(r["inputs"][0]["sha256"]) == 64
assert r["started"] and r["finished"]
PY
  # a crypt hash the device sent never reaches the bundle
  if grep -rqE '\$(6|y|2b)\$[^$[]+\$' "$b/facts"; then
    fail "$alg: a password hash reached facts/"
  fi
  (cd "$b" && sha256sum --quiet -c manifest.sha256) || fail "$alg: sha256sum -c"
  if [ $alg = ed ]; then
    (cd "$b" && openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin \
      -in manifest.sha256 -sigfile manifest.sha256.sig >/dev/null) || fail "ed: openssl pkeyutl"
  else
    (cd "$b" && openssl dgst -sha256 -verify signer.pub.pem -signature manifest.sha256.sig \
      manifest.sha256 >/dev/null) || fail "ec: openssl dgst -verify"
    # the pkeyutl form docs/evidence.md gives for P-256: over the digest
    openssl dgst -sha256 -binary "$b/manifest.sha256" >"$T/m.bin"
    openssl pkeyutl -verify -pubin -inkey "$b/signer.pub.pem" -in "$T/m.bin" \
      -sigfile "$b/manifest.sha256.sig" >/dev/null || fail "ec: openssl pkeyutl -verify"
  fi
  fp=$(openssl pkey -pubin -in "$b/signer.pub.pem" -outform DER | sha256sum | cut -d' ' -f1)
  grep -qx "fingerprint: SHA256:$fp" "$b/signer.txt" || fail "$alg: signer.txt fingerprint"
  verify "$b"
  [ $vrc -eq 0 ] || fail "$alg: verify exit $vrc: $(cat "$T/vout" "$T/verr")"
  grep -q "not pinned" "$T/vout" || fail "$alg: no 'not pinned' note"
  grep -q "SHA256:$fp" "$T/vout" || fail "$alg: verify does not print the signer's fingerprint"
  grep -q "manifest.sha256 sha256 $digest" "$T/vout" || fail "$alg: verify: manifest digest"
  verify "$b" --pubkey "$T/$alg.pub"
  [ $vrc -eq 0 ] || fail "$alg: verify --pubkey exit $vrc: $(cat "$T/vout")"
  other="ed"
  [ $alg = ed ] && other=ec
  verify "$b" --pubkey "$T/$other.pub"
  [ $vrc -eq 1 ] || fail "$alg: verify pinned to another key exit $vrc"
done

b=$T/o-ed/bundle
# a flipped byte is named
printf 'X' | dd of="$b/facts/local.frames" bs=1 seek=5 conv=notrunc 2>/dev/null
verify "$b"
[ $vrc -eq 1 ] || fail "flipped byte: verify exit $vrc"
grep -q "^CHANGED  facts/local.frames" "$T/vout" || fail "flipped byte not named: $(cat "$T/vout")"
# a removed file, an added file
rm "$b/results.csv"
echo planted >"$b/inputs/extra.xml"
verify "$b"
[ $vrc -eq 1 ] || fail "removed/added: verify exit $vrc"
grep -q "^MISSING  results.csv" "$T/vout" || fail "removed file not named"
grep -q "^ADDED    inputs/extra.xml" "$T/vout" || fail "added file not named"

# an existing bundle is evidence: never overwritten, refused before the scan
scan -f json,bundle -o "$T/o-ed"
[ $rc -eq 2 ] || fail "scan over an existing bundle exit $rc"
grep -q "never overwritten" "$T/err" || fail "no reason for refusing the bundle: $(cat "$T/err")"
[ -f "$b/inputs/extra.xml" ] || fail "the old bundle was touched"

# --bundle FILE.tar: GNU tar extracts it, sha256sum -c passes, floorscan verify reads it
mkdir -m 0700 "$T/o-tar"
scan -f json --bundle "$T/o-tar/evidence.tar" --sign-key "$T/ec.pem" -o "$T/o-tar"
[ $rc -eq 0 ] || fail "tar scan exit $rc: $(cat "$T/err")"
[ ! -e "$T/o-tar/bundle" ] || fail "--bundle FILE.tar also wrote a directory"
grep -qx "wrote evidence bundle $T/o-tar/evidence.tar" "$T/out" || fail "no tar bundle line"
mkdir "$T/x"
(cd "$T/x" && tar -xf "$T/o-tar/evidence.tar" && cd bundle && sha256sum --quiet -c manifest.sha256) ||
  fail "tar -xf + sha256sum -c"
verify "$T/o-tar/evidence.tar" --pubkey "$T/ec.pub"
[ $vrc -eq 0 ] || fail "verify FILE.tar exit $vrc: $(cat "$T/vout" "$T/verr")"
verify "$T/x/bundle"
[ $vrc -eq 0 ] || fail "verify the extracted tar exit $vrc"

scan -f json --bundle "$T/o-tar/evidence.tar" -o "$T/o-tar"
[ $rc -eq 2 ] || fail "scan over an existing tar bundle exit $rc"
verify "$T/o-tar/evidence.tar" --pubkey "$T/ec.pub"
[ $vrc -eq 0 ] || fail "the existing tar bundle was touched"

# an inventory: recorded by path and digest (not copied: it may hold credentials); host names
# that are not file names become safe, unique facts files
cat >"$T/inv.yml" <<'YAML'
all:
  vars:
    api_key: APIKEY-0001
  hosts:
    "../dev 1":
      ansible_connection: local
    "../dev_1":
      ansible_connection: local
YAML
mkdir -m 0700 "$T/o-inv"
"$FS" scan -i "$T/inv.yml" --benchmark "$BENCH" -f json,bundle -o "$T/o-inv" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || fail "inventory scan exit $rc: $(cat "$T/err")"
ib=$T/o-inv/bundle
[ -f "$ib/facts/_._dev_1.frames" ] && [ -f "$ib/facts/_._dev_1~2.frames" ] ||
  fail "facts files of hostile names: $(ls "$ib/facts")"
python3 - "$ib/run.json" "$T/inv.yml" "$(sha256sum "$T/inv.yml" | cut -d' ' -f1)" <<'PY' ||
import json, sys
r = json.load(open(sys.argv[1]))
assert r["inventory"] == {"path": sys.argv[2], "sha256": sys.argv[3]}, (r["inventory"], sys.argv)
assert [h["facts"] for h in r["hosts"]] == ["facts/_._dev_1.frames", "facts/_._dev_1~2.frames"]
PY
  fail "run.json inventory or hosts"
if grep -rq APIKEY "$ib"; then
  fail "an inventory secret reached the bundle"
fi
verify "$ib"
[ $vrc -eq 0 ] || fail "inventory bundle: verify exit $vrc: $(cat "$T/vout")"

# refusals, all before any host is scanned (exit 2)
chmod 644 "$T/ed.pem"
scan -f bundle --sign-key "$T/ed.pem" -o "$T/o-refused"
[ $rc -eq 2 ] || fail "group-readable key: exit $rc"
grep -q "readable" "$T/err" || fail "group-readable key: $(cat "$T/err")"
chmod 600 "$T/ed.pem"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$T/rsa.pem" 2>/dev/null
chmod 600 "$T/rsa.pem"
scan -f bundle --sign-key "$T/rsa.pem" -o "$T/o-refused"
[ $rc -eq 2 ] || fail "RSA key: exit $rc"
openssl genpkey -algorithm ed25519 -aes-256-cbc -pass pass:secret -out "$T/enc.pem" 2>/dev/null
chmod 600 "$T/enc.pem"
scan -f bundle --sign-key "$T/enc.pem" -o "$T/o-refused"
[ $rc -eq 2 ] || fail "encrypted key: exit $rc"
grep -q "encrypted" "$T/err" || fail "encrypted key: $(cat "$T/err")"
scan -f json --sign-key "$T/ed.pem" -o "$T/o-refused"
[ $rc -eq 2 ] || fail "--sign-key without a bundle: exit $rc"
[ ! -e "$T/o-refused" ] || fail "a refused scan created its output directory"
"$FS" report "$T/o-ec/results.json" -f bundle -o "$T/o-report" >"$T/out" 2>"$T/err"
[ $? -eq 2 ] || fail "floorscan report -f bundle is not exit 2"
grep -q "raw facts" "$T/err" || fail "report -f bundle: $(cat "$T/err")"
verify "$T/nonexistent"
[ $vrc -eq 2 ] || fail "verify of nothing: exit $vrc"

if [ $fails -ne 0 ]; then
  echo "bundle.sh: $fails failure(s)" >&2
  exit 1
fi
echo "bundle.sh: all checks passed"
