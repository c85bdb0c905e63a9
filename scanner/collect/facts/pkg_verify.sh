# SPDX-License-Identifier: Apache-2.0
# Files of the installed packages of var_verify_packages that differ from the package database
# (dpkg --verify, rpm -V): "# absent NAME" for a listed package that is not installed (not
# verified), dpkg's path-exclude/path-include filters as "filter exclude|include GLOB" (files
# they kept off the device are not findings); package names are checked before use; "# none"
# without a package database.
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
  fs_pkg_db || return 0
  [ $# -gt 0 ] || { echo '# no packages named'; return 0; }
  # Only installed packages are verified: dpkg and rpm report a missing one as an error line.
  # dpkg: one query for all ("ii  NAME": installed; "un "/"rc " not, removed with configuration
  # files left; no such package: left out, status 1)
  if fs_has_dpkg; then
    # shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
    fs_st=$(fs_run "0 1" dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' -- "$@")
  fi
  for p in "$@"; do
    shift
    if fs_has_dpkg; then
      # shellcheck disable=SC2154 # fs_nl is set by the prologue
      case $fs_nl$fs_st$fs_nl in
        *"$fs_nl"?[!nc]?" $p$fs_nl"*) ;;
        *) echo "# absent $p"; continue ;;
      esac
    elif ! fs_run "0 1" rpm -q --quiet -- "$p"; then
      echo "# absent $p"
      continue
    fi
    set -- "$@" "$p"
  done
  [ $# -gt 0 ] || return 0
  if fs_has_dpkg; then
    fs_dpkg_filters
    fs_run 0 dpkg --verify -- "$@"
  else
    fs_run "0 1" rpm -V --nodeps -- "$@"
  fi
  return 0
}
