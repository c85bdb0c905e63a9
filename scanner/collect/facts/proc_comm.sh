# SPDX-License-Identifier: Apache-2.0
# The command names of the running processes (/proc/*/comm).
# flags:
fs_f_proc_comm() {
  [ -r /proc/self/comm ] || { echo '# no /proc'; return 2; }
  # /proc mounted with hidepid hides other users' processes: then absence proves nothing
  [ -r /proc/1/comm ] || { echo '# /proc hides other processes (hidepid)'; return 2; }
  # dash's read returns 1 on /proc files although it read the line: test the value, not read.
  n=0
  for p in /proc/[0-9]*/comm; do
    c=
    IFS= read -r c <"$p" 2>/dev/null
    [ -n "$c" ] || continue
    printf '%s\n' "$c"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || { echo '# no process could be read'; return 2; }
  return 0
}
