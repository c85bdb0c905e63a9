# SPDX-License-Identifier: Apache-2.0
# The running kernel release and the kernels installed in /boot.
# flags:
fs_f_kernels() {
  echo "running $(fs_run 0 uname -r)"
  for k in /boot/vmlinuz-* /boot/vmlinux-*; do
    [ -e "$k" ] && echo "installed ${k#/boot/vmlinu?-}"
  done
  return 0
}
