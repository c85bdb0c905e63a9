# SPDX-License-Identifier: Apache-2.0
# NFS exports (/etc/exports and /etc/exports.d); "# none" when neither exists.
# flags:
fs_f_exports() {
  found=0
  for f in /etc/exports /etc/exports.d/*.exports; do
    [ -e "$f" ] || continue
    found=1
    fs_grep -hE '^[[:space:]]*[^#[:space:]]' "$f"
  done
  [ "$found" = 1 ] || echo '# none'
  return 0
}
