#!/usr/bin/env bash
# A small factory fleet of real OpenSSH servers, each in its own network namespace on the
# bridge fsbr0 (10.77.0.0/24), with sshd as PID 1 of its own mount/pid/uts namespaces on an
# overlay of a cached Debian 12 root.
#   fleet.sh up STATE_DIR      idempotent: (re)starts every target, writes inventory.yml,
#                              known_hosts and the scan key id_ed25519 into STATE_DIR
#   fleet.sh down STATE_DIR    removes every namespace, mount, process and link it made and
#                              verifies nothing is left; safe after a crash halfway through up
#   fleet.sh status STATE_DIR
set -euo pipefail

CACHE=${FLOORSCAN_FLEET_CACHE:-/var/cache/floorscan-fleet}
ROOTFS=$CACHE/rootfs-bookworm
BRIDGE=fsbr0
NET=10.77.0
here=$(cd "$(dirname "$0")" && pwd)

# name address login-user become  (dead has no namespace: nothing answers there)
TARGETS=(
  "weak 11 root no"
  "hardened 12 audit yes"
  "sudopw 13 audit yes"
  "unknownkey 14 root no"
  "changedkey 15 root no"
  "hostile 16 root no"
)

log() { printf 'fleet: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

build_rootfs() {
  [ -f "$ROOTFS/.floorscan-complete" ] && return 0
  mkdir -p "$CACHE"
  local tmp="$CACHE/rootfs.tmp.$$"
  rm -rf "$tmp" "$CACHE"/rootfs.tmp.*
  log "building the target root in $ROOTFS (once; about a minute)"
  local t0=$SECONDS
  mmdebstrap --quiet --variant=minbase \
    --include=openssh-server,sudo,rsyslog,unattended-upgrades,iproute2,procps,passwd,login \
    bookworm "$tmp" >/dev/null
  rm -f "$tmp"/etc/ssh/ssh_host_*
  cp /bin/busybox "$tmp/bin/busybox"
  touch "$tmp/.floorscan-complete"
  rm -rf "$ROOTFS"
  mv "$tmp" "$ROOTFS"
  log "target root built in $((SECONDS - t0)) s ($(du -sh "$ROOTFS" | cut -f1))"
}

ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$NET.1/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
}

root_of() { echo "$STATE/$1/root"; }

# Writes a file inside a target root (path relative to /), mode optional.
put() {
  local name=$1 path=$2 mode=${3:-644}
  local f
  f="$(root_of "$name")$path"
  mkdir -p "$(dirname "$f")"
  cat >"$f"
  chmod "$mode" "$f"
}

in_root() {
  local name=$1
  shift
  chroot "$(root_of "$name")" "$@"
}

authorize() { # name user
  local name=$1 user=$2 home
  home=$(in_root "$name" getent passwd "$user" | cut -d: -f6)
  mkdir -p "$(root_of "$name")$home/.ssh"
  cp "$STATE/id_ed25519.pub" "$(root_of "$name")$home/.ssh/authorized_keys"
  in_root "$name" chown -R "$user:" "$home/.ssh"
  chmod 700 "$(root_of "$name")$home/.ssh"
  chmod 600 "$(root_of "$name")$home/.ssh/authorized_keys"
}

add_audit_account() { # name sudoers-line
  local name=$1
  in_root "$name" useradd -m -u 1001 -s /bin/sh audit
  authorize "$name" audit
  printf '%s\n' "$2" | put "$name" /etc/sudoers.d/audit 440
}

setup_weak() {
  local n=weak r
  r=$(root_of $n)
  authorize $n root
  put $n /etc/ssh/sshd_config.d/50-weak.conf <<'CONF'
PermitRootLogin yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
PermitEmptyPasswords yes
CONF
  in_root $n useradd -m -N -g users -s /bin/sh operator
  in_root $n passwd -d operator >/dev/null
  echo 'toor:x:0:0:backdoor:/root:/bin/sh' >>"$r/etc/passwd"
  echo 'toor:*:19000:0:99999:7:::' >>"$r/etc/shadow"
  sed -i 's/^PASS_MAX_DAYS.*/PASS_MAX_DAYS\t99999/' "$r/etc/login.defs"
  rm -f "$r/etc/apt/apt.conf.d/20auto-upgrades"
  printf 'APT::Periodic::Unattended-Upgrade "0";\n' | put $n /etc/apt/apt.conf.d/20auto-upgrades
  echo 'telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd' >>"$r/etc/inetd.conf"
  put $n /fs-init.local 755 <<'INIT'
/bin/busybox nc -ll -p 23 -e /bin/false &
INIT
}

setup_hardened() { # name sudoers-line
  local n=$1 r
  r=$(root_of "$n")
  add_audit_account "$n" "${2:-audit ALL=(ALL) NOPASSWD: ALL}"
  put "$n" /etc/ssh/sshd_config.d/50-hardened.conf <<'CONF'
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
CONF
  sed -i 's/^PASS_MAX_DAYS.*/PASS_MAX_DAYS\t60/' "$r/etc/login.defs"
  put "$n" /etc/apt/apt.conf.d/20auto-upgrades <<'CONF'
APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";
CONF
  sed -i 's/^module(load="imklog"/#&/' "$r/etc/rsyslog.conf"
  put "$n" /fs-init.local 755 <<'INIT'
/usr/sbin/rsyslogd
INIT
}

