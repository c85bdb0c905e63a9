# SPDX-License-Identifier: Apache-2.0
# The dropbear SSH server as it runs and as it would start: per process whose name is dropbear
# (or dropbearmulti) "proc PID COMM BINARY" and its command line, one "arg A" per argument
# (a newline inside one shows as \001; "argcut" past 64 arguments or 512 bytes); the uncommented
# /etc/inetd.conf lines that start dropbear ("inetd LINE"); /etc/default/dropbear ("default
# PATH", then "| LINE"); per binary (each running one through /proc/PID/exe, and the installed
# one, "bin PATH") "binary KEY", its -h usage as "help LINE" and the algorithm and channel names
# compiled into it as "tok NAME" (its algorithms are build options, not settings).
# "absent ..." only when there is no dropbear process, binary or inetd line.
# flags: root
fs_f_dropbear() {
  [ -r /proc/self/comm ] || { echo '# no /proc: dropbear processes cannot be seen'; return 2; }
  [ -r /proc/1/comm ] || { echo '# /proc/1 is hidden (hidepid): processes cannot be seen'; return 2; }
  # the only binaries run (for their usage): a process's own may be anyone's program
  std='/usr/sbin/dropbear /sbin/dropbear /usr/bin/dropbear /bin/dropbear /usr/local/sbin/dropbear'
  std="$std /usr/sbin/dropbearmulti /usr/bin/dropbearmulti /sbin/dropbearmulti /bin/dropbearmulti"
  bin=
  for c in $std; do
    [ -f "$c" ] && [ -x "$c" ] && { bin=$c; break; }
  done
  n=0 more=0 keys=
  for p in /proc/[0-9]*; do
    c=
    IFS= read -r c <"$p/comm" 2>/dev/null
    case $c in dropbear | dropbearmulti) ;; *) continue ;; esac
    n=$((n + 1))
    [ "$n" -le 64 ] || { more=$((more + 1)); continue; }
    fs_need tr awk || return 2
    a=$(tr '\000\n' '\n\001' <"$p/cmdline" 2>/dev/null |
      awk 'NR <= 64 && length($0) <= 512 { print "arg " $0; next } { cut = 1 }
           END { if (cut) print "argcut" }')
    [ -n "$a" ] || continue # a zombie or a process that ended
    k=
    # the installed program itself (same file): its usage is then known, without readlink too
    # shellcheck disable=SC3013 # dash, bash and busybox ash have -ef; elsewhere readlink decides
    [ -n "$bin" ] && [ "$p/exe" -ef "$bin" ] && k=$bin
    [ -n "$k" ] || ! command -v readlink >/dev/null 2>&1 || k=$(readlink "$p/exe" 2>/dev/null)
    [ -n "$k" ] || k=$p/exe
    printf 'proc %s %s %s\n%s\n' "${p#/proc/}" "$c" "$k" "$a"
    case " $keys " in
      *" $k "*) ;;
      *)
        keys="$keys $k"
        r=
        case " $std " in *" $k "*) r=$k ;; esac
        fs_dropbear_binary "$k" "$p/exe" "$r"
        ;;
    esac
  done
  [ "$more" -eq 0 ] || echo "procmore $more"
  i=
  if [ -f /etc/inetd.conf ]; then
    i=$(fs_cat /etc/inetd.conf |
      fs_awk '$1 !~ /^#/ && $6 ~ /(^|\/)dropbear(multi)?$/ { print "inetd " substr($0, 1, 1024) }')
    [ -z "$i" ] || printf '%s\n' "$i"
  fi
  d=/etc/default/dropbear
  if [ -e "$d" ]; then
    echo "default $d"
    fs_cat "$d" | fs_awk 'NR <= 200 { print "| " substr($0, 1, 1024) } END { if (NR > 200) print "defaultcut" }'
  fi
  if [ -n "$bin" ]; then
    echo "bin $bin"
    case " $keys " in *" $bin "*) ;; *) fs_dropbear_binary "$bin" "$bin" "$bin" ;; esac
  elif [ "$n" -eq 0 ] && [ -z "$i" ]; then
    echo 'absent no dropbear or dropbearmulti in /usr/sbin, /sbin, /usr/bin, /bin or /usr/local/sbin, no dropbear process, no dropbear line in /etc/inetd.conf'
  fi
  return 0
}

# fs_dropbear_binary KEY FILE RUN: the algorithm, X11 and tunnel names compiled into FILE (at
# most 64), and the usage of RUN (-h; a dropbearmulti needs "dropbear -h"), a standard path or "".
fs_dropbear_binary() {
  echo "binary $1"
  if [ -n "$3" ]; then
    h=$("$3" -h 2>&1 </dev/null)
    case $h in
      *'-w'*) ;;
      *) h=$("$3" dropbear -h 2>&1 </dev/null) ;;
    esac
    printf '%s\n' "$h" | fs_awk '/^-|Dropbear/ && n++ < 80 { print "help " substr($0, 1, 200) }'
  fi
  fs_run 0 tr -cs 'A-Za-z0-9@._-' '\n' <"$2" |
    fs_awk '/^(aes|chacha20|3des|blowfish|twofish|arcfour|cast128|hmac-|umac-|diffie-hellman|curve25519|curve448|ecdh-sha2|sntrup|mlkem|x11-req|tun@openssh)/ &&
      length($0) < 64 && !s[$0]++ && n++ < 64 { print "tok " $0 }'
  echo 'binaryend'
}
