# SPDX-License-Identifier: Apache-2.0
# Whether the system waits for a reboot to finish an update.
# flags:
fs_f_reboot_required() {
  for f in /var/run/reboot-required /run/reboot-required; do
    [ -e "$f" ] && { echo "pending $f"; return 0; }
  done
  # RPM systems tell through needs-restarting (dnf-utils): there its absence is no proof
  if fs_has_rpm; then
    fs_run "0 1" needs-restarting -r >/dev/null
    [ $? -eq 1 ] && echo 'pending needs-restarting'
  fi
  return 0
}
