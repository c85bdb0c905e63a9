# SPDX-License-Identifier: Apache-2.0
# The running kernel release.
# flags:
fs_f_sys_kernel() {
  if [ -r /proc/sys/kernel/osrelease ]; then
    fs_cat /proc/sys/kernel/osrelease
  else
    fs_run 0 uname -r
  fi
}
