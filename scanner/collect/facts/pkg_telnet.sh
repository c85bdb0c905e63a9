# SPDX-License-Identifier: Apache-2.0
# Whether a telnet server package is installed (dpkg, rpm).
# flags:
fs_f_pkg_telnet() {
  if fs_has_dpkg; then
    echo '# dpkg'
    # shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
    fs_run "0 1" dpkg-query -W -f '${Package} ${Status}\n' telnetd inetutils-telnetd telnetd-ssl \
      busybox-telnetd
  fi
  if fs_has_rpm; then
    echo '# rpm'
    fs_run "0 1" rpm -q --qf '%{NAME} installed\n' telnet-server | fs_grep ' installed$'
  fi
  return 0
}
