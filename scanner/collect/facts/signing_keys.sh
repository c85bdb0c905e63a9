# SPDX-License-Identifier: Apache-2.0
# Key files (*.key, *.pem, *.p12, *.pfx) readable by group or others in the signing key directories
# (var_signing_key_dirs).
# flags: root slow
fs_f_signing_keys() {
  set -f # the value is a list of absolute paths (checked by floorscan), split but not globbed
  # shellcheck disable=SC2086,SC2154 # FS_V_* are set by the collector from the profile's values
  set -- $FS_V_var_signing_key_dirs
  set +f
  for d in "$@"; do
    case $d in /*) ;; *) echo "# not an absolute path: $d"; return 2 ;; esac
    [ -d "$d" ] || continue
    echo "dir $d"
    fs_run 0 find "$d" -xdev -type f \( -name '*.key' -o -name '*.pem' -o -name '*.p12' -o \
      -name '*.pfx' \) -perm /044 | fs_first 200 | fs_sed 's/^/readable /'
  done
  return 0
}
