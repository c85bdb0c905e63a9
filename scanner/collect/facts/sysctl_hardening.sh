# SPDX-License-Identifier: Apache-2.0
# Kernel and network hardening switches (/proc/sys); "absent KEY" for a switch this kernel does
# not have, "unreadable KEY" for one the scan's user may not read (older kernels give
# fs/protected_* mode 0600: root's only). Then one line per interface of
# /proc/sys/net/ipv6/conf (not all, default): "if6 NAME DISABLE_IPV6 ACCEPT_RA FORWARDING", "-"
# for a value not read (the kernel reads each interface's own switches: writing conf/all/accept_ra
# changes no existing interface); "if6 badname" for a name outside [A-Za-z0-9_.@:-], "if6 more"
# past 256 interfaces.
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
  [ -d /proc/sys/net/ipv6 ] || {
    echo 'noipv6'
    return 0
  }
  n=0
  for d in /proc/sys/net/ipv6/conf/*; do
    i=${d##*/}
    case $i in all | default) continue ;; esac
    [ -d "$d" ] || continue
    case $i in *[!A-Za-z0-9_.@:-]*)
      echo 'if6 badname'
      continue
      ;;
    esac
    n=$((n + 1))
    [ "$n" -le 256 ] || {
      echo 'if6 more'
      break
    }
    l="if6 $i"
    for k in disable_ipv6 accept_ra forwarding; do
      v=
      [ -r "$d/$k" ] && IFS= read -r v <"$d/$k"
      case $v in '' | *[!0-9-]*) v=- ;; esac
      l="$l $v"
    done
    printf '%s\n' "$l"
  done
  return 0
}
