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
# SERVER=1 runs both collectors in a mount namespace of their own in which /root, /home, /tmp,
# /work, /farm, /srv, /var/tmp and the test fleet's image cache (/var/cache/floorscan-fleet) are
# empty (tmpfs): this machine's packages with a server's file system, without the build trees,
# tool chains and caches of a development machine (the file counts before and after are
# printed). The base collector's wall time then includes the unshare and
# the mounts (a few milliseconds); the new one's comes from results.json and does not.
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
SERVER=${SERVER:-0}
if [ "$SERVER" = 1 ] && [ "$(id -u)" != 0 ]; then
  echo "bench-device.sh: SERVER=1 needs root (a mount namespace hides the build trees)" >&2
  exit 2
fi
HIDE="/root /home /tmp /work /farm /srv /var/tmp /var/cache/floorscan-fleet"
cp "$NEW_BIN" "$state/floorscan"
cp profiles/floorscan-ditta-xccdf.xml "$state/"
# as a server: CMD run with the development machine's own trees hidden; $state is at /mnt
as_server() {
  if [ "$SERVER" != 1 ]; then
    (cd "$state" && MNT=$state "$@")
    return
  fi
  # shellcheck disable=SC2016 # expanded by the inner shell
  unshare --mount --propagation private sh -c '
    state=$1; shift
    mount --bind "$state" /mnt
    for d in $HIDE; do [ -d "$d" ] && mount -t tmpfs none "$d"; done
    cd /mnt && MNT=/mnt "$@"' _ "$state" "$@"
}
export HIDE
entries() { find / -xdev 2>/dev/null | wc -l; }
if [ "$SERVER" = 1 ]; then
  echo "root file system: $(entries) entries here; as a server ($HIDE hidden): $(as_server sh -c 'find / -xdev 2>/dev/null | wc -l') entries"
fi
now() { date +%s%N; }
# shellcheck disable=SC2086 # a space-separated list of numbers, split on purpose
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# how dear a system call is here: the walk is bound by them, and virtual machines differ
# severalfold (3.7 us and 1.6 us an lstat on two machines of the same kind)
python3 -c 'import os, time
t = time.perf_counter()
for _ in range(200000): os.lstat("/usr/bin/ls")
print("this machine: lstat() of a cached path %.2f us" % ((time.perf_counter() - t) / 0.2))'
echo "device cost on $(hostname) ($(dpkg -l 2>/dev/null | grep -c ^ii) packages, $(nproc) cores), $RUNS runs each, alternating; base $BASE_BIN, new $NEW_BIN"
for p in $PROFILES; do
  bw="" bc="" nw="" nc="" unproven=""
  if [ "$BASE_BIN" != none ]; then
    "$BASE_BIN" script -p "$p" >"$state/base.sh"
    # shellcheck disable=SC2016 # shell text for the collector, expanded there
    printf 'read -r fs_st </proc/self/stat; set -- ${fs_st##*) }; echo "@@CPU $((${12}+${13}+${14}+${15})) $(getconf CLK_TCK 2>/dev/null || echo 100)" >&2\n' >>"$state/base.sh"
  fi
  for _ in $(seq "$RUNS"); do
    if [ "$BASE_BIN" != none ]; then
      t0=$(now)
      as_server sh -c 'sh -s <"$MNT/base.sh" >/dev/null 2>"$MNT/base.err"'
      t1=$(now)
      bw+="$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d / 1e9 }') "
      bc+="$(awk '/^@@CPU/ { printf "%.2f", $2 / $3 }' "$state/base.err") "
    fi
    rm -rf "$state/out"
    P=$p as_server sh -c '"$MNT/floorscan" scan local -p "$P" --no-db --benchmark "$MNT/floorscan-ditta-xccdf.xml" -o "$MNT/out" -f json --quiet' >/dev/null 2>&1 || true
    # the figure with its proof: facts the run could not prove (a cut walk, a failed tool) make
    # a cheaper run that judged less
    read -r c w u < <(python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["hosts"][0]; print(h["device_cpu_s"], h["device_wall_s"], ",".join(sorted((h.get("probes") or {}).get("unproven") or {})) or "-")' "$state/out/results.json")
    nc+="$c " nw+="$w "
    [ "$u" = - ] || unproven+="$u "
  done
  [ "$BASE_BIN" = none ] ||
    echo "$p: base CPU median $(median "$bc") s ($bc), wall median $(median "$bw") s ($bw)"
  echo "$p: new  CPU median $(median "$nc") s ($nc), wall median $(median "$nw") s ($nw)"
  echo "$p: new  facts unproven: ${unproven:-none (every fact the profile asks for was proven in every run)}"
done
