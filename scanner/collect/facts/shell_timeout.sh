# SPDX-License-Identifier: Apache-2.0
# The shells' idle timeout: "file PATH" for each start-up file read (/etc/profile,
# /etc/profile.d/*.sh, /etc/bash.bashrc, /etc/bashrc, then zsh's /etc/zsh/zshenv, /etc/zshenv,
# /etc/zsh/zprofile, /etc/zprofile, /etc/zsh/zshrc, /etc/zshrc, /etc/zsh/zlogin, /etc/zlogin)
# and "= LINE" for its lines (continuation lines ending in \, &&, || or | joined) that name
# TMOUT, bash.bashrc or profile.d, or hold control flow (if, case, for, while, until, select,
# function, return, exit, braces, parentheses, & or |, <<); then "shell PATH TARGET" for each
# distinct login shell of /etc/passwd (TARGET: the program it resolves to, "missing" when there
# is none), for
# a busybox target "busybox TARGET tmout N" (N: how often the text TMOUT occurs in the binary;
# 0 means an ash built without ASH_IDLE_TIMEOUT, which ignores TMOUT), and for a zsh target
# "reads TARGET FILE" for each zsh start-up file above whose name is in the binary (its
# GLOBAL_ZSHENV, GLOBAL_ZPROFILE, GLOBAL_ZSHRC, GLOBAL_ZLOGIN).
# flags:
fs_f_shell_timeout() {
  if [ -d /etc/profile.d ] && [ ! -r /etc/profile.d ]; then
    echo '# /etc/profile.d cannot be read'
    return 2
  fi
  zf='/etc/zsh/zshenv /etc/zshenv /etc/zsh/zprofile /etc/zprofile /etc/zsh/zshrc /etc/zshrc
    /etc/zsh/zlogin /etc/zlogin'
  # shellcheck disable=SC2086 # the zsh file names above, no spaces
  for f in /etc/profile /etc/profile.d/*.sh /etc/bash.bashrc /etc/bashrc $zf; do
    fs_safe "$f"
    case $? in 1) continue ;; 2) return 2 ;; esac
    echo "file $f"
    fs_awk '
      l == "" && /^[ \t]*#/ { next }
      { l = l $0 }
      l ~ /(\\|&&|\|\||\|)[ \t]*$/ { l = l " "; next }
      l ~ /TMOUT|bash\.bashrc|profile\.d|<<|[{}()&|]|(^|[^A-Za-z0-9_])(if|case|for|while|until|select|function|return|exit|fi|esac|done)([^A-Za-z0-9_]|$)/ {
        print "= " l }
      { l = "" }
      END { if (l != "") print "= " l }' "$f" || return 2
  done
  fs_need readlink || return 2
  fs_cat /etc/passwd | fs_awk -F: 'NF >= 7 { s = $7 == "" ? "/bin/sh" : $7; if (!n[s]++) print s }' |
    fs_first 32 | while IFS= read -r s; do
    case $s in
      "# more "*) echo "$s shells" && continue ;;
      /*) ;;
      *) continue ;;
    esac
    [ -e "$s" ] || { echo "shell $s missing"; continue; }
    t=$(readlink -f "$s" 2>/dev/null)
    echo "shell $s ${t:-?}"
    case $t in
      */busybox) echo "busybox $t tmout $(fs_grep -c TMOUT "$t")" ;;
      */zsh | */rzsh | */zsh[0-9]*)
        # shellcheck disable=SC2086 # the zsh file names above, no spaces
        set -- $zf
        ;;
      *) set -- ;;
    esac
    for z; do
      [ "$(fs_grep -c -F "$z" "$t")" -gt 0 ] 2>/dev/null && echo "reads $t $z"
    done
  done
  return 0
}