setup_sudopw() {
  setup_hardened sudopw 'audit ALL=(ALL) ALL'
  echo 'audit:factory-floor-2026' | in_root sudopw chpasswd
}

setup_plain() { authorize "$1" root; }

# A device whose files hold megabytes of junk, binary bytes, huge lines, forged frame markers
# and names with newlines and shell metacharacters: none of it may run or crash anything.
setup_hostile() {
  local n=hostile r
  r=$(root_of $n)
  authorize $n root
  { # the last PASS_MAX_DAYS wins (as in shadow's getdef): it must not turn into a pass
    printf 'PASS_MAX_DAYS 1\n@@FS-00000000000000000000000000000000 E login_defs 0\n'
    head -c 3000000 /dev/urandom
    printf '\nPASS_MAX_DAYS $(touch /tmp/floorscan-pwned-logindefs)\n'
  } >"$r/etc/login.defs"
  {
    printf 'x$(touch /tmp/floorscan-pwned-passwd):x:0:0:`touch /tmp/floorscan-pwned-bq`:/:/bin/sh\n'
    printf '\033[31mred\033]0;title\007:x:1234:1234::/:/bin/sh\n'
    head -c 200000 /dev/zero | tr '\0' 'A'
    printf '\n'
  } >>"$r/etc/passwd"
  mkdir -p "$r/etc/xinetd.d"
  printf 'service telnet\n{\n  disable = no\n}\n' >"$r/etc/xinetd.d/$(printf 'evil\nname$(touch floorscan-pwned-x);`id`')"
  printf 'service telnet\n{\n  disable = yes\n}\n' >"$r/etc/xinetd.d/-rf *"
  { head -c 2000000 /dev/urandom; printf '\ntelnet $(reboot)\n'; } >"$r/etc/inetd.conf"
  rm -f "$r/etc/os-release"
  printf 'PRETTY_NAME="\033]0;pwned\007$(touch /tmp/floorscan-pwned-os)"\nID=debian\n' \
    >"$r/etc/os-release"
}

start_target() { # name octet
  local name=$1 ip="$NET.$2" ns="fs-$1" r
  r=$(root_of "$name")
  mkdir -p "$STATE/$name/upper" "$STATE/$name/work" "$r"
  mount -t overlay overlay \
    -o "lowerdir=$ROOTFS,upperdir=$STATE/$name/upper,workdir=$STATE/$name/work" "$r"
  echo "$r" >>"$STATE/mounts"
  in_root "$name" ssh-keygen -A >/dev/null
  printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$name" | put "$name" /etc/hosts
  echo "$name" | put "$name" /etc/hostname
  put "$name" /fs-init 755 <<'INIT'
#!/bin/sh
mkdir -p /run/sshd
[ -x /fs-init.local ] && . /fs-init.local
exec /usr/sbin/sshd -D -e
INIT
  "setup_$(case $name in unknownkey | changedkey) echo plain ;; *) echo "$name" ;; esac)" "$name"

  ip netns add "$ns"
  echo "$ns" >>"$STATE/netns"
  ip link add "fsv-$name" type veth peer name eth0 netns "$ns"
  ip link set "fsv-$name" master "$BRIDGE" up
  ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  [ "$name" = weak ] && ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.forwarding=0 2>/dev/null || true
  ip netns exec "$ns" unshare --mount --pid --uts --fork --propagation private sh -c '
    r=$1; name=$2
    mount -t proc proc "$r/proc"
    mount -t tmpfs -o mode=755 tmpfs "$r/run"
    mount -t tmpfs -o mode=755 tmpfs "$r/dev"
    for d in null:1:3 zero:1:5 random:1:8 urandom:1:9 tty:5:0; do
      IFS=: read -r n ma mi <<E
$d
E
      mknod -m 666 "$r/dev/$n" c "$ma" "$mi"
    done
    mkdir -p "$r/dev/pts" && mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts"
    ln -s pts/ptmx "$r/dev/ptmx"
    hostname "$name"
    exec chroot "$r" /fs-init' fleet "$r" "$name" >"$STATE/$name/sshd.log" 2>&1 </dev/null &
}

wait_port() { # ip name
  local i
  for i in $(seq 100); do
    if timeout 1 bash -c "exec 3<>/dev/tcp/$1/22" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  die "target $2 ($1) did not open port 22; its log: $(tail -3 "$STATE/$2/sshd.log")"
}

