# SPDX-License-Identifier: Apache-2.0
# The running kernel's version string (uname -v: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1
# (2024-09-30)", "#1 SMP Tue Mar 5 10:00:00 UTC 2024"), which holds its build date.
# flags:
fs_f_kernel_build() {
  if [ -r /proc/sys/kernel/version ]; then
    fs_cat /proc/sys/kernel/version
  else
    fs_run 0 uname -v
  fi
}
