# SPDX-License-Identifier: Apache-2.0
# Set-uid and set-gid files in the system's program directories.
# flags: slow
fs_f_find_setuid() {
  set --
  for d in /bin /sbin /usr /opt; do
    [ -d "$d" ] && set -- "$@" "$d"
  done
  fs_run 0 find "$@" -xdev -type f -perm /6000 | fs_first 500
}
