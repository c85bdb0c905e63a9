# SPDX-License-Identifier: Apache-2.0
# What the collector cost the device, gathered last: "ticks N", the collector shell's CPU time
# with that of every process it waited for (utime + stime + cutime + cstime of /proc/$$/stat, in
# clock ticks); "start N", when the shell started (ticks after boot); "uptime S", the seconds
# after boot now (/proc/uptime), so the wall time is uptime - start / hz; "hz N", the clock tick
# rate (getconf CLK_TCK), or "hz 100 assumed" on a device without getconf.
# flags:
fs_f_sys_cost() {
  read -r fs_l </proc/$$/stat || return 2
  read -r fs_up _ </proc/uptime || return 2
  # shellcheck disable=SC2086 # the fields of /proc/PID/stat after the command name, split
  set -- ${fs_l##*') '}
  echo "ticks $((${12} + ${13} + ${14} + ${15}))"
  echo "start ${20}"
  echo "uptime $fs_up"
  if command -v getconf >/dev/null 2>&1; then
    echo "hz $(fs_run 0 getconf CLK_TCK)"
  else
    echo 'hz 100 assumed'
  fi
  return 0
}
