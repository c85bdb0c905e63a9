# SPDX-License-Identifier: Apache-2.0
# Time servers configured for chrony, ntpd, openntpd, systemd-timesyncd and busybox ntpd -p.
# flags:
fs_f_ntp_conf() {
  for f in /etc/chrony/chrony.conf /etc/chrony.conf /etc/chrony/conf.d/*.conf \
    /etc/chrony/sources.d/*.sources /etc/ntp.conf /etc/ntpsec/ntp.conf /etc/openntpd/ntpd.conf; do
    [ -e "$f" ] && fs_grep -hE '^[[:space:]]*(server|pool|servers)[[:space:]]' "$f" |
      fs_awk '{print "server " $2}'
  done
  for f in /etc/systemd/timesyncd.conf /etc/systemd/timesyncd.conf.d/*.conf; do
    [ -e "$f" ] && fs_grep -hE '^[[:space:]]*NTP=' "$f" | fs_sed 's/^[[:space:]]*NTP=//' |
      fs_awk '{ for (i = 1; i <= NF; i++) print "server " $i }'
  done
  fs_need tr || return 0
  # only an ntpd (or a busybox started as "busybox ntpd") has its command line read: one tr per
  # process of a busy device costs more than the rest of the fact; dash's read returns 1 on
  # /proc files although it read the line: test the value, not read
  for p in /proc/[0-9]*; do
    c=
    IFS= read -r c <"$p/comm" 2>/dev/null
    case $c in *ntpd* | busybox*) ;; *) continue ;; esac
    [ -r "$p/cmdline" ] || continue
    c=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)
    case $c in
      *ntpd*-p*)
        set -f
        # shellcheck disable=SC2086 # split the command line into words, globbing off
        set -- $c
        set +f
        while [ $# -gt 1 ]; do
          [ "$1" = -p ] && echo "server $2"
          shift
        done
        ;;
    esac
  done
  return 0
}
