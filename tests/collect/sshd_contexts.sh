#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The sshd_effective fact's user contexts against sshd itself: in a mount namespace of its own
# with /etc as an overlay, sshd_config staged several ways. Without a Match block the fact gives
# each user the global settings without running sshd -T -C; with "Match User root" in
# sshd_config (also written =Match or "Match", as sshd reads it), and with it in a file an
# Include names in quotes (which the shell does not read as sshd does), root's context is what
# `sshd -T -C user=root` says: permitrootlogin yes.
# Root only, with sshd and its host keys: 77 elsewhere. Usage: sshd_contexts.sh SOURCE_DIR
set -eu
src=$1
sshd=$(command -v sshd 2>/dev/null || echo /usr/sbin/sshd)
[ -x "$sshd" ] && "$sshd" -T >/dev/null 2>&1 || exit 77
# shellcheck source=tests/collect/fact_env.sh
. "$src/tests/collect/fact_env.sh"
fact_env_ns "$@"
dir=$(mktemp -d /tmp/fs-sshdctx.XXXXXX)
trap 'umount /etc 2>/dev/null; rm -rf "$dir"' EXIT
fail() {
  echo "sshd_contexts: $*" >&2
  exit 1
}
mkdir -p "$dir/u" "$dir/w"
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$dir/u,workdir=$dir/w" /etc
mkdir -p /etc/ssh/sshd_config.d /etc/ssh/fs-extra
rm -f /etc/ssh/sshd_config.d/*
fact_env_load "$dir" "$src" sshd_effective
# the settings of one context of the fact's output
context() { awk -v c="context $1" '$0 == c { on = 1; next } /^(context|files)/ { on = 0 } on' "$dir/out"; }
# stage CONFIG: sshd_config from stdin, then the fact
stage() {
  cat >/etc/ssh/sshd_config
  : >"$dir/reports"
  fact_env_run fs_f_sshd_effective >"$dir/out"
  grep -qx 'source sshd -T' "$dir/out" || fail "$1: sshd -T did not run"
}
runs() { grep -c "^run $sshd 0" "$dir/reports" || true; }

printf 'PermitRootLogin no\nPasswordAuthentication no\n' | stage "no Match"
[ "$(context 'user root')" = "$(context global)" ] || fail "no Match: root's context differs"
context 'user root' | grep -qx 'permitrootlogin no' || fail "no Match: permitrootlogin"
[ "$(runs)" = 1 ] || fail "no Match: sshd ran $(runs) times, want once"

printf 'PermitRootLogin no\nMatch User root\n  PermitRootLogin yes\n' | stage "Match"
context 'user root' | grep -qx 'permitrootlogin yes' || fail "Match: root's context is not sshd's"
context global | grep -qx 'permitrootlogin no' || fail "Match: global"

# sshd drops quotes and one "=" from a keyword: both still open a Match block
for m in '=Match' '"Match"'; do
  printf 'PermitRootLogin no\n%s User root\n  PermitRootLogin yes\n' "$m" | stage "$m"
  "$sshd" -T -C user=root | grep -qx 'permitrootlogin yes' || fail "$m: sshd itself"
  context 'user root' | grep -qx 'permitrootlogin yes' || fail "$m: root's context is not sshd's"
done

printf 'Match User root\n  PermitRootLogin yes\n' >'/etc/ssh/fs-extra/root match.conf'
printf 'PermitRootLogin no\nInclude "/etc/ssh/fs-extra/root match.conf"\n' | stage "quoted Include"
"$sshd" -T -C user=root | grep -qx 'permitrootlogin yes' || fail "quoted Include: sshd itself"
context 'user root' | grep -qx 'permitrootlogin yes' ||
  fail "quoted Include: root's context is not sshd's"
[ "$(grep -c '^include-unread ' "$dir/out")" = 1 ] ||
  fail "quoted Include with a blank: not said to be unread: $(grep -v '^[a-z]* ' "$dir/out" | head -3)"

# an Include as sshd reads it (quoted, =-led, a quoted name) is followed: a Match Address block
# there, which sshd -T -C user=... cannot show, reaches the files the judge reads
printf 'Match Address 10.0.0.0/8\n  PermitRootLogin yes\n' >/etc/ssh/fs-extra/addr.conf
for inc in '"Include" /etc/ssh/fs-extra/addr.conf' '=Include fs-extra/addr.conf' \
  'Include "/etc/ssh/fs-extra/addr.conf"' 'In"clude" /etc/ssh/fs-extra/addr.conf'; do
  printf 'PermitRootLogin no\n%s\n' "$inc" | stage "$inc"
  "$sshd" -T -C addr=10.1.1.1,user=x,host=h | grep -qx 'permitrootlogin yes' || fail "$inc: sshd itself"
  grep -qx 'file /etc/ssh/fs-extra/addr.conf' "$dir/out" && grep -qx '= Match Address 10.0.0.0/8' "$dir/out" ||
    fail "$inc: the included file is not in the fact: $(sed -n '/^files/,$p' "$dir/out" | head -8)"
done
echo "sshd_contexts: global settings for each user without a Match block, sshd -T -C with one; Includes followed as sshd reads them"
