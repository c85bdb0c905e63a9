# SPDX-License-Identifier: Apache-2.0
# Scheduled jobs, and only those: crontab lines ("cron LINE"), periodic job names and their
# command lines ("periodic NAME", "periodic NAME: LINE"), and for every enabled systemd timer
# (a link in a *.wants directory of /etc/systemd/system) the ExecStart lines of the unit it
# starts ("timer NAME.timer UNIT", "timed UNIT ExecStart=..."). A service file alone is not a
# schedule and is not listed.
# flags: root slow
fs_f_backup_schedule() {
  set --
  for f in /etc/crontab /etc/cron.d/* /var/spool/cron/crontabs/* /var/spool/cron/*; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_grep -hE '^[^#]*[^[:space:]]' "$@" | fs_sed 's/^/cron /'
  for f in /etc/cron.hourly/* /etc/cron.daily/* /etc/cron.weekly/* /etc/cron.monthly/*; do
    [ -f "$f" ] || continue
    echo "periodic ${f##*/}"
    # the name goes into a sed expression: only plain names
    case ${f##*/} in *[!A-Za-z0-9@._+-]*) continue ;; esac
    fs_grep -hE '^[^#]*[^[:space:]]' "$f" | fs_first 200 | fs_sed "s|^|periodic ${f##*/}: |"
  done
  for l in /etc/systemd/system/*.wants/*.timer; do
    [ -L "$l" ] || [ -f "$l" ] || continue
    t=${l##*/}
    u=
    for d in /etc/systemd/system /run/systemd/system /lib/systemd/system /usr/lib/systemd/system; do
      [ -f "$d/$t" ] || continue
      u=$(fs_grep -hE '^Unit=' "$d/$t" | fs_sed -n '1s/^Unit=//p')
      break
    done
    [ -n "$u" ] || u=${t%.timer}.service
    # names go into sed expressions and paths: only what systemd allows in a unit name
    case $u$t in *[!A-Za-z0-9@._:-]*) continue ;; esac
    echo "timer $t $u"
    for d in /etc/systemd/system /run/systemd/system /lib/systemd/system /usr/lib/systemd/system; do
      [ -f "$d/$u" ] || continue
      fs_grep -hE '^ExecStart=' "$d/$u" | fs_sed "s|^|timed $u |"
      break
    done
  done
  return 0
}
