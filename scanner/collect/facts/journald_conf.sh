# SPDX-License-Identifier: Apache-2.0
# journald's Storage and SystemMaxUse settings and whether /var/log/journal exists; nothing when
# the device has no journald.
# flags:
fs_f_journald_conf() {
  if [ -e /etc/systemd/journald.conf ] || [ -d /run/systemd/journal ]; then
    echo 'systemd'
    for f in /etc/systemd/journald.conf /etc/systemd/journald.conf.d/*.conf; do
      [ -e "$f" ] && fs_grep -hE '^[[:space:]]*(Storage|SystemMaxUse)[[:space:]]*=' "$f"
    done
    [ -d /var/log/journal ] && echo 'dir /var/log/journal'
  fi
  return 0
}
