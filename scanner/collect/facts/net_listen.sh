# SPDX-License-Identifier: Apache-2.0
# The kernel's socket tables (/proc/net/tcp, udp and their IPv6 twins, which exist only with IPv6)
# and, under "# owner", the process holding each listening socket and each socket of a flow
# (TCP connections that carry traffic, UDP sockets with a peer) as "owner INODE PID COMM", from
# one `ls -l` of every /proc/PID/fd (another account's processes need root). At most 4096
# owners, one process a socket (the first ls shows), and "# owner more N" for the rest; the
# udp/68 sockets (a DHCP client's port, net_listening_services_allowed) are never left out.
# flags:
fs_f_net_listen() {
  for f in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do
    case $f in *6) [ -e "$f" ] || continue ;; esac
    echo "# ${f##*/}"
    fs_cat "$f"
  done
  set --
  for f in /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; do
    [ -e "$f" ] && set -- "$@" "$f"
  done
  # without ls no owner is known: no section, rather than one that claims to have looked
  command -v ls >/dev/null 2>&1 || return 0
  echo '# owner'
  # The tables first (the inodes wanted), then the one ls for every process on stdin:
  # "/proc/PID/fd:" headers, then "... N -> socket:[INODE]". TCP states that carry traffic:
  # ESTABLISHED 01, FIN_WAIT1 04, FIN_WAIT2 05, TIME_WAIT 06, CLOSE_WAIT 08, LAST_ACK 09,
  # CLOSING 0B; LISTEN 0A. UDP: a peer (remote port not 0) or none (bound: a listener).
  # shellcheck disable=SC2016 # awk's fields, not the shell's
  fs_run "0 1 2" ls -l /proc/[0-9]*/fd 2>/dev/null | fs_awk -v max=4096 '
    FILENAME != "-" {
      if (FNR == 1 || $10 !~ /^[1-9][0-9]*$/) next
      tcp = FILENAME ~ /tcp/
      if (!tcp || $4 ~ /^(01|04|05|06|08|09|0A|0B)$/) want[$10] = 1
      if (!tcp && $2 ~ /:0044$/) keep[$10] = 1
      next
    }
    /^\/proc\/[0-9]+\/fd:$/ { split($0, p, "/"); pid = p[3]; next }
    /-> socket:\[[0-9]+\]$/ {
      ino = $NF; gsub(/[^0-9]/, "", ino)
      if (!(ino in want) || (ino in done)) next
      done[ino] = 1
      if (n >= max && !(ino in keep)) { more++; next }
      n++
      if (!(pid in comm)) {
        f = "/proc/" pid "/comm"; c = ""
        if ((getline c < f) <= 0 || c == "") c = "?"
        close(f); comm[pid] = c
      }
      print "owner", ino, pid, comm[pid]
    }
    END { if (more) print "# owner more", more }' "$@" -
  return 0
}
