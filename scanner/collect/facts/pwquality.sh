# SPDX-License-Identifier: Apache-2.0
# Password minimum length settings: pwquality.conf and minlen= on PAM lines.
# flags:
fs_f_pwquality() {
  set --
  for f in /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf; do
    [ -e "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_grep -hE '^[[:space:]]*minlen[[:space:]]*=' "$@" | fs_sed 's/^/conf /'
  set --
  for f in /etc/pam.d/*; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] ||
    fs_grep -hE '^[^#]*(pam_pwquality|pam_cracklib|pam_unix)[^#]*minlen=' "$@" | fs_sed 's/^/pam /'
  return 0
}
