# SPDX-License-Identifier: Apache-2.0
# The running kernel's version string (uname -v: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1
# (2024-09-30)", "#1 SMP Tue Mar 5 10:00:00 UTC 2024"), which holds its build date. Where dpkg
# or rpm is installed, then: "# release R" (uname -r), "o PKGS: PATH" for each of
# /lib/modules/R, /usr/lib/modules/R and /boot/vmlinuz-R a package owns (dpkg's file lists,
# as dpkg-query -S reads them; rpm -qf), and "# owners asked" once the package database was asked.
# flags:
fs_f_kernel_build() {
  if [ -r /proc/sys/kernel/version ]; then
    fs_cat /proc/sys/kernel/version
  else
    fs_run 0 uname -v
  fi
  fs_has_dpkg || fs_has_rpm || return 0
  r=$(fs_run 0 uname -r) || return 2
  case $r in '' | *[!A-Za-z0-9._+~-]*) return 2 ;; esac
  echo "# release $r"
  if fs_has_dpkg; then
    # the package lists dpkg-query -S reads, read by grep (dpkg-query -S loads every list: five
    # times the cost), "/var/lib/dpkg/info/PKG[:ARCH].list:PATH" for each owner of a path; an
    # owner counts while installed (as for dpkg-query -S; a leftover list proves nothing)
    set -- /var/lib/dpkg/info/*.list
    [ -f "$1" ] || set --
    n='[A-Za-z0-9+._-]*\(:[A-Za-z0-9_-]*\)\{0,1\}'
    [ $# -eq 0 ] || fs_run "0 1" grep -HxF -e "/lib/modules/$r" -e "/usr/lib/modules/$r" \
      -e "/boot/vmlinuz-$r" -- "$@" | fs_sed -n "s|^/var/lib/dpkg/info/\($n\)\.list:/|\1 /|p" |
      fs_first 8 | while read -r p f; do
        [ "$p" != '#' ] || continue
        # shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
        s=$(fs_run "0 1" dpkg-query -W -f='${db:Status-Abbrev}' -- "$p")
        case $s in ?[nc]* | '') ;; *) echo "o $p: $f" ;; esac
      done
  else
    for p in "/lib/modules/$r" "/usr/lib/modules/$r" "/boot/vmlinuz-$r"; do
      # "file PATH is not owned by any package" when none: only names are kept
      fs_run "0 1" rpm -qf --qf '%{NAME}\n' -- "$p" | fs_grep -E '^[A-Za-z0-9+._-]+$' |
        fs_sed "s|^|o |; s|\$|: $p|"
    done
  fi
  echo '# owners asked'
}
