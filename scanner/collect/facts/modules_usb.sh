# SPDX-License-Identifier: Apache-2.0
# Whether usb_storage is in the kernel (loaded as a module or built in: /sys/module, with
# /proc/modules as a second witness) and whether modprobe configuration blocks it.
# flags:
fs_f_modules_usb() {
  [ -d /sys/module ] || { echo '# no /sys/module: the kernel modules cannot be seen'; return 2; }
  [ -d /sys/module/usb_storage ] && echo 'loaded usb_storage (/sys/module)'
  [ -e /proc/modules ] && fs_grep -E '^usb_storage ' /proc/modules | fs_sed 's/^/loaded /'
  for d in /etc/modprobe.d /lib/modprobe.d /usr/lib/modprobe.d; do
    [ -d "$d" ] || continue
    for f in "$d"/*; do
      [ -f "$f" ] || continue
      fs_grep -hE '^[[:space:]]*(blacklist|install)[[:space:]]+usb[-_]storage' "$f" |
        fs_sed 's/^/conf /'
    done
  done
  return 0
}
