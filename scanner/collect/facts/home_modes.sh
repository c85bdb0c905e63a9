# SPDX-License-Identifier: Apache-2.0
# Mode and owner of the home directories of login accounts (uid >= 1000).
# flags: root
fs_f_home_modes() {
  fs_cat /etc/passwd | while IFS=: read -r u _ uid _ _ home sh; do
    case $sh in */nologin | */false | */sync | */shutdown | */halt) continue ;; esac
    [ "$uid" -ge 1000 ] 2>/dev/null || continue
    [ "$uid" -eq 65534 ] && continue
    [ -d "$home" ] && fs_run 0 stat -c "$u %a %U %n" "$home"
  done
  return 0
}
