# SPDX-License-Identifier: Apache-2.0
# The second field of /etc/passwd, judged on the device: "name:empty" (no password at all),
# "name:hash" (a password hash stored in the world-readable file) or "name:placeholder" (only
# "*" and "!" characters, or *LK* / *NP*) for every account whose field is not "x", then
# "# accounts N" with the number of entries read, which proves the file was read to its end.
# The hashes themselves stay on the device.
# flags: big
fs_f_passwd_secrets() {
  fs_cat /etc/passwd | fs_awk -F: '
    NF == 0 { next }
    { n++ }
    $2 == "x" { next }
    { c = "hash"
      if ($2 == "") c = "empty"
      else if ($2 ~ /^[!*]+$/ || $2 == "*LK*" || $2 == "*NP*") c = "placeholder"
      print $1 ":" c }
    END { print "# accounts " n + 0 }'
}
