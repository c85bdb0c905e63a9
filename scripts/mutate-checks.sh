#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Mutation check of the rule implementations (not run in CI): flips one comparison operator
# (== and !=, < and >=, > and <=) or one FS_RESULT_PASS and FS_RESULT_FAIL at a time in
# checks/p*.c, rebuilds only test_checks in build-mutate/, runs it and counts the mutants it
# kills. A surviving mutant is a behaviour change no check fixture notices.
#
#   bash scripts/mutate-checks.sh                 # every mutant (long on 2 cores)
#   MUTANTS=160 SEED=15 bash scripts/mutate-checks.sh      # a random sample, reproducible
#   PER_FILE=20 SEED=15 bash scripts/mutate-checks.sh      # at most 20 per file
#   bash scripts/mutate-checks.sh checks/p6_updates.c      # only the files named
#   LIST=1 bash scripts/mutate-checks.sh          # list the mutants, build nothing
#   MUTANTS=160 SEED=15 RERUN=old.log bash scripts/mutate-checks.sh
#       # only the mutants that survived in old.log, a run with the same SEED, MUTANTS and
#       # PER_FILE (after adding fixtures: a mutant killed before stays killed, the fixtures
#       # only grow)
#
# The file under mutation is restored after each mutant and on every exit (Ctrl-C included).
# Exit status: 0 when the run completed (whatever the score), 2 when the unmutated suite fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bdir=${BUILD_DIR:-$root/build-mutate}
seed=${SEED:-15}
mutants=${MUTANTS:-0}
per_file=${PER_FILE:-0}
test_timeout=${TEST_TIMEOUT:-120}

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(ls checks/p*.c)
fi

work=$(mktemp -d)
current=""
restore() {
  if [ -n "$current" ] && [ -f "$work/orig" ]; then
    # Content back, with a new time stamp: the mutant's object file must not look current.
    cp "$work/orig" "$current"
    touch "$current"
    current=""
  fi
}
cleanup() {
  restore
  rm -rf "$work"
}
trap cleanup EXIT
# Build and test run as a job of their own (set -m) that the script waits for: a build tool
# that catches Ctrl-C and exits normally would otherwise make bash ignore the interrupt
# (wait-and-cooperative-exit) and go on to the next mutant.
interrupted=0
trap 'interrupted=1' INT TERM

# Mutation sites: file, byte offset, original token, replacement, line. Comments, string and
# character literals and preprocessor lines are not mutated.
python3 - "$seed" "$mutants" "$per_file" "${files[@]}" >"$work/sites" <<'EOF'
import random, re, sys
seed, total, per_file, files = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
flip = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">",
        "FS_RESULT_PASS": "FS_RESULT_FAIL", "FS_RESULT_FAIL": "FS_RESULT_PASS"}
tok = re.compile(r"FS_RESULT_PASS\b|FS_RESULT_FAIL\b|==|!=|<=|>=|<<=?|>>=?|->|<|>")
lit = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|^[ \t]*#[^\n]*',
                 re.S | re.M)
rng = random.Random(seed)
sites = []
for path in files:
    src = open(path, encoding="utf-8").read()
    masked = lit.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), src)
    mine = []
    for m in tok.finditer(masked):
        t = m.group(0)
        if t in flip:
            line = src.count("\n", 0, m.start()) + 1
            mine.append((path, m.start(), t, flip[t], line))
    if per_file and len(mine) > per_file:
        mine = sorted(rng.sample(mine, per_file), key=lambda s: s[1])
    sites += mine
if total and len(sites) > total:
    sites = sorted(rng.sample(sites, total), key=lambda s: (s[0], s[1]))
for s in sites:
    print("\t".join(map(str, s)))
EOF
if [ -n "${RERUN:-}" ]; then
  # "[I/N] ...: SURVIVED" lines of the earlier run: the I-th mutant of the same sample.
  sed -n 's|^\[\([0-9]*\)/[0-9]*\] .*: SURVIVED$|\1|p' "$RERUN" >"$work/rerun"
  awk 'NR == FNR { want[$1] = 1; next } want[FNR]' "$work/rerun" "$work/sites" >"$work/sites2"
  mv "$work/sites2" "$work/sites"
fi
nsites=$(wc -l <"$work/sites")
echo "mutants: $nsites (seed $seed, MUTANTS=$mutants, PER_FILE=$per_file)"
if [ "${LIST:-0}" = 1 ]; then
  cat "$work/sites"
  exit 0
fi

export FS_FIXTURES=$root/tests/fixtures FS_PROFILES=$root/profiles
build() { cmake --build "$bdir" --target test_checks -j"${JOBS:-2}" >"$work/build.log" 2>&1; }
run_tests() { timeout "$test_timeout" "$bdir/tests/test_checks" >"$work/test.log" 2>&1; }

if [ ! -f "$bdir/CMakeCache.txt" ]; then
  cmake -S . -B "$bdir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
echo "baseline build and run"
build || { cat "$work/build.log"; exit 2; }
run_tests || { echo "test_checks fails without any mutant"; tail -20 "$work/test.log"; exit 2; }

declare -A killed survived stillborn
survivors=()
i=0
while IFS=$'\t' read -r path off orig repl line; do
  i=$((i + 1))
  current=$path
  cp -p "$path" "$work/orig"
  python3 - "$path" "$off" "$orig" "$repl" <<'EOF'
import sys
path, off, orig, repl = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
src = open(path, encoding="utf-8").read()
assert src[off:off + len(orig)] == orig, (path, off, orig)
open(path, "w", encoding="utf-8").write(src[:off] + repl + src[off + len(orig):])
EOF
  # The mutant must look newer than the object, whatever the file system's time resolution.
  touch "$path"
  label="$path:$line $orig -> $repl"
  set -m
  (if ! build; then echo stillborn; elif run_tests; then echo survived; else echo killed; fi) \
    >"$work/verdict" &
  child=$!
  wait "$child" || true
  set +m
  if [ "$interrupted" = 1 ]; then
    kill -TERM -- "-$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
    echo "interrupted: restoring $path"
    exit 130
  fi
  case $(cat "$work/verdict") in
  stillborn)
    stillborn[$path]=$((${stillborn[$path]:-0} + 1))
    verdict="does not compile"
    ;;
  survived)
    survived[$path]=$((${survived[$path]:-0} + 1))
    survivors+=("$label")
    verdict="SURVIVED"
    ;;
  *)
    killed[$path]=$((${killed[$path]:-0} + 1))
    verdict="killed"
    ;;
  esac
  restore
  printf '[%d/%d] %s: %s\n' "$i" "$nsites" "$label" "$verdict"
done <"$work/sites"
# Leave build-mutate built from the unmutated sources.
build || true

echo
echo "== score per file (killed / compiled mutants)"
tk=0
ts=0
for f in "${files[@]}"; do
  k=${killed[$f]:-0}
  s=${survived[$f]:-0}
  n=$((k + s))
  tk=$((tk + k))
  ts=$((ts + s))
  [ "$n" -gt 0 ] || continue
  printf '%-28s %4d / %-4d %5.1f%%  (%d not compiling)\n' "$f" "$k" "$n" \
    "$(echo "scale=1; 100*$k/$n" | bc)" "${stillborn[$f]:-0}"
done
n=$((tk + ts))
if [ "$n" -gt 0 ]; then
  printf '%-28s %4d / %-4d %5.1f%%\n' "total" "$tk" "$n" "$(echo "scale=1; 100*$tk/$n" | bc)"
fi
echo
echo "== surviving mutants (${#survivors[@]})"
for s in "${survivors[@]}"; do echo "  $s"; done
