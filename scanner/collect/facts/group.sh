# SPDX-License-Identifier: Apache-2.0
# The group database, /etc/group, as it is (one line per group; member lists can be long).
# flags: big
fs_f_group() {
  fs_cat /etc/group
}
