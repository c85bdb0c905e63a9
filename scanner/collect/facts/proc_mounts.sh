# SPDX-License-Identifier: Apache-2.0
# The mount table, /proc/mounts, as it is.
# flags:
fs_f_proc_mounts() {
  fs_cat /proc/mounts
}
