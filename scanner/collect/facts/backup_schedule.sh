# Scheduled jobs: crontab lines, periodic job names, systemd units' ExecStart.
# flags: root slow
fs_f_backup_schedule() {
  for f in /etc/crontab /etc/cron.d/* /var/spool/cron/crontabs/* /var/spool/cron/*; do
    [ -f "$f" ] && fs_grep -hE '^[^#]*[^[:space:]]' "$f" | fs_sed 's/^/cron /'
  done
  for f in /etc/cron.hourly/* /etc/cron.daily/* /etc/cron.weekly/* /etc/cron.monthly/*; do
    [ -f "$f" ] && echo "periodic ${f##*/}"
  done
  for f in /etc/systemd/system/*.service /lib/systemd/system/*.service; do
    [ -f "$f" ] && fs_grep -hE '^ExecStart=' "$f" | fs_sed 's/^/unit /'
  done
  return 0
}
