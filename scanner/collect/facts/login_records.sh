# SPDX-License-Identifier: Apache-2.0
# Size of the login record files (wtmp, lastlog).
# flags:
fs_f_login_records() {
  for f in /var/log/wtmp /var/log/lastlog /var/lib/lastlog; do
    [ -e "$f" ] && fs_run 0 stat -c '%s %n' "$f"
  done
  return 0
}
