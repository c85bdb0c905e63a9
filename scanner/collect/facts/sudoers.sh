# SPDX-License-Identifier: Apache-2.0
# The effective lines of /etc/sudoers, with those of /etc/sudoers.d in place of its
# "@includedir /etc/sudoers.d" (or "#includedir"), as sudo reads them: the files of
# /etc/sudoers.d whose names hold no "." and do not end in "~", in order; nothing of
# /etc/sudoers.d without that line. Any other @include/#include/@includedir/#includedir, and
# one in a file of /etc/sudoers.d, is not read: it prints "# unread include PATH" (the rules
# that read this fact are then not judged). "# none" when the device has no sudo.
# flags: root
fs_f_sudoers() {
  command -v sudo >/dev/null 2>&1 || [ -e /etc/sudoers ] || { echo '# none'; return 0; }
  # regular files only (as before: a dangling or looping link is not read); fs_safe refuses a
  # link a user owns
  [ -f /etc/sudoers ] || return 0
  fs_safe /etc/sudoers || return 2
  set -- /etc/sudoers
  for f in /etc/sudoers.d/*; do
    case ${f##*/} in *.* | *~) continue ;; esac
    [ -f "$f" ] && fs_safe "$f" && set -- "$@" "$f"
  done
  # sudo's comments are "#" not followed by a digit or "-digit" ("#1000" is a uid); "#include"
  # and "#includedir" are directives
  fs_awk 'BEGIN { for (i = 2; i < ARGC; i++) d[++nd] = ARGV[i]; ARGC = 2 }
    function inc(l) { return l ~ /^[ \t]*[@#]include(dir)?[ \t]/ }
    function eff(l) { return l ~ /^[ \t]*([^# \t]|#-?[0-9])/ }
    function target(l, p) {
      p = l
      sub(/^[ \t]*[@#]include(dir)?[ \t]+/, "", p)
      sub(/[ \t]+$/, "", p)
      if (p ~ /^".*"$/) p = substr(p, 2, length(p) - 2)
      return p
    }
    !inc($0) { if (eff($0)) print; next }
    {
      p = target($0)
      q = p
      sub(/\/+$/, "", q)
      if ($0 !~ /^[ \t]*[@#]includedir[ \t]/ || q != "/etc/sudoers.d") {
        print "# unread include " p
        next
      }
      for (i = 1; i <= nd; i++) {
        while ((r = (getline x < d[i])) > 0) {
          if (inc(x)) print "# unread include " target(x)
          else if (eff(x)) print x
        }
        close(d[i])
        if (r < 0) { print "# unread include " d[i]; exit 2 }
      }
    }' "$@"
}
