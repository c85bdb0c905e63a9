# SPDX-License-Identifier: Apache-2.0
# Private keys (PEM headers) in files under /home and /root outside ~/.ssh and ~/.gnupg; "# more N"
# when the list was cut.
# flags: root slow
fs_f_home_private_keys() {
  set --
  for d in /home /root; do
    [ -d "$d" ] && set -- "$@" "$d"
  done
  [ $# -gt 0 ] || return 0
  # one grep per batch of files; its "no match" (1) is a result, its error (2) fails the walk
  # shellcheck disable=SC2016 # $0 and $@ belong to the inner sh
  fs_run 0 find "$@" -xdev -maxdepth 4 -type f -size -1024k ! -path '*/.ssh/*' \
    ! -path '*/.gnupg/*' -exec sh -c 'grep -l -E -- "$0" "$@"; [ $? -le 1 ]' \
    '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----' {} + | fs_first 50
  return 0
}
