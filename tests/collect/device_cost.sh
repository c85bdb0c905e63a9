#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The real collector on this machine through the local transport: results.json gives the
# device's cost (device_cpu_s > 0, device_wall_s) and the priority the collector ran at: nice 19
# by default, the caller's own nice value with --device-priority normal; the script command takes
# the same option; a bad value is a usage error naming it.
# Usage: device_cost.sh FLOORSCAN BENCHMARK
set -eu
fs=$1
bench=$2
dir=$(mktemp -d /tmp/fs-devcost.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() {
  echo "device_cost: $*" >&2
  exit 1
}
# host_field RESULTS KEY: the first host's member KEY as text
host_field() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["hosts"][0][sys.argv[2]])' "$1" "$2"
}
read -r st </proc/self/stat
# shellcheck disable=SC2086 # the fields after the command name, split on purpose
set -- ${st##*) }
own_nice=${17}

"$fs" scan local --benchmark "$bench" -p baseline --no-db -o "$dir/low" -f json --quiet >/dev/null ||
  [ $? -le 1 ] || fail "scan (low) exited $?"
cpu=$(host_field "$dir/low/results.json" device_cpu_s)
wall=$(host_field "$dir/low/results.json" device_wall_s)
prio=$(host_field "$dir/low/results.json" device_priority)
awk -v c="$cpu" 'BEGIN { exit !(c + 0 > 0) }' || fail "device_cpu_s is '$cpu', want > 0"
awk -v c="$cpu" -v w="$wall" 'BEGIN { exit !(w + 0 > 0 && w + 0 < 3600) }' ||
  fail "device_wall_s is '$wall'"
case $prio in
  "nice 19, ionice "*) ;;
  *) fail "device_priority is '$prio', want nice 19" ;;
esac
if command -v ionice >/dev/null 2>&1; then
  case $prio in *"ionice idle") ;; *) fail "device_priority is '$prio', want ionice idle" ;; esac
fi

"$fs" scan local --benchmark "$bench" -p baseline --no-db -o "$dir/normal" -f json --quiet \
  --device-priority normal >/dev/null || [ $? -le 1 ] || fail "scan (normal) exited $?"
prio=$(host_field "$dir/normal/results.json" device_priority)
case $prio in
  "nice $own_nice, ionice "*) ;;
  *) fail "device_priority with --device-priority normal is '$prio', want nice $own_nice" ;;
esac
cpu=$(host_field "$dir/normal/results.json" device_cpu_s)
awk -v c="$cpu" 'BEGIN { exit !(c + 0 > 0) }' || fail "device_cpu_s (normal) is '$cpu'"

# the script command: the same option
"$fs" script --benchmark "$bench" -p baseline >"$dir/low.sh"
"$fs" script --benchmark "$bench" -p baseline --device-priority normal >"$dir/normal.sh"
grep -qx fs_priority_low "$dir/low.sh" || fail "script: no fs_priority_low by default"
if grep -qx fs_priority_low "$dir/normal.sh"; then fail "script --device-priority normal lowers it"; fi
for cmd in scan script; do
  set +e
  if [ "$cmd" = scan ]; then
    "$fs" scan local --benchmark "$bench" --no-db -o "$dir/bad" --device-priority idle 2>"$dir/err"
  else
    "$fs" script --benchmark "$bench" --device-priority idle >/dev/null 2>"$dir/err"
  fi
  rc=$?
  set -e
  [ "$rc" = 2 ] || fail "$cmd --device-priority idle exited $rc, want 2"
  grep -q "device-priority 'idle' is not low or normal" "$dir/err" ||
    fail "$cmd: message '$(cat "$dir/err")'"
done
echo "device_cost: ok (cpu $cpu s, wall $wall s)"
