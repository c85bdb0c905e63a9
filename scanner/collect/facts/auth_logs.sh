# SPDX-License-Identifier: Apache-2.0
# The clock and the modification times of the authentication logs.
# flags:
fs_f_auth_logs() {
  echo "now $(fs_run 0 date +%s)"
  for f in /var/log/auth.log /var/log/secure /var/log/messages; do
    [ -e "$f" ] && fs_run 0 stat -c 'log %Y %n' "$f"
  done
  [ -d /var/log/journal ] && echo 'journal'
  return 0
}
