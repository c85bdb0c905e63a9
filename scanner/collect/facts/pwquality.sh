# SPDX-License-Identifier: Apache-2.0
# Password minimum length: minlen in pwquality.conf then pwquality.conf.d/*.conf ("conf FILE:
# LINE", in the order libpwquality reads them: the last wins), and the password lines of the PAM
# stacks password changes use ("stack FILE", then "pam FILE: LINE"): Debian's common-password,
# RHEL's system-auth and password-auth. "nostack" when none of them exists.
# flags:
fs_f_pwquality() {
  for f in /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf; do
    [ -e "$f" ] || continue
    case ${f##*/} in *[!A-Za-z0-9@._+-]*) continue ;; esac # goes into a sed expression
    fs_grep -hE '^[[:space:]]*minlen[[:space:]]*=' "$f" | fs_sed "s|^|conf ${f##*/}: |"
  done
  fs_any=
  for f in /etc/pam.d/common-password /etc/pam.d/system-auth /etc/pam.d/password-auth; do
    [ -e "$f" ] || continue
    fs_any=1
    echo "stack $f"
    fs_grep -hE '^[[:space:]]*-?password[[:space:]]' "$f" | fs_first 100 | fs_sed "s|^|pam $f: |"
  done
  [ -n "$fs_any" ] || echo nostack
  return 0
}
