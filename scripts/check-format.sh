#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails when a C file differs from .clang-format; with --fix rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.c' '*.h' 2>/dev/null || find scanner checks reports tests -name '*.[ch]')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/floorscan-format.log; then
  grep -m 20 'error:' /tmp/floorscan-format.log >&2 || true
  echo "check-format: files differ from .clang-format; run scripts/check-format.sh --fix" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files clean"
