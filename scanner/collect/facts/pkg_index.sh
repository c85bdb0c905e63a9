# SPDX-License-Identifier: Apache-2.0
# How fresh the package index is: the manager, the clock, the newest index file's time.
# flags:
fs_f_pkg_index() {
  now=$(fs_run 0 date +%s)
  newest=0
  # the package database decides the manager, not whether a tool is found
  mgr=none
  if fs_has_dpkg; then
    mgr=apt
  elif fs_has_rpm; then
    mgr=rpm
  fi
  for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release /var/cache/dnf/*.solv \
    /var/cache/dnf/*/repodata/repomd.xml /var/cache/yum/*/*/*/repomd.xml; do
    [ -e "$f" ] || continue
    m=$(fs_run 0 stat -c %Y "$f") && [ "$m" -gt "$newest" ] && newest=$m
  done
  echo "manager $mgr"
  echo "now $now"
  echo "newest $newest"
  return 0
}
