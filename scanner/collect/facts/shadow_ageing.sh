# SPDX-License-Identifier: Apache-2.0
# Per account of /etc/shadow its name, a class of its password field and the ageing fields:
# "name:class:lastchg:min:max:warn:inactive:expire". The class is "usable" (a hash: $id$... or
# 13-character DES), "locked" ("!" before such a hash: passwd -l / usermod -L of an account that
# had a password), "nopass" ("!", "!!", "*", "*LK*" ...: no password was ever set, the state of
# key-only accounts), "empty" or "invalid" (anything else: no password matches it). No hash
# crosses the network. One awk pass, so 100 000 accounts take a fraction of a second.
# flags: root big
fs_f_shadow_ageing() {
  fs_cat /etc/shadow | fs_awk -F: '
    NF == 0 { next }
    function hash(h) { return h ~ /^\$/ || (length(h) == 13 && h !~ /[^.\/0-9A-Za-z]/) }
    { p = $2; q = p; sub(/^[!*]+/, "", q)
      if (p == "") c = "empty"
      else if (hash(p)) c = "usable"
      else if (p ~ /^[!*]/ && hash(q)) c = "locked"
      else if (p ~ /^[!*]/) c = "nopass"
      else c = "invalid"
      print $1 ":" c ":" $3 ":" $4 ":" $5 ":" $6 ":" $7 ":" $8 }'
}
