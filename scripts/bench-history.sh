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
