#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The backup_schedule fact on staged jobs: in a mount namespace of its own with /etc and /run
# as overlays (nothing reaches this machine's files), crontab lines as they are but blank ones
# (the check reads comments), a periodic job of 206 lines cut at 200 with the rest counted, an
# empty one and one with an odd name (named, not quoted), an enabled timer whose Unit= names a
# service found in the second unit directory, one whose service file is empty in the first (no
# command: the first found counts), one with no unit file at all, and one whose Unit= is no unit
# name (left out).
# Root only (unshare, mounts): 77 elsewhere. Usage: backup_schedule.sh SOURCE_DIR
set -eu
src=$1
# shellcheck source=tests/collect/fact_env.sh
. "$src/tests/collect/fact_env.sh"
fact_env_ns "$@"
dir=$(mktemp -d /tmp/fs-backupsched.XXXXXX)
trap 'umount /etc /run 2>/dev/null; rm -rf "$dir"' EXIT
fail() {
  echo "backup_schedule: $*" >&2
  [ ! -f "$dir/out" ] || grep -v '^periodic [a-z-]*: ' "$dir/out" | sed 's/^/  /' >&2
  exit 1
}
for d in etc run; do
  mkdir -p "$dir/$d.u" "$dir/$d.w"
  mount -t overlay overlay -o "lowerdir=/$d,upperdir=$dir/$d.u,workdir=$dir/$d.w" "/$d"
done
mkdir -p /etc/cron.d /etc/cron.daily /etc/cron.weekly /etc/systemd/system/timers.target.wants \
  /run/systemd/system
rm -f /etc/crontab
printf '# m h dom mon dow user command\n\n   \n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n' \
  >/etc/crontab
printf 'SHELL=/bin/sh\n# nightly\n30 2 * * * root /usr/local/bin/fs-backup --all # to the NAS\n' \
  >/etc/cron.d/fs-backup
{
  echo '#!/bin/sh'
  i=0
  while [ $i -lt 205 ]; do
    i=$((i + 1))
    echo "echo line $i"
  done
} >/etc/cron.daily/fs-long
: >/etc/cron.daily/fs-empty
printf 'tar czf /backup/etc.tgz /etc\n' >"/etc/cron.weekly/fs odd"
wants=/etc/systemd/system/timers.target.wants
printf '[Timer]\nOnCalendar=daily\nUnit=fs-restic.service\n' >/etc/systemd/system/fs-nightly.timer
ln -s /etc/systemd/system/fs-nightly.timer "$wants/fs-nightly.timer"
printf '[Service]\nExecStart=/usr/bin/restic backup /srv\n' >/run/systemd/system/fs-restic.service
printf '[Timer]\nOnCalendar=weekly\n' >/etc/systemd/system/fs-hollow.timer
ln -s /etc/systemd/system/fs-hollow.timer "$wants/fs-hollow.timer"
: >/etc/systemd/system/fs-hollow.service
printf '[Service]\nExecStart=/usr/bin/never-read\n' >/run/systemd/system/fs-hollow.service
ln -s /nonexistent/fs-orphan.timer "$wants/fs-orphan.timer"
printf '[Timer]\nUnit=../../shadow\n' >/etc/systemd/system/fs-sly.timer
ln -s /etc/systemd/system/fs-sly.timer "$wants/fs-sly.timer"

fact_env_load "$dir" "$src" backup_schedule
fact_env_run fs_f_backup_schedule >"$dir/out"
has() { grep -qxF -- "$1" "$dir/out" || fail "no line '$1'"; }
hasnt() { if grep -q -- "$1" "$dir/out"; then fail "a line matching '$1'"; fi; }

has 'cron 17 * * * * root cd / && run-parts --report /etc/cron.hourly'
has 'cron SHELL=/bin/sh'
has 'cron 30 2 * * * root /usr/local/bin/fs-backup --all # to the NAS'
has 'cron # nightly'
hasnt '^cron *$'
has 'periodic fs-long'
has 'periodic fs-long: echo line 199'
hasnt '^periodic fs-long: echo line 200$'
has 'periodic fs-long: # more 6'
[ "$(grep -c '^periodic fs-long: ' "$dir/out")" = 201 ] || fail "fs-long not cut at 200 lines"
has 'periodic fs-empty'
hasnt '^periodic fs-empty:'
has 'periodic fs odd'
hasnt '^periodic fs odd:'
has 'timer fs-nightly.timer fs-restic.service'
has 'timed fs-restic.service ExecStart=/usr/bin/restic backup /srv'
has 'timer fs-hollow.timer fs-hollow.service'
hasnt 'never-read'
has 'timer fs-orphan.timer fs-orphan.service'
hasnt '^timed fs-orphan'
hasnt 'fs-sly\|shadow'
if grep -q '^fail ' "$dir/reports"; then fail "a probe failed: $(grep '^fail ' "$dir/reports")"; fi
echo "backup_schedule: $(wc -l <"$dir/out") lines, every staged job as expected"
