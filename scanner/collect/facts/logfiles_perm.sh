# SPDX-License-Identifier: Apache-2.0
# Files under /var/log readable or writable by others.
# flags: root slow
fs_f_logfiles_perm() {
  [ -d /var/log ] || { echo '# none'; return 0; }
  fs_run 0 find /var/log -xdev -type f -perm /006 | fs_first 200
}
