# Mode and owner of the account databases, ssh host keys and the boot loader configuration.
# flags:
fs_f_file_modes() {
  for f in /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/ssh/ssh_host_*_key \
    /boot/grub/grub.cfg /boot/grub2/grub.cfg; do
    [ -e "$f" ] && fs_run 0 stat -c '%a %u %g %U %G %n' "$f"
  done
  return 0
}
