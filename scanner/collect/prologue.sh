# SPDX-License-Identifier: Apache-2.0
# The collector's prologue: the helpers every fact uses (scanner/collect/facts/*.sh).
# Runs under dash, bash and busybox ash: no pipefail, no here-documents (bash may write them
# to temporary files), no arrays. Reads only. @FS_NONCE@ and @FS_CAP@ are filled in per run.
# Frames on stdout: "\n@@FS-<nonce> H <uid>" once, per fact "B <id>", its output, "E <id> <rc>",
# one "P <id> <report>" per probe report and "P <id> end", "S <id>" for a root fact skipped,
# "Z" at the end.
# shellcheck shell=sh
export LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset CDPATH ENV BASH_ENV
exec 4>&1
M='@@FS-@FS_NONCE@'
fs_limit=0 # seconds a fact may run (fs_watch); the script sets it after the prologue
fs_nl='
'
# a fact's output is capped with head -c where the device has head (fs_emit runs it directly:
# a shell function there would cost a process more per fact)
fs_head=
command -v head >/dev/null 2>&1 && fs_head=1

# fs_run OK TOOL [ARG...]: runs TOOL, its stdout passed on, and reports on fd 3 whether it
# really ran: "run TOOL RC" when its exit status is one of OK ("0", "0 1" for grep ...),
# "why TOOL <first line of stderr>" and "fail TOOL RC" when not, "miss TOOL" when there is no
# such command. This report is the proof behind an empty result: without pipefail a pipe's
# status is its last filter's.
fs_run() {
  fs_ok=" $1 "
  shift
  if ! command -v "$1" >/dev/null 2>&1; then
    fs_report "miss $1"
    return 127
  fi
  # One process: the tool's stdout goes on through fd 5, its stderr is captured and its status
  # is the substitution's (no pipe, no reader process: this runs for every tool of every fact;
  # the tool alone in the substitution, dash and busybox exec it without a fork more).
  { fs_e=$("$@" 2>&1 >&5 5>&- 3>&-); fs_s=$?; } 5>&1
  case $fs_ok in
    *" $fs_s "*) fs_report "run $1 $fs_s" ;;
    *)
      [ -n "$fs_e" ] && fs_report "why $1 $(printf '%.160s' "${fs_e%%"$fs_nl"*}")"
      fs_report "fail $1 $fs_s"
      ;;
  esac
  return "$fs_s"
}
# One report line on fd 3, already framed for the fact being collected. Only "run" reports are
# given once per shell (a tool run per file would repeat them); a failure is always reported,
# and the dedupe key cannot be forged by a file name: it is the whole line.
fs_report() {
  case $1 in
    run\ *)
      case $fs_seen in
        *"$fs_nl$1$fs_nl"*) return 0 ;;
      esac
      fs_seen="$fs_seen$1$fs_nl"
      ;;
  esac
  printf '%s P %s %s\n' "$M" "$fs_fact" "$1" >&3
}
# grep that reads binary junk as text (a configuration file with junk must still show its
# settings); no match is a result, a file it cannot read is not. Call as fs_grep [-OPTS]
# PATTERN [FILE...]: files that are not safe to read (fs_safe) are reported and left out.
fs_grep() {
  fs_n=$#
  fs_i=0
  fs_pat=
  fs_files=0
  fs_kept=0
  while [ "$fs_i" -lt "$fs_n" ]; do
    fs_a=$1
    shift
    fs_i=$((fs_i + 1))
    if [ -z "$fs_pat" ]; then
      case $fs_a in -*) ;; *) fs_pat=1 ;; esac
    else
      fs_files=$((fs_files + 1))
      fs_safe "$fs_a"
      [ $? -eq 2 ] && continue
      fs_kept=$((fs_kept + 1))
    fi
    set -- "$@" "$fs_a"
  done
  [ "$fs_files" -gt 0 ] && [ "$fs_kept" -eq 0 ] && return 2
  fs_run "0 1" grep -a "$@"
}
# fs_grep_each TAG ERE FILE...: for each FILE (vetted by the caller) "TAG FILE", then "| LINE" for
# each of its lines ERE matches, letters of either case: grep -Ei per file, in one awk for them
# all. ERE holds no backslash (awk -v reads escapes: "[[]" for a bracket); its "[[:space:]]"
# is spelled out for awks without POSIX classes (mawk 1.3.3, Debian 10's). A file that cannot be
# read fails it.
fs_grep_each() {
  fs_t=$1 fs_re=$2
  shift 2
  [ $# -gt 0 ] || return 0
  fs_awk -v tag="$fs_t" -v re="$fs_re" 'BEGIN {
    re = tolower(re)
    gsub(/\[\[:space:\]\]/, "[ \t\r\f\v]", re)
    for (i = 1; i < ARGC; i++) {
      f = ARGV[i]
      print tag " " f
      while ((r = (getline l < f)) > 0) if (tolower(l) ~ re) print "| " l
      if (r < 0) { print "cannot read " f > "/dev/stderr"; bad = 1 }
      close(f)
    }
    exit (bad ? 2 : 0)
  }' "$@"
}
# The first N lines of stdin and "# more K" for the rest; reads to the end so the producer is
# never cut by SIGPIPE (its status stays its own).
fs_first() {
  fs_run 0 awk -v n="$1" 'NR <= n { print; next } END { if (NR > n) print "# more " NR - n }'
}
fs_sed() { fs_run 0 sed "$@"; }
fs_awk() { fs_run 0 awk "$@"; }
# fs_need TOOL...: reports each missing TOOL (for tools run once per item, such as tr in a loop
# over processes, whose single failures do not matter but whose absence does).
fs_need() {
  for fs_t in "$@"; do
    command -v "$fs_t" >/dev/null 2>&1 || { fs_report "miss $fs_t"; return 127; }
  done
}
# The package databases decide which manager a device has, not whether a tool is found (a
# tool missing from PATH proves nothing). One place for their paths.
fs_has_dpkg() { [ -d /var/lib/dpkg ]; }
fs_has_rpm() { [ -d /var/lib/rpm ] || [ -d /usr/lib/sysimage/rpm ]; }
# The package database a fact reads: prints "# dpkg", "# rpm" or "# none"; fails for none.
fs_pkg_db() {
  if fs_has_dpkg; then
    echo '# dpkg'
  elif fs_has_rpm; then
    echo '# rpm'
  else
    echo '# none'
    return 1
  fi
}
# dpkg's path filters (minimized images): "filter exclude|include GLOB" lines. dpkg reads
# dpkg.cfg.d/* in name order (only names of letters, digits, _ and -), then dpkg.cfg; the last
# filter that matches a path wins.
fs_dpkg_filters() {
  for f in /etc/dpkg/dpkg.cfg.d/* /etc/dpkg/dpkg.cfg; do
    case ${f##*/} in *[!A-Za-z0-9_-]*) [ "$f" = /etc/dpkg/dpkg.cfg ] || continue ;; esac
    [ -f "$f" ] || continue
    fs_grep -hE '^[[:space:]]*path-(exclude|include)([[:space:]]|=)' "$f" | fs_sed -n \
      -e 's/^[[:space:]]*path-exclude[[:space:]=][[:space:]]*\([^[:space:]]*\).*/filter exclude \1/p' \
      -e 's/^[[:space:]]*path-include[[:space:]=][[:space:]]*\([^[:space:]]*\).*/filter include \1/p'
  done
}
# fs_safe FILE: whether the collector may read FILE: 0 for a regular file (through a symbolic
# link only when root owns the link), 1 when there is no such file, 2 otherwise, reported as
# "odd notfile FILE" (a FIFO whose open() blocks, a device such as /dev/zero, a socket, a
# dangling or looping link) or "odd userlink FILE" (a link a user planted to make root read
# another file, such as ~/.ssh/authorized_keys -> /etc/shadow).
fs_safe() {
  fs_link_ok "$1" || return 2
  [ -f "$1" ] && return 0
  [ -e "$1" ] || [ -L "$1" ] || return 1
  fs_report "odd notfile $1"
  return 2
}
fs_link_ok() {
  [ -L "$1" ] || return 0
  # find -P (its default) tests the link itself, not what it points to
  [ -n "$(find "$1" -maxdepth 0 -user 0 2>/dev/null)" ] && return 0
  fs_report "odd userlink $1"
  return 2
}
# Reads files whole; a file that exists but cannot be read is reported, not skipped, and a file
# that is not safe to read (fs_safe) is reported and not opened.
fs_cat() {
  for fs_a in "$@"; do
    fs_safe "$fs_a"
    [ $? -eq 2 ] && return 2
  done
  fs_run 0 cat "$@"
}

