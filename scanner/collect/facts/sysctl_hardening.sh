# SPDX-License-Identifier: Apache-2.0
# Kernel and network hardening switches (/proc/sys); "absent KEY" for a switch this kernel does
# not have, "unreadable KEY" for one the scan's user may not read (older kernels give
# fs/protected_* mode 0600: root's only).
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
    net/ipv6/conf/all/disable_ipv6 fs/protected_symlinks fs/protected_hardlinks \
    fs/protected_fifos fs/protected_regular kernel/sysrq kernel/unprivileged_bpf_disabled \
    kernel/perf_event_paranoid kernel/kexec_load_disabled net/ipv4/icmp_echo_ignore_broadcasts \
    net/ipv4/icmp_ignore_bogus_error_responses net/ipv4/conf/all/log_martians \
    net/ipv4/conf/default/log_martians net/ipv6/conf/all/accept_ra \
    net/ipv6/conf/default/accept_ra; do
    [ -e "/proc/sys/$k" ] || {
      echo "absent $k"
      continue
    }
    [ -r "/proc/sys/$k" ] || {
      echo "unreadable $k"
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
