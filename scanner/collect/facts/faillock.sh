# Failed-login lockout: pam_faillock/pam_tally2 lines of the PAM stacks and faillock.conf's deny.
# flags:
fs_f_faillock() {
  for f in /etc/pam.d/*; do
    [ -f "$f" ] && fs_grep -hE '^[^#]*(pam_faillock|pam_tally2)' "$f" | fs_sed 's/^/pam /'
  done
  [ -e /etc/security/faillock.conf ] &&
    fs_grep -hE '^[[:space:]]*deny[[:space:]]*=' /etc/security/faillock.conf | fs_sed 's/^/conf /'
  return 0
}
