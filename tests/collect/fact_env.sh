# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=sh
# Sourced by the collector's fact tests (tests/collect/*.sh), under sh.
# fact_env_ns ARG...: re-runs the calling test (with its ARGs) in a mount namespace of its own,
#   where it may mount over the machine's files; exits 77 (skipped) unless root with unshare.
# fact_env_load DIR SRC FACT...: sources the collector's prologue of the source tree SRC (its
#   placeholders filled) and the fact files named, with the probe reports the collector would
#   frame appended to DIR/reports, one per line.
# fact_env_run FN: runs the collector function FN as the collector does, without -e (a tool
#   that answers "no" is no failure of the test).
fact_env_ns() {
  [ "$(id -u)" = 0 ] || exit 77
  command -v unshare >/dev/null 2>&1 || exit 77
  if [ "${FS_IN_NS:-}" != 1 ]; then
    FS_IN_NS=1 exec unshare --mount --propagation private sh "$0" "$@"
  fi
}
fact_env_load() {
  fe_dir=$1 fe_src=$2
  shift 2
  sed -e 's/@FS_NONCE@/0123456789abcdef0123456789abcdef/' -e 's/@FS_CAP@/100000/' \
    "$fe_src/scanner/collect/prologue.sh" >"$fe_dir/prologue.sh"
  # shellcheck disable=SC1091 # generated above
  . "$fe_dir/prologue.sh" >/dev/null 3>/dev/null
  for fe_f in "$@"; do
    # shellcheck disable=SC1090 # the facts under test
    . "$fe_src/scanner/collect/facts/$fe_f.sh"
  done
  fe_reports=$fe_dir/reports
  # shellcheck disable=SC2317 # called by the facts
  fs_report() { echo "$*" >>"$fe_reports"; }
}
fact_env_run() { (
  set +e
  "$1"
); }
