#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Static analysis of floorscan's own C: cppcheck, then clang-tidy (.clang-tidy), over the
# compilation database; any finding fails. Exceptions are per line in the code, with a reason
# (cppcheck-suppress / NOLINTNEXTLINE), or in scripts/cppcheck-suppressions.txt.
#   scripts/analyse.sh [--deep] [BUILD_DIR]    default build/; FS_ANALYSE_JOBS (2) in parallel
# clang-tidy's static analyzer runs in its shallow mode (less inlining across functions): the
# same findings on this code at a quarter of the time (CI: ~25 s instead of ~100 s on 2 cores).
# --deep runs it at full depth; do that before a release and when touching a parser.
set -euo pipefail
cd "$(dirname "$0")/.."
analyzer=(--extra-arg=-Xclang --extra-arg=-analyzer-config --extra-arg=-Xclang
    --extra-arg=mode=shallow)
mode=shallow
if [ "${1:-}" = "--deep" ]; then
    analyzer=()
    mode=deep
    shift
fi
build=${1:-build}
jobs=${FS_ANALYSE_JOBS:-2}

# Analysis needs the compile commands, not a build: configure only if they are missing.
if [ ! -f "$build/compile_commands.json" ]; then
    cmake -S . -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
fi

# The project's own translation units (not the generated collect_embedded.c), each once
# (tests/common/*.c is in every test executable), largest first to balance the jobs.
mapfile -t files < <(
    git ls-files 'scanner/*.c' 'checks/*.c' 'reports/*.c' 'store/*.c' 'tests/*.c' |
        while read -r f; do
            if grep -qF "\"file\": \"$PWD/$f\"" "$build/compile_commands.json"; then
                printf '%s %s\n' "$(wc -c <"$f")" "$f"
            fi
        done | sort -rn | cut -d' ' -f2
)
if [ ${#files[@]} -eq 0 ]; then
    echo "analyse: no source files found in $build/compile_commands.json" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

t0=$(date +%s)
# cppcheck reads a copy of the database with only these files, each once: the generated
# collect_embedded.c is not ours (and does not exist before a build).
mkdir "$tmp/db"
python3 - "$build/compile_commands.json" "$tmp/db/compile_commands.json" "${files[@]}" <<'EOF'
import json, os, sys
want = {os.path.abspath(f) for f in sys.argv[3:]}
out, seen = [], set()
for e in json.load(open(sys.argv[1])):
    f = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if f in want and f not in seen:
        seen.add(f)
        out.append(e)
json.dump(out, open(sys.argv[2], "w"), indent=1)
EOF
if ! cppcheck --project="$tmp/db/compile_commands.json" \
    --enable=warning,performance,portability,style --library=posix --inline-suppr \
    --suppressions-list=scripts/cppcheck-suppressions.txt --error-exitcode=1 -j"$jobs" \
    --quiet --template='{file}:{line}:{column}: {severity}: {message} [{id}]' 2>"$tmp/cppcheck"; then
    status=1
fi
sed "s|^$PWD/||" "$tmp/cppcheck"
t1=$(date +%s)
echo "analyse: cppcheck $(cppcheck --version | cut -d' ' -f2): $(grep -c ': \(error\|warning\|style\|performance\|portability\):' "$tmp/cppcheck" || true) finding(s) in $((t1 - t0)) s"

# One clang-tidy per file, its output kept apart so parallel runs do not interleave.
# shellcheck disable=SC2016 # the inner sh expands them
printf '%s\n' "${files[@]}" | xargs -P"$jobs" -I{} sh -c \
    'f=$1 out="$2/$(printf %s "$1" | tr / _)"; shift 2
     clang-tidy --quiet "$@" "$f" >"$out" 2>&1 || echo "$f" >>"$out.failed"' \
    sh {} "$tmp" -p "$build" "${analyzer[@]}"
for f in "${files[@]}"; do
    out="$tmp/$(printf %s "$f" | tr / _)"
    if [ -e "$out.failed" ]; then
        status=1
        grep -v -e '^[0-9]* warnings\? \(and [0-9]* errors\? \)\?generated\.$' \
            -e '^Suppressed [0-9]* warnings' -e '^Use -header-filter=' "$out" | sed "s|$PWD/||g" || true
    fi
done
t2=$(date +%s)
nfail=$(find "$tmp" -maxdepth 1 -name "*.failed" | wc -l)
echo "analyse: $(clang-tidy --version | grep -o 'LLVM version [0-9.]*' | sed 's/LLVM/clang-tidy/')" \
    "(analyzer $mode): ${#files[@]} files, $nfail with findings, in $((t2 - t1)) s"
exit $status
