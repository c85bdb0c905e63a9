#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The collector's own ordering of Debian versions (fs_dpkg_newer in the security_pending fact)
# against dpkg --compare-versions, the authority: every version of this machine's dpkg database
# and package lists, paired at random both ways and with itself, and versions chosen for the
# algorithm's corners (~, epochs, leading zeros, letters against other characters, revisions);
# versions dpkg cannot read are asked of dpkg and reported as failures, never counted pending.
# Exit 77 without dpkg. Usage: dpkg_newer.sh SOURCE_DIR
set -eu
src=$1
command -v dpkg >/dev/null 2>&1 || exit 77
dir=$(mktemp -d /tmp/fs-dpkgnewer.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() {
  echo "dpkg_newer: $*" >&2
  exit 1
}
# shellcheck source=tests/collect/fact_env.sh
. "$src/tests/collect/fact_env.sh"
fact_env_load "$dir" "$src" security_pending
newer() { fact_env_run fs_dpkg_newer <"$1"; }

# the corners of dpkg's order (lib/dpkg/version.c)
printf '%s\n' 1.0 1.0~rc1 1.0~~ 1.0~ 1.0+dfsg 1.0a 1.0+ 1.0. 1.0-1 1.0-1~bpo12+1 1.0-0 1.0-00 \
  1.0-1.1 1.0-1+b1 1:0.1 2:0 0:1.0 010 9 00010 1.2.3-4-5 1.2.3-4-5.1 1.0A 1.0Z 1.0z 1.0.0 \
  2.30-1 2.3-1 2.3.0-1 1:1.0-1 1:1.0-1~ 7.2p2-4 7.2p2-4+deb12u1 1.0-a 1.0-z 1.0-~ 999999999:1 \
  3.6.0-1+deb12u1 3.6.0-1+deb12u3 0.r4~git20090427-4 0.3.16.4-4+b2 >"$dir/corners"
{
  awk '/^Version: / { print $2 }' /var/lib/dpkg/status
  for l in /var/lib/apt/lists/*_Packages*; do
    [ -f "$l" ] && /usr/lib/apt/apt-helper cat-file "$l" 2>/dev/null | awk '/^Version: / { print $2 }'
  done
  cat "$dir/corners"
} | sort -u >"$dir/versions"
n=$(wc -l <"$dir/versions")
[ "$n" -ge 40 ] || fail "only $n versions to compare"
# pairs: 1500 versions at random against 1500 others, each both ways and each version against itself
shuf -n 1500 "$dir/versions" >"$dir/a"
shuf -n 1500 "$dir/versions" >"$dir/b"
paste -d ' ' "$dir/a" "$dir/b" |
  awk '{ print "p" NR, $1, $2; print "q" NR, $2, $1; print "r" NR, $1, $1 }' >"$dir/pairs"
# and every corner against every other
while read -r a; do
  while read -r b; do echo "c$a|$b $a $b"; done <"$dir/corners"
done <"$dir/corners" >>"$dir/pairs"

newer "$dir/pairs" | sort >"$dir/got"
while read -r p o v; do
  if dpkg --compare-versions "$v" gt "$o" 2>/dev/null; then echo "pending $p"; fi
done <"$dir/pairs" | sort >"$dir/want"
if ! cmp -s "$dir/got" "$dir/want"; then
  diff "$dir/want" "$dir/got" | head -20 >&2
  fail "the order differs from dpkg's (< dpkg only, > the collector only)"
fi
pending=$(wc -l <"$dir/got")
[ "$pending" -gt 10 ] || fail "only $pending newer pairs: the comparison proves little"

# versions dpkg cannot read: asked of dpkg, reported as its failure, never pending
printf '%s\n' 'x 1.0- 2.0' 'y 1.0 :1.0' 'z 1.0 1.0-' 'w 1.0' >"$dir/bad"
: >"$dir/reports"
got=$(newer "$dir/bad")
[ -z "$got" ] || fail "unreadable versions counted pending: $got"
grep -q '^fail dpkg ' "$dir/reports" || fail "no failure reported for unreadable versions"
# readable but of an unusual form (no leading digit, a colon without epoch rules): dpkg decides
printf '%s\n' 'u abc 1.0' 'v 1:2:3 1:2:4' >"$dir/odd"
got=$(newer "$dir/odd" | sort | tr '\n' ' ')
want=$(while read -r p o v; do
  if dpkg --compare-versions "$v" gt "$o" 2>/dev/null; then echo "pending $p"; fi
done <"$dir/odd" | sort | tr '\n' ' ')
[ "$got" = "$want" ] || fail "odd versions: got '$got', dpkg says '$want'"
echo "dpkg_newer: $(wc -l <"$dir/pairs") pairs of $n versions ordered as dpkg orders them ($pending newer)"
