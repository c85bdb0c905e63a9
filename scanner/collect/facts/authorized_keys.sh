# Every account's ~/.ssh and authorized_keys files: modes, owners, key types and sizes, option
# prefixes. "nokeygen FILE" when ssh-keygen is missing (key sizes unknown).
# flags: root
fs_f_authorized_keys() {
  fs_cat /etc/passwd | while IFS=: read -r u _ uid _ _ home _; do
    if [ -z "$home" ] || [ ! -d "$home/.ssh" ]; then continue; fi
    fs_run 0 stat -c "sshdir $u $uid %a %u %n" "$home/.ssh"
    for f in "$home/.ssh/authorized_keys" "$home/.ssh/authorized_keys2"; do
      [ -f "$f" ] || continue
      fs_run 0 stat -c "keyfile $u $uid %a %u %n" "$f"
      if command -v ssh-keygen >/dev/null 2>&1; then
        fs_run 0 ssh-keygen -lf "$f" | fs_awk -v u="$u" '{print "key " u " " $1 " " $NF}'
      else
        echo "nokeygen $f"
      fi
      fs_grep -E '^[^#]' "$f" |
        fs_awk -v u="$u" '{ if ($1 ~ /^(ssh|ecdsa|sk-)/) o="-"; else o=$1; print "opts " u " " o }'
    done
  done
  return 0
}
