# SPDX-License-Identifier: Apache-2.0
# The package manager and how many packages it has installed; "none" when the device has no package
# database.
# flags:
fs_f_pkg_count() {
  if fs_has_dpkg; then
    # shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
    echo "dpkg $(fs_run 0 dpkg-query -W -f '${Status}\n' | fs_grep -c 'install ok installed')"
  elif fs_has_rpm; then
    echo "rpm $(fs_run 0 rpm -qa | fs_run 0 wc -l)"
  elif [ -d /usr/lib/opkg ] || [ -d /var/lib/opkg ]; then
    echo "opkg $(fs_run 0 opkg list-installed | fs_run 0 wc -l)"
  else
    echo 'none'
  fi
  return 0
}
