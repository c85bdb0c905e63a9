#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# report.html in a real headless Chromium: no console message (a CSP violation or a script
# error is one), every host and principle on the page, a status filter in the URL hides the
# passing rows, a deep link opens and highlights its rule, a hostile host name stays text;
# with a waiver register: the waived filter lists the waived results only (raw status, badge and
# waiver shown), "fail" still lists a waived fail, "open" leaves waived results out; compared with
# an earlier run: the "Since the last audit" section and "failing since" on failed rows; with a
# site model (--zones, hostile names): the "Zones and conduits" section, its SVG diagram drawn
# with a non-zero size on screen (scripts/cdp-paint.py), hostile zone names as text, and a
# zone's link from the diagram.
#   html_browser.sh HTML_FIXTURE BENCHMARK WORKDIR
# Exit 77 (skip) only when chromium is not installed; scripts/install-deps.sh installs it, so
# with FS_CI=1 (scripts/test.sh) a missing chromium fails.
set -euo pipefail
fixture=$1 bench=$2 work=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "${FS_CI:-0}" = 1 ]; then
    echo "html_browser: FAIL: chromium not installed, and FS_CI=1 (scripts/install-deps.sh)" >&2
    exit 1
  fi
  echo "html_browser: chromium not installed (scripts/install-deps.sh installs it); skipped"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$fixture" "$bench" "$work/report.html" 6 hostile waivers drift zones
url="file://$work/report.html"
fail=0
bad() { echo "html_browser: FAIL: $*"; fail=1; }

# Runs the browser on URL with the given extra options; DOM on stdout, log in $work/$name.log.
run() {
  local name=$1 u=$2
  shift 2
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 --virtual-time-budget=3000 \
    "$@" "$u" 2>"$work/$name.log"
}
consoles() { grep -h ':CONSOLE' "$work/$1.log" || true; }

run plain "$url" --dump-dom >"$work/plain.html"
run filtered "$url#filter=status:fail" --dump-dom >"$work/filtered.html"
run link "$url#host-002/net_ip_forwarding_disabled" --dump-dom >"$work/link.html"
run waived "$url#filter=status:waived" --dump-dom >"$work/waived.html"
run open "$url#filter=status:open" --dump-dom >"$work/open.html"
run shot "$url" --window-size=1280,1600 --screenshot="$work/report.png" >/dev/null
run zone "$url#zone-1" --dump-dom >"$work/zone.html"
# a hostile value in the URL fragment is a filter value, never markup
run hostile "$url#filter=q:%3Cimg%20src%3Dx%20onerror%3Dalert(5)%3E;zone:%22%3E%3Cscript%3Ealert(6)%3C%2Fscript%3E" \
  --dump-dom >"$work/hostile.html"
for n in plain filtered link waived open shot hostile zone; do
  c=$(consoles $n)
  [ -z "$c" ] || bad "console output in $n: $c"
done

# the script ran: rule rows were built from the embedded data
rows=$(grep -o '<tr id="r[0-9]*-[a-z0-9_]*" data-status="[a-z]*"' "$work/plain.html" | wc -l)
[ "$rows" -gt 300 ] || bad "only $rows rule rows built"
for h in host-000 host-002 host-003 host-005; do
  grep -q "$h" "$work/plain.html" || bad "host $h missing"
done
for p in 1 2 3 4 5 6 7; do
  grep -q "<th title=\"[^\"]*\">P$p</th>" "$work/plain.html" || bad "principle P$p missing"
done
grep -q '>connect: No route to host &lt;b&gt;x&lt;/b&gt;<' "$work/plain.html" || bad "reason of the unscanned host"

# status filter: every pass row hidden, fail rows shown
pass_all=$(grep -o '<tr [^>]*data-status="pass"[^>]*>' "$work/filtered.html" | wc -l)
pass_shown=$(grep -o '<tr [^>]*data-status="pass"[^>]*>' "$work/filtered.html" | grep -vc 'hidden' || true)
fail_shown=$(grep -o '<tr [^>]*data-status="fail"[^>]*>' "$work/filtered.html" | grep -vc 'hidden' || true)
if [ "$pass_all" -eq 0 ] || [ "$pass_shown" -ne 0 ]; then
  bad "filter status:fail: $pass_shown of $pass_all pass rows shown"
