# SPDX-License-Identifier: Apache-2.0
# Kernel audit status and rules (auditctl) and the rule files; the signing key directories to
# audit.
# flags: root
fs_f_audit_rules() {
  if command -v auditctl >/dev/null 2>&1; then
    echo '# auditctl'
    fs_run 0 auditctl -s | fs_sed -n 's/^enabled \([0-9]*\).*/status enabled \1/p'
    fs_run 0 auditctl -l | fs_sed 's/^/rule /'
  fi
  for f in /etc/audit/audit.rules /etc/audit/rules.d/*.rules; do
    [ -e "$f" ] && fs_grep -hE '^[[:space:]]*-' "$f" | fs_sed 's/^/file /'
  done
  set -f # a list of absolute paths (checked by floorscan), split but not globbed
  # shellcheck disable=SC2086,SC2154 # FS_V_* are set by the collector from the profile's values
  set -- $FS_V_var_signing_key_dirs
  set +f
  for d in "$@"; do
    [ -d "$d" ] && echo "dir $d"
  done
  return 0
}
