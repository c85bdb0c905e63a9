# SPDX-License-Identifier: Apache-2.0
# SNMP v1/v2c community settings of snmpd.conf.
# flags: root
fs_f_snmpd_conf() {
  for f in /etc/snmp/snmpd.conf /etc/snmp/snmpd.local.conf; do
    [ -e "$f" ] && fs_grep -Ei '^[[:space:]]*(rocommunity6?|rwcommunity6?|com2sec6?)[[:space:]]' "$f" |
      fs_awk '{print "community " $1}'
  done
  return 0
}
