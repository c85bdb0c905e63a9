#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# floorscan history, history verify and history import through the binary: exit statuses and
# messages for bad input (a bad date, an unknown --by, a missing or non-JSON results file, a
# database file that is not SQLite), a duplicate import (exit 1), and verify on a store whose
# run was altered behind its back (exit 1 naming the run).
#
#   tests/cli/history.sh build/floorscan
set -euo pipefail
fs=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
export FLOORSCAN_BENCHMARK=$src/tests/fixtures/ten-rules-xccdf.xml
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export HOME=$tmp/home XDG_DATA_HOME=
mkdir -p "$HOME"
failures=0
checks=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run RC ARGS...: stdout in out, stderr in err; fails unless the exit status is RC.
run() {
  local want=$1 rc=0
  shift
  checks=$((checks + 1))
  timeout 60 "$fs" "$@" >out 2>err </dev/null || rc=$?
  if [ "$rc" != "$want" ]; then
    fail "floorscan $* exited $rc, expected $want; stdout, stderr:"
    sed 's/^/    /' out err >&2
    return 1
  fi
  return 0
}

# has FILE TEXT: FILE holds TEXT (fixed string).
has() {
  grep -qF -- "$2" "$1" || {
    fail "expected '$2' in $1 (after: ${last:-}):"
    sed 's/^/    /' "$1" >&2
  }
}

# usage ARGS... -- TEXT...: exit 2, nothing on stdout, each TEXT on stderr.
usage() {
  local args=()
  while [ "$1" != -- ]; do
    args+=("$1")
    shift
  done
  shift
  last="${args[*]}"
  run 2 "${args[@]}" || return 0
  [ -s out ] && fail "floorscan ${args[*]} wrote to stdout on a usage error"
  for t in "$@"; do has err "$t"; done
}

# Two results of the same host, a second apart (each its own run).
"$fs" scan local --no-db -o r1 -f json -q >/dev/null 2>&1 || true
sleep 1
"$fs" scan local --no-db -o r2 -f json -q >/dev/null 2>&1 || true
[ -s r1/results.json ] && [ -s r2/results.json ] || {
  echo "FAIL: scan local wrote no results.json" >&2
  exit 1
}
echo 'this is not JSON' >notjson.json
echo 'some notes, not a database, long enough to be read as a header ......' >notes.txt

# Bad options and arguments.
usage history --since 2026-02-30 -- "--since" "2026-02-30"
usage history --since yesterday -- "YYYY-MM-DD" "yesterday"
usage history --by site -- "--by takes host, principle, zone or role" "site"
usage history frobnicate -- "frobnicate"
usage history verify extra -- "extra"
usage history --db x.db verify -- "give the sub-command first"
usage history import -- "give one or more results.json files"
usage history --db "$tmp/none.db" -- "none.db: no such history database"
usage history verify --db "$tmp/none.db" -- "none.db: no such history database"
# A database file that is not SQLite: the file and the reason, for every sub-command.
usage history --db notes.txt -- "notes.txt" "not an SQLite database"
usage history verify --db notes.txt -- "notes.txt" "not an SQLite database"
usage history import r1/results.json --db notes.txt -- "notes.txt" "not an SQLite database"

# Nothing stored yet in the default store: an empty history, not an error.
last="history (empty default store)"
if run 0 history; then has err "no runs stored yet"; fi
if run 0 history --json; then
  python3 -c 'import json,sys; d=json.load(open("out")); assert d=={"runs":[],"by":None,"series":[]}, d' ||
    fail "history --json on an empty store: $(cat out)"
fi

# Import: stored, refused again (exit 1), bad files named (exit 2) while the good one goes in.
last="history import"
if run 0 history import r1/results.json; then has out "stored r1/results.json as run 1"; fi
[ -f "$HOME/.local/share/floorscan/history.db" ] || fail "import did not use the default store"
last="history import again"
if run 1 history import r1/results.json; then
  has err "r1/results.json: not stored again: "
  has err "as run 1"
fi
last="history import bad files"
if run 2 history import missing.json notjson.json r2/results.json; then
  has err "missing.json"
  has err "notjson.json"
  has out "stored r2/results.json as run 2"
  has err "1 of 3 files stored"
fi

# History: two fleet runs, oldest first; JSON for tools; by host and principle.
last="history"
if run 0 history; then
  [ "$(wc -l <out)" = 3 ] || fail "history: expected a header and two runs: $(cat out)"
  has out "run-1"
  has out "run-2"
  grep -q '[▁▂▃▄▅▆▇█]' out && fail "history: a sparkline when stdout is not a terminal"
fi
if run 0 history --json --by host; then
  python3 - <<'PY' || fail "history --json --by host: $(cat out)"
import json
d = json.load(open("out"))
assert [r["label"] for r in d["runs"]] == ["run-1", "run-2"], d
assert set(d["runs"][0]) >= {"id", "label", "started", "hosts", "scanned", "score", "score_unwaived"}
assert d["by"] == "host" and len(d["series"]) == 1, d
assert [p["run"] for p in d["series"][0]["points"]] == ["run-1", "run-2"], d
PY
fi
if run 0 history --by principle; then has out "PRINCIPLE  LATEST  CHANGE"; fi
if run 0 history -l no-such-host; then has out "0/0"; fi
if run 0 history --since 2099-01-01; then has err "no runs in"; fi

# verify: intact, then a stored score changed behind the store's back.
last="history verify"
if run 0 history verify; then has out "2 runs, chain intact, head "; fi
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE hosts SET score = 99.5 WHERE run_id = 1")
c.commit()' "$HOME/.local/share/floorscan/history.db"
last="history verify (altered)"
if run 1 history verify; then has out "run 1: "; fi

echo "history CLI: $checks checks, $failures failures"
[ "$failures" = 0 ]
