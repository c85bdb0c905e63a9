# SPDX-License-Identifier: Apache-2.0
# pam_wheel lines of /etc/pam.d/su; "# none" when the file does not exist.
# flags:
fs_f_pam_su() {
  [ -e /etc/pam.d/su ] || { echo '# none'; return 0; }
  fs_grep -E '^[^#]*pam_wheel' /etc/pam.d/su
  return 0
}
