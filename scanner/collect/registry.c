/* The fact registry. Snippets run under LC_ALL=C with a fixed PATH, stdin from /dev/null,
 * stderr discarded. They only read: no temp files, no index refresh, no service started.
 * Every optional tool is guarded with command -v; busybox fallbacks read /proc. */
#include "registry.h"

#include <stdlib.h>
#include <string.h>

/* Sorted by id (a unit test keeps it so). */
const struct fs_fact_def fs_fact_defs[] = {
    {"disk_usage", false,
     "df -P / /var /var/log 2>/dev/null\n"
     "return 0"},
    {"file_modes", false,
     "for f in /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/ssh/ssh_host_*_key \\\n"
     "  /boot/grub/grub.cfg /boot/grub2/grub.cfg; do\n"
     "  [ -e \"$f\" ] && stat -c '%a %u %g %U %G %n' \"$f\"\n"
     "done\n"
     "return 0"},
    {"group", false, "cat /etc/group"},
    {"login_defs", false,
     "[ -r /etc/login.defs ] || { echo '# missing /etc/login.defs'; return 0; }\n"
     "fs_grep -E '^[[:space:]]*(PASS_MAX_DAYS|PASS_MIN_DAYS|PASS_WARN_AGE|ENCRYPT_METHOD|UMASK|"
     "UID_MIN)[[:space:]]' /etc/login.defs\n"
     "return 0"},
    {"net_ifaces", false,
     "for i in /sys/class/net/*; do\n"
     "  [ -e \"$i\" ] || continue\n"
     "  b=0; w=0\n"
     "  [ -d \"$i/bridge\" ] && b=1\n"
     "  { [ -d \"$i/wireless\" ] || [ -e \"$i/phy80211\" ]; } && w=1\n"
     "  echo \"${i##*/} $b $w\"\n"
     "done\n"
     "return 0"},
    {"net_listen", false,
     /* /proc/net is per network namespace and present on every Linux, busybox included. */
     "for f in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do\n"
     "  [ -r \"$f\" ] || continue\n"
     "  echo \"# ${f##*/}\"\n"
     "  cat \"$f\"\n"
     "done"},
    {"passwd", false, "cat /etc/passwd"},
    {"pkg_sources", false,
     "if [ -d /etc/apt ]; then\n"
     "  echo '# apt'\n"
     "  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list "
     "/etc/apt/sources.list.d/*.sources; do\n"
     "    [ -r \"$f\" ] && fs_grep -Ei "
     "'trusted[[:space:]]*[=:][[:space:]]*yes|allow-insecure|allow-weak' \"$f\" |\n"
     "      sed 's/^/source /'\n"
     "  done\n"
     "  for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do\n"
     "    [ -r \"$f\" ] && fs_grep -Ei "
     "'AllowUnauthenticated[^;]*(true|yes|1)|AllowInsecureRepositories[^;]*(true|yes|1)' \"$f\" |\n"
     "      sed 's/^/conf /'\n"
     "  done\n"
     "fi\n"
     "if [ -d /etc/yum.repos.d ]; then\n"
     "  echo '# yum'\n"
     "  for f in /etc/yum.repos.d/*.repo /etc/yum.conf /etc/dnf/dnf.conf; do\n"
     "    [ -r \"$f\" ] && fs_grep -Ei "
     "'^[[:space:]]*gpgcheck[[:space:]]*=[[:space:]]*(0|no|false)' \"$f\" |\n"
     "      sed 's/^/repo /'\n"
     "  done\n"
     "fi\n"
     "return 0"},
    {"pkg_telnet", false,
     "if command -v dpkg-query >/dev/null 2>&1; then\n"
     "  echo '# dpkg'\n"
     "  dpkg-query -W -f '${Package} ${Status}\\n' telnetd inetutils-telnetd telnetd-ssl "
     "busybox-telnetd 2>/dev/null\n"
     "fi\n"
     "if command -v rpm >/dev/null 2>&1; then\n"
     "  echo '# rpm'\n"
     "  rpm -q --qf '%{NAME} installed\\n' telnet-server 2>/dev/null | grep ' installed$'\n"
     "fi\n"
     "return 0"},
    {"proc_comm", false, "cat /proc/[0-9]*/comm 2>/dev/null; return 0"},
    {"proc_mounts", false, "cat /proc/mounts"},
    {"proc_net_route", false, "cat /proc/net/route"},
    {"reboot_required", false,
     "for f in /var/run/reboot-required /run/reboot-required; do\n"
     "  [ -e \"$f\" ] && { echo \"pending $f\"; return 0; }\n"
     "done\n"
     "command -v needs-restarting >/dev/null 2>&1 && { needs-restarting -r >/dev/null 2>&1 || echo "
     "'pending needs-restarting'; }\n"
     "return 0"},
    {"shadow_status", true,
     /* Reduced on the device: only the account name and the hash scheme cross the network. */
     "[ -r /etc/shadow ] || return 2\n"
     "while IFS=: read -r u p r; do\n"
     "  case $p in\n"
     "    '') s=empty ;;\n"
     "    '!'*|'*'*) s=locked ;;\n"
     "    '$'*) s=${p#?}; s=\"\\$${s%%\\$*}\\$\" ;;\n"
     "    *) if [ ${#p} -eq 13 ]; then s=des; else s=other; fi ;;\n"
     "  esac\n"
     "  printf '%s:%s\\n' \"$u\" \"$s\"\n"
     "done < /etc/shadow"},
    {"sshd_effective", true,
     "s=$(command -v sshd 2>/dev/null)\n"
     "[ -n \"$s\" ] || for c in /usr/sbin/sshd /usr/local/sbin/sshd /sbin/sshd; do\n"
     "  [ -x \"$c\" ] && { s=$c; break; }\n"
     "done\n"
     "[ -n \"$s\" ] || return 127\n"
     "\"$s\" -T 2>&1"},
    {"sys_hostname", false, "cat /proc/sys/kernel/hostname 2>/dev/null || hostname"},
    {"sys_kernel", false, "cat /proc/sys/kernel/osrelease 2>/dev/null || uname -r"},
    {"sys_os_release", false, "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release"},
    {"sysctl_forwarding", false,
     "for f in /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding; do\n"
     "  [ -r \"$f\" ] && printf '%s %s\\n' \"$f\" \"$(cat \"$f\")\"\n"
     "done\n"
     "return 0"},
    {"sysctl_hardening", false,
     "for k in kernel/randomize_va_space kernel/dmesg_restrict kernel/kptr_restrict \\\n"
     "  kernel/yama/ptrace_scope fs/suid_dumpable net/ipv4/conf/all/accept_redirects \\\n"
     "  net/ipv4/conf/default/accept_redirects net/ipv4/conf/all/secure_redirects \\\n"
     "  net/ipv4/conf/default/secure_redirects net/ipv6/conf/all/accept_redirects \\\n"
     "  net/ipv4/conf/all/send_redirects net/ipv4/conf/default/send_redirects \\\n"
     "  net/ipv4/conf/all/accept_source_route net/ipv4/conf/default/accept_source_route \\\n"
     "  net/ipv4/tcp_syncookies net/ipv4/conf/all/rp_filter net/ipv4/conf/default/rp_filter; do\n"
     "  [ -r \"/proc/sys/$k\" ] && printf '%s %s\\n' \"$k\" \"$(cat \"/proc/sys/$k\")\"\n"
     "done\n"
     "return 0"},
    {"telnet_config", false,
     "if [ -r /etc/inetd.conf ]; then\n"
     "  fs_grep -E '^[[:space:]]*[^#[:space:]]*telnet' /etc/inetd.conf | sed 's/^/inetd /'\n"
     "fi\n"
     "for f in /etc/xinetd.d/*; do\n"
     "  [ -f \"$f\" ] || continue\n"
     "  fs_grep -Eq '^[^#]*service[[:space:]]+telnet' \"$f\" || continue\n"
     "  if fs_grep -Eiq '^[^#]*disable[[:space:]]*=[[:space:]]*yes' \"$f\"; then\n"
     "    echo 'xinetd disabled'\n"
     "  else\n"
     "    echo 'xinetd enabled'\n"
     "  fi\n"
     "done\n"
     "return 0"},
    {"updates_auto", false,
     "if command -v dpkg-query >/dev/null 2>&1; then\n"
     "  echo \"dpkg unattended-upgrades $(dpkg-query -W -f '${Status}' unattended-upgrades "
     "2>/dev/null)\"\n"
     "fi\n"
     "if command -v apt-config >/dev/null 2>&1; then\n"
     "  apt-config dump APT::Periodic 2>/dev/null | sed 's/^/apt /'\n"
     "fi\n"
     "if command -v systemctl >/dev/null 2>&1; then\n"
     "  for t in dnf-automatic.timer dnf-automatic-install.timer; do\n"
     "    echo \"timer $t $(systemctl is-enabled \"$t\" 2>/dev/null)\"\n"
     "  done\n"
     "fi\n"
     "if [ -r /etc/dnf/automatic.conf ]; then\n"
     "  fs_grep -E '^[[:space:]]*apply_updates' /etc/dnf/automatic.conf | sed 's/^/dnf /'\n"
     "fi\n"
     "if [ -r /etc/yum/yum-cron.conf ]; then\n"
     "  fs_grep -E '^[[:space:]]*apply_updates' /etc/yum/yum-cron.conf | sed 's/^/yumcron /'\n"
     "fi\n"
     "return 0"},
};

const size_t fs_fact_defs_count = sizeof fs_fact_defs / sizeof fs_fact_defs[0];

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct fs_fact_def *)elem)->id);
}

const struct fs_fact_def *fs_fact_def_find(const char *id)
{
    return bsearch(id, fs_fact_defs, fs_fact_defs_count, sizeof fs_fact_defs[0], cmp);
}