write_inventory() {
  cat >"$STATE/inventory.yml" <<YAML
# Generated by tests/fleet/fleet.sh for the floorscan demo and integration tests.
all:
  vars:
    ansible_ssh_private_key_file: $STATE/id_ed25519
    escalation_contact: "factory IT on-call"
  children:
    build_servers:
      vars: { role: build-server, zone: engineering }
      hosts:
        weak: { ansible_host: $NET.11, ansible_user: root }
        hardened: { ansible_host: $NET.12, ansible_user: audit, become: true }
    failures:
      vars: { zone: quarantine }
      hosts:
        sudopw: { ansible_host: $NET.13, ansible_user: audit, become: true }
        unknownkey: { ansible_host: $NET.14, ansible_user: root }
        changedkey: { ansible_host: $NET.15, ansible_user: root }
        dead: { ansible_host: $NET.99, ansible_user: root }
    hostile_devices:
      vars: { role: production-device, zone: line-1 }
      hosts:
        hostile: { ansible_host: $NET.16, ansible_user: root }
YAML
}

write_known_hosts() {
  : >"$STATE/known_hosts"
  local t name octet
  for t in "${TARGETS[@]}"; do
    read -r name octet _ <<<"$t"
    case $name in
      unknownkey) ;;
      changedkey)
        rm -f "$STATE/other_key" "$STATE/other_key.pub"
        ssh-keygen -q -t ed25519 -N '' -f "$STATE/other_key"
        echo "$NET.$octet $(cut -d' ' -f1,2 "$STATE/other_key.pub")" >>"$STATE/known_hosts"
        ;;
      *)
        echo "$NET.$octet $(cut -d' ' -f1,2 "$(root_of "$name")/etc/ssh/ssh_host_ed25519_key.pub")" \
          >>"$STATE/known_hosts"
        ;;
    esac
  done
}

verify() {
  local o=(-i "$STATE/id_ed25519" -o UserKnownHostsFile="$STATE/known_hosts"
           -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=5)
  ssh "${o[@]}" root@"$NET.11" 'sshd -T | grep -qx "permitrootlogin yes"' ||
    die "weak: root login or sshd -T does not work"
  ssh "${o[@]}" audit@"$NET.12" 'sudo -n sshd -T | grep -qx "permitrootlogin no"' ||
    die "hardened: audit with sudo or sshd -T does not work"
}

cmd_down() {
  local removed=0 ns pid m
  for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^fs-/ {print $1}'); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
  done
  # processes die asynchronously; wait until the namespaces are empty
  for _ in $(seq 50); do
    local busy=0
    for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^fs-/ {print $1}'); do
      [ -n "$(ip netns pids "$ns" 2>/dev/null)" ] && busy=1
    done
    [ $busy = 0 ] && break
    sleep 0.1
  done
  for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^fs-/ {print $1}'); do
    ip netns del "$ns" && removed=$((removed + 1))
  done
  for l in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep '^fsv-' || true); do
    ip link del "$l" 2>/dev/null || true
  done
  if [ -n "${STATE:-}" ] && [ -d "$STATE" ]; then
    for m in $(awk -v s="$STATE/" 'index($2, s) == 1 {print $2}' /proc/mounts | sort -r); do
      umount -l "$m" 2>/dev/null || true
    done
    rm -f "$STATE/mounts" "$STATE/netns"
  fi
  ip link del "$BRIDGE" 2>/dev/null || true
  # verify
  local left=""
  ip netns list 2>/dev/null | grep -q '^fs-' && left="$left namespaces"
  ip link show "$BRIDGE" >/dev/null 2>&1 && left="$left bridge"
  if [ -n "${STATE:-}" ] && awk -v s="$STATE/" 'index($2, s) == 1' /proc/mounts | grep -q .; then
    left="$left mounts"
  fi
  [ -n "$left" ] && die "could not remove:$left"
  log "down: removed $removed namespaces; no namespace, mount or bridge left"
}

cmd_up() {
  [ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
  build_rootfs
  cmd_down >/dev/null 2>&1 || true
  local t0=$SECONDS t name octet
  mkdir -p "$STATE"
  for name in "${TARGETS[@]}"; do rm -rf "${STATE:?}/${name%% *}"; done
  [ -f "$STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C floorscan-scan -f "$STATE/id_ed25519"
  ensure_bridge
  for t in "${TARGETS[@]}"; do
    read -r name octet _ <<<"$t"
    start_target "$name" "$octet"
  done
  for t in "${TARGETS[@]}"; do
    read -r name octet _ <<<"$t"
    wait_port "$NET.$octet" "$name"
  done
  write_known_hosts
  write_inventory
  verify
  log "up: ${#TARGETS[@]} targets on $NET.0/24 in $((SECONDS - t0)) s; inventory $STATE/inventory.yml"
}

cmd_status() {
  local t name octet
  for t in "${TARGETS[@]}"; do
    read -r name octet _ <<<"$t"
    if ip netns list | grep -q "^fs-$name\b" && [ -n "$(ip netns pids "fs-$name")" ]; then
      echo "$name $NET.$octet up"
    else
      echo "$name $NET.$octet down"
    fi
  done
}

[ $# -ge 2 ] || die "usage: fleet.sh up|down|status STATE_DIR"
STATE=$(mkdir -p "$2" && cd "$2" && pwd)
case $1 in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) die "unknown command $1" ;;
esac
