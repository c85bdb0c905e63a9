# SPDX-License-Identifier: Apache-2.0
# The shells' idle timeout: "file PATH" for each start-up file read (/etc/profile,
# /etc/profile.d/*.sh, /etc/bash.bashrc, /etc/bashrc) and "= LINE" for its lines naming TMOUT;
# then "shell PATH TARGET" for each distinct login shell of /etc/passwd (TARGET: the program it
# resolves to, "missing" when there is none) and, for a busybox target, "busybox TARGET tmout N"
# (N: how often the text TMOUT occurs in the binary; 0 means an ash built without
# ASH_IDLE_TIMEOUT, which ignores TMOUT).
# flags:
fs_f_shell_timeout() {
  if [ -d /etc/profile.d ] && [ ! -r /etc/profile.d ]; then
    echo '# /etc/profile.d cannot be read'
    return 2
  fi
  for f in /etc/profile /etc/profile.d/*.sh /etc/bash.bashrc /etc/bashrc; do
    fs_safe "$f"
    case $? in 1) continue ;; 2) return 2 ;; esac
    echo "file $f"
    fs_awk '/TMOUT/ { print "= " $0 }' "$f" || return 2
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
    esac
  done
  return 0
}
