# SPDX-License-Identifier: Apache-2.0
# telnet entries of inetd.conf and xinetd services (enabled or disabled).
# flags:
fs_f_telnet_config() {
  [ -e /etc/inetd.conf ] &&
    fs_grep -E '^[[:space:]]*[^#[:space:]]*telnet' /etc/inetd.conf | fs_sed 's/^/inetd /'
  for f in /etc/xinetd.d/*; do
    [ -f "$f" ] || continue
    fs_grep -Eq '^[^#]*service[[:space:]]+telnet' "$f" || continue
    if fs_grep -Eiq '^[^#]*disable[[:space:]]*=[[:space:]]*yes' "$f"; then
      echo 'xinetd disabled'
    else
      echo 'xinetd enabled'
    fi
  done
  return 0
}
