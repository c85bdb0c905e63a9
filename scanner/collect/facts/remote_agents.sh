# SPDX-License-Identifier: Apache-2.0
# Running processes and enabled services, for remote-access agents and tunnels: "c PID COMM"
# per process (/proc/*/comm), followed by "a PID ARGS" (its command line: the NULs between its
# words as \037, newlines as spaces, at most 4096 bytes; "cut PID" after a longer one) for ssh,
# dbclient, dropbearmulti, autossh, openvpn and VNC servers; "u NAME" per enabled service
# (systemd *.wants links in /etc/systemd/system, SysV rc2-5.d start links, OpenRC default
# runlevel); "# procs N" processes read. "# no /proc" or hidepid: the table proves nothing.
# flags:
fs_f_remote_agents() {
  [ -r /proc/self/comm ] || { echo '# no /proc'; return 2; }
  [ -r /proc/1/comm ] || { echo '# /proc hides other processes (hidepid)'; return 2; }
  fs_need tr || return 2
  n=0
  for p in /proc/[0-9]*; do
    c=
    # dash's read returns 1 on /proc files although it read the line: test the value
    IFS= read -r c <"$p/comm" 2>/dev/null
    [ -n "$c" ] || continue
    n=$((n + 1))
    printf 'c %s %s\n' "${p#/proc/}" "$c"
    case $c in
      ssh | dbclient | dropbearmulti | autossh | openvpn | *vnc* | *VNC*)
        a=$(tr '\000\n' '\037 ' <"$p/cmdline" 2>/dev/null)
        printf 'a %s %.4096s\n' "${p#/proc/}" "$a"
        # LC_ALL=C (prologue): ${#a} counts bytes, as printf's precision does
        [ "${#a}" -le 4096 ] || printf 'cut %s\n' "${p#/proc/}"
        ;;
    esac
  done
  for u in /etc/systemd/system/*.wants/* /etc/rc[2345].d/S* /etc/runlevels/default/*; do
    [ -e "$u" ] || [ -L "$u" ] || continue
    printf 'u %s\n' "${u##*/}"
  done
  [ "$n" -gt 0 ] || { echo '# no process could be read'; return 2; }
  echo "# procs $n"
  return 0
}
