#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark (not a test): the history store with a year of a large fleet. Builds an SQLite store
# of RUNS weekly runs of HOSTS synthetic hosts x every rule of the shipped benchmark (default
# 52 x 500 x 121, through tests/bench/history_fill.c and fs_store_save), then times
# `floorscan history`, `history --by host`, `history --by principle` and `diff` (when the
# command exists), median of REPS; prints the database size per host-run; and times storing
# one SAVE_HOSTS-host run (failing since + save) against writing its results.json and
# report.html, and as a share of a 60 s scan of that many hosts (the target is < 10 %).
#
#   scripts/bench-history.sh                 # build/bench-history.db kept for re-runs
#   RUNS=8 HOSTS=100 scripts/bench-history.sh
#
# With `memory [BASE]` it measures only what a scan with a store adds to peak memory (issue 13:
# flat in fleet size): the peak RSS (/usr/bin/time -f %M) of storing a second run of 200 and of
# 1000 synthetic hosts and comparing it with the first (history_fill drift: failing since, save,
# drift against the previous stored run, as scan does), for this tree and for BASE (default
# main, built from `git archive` into $BUILD-base with this tree's history_fill.c), side by side
# with the growth 200 -> 1000. No network, no fleet.
#
#   scripts/bench-history.sh memory [main]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-52}
HOSTS=${HOSTS:-500}
SAVE_HOSTS=${SAVE_HOSTS:-200}
REPS=${REPS:-5}
BUILD=${BUILD:-build-bench}
bench=profiles/floorscan-ditta-xccdf.xml
if [ ! -x "$BUILD/floorscan" ] || [ ! -x "$BUILD/tests/history_fill" ]; then
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" -j2 --target floorscan history_fill >/dev/null
fi
fs=$BUILD/floorscan
work=$(mktemp -d /tmp/floorscan-bench-history.XXXXXX)
trap 'rm -rf "$work"' EXIT

# rss_of DIR HOSTS: peak RSS in kB of DIR's history_fill storing a second HOSTS-host run and
# comparing it with the first.
rss_of() {
  local db
  db=$work/mem-$(basename "$1")-$2.db
  "$1/tests/history_fill" fill "$db" "$bench" 1 "$2" >/dev/null
  /usr/bin/time -f %M -o "$work/rss" "$1/tests/history_fill" drift "$db" "$bench" "$2" >&2
  cat "$work/rss"
}
if [ "${1:-}" = memory ]; then
  base=${2:-main}
  src=$BUILD-base-src
  rm -rf "$src"
  mkdir -p "$src"
  git archive "$base" | tar -x -C "$src"
  cp tests/bench/history_fill.c "$src/tests/bench/history_fill.c"
  cmake -S "$src" -B "$BUILD-base" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD-base" -j2 --target history_fill >/dev/null
  cmake --build "$BUILD" -j2 --target history_fill >/dev/null
  echo "bench-history: peak RSS of storing a second run and comparing it with the first (MB)"
  printf 'bench-history: %-22s %9s %9s %15s\n' tree "200 hosts" "1000 hosts" "growth 200->1000"
  for tree in "this tree:$BUILD" "$base:$BUILD-base"; do
    r200=$(rss_of "${tree#*:}" 200)
    r1000=$(rss_of "${tree#*:}" 1000)
    awk -v t="${tree%%:*}" -v a="$r200" -v b="$r1000" \
      'BEGIN { printf "bench-history: %-22s %9.1f %9.1f %15.1f\n", t, a / 1024, b / 1024, (b - a) / 1024 }'
  done
  exit 0
fi
db=${DB:-$BUILD/bench-history-$RUNS-$HOSTS.db}

echo "bench-history: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ ! -s "$db" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  "$BUILD/tests/history_fill" fill "$db" "$bench" "$RUNS" "$HOSTS" | sed 's/^/bench-history: /'
else
  echo "bench-history: reusing $db (remove it to refill)"
fi
# Fold the WAL into the file so the size is the store's own.
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()' "$db"
size=$(stat -c %s "$db")
hostruns=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM hosts").fetchone()[0])' "$db")
results=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM results").fetchone()[0])' "$db")
echo "bench-history: database $((size / 1024 / 1024)) MiB for $hostruns host-runs ($results rule results):" \
  "$((size / hostruns)) bytes per host-run"

# time_cmd NAME ARGS...: median wall time of REPS runs of floorscan ARGS (output discarded);
# reps=N before the call overrides REPS; ok="0 1" accepts those exit statuses (diff: 1 when
# something got worse).
time_cmd() {
  local name=$1 n=${reps:-$REPS} accept=${ok:-0}
  shift
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N)
    local rc=0
    "$fs" "$@" >"$work/out" 2>"$work/err" || rc=$?
    case " $accept " in
    *" $rc "*) ;;
    *)
      echo "bench-history: floorscan $* failed (exit $rc):" >&2
      cat "$work/err" >&2
      return 1
      ;;
    esac
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((n + 1) / 2))p")
  echo "bench-history: $name: ${med} ms (median of $n; $(wc -l <"$work/out") lines)"
}
time_cmd "history" history --db "$db"
time_cmd "history --json" history --db "$db" --json
time_cmd "history --by host" history --db "$db" --by host
time_cmd "history --by principle" history --db "$db" --by principle
time_cmd "history --by zone" history --db "$db" --by zone
# verify recomputes every run's digest: seconds, not milliseconds; once is enough
reps=1 time_cmd "history verify" history verify --db "$db"
if "$fs" --help | grep -q 'floorscan diff'; then
  reps=1 ok="0 1" time_cmd "diff (last two runs)" diff --db "$db"
else
  echo "bench-history: diff: not in this build (skipped)"
fi

# Storing a run against writing its files, on a copy of the filled store (the year stays as it
# is for the next run of this script).
cp "$db" "$work/save.db"
"$BUILD/tests/history_fill" save "$work/save.db" "$bench" "$SAVE_HOSTS" "$work/out-$SAVE_HOSTS" |
  sed 's/^/bench-history: /'
