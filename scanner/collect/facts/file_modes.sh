# SPDX-License-Identifier: Apache-2.0
# Mode and owner of the account databases and the ssh host keys (OpenSSH's and dropbear's).
# flags:
fs_f_file_modes() {
  set --
  for f in /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/ssh/ssh_host_*_key \
    /etc/dropbear/dropbear_*_host_key; do
    [ -e "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_run 0 stat -c '%a %u %g %U %G %n' "$@"
  return 0
}
