# SPDX-License-Identifier: Apache-2.0
# The packet filter's ruleset: nft, else iptables-save/ip6tables-save, else /proc; "# none" when
# the device has none of them.
# flags: root
fs_f_firewall() {
  if command -v nft >/dev/null 2>&1; then
    echo '# nft'
    fs_run 0 nft list ruleset
  elif command -v iptables-save >/dev/null 2>&1; then
    echo '# iptables'
    fs_run 0 iptables-save
    if command -v ip6tables-save >/dev/null 2>&1; then
      echo '# ip6tables'
      fs_run 0 ip6tables-save
    fi
  elif [ -e /proc/net/ip_tables_names ]; then
    echo '# proc'
    fs_cat /proc/net/ip_tables_names
  else
    echo '# none'
  fi
  return 0
}
