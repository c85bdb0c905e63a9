#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: what a scan costs the device, measured on this machine through the local transport
# (the collector runs here as the current user; run as root for the full profiles). For each
# profile, RUNS alternating runs of
#   base: the collector of BASE_BIN (`floorscan script -p PROFILE`, default: a build of BASE,
#         the last commit before the device was made light), run with `sh -s`, its CPU seconds
#         read from the collector shell's /proc/self/stat at its end, its wall time around it;
#   new:  `build/floorscan scan local -p PROFILE --no-db` (a Release build of this tree) and its
#         results.json's device_cpu_s and device_wall_s (a host cut by --timeout has none:
#         "None");
# BASE_BIN=none measures the new collector alone.
# then the medians. Not a test: other work on the machine shows in the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
PROFILES=${PROFILES:-baseline build-server test-station production-device}
BASE=${BASE:-994be7a}
state=$(mktemp -d /tmp/floorscan-benchd.XXXXXX)
trap 'git worktree remove --force "$state/base" >/dev/null 2>&1 || true; rm -rf "$state"' EXIT
NEW_BIN=${NEW_BIN:-}
if [ -z "$NEW_BIN" ]; then
  cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-release -j2 --target floorscan >/dev/null
  NEW_BIN=build-release/floorscan
fi
BASE_BIN=${BASE_BIN:-}
if [ -z "$BASE_BIN" ]; then
  git worktree add --detach "$state/base" "$BASE" >/dev/null 2>&1
  cmake -S "$state/base" -B "$state/base/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$state/base/build" -j2 --target floorscan >/dev/null
  BASE_BIN=$state/base/build/floorscan
fi
now() { date +%s%N; }
# shellcheck disable=SC2086 # a space-separated list of numbers, split on purpose
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "device cost on $(hostname) ($(dpkg -l 2>/dev/null | grep -c ^ii) packages, $(nproc) cores), $RUNS runs each, alternating; base $BASE_BIN, new $NEW_BIN"
for p in $PROFILES; do
  bw="" bc="" nw="" nc=""
  if [ "$BASE_BIN" != none ]; then
    "$BASE_BIN" script -p "$p" >"$state/base.sh"
    # shellcheck disable=SC2016 # shell text for the collector, expanded there
    printf 'read -r fs_st </proc/self/stat; set -- ${fs_st##*) }; echo "@@CPU $((${12}+${13}+${14}+${15})) $(getconf CLK_TCK 2>/dev/null || echo 100)" >&2\n' >>"$state/base.sh"
  fi
  for _ in $(seq "$RUNS"); do
    if [ "$BASE_BIN" != none ]; then
      t0=$(now)
      sh -s <"$state/base.sh" >/dev/null 2>"$state/base.err"
      t1=$(now)
      bw+="$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d / 1e9 }') "
      bc+="$(awk '/^@@CPU/ { printf "%.2f", $2 / $3 }' "$state/base.err") "
    fi
    rm -rf "$state/out"
    "$NEW_BIN" scan local -p "$p" --no-db -o "$state/out" -f json --quiet >/dev/null 2>&1 || true
    read -r c w < <(python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["hosts"][0]; print(h["device_cpu_s"], h["device_wall_s"])' "$state/out/results.json")
    nc+="$c " nw+="$w "
  done
  [ "$BASE_BIN" = none ] ||
    echo "$p: base CPU median $(median "$bc") s ($bc), wall median $(median "$bw") s ($bw)"
  echo "$p: new  CPU median $(median "$nc") s ($nc), wall median $(median "$nw") s ($nw)"
done
