# SPDX-License-Identifier: Apache-2.0
# The OpenSSH server's effective configuration: sshd -T globally and for root and the first login
# account (so Match blocks count), then sshd_config with its Include files for the Match blocks
# sshd -T cannot evaluate; where sshd -T cannot run (sshd installed but not running: no
# /run/sshd), the files alone, in sshd's order. "absent ..." only when there is no sshd program,
# no sshd_config and no sshd process.
# flags: root
fs_f_sshd_effective() {
  s=
  for c in "$(command -v sshd 2>/dev/null)" /usr/sbin/sshd /usr/local/sbin/sshd /sbin/sshd; do
    [ -n "$c" ] && [ -f "$c" ] && [ -x "$c" ] && { s=$c; break; }
  done
  conf=/etc/ssh/sshd_config
  if [ -z "$s" ] && [ ! -e "$conf" ]; then
    [ -r /proc/self/comm ] || { echo '# no /proc: sshd processes cannot be seen'; return 2; }
    for p in /proc/[0-9]*/comm; do
      c=
      IFS= read -r c <"$p" 2>/dev/null
      [ "$c" = sshd ] && { echo '# an sshd process runs, but no sshd program or sshd_config'; return 2; }
    done
    echo 'absent no sshd program in PATH, /usr/sbin, /usr/local/sbin or /sbin, no /etc/ssh/sshd_config, no sshd process'
    return 0
  fi
  # sshd -T once: its output when it succeeds (as fs_run would report it), why when it fails
  if [ -n "$s" ] && fs_o=$("$s" -T 2>/dev/null); then
    fs_report "run $s 0"
    echo 'source sshd -T'
    echo 'context global'
    printf '%s\n' "$fs_o"
    fs_safe /etc/passwd
    [ $? -eq 2 ] && return 2
    u=$(fs_awk -F: '!u && $3 >= 1000 && $3 != 65534 && $7 !~ /(nologin|false)$/ { u = $1 }
      END { print u }' /etc/passwd)
    # Match blocks on addresses, hosts or other accounts: sshd -T cannot evaluate them without
    # a connection, so the files go along and each block is judged on its own. Read first: with
    # sshd_config there, every Include followed (no quoted operand, which the shell would not
    # read as sshd does; none too deep), no quoted or "="-led keyword and no Match line in any
    # of the files, a connection's user changes nothing, and the global settings are each
    # user's (sshd -T -C would print them again, a run per user). Anything else: sshd -T -C for
    # each user, as before.
    fs_files='' fs_match=1
    if [ -e "$conf" ] && fs_files=$(fs_sshd_file "$conf" 0); then
      fs_match=
      set -f
      fs_ifs=$IFS
      # shellcheck disable=SC2154 # fs_nl is set by the prologue
      IFS=$fs_nl
      for l in $fs_files; do
        case $l in
          "= "*) ;;
          include-too-deep* | include-unread*) fs_match=1 && break ;;
          *) continue ;;
        esac
        k=${l#= }
        k=${k#"${k%%[![:space:]]*}"}
        # sshd drops quotes and one "=" from a keyword ("Match", =Match): such a first word
        # may be any keyword, Match and Include among them
        case ${k%%[[:space:]]*} in
          =* | *[\"\']*) fs_match=1 && break ;;
        esac
        case $k in
          [Mm][Aa][Tt][Cc][Hh] | [Mm][Aa][Tt][Cc][Hh][[:space:]=]*) fs_match=1 && break ;;
          [Ii][Nn][Cc][Ll][Uu][Dd][Ee][[:space:]=]*)
            case $k in *[\\\"\']*) fs_match=1 && break ;; esac
            ;;
        esac
      done
      IFS=$fs_ifs
      set +f
    fi
    for a in root $u; do
      echo "context user $a"
      if [ -n "$fs_match" ]; then
        fs_run 0 "$s" -T -C "user=$a"
      else
        printf '%s\n' "$fs_o"
      fi
    done
    if [ -e "$conf" ]; then
      echo 'files'
      printf '%s\n' "$fs_files"
    fi
    return 0
  fi
  echo 'source config'
  if [ -n "$s" ]; then
    "$s" -T 2>&1 | fs_sed -n '1s/^/why /p'
  else
    echo 'why no sshd program found'
  fi
  [ -e "$conf" ] || { echo "# sshd -T failed and there is no $conf"; return 2; }
  fs_sshd_file "$conf" 0
  return 0
}

# fs_sshd_unquote WORD: WORD without its '"' characters in fs_q, as sshd drops them (no fork)
fs_sshd_unquote() {
  fs_q=$1
  while :; do
    case $fs_q in
      *'"'*) fs_q=${fs_q%%'"'*}${fs_q#*'"'} ;;
      *) return 0 ;;
    esac
  done
}

# One configuration file and, at the place of each Include, the files it names (sorted, as
# sshd's glob does; relative names are under /etc/ssh). A subshell keeps the recursion's
# variables apart.
fs_sshd_file() (
  [ "$2" -le 8 ] || { echo "include-too-deep $1"; return 2; }
  d=$(($2 + 1))
  echo "file $1"
  fs_cat "$1" | while IFS= read -r l || [ -n "$l" ]; do
    printf '= %s\n' "$l"
    # the keyword as sshd's strdelim reads it: after blanks or one "=", up to a blank or "=",
    # its quotes dropped ("Include", =Include and In"clude" are all Include)
    k=${l#"${l%%[![:space:]]*}"}
    case $k in =*) k=${k#=} && k=${k#"${k%%[![:space:]]*}"} ;; esac
    w=${k%%[[:space:]=]*}
    fs_sshd_unquote "$w"
    case $fs_q in
      [Ii][Nn][Cc][Ll][Uu][Dd][Ee])
        k=${k#"$w"}
        k=${k#"${k%%[![:space:]=]*}"}
        # a quoted name with a blank in it is one word to sshd, two to the shell: not followed,
        # and said (the judge makes it an error: Match blocks there would go unjudged)
        case $k in *'"'*[[:space:]]*'"'*) echo "include-unread $k" && continue ;; esac
        set -f
        for pat in $k; do
          set +f
          fs_sshd_unquote "$pat"
          pat=$fs_q
          case $pat in /*) ;; *) pat=/etc/ssh/$pat ;; esac
          for g in $pat; do
            [ -e "$g" ] && fs_sshd_file "$g" "$d"
          done
          set -f
        done
        set +f
        ;;
    esac
  done
  echo "end $1"
)
