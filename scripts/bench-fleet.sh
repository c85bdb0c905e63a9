#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fleet benchmark: COUNT minimal busybox targets (fleet.sh --count), scanned by floorscan
# with -j JOBS, against the floor of the same collector script sent by the OpenSSH client to
# every target with JOBS clients in parallel (xargs -P). Prints wall times, the ratio and
# floorscan's peak memory. Needs root.
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
  --known-hosts "$state/known_hosts" -f json,xccdf -o "$state/out" -q || true
t2=$(now)
scanned=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['scanned'])" "$state/out/results.json")
floor=$(((t1 - t0) / 1000000)) scan=$(((t2 - t1) / 1000000))
echo "$COUNT targets, -j $JOBS, profile production-device"
echo "floor  xargs -P $JOBS ssh root@target sh -s < script : ${floor} ms"
echo "floorscan scan (collect, evaluate, write json+xccdf) : ${scan} ms, $scanned scanned, peak RSS $(cat "$state/rss") KiB"
awk -v s="$scan" -v f="$floor" 'BEGIN { printf "ratio floorscan/floor: %.2f\n", s / f }'
