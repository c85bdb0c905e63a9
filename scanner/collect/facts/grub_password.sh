# SPDX-License-Identifier: Apache-2.0
# GRUB's superusers and passwords, never the hashes: per grub.cfg ("file PATH") and custom.cfg
# ("custom PATH") "superusers NAMES" and "pbkdf2 USER hash|ref|other" (a grub.pbkdf2.sha512
# hash, a ${GRUB2_PASSWORD} reference as in RHEL's 01_users block, anything else); per user.cfg
# beside them "usercfg PATH hash|nohash" (GRUB2_PASSWORD=grub.pbkdf2.sha512...).
# flags: root
fs_f_grub_password() {
  for d in /boot/grub /boot/grub2; do
    for f in "$d/grub.cfg" "$d/custom.cfg"; do
      [ -e "$f" ] || continue
      case $f in */grub.cfg) echo "file $f" ;; *) echo "custom $f" ;; esac
      # shellcheck disable=SC2016 # ${GRUB2_PASSWORD} is GRUB's text, matched, not expanded
      fs_grep -hE '^[[:space:]]*(set[[:space:]]+superusers|password_pbkdf2)[[:space:]=]' "$f" |
        fs_sed -n \
          -e "s/^[[:space:]]*set[[:space:]][[:space:]]*superusers=[\"']*\([^\"']*\).*/superusers \1/p" \
          -e 't' \
          -e 's/^[[:space:]]*password_pbkdf2[[:space:]][[:space:]]*\([^[:space:]]*\)[[:space:]][[:space:]]*grub\.pbkdf2\.sha512\.[0-9][0-9]*\.[0-9A-Fa-f][0-9A-Fa-f]*\.[0-9A-Fa-f][0-9A-Fa-f]*\([[:space:]].*\)*$/pbkdf2 \1 hash/p' \
          -e 't' \
          -e 's/^[[:space:]]*password_pbkdf2[[:space:]][[:space:]]*\([^[:space:]]*\)[[:space:]][[:space:]]*"*\${*GRUB2_PASSWORD}*"*[[:space:]]*$/pbkdf2 \1 ref/p' \
          -e 't' \
          -e 's/^[[:space:]]*password_pbkdf2[[:space:]][[:space:]]*\([^[:space:]]*\).*/pbkdf2 \1 other/p'
    done
    f=$d/user.cfg
    [ -e "$f" ] || continue
    if fs_grep -qE '^[[:space:]]*GRUB2_PASSWORD=grub\.pbkdf2\.sha512\.[0-9]+\.[0-9A-Fa-f]+\.[0-9A-Fa-f]+[[:space:]]*$' "$f"; then
      echo "usercfg $f hash"
    elif [ $? -eq 1 ]; then
      echo "usercfg $f nohash"
    fi
  done
  return 0
}
