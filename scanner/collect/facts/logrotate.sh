# SPDX-License-Identifier: Apache-2.0
# Whether log rotation is configured and scheduled (cron or systemd timer), and each running
# syslogd (busybox's rotates its own file when built with it): "exe PATH" (/proc/PID/exe, "?"
# when unreadable), "rotate yes|no|unknown" (whether that busybox's syslogd usage offers -s, from
# "busybox syslogd --help", run only for a busybox in /bin, /sbin, /usr/bin or /usr/sbin), then
# "syslogd UID ARGV" (its command line, NULs and newlines as blanks, 400 bytes at most).
# flags:
fs_f_logrotate() {
  [ -e /etc/logrotate.conf ] && echo 'conf'
  [ -e /etc/cron.daily/logrotate ] && echo 'cron'
  for t in /lib/systemd/system/logrotate.timer /usr/lib/systemd/system/logrotate.timer \
    /etc/systemd/system/logrotate.timer; do
    [ -e "$t" ] && { echo 'timer'; break; }
  done
  # dash's read returns 1 on /proc files although it read the line: test the value, not read.
  for p in /proc/[0-9]*; do
    c=
    IFS= read -r c <"$p/comm" 2>/dev/null
    [ "$c" = syslogd ] || continue
    fs_need tr || return 0
    u=
    while read -r k v _; do
      [ "$k" = Uid: ] && { u=$v; break; }
    done <"$p/status" 2>/dev/null
    e=
    command -v readlink >/dev/null 2>&1 && e=$(readlink "$p/exe" 2>/dev/null)
    e=$(printf '%s' "${e:-?}" | tr '\n\r' '__')
    a=$(tr '\0\n\r' '   ' <"$p/cmdline" 2>/dev/null)
    [ -n "$a" ] || continue # a zombie or a process that ended
    r=unknown
    case $e in
      /bin/busybox | /sbin/busybox | /usr/bin/busybox | /usr/sbin/busybox)
        # usage goes to stderr; rotation (-s SIZE, -b N) is a build option (Debian's lacks it)
        h=$("$e" syslogd --help 2>&1 </dev/null)
        case $h in
          *'Usage: syslogd'*-s\ SIZE*) r=yes ;;
          *'Usage: syslogd'*) r=no ;;
        esac
        ;;
    esac
    printf 'exe %.300s\n' "$e"
    echo "rotate $r"
    printf 'syslogd %s %.400s\n' "${u:-?}" "$a"
  done
  return 0
}
