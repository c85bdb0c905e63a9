# Per account of /etc/shadow only the name and the hash scheme (empty, locked, $id$, des): no hash
# crosses the network.
# flags: root
fs_f_shadow_status() {
  fs_cat /etc/shadow | while IFS=: read -r u p _; do
    case $p in
      '') s=empty ;;
      '!'* | '*'*) s=locked ;;
      '$'*)
        s=${p#?}
        s="\$${s%%\$*}\$"
        ;;
      *) if [ ${#p} -eq 13 ]; then s=des; else s=other; fi ;;
    esac
    printf '%s:%s\n' "$u" "$s"
  done
  return 0
}
