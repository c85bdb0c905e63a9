/* The fact registry. Snippets run under LC_ALL=C with a fixed PATH, stdin from /dev/null,
 * stderr discarded. They only read: no temp files, no index refresh, no service started.
 * Every optional tool is guarded with command -v; busybox fallbacks read /proc. */
#include "registry.h"

#include <stdlib.h>
#include <string.h>

/* Sorted by id (a unit test keeps it so). */
const struct fs_fact_def fs_fact_defs[] = {
    {"audit_rules", true, false,
     "if command -v auditctl >/dev/null 2>&1; then\n"
     "  echo '# auditctl'\n"
     "  auditctl -s 2>/dev/null | sed -n 's/^enabled \\([0-9]*\\).*/status enabled \\1/p'\n"
     "  auditctl -l 2>/dev/null | sed 's/^/rule /'\n"
     "fi\n"
     "for f in /etc/audit/audit.rules /etc/audit/rules.d/*.rules; do\n"
     "  [ -r \"$f\" ] && fs_grep -hE '^[[:space:]]*-' \"$f\" | sed 's/^/file /'\n"
     "done\n"
     "for d in $FS_V_var_signing_key_dirs; do [ -d \"$d\" ] && echo \"dir $d\"; done\n"
     "return 0"},
    {"auth_logs", false, false,
     "echo \"now $(date +%s)\"\n"
     "for f in /var/log/auth.log /var/log/secure /var/log/messages; do\n"
     "  [ -e \"$f\" ] && stat -c 'log %Y %n' \"$f\"\n"
     "done\n"
     "[ -d /var/log/journal ] && echo 'journal'\n"
     "return 0"},
    {"authorized_keys", true, false,
     "while IFS=: read -r u x uid gid g home sh; do\n"
     "  [ -n \"$home\" ] && [ -d \"$home/.ssh\" ] || continue\n"
     "  stat -c \"sshdir $u $uid %a %u %n\" \"$home/.ssh\"\n"
     "  for f in \"$home/.ssh/authorized_keys\" \"$home/.ssh/authorized_keys2\"; do\n"
     "    [ -f \"$f\" ] || continue\n"
     "    stat -c \"keyfile $u $uid %a %u %n\" \"$f\"\n"
     "    if command -v ssh-keygen >/dev/null 2>&1; then\n"
     "      ssh-keygen -lf \"$f\" 2>/dev/null | awk -v u=\"$u\" '{print \"key \" u \" \" $1 \" \" "
     "$NF}'\n"
     "    fi\n"
     "    fs_grep -E '^[^#]' \"$f\" | awk -v u=\"$u\" '{ if ($1 ~ /^(ssh|ecdsa|sk-)/) o=\"-\"; "
     "else o=$1; print \"opts \" u \" \" o }'\n"
     "  done\n"
     "done < /etc/passwd\n"
     "return 0"},
    {"backup_marker", false, false,
     "[ -n \"${FS_V_var_backup_marker_path:-}\" ] || { echo 'unset'; return 0; }\n"
     "echo \"now $(date +%s)\"\n"
     "if [ -e \"$FS_V_var_backup_marker_path\" ]; then\n"
     "  echo \"mtime $(stat -c %Y \"$FS_V_var_backup_marker_path\")\"\n"
     "else\n"
     "  echo 'absent'\n"
     "fi"},
    {"backup_schedule", true, true,
     "for f in /etc/crontab /etc/cron.d/* /var/spool/cron/crontabs/* /var/spool/cron/*; do\n"
     "  [ -f \"$f\" ] && fs_grep -hE '^[^#]*[^[:space:]]' \"$f\" | sed 's/^/cron /'\n"
     "done\n"
     "for f in /etc/cron.hourly/* /etc/cron.daily/* /etc/cron.weekly/* /etc/cron.monthly/*; do\n"
     "  [ -f \"$f\" ] && echo \"periodic ${f##*/}\"\n"
     "done\n"
     "for f in /etc/systemd/system/*.service /lib/systemd/system/*.service; do\n"
     "  [ -f \"$f\" ] && fs_grep -hE '^ExecStart=' \"$f\" | sed 's/^/unit /'\n"
     "done\n"
     "return 0"},
    {"compilers", false, false,
     "for c in gcc cc c++ g++ clang make as ld tcc; do\n"
     "  command -v \"$c\" 2>/dev/null\n"
     "done\n"
     "return 0"},
    {"disk_usage", false, false,
     "df -P / /var /var/log 2>/dev/null\n"
     "return 0"},
    {"etc_vcs", false, false,
     "for d in /etc/.git /etc/.etckeeper /etc/.hg /etc/.bzr; do\n"
     "  [ -e \"$d\" ] && echo \"$d\"\n"
     "done\n"
     "return 0"},
    {"exports", false, false,
     "[ -r /etc/exports ] || { echo '# none'; return 0; }\n"
     "fs_grep -E '^[[:space:]]*[^#[:space:]]' /etc/exports\n"
     "for f in /etc/exports.d/*.exports; do [ -r \"$f\" ] && fs_grep -E "
     "'^[[:space:]]*[^#[:space:]]' \"$f\"; done\n"
     "return 0"},
    {"faillock", false, false,
     "for f in /etc/pam.d/*; do\n"
     "  [ -f \"$f\" ] && fs_grep -hE '^[^#]*(pam_faillock|pam_tally2)' \"$f\" | sed 's/^/pam /'\n"
     "done\n"
     "[ -r /etc/security/faillock.conf ] && fs_grep -hE '^[[:space:]]*deny[[:space:]]*=' "
     "/etc/security/faillock.conf | sed 's/^/conf /'\n"
     "return 0"},
    {"file_modes", false, false,
     "for f in /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/ssh/ssh_host_*_key \\\n"
     "  /boot/grub/grub.cfg /boot/grub2/grub.cfg; do\n"
     "  [ -e \"$f\" ] && stat -c '%a %u %g %U %G %n' \"$f\"\n"
     "done\n"
     "return 0"},
    {"find_setuid", false, true,
     "find /bin /sbin /usr /opt -xdev -type f -perm /6000 2>/dev/null | head -n 500"},
    {"find_unowned", true, true,
     "find /etc /usr /opt -xdev \\( -nouser -o -nogroup \\) 2>/dev/null | head -n 200"},
    {"find_world_writable", true, true,
     "find /etc /usr /opt /boot /srv -xdev -type f -perm -0002 2>/dev/null | head -n 200"},
    {"find_ww_dirs", false, true,
     "find / -xdev -type d -perm -0002 ! -perm -1000 2>/dev/null | head -n 200"},
    {"firewall", true, false,
     "if command -v nft >/dev/null 2>&1 && nft list ruleset >/dev/null 2>&1; then\n"
     "  echo '# nft'\n"
     "  nft list ruleset 2>/dev/null\n"
     "elif command -v iptables-save >/dev/null 2>&1; then\n"
     "  echo '# iptables'\n"
     "  iptables-save 2>/dev/null\n"
     "  echo '# ip6tables'\n"
     "  ip6tables-save 2>/dev/null\n"
     "elif [ -r /proc/net/ip_tables_names ]; then\n"
     "  echo '# proc'\n"
     "  cat /proc/net/ip_tables_names\n"
     "else\n"
     "  echo '# none'\n"
     "fi\n"
     "return 0"},
    {"gnupg_dirs", false, false,
     "for d in /root/.gnupg /home/*/.gnupg; do\n"
     "  [ -d \"$d\" ] && stat -c '%a %U %n' \"$d\"\n"
     "done\n"
     "return 0"},
    {"group", false, false, "cat /etc/group"},
    {"grub_password", true, false,
     "for f in /boot/grub/grub.cfg /boot/grub2/grub.cfg; do\n"
     "  [ -r \"$f\" ] || continue\n"
     "  echo \"file $f\"\n"
     "  fs_grep -qE '^[[:space:]]*set[[:space:]]+superusers' \"$f\" && echo 'superusers'\n"
     "  fs_grep -qE '^[[:space:]]*password_pbkdf2' \"$f\" && echo 'password_pbkdf2'\n"
     "done\n"
     "return 0"},
    {"home_modes", true, false,
     "while IFS=: read -r u x uid gid g home sh; do\n"
     "  case $sh in */nologin|*/false|*/sync|*/shutdown|*/halt) continue ;; esac\n"
     "  [ \"$uid\" -ge 1000 ] 2>/dev/null || continue\n"
     "  [ \"$uid\" -eq 65534 ] && continue\n"
     "  [ -d \"$home\" ] && stat -c \"$u %a %U %n\" \"$home\"\n"
     "done < /etc/passwd\n"
     "return 0"},
    {"home_private_keys", true, true,
     "find /home /root -xdev -maxdepth 4 -type f -size -1024k ! -path '*/.ssh/*' \\\n"
     "  ! -path '*/.gnupg/*' 2>/dev/null | head -n 5000 | while IFS= read -r f; do\n"
     "  fs_grep -qE -- '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----' \"$f\" && printf '%s\\n' \"$f\"\n"
     "done | head -n 50\n"
     "return 0"},
    {"integrity_tools", false, true,
     "for t in aide tripwire samhain; do command -v \"$t\" >/dev/null 2>&1 && echo \"tool $t\"; "
     "done\n"
     "for d in /var/lib/aide/aide.db /var/lib/aide/aide.db.gz /var/lib/tripwire/*.twd "
     "/var/lib/samhain/samhain_file; do\n"
     "  [ -e \"$d\" ] && echo \"db $d\"\n"
     "done\n"
     "for f in /etc/crontab /etc/cron.d/* /etc/cron.daily/* /etc/cron.weekly/* "
     "/var/spool/cron/crontabs/* \\\n"
     "  /etc/systemd/system/*.timer /lib/systemd/system/*.timer; do\n"
     "  [ -f \"$f\" ] && fs_grep -qiE 'aide|tripwire|samhain' \"$f\" && echo \"schedule "
     "${f##*/}\"\n"
     "done\n"
     "return 0"},
    {"journald_conf", false, false,
     "if [ -e /etc/systemd/journald.conf ] || [ -d /run/systemd/journal ]; then\n"
     "  echo 'systemd'\n"
     "  for f in /etc/systemd/journald.conf /etc/systemd/journald.conf.d/*.conf; do\n"
     "    [ -r \"$f\" ] && fs_grep -hE '^[[:space:]]*(Storage|SystemMaxUse)[[:space:]]*=' \"$f\"\n"
     "  done\n"
     "  [ -d /var/log/journal ] && echo 'dir /var/log/journal'\n"
     "fi\n"
     "return 0"},
    {"kernels", false, false,
     "echo \"running $(uname -r)\"\n"
     "for k in /boot/vmlinuz-* /boot/vmlinux-*; do [ -e \"$k\" ] && echo \"installed "
     "${k#/boot/vmlinu?-}\"; done\n"
     "return 0"},
    {"lastlog_old", false, false,
     "command -v lastlog >/dev/null 2>&1 && [ -e /var/log/lastlog ] || { echo '# none'; return 0; "
     "}\n"
     "lastlog -b \"${FS_V_var_stale_login_days:-90}\" 2>/dev/null | awk 'NR > 1 {print \"old \" "
     "$1}'\n"
     "return 0"},
    {"log_forwarding", false, false,
     "for f in /etc/rsyslog.conf /etc/rsyslog.d/*.conf; do\n"
     "  [ -r \"$f\" ] && fs_grep -hE '^[^#]*(@@?[A-Za-z0-9\\[]|omfwd|omrelp)' \"$f\" | sed "
     "'s/^/rsyslog /'\n"
     "done\n"
     "for f in /etc/syslog-ng/syslog-ng.conf /etc/syslog-ng/conf.d/*; do\n"
     "  [ -r \"$f\" ] && fs_grep -hE '^[^#]*(network|tcp|udp)[[:space:]]*\\(' \"$f\" | sed "
     "'s/^/syslog-ng /'\n"
     "done\n"
     "[ -r /etc/systemd/journal-upload.conf ] &&\n"
     "  fs_grep -hE '^[[:space:]]*URL=' /etc/systemd/journal-upload.conf | sed 's/^/journal-upload "
     "/'\n"
     "for p in /proc/[0-9]*; do\n"
     "  [ -r \"$p/cmdline\" ] || continue\n"
     "  c=$(tr '\\0' ' ' < \"$p/cmdline\" 2>/dev/null)\n"
     "  case $c in *syslogd*-R*) echo \"busybox $c\" ;; esac\n"
     "done\n"
     "return 0"},
    {"logfiles_perm", true, true,
     "find /var/log -xdev -type f -perm /006 2>/dev/null | head -n 200"},
    {"login_defs", false, false,
     "[ -r /etc/login.defs ] || { echo '# missing /etc/login.defs'; return 0; }\n"
     "fs_grep -E '^[[:space:]]*(PASS_MAX_DAYS|PASS_MIN_DAYS|PASS_WARN_AGE|ENCRYPT_METHOD|UMASK|"
     "UID_MIN)[[:space:]]' /etc/login.defs\n"
     "return 0"},
    {"login_records", false, false,
     "for f in /var/log/wtmp /var/log/lastlog /var/lib/lastlog; do\n"
     "  [ -e \"$f\" ] && stat -c '%s %n' \"$f\"\n"
     "done\n"
     "return 0"},
    {"logrotate", false, false,
     "[ -r /etc/logrotate.conf ] && echo 'conf'\n"
     "[ -e /etc/cron.daily/logrotate ] && echo 'cron'\n"
     "for t in /lib/systemd/system/logrotate.timer /usr/lib/systemd/system/logrotate.timer "
     "/etc/systemd/system/logrotate.timer; do\n"
     "  [ -e \"$t\" ] && { echo 'timer'; break; }\n"
     "done\n"
     "return 0"},
    {"modules_usb", false, false,
     "[ -r /proc/modules ] && fs_grep -E '^usb_storage ' /proc/modules | sed 's/^/loaded /'\n"
     "for d in /etc/modprobe.d /lib/modprobe.d /usr/lib/modprobe.d; do\n"
     "  [ -d \"$d\" ] && fs_grep -rhE '^[[:space:]]*(blacklist|install)[[:space:]]+usb[-_]storage' "
     "\"$d\" |\n"
     "    sed 's/^/conf /'\n"
     "done\n"
     "return 0"},
    {"net_ifaces", false, false,
     "for i in /sys/class/net/*; do\n"
     "  [ -e \"$i\" ] || continue\n"
     "  b=0; w=0\n"
     "  [ -d \"$i/bridge\" ] && b=1\n"
     "  { [ -d \"$i/wireless\" ] || [ -e \"$i/phy80211\" ]; } && w=1\n"
     "  echo \"${i##*/} $b $w\"\n"
     "done\n"
     "return 0"},
    {"net_listen", false, false,
     /* /proc/net is per network namespace and present on every Linux, busybox included. */
     "for f in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do\n"
     "  [ -r \"$f\" ] || continue\n"
     "  echo \"# ${f##*/}\"\n"
     "  cat \"$f\"\n"
     "done"},
    {"ntp_conf", false, false,
     "for f in /etc/chrony/chrony.conf /etc/chrony.conf /etc/chrony/conf.d/*.conf "
     "/etc/chrony/sources.d/*.sources /etc/ntp.conf /etc/ntpsec/ntp.conf /etc/openntpd/ntpd.conf; "
     "do\n"
     "  [ -r \"$f\" ] && fs_grep -hE '^[[:space:]]*(server|pool|servers)[[:space:]]' \"$f\" | awk "
     "'{print \"server \" $2}'\n"
     "done\n"
     "for f in /etc/systemd/timesyncd.conf /etc/systemd/timesyncd.conf.d/*.conf; do\n"
     "  [ -r \"$f\" ] && fs_grep -hE '^[[:space:]]*NTP=' \"$f\" | sed 's/^[[:space:]]*NTP=//' | tr "
     "' ' '\\n' | sed '/^$/d; s/^/server /'\n"
     "done\n"
     "for p in /proc/[0-9]*; do\n"
     "  [ -r \"$p/cmdline\" ] || continue\n"
     "  c=$(tr '\\0' ' ' < \"$p/cmdline\" 2>/dev/null)\n"
     "  case $c in *ntpd*-p*) echo \"$c\" | tr ' ' '\\n' | sed -n '/^-p$/{n;s/^/server /p}' ;; "
     "esac\n"
     "done\n"
     "return 0"},
    {"pam_su", false, false,
     "[ -r /etc/pam.d/su ] || { echo '# none'; return 0; }\n"
     "fs_grep -E '^[^#]*pam_wheel' /etc/pam.d/su\n"
     "return 0"},
    {"passwd", false, false, "cat /etc/passwd"},
    {"pkg_count", false, false,
     "if command -v dpkg-query >/dev/null 2>&1; then\n"
     "  echo \"dpkg $(dpkg-query -W -f '${Status}\\n' 2>/dev/null | grep -c 'install ok "
     "installed')\"\n"
     "elif command -v rpm >/dev/null 2>&1 && [ -d /var/lib/rpm ]; then\n"
     "  echo \"rpm $(rpm -qa 2>/dev/null | wc -l)\"\n"
     "elif command -v opkg >/dev/null 2>&1; then\n"
     "  echo \"opkg $(opkg list-installed 2>/dev/null | wc -l)\"\n"
     "else\n"
     "  echo 'none'\n"
     "fi"},
    {"pkg_index", false, false,
     "now=$(date +%s); newest=0; mgr=none\n"
     "command -v apt-get >/dev/null 2>&1 && mgr=apt\n"
     "command -v dnf >/dev/null 2>&1 && mgr=dnf\n"
     "for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release /var/cache/dnf/*.solv; "
     "do\n"
     "  [ -e \"$f\" ] || continue\n"
     "  m=$(stat -c %Y \"$f\") && [ \"$m\" -gt \"$newest\" ] && newest=$m\n"
     "done\n"
     "echo \"manager $mgr\"; echo \"now $now\"; echo \"newest $newest\""},
    {"pkg_sources", false, false,
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
    {"pkg_telnet", false, false,
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
    {"pkg_verify", true, true,
     "if command -v dpkg >/dev/null 2>&1 && [ -d /var/lib/dpkg ]; then\n"
     "  echo '# dpkg'\n"
     "  dpkg --verify $FS_V_var_verify_packages 2>/dev/null\n"
     "elif command -v rpm >/dev/null 2>&1 && [ -d /var/lib/rpm ]; then\n"
     "  echo '# rpm'\n"
     "  rpm -V $FS_V_var_verify_packages 2>/dev/null\n"
     "fi\n"
     "return 0"},
    {"proc_comm", false, false, "cat /proc/[0-9]*/comm 2>/dev/null; return 0"},
    {"proc_mounts", false, false, "cat /proc/mounts"},
    {"proc_net_route", false, false, "cat /proc/net/route"},
    {"pwquality", false, false,
     "for f in /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf; do\n"
     "  [ -r \"$f\" ] && fs_grep -hE '^[[:space:]]*minlen[[:space:]]*=' \"$f\" | sed 's/^/conf /'\n"
     "done\n"
     "for f in /etc/pam.d/*; do\n"
     "  [ -f \"$f\" ] && fs_grep -hE '^[^#]*(pam_pwquality|pam_cracklib|pam_unix)[^#]*minlen=' "
     "\"$f\" | sed 's/^/pam /'\n"
     "done\n"
     "return 0"},
    {"reboot_required", false, false,
     "for f in /var/run/reboot-required /run/reboot-required; do\n"
     "  [ -e \"$f\" ] && { echo \"pending $f\"; return 0; }\n"
     "done\n"
     "command -v needs-restarting >/dev/null 2>&1 && { needs-restarting -r >/dev/null 2>&1 || echo "
     "'pending needs-restarting'; }\n"
     "return 0"},
    {"security_pending", false, true,
     "if command -v apt-get >/dev/null 2>&1; then\n"
     "  echo '# apt'\n"
     "  ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1 || echo 'noindex'\n"
     "  apt-get -s -o Debug::NoLocking=1 upgrade 2>/dev/null | fs_grep -E '^Inst .*-security' |\n"
     "    sed 's/^Inst \\([^ ]*\\).*/pending \\1/'\n"
     "elif command -v dnf >/dev/null 2>&1; then\n"
     "  echo '# dnf'\n"
     "  dnf -q --cacheonly updateinfo list --security 2>/dev/null | sed 's/^/pending /'\n"
     "fi\n"
     "return 0"},
    {"shadow_status", true, false,
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
    {"signing_keys", true, true,
     "for d in $FS_V_var_signing_key_dirs; do\n"
     "  [ -d \"$d\" ] || continue\n"
     "  echo \"dir $d\"\n"
     "  find \"$d\" -xdev -type f \\( -name '*.key' -o -name '*.pem' -o -name '*.p12' -o -name "
     "'*.pfx' \\) \\\n"
     "    -perm /044 2>/dev/null | head -n 200 | sed 's/^/readable /'\n"
     "done\n"
     "return 0"},
    {"smb_conf", false, false,
     "[ -r /etc/samba/smb.conf ] || { echo '# none'; return 0; }\n"
     "fs_grep -Ei "
     "'^[[:space:]]*(guest[[:space:]]+ok|public|map[[:space:]]+to[[:space:]]+guest)[[:space:]]*=' "
     "/etc/samba/smb.conf\n"
     "return 0"},
    {"snmpd_conf", true, false,
     "for f in /etc/snmp/snmpd.conf /etc/snmp/snmpd.local.conf; do\n"
     "  [ -r \"$f\" ] && fs_grep -Ei "
     "'^[[:space:]]*(rocommunity6?|rwcommunity6?|com2sec6?)[[:space:]]' \"$f\" |\n"
     "    awk '{print \"community \" $1}'\n"
     "done\n"
     "return 0"},
    {"sshd_effective", true, false,
     "s=$(command -v sshd 2>/dev/null)\n"
     "[ -n \"$s\" ] || for c in /usr/sbin/sshd /usr/local/sbin/sshd /sbin/sshd; do\n"
     "  [ -x \"$c\" ] && { s=$c; break; }\n"
     "done\n"
     "[ -n \"$s\" ] || return 127\n"
     "\"$s\" -T 2>&1"},
    {"sudoers", true, false,
     "command -v sudo >/dev/null 2>&1 || [ -e /etc/sudoers ] || { echo '# none'; return 0; }\n"
     "for f in /etc/sudoers /etc/sudoers.d/*; do\n"
     "  [ -f \"$f\" ] && fs_grep -hE '^[[:space:]]*[^#[:space:]]' \"$f\"\n"
     "done\n"
     "return 0"},
    {"sys_hostname", false, false, "cat /proc/sys/kernel/hostname 2>/dev/null || hostname"},
    {"sys_kernel", false, false, "cat /proc/sys/kernel/osrelease 2>/dev/null || uname -r"},
    {"sys_os_release", false, false, "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release"},
    {"sysctl_forwarding", false, false,
     "for f in /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding; do\n"
     "  [ -r \"$f\" ] && printf '%s %s\\n' \"$f\" \"$(cat \"$f\")\"\n"
     "done\n"
     "return 0"},
    {"sysctl_hardening", false, false,
     "for k in kernel/randomize_va_space kernel/dmesg_restrict kernel/kptr_restrict \\\n"
     "  kernel/yama/ptrace_scope fs/suid_dumpable net/ipv4/conf/all/accept_redirects \\\n"
     "  net/ipv4/conf/default/accept_redirects net/ipv4/conf/all/secure_redirects \\\n"
     "  net/ipv4/conf/default/secure_redirects net/ipv6/conf/all/accept_redirects \\\n"
     "  net/ipv4/conf/all/send_redirects net/ipv4/conf/default/send_redirects \\\n"
     "  net/ipv4/conf/all/accept_source_route net/ipv4/conf/default/accept_source_route \\\n"
     "  net/ipv4/tcp_syncookies net/ipv4/conf/all/rp_filter net/ipv4/conf/default/rp_filter \\\n"
     "  net/ipv6/conf/all/disable_ipv6; do\n"
     "  [ -r \"/proc/sys/$k\" ] && printf '%s %s\\n' \"$k\" \"$(cat \"/proc/sys/$k\")\"\n"
     "done\n"
     "return 0"},
    {"telnet_config", false, false,
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
    {"updates_auto", false, false,
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
    {"useradd_defaults", false, false,
     "[ -r /etc/default/useradd ] && fs_grep -hE '^[[:space:]]*INACTIVE[[:space:]]*=' "
     "/etc/default/useradd\n"
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
