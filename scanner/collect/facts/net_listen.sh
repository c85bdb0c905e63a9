# SPDX-License-Identifier: Apache-2.0
# The kernel's socket tables (/proc/net/tcp, udp and their IPv6 twins, which exist only with IPv6)
# and, under "# owner", the processes holding a udp/68 socket (a DHCP client's port) as
# "owner INODE PID COMM", from /proc/PID/fd (another account's processes need root).
# flags:
fs_f_net_listen() {
  for f in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do
    case $f in *6) [ -e "$f" ] || continue ;; esac
    echo "# ${f##*/}"
    fs_cat "$f"
  done
  set --
  for f in /proc/net/udp /proc/net/udp6; do
    [ -e "$f" ] && set -- "$@" "$f"
  done
  # shellcheck disable=SC2016 # awk's fields, not the shell's
  inos=$(fs_awk '$2 ~ /:0044$/ && $10 ~ /^[0-9]+$/ { printf " %s", $10 }' "$@")
  [ -n "$inos" ] || return 0
  echo '# owner'
  # one ls for every process: "/proc/PID/fd:" headers, then "... N -> socket:[INODE]"
  # shellcheck disable=SC2016
  fs_run "0 1 2" ls -l /proc/[0-9]*/fd 2>/dev/null | fs_awk -v want="$inos " '
    /^\/proc\/[0-9]+\/fd:$/ { split($0, p, "/"); pid = p[3]; next }
    /-> socket:\[[0-9]+\]$/ {
      ino = $NF; gsub(/[^0-9]/, "", ino)
      if (index(want, " " ino " ")) print ino, pid
    }' | while read -r ino pid; do
    c=
    IFS= read -r c <"/proc/$pid/comm" 2>/dev/null
    printf 'owner %s %s %s\n' "$ino" "$pid" "${c:-?}"
  done
  return 0
}
