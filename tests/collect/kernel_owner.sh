#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The kernel_build fact's package owners, read from dpkg's file lists as dpkg-query -S reads
# them: in a mount namespace of its own, /var/lib/dpkg is a database in which an installed
# package owns /boot/vmlinuz-R of the running kernel, a removed one (configuration files left)
# and a list with no package at all name it too; only the installed one is an owner. Then the
# same database without the installed package: no owner, and the owners were still asked.
# Root only (unshare, mounts): 77 elsewhere, and without dpkg-query. Usage: kernel_owner.sh SOURCE_DIR
set -eu
src=$1
command -v dpkg-query >/dev/null 2>&1 || exit 77
# shellcheck source=tests/collect/fact_env.sh
. "$src/tests/collect/fact_env.sh"
fact_env_ns "$@"
dir=$(mktemp -d /tmp/fs-kowner.XXXXXX)
trap 'umount /var/lib/dpkg 2>/dev/null; rm -rf "$dir"' EXIT
fail() {
  echo "kernel_owner: $*" >&2
  exit 1
}
r=$(uname -r)
db=$dir/dpkg
mkdir -p "$db/info" "$db/updates"
stanza() { printf 'Package: %s\nStatus: %s\nArchitecture: amd64\nVersion: 1.0\n\n' "$1" "$2"; }
{
  stanza linux-image-fstest 'install ok installed'
  stanza linux-image-fsold 'deinstall ok config-files'
} >"$db/status"
printf '/.\n/boot\n/boot/vmlinuz-%s\n' "$r" >"$db/info/linux-image-fstest.list"
printf '/boot/vmlinuz-%s\n' "$r" >"$db/info/linux-image-fsold.list"
printf '/boot/vmlinuz-%s\n' "$r" >"$db/info/linux-image-fsstray.list"
printf '/usr/bin/fstest\n' >"$db/info/fstest-tools:amd64.list"
mount --bind "$db" /var/lib/dpkg

fact_env_load "$dir" "$src" kernel_build
run() { fact_env_run fs_f_kernel_build >"$dir/out"; }

run
owners=$(grep '^o ' "$dir/out" || true)
[ "$owners" = "o linux-image-fstest: /boot/vmlinuz-$r" ] ||
  fail "owners '$owners', want linux-image-fstest alone"
grep -qx '# owners asked' "$dir/out" || fail "no '# owners asked'"
grep -qx "# release $r" "$dir/out" || fail "no release line"
if grep -q '^fail ' "$dir/reports" 2>/dev/null; then fail "a probe failed: $(grep '^fail ' "$dir/reports")"; fi

# the installed package removed: its list stays behind, and nobody owns the kernel
stanza linux-image-fstest 'deinstall ok config-files' >"$db/status"
run
if grep -q '^o ' "$dir/out"; then fail "a removed package still owns the kernel: $(grep '^o ' "$dir/out")"; fi
grep -qx '# owners asked' "$dir/out" || fail "no '# owners asked' without owners"
echo "kernel_owner: the installed package alone owns /boot/vmlinuz-$r"
