#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The security_pending fact's candidates, in a mount namespace of its own with a dpkg database
# and a security list staged over /var/lib/dpkg and /var/lib/apt/lists: versions that awk would
# take for equal numbers ("1.1" and "1.10", "2" and "2.0") are two versions, and the newer is
# pending; the same version, an older one, another architecture and a package removed with its
# configuration left are not. Root only, with apt-get and apt-helper: 77 elsewhere.
# Usage: security_pending.sh SOURCE_DIR
set -eu
src=$1
command -v apt-get >/dev/null 2>&1 && [ -x /usr/lib/apt/apt-helper ] || exit 77
# shellcheck source=tests/collect/fact_env.sh
. "$src/tests/collect/fact_env.sh"
fact_env_ns "$@"
dir=$(mktemp -d /tmp/fs-secpending.XXXXXX)
trap 'umount /var/lib/dpkg /var/lib/apt/lists 2>/dev/null; rm -rf "$dir"' EXIT
fail() {
  echo "security_pending: $*" >&2
  [ ! -f "$dir/out" ] || sed 's/^/  /' "$dir/out" >&2
  exit 1
}
mkdir -p "$dir/dpkg/info" "$dir/dpkg/updates" "$dir/lists"
stanza() { printf 'Package: %s\nStatus: %s\nArchitecture: %s\nVersion: %s\n\n' "$@"; }
{
  stanza fs-foo 'install ok installed' amd64 1.1
  stanza fs-bar 'install ok installed' amd64 2
  stanza fs-same 'install ok installed' amd64 1.0-1
  stanza fs-ahead 'install ok installed' amd64 3.0
  stanza fs-gone 'deinstall ok config-files' amd64 1.0
  stanza fs-arch 'install ok installed' amd64 1.0
} >"$dir/dpkg/status"
{
  stanza fs-foo '' amd64 1.10
  stanza fs-bar '' amd64 2.0
  stanza fs-same '' amd64 1.0-1
  stanza fs-ahead '' amd64 2.9
  stanza fs-gone '' amd64 2.0
  stanza fs-arch '' i386 2.0
} | sed '/^Status: $/d' >"$dir/lists/fs.invalid_debian-security_dists_bookworm-security_main_binary-amd64_Packages"
mount --bind "$dir/dpkg" /var/lib/dpkg
mount --bind "$dir/lists" /var/lib/apt/lists

fact_env_load "$dir" "$src" security_pending
fact_env_run fs_f_security_pending >"$dir/out"
got=$(grep '^pending ' "$dir/out" | sort | tr '\n' ' ')
[ "$got" = "pending fs-bar pending fs-foo " ] || fail "pending '$got', want fs-bar and fs-foo"
grep -qx '# apt' "$dir/out" || fail "no '# apt'"
if grep -q '^fail ' "$dir/reports" 2>/dev/null; then fail "a probe failed: $(grep '^fail ' "$dir/reports")"; fi
echo "security_pending: 1.10 after 1.1 and 2.0 after 2 pending; the same, older, other-arch and removed not"
