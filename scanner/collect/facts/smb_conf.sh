# SPDX-License-Identifier: Apache-2.0
# Guest access settings of /etc/samba/smb.conf; "# none" when it does not exist.
# flags:
fs_f_smb_conf() {
  [ -e /etc/samba/smb.conf ] || { echo '# none'; return 0; }
  fs_grep -Ei '^[[:space:]]*(guest[[:space:]]+ok|public|map[[:space:]]+to[[:space:]]+guest)[[:space:]]*=' /etc/samba/smb.conf
  return 0
}
