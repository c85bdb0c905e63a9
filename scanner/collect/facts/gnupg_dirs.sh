# SPDX-License-Identifier: Apache-2.0
# Mode and owner of root's and every home's ~/.gnupg.
# flags: root
fs_f_gnupg_dirs() {
  for d in /root/.gnupg /home/*/.gnupg; do
    [ -d "$d" ] && fs_run 0 stat -c '%a %U %n' "$d"
  done
  return 0
}