fi
[ "$fail_shown" -gt 0 ] || bad "filter status:fail: no fail row shown"
grep -q '<select id="f-status">' "$work/filtered.html" || bad "status control missing"
pass_plain=$(grep -o '<tr [^>]*data-status="pass"[^>]*>' "$work/plain.html" | grep -vc 'hidden' || true)
[ "$pass_plain" -gt 0 ] || bad "without a filter no pass row is shown"

# waivers (tests/reports/synth_waivers.h): one fail on host 0 and one error on host 2 are waived
rows_shown() { grep -o '<tr id="r[0-9]*-[^>]*data-x="[0-9]*"[^>]*>' "$work/$1.html" | grep -v 'hidden' || true; }
waived_shown=$(rows_shown waived)
[ "$(printf '%s\n' "$waived_shown" | grep -c 'class="waived"')" -eq 2 ] ||
  bad "filter status:waived: not the 2 waived rows: $waived_shown"
[ "$(printf '%s\n' "$waived_shown" | grep -vc 'class="waived"')" -eq 0 ] ||
  bad "filter status:waived shows rows that are not waived"
printf '%s\n' "$waived_shown" | grep -q '^<tr id="r0-[^"]*" data-status="fail"' || bad "waived fail of host 0 not shown"
printf '%s\n' "$waived_shown" | grep -q '^<tr id="r2-[^"]*" data-status="error"' || bad "waived error of host 2 not shown"
grep -q '>2 of 6 hosts shown<' "$work/waived.html" || bad "filter status:waived: not 2 hosts shown"
# the waived row: raw status, a waived badge, the waiver beside the evidence (reason as text)
grep -q 'class="waived"><td><span class="st st-fail">fail</span> <span class="st st-waived badge">waived</span></td>' \
  "$work/waived.html" || bad "waived fail row without its raw status and badge"
grep -q '<div class="wv"><b>Waived (active)</b><dl><dt>Reason</dt><dd>Vendor patch due &lt;script&gt;alert(7)&lt;/script&gt; "Q1" &amp; .CAPA. &lt;img src=x onerror=alert(8)&gt;</dd><dt>Requested by</dt><dd>Dana Requester</dd><dt>Approved by</dt><dd>Quinn Approver (QA lead)</dd><dt>Approved</dt><dd>2026-10-01</dd><dt>Expires</dt><dd class="wst wst-active">2027-03-31</dd><dt>Ticket</dt><dd>CAPA-2026-041</dd>' \
  "$work/waived.html" || bad "the waiver is not shown beside the evidence"
grep -q '<dt>Expires</dt><dd class="wst wst-expiring">2026-12-10</dd>' "$work/waived.html" ||
  bad "the expiring waiver of the error result is not shown"
# "fail" is the raw status: the waived fail stays listed; "open" leaves every waived row out
rows_shown filtered | grep -q 'data-status="fail"[^>]*class="waived"' || bad "filter status:fail hides the waived fail"
[ "$(rows_shown open | grep -c 'class="waived"')" -eq 0 ] || bad "filter status:open shows waived rows"
[ "$(rows_shown open | grep -c 'data-status="fail"')" -gt 0 ] || bad "filter status:open shows no fail row"
[ "$(rows_shown open | grep -c 'data-status="pass"')" -eq 0 ] || bad "filter status:open shows pass rows"
# the register, every state listed
for st in active expired expiring pending; do
  grep -q "<td class=\"nw\"><span class=\"wst wst-$st\">$st</span></td>" "$work/plain.html" || bad "register: no $st waiver"
done
[ "$(grep -o '0 <span class="wst wst-unused">unused</span>' "$work/plain.html" | wc -l)" -eq 3 ] ||
  bad "register: not 3 unused waivers"
grep -q '<img' "$work/waived.html" && bad "the waiver reason injected an img element"
[ "$(grep -o '<script' "$work/waived.html" | wc -l)" -eq 2 ] || bad "the waiver reason injected a script"

# deep link: the row is highlighted and its details open
grep -q '<tr id="r2-net_ip_forwarding_disabled" data-status="[a-z]*" data-x="[0-9]*" class="hl"><td>.*' "$work/link.html" ||
  bad "deep link did not highlight r2-net_ip_forwarding_disabled"

