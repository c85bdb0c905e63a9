# Mode and owner of the account databases, ssh host keys and the boot loader configuration.
# flags:
fs_f_file_modes() {
  set --
  for f in /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/ssh/ssh_host_*_key \
    /boot/grub/grub.cfg /boot/grub2/grub.cfg; do
    [ -e "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_run 0 stat -c '%a %u %g %U %G %n' "$@"
  return 0
}
