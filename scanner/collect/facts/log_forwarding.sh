# SPDX-License-Identifier: Apache-2.0
# Remote log forwarding: rsyslog and syslog-ng targets, journal-upload URL, busybox syslogd -R.
# flags:
fs_f_log_forwarding() {
  for f in /etc/rsyslog.conf /etc/rsyslog.d/*.conf; do
    [ -e "$f" ] && fs_grep -hE '^[^#]*(@@?[A-Za-z0-9\[]|omfwd|omrelp)' "$f" | fs_sed 's/^/rsyslog /'
  done
  for f in /etc/syslog-ng/syslog-ng.conf /etc/syslog-ng/conf.d/*; do
    [ -f "$f" ] && fs_grep -hE '^[^#]*(network|tcp|udp)[[:space:]]*\(' "$f" | fs_sed 's/^/syslog-ng /'
  done
  [ -e /etc/systemd/journal-upload.conf ] &&
    fs_grep -hE '^[[:space:]]*URL=' /etc/systemd/journal-upload.conf | fs_sed 's/^/journal-upload /'
  fs_need tr || return 0
  # only a syslogd (or a busybox started as "busybox syslogd") has its command line read: one tr
  # per process of a busy device costs more than the rest of the fact; dash's read returns 1 on
  # /proc files although it read the line: test the value, not read
  for p in /proc/[0-9]*; do
    c=
    IFS= read -r c <"$p/comm" 2>/dev/null
    case $c in *syslogd* | busybox*) ;; *) continue ;; esac
    [ -r "$p/cmdline" ] || continue
    c=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)
    case $c in *syslogd*-R*) echo "busybox $c" ;; esac
  done
  return 0
}
