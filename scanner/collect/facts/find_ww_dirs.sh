# SPDX-License-Identifier: Apache-2.0
# World-writable directories without the sticky bit on the root file system (a walk of /: only
# root sees all of it).
# flags: root slow
fs_f_find_ww_dirs() {
  fs_run 0 find / -xdev -type d -perm -0002 ! -perm -1000 | fs_first 200
}
