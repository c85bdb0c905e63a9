# SPDX-License-Identifier: Apache-2.0
# The host name.
# flags:
fs_f_sys_hostname() {
  if [ -r /proc/sys/kernel/hostname ]; then
    fs_cat /proc/sys/kernel/hostname
  else
    fs_run 0 hostname
  fi
}
