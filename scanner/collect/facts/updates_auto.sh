# SPDX-License-Identifier: Apache-2.0
# Automatic updates: unattended-upgrades and APT::Periodic, dnf-automatic timers and apply_updates.
# flags:
fs_f_updates_auto() {
  if fs_has_dpkg; then
    # shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
    echo "dpkg unattended-upgrades $(fs_run "0 1" dpkg-query -W -f '${Status}' unattended-upgrades)"
  fi
  if command -v apt-config >/dev/null 2>&1; then
    fs_run 0 apt-config dump APT::Periodic | fs_sed 's/^/apt /'
  fi
  if command -v systemctl >/dev/null 2>&1; then
    for t in dnf-automatic.timer dnf-automatic-install.timer; do
      echo "timer $t $(fs_run "0 1" systemctl is-enabled "$t")"
    done
  fi
  [ -e /etc/dnf/automatic.conf ] &&
    fs_grep -E '^[[:space:]]*apply_updates' /etc/dnf/automatic.conf | fs_sed 's/^/dnf /'
  [ -e /etc/yum/yum-cron.conf ] &&
    fs_grep -E '^[[:space:]]*apply_updates' /etc/yum/yum-cron.conf | fs_sed 's/^/yumcron /'
  return 0
}
