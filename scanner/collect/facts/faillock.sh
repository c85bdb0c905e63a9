# SPDX-License-Identifier: Apache-2.0
# Failed-login lockout: pam_faillock/pam_tally2 lines of the PAM stacks and faillock.conf's deny.
# flags:
fs_f_faillock() {
  set --
  for f in /etc/pam.d/*; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_grep -hE '^[^#]*(pam_faillock|pam_tally2)' "$@" | fs_sed 's/^/pam /'
  [ -e /etc/security/faillock.conf ] &&
    fs_grep -hE '^[[:space:]]*deny[[:space:]]*=' /etc/security/faillock.conf | fs_sed 's/^/conf /'
  return 0
}
