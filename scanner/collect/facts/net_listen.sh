# SPDX-License-Identifier: Apache-2.0
# The kernel's socket tables (/proc/net/tcp, udp and their IPv6 twins, which exist only with IPv6).
# flags:
fs_f_net_listen() {
  for f in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do
    case $f in *6) [ -e "$f" ] || continue ;; esac
    echo "# ${f##*/}"
    fs_cat "$f"
  done
}
