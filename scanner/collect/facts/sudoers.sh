# SPDX-License-Identifier: Apache-2.0
# The effective lines of /etc/sudoers and /etc/sudoers.d; "# none" when the device has no sudo.
# flags: root
fs_f_sudoers() {
  command -v sudo >/dev/null 2>&1 || [ -e /etc/sudoers ] || { echo '# none'; return 0; }
  set --
  for f in /etc/sudoers /etc/sudoers.d/*; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  [ $# -eq 0 ] || fs_grep -hE '^[[:space:]]*[^#[:space:]]' "$@"
  return 0
}
