# SPDX-License-Identifier: Apache-2.0
# Package sources that skip signature checks (apt trusted=yes, AllowUnauthenticated; yum/dnf
# gpgcheck=0).
# flags:
fs_f_pkg_sources() {
  if [ -d /etc/apt ]; then
    echo '# apt'
    set --
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
      [ -e "$f" ] && set -- "$@" "$f"
    done
    [ $# -eq 0 ] || fs_grep -hEi 'trusted[[:space:]]*[=:][[:space:]]*yes|allow-insecure|allow-weak' "$@" |
      fs_sed 's/^/source /'
    set --
    for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
      [ -f "$f" ] && set -- "$@" "$f"
    done
    [ $# -eq 0 ] || fs_grep -hEi 'AllowUnauthenticated[^;]*(true|yes|1)|AllowInsecureRepositories[^;]*(true|yes|1)' "$@" |
      fs_sed 's/^/conf /'
  fi
  if [ -d /etc/yum.repos.d ]; then
    echo '# yum'
    set --
    for f in /etc/yum.repos.d/*.repo /etc/yum.conf /etc/dnf/dnf.conf; do
      [ -e "$f" ] && set -- "$@" "$f"
    done
    [ $# -eq 0 ] || fs_grep -hEi '^[[:space:]]*gpgcheck[[:space:]]*=[[:space:]]*(0|no|false)' "$@" |
      fs_sed 's/^/repo /'
  fi
  return 0
}
