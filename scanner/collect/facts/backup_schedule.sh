# SPDX-License-Identifier: Apache-2.0
# Scheduled jobs: crontab lines, periodic job names, systemd units' ExecStart.
# flags: root slow
fs_f_backup_schedule() {
  set --
  for f in /etc/crontab /etc/cron.d/* /var/spool/cron/crontabs/* /var/spool/cron/*; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_grep -hE '^[^#]*[^[:space:]]' "$@" | fs_sed 's/^/cron /'
  for f in /etc/cron.hourly/* /etc/cron.daily/* /etc/cron.weekly/* /etc/cron.monthly/*; do
    [ -f "$f" ] && echo "periodic ${f##*/}"
  done
  set --
  for f in /etc/systemd/system/*.service /lib/systemd/system/*.service; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_grep -hE '^ExecStart=' "$@" | fs_sed 's/^/unit /'
  return 0
}
