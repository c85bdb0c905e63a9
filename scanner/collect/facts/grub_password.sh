# SPDX-License-Identifier: Apache-2.0
# Whether GRUB's configuration sets superusers and a password.
# flags: root
fs_f_grub_password() {
  for f in /boot/grub/grub.cfg /boot/grub2/grub.cfg; do
    [ -e "$f" ] || continue
    echo "file $f"
    fs_grep -qE '^[[:space:]]*set[[:space:]]+superusers' "$f" && echo 'superusers'
    fs_grep -qE '^[[:space:]]*password_pbkdf2' "$f" && echo 'password_pbkdf2'
  done
  return 0
}
