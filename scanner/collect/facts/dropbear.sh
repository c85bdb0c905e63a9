# SPDX-License-Identifier: Apache-2.0
# The dropbear SSH server as it runs and as it would start: per distinct command line of the
# processes whose name is dropbear (or dropbearmulti) "proc PID COMM BINARY" and its command
# line, one "arg A" per argument (a newline inside one shows as \001; "argcut" past 64 arguments
# or 512 bytes), and at the end "procsame PID N LOW" (N more processes with PID's command line,
# the lowest pid LOW; a re-executed connection's trailing "-2 FD" ignored); BINARY is the
# executable's path, or /proc/PID/exe when that path holds other characters than
# [A-Za-z0-9/._+@-] or is not the file that runs (deleted, replaced, another mount namespace);
# "procmore N" past 64 distinct command lines; the uncommented /etc/inetd.conf lines that start
# dropbear ("inetd LINE", "inetdcut" past 1024 bytes); /etc/default/dropbear ("default PATH",
# then "| LINE", "defaultcut" past 200 lines or a line past 1024 bytes); per binary (each
# running one through /proc/PID/exe, and the installed one, "bin PATH") "binary KEY", its usage
# as "help LINE" (-h, run only when the program and every directory above it are root's and
# writable by no one else; "nohelp WHY" otherwise) and the algorithm and channel names compiled
# into it as "tok NAME" ("tokbig SIZE" for a file over 8 MiB, not read), then "binaryend".
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
  n=0 e=0 more=0 m=0 l=0 keys='' firsts=''
  nl='
'
  seen="$nl@"
  for p in /proc/[0-9]*; do
    c=
    IFS= read -r c <"$p/comm" 2>/dev/null
    case $c in dropbear | dropbearmulti) ;; *) continue ;; esac
    fs_need tr awk || return 2
    a=$(tr '\000\n' '\n\001' <"$p/cmdline" 2>/dev/null |
      awk 'NR <= 64 && length($0) <= 512 { print "arg " $0; next } { cut = 1 }
           END { if (cut) print "argcut" }')
    [ -n "$a" ] || continue # a zombie or a process that ended
    n=$((n + 1))
    k=
    # the installed program itself (same file): its usage is then known, without readlink too
    # shellcheck disable=SC3013 # dash, bash and busybox ash have -ef; elsewhere readlink decides
    [ -n "$bin" ] && [ "$p/exe" -ef "$bin" ] && k=$bin
    [ -n "$k" ] || ! command -v readlink >/dev/null 2>&1 || k=$(readlink "$p/exe" 2>/dev/null)
    # a path that could forge lines, or that is not the file running: the process's own name
    case $k in '' | *[!A-Za-z0-9/._+@-]* | [!/]*) k=$p/exe ;; esac
    # shellcheck disable=SC3013
    [ "$k" = "$p/exe" ] || [ "$p/exe" -ef "$k" ] || k=$p/exe
    # one entry per distinct command line (per-connection children repeat the server's)
    s=$a
    case $s in
      *"${nl}arg -2$nl"*)
        t=${s##*"${nl}arg -2$nl"}
        case $t in *"$nl"*) ;; *) s=${s%"${nl}arg -2$nl$t"} ;; esac
        ;;
    esac
    s=$k$nl$s
    if [ "${#s}" -le 2048 ]; then
      case $seen in
        *"$nl$s$nl@"*)
          t=${seen%%"$nl$s$nl@"*}
          f=${t##*@}
          eval "m=\$fs_dbn_$f l=\$fs_dbl_$f"
          [ "${p#/proc/}" -ge "$l" ] || l=${p#/proc/}
          eval "fs_dbn_$f=$((m + 1)) fs_dbl_$f=$l"
          continue
          ;;
      esac
    fi
    e=$((e + 1))
    [ "$e" -le 64 ] || { more=$((more + 1)); continue; }
    f=${p#/proc/}
    eval "fs_dbn_$f=0 fs_dbl_$f=$f"
    firsts="$firsts $f"
    [ "${#s}" -gt 2048 ] || seen=$seen$f$nl$s$nl@
    printf 'proc %s %s %s\n%s\n' "$f" "$c" "$k" "$a"
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
  for f in $firsts; do
    eval "m=\$fs_dbn_$f l=\$fs_dbl_$f"
    [ "$m" -eq 0 ] || echo "procsame $f $m $l"
  done
  [ "$more" -eq 0 ] || echo "procmore $more"
  i=
  if [ -f /etc/inetd.conf ]; then
    i=$(fs_cat /etc/inetd.conf |
      fs_awk '$1 !~ /^#/ && $6 ~ /(^|\/)dropbear(multi)?$/ {
        if (length($0) <= 1024) print "inetd " $0; else print "inetdcut" }')
    [ -z "$i" ] || printf '%s\n' "$i"
  fi
  d=/etc/default/dropbear
  if [ -e "$d" ]; then
    echo "default $d"
    fs_cat "$d" | fs_awk 'NR <= 200 && length($0) <= 1024 { print "| " $0; next } { cut = 1 }
      END { if (cut) print "defaultcut" }'
  fi
  if [ -n "$bin" ]; then
    echo "bin $bin"
    case " $keys " in *" $bin "*) ;; *) fs_dropbear_binary "$bin" "$bin" "$bin" ;; esac
  elif [ "$n" -eq 0 ] && [ -z "$i" ]; then
    echo 'absent no dropbear or dropbearmulti in /usr/sbin, /sbin, /usr/bin, /bin or /usr/local/sbin, no dropbear process, no dropbear line in /etc/inetd.conf'
  fi
  return 0
}

