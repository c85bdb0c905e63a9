# SPDX-License-Identifier: Apache-2.0
# World-writable regular files under /etc, /usr, /opt, /boot and /srv.
# flags: root slow
fs_f_find_world_writable() {
  set --
  for d in /etc /usr /opt /boot /srv; do
    [ -d "$d" ] && set -- "$@" "$d"
  done
  fs_run 0 find "$@" -xdev -type f -perm -0002 | fs_first 200
}