# hostile host name: text only; the page's own two scripts are the only ones, no <img> at all
[ "$(grep -o '<script' "$work/plain.html" | wc -l)" -eq 2 ] || bad "a script element was injected"
grep -q '<img' "$work/plain.html" && bad "an img element was injected"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;"&gt;&lt;img src=x onerror=alert(2)&gt;' "$work/plain.html" ||
  bad "the hostile host name is not shown as text"
grep -q '&lt;/script&gt;&lt;script&gt;alert(3)' "$work/plain.html" || bad "hostile evidence not shown as text"
grep -q '<img' "$work/hostile.html" && bad "a filter value in the URL injected an img element"
[ "$(grep -o '<script' "$work/hostile.html" | wc -l)" -eq 2 ] || bad "a filter value in the URL injected a script"
grep -q '>0 of 6 hosts shown<' "$work/hostile.html" || bad "the filter in the URL was not applied"
grep -q '>6 of 6 hosts shown<' "$work/plain.html" || bad "hosts hidden without a filter"
# since the last audit (html_fixture ... drift): the section, its comparison run as text, and
# "failing since" under the evidence of failed rows built by the script
grep -q '<section id="drift"><h2>Since the last audit</h2><p class="meta">Compared with run 41 (weekly &lt;b&gt;41&lt;/b&gt;), started 2026-11-22T09:00:00Z' \
  "$work/plain.html" || bad "no 'Since the last audit' section naming the earlier run"
grep -q '<h3 id="drift-new">New failures (1)</h3>' "$work/plain.html" || bad "drift: not 1 new failure"
grep -q '<h3 id="drift-fixed">Fixed (1)</h3>' "$work/plain.html" || bad "drift: not 1 fixed"
grep -q '<b>41</b>' "$work/plain.html" && bad "the run label injected markup"
since=$(grep -o '<span class="since">failing since 2026-11-[0-9][0-9]T09:00:00Z</span>' "$work/plain.html" | wc -l)
fails=$(grep -o '<tr id="r[0-9]*-[a-z0-9_]*" data-status="fail"' "$work/plain.html" | wc -l)
[ "$since" -gt 0 ] && [ "$since" -eq "$fails" ] || bad "failing since shown on $since of $fails failed rows"

# zones and conduits: the section and its diagram, drawn on screen with a size
grep -q '<section id="zones"><h2>Zones and conduits</h2>' "$work/plain.html" || bad "no zones section"
grep -q '<svg xmlns="http://www.w3.org/2000/svg" id="zones-svg" class="zsvg" role="img"' "$work/plain.html" ||
  bad "no zone diagram"
[ "$(grep -o '<g class="znode"' "$work/plain.html" | wc -l)" -eq 3 ] || bad "not 3 zones in the diagram"
[ "$(grep -o '<g class="zedge z-cross-zone"' "$work/plain.html" | wc -l)" -eq 2 ] || bad "not 2 cross-zone edges"
grep -q '<g class="zlegend">' "$work/plain.html" || bad "no legend in the diagram"
grep -q '>&lt;script&gt;alert(9)&lt;/script&gt;"\];evil-&gt;x' "$work/plain.html" ||
  bad "the hostile zone name is not shown as text"
grep -q '<tr id="zone-1"><th>production</th>' "$work/zone.html" || bad "the zone link's row is missing"
svg=$(timeout 120 python3 "$(dirname "$0")/../../scripts/cdp-paint.py" "$work/report.html" 1 \
  --shot="$work/zones.png" | python3 -c '
import json, sys
s = json.load(sys.stdin)[0].get("svg")
print("%d %d" % (s["width"], s["height"]) if s else "0 0")') || svg="0 0"
read -r sw sh <<<"$svg"
if [ "$sw" -lt 200 ] || [ "$sh" -lt 200 ]; then
  bad "the zone diagram is ${sw}x${sh} px on screen"
fi
[ -s "$work/zones.png" ] || bad "no picture of the zones section"

[ -s "$work/report.png" ] || bad "no screenshot"
[ $fail -eq 0 ] && echo "html_browser: ok ($rows rows; zone diagram ${sw}x${sh} px; screenshots $work/report.png, $work/zones.png)"
exit $fail
