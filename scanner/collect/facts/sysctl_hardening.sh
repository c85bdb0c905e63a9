# SPDX-License-Identifier: Apache-2.0
# Kernel and network hardening switches (/proc/sys); "absent KEY" for a switch this kernel does
# not have.
# flags:
fs_f_sysctl_hardening() {
  [ -d /proc/sys/kernel ] || { echo '# no /proc/sys'; return 2; }
  for k in kernel/randomize_va_space kernel/dmesg_restrict kernel/kptr_restrict \
    kernel/yama/ptrace_scope fs/suid_dumpable net/ipv4/conf/all/accept_redirects \
    net/ipv4/conf/default/accept_redirects net/ipv4/conf/all/secure_redirects \
    net/ipv4/conf/default/secure_redirects net/ipv6/conf/all/accept_redirects \
    net/ipv4/conf/all/send_redirects net/ipv4/conf/default/send_redirects \
    net/ipv4/conf/all/accept_source_route net/ipv4/conf/default/accept_source_route \
    net/ipv4/tcp_syncookies net/ipv4/conf/all/rp_filter net/ipv4/conf/default/rp_filter \
    net/ipv6/conf/all/disable_ipv6; do
    [ -e "/proc/sys/$k" ] || {
      echo "absent $k"
      continue
    }
    v=
    IFS= read -r v <"/proc/sys/$k"
    [ -n "$v" ] || return 2
    printf '%s %s\n' "$k" "$v"
  done
  [ -d /proc/sys/net/ipv6 ] || echo 'noipv6'
  return 0
}