# fs_watch PID: the per-fact time limit. After $fs_limit seconds it reports the fact as stopped
# ("time N"), gives it the exit status 124 and kills every process below PID (the fact's
# subshell) but itself, so that one stuck read (an NFS mount, a tool that hangs) costs one
# fact, not the host. It wakes at each tick of the run's ticker on fd 8 (fs_ticked) and counts
# the seconds since the fact began on the clock of /proc/uptime, so that ticks nobody read
# between facts count for nothing; without ticks (no ticker, or it ended) it sleeps a second at
# a time, so that, killed when the fact ends, it leaves at most a one-second sleep behind,
# holding none of the collector's pipes.
fs_watch() {
  fs_i=0
  if read -r fs_t0 _ 2>/dev/null </proc/uptime; then
    fs_t0=${fs_t0%%.*}
    fs_last=$fs_t0 fs_same=0
    while [ "$fs_i" -lt "$fs_limit" ] && read -r _ 2>/dev/null <&8; do
      read -r fs_now _ 2>/dev/null </proc/uptime || break
      fs_now=${fs_now%%.*}
      # a clock still over five ticks (a broken container, or ticks that waited in the pipe):
      # the sleeps below count instead, so a fact is never stopped early
      if [ "$fs_now" = "$fs_last" ]; then
        fs_same=$((fs_same + 1))
        [ "$fs_same" -lt 5 ] || break
      else
        fs_same=0 fs_last=$fs_now
      fi
      fs_i=$((fs_now - fs_t0))
    done
  fi
  while [ "$fs_i" -lt "$fs_limit" ]; do
    sleep 1 >/dev/null 2>&1 3>&- 8<&- || return 0
    fs_i=$((fs_i + 1))
  done
  trap '' TERM # the fact's end must not stop the killing half-way
  fs_report "time $fs_limit"
  echo 'rc 124' >&3
  read -r fs_self _ 2>/dev/null </proc/self/stat || return 0
  fs_kill_below "$1" "$fs_self"
}
# fs_ticker: the run's clock for the watchdogs: its own process id, then a line a second.
fs_ticker() {
  read -r fs_tp _ 2>/dev/null </proc/self/stat || return 0
  echo "$fs_tp"
  while sleep 1; do
    echo t || return 0
  done
}
# fs_ticked FN: runs FN (the facts) with the ticker's lines on fd 8, one sleep a second for the
# whole run instead of one per fact, and stops the ticker when FN returns (SIGPIPE: no shell
# reports it); without a time limit or /proc/uptime, FN alone (fd 8 empty: the watchdogs sleep
# themselves).
fs_ticked() {
  if [ "${fs_limit:-0}" -gt 0 ] && [ -r /proc/uptime ] && [ -r /proc/self/stat ]; then
    fs_ticker </dev/null 2>/dev/null | {
      exec 8<&0 </dev/null
      read -r fs_tick <&8 || fs_tick=
      "$1"
      [ -z "$fs_tick" ] || kill -s PIPE "$fs_tick" 2>/dev/null
    }
  else
    "$1" </dev/null 8</dev/null
  fi
}
# fs_kill_below ROOT KEEP: kills the processes descending from ROOT (from /proc), except KEEP.
fs_kill_below() {
  fs_tree=" $1 "
  fs_more=1
  while [ -n "$fs_more" ]; do
    fs_more=
    for fs_st in /proc/[0-9]*/stat; do
      read -r fs_l 2>/dev/null <"$fs_st" || continue
      fs_p=${fs_l%% *}
      fs_l=${fs_l##*') '}
      fs_l=${fs_l#* }
      case $fs_tree in *" $fs_p "*) continue ;; esac
      case $fs_tree in *" ${fs_l%% *} "*) fs_tree="$fs_tree$fs_p " fs_more=1 ;; esac
    done
  done
  for fs_p in $fs_tree; do
    [ "$fs_p" = "$1" ] || [ "$fs_p" = "$2" ] || kill -9 "$fs_p" 2>/dev/null
  done
}

