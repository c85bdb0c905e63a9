# SPDX-License-Identifier: Apache-2.0
# Version control of /etc (etckeeper, git, hg, bzr).
# flags:
fs_f_etc_vcs() {
  for d in /etc/.git /etc/.etckeeper /etc/.hg /etc/.bzr; do
    [ -e "$d" ] && echo "$d"
  done
  return 0
}
