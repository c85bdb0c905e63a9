# SPDX-License-Identifier: Apache-2.0
# The account database, /etc/passwd, reduced on the device to what the checks read: name, uid,
# gid and shell ("name::uid:gid:::shell"); the GECOS field (people's names, phone numbers) and
# the home directory stay on the device, and 100 000 accounts fit in the cap.
# flags: big
fs_f_passwd() {
  fs_cat /etc/passwd | fs_sed 's/^\([^:]*\):[^:]*:\([^:]*\):\([^:]*\):[^:]*:[^:]*:/\1::\2:\3:::/'
}
