# SPDX-License-Identifier: Apache-2.0
# Security updates pending: "pending NAME" for every installed package of which a security archive
# holds a newer version. On apt systems the security archives' package lists (apt-helper cat-file
# reads them in any compression apt uses) are compared with the dpkg database, and each newer
# version is confirmed by dpkg's version order (fs_dpkg_newer): no resolver runs, so an update that needs a
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
          # versions are strings ("1.1" and "1.10" are two, as are "2" and "2.0"), never numbers
          if (p != "" && FILENAME == "/var/lib/dpkg/status") {
            if (st ~ / installed$/) inst[p ":" a] = v ""
          } else if (p != "" && (p ":" a) in inst && inst[p ":" a] != v "" && !seen[p " " v]++) {
            print p, inst[p ":" a], v
          }
          p = ""; a = ""; v = ""; st = ""
        }
        FNR == 1 { flush() }
        /^Package: / { flush(); p = $2; next }
        /^Architecture: / { a = $2; next }
        /^Version: / { v = $2 ""; next }
        /^Status: / { st = $0; next }
        /^$/ { flush() }
        END { flush() }' /var/lib/dpkg/status - |
        fs_dpkg_newer | fs_awk '!seen[$0]++'
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
# fs_dpkg_newer: lines "PKG OLD NEW" in, "pending PKG" out for each NEW that dpkg orders after
# OLD. Versions of the usual form ([EPOCH:]UPSTREAM[-REVISION], dpkg's characters, an upstream
# that starts with a digit, an epoch of at most 9 digits) are ordered here by dpkg's own
# algorithm (lib/dpkg/version.c: epoch as a number, then upstream and revision by verrevcmp: "~"
# before the end, letters before other characters, digit runs as numbers); any other pair is
# asked of dpkg --compare-versions (not through fs_run: a subshell less per pair): 0 newer, 1
# not, anything else (a version dpkg cannot read) reported as a failure. One awk for every
# candidate instead of a dpkg per candidate: a device behind on its updates has hundreds.
fs_dpkg_newer() {
  # shellcheck disable=SC2016 # awk's fields
  fs_awk '
    BEGIN { for (i = 33; i < 127; i++) asc[sprintf("%c", i)] = i }
    # dpkg order of one character ("" the end): ~ first, then the end and digits, letters, the rest
    function ord(c) {
      if (c == "" || c ~ /^[0-9]$/) return 0
      if (c == "~") return -1
      if (c ~ /^[A-Za-z]$/) return asc[c]
      return asc[c] + 256
    }
    function verrev(a, b,   ca, cb, da, db) {
      while (a != "" || b != "") {
        while ((a != "" && substr(a, 1, 1) !~ /^[0-9]$/) || (b != "" && substr(b, 1, 1) !~ /^[0-9]$/)) {
          ca = ord(substr(a, 1, 1)); cb = ord(substr(b, 1, 1))
          if (ca != cb) return ca < cb ? -1 : 1
          a = substr(a, 2); b = substr(b, 2)
        }
        match(a, /^[0-9]*/); da = substr(a, 1, RLENGTH); a = substr(a, RLENGTH + 1)
        match(b, /^[0-9]*/); db = substr(b, 1, RLENGTH); b = substr(b, RLENGTH + 1)
        sub(/^0+/, "", da); sub(/^0+/, "", db)
        if (length(da) != length(db)) return length(da) < length(db) ? -1 : 1
        if (da "" != db "") return (da "" < db "") ? -1 : 1
      }
      return 0
    }
    # epoch, upstream and revision of a version of the usual form into e[]; 0 for any other
    function parse(v, e,   k) {
      if (v !~ /^([0-9]+:)?[0-9][A-Za-z0-9.+~-]*$/ || v ~ /-$/) return 0
      e["ep"] = 0
      k = index(v, ":")
      if (k > 0) {
        if (k > 10) return 0
        e["ep"] = substr(v, 1, k - 1) + 0; v = substr(v, k + 1)
      }
      e["up"] = v; e["rev"] = ""
      if (match(v, /-[^-]*$/)) { e["up"] = substr(v, 1, RSTART - 1); e["rev"] = substr(v, RSTART + 1) }
      return 1
    }
    NF == 3 && parse($2, o) && parse($3, n) {
      c = n["ep"] != o["ep"] ? (n["ep"] > o["ep"] ? 1 : -1) : verrev(n["up"], o["up"])
      if (c == 0) c = verrev(n["rev"], o["rev"])
      if (c > 0) print "pending " $1
      next
    }
    { print "ask " $0 }' |
    while read -r k p old new; do
      case $k in
        pending) echo "pending $p" ;;
        ask)
          fs_need dpkg || break
          dpkg --compare-versions "$new" gt "$old" 2>/dev/null
          s=$?
          case $s in
            0) echo "pending $p" ;;
            1) ;;
            *) fs_report "fail dpkg $s" ;;
          esac
          ;;
      esac
    done
}
