# SPDX-License-Identifier: Apache-2.0
# Free space of /, /var and /var/log (df -P).
# flags:
fs_f_disk_usage() {
  set --
  for d in / /var /var/log; do
    [ -d "$d" ] && set -- "$@" "$d"
  done
  fs_run 0 df -P "$@"
}
