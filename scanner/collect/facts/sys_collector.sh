# SPDX-License-Identifier: Apache-2.0
# The collector's own priority on the device: the priority asked for ("priority low" or
# "priority normal", scan --device-priority), the shell's nice value as the kernel reports it
# (/proc), renice's exit status when it was asked to lower it ("renice absent" without one) and
# the I/O class (ionice -p; "ionice absent" where the device has no ionice, as busybox may not).
# flags:
# shellcheck disable=SC2154 # fs_prio and fs_renice are set by the prologue's fs_priority_low
fs_f_sys_collector() {
  echo "priority $fs_prio"
  read -r fs_l </proc/$$/stat || return 2
  # shellcheck disable=SC2086 # the fields of /proc/PID/stat after the command name, split
  set -- ${fs_l##*') '}
  echo "nice ${17}"
  [ "$fs_prio" = low ] && echo "renice $fs_renice"
  if command -v ionice >/dev/null 2>&1; then
    fs_c=$(fs_run 0 ionice -p $$)
    echo "ionice ${fs_c%%"$fs_nl"*}"
  else
    echo 'ionice absent'
  fi
  return 0
}
