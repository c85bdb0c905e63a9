# SPDX-License-Identifier: Apache-2.0
# Mode and owner of GRUB's configuration. A GRUB directory the scan account cannot search (as
# /boot/grub2 on RHEL for a non-root scan) fails the probe: its file cannot be seen, not absent.
# flags:
fs_f_grub_modes() {
  set --
  for d in /boot/grub /boot/grub2; do
    [ -d "$d" ] || continue
    [ -x "$d" ] || { echo "# cannot search $d"; return 2; }
    [ -e "$d/grub.cfg" ] && set -- "$@" "$d/grub.cfg"
  done
  [ $# -eq 0 ] || fs_run 0 stat -c '%a %u %g %U %G %n' "$@"
  return 0
}
