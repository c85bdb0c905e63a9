# How fresh the package index is: the manager, the clock, the newest index file's time.
# flags:
fs_f_pkg_index() {
  now=$(fs_run 0 date +%s)
  newest=0
  mgr=none
  [ -d /var/lib/apt ] && command -v apt-get >/dev/null 2>&1 && mgr=apt
  command -v dnf >/dev/null 2>&1 && mgr=dnf
  for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release /var/cache/dnf/*.solv; do
    [ -e "$f" ] || continue
    m=$(fs_run 0 stat -c %Y "$f") && [ "$m" -gt "$newest" ] && newest=$m
  done
  echo "manager $mgr"
  echo "now $now"
  echo "newest $newest"
  return 0
}
