# Files of the packages in var_verify_packages that differ from the package database (dpkg
# --verify, rpm -V); package names are checked before use.
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
  if [ -d /var/lib/dpkg ]; then
    echo '# dpkg'
    [ $# -gt 0 ] && fs_run 0 dpkg --verify -- "$@"
  elif [ -d /var/lib/rpm ] || [ -d /usr/lib/sysimage/rpm ]; then
    echo '# rpm'
    [ $# -gt 0 ] && fs_run "0 1" rpm -V -- "$@"
  fi
  return 0
}
