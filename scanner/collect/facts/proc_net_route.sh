# SPDX-License-Identifier: Apache-2.0
# The IPv4 routing table (/proc/net/route).
# flags:
fs_f_proc_net_route() {
  fs_cat /proc/net/route
}
