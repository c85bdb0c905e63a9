# SPDX-License-Identifier: Apache-2.0
# Whether the clock is synchronised, as the time tools report it: "TAG rc N" and up to 40 lines
# of output, each after "TAG ", for timedatectl show -p NTPSynchronized (where systemd runs),
# chronyc -n tracking, ntpq -pn and adjtimex (the kernel's own state, busybox's applet or the
# adjtimex package). A tool that is not installed is left out; one that cannot answer (no daemon)
# shows its status. Nothing is changed: every query only reads.
# flags:
fs_f_time_sync() {
  if [ -d /run/systemd/system ] && command -v timedatectl >/dev/null 2>&1; then
    fs_ts_ask timedatectl timedatectl show -p NTPSynchronized
  fi
  command -v chronyc >/dev/null 2>&1 && fs_ts_ask chronyc chronyc -n tracking
  command -v ntpq >/dev/null 2>&1 && fs_ts_ask ntpq ntpq -pn
  command -v adjtimex >/dev/null 2>&1 && fs_ts_ask adjtimex adjtimex
  return 0
}
# fs_ts_ask TAG TOOL [ARG...]: the tool's status and its first 40 lines (stderr included: it
# says why a daemon did not answer), each line after TAG.
fs_ts_ask() {
  fs_t=$1
  shift
  fs_o=$("$@" 2>&1 </dev/null)
  echo "$fs_t rc $?"
  printf '%s\n' "$fs_o" | {
    fs_k=0
    while IFS= read -r fs_l && [ "$fs_k" -lt 40 ]; do
      printf '%s %s\n' "$fs_t" "$fs_l"
      fs_k=$((fs_k + 1))
    done
    cat >/dev/null
  }
}
