#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fleet benchmark (issue 13): for each size in COUNTS (default "200 1000") it brings up that
# many minimal busybox targets (fleet.sh up --count N) and prints side by side
#   - the OpenSSH floor: the same collector script sent by the OpenSSH client to every target,
#     JOBS clients in parallel (xargs -P JOBS ssh root@target sh -s < script);
#   - floorscan scan -j JOBS with the full production-device profile, writing json and xccdf,
#     without the history store and then with it (a second stored run also loads the first);
#   - floorscan's peak RSS (the whole process tree: floorscan starts no child process, and
#     /usr/bin/time's %M is the largest resident set of the process and its waited children);
#   - the CPU seconds the targets spent in all (every process of every target's namespaces:
#     utime+stime of the live ones and cutime+cstime of those they reaped), for the floor and
#     for floorscan.
# DB_ONLY=1 measures only the two stored runs (the floor and the scan without the store are
# left out: "-" in their columns).
# Needs root. Takes about 3 minutes per 200 targets on two cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "bench/fleet.sh: needs root (network namespaces)" >&2; exit 2; }
COUNTS=${COUNTS:-200 1000}
JOBS=${JOBS:-32}
DB_ONLY=${DB_ONLY:-0}
FLOORSCAN=${FLOORSCAN:-build/floorscan}
[ -x "$FLOORSCAN" ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null; cmake --build build -j2 >/dev/null; }
state=""
cleanup() { [ -n "$state" ] && { bash tests/fleet/fleet.sh down "$state" >/dev/null 2>&1 || true; rm -rf "$state"; }; }
trap cleanup EXIT
now() { date +%s%N; }
# CPU ticks of every process in the scale targets' network namespaces.
target_ticks() {
  local ns pid sum=0 t
  for ns in $(ip netns list | awk '$1 ~ /^fs-s[0-9]+$/ {print $1}'); do
    for pid in $(ip netns pids "$ns"); do
      # fields 14-17 after the ")" of the command name: utime stime cutime cstime
      t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13 + $14 + $15}') || continue
      sum=$((sum + ${t:-0}))
    done
  done
  echo "$sum"
}
hz=$(getconf CLK_TCK)
rows=()
echo "floorscan fleet benchmark: -j $JOBS, profile production-device, formats json,xccdf; $(nproc) cores"
printf '%6s %9s %9s %6s %5s %8s %8s %8s %9s %9s %9s\n' targets "floor s" "scan s" ratio ok \
  "RSS MB" "RSS db1" "RSS db2" "dev-cpu f" "dev-cpu s" "db scan s"
for count in $COUNTS; do
  state=$(mktemp -d /tmp/floorscan-bench-fleet.XXXXXX)
  # fleet.sh wants an empty state directory: its log goes beside it
  bash tests/fleet/fleet.sh up "$state" --count "$count" >"$state.up.log" 2>&1 ||
    { cat "$state.up.log" >&2; exit 1; }
  rm -f "$state.up.log"
  "$FLOORSCAN" script -p production-device >"$state/script.sh"
  awk '/ansible_host:/ {gsub(/[{},]/, ""); print $3}' "$state/inventory.yml" >"$state/addresses"
  c0=$(target_ticks) t0=$(now)
  [ "$DB_ONLY" = 1 ] || xargs -P "$JOBS" -I{} sh -c 'ssh -i "$1/id_ed25519" -o UserKnownHostsFile="$1/known_hosts" \
    -o StrictHostKeyChecking=yes -o BatchMode=yes root@{} sh -s <"$1/script.sh" >/dev/null' \
    _ "$state" <"$state/addresses" || true
  t1=$(now) c1=$(target_ticks)
  [ "$DB_ONLY" = 1 ] || /usr/bin/time -f '%M' -o "$state/rss" "$FLOORSCAN" scan -i "$state/inventory.yml" -j "$JOBS" \
    -p production-device --known-hosts "$state/known_hosts" -f json,xccdf -o "$state/out" -q \
    --no-db >/dev/null 2>&1 || true
  t2=$(now) c2=$(target_ticks)
  for i in 1 2; do
    /usr/bin/time -f '%M' -o "$state/rss-db$i" "$FLOORSCAN" scan -i "$state/inventory.yml" \
      -j "$JOBS" -p production-device --known-hosts "$state/known_hosts" -f json,xccdf \
      -o "$state/out-db$i" -q --db "$state/history.db" >/dev/null 2>&1 || true
  done
  t3=$(now)
  if [ "$DB_ONLY" = 1 ]; then
    scanned=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['scanned'])" "$state/out-db2/results.json")
    rows+=("$(awk -v n="$count" -v sc="$scanned" -v r1="$(cat "$state/rss-db1")" \
      -v r2="$(cat "$state/rss-db2")" -v db=$(((t3 - t2) / 2000000)) 'BEGIN {
        printf "%6d %9s %9s %6s %5d %8s %8.1f %8.1f %9s %9s %9.1f",
          n, "-", "-", "-", sc, "-", r1 / 1024, r2 / 1024, "-", "-", db / 1000 }')")
    echo "${rows[-1]}   (load $(cut -d' ' -f1-3 /proc/loadavg))"
    cleanup
    state=""
    continue
  fi
  scanned=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['scanned'])" "$state/out/results.json")
  rows+=("$(awk -v n="$count" -v f=$(((t1 - t0) / 1000000)) -v s=$(((t2 - t1) / 1000000)) \
    -v sc="$scanned" -v rss="$(cat "$state/rss")" -v r1="$(cat "$state/rss-db1")" \
    -v r2="$(cat "$state/rss-db2")" -v cf=$((c1 - c0)) -v cs=$((c2 - c1)) -v hz="$hz" \
    -v db=$(((t3 - t2) / 2000000)) 'BEGIN {
      printf "%6d %9.1f %9.1f %6.2f %5d %8.1f %8.1f %8.1f %9.1f %9.1f %9.1f",
        n, f / 1000, s / 1000, s / f, sc, rss / 1024, r1 / 1024, r2 / 1024, cf / hz, cs / hz, db / 1000 }')")
  echo "${rows[-1]}   (load $(cut -d' ' -f1-3 /proc/loadavg))"
  cleanup
  state=""
done
echo "floor: xargs -P $JOBS ssh root@target sh -s < script; scan: floorscan scan --no-db;"
echo "RSS db1/db2: the same scan storing its run (first, second: the second loads the first);"
echo "dev-cpu: CPU seconds all targets spent, floor (f) and floorscan (s); db scan s: mean of the two stored runs"
