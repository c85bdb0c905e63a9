#!/usr/bin/env bash
# The README's test command: installs what is missing, builds with warnings as errors, runs
# every test (unit and the network-namespace fleet), runs the unit tests again under
# AddressSanitizer + UBSan, and checks clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install-deps.sh

echo "== format"
bash scripts/check-format.sh

echo "== release build and all tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFS_WERROR=ON >/dev/null
cmake --build build -j2
(cd build && ctest --output-on-failure --timeout 1800)

echo "== unit tests under AddressSanitizer + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Asan -DFS_WERROR=ON >/dev/null
cmake --build build-asan -j2
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest -L unit --output-on-failure)

echo "== all tests passed in $(($(date +%s) - start)) s"
