# SPDX-License-Identifier: Apache-2.0
# Security updates the package manager would install (apt-get -s dist-upgrade, dnf updateinfo);
# simulated, with apt's caches and planner log off so nothing is written. dist-upgrade, not
# upgrade: upgrade keeps back an update that needs a new package (a kernel's ABI bump), and a
# kept-back security update is still pending.
# flags: slow
fs_f_security_pending() {
  if fs_has_dpkg && command -v apt-get >/dev/null 2>&1; then
    echo '# apt'
    for l in /var/lib/apt/lists/*_Packages*; do
      [ -e "$l" ] || echo 'noindex'
      break
    done
    # Without its caches and its planner log apt writes nothing, even as root; its unnamed
    # temporary files go to memory (a tmpfs) where the device has one.
    {
      for t in /dev/shm /run; do
        if [ -d "$t" ] && [ -w "$t" ]; then
          TMPDIR=$t
          export TMPDIR
          break
        fi
      done
      fs_run 0 apt-get -s -o Debug::NoLocking=1 -o Dir::Cache::pkgcache= \
        -o Dir::Cache::srcpkgcache= -o Dir::Log::Planner= dist-upgrade
    } | fs_grep -E '^Inst .*-security' | fs_sed 's/^Inst \([^ ]*\).*/pending \1/'
  elif fs_has_dpkg; then
    echo '# apt'
    fs_need apt-get
  elif fs_has_rpm; then
    echo '# dnf'
    fs_run 0 dnf -q --cacheonly updateinfo list --security | fs_sed 's/^/pending /'
  else
    echo '# none'
  fi
  return 0
}