# Runs one fact: "B", its output (capped at $2 bytes), "E" with the fact's exit status, its probe
# reports, and "P <fact> end" last, so that a report lost to a cut or a cap leaves the fact
# unproven. A watchdog (fs_watch) stops a fact that runs past $fs_limit seconds.
fs_emit() {
  printf '\n%s B %s\n' "$M" "$1"
  fs_fact=$1
  fs_seen=$fs_nl
  fs_capn=${2:-@FS_CAP@}
  fs_rc=$( {
    fs_w=
    if [ "${fs_limit:-0}" -gt 0 ] && read -r fs_me _ 2>/dev/null </proc/self/stat; then
      fs_watch "$fs_me" </dev/null >/dev/null 2>&1 4>&- &
      fs_w=$!
    fi
    if [ -n "$fs_head" ]; then
      { "fs_f_$1" </dev/null 2>/dev/null 8<&-; echo "rc $?" >&3; } | head -c "$fs_capn" >&4 8<&-
    else
      { "fs_f_$1" </dev/null 2>/dev/null 8<&-; echo "rc $?" >&3; } | cat >&4 8<&-
    fi
    [ -z "$fs_w" ] || kill "$fs_w" 2>/dev/null
  } 3>&1)
  fs_r=${fs_rc##*"$fs_nl"}
  case $fs_r in
    'rc '*) fs_r=${fs_r#rc } ;;
    *) fs_r=255 ;;
  esac
  printf '\n%s E %s %s\n' "$M" "$1" "$fs_r"
  case $fs_rc in
    *"$fs_nl"*) printf '%s\n' "${fs_rc%"$fs_nl"*}" ;;
  esac
  printf '%s P %s end\n' "$M" "$1"
}
# fs_priority_low: the collector's CPU and I/O priority lowered for the whole run (every process
# it starts inherits them): nice 19 with renice, I/O class idle with ionice -c3 where the device
# has ionice (busybox may not). Never fails the run: the sys_collector fact says what applied.
# shellcheck disable=SC2034 # fs_prio and fs_renice are read by the sys_collector fact
fs_prio=normal fs_renice=
fs_priority_low() {
  # shellcheck disable=SC2034 # as above
  fs_prio=low fs_renice=absent
  if command -v renice >/dev/null 2>&1; then
    renice -n 19 -p $$ >/dev/null 2>&1
    # shellcheck disable=SC2034 # as above
    fs_renice=$?
  fi
  if command -v ionice >/dev/null 2>&1; then
    ionice -c3 -p $$ >/dev/null 2>&1
  fi
  return 0
}
# The shared file-system walk (facts/walk.sh): fs_walk_part_root TAG FACT adds a part that needs
# root to the walk, or reports the fact skipped when the collector is not root. A part's own
# function is never sent: fs_walk_part says so if it ever runs.
fs_walk_part_root() {
  if [ "$fs_uid" = 0 ]; then fs_walk_tags=${fs_walk_tags}$1; else printf '\n%s S %s\n' "$M" "$2"; fi
}
fs_walk_part() {
  echo "# $1 is a part of the shared file-system walk (walk)"
  return 2
}
fs_root() {
  if [ "$fs_uid" = 0 ]; then fs_emit "$1" "$2"; else printf '\n%s S %s\n' "$M" "$1"; fi
}
fs_uid=$(id -u 2>/dev/null) || fs_uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
printf '\n%s H %s\n' "$M" "$fs_uid"
