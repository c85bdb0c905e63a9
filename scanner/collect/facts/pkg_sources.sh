# Package sources that skip signature checks (apt trusted=yes, AllowUnauthenticated; yum/dnf
# gpgcheck=0).
# flags:
fs_f_pkg_sources() {
  if [ -d /etc/apt ]; then
    echo '# apt'
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
      [ -e "$f" ] && fs_grep -Ei 'trusted[[:space:]]*[=:][[:space:]]*yes|allow-insecure|allow-weak' "$f" |
        fs_sed 's/^/source /'
    done
    for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
      [ -f "$f" ] && fs_grep -Ei 'AllowUnauthenticated[^;]*(true|yes|1)|AllowInsecureRepositories[^;]*(true|yes|1)' "$f" |
        fs_sed 's/^/conf /'
    done
  fi
  if [ -d /etc/yum.repos.d ]; then
    echo '# yum'
    for f in /etc/yum.repos.d/*.repo /etc/yum.conf /etc/dnf/dnf.conf; do
      [ -e "$f" ] && fs_grep -Ei '^[[:space:]]*gpgcheck[[:space:]]*=[[:space:]]*(0|no|false)' "$f" |
        fs_sed 's/^/repo /'
    done
  fi
  return 0
}
