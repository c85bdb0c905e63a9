#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The README's test command: installs what is missing, checks clang-format, builds with warnings
# as errors, runs every test (unit and the network-namespace fleet), runs the static analysers
# (cppcheck, clang-tidy, shellcheck), runs the unit tests and the fleet again under
# AddressSanitizer + UBSan, and fuzzes every parser for a short while (FUZZ_SECONDS, 20 each).
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests skip (exit 77) on a missing prerequisite only outside CI: this script installs
# every prerequisite, so here a missing one fails the test instead of passing as a skip.
export FS_CI=1
start=$(date +%s)
bash scripts/install-deps.sh

echo "== format"
bash scripts/check-format.sh

echo "== release build and all tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFS_WERROR=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  >/dev/null
cmake --build build -j2
(cd build && ctest --output-on-failure --timeout 1800)

echo "== static analysis"
bash scripts/analyse.sh build
# Every tracked shell script; the collector's fact files are sh fragments without a shebang
# (ctest's shellcheck_collector lints them strictly as well).
git ls-files '*.sh' | grep -v '^scanner/collect/' | xargs shellcheck -S warning
git ls-files 'scanner/collect/*.sh' | xargs shellcheck -S warning --shell=sh
echo "shellcheck: $(git ls-files '*.sh' | wc -l) scripts clean"

echo "== unit tests and the fleet under AddressSanitizer + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Asan -DFS_WERROR=ON >/dev/null
cmake --build build-asan -j2
# abort_on_error in both: a sanitizer report must not pass for an expected exit status (the
# fleet test expects 1 and 3 from some scans; UBSan alone would exit 1).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:abort_on_error=1
(cd build-asan && ctest -L unit --output-on-failure)
# The fleet test takes the instrumented binary from this build ($<TARGET_FILE:floorscan>).
(cd build-asan && ctest -L integration --output-on-failure --timeout 1800)
unset ASAN_OPTIONS UBSAN_OPTIONS

echo "== fuzzing"
FUZZ_SECONDS=${FUZZ_SECONDS:-20} bash scripts/fuzz.sh

echo "== all tests passed in $(($(date +%s) - start)) s"
