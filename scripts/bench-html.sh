#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: report.html for a synthetic fleet (HOSTS x every rule of the benchmark, default
# 500 x 121): time to build the document, its size, and in headless Chromium the page's own
# Performance API timings (first contentful paint, DOMContentLoaded, load), median of RUNS.
set -euo pipefail
cd "$(dirname "$0")/.."
HOSTS=${HOSTS:-500}
RUNS=${RUNS:-7}
[ -x build/tests/html_fixture ] || { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null; cmake --build build -j2 >/dev/null; }
out=$(mktemp -d /tmp/floorscan-bench-html.XXXXXX)
trap 'rm -rf "$out"' EXIT
build/tests/html_fixture profiles/floorscan-ditta-xccdf.xml "$out/report.html" "$HOSTS"
size=$(stat -c %s "$out/report.html")
gz=$(gzip -9 -c "$out/report.html" | wc -c)
echo "bench-html: $HOSTS hosts: report.html $((size / 1024)) KiB ($((gz / 1024)) KiB gzipped)"
echo "bench-html: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
python3 scripts/cdp-paint.py "$out/report.html" "$RUNS" | python3 -c '
import json, statistics, sys
runs = json.load(sys.stdin)
def med(k):
    v = [r[k] for r in runs if k in r]
    return "%.0f ms (%d runs)" % (statistics.median(v), len(v)) if v else "not reported"
print("bench-html: first-contentful-paint", med("first-contentful-paint"))
print("bench-html: DOMContentLoaded (script done)", med("domContentLoaded"))
print("bench-html: load", med("load"))
print("bench-html: rule rows built at load", runs[-1]["rows"], "hosts", runs[-1]["hosts"])
'
