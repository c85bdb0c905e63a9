# Password minimum length settings: pwquality.conf and minlen= on PAM lines.
# flags:
fs_f_pwquality() {
  for f in /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf; do
    [ -e "$f" ] && fs_grep -hE '^[[:space:]]*minlen[[:space:]]*=' "$f" | fs_sed 's/^/conf /'
  done
  for f in /etc/pam.d/*; do
    [ -f "$f" ] && fs_grep -hE '^[^#]*(pam_pwquality|pam_cracklib|pam_unix)[^#]*minlen=' "$f" |
      fs_sed 's/^/pam /'
  done
  return 0
}
