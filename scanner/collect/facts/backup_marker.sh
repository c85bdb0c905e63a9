# SPDX-License-Identifier: Apache-2.0
# The site's backup marker file (var_backup_marker_path): its age against the device clock.
# flags:
fs_f_backup_marker() {
  # shellcheck disable=SC2154 # FS_V_* are set by the collector from the profile's values
  [ -n "${FS_V_var_backup_marker_path:-}" ] || { echo 'unset'; return 0; }
  echo "now $(fs_run 0 date +%s)"
  if [ -e "$FS_V_var_backup_marker_path" ]; then
    echo "mtime $(fs_run 0 stat -c %Y -- "$FS_V_var_backup_marker_path")"
  else
    echo 'absent'
  fi
  return 0
}
