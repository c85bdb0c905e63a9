# SPDX-License-Identifier: Apache-2.0
# Every account's ~/.ssh and authorized_keys files: modes and owners, each key's option prefix,
# and each public key itself ("pub USER TYPE BASE64"), measured by floorscan, so no ssh-keygen is
# needed on the device.
# flags: root
fs_f_authorized_keys() {
  fs_cat /etc/passwd | while IFS=: read -r u _ uid _ _ home _; do
    if [ -z "$home" ] || [ ! -d "$home/.ssh" ]; then continue; fi
    # ~/.ssh and the key files are the user's: a link there is not followed (fs_link_ok,
    # fs_safe), or root would read whatever file the user points it at
    fs_link_ok "$home/.ssh" || continue
    fs_run 0 stat -c "sshdir $u $uid %a %u %n" "$home/.ssh"
    for f in "$home/.ssh/authorized_keys" "$home/.ssh/authorized_keys2"; do
      fs_safe "$f" || continue
      fs_run 0 stat -c "keyfile $u $uid %a %u %n" "$f"
      fs_grep -E '^[^#]' "$f" | fs_awk -v u="$u" '
        { o = ($1 ~ /^(ssh|ecdsa|sk-)/) ? "-" : $1; print "opts " u " " o
          for (i = 1; i < NF; i++)
            if ($i ~ /^(ssh-|ecdsa-|sk-)/) { print "pub " u " " $i " " $(i + 1); break } }'
    done
  done
  return 0
}
