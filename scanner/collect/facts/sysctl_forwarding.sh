# SPDX-License-Identifier: Apache-2.0
# IP forwarding switches (/proc/sys).
# flags:
fs_f_sysctl_forwarding() {
  for f in /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding; do
    [ -e "$f" ] || continue
    v=
    IFS= read -r v <"$f"
    [ -n "$v" ] || return 2
    printf '%s %s\n' "$f" "$v"
  done
  return 0
}
