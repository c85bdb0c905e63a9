#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every libFuzzer target (tests/fuzz/fuzz_<target>.c) for FUZZ_SECONDS each (default 30),
# seeded from tests/fuzz/corpus/<target>. An input that crashes, leaks, hangs or exhausts memory
# is copied into that corpus as a regression input (the fuzz_replay_* tests then run it in
# every build) and the run fails. New coverage found on the way stays in the build directory.
# Needs clang with libFuzzer; skipped without clang.
#   FUZZ_SECONDS=30 FUZZ_JOBS=2 scripts/fuzz.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
jobs=${FUZZ_JOBS:-2}
build=${FUZZ_BUILD:-build-fuzz}
case "$seconds" in '' | *[!0-9]*)
    echo "fuzz: FUZZ_SECONDS is a number of seconds, not '$seconds'" >&2
    exit 2
    ;;
esac

if ! command -v clang >/dev/null; then
    echo "fuzz: clang not found: skipped (scripts/install-deps.sh installs it)"
    exit 0
fi
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for f in tests/fuzz/fuzz_*.c; do
        f=${f##*/fuzz_}
        targets+=("${f%.c}")
    done
fi

# Build type Asan: the library under test gets ASan+UBSan too, not only the fuzz entry point;
# FS_FUZZ adds libFuzzer's coverage instrumentation to it.
t0=$(date +%s)
CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Asan -DFS_FUZZ=ON >/dev/null
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}" >/dev/null
t1=$(date +%s)
echo "fuzz: built ${#targets[@]} targets with $(clang --version | head -1) in $((t1 - t0)) s"

# One target: libFuzzer writes new inputs into a scratch corpus (its first directory) and
# reads the committed one; artifacts (crash-, leak-, timeout-, oom-) go to a scratch directory.
run_one() { # target
    local t=$1 work="$build/fuzz-work/$1"
    rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
    if "$build/tests/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
        "$work/corpus" "tests/fuzz/corpus/$t" >"$work/log" 2>&1; then
        local runs
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
        echo "fuzz: $t: ${runs:-?} runs in $seconds s, no failure"
        return 0
    fi
    echo "fuzz: $t FAILED; the end of its log:"
    tail -n 40 "$work/log"
    for a in "$work"/artifacts/*; do
        [ -e "$a" ] || continue
        cp "$a" "tests/fuzz/corpus/$t/"
        echo "fuzz: $t: regression input saved as tests/fuzz/corpus/$t/${a##*/} (commit it with the fix)"
    done
    return 1
}

# FUZZ_JOBS targets at a time; each is one libFuzzer process.
status=0
running=0
for t in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n || status=1
        running=$((running - 1))
    fi
    run_one "$t" &
    running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
done
echo "fuzz: ${#targets[@]} targets, $seconds s each, $(($(date +%s) - t1)) s"
exit $status
