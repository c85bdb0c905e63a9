#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# report.html in a real headless Chromium: no console message (a CSP violation or a script
# error is one), every host and principle on the page, a status filter in the URL hides the
# passing rows, a deep link opens and highlights its rule, a hostile host name stays text.
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
"$fixture" "$bench" "$work/report.html" 6 hostile
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
run shot "$url" --window-size=1280,1600 --screenshot="$work/report.png" >/dev/null
# a hostile value in the URL fragment is a filter value, never markup
run hostile "$url#filter=q:%3Cimg%20src%3Dx%20onerror%3Dalert(5)%3E;zone:%22%3E%3Cscript%3Ealert(6)%3C%2Fscript%3E" \
  --dump-dom >"$work/hostile.html"
for n in plain filtered link shot hostile; do
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

[ -s "$work/report.png" ] || bad "no screenshot"
[ $fail -eq 0 ] && echo "html_browser: ok ($rows rows; screenshot $work/report.png)"
exit $fail
