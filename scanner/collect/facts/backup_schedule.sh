# SPDX-License-Identifier: Apache-2.0
# Scheduled jobs, and only those: crontab lines ("cron LINE"), periodic job names and their
# command lines ("periodic NAME", "periodic NAME: LINE"), and for every enabled systemd timer
# (a link in a *.wants directory of /etc/systemd/system) the ExecStart lines of the unit it
# starts ("timer NAME.timer UNIT", "timed UNIT ExecStart=..."). A service file alone is not a
# schedule and is not listed.
# flags: root slow
fs_f_backup_schedule() {
  # the files as operands, each with a letter: c a crontab, p a periodic job, t NAME|FILE an
  # enabled timer and the first unit file of that name (empty: none)
  set --
  for f in /etc/crontab /etc/cron.d/* /var/spool/cron/crontabs/* /var/spool/cron/*; do
    [ -f "$f" ] && set -- "$@" "c$f"
  done
  for f in /etc/cron.hourly/* /etc/cron.daily/* /etc/cron.weekly/* /etc/cron.monthly/*; do
    [ -f "$f" ] && set -- "$@" "p$f"
  done
  for l in /etc/systemd/system/*.wants/*.timer; do
    [ -L "$l" ] || [ -f "$l" ] || continue
    t=${l##*/}
    # names go into paths: only what systemd allows in a unit name
    case $t in *[!A-Za-z0-9@._:-]*) continue ;; esac
    u=
    for d in /etc/systemd/system /run/systemd/system /lib/systemd/system /usr/lib/systemd/system; do
      [ -f "$d/$t" ] && { u=$d/$t; break; }
    done
    set -- "$@" "t$t|$u"
  done
  [ $# -gt 0 ] || return 0
  # One awk reads them all (a grep and a sed per job before); a file it cannot read fails it.
  # shellcheck disable=SC2016 # awk's own variables
  fs_awk '
    function rd(f) { r = getline line < f; if (r < 0) { print "cannot read " f > "/dev/stderr"; bad = 1 }; return r > 0 }
    # a line with more than blanks (no POSIX class: mawk 1.3.3 has none)
    function job(l) { return l ~ /^[^#]*[^ \t\r\f\v]/ }
    BEGIN {
      split("/etc/systemd/system /run/systemd/system /lib/systemd/system /usr/lib/systemd/system", dirs, " ")
      for (i = 1; i < ARGC; i++) {
        a = ARGV[i]; k = substr(a, 1, 1); f = substr(a, 2)
        if (k == "c") { while (rd(f)) if (job(line)) print "cron " line; close(f) }
        if (k == "p") {
          n = f; sub(/.*\//, "", n)
          print "periodic " n
          # the name is quoted in lines of its own: only plain names
          if (n !~ /^[A-Za-z0-9@._+-]+$/) continue
          c = 0
          while (rd(f)) if (job(line) && ++c <= 200) print "periodic " n ": " line
          if (c > 200) print "periodic " n ": # more " c - 200
          close(f)
        }
        if (k == "t") {
          t = f; sub(/[|].*/, "", t); uf = f; sub(/^[^|]*[|]/, "", uf)
          u = ""
          if (uf != "") { while (rd(uf)) if (u == "" && line ~ /^Unit=/) u = substr(line, 6); close(uf) }
          if (u == "") { u = t; sub(/[.]timer$/, "", u); u = u ".service" }
          # the unit goes into a path: only what systemd allows in a unit name
          if (u !~ /^[A-Za-z0-9@._:-]+$/) continue
          print "timer " t " " u
          # the first unit file of that name that opens (none: no command is known)
          for (j = 1; j <= 4; j++) {
            sf = dirs[j] "/" u
            r = getline line < sf
            if (r < 0) continue
            if (r > 0) do { if (line ~ /^ExecStart=/) print "timed " u " " line } while (rd(sf))
            close(sf)
            break
          }
        }
      }
      exit (bad ? 2 : 0)
    }' "$@"
  return 0
}
