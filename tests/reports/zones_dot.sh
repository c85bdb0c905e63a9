#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# zones.dot (-f dot) through Graphviz: `dot -Tsvg` reads it without a warning, plain and with
# hostile zone names, purposes, processes and paths, and draws every zone, the outside node,
# the legend and each edge (3 declared conduits, 2 cross-zone and 2 external violation edges);
# a hostile name stays the text of its own node.
#   zones_dot.sh HTML_FIXTURE BENCHMARK WORKDIR
# Exit 77 (skip) only when Graphviz is not installed; scripts/install-deps.sh installs it, so
# with FS_CI=1 (scripts/test.sh) a missing dot fails.
set -euo pipefail
fixture=$1 bench=$2 work=$3
if ! command -v dot >/dev/null; then
  if [ "${FS_CI:-0}" = 1 ]; then
    echo "zones_dot: FAIL: Graphviz (dot) not installed, and FS_CI=1 (scripts/install-deps.sh)" >&2
    exit 1
  fi
  echo "zones_dot: Graphviz (dot) not installed (scripts/install-deps.sh installs it); skipped"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work/plain" "$work/hostile"
fail=0
bad() { echo "zones_dot: FAIL: $*"; fail=1; }

"$fixture" "$bench" "$work/plain/report.html" 4 plain zones >/dev/null
"$fixture" "$bench" "$work/hostile/report.html" 4 hostile zones >/dev/null
for k in plain hostile; do
  d=$work/$k
  [ -s "$d/zones.dot" ] || { bad "$k: no zones.dot"; continue; }
  if ! dot -Tsvg "$d/zones.dot" -o "$d/zones.svg" 2>"$d/dot.err"; then
    bad "$k: dot -Tsvg failed: $(cat "$d/dot.err")"
    continue
  fi
  [ ! -s "$d/dot.err" ] || bad "$k: dot warned: $(cat "$d/dot.err")"
  if command -v xmllint >/dev/null; then
    xmllint --noout "$d/zones.svg" 2>"$d/xml.err" || bad "$k: the SVG dot wrote is not XML: $(cat "$d/xml.err")"
  fi
  nodes=$(grep -c '<g id="node[0-9]*" class="node">' "$d/zones.svg" || true)
  edges=$(grep -c '<g id="edge[0-9]*" class="edge">' "$d/zones.svg" || true)
  [ "$nodes" -eq 5 ] || bad "$k: $nodes nodes, not 3 zones, the outside and the legend"
  [ "$edges" -eq 7 ] || bad "$k: $edges edges, not 7"
  for t in z0 z1 z2 outside legend 'z0&#45;&gt;z1' 'z1&#45;&gt;z0' 'z1&#45;&gt;z2' \
    'z1&#45;&gt;outside' 'outside&#45;&gt;z0'; do
    grep -q "<title>$t</title>" "$d/zones.svg" || bad "$k: nothing drawn for $t"
  done
  [ "$(grep -c '<title>z2&#45;&gt;z1</title>' "$d/zones.svg")" -eq 2 ] ||
    bad "$k: not the unused conduit and the violation from z2 to z1"
  # the violation style: vermillion edges, the external ones dotted
  [ "$(grep -c 'stroke="#d55e00" stroke-width="3.5"' "$d/zones.svg")" -ge 4 ] || bad "$k: violation edges not in their colour"
  grep -q 'stroke="#6b6b6b" stroke-dasharray="5,2"' "$d/zones.svg" || bad "$k: the unused conduit is not dashed"
  grep -q '>VIOLATION: no conduit<' "$d/zones.svg" || bad "$k: no violation label"
  grep -q '>Legend<' "$d/zones.svg" || bad "$k: no legend"
done
h=$work/hostile/zones.svg
[ "$(grep -c '<script' "$h")" -eq 0 ] || bad "hostile: a script element in dot's SVG"
grep -q '<img' "$h" && bad "hostile: an img element in dot's SVG"
grep -q '>&lt;script&gt;alert(9)&lt;/script&gt;&quot;\];evil&#45;&gt;x \[label=&quot;\\N\\\\ &amp; &#39;z&#39;\\x01<' "$h" ||
  bad "hostile: the zone name is not the text of its node"
grep -q '<title>evil' "$h" && bad "hostile: the zone name made a node"
[ $fail -eq 0 ] && echo "zones_dot: ok (dot $(dot -V 2>&1 | awk '{print $5}'))"
exit $fail
