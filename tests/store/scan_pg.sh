#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scan and report on PostgreSQL end to end, with the database password in the URL: the run is
# stored and rendered back, and the password is in no output, no report file and no table; a
# refused login and a server that is down leave the scan's status as it was, with a warning.
#
#   tests/store/pg.sh tests/store/scan_pg.sh build/floorscan BENCHMARK.xml
#
# (the environment of tests/store/pg.sh; 77 without it)
set -euo pipefail

fs=$1
bench=$2
if [ -z "${FS_TEST_PG_URL:-}" ] || [ -z "${FS_TEST_PG_PASSWORD:-}" ]; then
  echo "scan_pg: run through tests/store/pg.sh: skipped" >&2
  exit 77
fi
pw=$FS_TEST_PG_PASSWORD
bindir=${FS_PG_BINDIR:-/usr/lib/postgresql/15/bin}
tmp=$(mktemp -d)
trap '[ -n "${FS_KEEP:-}" ] || rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
# the URL with the password in it (pg.sh's has none: postgresql://floorscan@/...)
with_pw=${FS_TEST_PG_URL/floorscan@/floorscan:$pw@}
[ "$with_pw" != "$FS_TEST_PG_URL" ] || fail "cannot put the password into $FS_TEST_PG_URL"

# run NAME WANT ARGS...: floorscan ARGS with no password file (the URL must do), output in
# $tmp/NAME.out and .err; the exit status must be WANT, and the password in neither.
run() {
  local name=$1 want=$2 rc=0
  shift 2
  PGPASSFILE=/nonexistent timeout 120 "$fs" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" \
    </dev/null || rc=$?
  if [ "$rc" != "$want" ]; then
    fail "$name: floorscan exited $rc, expected $want"
    sed 's/^/    /' "$tmp/$name.err" >&2
  fi
  if grep -qF "$pw" "$tmp/$name.out" "$tmp/$name.err"; then
    fail "$name: the password is printed"
  fi
}

run scan 0 scan local --benchmark "$bench" --db "$with_pw" --run-label pw-test \
  -o "$tmp/results" -f json,html,csv,xccdf
grep -qF "floorscan:***@" "$tmp/scan.out" "$tmp/scan.err" ||
  fail "scan: does not say where the run was stored (floorscan:***@...)"
if grep -rqF "$pw" "$tmp/results"; then
  fail "scan: the password is in a report file: $(grep -rlF "$pw" "$tmp/results")"
fi

run report 0 report --db "$with_pw" --latest -f json -o "$tmp/again"
if ! python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [h["name"] for h in d["hosts"]] == ["local"] else 1)' \
  "$tmp/again/results.json" 2>/dev/null; then
  fail "report --db --latest: not the stored run of host local"
fi

# the history commands on PostgreSQL: a second run, then history, diff, verify and import
run scan2 0 scan local --benchmark "$bench" --db "$with_pw" -o "$tmp/results2" -f json
grep -q "^Since run 1 (pw-test" "$tmp/scan2.out" || fail "scan2: not compared with run 1"
run history 0 history --db "$with_pw" --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [r["label"] for r in d["runs"]] == ["pw-test", "run-2"] else 1)' \
  "$tmp/history.out" || fail "history --json: not the two runs: $(cat "$tmp/history.out")"
run byhost 0 history --db "$with_pw" --by host
grep -q "^local " "$tmp/byhost.out" || fail "history --by host: no row for local"
set +e
PGPASSFILE=/nonexistent "$fs" diff --db "$with_pw" --json >"$tmp/diff.json" 2>"$tmp/diff.err"
rc=$?
set -e
[ $rc -le 1 ] || fail "diff exit $rc: $(cat "$tmp/diff.err")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if (d["a"]["run"], d["b"]["run"]) == (1, 2) else 1)' \
  "$tmp/diff.json" || fail "diff: not run 1 against run 2"
run verify 0 history verify --db "$with_pw"
grep -q "^2 runs, chain intact" "$tmp/verify.out" || fail "verify: $(cat "$tmp/verify.out")"
run import 1 history import --db "$with_pw" --benchmark "$bench" "$tmp/results2/results.json"
grep -q "stored already as run 2" "$tmp/import.err" || fail "import: $(cat "$tmp/import.err")"
"$bindir/psql" -q "$FS_TEST_PG_URL" -c "UPDATE results SET status = 'pass' WHERE run_id = 1 AND status = 'fail'" >/dev/null 2>&1 ||
  fail "psql: cannot edit the store"
run tampered 1 history verify --db "$with_pw"
grep -q "^run 1: altered" "$tmp/tampered.out" || fail "verify of an edited run 1: $(cat "$tmp/tampered.out")"

# every table, as text: no password (the command line is stored redacted)
if ! "$bindir/pg_dump" --data-only "$FS_TEST_PG_URL" >"$tmp/dump.sql" 2>"$tmp/dump.err"; then
  fail "pg_dump: $(cat "$tmp/dump.err")"
elif grep -qF "$pw" "$tmp/dump.sql"; then
  fail "the password is stored in the database"
elif ! grep -qF -- "--db postgresql://floorscan:***@" "$tmp/dump.sql"; then
  fail "the stored command line does not show the redacted --db"
fi

# a refused login and a server that is down: the scan's own status, and the reason
bad=${FS_TEST_PG_URL/floorscan@/floorscan:Wr0ng$pw@}
run refused 0 scan local --benchmark "$bench" --db "$bad" -o "$tmp/refused" -f json
grep -q "password authentication failed" "$tmp/refused.err" ||
  fail "refused: no reason given: $(cat "$tmp/refused.err")"
[ -s "$tmp/refused/results.json" ] || fail "refused: no results.json"
run down 0 scan local --benchmark "$bench" -o "$tmp/down" -f json \
  --db "postgresql://floorscan:$pw@/floorscan?host=$tmp/no-server&connect_timeout=5"
grep -q "history will not be stored" "$tmp/down.err" ||
  fail "down: no warning: $(cat "$tmp/down.err")"
[ -s "$tmp/down/results.json" ] || fail "down: no results.json"

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "scan_pg: stored and rendered back on PostgreSQL; the password in no output, file or table"
