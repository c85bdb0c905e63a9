# SPDX-License-Identifier: Apache-2.0
# File-integrity tools (AIDE, Tripwire, Samhain): installed, their databases, and jobs that run
# them.
# flags: slow
fs_f_integrity_tools() {
  for t in aide tripwire samhain; do
    command -v "$t" >/dev/null 2>&1 && echo "tool $t"
  done
  for d in /var/lib/aide/aide.db /var/lib/aide/aide.db.gz /var/lib/tripwire/*.twd \
    /var/lib/samhain/samhain_file; do
    [ -e "$d" ] && echo "db $d"
  done
  set --
  for f in /etc/crontab /etc/cron.d/* /etc/cron.daily/* /etc/cron.weekly/* \
    /var/spool/cron/crontabs/* /etc/systemd/system/*.timer /lib/systemd/system/*.timer; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_grep -liE 'aide|tripwire|samhain' "$@" | while IFS= read -r f; do
    echo "schedule ${f##*/}"
  done
  return 0
}
