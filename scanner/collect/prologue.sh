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
fs_nl='
'
if command -v head >/dev/null 2>&1; then
  fs_cap() { head -c @FS_CAP@; }
else
  fs_cap() { cat; }
fi

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
  # One subshell: the tool's stdout goes on through fd 5, its stderr and then its status are
  # captured (no pipe, no reader process: this runs for every tool of every fact).
  { fs_e=$("$@" 2>&1 >&5 5>&- 3>&-; printf '\n%s' "$?"); } 5>&1
  fs_s=${fs_e##*"$fs_nl"}
  fs_e=${fs_e%"$fs_nl"*}
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
# settings); no match is a result, a file it cannot read is not.
fs_grep() { fs_run "0 1" grep -a "$@"; }
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
# Reads a file whole; a file that exists but cannot be read is reported, not skipped.
fs_cat() { fs_run 0 cat "$@"; }

# Runs one fact: "B", its output (capped), "E" with the fact's exit status, its probe reports,
# and "P <fact> end" last, so that a report lost to a cut or a cap leaves the fact unproven.
fs_emit() {
  printf '\n%s B %s\n' "$M" "$1"
  fs_fact=$1
  fs_seen=$fs_nl
  fs_rc=$( { { "fs_f_$1" </dev/null 2>/dev/null; echo "rc $?" >&3; } | fs_cap >&4; } 3>&1)
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
fs_root() {
  if [ "$fs_uid" = 0 ]; then fs_emit "$1"; else printf '\n%s S %s\n' "$M" "$1"; fi
}
fs_uid=$(id -u 2>/dev/null) || fs_uid=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/self/status)
printf '\n%s H %s\n' "$M" "$fs_uid"
