# SPDX-License-Identifier: Apache-2.0
# Network interfaces: name, whether a bridge, whether wireless (sysfs).
# flags:
fs_f_net_ifaces() {
  [ -d /sys/class/net ] || { echo '# no /sys/class/net'; return 2; }
  for i in /sys/class/net/*; do
    [ -e "$i" ] || continue
    b=0
    w=0
    [ -d "$i/bridge" ] && b=1
    { [ -d "$i/wireless" ] || [ -e "$i/phy80211" ]; } && w=1
    echo "${i##*/} $b $w"
  done
  return 0
}
