# SPDX-License-Identifier: Apache-2.0
# Whether log rotation is configured and scheduled (cron or systemd timer).
# flags:
fs_f_logrotate() {
  [ -e /etc/logrotate.conf ] && echo 'conf'
  [ -e /etc/cron.daily/logrotate ] && echo 'cron'
  for t in /lib/systemd/system/logrotate.timer /usr/lib/systemd/system/logrotate.timer \
    /etc/systemd/system/logrotate.timer; do
    [ -e "$t" ] && { echo 'timer'; break; }
  done
  return 0
}
