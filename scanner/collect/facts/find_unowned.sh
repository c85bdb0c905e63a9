# SPDX-License-Identifier: Apache-2.0
# Files under /etc, /usr and /opt whose owner or group has no account (find -nouser/-nogroup; where
# find lacks them, as on busybox, owner ids compared with /etc/passwd and /etc/group).
# flags: root slow
fs_f_find_unowned() {
  set --
  for d in /etc /usr /opt; do
    [ -d "$d" ] && set -- "$@" "$d"
  done
  if find /etc -maxdepth 0 -nouser >/dev/null 2>&1; then
    fs_run 0 find "$@" -xdev \( -nouser -o -nogroup \) | fs_first 200
  else
    echo '# by id'
    fs_safe /etc/passwd && fs_safe /etc/group || return 2
    fs_run 0 find "$@" -xdev -exec stat -c '%u %g %n' {} + |
      fs_awk 'FILENAME == "/etc/passwd" { split($0, a, ":"); u[a[3]] = 1; next }
              FILENAME == "/etc/group" { split($0, a, ":"); g[a[3]] = 1; next }
              !($1 in u) || !($2 in g) { sub(/^[0-9]+ [0-9]+ /, ""); print }' \
        /etc/passwd /etc/group - | fs_first 200
  fi
}
