# SPDX-License-Identifier: Apache-2.0
# useradd's INACTIVE default (/etc/default/useradd).
# flags:
fs_f_useradd_defaults() {
  [ -e /etc/default/useradd ] && fs_grep -hE '^[[:space:]]*INACTIVE[[:space:]]*=' /etc/default/useradd
  return 0
}
