# SPDX-License-Identifier: Apache-2.0
# Accounts whose last login is older than var_stale_login_days (lastlog -b): "old NAME", or
# "never NAME" for an account that never logged in; "# none" when the device keeps no lastlog
# database.
# flags: root big
fs_f_lastlog_old() {
  if [ ! -e /var/log/lastlog ]; then
    echo '# none'
    return 0
  fi
  # shellcheck disable=SC2154 # FS_V_* are set by the collector from the profile's values
  fs_run 0 lastlog -b "${FS_V_var_stale_login_days:-90}" | fs_awk 'NR > 1 && NF {
    print (/[*][*]Never logged in[*][*][[:space:]]*$/ ? "never " : "old ") $1
  }'
  return 0
}
