#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: what the proof of probe costs on a device. Runs the collector script of this
# tree and of a baseline git revision (BASE, default the last commit before proof of probe)
# on the same fleet target over OpenSSH, alternating, RUNS times each; prints the medians,
# the device's CPU seconds per run (from the collector shell's /proc/self/stat) and the
# ratio. Needs root (fleet).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
PROFILE=${PROFILE:-build-server}
BASE=${BASE:-96d3b29}
TARGET=${TARGET:-10.77.0.12}
state=$(mktemp -d /tmp/floorscan-benchc.XXXXXX)
fleet=$state/fleet
trap 'bash tests/fleet/fleet.sh down "$fleet" >/dev/null 2>&1 || true; git worktree remove --force "$state/base" >/dev/null 2>&1 || true; rm -rf "$state"' EXIT

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2 >/dev/null
git worktree add --detach "$state/base" "$BASE" >/dev/null 2>&1
cmake -S "$state/base" -B "$state/base/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$state/base/build" -j2 --target floorscan >/dev/null
build/floorscan script -p "$PROFILE" >"$state/new.sh"
"$state/base/build/floorscan" script -p "$PROFILE" >"$state/base.sh"
# The collector shell's own CPU time and its children's (utime+stime+cutime+cstime), in ticks.
# shellcheck disable=SC2016 # shell text for the device, expanded there
for s in new base; do
  printf 'read -r fs_st </proc/self/stat; set -- ${fs_st##*) }; echo "@@CPU $((${12}+${13}+${14}+${15})) $(getconf CLK_TCK 2>/dev/null || echo 100)" >&2\n' >>"$state/$s.sh"
done
bash tests/fleet/fleet.sh up "$fleet" >/dev/null
ssh_opts=(-i "$fleet/id_ed25519" -o UserKnownHostsFile="$fleet/known_hosts"
          -o StrictHostKeyChecking=yes -o BatchMode=yes -o ControlMaster=no)
now() { date +%s%N; }
declare -A wall cpu
for _ in $(seq "$RUNS"); do
  for s in base new; do
    t0=$(now)
    ssh "${ssh_opts[@]}" "audit@$TARGET" sudo -n sh -s <"$state/$s.sh" >"$state/$s.out" 2>"$state/$s.err"
    t1=$(now)
    wall[$s]+="$(((t1 - t0) / 1000000)) "
    cpu[$s]+="$(awk '/^@@CPU/ { printf "%.2f", $2 / $3 }' "$state/$s.err") "
  done
done
# shellcheck disable=SC2086 # a space-separated list of numbers, split on purpose
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "profile $PROFILE on $TARGET, $RUNS runs each, alternating; baseline $BASE"
for s in base new; do
  echo "$s: wall median $(median "${wall[$s]}") ms (${wall[$s]}), device CPU median $(median "${cpu[$s]}") s (${cpu[$s]})"
done
awk -v n="$(median "${wall[new]}")" -v b="$(median "${wall[base]}")" \
  -v cn="$(median "${cpu[new]}")" -v cb="$(median "${cpu[base]}")" \
  'BEGIN { printf "ratio new/base: wall %.2f, device CPU %.2f\n", n / b, cn / cb }'
