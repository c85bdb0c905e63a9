# SPDX-License-Identifier: Apache-2.0
# Security updates pending: "pending NAME" for every installed package of which a security archive
# holds a newer version. On apt systems the security archives' package lists (apt-helper cat-file
# reads them in any compression apt uses) are compared with the dpkg database, and each newer
# version is confirmed by dpkg --compare-versions: no resolver runs, so an update that needs a
# new package (a kernel's ABI bump) or that apt would keep back is still pending, and the check
# costs a fraction of a simulated upgrade. Without apt-helper, apt-get -s dist-upgrade (simulated,
# its caches and planner log off so nothing is written). "noindex" without any package list;
# dnf: updateinfo --security from its cache.
# flags: slow
fs_f_security_pending() {
  if fs_has_dpkg && command -v apt-get >/dev/null 2>&1; then
    echo '# apt'
    for l in /var/lib/apt/lists/*_Packages*; do
      [ -e "$l" ] || echo 'noindex'
      break
    done
    if [ -x /usr/lib/apt/apt-helper ]; then
      fs_safe /var/lib/dpkg/status || return 2
      set --
      for l in /var/lib/apt/lists/*security*_Packages*; do
        [ -f "$l" ] && set -- "$@" "$l"
      done
      [ $# -gt 0 ] || return 0
      # installed packages ("PKG:ARCH" -> version), then the lists' stanzas: a different version
      # of an installed package is a candidate, newer only if dpkg says so
      fs_run 0 /usr/lib/apt/apt-helper cat-file "$@" | fs_awk '
        function flush() {
          if (p != "" && FILENAME == "/var/lib/dpkg/status") {
            if (st ~ / installed$/) inst[p ":" a] = v
          } else if (p != "" && (p ":" a) in inst && inst[p ":" a] != v && !seen[p " " v]++) {
            print p, inst[p ":" a], v
          }
          p = ""; a = ""; v = ""; st = ""
        }
        FNR == 1 { flush() }
        /^Package: / { flush(); p = $2; next }
        /^Architecture: / { a = $2; next }
        /^Version: / { v = $2; next }
        /^Status: / { st = $0; next }
        /^$/ { flush() }
        END { flush() }' /var/lib/dpkg/status - |
        while read -r p old new; do
          # dpkg itself, not through fs_run (a subshell less per candidate): 0 newer, 1 not,
          # anything else (a version dpkg cannot read) reported as a failure
          fs_need dpkg || break
          dpkg --compare-versions "$new" gt "$old" 2>/dev/null
          s=$?
          case $s in
            0) echo "pending $p" ;;
            1) ;;
            *) fs_report "fail dpkg $s" ;;
          esac
        done | fs_awk '!seen[$0]++'
      return 0
    fi
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
