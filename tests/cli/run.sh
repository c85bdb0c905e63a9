#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The command line's contract (docs: /work/shared/design/interface.md, README): every
# sub-command's output and exit status, with golden files where the output is a table.
#
#   tests/cli/run.sh build/floorscan VERSION            # what ctest runs (test cli_contract)
#   FS_UPDATE_GOLDEN=1 tests/cli/run.sh build/floorscan VERSION   # rewrite tests/cli/golden/
#
# Goldens hold stdout (tables) or "exit status + stderr" (errors), with this directory written
# @CLI@, the shipped profiles directory @PROFILES@ and the version @VERSION@. Review `git diff tests/cli/golden` after
# regenerating: a golden is a promise to users and scripts.
set -euo pipefail
fs=$(realpath "$1")
version=$2
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
golden=$here/golden
export FLOORSCAN_BENCHMARK=$src/profiles/floorscan-ditta-xccdf.xml
export LC_ALL=C
unset NO_COLOR FS_UPDATE_GOLDEN_DONE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run RC ARGS...: runs floorscan from the inventories directory (so file names in messages are
# relative), stdout in $tmp/out, stderr in $tmp/err; fails unless the exit status is RC.
run() {
  local want=$1 rc=0
  shift
  checks=$((checks + 1))
  (cd "$here/inventories" && timeout 60 "$fs" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
  if [ "$rc" != "$want" ]; then
    fail "floorscan $* exited $rc, expected $want; stderr:"
    sed 's/^/    /' "$tmp/err" >&2
    return 1
  fi
  return 0
}

normalise() {
  sed -e "s|$here|@CLI@|g" -e "s|$src/profiles|@PROFILES@|g" \
    -e "s|floorscan ${version//./\\.}\\b|floorscan @VERSION@|g" "$1"
}

# golden NAME FILE: FILE (normalised) must equal golden/NAME, or replaces it when
# FS_UPDATE_GOLDEN=1.
golden() {
  normalise "$2" >"$tmp/norm"
  if [ "${FS_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$tmp/norm" "$golden/$1"
    echo "updated golden/$1"
  elif ! diff -u "$golden/$1" "$tmp/norm" >"$tmp/diff"; then
    fail "output differs from golden/$1 (FS_UPDATE_GOLDEN=1 rewrites it):"
    cat "$tmp/diff" >&2
  fi
}

# An error case: exit status 2, nothing on stdout, the reason on stderr; every case's stderr
# goes into one golden (errors.txt) so a reworded or lost message shows in review.
: >"$tmp/errors"
usage_error() {
  local rc=0
  run 2 "$@" || rc=1
  if [ -s "$tmp/out" ]; then
    fail "floorscan $* wrote to stdout on a usage error"
  fi
  if [ ! -s "$tmp/err" ]; then
    fail "floorscan $* gave no reason on stderr"
  fi
  {
    echo "\$ floorscan $*"
    sed 's/^/  /' "$tmp/err"
  } >>"$tmp/errors"
  return $rc
}

# --help and its aliases: the usage on stdout, exit 0; only sub-commands that work are listed.
for h in --help -h help; do
  if run 0 "$h"; then
    golden help.txt "$tmp/out"
    cp "$tmp/out" "$tmp/help"
  fi
  [ -s "$tmp/err" ] && fail "floorscan $h wrote to stderr"
done
# COMMAND --help: that command's usage line from the table on stdout, exit 0, nothing done
for c in diff history inventory merge profiles report rules scan script verify waivers zones; do
  if run 0 "$c" --help; then
    want=$(awk -v c="  floorscan $c " 'index($0, c) == 1 { print; exit }' "$tmp/help")
    [ -n "$want" ] && [ "$(sed -n 2p "$tmp/out")" = "$want" ] ||
      fail "floorscan $c --help: not its usage: $(head -3 "$tmp/out")"
  fi
  [ -s "$tmp/err" ] && fail "floorscan $c --help wrote to stderr"
done
# verify: a bundle that is not there, no bundle, two bundles, an unknown option (exit 2).
usage_error verify x || true
usage_error verify || true
usage_error verify a b || true
usage_error verify --pubkey || true
# Without arguments: the same usage, on stderr, exit 2.
if run 2; then
  normalise "$tmp/err" >"$tmp/noargs"
  diff -u "$golden/help.txt" "$tmp/noargs" >&2 || fail "floorscan without arguments: not the usage"
fi

# --version and -V: one line naming this version and the libraries.
for v in --version -V; do
  if run 0 "$v"; then
    grep -qxE "floorscan ${version//./\\.} \(libopenscap [0-9][0-9.]*, libssh [0-9][^)]*\)" \
      "$tmp/out" || fail "floorscan $v: unexpected '$(cat "$tmp/out")'"
    [ "$(wc -l <"$tmp/out")" = 1 ] || fail "floorscan $v: not one line"
  fi
done

# profiles and rules: tables.
if run 0 profiles; then golden profiles.txt "$tmp/out"; fi
if run 0 profiles --benchmark "$src/tests/fixtures/ten-rules-xccdf.xml"; then
  golden profiles-ten-rules.txt "$tmp/out"
fi
if run 0 rules; then golden rules.txt "$tmp/out"; fi
for p in baseline build-server test-station production-device; do
  if run 0 rules -p "$p"; then golden "rules-$p.txt" "$tmp/out"; fi
done
# A profile by its full XCCDF id is the same table as by its short name.
if run 0 rules -p xccdf_org.floorscan_profile_build-server; then
  normalise "$tmp/out" | diff -u "$golden/rules-build-server.txt" - >&2 ||
    fail "rules -p by full id differs from rules -p build-server"
fi
# Each profile's rule count in `profiles` is the number of rows of `rules -p`.
while read -r name count _; do
  [ "$name" = PROFILE ] && continue
  rows=$(($(wc -l <"$golden/rules-$name.txt") - 1))
  [ "$rows" = "$count" ] || fail "profiles says $name has $count rules, rules -p lists $rows"
done <"$golden/profiles.txt"

# script -p PROFILE: a POSIX sh script (it parses under sh -n, dash -n and busybox sh -n) that
# collects exactly the profile's facts and frames them with a fresh random nonce.
for p in baseline production-device; do
  run 0 script -p "$p" || continue
  cp "$tmp/out" "$tmp/script-$p"
  for shell in sh dash "busybox sh"; do
    if ! command -v "${shell%% *}" >/dev/null; then
      [ "${FS_CI:-0}" = 1 ] && fail "${shell%% *} missing in CI (scripts/install-deps.sh)"
      continue
    fi
    # shellcheck disable=SC2086 # "busybox sh" is two words
    $shell -n "$tmp/out" 2>"$tmp/sherr" || fail "script -p $p does not parse under $shell: $(cat "$tmp/sherr")"
  done
  grep -oE '^fs_(emit|root) [a-z0-9_]+ [0-9]+$' "$tmp/out" | awk '{print $2}' | sort >"$tmp/facts"
  golden "script-facts-$p.txt" "$tmp/facts"
  [ -z "$(uniq -d "$tmp/facts")" ] || fail "script -p $p collects a fact twice"
  while read -r f; do
    grep -q "^fs_f_$f() {" "$tmp/out" || fail "script -p $p: no probe function for $f"
  done <"$tmp/facts"
  # No probe beyond the requested facts.
  n_probes=$(grep -c '^fs_f_[a-z0-9_]*() {' "$tmp/out" || true)
  [ "$n_probes" = "$(wc -l <"$tmp/facts")" ] ||
    fail "script -p $p defines $n_probes probes for $(wc -l <"$tmp/facts") facts"
  nonce=$(grep -oE "^M='@@FS-[0-9a-f]{32}'$" "$tmp/out" || true)
  [ -n "$nonce" ] || fail "script -p $p: no frame marker with a 32-hex-digit nonce"
  [ "$(tail -n 1 "$tmp/out")" = "printf '\\n%s Z\\n' \"\$M\"" ] ||
    fail "script -p $p does not end with the end-of-output frame"
  echo "$nonce" >>"$tmp/nonces"
done
# Without -p the script is the baseline's; a second run has another nonce.
if run 0 script; then
  grep -oE '^fs_(emit|root) [a-z0-9_]+ [0-9]+$' "$tmp/out" | awk '{print $2}' | sort |
    diff -u "$golden/script-facts-baseline.txt" - >&2 || fail "script without -p is not baseline's"
  grep -oE "^M='@@FS-[0-9a-f]{32}'$" "$tmp/out" >>"$tmp/nonces" || true
fi
[ "$(sort -u "$tmp/nonces" | wc -l)" = 3 ] || fail "script nonces repeat: $(cat "$tmp/nonces")"
if ! diff -q "$golden/script-facts-baseline.txt" "$golden/script-facts-production-device.txt" \
  >/dev/null; then :; else fail "baseline and production-device collect the same facts"; fi

# inventory check: a valid inventory is a table of hosts, exit 0; an invalid one is exit 2
# naming file:line.
if run 0 inventory check valid.yml; then golden inventory-valid.txt "$tmp/out"; fi
for f in bad-port.yml bad-port-range.yml bad-syntax.yml bad-top.yml; do
  if usage_error inventory check "$f"; then
    grep -qE "^floorscan: $f:[0-9]+(:[0-9]+)?: " "$tmp/err" ||
      fail "inventory check $f does not name $f:LINE: $(cat "$tmp/err")"
  fi
done
usage_error inventory check empty.yml || true
usage_error inventory check missing.yml || true
grep -q "missing.yml" "$tmp/err" || fail "inventory check missing.yml does not name the file"
usage_error inventory || true
usage_error inventory check || true
usage_error inventory check a.yml b.yml || true
usage_error inventory list valid.yml || true

# waivers check: a valid register is printed for review with each waiver's state on the day
# given (--date keeps the golden stable), exit 0 even with expired waivers; an invalid one is
# exit 2 naming file:line.
if run 0 waivers check ../waivers/valid.yml -i valid.yml --date 2027-01-15; then
  golden waivers-valid.txt "$tmp/out"
fi
# Today (UTC) without --date; without -i the scopes are not checked, and say so.
before=$(date -u +%F)
if run 0 waivers check ../waivers/valid.yml; then
  after=$(date -u +%F)
  head -n 1 "$tmp/out" | grep -qE "^\.\./waivers/valid\.yml: judged on ($before|$after) \(UTC\); scopes not checked" ||
    fail "waivers check without --date: not judged on today: $(head -n 1 "$tmp/out")"
  grep -qxE '4 waivers: [0-9] active, [0-9] expiring within 30 days, 1 expired, [0-9] pending' "$tmp/out" ||
    fail "waivers check: no summary line: $(tail -n 2 "$tmp/out")"
  grep -qx "sha256 $(sha256sum <"$here/waivers/valid.yml" | cut -d' ' -f1)" "$tmp/out" ||
    fail "waivers check: the sha256 line is not the file's digest"
fi
# The warning window: 17 days left is expiring with the default 30 days, active with 10.
if run 0 waivers check ../waivers/valid.yml --date 2027-01-15 --waiver-warn-days 10; then
  grep -qx '4 waivers: 2 active, 0 expiring within 10 days, 1 expired, 1 pending' "$tmp/out" ||
    fail "waivers check --waiver-warn-days 10: $(tail -n 2 "$tmp/out")"
fi
for f in bad-approver.yml bad-scope.yml bad-date.yml; do
  if usage_error waivers check "../waivers/$f" -i valid.yml; then
    grep -qE "^floorscan waivers: \.\./waivers/$f:[0-9]+: " "$tmp/err" ||
      fail "waivers check $f does not name $f:LINE: $(cat "$tmp/err")"
  fi
done
usage_error waivers check missing.yml || true
usage_error waivers || true
usage_error waivers list ../waivers/valid.yml || true
usage_error waivers check || true
usage_error waivers check ../waivers/valid.yml extra || true
usage_error waivers check ../waivers/valid.yml --bogus || true
usage_error waivers check ../waivers/valid.yml --waiver-warn-days -1 || true
usage_error waivers check ../waivers/valid.yml --date 2027-02-30 || true
usage_error waivers check ../waivers/valid.yml -i missing.yml || true
usage_error waivers check ../waivers/valid.yml --benchmark missing.xml || true

# zones check: a valid site model is printed for review (exit 0); with an inventory every
# host's zone, exit 1 when one contradicts its zone, is in no zone or names an unknown zone;
# an invalid model or inventory is exit 2 naming file:line.
if run 0 zones check ../zones/site.yml; then
  golden zones-site.txt "$tmp/out"
  grep -qx "sha256 $(sha256sum <"$here/zones/site.yml" | cut -d' ' -f1)" "$tmp/out" ||
    fail "zones check: the sha256 line is not the file's digest"
fi
if run 0 zones check ../zones/site.yml -i valid.yml; then
  grep -qx '4 hosts: 4 consistent, 0 contradict their zone, 0 in no zone, 0 name an unknown zone' "$tmp/out" ||
    fail "zones check -i valid.yml: $(tail -n 1 "$tmp/out")"
fi
if run 1 zones check ../zones/site.yml -i ../zones/hosts.yml; then
  golden zones-hosts.txt "$tmp/out"
fi
for f in bad-overlap.yml bad-conduit.yml bad-port.yml; do
  if usage_error zones check "../zones/$f"; then
    grep -qE "^floorscan zones: \.\./zones/$f:[0-9]+: " "$tmp/err" ||
      fail "zones check $f does not name $f:LINE: $(cat "$tmp/err")"
  fi
done
usage_error zones check ../zones/site.yml -i bad-port.yml || true
usage_error zones check missing.yml || true
usage_error zones || true
usage_error zones list ../zones/site.yml || true
usage_error zones check || true
usage_error zones check ../zones/site.yml extra || true
usage_error zones check ../zones/site.yml --bogus || true

# diff: two results.json compared offline (tests/cli/diff/, made by make-fixtures.py): every
# section with its count, device text printable, exit 1 for a new failure or error, 0 without.
if run 1 diff ../diff/a.json ../diff/b.json; then golden diff.txt "$tmp/out"; fi
if run 1 diff ../diff/a.json ../diff/b.json --json; then
  golden diff.json "$tmp/out"
  python3 - "$tmp/out" <<'PY' || fail "diff --json: not the document docs/history.md describes"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "floorscan-diff/1"
assert [(e["host"], e["rule"], e["failing_since"]) for e in d["new_failures"]] == \
    [("line1-pc", "sshd_disable_root_login", "2026-11-29T09:00:00Z")]
assert [e["rule"] for e in d["fixed"]] == ["accounts_password_max_days"]
assert [(e["old_status"], e["new_status"]) for e in d["error_changes"]] == [("fail", "error")]
assert [e["host"] for e in d["new_hosts"]] == ["new-gw"] and [e["host"] for e in d["vanished_hosts"]] == ["old-hmi"]
assert [(e["host"], e["new_status"]) for e in d["host_status_changes"]] == [("line2-plc", "unreachable")]
assert "\x1b" not in json.dumps(d, ensure_ascii=False) and "\\x1b[31m" in d["new_failures"][0]["new_evidence"]
assert d["regression_count"] == 3, d["regression_count"]
PY
fi
grep -q $'\x1b' "$tmp/out" && fail "diff wrote a raw escape byte from a device"
# The same run twice: nothing changed, exit 0; -l keeps the hosts named (a new host is not a
# new failure).
if run 0 diff ../diff/a.json ../diff/a.json; then
  grep -qx 'New failures (0)' "$tmp/out" || fail "diff of a run with itself lists new failures"
fi
if run 0 diff ../diff/a.json ../diff/b.json -l 'new-*,old-hmi'; then
  grep -qx 'New hosts (1)' "$tmp/out" && grep -qx 'Vanished hosts (1)' "$tmp/out" &&
    grep -qx 'Host status changes (0)' "$tmp/out" || fail "diff -l: not only the hosts named"
fi
usage_error diff missing.json ../diff/b.json || true
usage_error diff ../diff/a.json valid.yml || true
usage_error diff ../diff/a.json ../diff/b.json extra || true
usage_error diff ../diff/a.json ../diff/b.json -l nomatch || true
usage_error diff --bogus || true

# Unknown sub-commands and options.
usage_error bogus || true
usage_error --bogus || true
usage_error profiles --bogus || true
usage_error profiles extra || true
usage_error profiles --benchmark missing.xml || true
usage_error rules --bogus || true
usage_error rules -p nope || true
usage_error rules -p || true
usage_error script -p nope || true
usage_error script extra || true

# report: usage errors.
usage_error report || true
usage_error report a.json b.json || true
usage_error report missing.json -o "$tmp/report-out" || true
usage_error report valid.yml -o "$tmp/report-out" || true
usage_error report missing.json -f pdf -o "$tmp/report-out" || true
usage_error report --bogus || true
# -f dot draws the site model: results scanned without --zones have none (exit 2, nothing written)
usage_error report ../diff/a.json -f json,dot -o "$tmp/report-out" || true
[ -e "$tmp/report-out" ] && fail "a report usage error created its output directory"

# merge: usage errors (refusals of inputs that cannot be one fleet result, and the merge
# itself, are tests/reports/merge.sh: they need real scans).
mo=$tmp/merge-out
usage_error merge -o "$mo" || true
usage_error merge missing.json -o "$mo" || true
grep -q "missing.json" "$tmp/err" || fail "merge missing.json does not name the file"
usage_error merge ../diff/a.json valid.yml -o "$mo" || true
grep -q "^floorscan merge: valid.yml:" "$tmp/err" || fail "merge of an inventory does not name it"
usage_error merge ../diff/a.json -f pdf -o "$mo" || true
usage_error merge ../diff/a.json -f json,bundle -o "$mo" || true
usage_error merge ../diff/a.json --fail-under 101 -o "$mo" || true
usage_error merge ../diff/a.json --fail-under '' -o "$mo" || true
usage_error merge ../diff/a.json --fail-on catastrophic -o "$mo" || true
usage_error merge ../diff/a.json --output-mode 0777 -o "$mo" || true
usage_error merge --bogus || true
usage_error merge ../diff/a.json -f dot -o "$mo" || true
[ -e "$mo" ] && fail "a merge usage error created its output directory"

# scan: usage errors, all before anything is scanned (no output directory is made).
so=$tmp/scan-out
usage_error scan -o "$so" || true
usage_error scan --bogus || true
usage_error scan 10.0.0.1 root@10.0.0.1:2222 -o "$so" || true
usage_error scan local -f pdf -o "$so" || true
# -f dot draws the site model: without --zones it is refused before any host is scanned
usage_error scan local -f json,dot -o "$so" || true
usage_error scan local --zones missing-site.yml -o "$so" || true
usage_error scan local -p nope -o "$so" || true
usage_error scan -i missing.yml -o "$so" || true
usage_error scan -i bad-port.yml -o "$so" || true
usage_error scan -i valid.yml -l nomatch -o "$so" || true
usage_error scan local --fail-under 200 -o "$so" || true
usage_error scan local --fail-on catastrophic -o "$so" || true
usage_error scan local -j 0 -o "$so" || true
usage_error scan local --host-key-policy yolo -o "$so" || true
usage_error scan local --timeout -1 -o "$so" || true
usage_error scan local --auth-timeout 0 -o "$so" || true
usage_error scan local --collect-timeout 1d -o "$so" || true
usage_error scan local --progress fancy -o "$so" || true
usage_error scan local --waiver-warn-days soon -o "$so" || true
usage_error scan local --waivers missing-waivers.yml -o "$so" || true
usage_error scan local --waivers ../waivers/bad-date.yml -o "$so" || true
usage_error scan local --sign-key missing.pem -f json,bundle -o "$so" || true
usage_error scan local --shard 2/2 -o "$so" || true
usage_error scan local --shard 0/0 -o "$so" || true
usage_error scan local --shard 1/x -o "$so" || true
usage_error scan local --run-label "$(printf 'week\033[2J48')" -o "$so" || true
usage_error scan local --run-label "" -o "$so" || true
usage_error scan local --no-db --db "$tmp/h.db" -o "$so" || true
usage_error scan local --db "" -o "$so" || true
usage_error report --db "$tmp/h.db" -o "$so" || true
usage_error report --run 1 -o "$so" || true
usage_error report --db "$tmp/h.db" --run 1 --latest -o "$so" || true
usage_error history import --db "$tmp/h.db" --run-label 'a b' valid.json || true
[ -e "$so" ] && fail "a scan usage error created its output directory"
# a shard that holds none of the hosts ("local" is in shard 1 of 2) scans nothing, exit 0, and
# writes its results (no hosts) all the same: an earlier run's are not left to pass for it
if run 0 scan local --no-db --shard 0/2 -f json -o "$tmp/empty-shard"; then
  grep -qx "floorscan scan: shard 0/2 holds none of the 1 hosts" "$tmp/err" ||
    fail "scan of an empty shard: no note on stderr"
  python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["hosts"] == []' \
    "$tmp/empty-shard/results.json" || fail "scan of an empty shard: no results.json without hosts"
fi

sed -e "s|$tmp|@TMP@|g" "$tmp/errors" >"$tmp/errors.norm"
golden errors.txt "$tmp/errors.norm"

if [ "$failures" -gt 0 ]; then
  echo "cli: $failures of $checks invocations or checks failed" >&2
  exit 1
fi
echo "cli: $checks invocations as specified"
