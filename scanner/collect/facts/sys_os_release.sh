# SPDX-License-Identifier: Apache-2.0
# The operating system's os-release file.
# flags:
fs_f_sys_os_release() {
  if [ -e /etc/os-release ]; then
    fs_cat /etc/os-release
  else
    fs_cat /usr/lib/os-release
  fi
}
