#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fleet benchmark: COUNT minimal busybox targets (fleet.sh --count), scanned by floorscan
# with -j JOBS, against the floor of the same collector script sent by the OpenSSH client to
# every target with JOBS clients in parallel (xargs -P). Prints wall times, the ratio and
# floorscan's peak memory, and the cost of storing the run in the history store (the same
# scan with --db, twice). Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-200}
JOBS=${JOBS:-32}
FLOORSCAN=${FLOORSCAN:-build/floorscan}
[ -x "$FLOORSCAN" ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null; cmake --build build -j2 >/dev/null; }
state=$(mktemp -d /tmp/floorscan-bench-fleet.XXXXXX)
trap 'bash tests/fleet/fleet.sh down "$state" >/dev/null 2>&1; rm -rf "$state"' EXIT
bash tests/fleet/fleet.sh up "$state" --count "$COUNT"

"$FLOORSCAN" script -p production-device >"$state/script.sh"
awk '/ansible_host:/ {gsub(/[{},]/, ""); print $3}' "$state/inventory.yml" >"$state/addresses"
now() { date +%s%N; }

t0=$(now)
xargs -P "$JOBS" -I{} sh -c 'ssh -i "$1/id_ed25519" -o UserKnownHostsFile="$1/known_hosts" \
  -o StrictHostKeyChecking=yes -o BatchMode=yes root@{} sh -s <"$1/script.sh" >/dev/null' \
  _ "$state" <"$state/addresses"
t1=$(now)
/usr/bin/time -f '%M' -o "$state/rss" "$FLOORSCAN" scan -i "$state/inventory.yml" -j "$JOBS" \
  --known-hosts "$state/known_hosts" -f json,xccdf -o "$state/out" -q --no-db || true
t2=$(now)
# history: the same scan stored, twice (the second also works out failing since and the
# comparison with the first); the second against the scan without a store above
for i in 1 2; do
  h0=$(now)
  "$FLOORSCAN" scan -i "$state/inventory.yml" -j "$JOBS" --known-hosts "$state/known_hosts" \
    -f json,xccdf -o "$state/out-db$i" -q --db "$state/history.db" || true
  h1=$(now)
  stored[i]=$(((h1 - h0) / 1000000))
done
scanned=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['scanned'])" "$state/out/results.json")
floor=$(((t1 - t0) / 1000000)) scan=$(((t2 - t1) / 1000000))
echo "$COUNT targets, -j $JOBS, profile production-device"
echo "floor  xargs -P $JOBS ssh root@target sh -s < script : ${floor} ms"
echo "floorscan scan (collect, evaluate, write json+xccdf) : ${scan} ms, $scanned scanned, peak RSS $(cat "$state/rss") KiB"
awk -v s="$scan" -v f="$floor" 'BEGIN { printf "ratio floorscan/floor: %.2f\n", s / f }'
echo "floorscan scan storing history (first run, second run) : ${stored[1]} ms, ${stored[2]} ms" \
  "($(du -k "$state/history.db" | cut -f1) KiB store)"
awk -v s="$scan" -v h="${stored[2]}" 'BEGIN { printf "ratio stored second run/no store: %.2f\n", h / s }'
