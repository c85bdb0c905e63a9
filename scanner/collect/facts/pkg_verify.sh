# SPDX-License-Identifier: Apache-2.0
# Files of the packages in var_verify_packages that differ from the package database (dpkg
# --verify, rpm -V); package names are checked before use; "# none" without a package database.
# flags: root slow
fs_f_pkg_verify() {
  set -f
  # shellcheck disable=SC2086,SC2154 # a list of package names, split on purpose (globbing off)
  set -- $FS_V_var_verify_packages
  set +f
  for p in "$@"; do
    case $p in
      '' | -* | *[!A-Za-z0-9+._-]*) echo "# invalid package name: $p"; return 2 ;;
    esac
  done
  if fs_has_dpkg; then
    echo '# dpkg'
  elif fs_has_rpm; then
    echo '# rpm'
  else
    echo '# none'
    return 0
  fi
  [ $# -gt 0 ] || { echo '# no packages named'; return 0; }
  if fs_has_dpkg; then
    fs_run 0 dpkg --verify -- "$@"
  else
    fs_run "0 1" rpm -V -- "$@"
  fi
  return 0
}
