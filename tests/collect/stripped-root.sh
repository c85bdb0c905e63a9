#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds a stripped-down device root in DIR for the collector tests: busybox with only the
# basic applets (no find, no ss, no lastlog, no package manager), dash and bash with their
# libraries, a few account and configuration files, /etc/login.defs unreadable but for root, a
# masked getty unit and an autologin in the vendor serial-getty unit,
# an empty lastlog database and a file of an unknown owner. Usage: stripped-root.sh DIR
set -eu
dir=$1
if [ -z "$dir" ] || [ -e "$dir/bin" ]; then
  echo "stripped-root: $dir must be new" >&2
  exit 2
fi
mkdir -p "$dir/bin" "$dir/etc/ssh" "$dir/proc" "$dir/sys" "$dir/var/log" "$dir/usr/bin" \
  "$dir/usr/sbin" "$dir/sbin" "$dir/root" "$dir/home/alice" "$dir/tmp"
mkdir -p "$dir/dev"
mknod -m 666 "$dir/dev/null" c 1 3
cp /bin/busybox "$dir/bin/busybox"
for a in sh cat echo test [ printf head sed awk grep stat id date uname ls tr wc hostname \
  cut sort true false; do
  ln -s busybox "$dir/bin/$a"
done
for s in /bin/dash /bin/bash; do
  cp "$s" "$dir$s"
  ldd "$s" | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' | while read -r lib; do
    mkdir -p "$dir$(dirname "$lib")"
    cp -L "$lib" "$dir$lib"
  done
done
printf 'root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n' >"$dir/etc/passwd"
printf 'root:x:0:\nalice:x:1000:\n' >"$dir/etc/group"
# shellcheck disable=SC2016 # a password hash, literally
printf 'root:$6$salt$hash:19000::::::\nalice:!:19000::::::\n' >"$dir/etc/shadow"
printf 'ID=stripped\nVERSION_ID="1"\n' >"$dir/etc/os-release"
printf 'PermitRootLogin no\nPasswordAuthentication no\n' >"$dir/etc/ssh/sshd_config"
printf 'PASS_MAX_DAYS 90\n' >"$dir/etc/login.defs"
# a masked getty unit (linked to /dev/null) and Yocto's serial-autologin-root in the vendor unit
mkdir -p "$dir/etc/systemd/system" "$dir/usr/lib/systemd/system"
ln -s /dev/null "$dir/etc/systemd/system/getty@tty1.service"
printf '[Service]\nExecStart=-/sbin/agetty -8 -L -aroot --keep-baud %%I 115200 $TERM\n' \
  >"$dir/usr/lib/systemd/system/serial-getty@.service"
chmod 000 "$dir/etc/login.defs" # unreadable for anyone but root
# modprobe.d as kmod reads it: a name masked in /etc (a link to /dev/null) hides the same name
# in /usr/lib; the files of all directories are read in one order by name; a line ending in a
# backslash goes on in the next one
mkdir -p "$dir/etc/modprobe.d" "$dir/lib/modprobe.d" "$dir/usr/lib/modprobe.d"
ln -s /dev/null "$dir/etc/modprobe.d/uncommon.conf"
printf 'install sctp /bin/false\n' >"$dir/usr/lib/modprobe.d/uncommon.conf"
printf 'install udf /bin/true\n' >"$dir/lib/modprobe.d/zz-cis.conf"
printf 'options x y \\\ninstall hfs /bin/true\ninstall udf /sbin/modprobe -i udf\n' \
  >"$dir/usr/lib/modprobe.d/00-vendor.conf"
: >"$dir/var/log/lastlog"
: >"$dir/usr/bin/vendor-tool"   # owned by an id no account has
chown 4242:4242 "$dir/usr/bin/vendor-tool"     # a lastlog database, but no lastlog program