# fs_dropbear_rootonly FILE: prints FILE's real path when it and every directory above it are
# root's and writable by neither group nor others (no ACL): only root can have put it there.
fs_dropbear_rootonly() {
  command -v readlink >/dev/null 2>&1 || return 1
  fs_o=$(readlink -f "$1" 2>/dev/null) || return 1
  case $fs_o in '' | *[!A-Za-z0-9/._+@-]* | [!/]*) return 1 ;; esac
  fs_d=$fs_o
  while :; do
    fs_l=$(ls -ldn "$fs_d" 2>/dev/null) || return 1
    # shellcheck disable=SC2086 # the mode, links and owner are words without glob characters
    set -- $fs_l
    [ "${3-}" = 0 ] || return 1
    case $1 in ?????w* | ????????w* | ??????????+*) return 1 ;; esac
    [ "$fs_d" != / ] || break
    fs_d=${fs_d%/*}
    [ -n "$fs_d" ] || fs_d=/
  done
  printf '%s\n' "$fs_o"
}

# fs_dropbear_binary KEY FILE RUN: the algorithm, X11 and tunnel names compiled into FILE (at
# most 64; not read past 8 MiB), and the usage of RUN (-h; a dropbearmulti needs "dropbear -h"),
# a standard path or "", run only when root's alone (fs_dropbear_rootonly).
fs_dropbear_binary() {
  echo "binary $1"
  if [ -n "$3" ]; then
    if x=$(fs_dropbear_rootonly "$3"); then
      h=$("$x" -h 2>&1 </dev/null)
      case $h in
        *'-w'*) ;;
        *) h=$("$x" dropbear -h 2>&1 </dev/null) ;;
      esac
      printf '%s\n' "$h" | fs_awk '/^-|Dropbear/ && n++ < 80 { print "help " substr($0, 1, 200) }'
    else
      echo "nohelp $3 is not proven root's alone (owner, mode or a directory above it): not run"
    fi
  fi
  # shellcheck disable=SC2086 # ls's words; FILE is /proc/PID/exe or a standard path
  z=$(ls -lnL "$2" 2>/dev/null) && set -- "$1" "$2" "$3" $z
  case ${8-} in '' | *[!0-9]*) z=unknown ;; *) z=$8 ;; esac
  if [ "$z" = unknown ] || [ "$z" -gt 8388608 ]; then
    echo "tokbig $z"
  else
    fs_run 0 tr -cs 'A-Za-z0-9@._-' '\n' <"$2" |
      fs_awk '/^(aes|chacha20|3des|blowfish|twofish|arcfour|cast128|hmac-|umac-|diffie-hellman|curve25519|curve448|ecdh-sha2|sntrup|mlkem|x11-req|tun@openssh)/ &&
        length($0) < 64 && !s[$0]++ && n++ < 64 { print "tok " $0 }'
  fi
  echo 'binaryend'
}
