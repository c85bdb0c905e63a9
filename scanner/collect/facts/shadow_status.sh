# SPDX-License-Identifier: Apache-2.0
# Per account of /etc/shadow only the name and the hash scheme (empty, locked, $id$, des, other):
# no hash crosses the network. One sed pass (not a shell loop), so 100 000 accounts take a
# fraction of a second; the last expression replaces whatever the others did not match.
# flags: root big
fs_f_shadow_status() {
  fs_cat /etc/shadow | fs_sed -e 's/^\([^:]*\):\(:.*\)*$/\1:empty/' -e t \
    -e 's/^\([^:]*\):[!*][^:]*\(:.*\)*$/\1:locked/' -e t \
    -e 's/^\([^:]*\):\$\([^$:]*\)\$[^:]*\(:.*\)*$/\1:$\2$/' -e t \
    -e 's/^\([^:]*\):[^:]\{13\}\(:.*\)*$/\1:des/' -e t \
    -e 's/^\([^:]*\).*/\1:other/'
}
