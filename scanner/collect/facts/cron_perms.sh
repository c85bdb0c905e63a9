# SPDX-License-Identifier: Apache-2.0
# Mode and owner (stat -L: a symbolic link's target) of the places cron and anacron read jobs
# from: /etc/crontab, /etc/cron.d, /etc/cron.{hourly,daily,weekly,monthly,yearly}, the files in
# those directories, and /etc/anacrontab: "mode uid gid user group path" lines, as file_modes
# prints them; "# none" when none of them exists.
# flags:
# shellcheck disable=SC2154 # fs_nl is set by the prologue
fs_f_cron_perms() {
  set --
  for f in /etc/crontab /etc/anacrontab /etc/cron.d /etc/cron.hourly /etc/cron.daily \
    /etc/cron.weekly /etc/cron.monthly /etc/cron.yearly; do
    { [ -e "$f" ] || [ -L "$f" ]; } || continue
    set -- "$@" "$f"
    [ -d "$f" ] || continue
    for g in "$f"/*; do
      { [ -e "$g" ] || [ -L "$g" ]; } || continue
      case $g in *"$fs_nl"*) echo "# a file name with a newline in $f: not judged"; return 2 ;; esac
      set -- "$@" "$g"
    done
  done
  [ $# -eq 0 ] && { echo '# none'; return 0; }
  fs_run 0 stat -L -c '%a %u %g %U %G %n' "$@"
}
