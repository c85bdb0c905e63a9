# Private keys (PEM headers) in files under /home and /root outside ~/.ssh and ~/.gnupg; "# more N"
# when the walk or the list was cut.
# flags: root slow
fs_f_home_private_keys() {
  set --
  for d in /home /root; do
    [ -d "$d" ] && set -- "$@" "$d"
  done
  [ $# -gt 0 ] || return 0
  fs_run 0 find "$@" -xdev -maxdepth 4 -type f -size -1024k ! -path '*/.ssh/*' \
    ! -path '*/.gnupg/*' | fs_first 5000 | while IFS= read -r f; do
    case $f in
      '# more '*) echo "# walk cut: ${f#\# }"; continue ;;
    esac
    fs_grep -qE -- '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----' "$f" && printf '%s\n' "$f"
  done | fs_first 50
  return 0
}
