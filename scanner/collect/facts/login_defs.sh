# SPDX-License-Identifier: Apache-2.0
# The password-policy settings of /etc/login.defs; "# missing /etc/login.defs" when it does not
# exist.
# flags:
fs_f_login_defs() {
  [ -e /etc/login.defs ] || { echo '# missing /etc/login.defs'; return 0; }
  fs_grep -E '^[[:space:]]*(PASS_MAX_DAYS|PASS_MIN_DAYS|PASS_WARN_AGE|ENCRYPT_METHOD|UMASK|UID_MIN)[[:space:]]' /etc/login.defs
  return 0
}
