#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: one full-profile scan of one fleet target against the floor, which is the same
# collector script sent with the OpenSSH client (`ssh target sudo -n sh -s < script`), in the
# same run, alternating, RUNS times each. Prints medians and the ratio. Needs root (fleet).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
PROFILE=${PROFILE:-build-server}
FLOORSCAN=${FLOORSCAN:-build/floorscan}
[ -x "$FLOORSCAN" ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null; cmake --build build -j2 >/dev/null; }
state=$(mktemp -d /tmp/floorscan-bench.XXXXXX)
trap 'bash tests/fleet/fleet.sh down "$state" >/dev/null 2>&1; rm -rf "$state"' EXIT
bash tests/fleet/fleet.sh up "$state" >/dev/null

target=10.77.0.12
"$FLOORSCAN" script -p "$PROFILE" >"$state/script.sh"
ssh_opts=(-i "$state/id_ed25519" -o UserKnownHostsFile="$state/known_hosts"
          -o StrictHostKeyChecking=yes -o BatchMode=yes -o ControlMaster=no)

now() { date +%s%N; }
floor=() scan=()
for _ in $(seq "$RUNS"); do
  t0=$(now)
  ssh "${ssh_opts[@]}" "audit@$target" sudo -n sh -s <"$state/script.sh" >"$state/floor.out"
  t1=$(now)
  "$FLOORSCAN" scan -i "$state/inventory.yml" -l bs-hard -p "$PROFILE" \
    --known-hosts "$state/known_hosts" -f json -o "$state/out" -q
  t2=$(now)
  floor+=($(((t1 - t0) / 1000000)))
  scan+=($(((t2 - t1) / 1000000)))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mf=$(median "${floor[@]}")
ms=$(median "${scan[@]}")
facts=$(grep -c '^fs_emit\|^fs_root' "$state/script.sh")
echo "profile $PROFILE, $facts facts in one script, $RUNS runs each, alternating"
echo "floor  ssh audit@$target sudo -n sh -s < script : median ${mf} ms (runs: ${floor[*]})"
echo "floorscan scan (connect, verify, collect, evaluate, write): median ${ms} ms (runs: ${scan[*]})"
awk -v s="$ms" -v f="$mf" 'BEGIN { printf "ratio floorscan/floor: %.2f\n", s / f }'
