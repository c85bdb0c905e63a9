#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A small factory floor of real OpenSSH servers, each in its own network namespace on the
# bridge fsbr0 (10.77.0.0/24), with sshd as PID 1 of its own mount/pid/uts namespaces on an
# overlay of a cached root: Debian 12 (build servers, test stations) or a busybox userland
# (production devices: busybox sh, no bash, no ss, no systemd, no package manager).
#   fleet.sh up STATE_DIR [--set all|demo] idempotent: (re)starts the targets, writes
#                                          inventory.yml, known_hosts and the scan key
#   fleet.sh up STATE_DIR --count N        scale mode: N minimal busybox targets on
#                                          fsbr1 (10.78.0.0/16), inventory in inventory.yml
#   fleet.sh up STATE_DIR --peers [N]      peer mode: N (default 5) plain Debian 12 targets
#                                          peer1..peerN with openscap-scanner, the SCAP
#                                          Security Guide and Lynis, on fsbr3 (10.83.0.0/24),
#                                          namespaces fsp-*: independent of the other modes
#   fleet.sh down STATE_DIR                removes every namespace, mount, process and link it
#                                          made, verifies nothing is left; safe after a crash
#                                          (a peer-mode STATE_DIR, or --peers: the peer fleet only)
#   fleet.sh status STATE_DIR
# Single-quoted $(...) and backticks below are test data written into the targets, on purpose.
# shellcheck disable=SC2016
set -euo pipefail

CACHE=${FLOORSCAN_FLEET_CACHE:-/var/cache/floorscan-fleet}
ROOTFS=$CACHE/rootfs-bookworm
BBROOT=$CACHE/rootfs-busybox
# Peer mode (benchmarks against oscap-ssh and Lynis): its own root, version, bridge, subnet
# and name prefixes, so that it runs beside any other mode and neither one's up or down
# touches the other's namespaces, links or mounts.
PEERSROOT=$CACHE/rootfs-bookworm-peers
PEERS_ROOT_VERSION=1
PEERS_BRIDGE=fsbr3
PEERS_NET=10.83.0
PEERS_MARK=.floorscan-fleet-peers
# The names the current mode owns (peer mode sets its own in peers_mode).
NS_PREFIX=fs-
VETH_PREFIX=fsv-
LINKS_RE="" LOWER_A="" LOWER_B="" # empty: the other modes' links and roots (see fleet_links)
# Bump when the recipe of a root changes: the cache is rebuilt.
ROOT_VERSION=3
BRIDGE=fsbr0
NET=10.77.0
SCALE_BRIDGE=fsbr1
# Marks a STATE_DIR as made by this script: up empties it and refuses any other non-empty one.
STATE_MARK=.floorscan-fleet-state

# name octet kind setup login become role zone   (kind: debian|busybox; "-" = unset)
ALL_TARGETS=(
  "bs-weak 11 debian bs_weak root no build-server engineering"
  "bs-hard 12 debian bs_hard audit yes build-server engineering"
  "bs-mixed 13 debian bs_mixed audit yes build-server engineering"
  "ts-weak 21 debian ts_weak root no test-station test-lab"
  "ts-hard 22 debian ts_hard audit yes test-station test-lab"
  "ts-mixed 23 debian ts_mixed root no test-station test-lab"
  "pd-weak 31 busybox pd_weak root no production-device line-1"
  "pd-hard 32 busybox pd_hard root no production-device line-1"
  "pd-mixed 33 busybox pd_mixed root no production-device line-1"
  "pd-dbweak 34 busybox pd_dbweak root no production-device line-1"
  "pd-dbhard 35 busybox pd_dbhard root no production-device line-1"
  "sudopw 41 debian sudopw audit yes - quarantine"
  "unknownkey 42 debian plain root no - quarantine"
  "changedkey 43 debian plain root no - quarantine"
  "hostile 44 debian hostile root no production-device quarantine"
  "stall 45 debian stall root no production-device quarantine"
  "flood 46 debian flood root no production-device quarantine"
)
DEMO_TARGETS=(bs-weak bs-hard ts-mixed pd-weak pd-hard)
DEAD="dead 99"

log() { printf 'fleet: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Removes what an interrupted build left in the cache. mmdebstrap runs in a mount namespace of
# its own (so a killed build leaves no /proc, /sys or devpts mounts on the host), but unmount
# anyway before deleting, and never let rm cross into another file system.
clean_stale_builds() { # [glob...] (default: the builds of the Debian and busybox roots)
  local d m
  [ $# -gt 0 ] || set -- "$CACHE"/rootfs.tmp.* "$CACHE"/bbroot.tmp.* "$CACHE"/mmdebstrap-tmp.*
  for d in "$@"; do
    [ -e "$d" ] || continue
    awk -v s="$d/" 'index($2, s) == 1 {print $2}' /proc/mounts | sort -r |
      while read -r m; do umount -l "$m"; done
    rm -rf --one-file-system "$d"
  done
}

# The host's Debian bookworm sources (suites bookworm, -updates, -security; component main)
# as one-line entries for mmdebstrap; nothing when apt knows none (mmdebstrap's default then).
host_mirrors() {
  apt-get indextargets --no-release-info \
    --format '$(REPO_URI) $(RELEASE) $(COMPONENT) $(IDENTIFIER)' 2>/dev/null |
    awk 'BEGIN { rank["bookworm"] = 1; rank["bookworm-updates"] = 2; rank["bookworm-security"] = 3 }
         $3 == "main" && $4 == "Packages" && ($2 in rank) {
           print rank[$2] " deb " $1 " " $2 " main" }' | sort -u | cut -d' ' -f2-
}

build_debian_root() {
  [ -f "$ROOTFS/.floorscan-complete-v$ROOT_VERSION" ] && return 0
  mkdir -p "$CACHE"
  local tmp="$CACHE/rootfs.tmp.$$" tmpdir="$CACHE/mmdebstrap-tmp.$$" t0=$SECONDS mirrors=()
  clean_stale_builds
  mapfile -t mirrors < <(host_mirrors)
  log "building the Debian 12 target root in $ROOTFS (once) from ${mirrors[*]:-the default mirror of mmdebstrap}"
  mkdir -p "$tmpdir"
  TMPDIR=$tmpdir unshare --mount --propagation private \
    mmdebstrap --quiet --variant=minbase \
    --include=openssh-server,sudo,rsyslog,unattended-upgrades,iproute2,procps,passwd,login,binutils,make,nftables,logrotate \
    bookworm "$tmp" "${mirrors[@]}" </dev/null >/dev/null ||
    die "mmdebstrap failed (mirrors: ${mirrors[*]:-default}); nothing was cached"
  rm -rf "$tmpdir"
  rm -f "$tmp"/etc/ssh/ssh_host_*
  cp /bin/busybox "$tmp/bin/busybox"
  touch "$tmp/.floorscan-complete-v$ROOT_VERSION"
  rm -rf "$ROOTFS"
  mv "$tmp" "$ROOTFS"
  log "Debian root built in $((SECONDS - t0)) s ($(du -sh "$ROOTFS" | cut -f1))"
}

# The peer root: the Debian root's packages plus the peers floorscan is measured against
# (openscap-scanner, the SCAP Security Guide's Debian content, Lynis). Debian 11 has no
# openscap-scanner, and Debian 12's ssg-debian (0.1.65) ships Debian 10 and 11 content only
# (see scripts/bench/peers.sh). A build of its own with its own temporary names: it never
# touches a build of the other roots.
build_peers_root() {
  [ -f "$PEERSROOT/.floorscan-complete-v$PEERS_ROOT_VERSION" ] && return 0
  mkdir -p "$CACHE"
  local tmp="$CACHE/peersroot.tmp.$$" tmpdir="$CACHE/peers-mmdebstrap-tmp.$$" t0=$SECONDS mirrors=()
  clean_stale_builds "$CACHE"/peersroot.tmp.* "$CACHE"/peers-mmdebstrap-tmp.*
  mapfile -t mirrors < <(host_mirrors)
  log "building the Debian 12 peer root in $PEERSROOT (once) from ${mirrors[*]:-the default mirror of mmdebstrap}"
  mkdir -p "$tmpdir"
  TMPDIR=$tmpdir unshare --mount --propagation private \
    mmdebstrap --quiet --variant=minbase \
    --include=openssh-server,sudo,rsyslog,unattended-upgrades,iproute2,procps,passwd,login,binutils,make,nftables,logrotate,openscap-scanner,ssg-debian,lynis \
    bookworm "$tmp" "${mirrors[@]}" </dev/null >/dev/null ||
    die "mmdebstrap failed (mirrors: ${mirrors[*]:-default}); nothing was cached"
  rm -rf "$tmpdir"
  rm -f "$tmp"/etc/ssh/ssh_host_*
  cp /bin/busybox "$tmp/bin/busybox"
  touch "$tmp/.floorscan-complete-v$PEERS_ROOT_VERSION"
  rm -rf "$PEERSROOT"
  mv "$tmp" "$PEERSROOT"
  log "peer root built in $((SECONDS - t0)) s ($(du -sh "$PEERSROOT" | cut -f1))"
}

# A busybox userland with OpenSSH's sshd (and the libraries it links) copied from the Debian
# root: what an embedded production device looks like to a scanner.
build_busybox_root() {
  [ -f "$BBROOT/.floorscan-complete-v$ROOT_VERSION" ] && return 0
  local tmp="$CACHE/bbroot.tmp.$$" lib
  clean_stale_builds
  mkdir -p "$tmp"/{bin,sbin,usr/bin,usr/sbin,etc/ssh,proc,sys,dev,run,tmp,root,home,var/log,var/empty,lib64}
  chmod 1777 "$tmp/tmp"
  chmod 700 "$tmp/root"
  cp /bin/busybox "$tmp/bin/busybox"
  chroot "$tmp" /bin/busybox --install -s
  cp "$ROOTFS/usr/sbin/sshd" "$tmp/usr/sbin/sshd"
  for lib in $(chroot "$ROOTFS" ldd /usr/sbin/sshd | grep -o '/[^ ]*'); do
    mkdir -p "$tmp$(dirname "$lib")"
    cp -L "$ROOTFS$lib" "$tmp$lib"
  done
  cat >"$tmp/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
sshd:x:100:65534:sshd privsep:/var/empty:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$tmp/etc/group"
  printf 'root:*:19700:0:99999:7:::\nsshd:*:19700:::::\nnobody:*:19700:::::\n' >"$tmp/etc/shadow"
  chmod 600 "$tmp/etc/shadow"
  cat >"$tmp/etc/os-release" <<'O'
NAME="FactoryOS"
ID=factoryos
VERSION_ID=2.1
PRETTY_NAME="FactoryOS 2.1 (busybox)"
O
  cat >"$tmp/etc/ssh/sshd_config" <<'C'
Include /etc/ssh/sshd_config.d/*.conf
HostKey /etc/ssh/ssh_host_ed25519_key
UsePAM no
PermitRootLogin prohibit-password
C
  mkdir -p "$tmp/etc/ssh/sshd_config.d"
  touch "$tmp/.floorscan-complete-v$ROOT_VERSION"
  rm -rf "$BBROOT"
  mv "$tmp" "$BBROOT"
  log "busybox root built ($(du -sh "$BBROOT" | cut -f1))"
}

ensure_bridge() { # bridge cidr
  if ! ip link show "$1" >/dev/null 2>&1; then
    ip link add "$1" type bridge
    ip addr add "$2" dev "$1"
  fi
  ip link set "$1" up
}

root_of() { echo "$STATE/$1/root"; }

# Writes stdin to a file inside a target root (path relative to /), mode optional.
put() {
  local name=$1 path=$2 mode=${3:-644} f
  f="$(root_of "$name")$path"
  mkdir -p "$(dirname "$f")"
  rm -f "$f" # never write through a symlink of the lower root
  cat >"$f"
  chmod "$mode" "$f"
}

in_root() {
  local name=$1
  shift
  chroot "$(root_of "$name")" "$@"
}

authorize() { # name user home
  local name=$1 user=$2 home=$3 r
  r=$(root_of "$name")
  mkdir -p "$r$home/.ssh"
  cp "$STATE/id_ed25519.pub" "$r$home/.ssh/authorized_keys"
  chmod 700 "$r$home/.ssh"
  chmod 600 "$r$home/.ssh/authorized_keys"
  chown -R "$(awk -F: -v u="$user" '$1 == u {print $3 ":" $4}' "$r/etc/passwd")" "$r$home/.ssh"
}

add_audit_account() { # name sudoers-line
  local name=$1
  in_root "$name" useradd -m -u 1001 -s /bin/sh audit
  authorize "$name" audit /home/audit
  printf '%s\n' "$2" | put "$name" /etc/sudoers.d/audit 440
}

sshd_conf() { # name, settings on stdin
  put "$1" /etc/ssh/sshd_config.d/50-floorscan-fleet.conf
}

set_max_days() { sed -i "s/^PASS_MAX_DAYS.*/PASS_MAX_DAYS\t$2/" "$(root_of "$1")/etc/login.defs"; }

auto_updates() { # name on|off
  if [ "$2" = on ]; then
    printf 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n'
  else
    printf 'APT::Periodic::Unattended-Upgrade "0";\n'
  fi | put "$1" /etc/apt/apt.conf.d/20auto-upgrades
}

init_local() { put "$1" /fs-init.local 755; } # commands run before sshd, on stdin

# Daemons that cannot run inside a network namespace (auditd needs the host's audit netlink,
# chronyd would set the host clock) are stood in for by a process of the same name: the
# checks read the process list, which is what they would see on a real device.
stand_in() { # name daemon...
  local n=$1 d
  shift
  for d in "$@"; do
    printf '#!/bin/sh\nwhile :; do sleep 3600; done\n' | put "$n" "/usr/local/sbin/$d" 755
    echo "/usr/local/sbin/$d &" >>"$(root_of "$n")/fs-init.local"
  done
}

harden_login_defs() {
  local r
  r=$(root_of "$1")
  sed -i 's/^PASS_MIN_DAYS.*/PASS_MIN_DAYS\t1/; s/^UMASK.*/UMASK\t\t027/' "$r/etc/login.defs"
}

# The rare network protocols and file systems a hardened device blocks (one modprobe file):
# kernel_uncommon_net_protocols_disabled and fs_uncommon_filesystems_disabled.
block_modules() {
  local m
  for m in dccp sctp rds tipc cramfs freevxfs hfs hfsplus jffs2 udf; do
    printf 'install %s /bin/false\nblacklist %s\n' "$m" "$m"
  done | put "$1" /etc/modprobe.d/uncommon.conf
}

# What a hardened Debian device has beyond sshd: a default-deny firewall, PAM and account
# policy, private homes and logs, audit rules, forwarding, time servers, integrity checking.
harden_debian() {
  local n=$1 r
  r=$(root_of "$n")
  put "$n" /etc/nftables.conf 755 <<'NFT'
#!/usr/sbin/nft -f
flush ruleset
table inet filter {
  chain input {
    type filter hook input priority filter; policy drop;
    iif lo accept
    ct state established,related accept
    tcp dport 22 accept
  }
  chain output {
    type filter hook output priority filter; policy drop;
    oif lo accept
    ct state established,related accept
    udp dport 123 accept
    tcp dport 514 accept
  }
}
NFT
  echo '/usr/sbin/nft -f /etc/nftables.conf' >>"$r/fs-init.local"
  echo 'minlen = 14' | put "$n" /etc/security/pwquality.conf
  # pwquality.conf alone is not used by any PAM stack (minbase has no libpam-pwquality):
  # the stack itself sets the length
  sed -i 's/^\(password.*pam_unix\.so.*\)$/\1 minlen=14/' "$r/etc/pam.d/common-password"
  echo 'deny = 4' | put "$n" /etc/security/faillock.conf
  sed -i '1i auth required pam_faillock.so preauth' "$r/etc/pam.d/common-auth"
  echo 'INACTIVE=30' >>"$r/etc/default/useradd"
  sed -i 's/^# *\(auth *required *pam_wheel.so\)$/\1/' "$r/etc/pam.d/su"
  chmod 750 "$r"/home/*
  printf 'TMOUT=600\nreadonly TMOUT\nexport TMOUT\n' | put "$n" /etc/profile.d/tmout.sh
  # dash, useradd's /bin/sh, ignores TMOUT: login accounts get bash
  for u in audit build; do
    if grep -q "^$u:" "$r/etc/passwd"; then in_root "$n" usermod -s /bin/bash "$u"; fi
  done
  find "$r/var/log" -type f -exec chmod o-rwx {} +
  mkdir -p "$r/etc/audit/rules.d"
  put "$n" /etc/audit/rules.d/floorscan.rules <<'AUD'
-w /etc/passwd -p wa -k identity
-w /etc/shadow -p wa -k identity
-w /etc/group -p wa -k identity
-w /etc/gshadow -p wa -k identity
-w /etc/security/opasswd -p wa -k identity
-w /etc/sudoers -p wa -k identity
-w /opt/signing -p rwa -k signing
AUD
  echo '*.* @@10.77.0.1:514' | put "$n" /etc/rsyslog.d/90-forward.conf
  printf 'server ntp1.factory.example iburst\n' | put "$n" /etc/chrony/chrony.conf
  stand_in "$n" aide
  mv "$r/usr/local/sbin/aide" "$r/usr/bin/aide"
  sed -i 's|/usr/local/sbin/aide &||' "$r/fs-init.local"
  mkdir -p "$r/var/lib/aide" && : >"$r/var/lib/aide/aide.db"
  echo '0 3 * * * root /usr/bin/aide --check' | put "$n" /etc/cron.d/aide
  echo '30 2 * * * root restic backup /etc /srv' | put "$n" /etc/cron.d/backup
  mkdir -p "$r/etc/.git"
  printf 'install usb-storage /bin/false\n' | put "$n" /etc/modprobe.d/usb-storage.conf
  block_modules "$n"
  cat <<'SMB' | put "$n" /etc/samba/smb.conf
[global]
   map to guest = never
[results]
   path = /srv/results
   guest ok = no
SMB
  echo '/srv/images 10.77.0.0/24(ro,root_squash)' | put "$n" /etc/exports
}

# A line's data flows, for the zones and conduits analysis (scan --zones, docs/zones.md): a
# service that keeps each connection open (as a test station's result service does), and
# devices that keep one connection to it. The holding process is named for its role: the
# collector shows the owner of each socket. Nothing is judged without --zones.
hold_service() { # name port command-name
  printf '#!/bin/sh\n# holds the connection nc hands over on stdin and stdout\nsleep 86400 </dev/null >/dev/null 2>&1\n' |
    put "$1" "/usr/local/bin/$3" 755
  echo "/bin/busybox nc -ll -p $2 -e /usr/local/bin/$3 &" >>"$(root_of "$1")/fs-init.local"
}
flow_client() { # name address port command-name (retried until the peer is up)
  printf '#!/bin/sh\n# holds the connection nc hands over on stdin and stdout\nsleep 86400 </dev/null >/dev/null 2>&1\n' |
    put "$1" "/usr/local/bin/$4" 755
  echo "(while :; do /bin/busybox nc $2 $3 -e /usr/local/bin/$4; sleep 1; done) </dev/null >/dev/null 2>&1 &" \
    >>"$(root_of "$1")/fs-init.local"
}

rsyslog_on() {
  sed -i 's/^module(load="imklog"/#&/' "$(root_of "$1")/etc/rsyslog.conf"
  echo /usr/sbin/rsyslogd | init_local "$1"
}

HARD_SSHD='PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
MaxAuthTries 3
X11Forwarding no
AllowTcpForwarding no
GatewayPorts no
ClientAliveInterval 300
ClientAliveCountMax 3
LoginGraceTime 60
MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com
AllowUsers audit'

# --- Debian build servers: toolchain (binutils, make), a code-signing key, a build account
build_common() {
  local r
  r=$(root_of "$1")
  in_root "$1" useradd -m -s /bin/sh build
  mkdir -p "$r/opt/signing"
  printf -- '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAK\n-----END PRIVATE KEY-----\n' \
    >"$r/opt/signing/release.key"
  chmod "$2" "$r/opt/signing/release.key"
}

# Files only the rules that read them notice, good or bad: journald's storage, the login
# records, the package index's age and the kernels in /boot (no systemd, no wtmp writes, no
# apt download and no packaged kernel in a namespace, so they are staged).
stage_records() {
  local n=$1 r k
  r=$(root_of "$n")
  k=$(uname -r)
  # an index file of a source no sources.list names: apt ignores it, its age still counts
  mkdir -p "$r/var/lib/apt/lists" "$r/boot"
  : >"$r/boot/vmlinuz-$k"
  if [ "$2" = good ]; then
    printf '[Journal]\nStorage=persistent\n' | put "$n" /etc/systemd/journald.conf
    mkdir -p "$r/var/log/journal"
    head -c 384 /dev/zero | put "$n" /var/log/wtmp 660
    : >"$r/var/lib/apt/lists/fleet.invalid_debian_dists_bookworm_InRelease"
  else
    printf '[Journal]\nStorage=volatile\n' | put "$n" /etc/systemd/journald.conf
    touch -d 2020-01-01 "$r/var/lib/apt/lists/fleet.invalid_debian_dists_bookworm_InRelease"
    : >"$r/boot/vmlinuz-99.0.0-fs-newer"
  fi
}

setup_bs_weak() {
  local n=$1 r
  r=$(root_of "$n")
  build_common "$n" 644
  authorize "$n" root /root
  sshd_conf "$n" <<'CONF'
PermitRootLogin yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
PermitEmptyPasswords yes
CONF
  in_root "$n" useradd -m -N -g users -s /bin/sh operator
  in_root "$n" passwd -d operator >/dev/null
  stage_records "$n" bad
  echo 'toor:x:0:0:backdoor:/root:/bin/sh' >>"$r/etc/passwd"
  echo 'toor:*:19000:0:99999:7:::' >>"$r/etc/shadow"
  set_max_days "$n" 99999
  auto_updates "$n" off
  echo 'telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd' >>"$r/etc/inetd.conf"
  echo '/bin/busybox nc -ll -p 23 -e /bin/false &' | init_local "$n"
  FORWARD=1 SYNCOOKIES=0
  cat >>"$r/etc/ssh/sshd_config.d/50-floorscan-fleet.conf" <<'CONF'
Ciphers +aes256-cbc
KexAlgorithms +diffie-hellman-group14-sha1
PermitTunnel yes
CONF
  # a leaver locked with usermod -L -e 1 whose key stays: UsePAM yes lets the key in
  in_root "$n" useradd -m -s /bin/bash leaver
  echo 'leaver:Left-the-company-2025' | in_root "$n" chpasswd
  in_root "$n" usermod -L -e 1 leaver
  authorize "$n" leaver /home/leaver
  chmod 644 "$r/etc/shadow"
  echo 'legacy:x:1500:100::/home/legacy:/bin/sh' >>"$r/etc/passwd"
  echo 'legacy:$1$abcdefgh$0123456789abcdefghijkl:19000:0:99999:7:::' >>"$r/etc/shadow"
  sed -i 's|^daemon:\(.*\):/usr/sbin/nologin$|daemon:\1:/bin/sh|' "$r/etc/passwd"
  mkdir -p "$r/boot/grub"
  echo 'set timeout=5' >"$r/boot/grub/grub.cfg"
  chmod 644 "$r/boot/grub/grub.cfg"
  echo 'deb [trusted=yes] http://vendor.example/apt stable main' |
    put "$n" /etc/apt/sources.list.d/vendor.list
  echo 'build ALL=(ALL) NOPASSWD: ALL' | put "$n" /etc/sudoers.d/build 440
  sed -i 's/^Defaults[[:space:]]*use_pty/#&/' "$r/etc/sudoers"
  # a nightly job the build account may edit: it runs as root (cron_jobs_root_only)
  echo '0 1 * * * root /home/build/nightly.sh' | put "$n" /etc/cron.d/nightly-build
  in_root "$n" chown build: /etc/cron.d/nightly-build
  in_root "$n" groupadd -f docker
  in_root "$n" usermod -aG docker build
  echo '/srv *(rw,no_root_squash)' | put "$n" /etc/exports
  mkdir -p "$r/home/build/.gnupg" "$r/srv/drop" "$r/opt/vendor"
  chmod 755 "$r/home/build/.gnupg"
  chmod 777 "$r/srv/drop"
  cp "$r/opt/signing/release.key" "$r/home/build/release-copy.pem"
  cp "$r/bin/true" "$r/opt/vendor/helper" && chmod 4755 "$r/opt/vendor/helper"
  echo 'vendor tool' >"$r/opt/vendor/tool" && chown 4242:4242 "$r/opt/vendor/tool"
  rm -f "$r/etc/cron.daily/logrotate" "$r/lib/systemd/system/logrotate.timer"
  ssh-keygen -q -t rsa -b 1024 -N '' -C weak-rsa -f "$STATE/weak_rsa"
  cat "$STATE/weak_rsa.pub" >>"$r/root/.ssh/authorized_keys"
  chmod 644 "$r/root/.ssh/authorized_keys" # sshd accepts it; the rule wants 600
  # a git token every account can read (accounts_credential_files_private)
  echo 'https://build:fleet-token@git.example' | put "$n" /home/build/.git-credentials 644
  in_root "$n" chown build: /home/build/.git-credentials
  # a build agent that keeps a connection to the test lab's results service: no conduit
  # allows engineering -> test-lab, the zone analysis shows it as a violation
  flow_client "$n" "$NET.23" 5000 build-agent
  tamper_byte "$r/usr/bin/x86_64-linux-gnu-as" 4096
}

# Changes one byte of a file (copied up into the target's overlay; the cached root stays as it
# is): a toolchain binary altered after installation, as malware on a build server would do
# to infect what it builds. The size, owner and mode stay the same.
tamper_byte() { # file offset
  local b
  b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
  [ -n "$b" ] || die "tamper_byte: $1 is shorter than $2 bytes"
  # shellcheck disable=SC2059
  printf "\\$(printf '%03o' $(((b + 1) % 256)))" |
    dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

setup_bs_hard() {
  NETHARD=1
  build_common "$1" 600
  add_audit_account "$1" "${2:-audit ALL=(ALL) NOPASSWD: ALL}"
  echo "$HARD_SSHD" | sshd_conf "$1"
  set_max_days "$1" 60
  harden_login_defs "$1"
  auto_updates "$1" on
  rsyslog_on "$1"
  stand_in "$1" auditd chronyd
  mkdir -p "$(root_of "$1")/boot/grub"
  echo 'set timeout=5' | put "$1" /boot/grub/grub.cfg 600
  harden_debian "$1"
  stage_records "$1" good
  mkdir -p "$(root_of "$1")/home/build/.gnupg"
  chmod 700 "$(root_of "$1")/home/build/.gnupg"
  in_root "$1" chown build: /home/build/.gnupg
  in_root "$1" groupadd -f docker
  # a password for the build account, aged by the build servers' policy (chage, not login.defs)
  echo 'build:Fleet-build-server-2026' | in_root "$1" chpasswd
  in_root "$1" chage -M 60 -m 1 -W 7 build
}

# Mixed: hardened except password logins and a password age above the build-server limit.
setup_bs_mixed() {
  setup_bs_hard "$1"
  # root logins re-enabled by a Match block: only sshd -T -C user=root shows it
  printf 'Match User root\n  PermitRootLogin yes\n' | put "$1" /etc/ssh/sshd_config.d/60-vendor.conf
  sshd_conf "$1" <<'CONF'
PermitRootLogin no
PasswordAuthentication yes
PermitEmptyPasswords no
CONF
  set_max_days "$1" 120
  echo 'touch /run/reboot-required' >>"$(root_of "$1")/fs-init.local"
}

# --- Test stations: older feel, shared operator accounts, a vendor service, password logins
setup_ts_weak() {
  local n=$1 r
  r=$(root_of "$n")
  authorize "$n" root /root
  sshd_conf "$n" <<'CONF'
PermitRootLogin yes
PasswordAuthentication yes
PermitEmptyPasswords yes
CONF
  for u in operator test; do
    in_root "$n" useradd -m -N -g users -s /bin/sh "$u"
    in_root "$n" passwd -d "$u" >/dev/null
  done
  set_max_days "$n" 99999
  auto_updates "$n" off
  printf 'service telnet\n{\n  socket_type = stream\n  disable = no\n}\n' | put "$n" /etc/xinetd.d/telnet
  cat <<'INIT' | init_local "$n"
/bin/busybox nc -ll -p 5000 -e /bin/false &
/bin/busybox nc -ll -p 23 -e /bin/false &
/bin/busybox nc -ll -p 21 -e /bin/false &
mount -t tmpfs -o size=1m tmpfs /var/log && dd if=/dev/zero of=/var/log/full bs=1k count=980 2>/dev/null
INIT
  # a vendor's remote-access agent (flows_no_remote_access_agents)
  stand_in "$n" rpcbind avahi-daemon udisksd anydesk
  printf 'PRETTY_NAME="Debian GNU/Linux 10 (buster)"\nNAME="Debian GNU/Linux"\nVERSION_ID="10"\nID=debian\n' |
    put "$n" /etc/os-release
  # a spare host key readable by all (sshd would refuse to start with a loaded key like that)
  ssh-keygen -q -t ed25519 -N '' -C spare -f "$r/etc/ssh/ssh_host_spare_key"
  chmod 644 "$r/etc/ssh/ssh_host_spare_key"
  echo 'operator:x:1234:' >>"$r/etc/group"
  # the operator logs in by itself on the first console
  printf '[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin operator --noclear %%I $TERM\n' |
    put "$n" /etc/systemd/system/getty@tty1.service.d/autologin.conf
  # a vendor drop-in that keeps the operator's sudo commands out of syslog (sudo_commands_logged)
  echo 'Defaults:operator !syslog' | put "$n" /etc/sudoers.d/vendor-quiet 440
  echo 'rocommunity public' | put "$n" /etc/snmp/snmpd.conf
  printf '[shared]\n   path = /srv/shared\n   guest ok = yes\n' | put "$n" /etc/samba/smb.conf
  mkdir -p "$r/boot/grub" && echo 'set timeout=5' >"$r/boot/grub/grub.cfg"
  EXTRA_ADDR=10.79.0.21/24
  FORWARD=1
}

setup_ts_hard() {
  NETHARD=1
  add_audit_account "$1" 'audit ALL=(ALL) NOPASSWD: ALL'
  echo "$HARD_SSHD" | sshd_conf "$1"
  set_max_days "$1" 180
  harden_login_defs "$1"
  auto_updates "$1" on
  rsyslog_on "$1"
  stand_in "$1" auditd chronyd
  printf 'service telnet\n{\n  disable = yes\n}\n' | put "$1" /etc/xinetd.d/telnet
  echo '/bin/busybox nc -ll -p 5000 -e /bin/false &' >>"$(root_of "$1")/fs-init.local"
  harden_debian "$1"
  mkdir -p "$(root_of "$1")/boot/grub"
  # a hash of grub-mkpasswd-pbkdf2's shape (iterations.salt.hash): floorscan judges its form
  printf 'set superusers="factory"\npassword_pbkdf2 factory grub.pbkdf2.sha512.10000.%s.%s\n' \
    000102030405060708090A0B0C0D0E0F \
    3875B39CD31BE419A7654FE1B68500404F5908DC0A2968E63F69ACB4F637BA235A8BB55FC5153236F639D43F3E9705EFDD642AC0137B06AE11437A6252474C2E |
    put "$1" /boot/grub/grub.cfg 600
}

# Mixed: a shared operator account with an empty password and root logins, otherwise sound.
setup_ts_mixed() {
  local n=$1
  authorize "$n" root /root
  sshd_conf "$n" <<'CONF'
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
CONF
  in_root "$n" useradd -m -N -g users -s /bin/sh operator
  in_root "$n" passwd -d operator >/dev/null
  set_max_days "$n" 365
  auto_updates "$n" on
  rsyslog_on "$n"
  # the test results service: line-1 devices upload to it (a conduit allows it), and bs-weak
  # keeps a connection to it that no conduit allows
  hold_service "$n" 5000 results-service
  # A vendor drop-in re-enables root logins through a Match block, and sshd_config was edited
  # after sshd started (it runs from a copy): sshd -T fails on the edited file, so floorscan
  # judges sshd_config and its Include files, Match blocks included.
  printf 'Match User root\n  PermitRootLogin yes\n' | put "$n" /etc/ssh/sshd_config.d/60-vendor.conf
  local r
  r=$(root_of "$n")
  cp "$r/etc/ssh/sshd_config" "$r/etc/ssh/sshd_config.running"
  echo 'FloorscanStaleOption yes' >>"$r/etc/ssh/sshd_config"
}

# --- Production devices on busybox. The scanner logs in as root (there is no sudo); the
# hardened device refuses root everywhere except from the management address.
setup_pd_weak() {
  local n=$1 r
  r=$(root_of "$n")
  authorize "$n" root /root
  sshd_conf "$n" <<'CONF'
PermitRootLogin yes
PasswordAuthentication yes
PermitEmptyPasswords yes
CONF
  echo 'service::19700:0:99999:7:::' >>"$r/etc/shadow"
  echo 'service:x:1000:100::/home/service:/bin/sh' >>"$r/etc/passwd"
  # a hash in /etc/passwd itself, as images built without shadow support keep it
  echo 'maint:$1$fleet$Zb0ZK4FpAt8ufDN8Bj0Kq/:0:0::/root:/bin/sh' >>"$r/etc/passwd"
  echo 'maint:*:19700:::::' >>"$r/etc/shadow"
  echo 'telnetd -p 23 -l /bin/sh' | init_local "$n"
  # a root shell without login on the serial console
  printf '::sysinit:/etc/init.d/rcS\nttyS0::respawn:/bin/sh\n' | put "$n" /etc/inittab
  # cupsd, and a tunnel client reaching out of the cell (flows_no_remote_access_agents)
  stand_in "$n" cupsd frpc
  printf '#!/bin/sh\nexit 1\n' | put "$n" /usr/bin/gcc 755
  chmod 666 "$r/etc/passwd"
  echo 'machine updates.example login svc password fleet' | put "$n" /root/.netrc 644
  # a job file every account can write, run as root (cron_jobs_root_only)
  echo '0 * * * * root /usr/bin/results-sync' | put "$n" /etc/crontab 666
  # a file of a removed vendor account: busybox find has no -nouser, owners are compared by id
  echo 'vendor tool' | put "$n" /etc/vendor/tool.conf
  chown 4242:4242 "$r/etc/vendor/tool.conf"
  # a DSA key, measured by floorscan itself: busybox devices have no ssh-keygen
  ssh-keygen -q -t dsa -N '' -C weak-dsa -f "$STATE/weak_dsa"
  cat "$STATE/weak_dsa.pub" >>"$r/root/.ssh/authorized_keys"
  # uploads test results to ts-mixed's results service (the conduit line-1 -> test-lab)
  flow_client "$n" "$NET.23" 5000 results-upload
  FORWARD=1 BRIDGE_IF=1 DEFAULT_ROUTE=1
}

setup_pd_hard() {
  local n=$1
  NETHARD=1
  authorize "$n" root /root
  sshd_conf "$n" <<CONF
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
AllowUsers root
Match Address $NET.1
  PermitRootLogin prohibit-password
CONF
  printf 'PASS_MAX_DAYS\t90\n' | put "$n" /etc/login.defs
  # TMOUT set, but the busybox ash of the fleet is built without ASH_IDLE_TIMEOUT: ignored
  printf 'TMOUT=300\nreadonly TMOUT\nexport TMOUT\n' | put "$n" /etc/profile
  printf '::sysinit:/etc/init.d/rcS\nttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100\n' |
    put "$n" /etc/inittab
  cat <<'INIT' | init_local "$n"
syslogd -R 10.77.0.1:514
mount -t tmpfs -o nodev,nosuid,noexec tmpfs /tmp
mount -o remount,ro /
INIT
  stand_in "$n" ntpd
  printf 'install usb-storage /bin/false\n' | put "$n" /etc/modprobe.d/usb-storage.conf
  block_modules "$n"
  # busybox crond reads no /etc/crontab: a vendor image's job file, root's only
  echo '*/5 * * * * root /usr/sbin/logrotate-lite' | put "$n" /etc/crontab 600
  sed -i "s|^|from=\"$NET.1\" |" "$(root_of "$n")/root/.ssh/authorized_keys"
}

# Mixed: hardened sshd, a logger, but a second uid 0 account and forwarding on.
setup_pd_mixed() {
  local n=$1 r
  r=$(root_of "$n")
  setup_pd_hard "$n"
  echo 'maint:x:0:0::/root:/bin/sh' >>"$r/etc/passwd"
  echo 'maint:*:19700:::::' >>"$r/etc/shadow"
  FORWARD=1
}

# --- Production devices whose SSH server is dropbear (as on most embedded devices): OpenSSH's
# sshd is removed from the device and dropbear (the fleet host's, dropbear-bin, with the
# libraries it links) runs with its options on the command line, the only place dropbear takes
# them from. The host key is the target's OpenSSH key converted, so known_hosts holds as usual.
dropbear_device() { # name, dropbear options...
  local n=$1 r lib
  shift
  r=$(root_of "$n")
  command -v dropbear >/dev/null && command -v dropbearconvert >/dev/null ||
    die "$n needs dropbear and dropbearconvert on this machine (Debian package dropbear-bin: scripts/install-deps.sh)"
  rm -f "$r/usr/sbin/sshd"
  cp "$(command -v dropbear)" "$r/usr/sbin/dropbear"
  for lib in $(ldd "$(command -v dropbear)" | grep -o '/[^ ]*'); do
    [ -e "$r$lib" ] && continue
    mkdir -p "$r$(dirname "$lib")"
    cp -L "$lib" "$r$lib"
  done
  mkdir -p "$r/etc/dropbear"
  dropbearconvert openssh dropbear "$r/etc/ssh/ssh_host_ed25519_key" \
    "$r/etc/dropbear/dropbear_ed25519_host_key" >/dev/null 2>&1 ||
    die "$n: dropbearconvert could not convert the host key"
  chmod 600 "$r/etc/dropbear/dropbear_ed25519_host_key"
  rm -rf "$r/etc/ssh" # no OpenSSH on the device at all (host_key reads the state's copy)
  # fs-init sources this file before it would start sshd: dropbear replaces that process
  [ -f "$r/fs-init.local" ] || init_local "$n" </dev/null
  printf 'exec /usr/sbin/dropbear -F -E -P /run/dropbear.pid -p 22 -r /etc/dropbear/dropbear_ed25519_host_key %s\n' \
    "$*" >>"$r/fs-init.local"
}

# Weak: root and passwords allowed, blank passwords allowed (-B), forwarded ports open to any
# host (-a); a passwordless service account.
setup_pd_dbweak() {
  local n=$1 r
  r=$(root_of "$n")
  authorize "$n" root /root
  echo 'service::19700:0:99999:7:::' >>"$r/etc/shadow"
  echo 'service:x:1000:100::/home/service:/bin/sh' >>"$r/etc/passwd"
  dropbear_device "$n" -B -a
}

# Hardened like pd-hard, with dropbear: no passwords (-s, -g), no port forwarding (-j, -k),
# three authentication tries (-T 3), idle sessions closed (-I 300), logins limited to the group
# scanners (-G). Root still logs in by key, as the scanner must (busybox has no sudo, and -w
# would refuse root): like pd-hard, the device fails the root-login rule. Dropbear has no
# from= key option, so the root key is not limited to the management address either.
# /etc/default/dropbear says the same as the command line.
setup_pd_dbhard() {
  local n=$1 r opts='-s -g -j -k -T 3 -I 300 -K 60 -G scanners'
  r=$(root_of "$n")
  setup_pd_hard "$n"
  sed -i 's|^from="[^"]*" ||' "$r/root/.ssh/authorized_keys"
  echo 'scanners:x:1001:root' >>"$r/etc/group"
  printf 'NO_START=0\nDROPBEAR_PORT=22\nDROPBEAR_EXTRA_ARGS="%s"\n' "$opts" | put "$n" /etc/default/dropbear
  dropbear_device "$n" $opts
}

setup_sudopw() {
  setup_bs_hard "$1" 'audit ALL=(ALL) ALL'
  echo 'audit:factory-floor-2026' | in_root "$1" chpasswd
}

setup_plain() { authorize "$1" root /root; }

# A device whose files hold megabytes of junk, binary bytes, huge lines, forged frame markers
# and names with newlines and shell metacharacters: none of it may run or crash anything.
setup_hostile() {
  local n=$1 r
  r=$(root_of "$n")
  authorize "$n" root /root
  { # the last PASS_MAX_DAYS wins (as in shadow's getdef): it must not turn into a pass
    printf 'PASS_MAX_DAYS 1\n@@FS-00000000000000000000000000000000 E login_defs 0\n'
    head -c 3000000 /dev/urandom
    printf '\nPASS_MAX_DAYS $(touch /tmp/floorscan-pwned-logindefs)\n'
  } | put "$n" /etc/login.defs
  {
    printf 'x$(touch /tmp/floorscan-pwned-passwd):x:0:0:`touch /tmp/floorscan-pwned-bq`:/:/bin/sh\n'
    printf '\033[31mred\033]0;title\007:x:1234:1234::/:/bin/sh\n'
    head -c 200000 /dev/zero | tr '\0' 'A'
    printf '\n'
  } >>"$r/etc/passwd"
  mkdir -p "$r/etc/xinetd.d"
  printf 'service telnet\n{\n  disable = no\n}\n' >"$r/etc/xinetd.d/$(printf 'evil\nname$(touch floorscan-pwned-x);`id`')"
  printf 'service telnet\n{\n  disable = yes\n}\n' >"$r/etc/xinetd.d/-rf *"
  { head -c 2000000 /dev/urandom; printf '\ntelnet $(reboot)\n'; } | put "$n" /etc/inetd.conf
  printf 'PRETTY_NAME="\033]0;pwned\007$(touch /tmp/floorscan-pwned-os)"\nID=debian\n' |
    put "$n" /etc/os-release
}

# The password hash of root on the stall device: a known value that must appear in no output.
STALL_HASH='$6$fsknownsalt$Qm9vZGxlLXN0YWxsLWRldmljZS1oYXNoLW5ldmVyLWxlYXZlcy10aGUtZGV2aWNl'

# A device that tries to stall or overwhelm the collector: a FIFO where a configuration file
# should be (open() blocks), a configuration file linked to /dev/zero, a 200 MB single-line
# file, symbolic link loops, a user's authorized_keys linked to /etc/shadow (root must not
# follow it) and 100 000 local accounts. It must be scanned well within a minute, every rule
# that does not read those files judged.
setup_stall() {
  local n=$1 r uid
  r=$(root_of "$n")
  authorize "$n" root /root
  ln -sfn /dev/zero "$r/etc/ntp.conf"
  mkdir -p "$r/etc/samba" "$r/etc/modprobe.d" "$r/etc/sudoers.d"
  head -c 200000000 /dev/zero | tr '\0' 'A' >"$r/etc/samba/smb.conf"
  ln -sfn loop.conf "$r/etc/modprobe.d/loop.conf"
  ln -sfn b "$r/etc/sudoers.d/a"
  ln -sfn a "$r/etc/sudoers.d/b"
  in_root "$n" useradd -m -s /bin/sh mallory
  uid=$(awk -F: '$1 == "mallory" {print $3 ":" $4}' "$r/etc/passwd")
  mkdir -p "$r/home/mallory/.ssh"
  ln -sfn /etc/shadow "$r/home/mallory/.ssh/authorized_keys"
  chown -h "$uid" "$r/home/mallory/.ssh" "$r/home/mallory/.ssh/authorized_keys"
  awk 'BEGIN { for (i = 0; i < 100000; i++)
    printf "u%06d:x:%d:100:bulk account %d:/nonexistent:/bin/sh\n", i, 200000 + i, i }' \
    >>"$r/etc/passwd"
  awk 'BEGIN { for (i = 0; i < 100000; i++)
    printf "u%06d:$y$j9T$fsbulk$%06d:19700:0:99999:7:::\n", i, i }' >>"$r/etc/shadow"
  sed -i "s|^root:[^:]*:|root:$STALL_HASH:|" "$r/etc/shadow"
  # a FIFO where pwquality.conf should be (not login.defs: pam_umask reads that one at every
  # login, and a device whose logins hang cannot be scanned by anyone)
  mkdir -p "$r/etc/security"
  rm -f "$r/etc/security/pwquality.conf"
  mkfifo -m 644 "$r/etc/security/pwquality.conf"
  # A second login key (STATE/stall_key) whose session is forced through fs-stall: it runs the
  # collector but passes on only its first 16 kB and then holds the channel open without a
  # byte more, as a device that stalls mid-output does (tests/integration/fleet_ops.sh cuts it
  # at --collect-timeout). The other key logs in as usual.
  [ -f "$STATE/stall_key" ] || ssh-keygen -q -t ed25519 -N '' -C fs-stall -f "$STATE/stall_key"
  put "$n" /usr/local/sbin/fs-stall 755 <<'STALL'
#!/bin/sh
sh -s | { head -c 16384; exec sleep 100000; }
STALL
  printf 'command="/usr/local/sbin/fs-stall",no-port-forwarding %s\n' \
    "$(cut -d' ' -f1-2 "$STATE/stall_key.pub")" >>"$r/root/.ssh/authorized_keys"
}

# A device that answers the collector with a flood: root's login shell reads the script up to
# the frame nonce (a compromised device sees it) and sends tiny well-formed frames, 64 MB of
# them, instead of running it. The scan must cut it at the host's output cap and parse what
# came in bounded time.
setup_flood() {
  local n=$1 r
  r=$(root_of "$n")
  authorize "$n" root /root
  put "$n" /usr/local/sbin/fs-flood 755 <<'FLOOD'
#!/bin/sh
while IFS= read -r l; do
  case $l in "M='@@FS-"*) m=${l#M=\'}; m=${m%\'}; break ;; esac
done
printf '\n%s H 0\n' "$m"
yes "$m B passwd
root::0:0:::/bin/sh
$m E passwd 0
$m P passwd run cat 0" | head -c 64000000
FLOOD
  sed -i 's|^\(root:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:\).*|\1/usr/local/sbin/fs-flood|' "$r/etc/passwd"
}

# Starts sshd as PID 1 of new mount/pid/uts namespaces inside network namespace fs-NAME
# (fsp-NAME in peer mode).
start_target() { # name address/prefix bridge kind setup
  local name=$1 addr=$2 bridge=$3 kind=$4 setup=$5 ns="$NS_PREFIX$1" r lower
  r=$(root_of "$name")
  lower=$ROOTFS
  [ "$kind" = busybox ] && lower=$BBROOT
  [ "$kind" = peer ] && lower=$PEERSROOT
  mkdir -p "$STATE/$name/upper" "$STATE/$name/work" "$r"
  mount -t overlay overlay -o "lowerdir=$lower,upperdir=$STATE/$name/upper,workdir=$STATE/$name/work" "$r"
  rm -f "$r"/etc/ssh/ssh_host_*
  ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$r/etc/ssh/ssh_host_ed25519_key"
  cp "$r/etc/ssh/ssh_host_ed25519_key.pub" "$STATE/$name/host_key.pub"
  printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$name" | put "$name" /etc/hosts
  echo "$name" | put "$name" /etc/hostname
  put "$name" /fs-init 755 <<'INIT'
#!/bin/sh
mkdir -p /run/sshd
[ -x /fs-init.local ] && . /fs-init.local
# a target may run sshd from another file than the one on disk (see ts-mixed)
[ -f /etc/ssh/sshd_config.running ] && set -- -f /etc/ssh/sshd_config.running
exec /usr/sbin/sshd -D -e "$@"
INIT
  FORWARD=0 NETHARD=0 EXTRA_ADDR="" BRIDGE_IF=0 DEFAULT_ROUTE=0 SYNCOOKIES=1
  "setup_$setup" "$name"

  ip netns add "$ns"
  ip link add "$VETH_PREFIX$name" type veth peer name eth0 netns "$ns"
  ip link set "$VETH_PREFIX$name" master "$bridge" up
  ip -n "$ns" addr add "$addr" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  [ -n "$EXTRA_ADDR" ] && ip -n "$ns" addr add "$EXTRA_ADDR" dev eth0
  [ "$BRIDGE_IF" = 1 ] && ip -n "$ns" link add fsbr-dev type bridge
  [ "$DEFAULT_ROUTE" = 1 ] && ip -n "$ns" route add default via "$NET.1"
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward="$FORWARD" \
    net.ipv4.tcp_syncookies="$SYNCOOKIES"
  if [ "$NETHARD" = 1 ]; then
    for k in all default; do
      ip netns exec "$ns" sysctl -qw net.ipv4.conf.$k.accept_redirects=0 \
        net.ipv4.conf.$k.secure_redirects=0 net.ipv4.conf.$k.send_redirects=0 \
        net.ipv4.conf.$k.accept_source_route=0 net.ipv4.conf.$k.rp_filter=1 \
        net.ipv4.conf.$k.log_martians=1
    done
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_redirects=0 \
      net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 2>/dev/null || true
    # conf/all/accept_ra reaches no interface that exists: eth0 (and fsbr-dev, and the fallback
    # tunnels a namespace gets where their modules are loaded) exist by now and keep accept_ra=1
    # unless each one is set (net_ipv6_router_adverts_ignored judges each interface)
    ip netns exec "$ns" sh -c 'for f in /proc/sys/net/ipv6/conf/*/accept_ra; do
      [ -e "$f" ] && echo 0 >"$f"; done' 2>/dev/null || true
  else
    # whatever the host logs (a namespace copies its IPv4 defaults): the weak ones do not
    ip netns exec "$ns" sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0 \
      net.ipv4.conf.all.log_martians=0 net.ipv4.conf.default.log_martians=0
  fi
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.forwarding=0 2>/dev/null || true
  ip netns exec "$ns" unshare --mount --pid --uts --fork --propagation private sh -c '
    r=$1; name=$2
    mount -t proc proc "$r/proc"
    mkdir -p "$r/sys" && mount -t sysfs sysfs "$r/sys"
    mount -t tmpfs -o mode=755 tmpfs "$r/run"
    mount -t tmpfs -o mode=755 tmpfs "$r/dev"
    for d in null:1:3 zero:1:5 random:1:8 urandom:1:9 tty:5:0; do
      n=${d%%:*}; mm=${d#*:}
      mknod -m 666 "$r/dev/$n" c "${mm%%:*}" "${mm#*:}"
    done
    mkdir -p "$r/dev/pts" && mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts"
    ln -s pts/ptmx "$r/dev/ptmx"
    mkdir -p "$r/dev/shm" && mount -t tmpfs -o mode=1777,size=16m tmpfs "$r/dev/shm"
    hostname "$name"
    exec chroot "$r" /fs-init' fleet "$r" "$name" >"$STATE/$name/sshd.log" 2>&1 </dev/null &
  # for the record only: down finds processes by namespace and root, not by a stale pid file
  echo $! >"$STATE/$name/unshare.pid"
}

wait_port() { # ip name
  local i
  for i in $(seq 150); do
    if timeout 1 bash -c "exec 3<>/dev/tcp/$1/22" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  die "target $2 ($1) did not open port 22; its log: $(tail -3 "$STATE/$2/sshd.log")"
}

host_key() { cut -d' ' -f1,2 "$STATE/$1/host_key.pub"; }

write_files() { # the selected target lines
  local t name octet kind setup login become role zone
  : >"$STATE/known_hosts"
  {
    echo "# Generated by tests/fleet/fleet.sh: a small factory floor for floorscan."
    echo "all:"
    echo "  vars:"
    echo "    ansible_ssh_private_key_file: $STATE/id_ed25519"
    echo "  hosts:"
    for t in "$@"; do
      read -r name octet kind setup login become role zone <<<"$t"
      printf '    %s: { ansible_host: %s.%s, ansible_user: %s' "$name" "$NET" "$octet" "$login"
      [ "$become" = yes ] && printf ', become: true'
      [ "$role" != - ] && printf ', role: %s' "$role"
      printf ', zone: %s, kind: %s' "$zone" "$kind"
      case $name in
        *-hard | *-mixed | *-dbhard) printf ', escalation_contact: "line IT on-call, ext. 4711"' ;;
      esac
      printf ' }\n'
      case $name in
        unknownkey) ;;
        changedkey)
          rm -f "$STATE/other_key" "$STATE/other_key.pub"
          ssh-keygen -q -t ed25519 -N '' -f "$STATE/other_key"
          echo "$NET.$octet $(cut -d' ' -f1,2 "$STATE/other_key.pub")" >>"$STATE/known_hosts"
          ;;
        *) echo "$NET.$octet $(host_key "$name")" >>"$STATE/known_hosts" ;;
      esac
    done
    read -r name octet <<<"$DEAD"
    printf '    %s: { ansible_host: %s.%s, ansible_user: root, zone: line-1 }\n' "$name" "$NET" "$octet"
    echo "  children:"
    for group in build_servers:bs- test_stations:ts- production_devices:pd- failures:; do
      echo "    ${group%%:*}:"
      echo "      hosts:"
      for t in "$@"; do
        read -r name _ <<<"$t"
        if [ -n "${group#*:}" ] && [[ $name == "${group#*:}"* ]]; then echo "        $name:"; fi
        if [ -z "${group#*:}" ] && [[ $name != bs-* && $name != ts-* && $name != pd-* ]]; then
          echo "        $name:"
        fi
      done
    done
  } >"$STATE/inventory.yml"
}

verify() {
  local o=(-i "$STATE/id_ed25519" -o UserKnownHostsFile="$STATE/known_hosts"
           -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=5)
  if [ -d "$STATE/bs-weak" ]; then
    ssh "${o[@]}" root@"$NET.11" 'sshd -T | grep -qx "permitrootlogin yes"' ||
      die "bs-weak: root login or sshd -T does not work"
  fi
  if [ -d "$STATE/bs-hard" ]; then
    ssh "${o[@]}" audit@"$NET.12" 'sudo -n sshd -T | grep -qx "permitrootlogin no"' ||
      die "bs-hard: audit with sudo or sshd -T does not work"
  fi
  if [ -d "$STATE/pd-hard" ]; then
    ssh "${o[@]}" root@"$NET.32" '[ ! -e /bin/bash ] && sshd -T | grep -qx "permitrootlogin no"' ||
      die "pd-hard: busybox device login or sshd -T does not work"
  fi
}

# A STATE_DIR made by up (an older fleet.sh left no mark but these three files). down looks
# for processes and mounts below STATE only then: "down /var" must not kill chrooted daemons.
is_state_dir() {
  [ -e "$STATE/$STATE_MARK" ] ||
    { [ -f "$STATE/inventory.yml" ] && [ -f "$STATE/known_hosts" ] && [ -f "$STATE/id_ed25519" ]; }
}

fleet_namespaces() { ip netns list 2>/dev/null | awk -v p="$NS_PREFIX" 'index($1, p) == 1 {print $1}'; }

# Every live process of the fleet: whatever runs in an fs-* network namespace, and whatever
# has its root inside STATE (also finds targets whose namespace someone deleted by hand).
# One pass over /proc (readlink per process would fork thousands of times in scale mode).
fleet_pids() {
  local ns inodes="" s=""
  is_state_dir && s="$STATE/"
  for ns in $(fleet_namespaces); do
    inodes+=" $(stat -L -c 'net:[%i]' "/run/netns/$ns" 2>/dev/null || true)"
  done
  {
    find /proc/[0-9]*/root -maxdepth 0 -printf '%p %l\n' 2>/dev/null || true
    find /proc/[0-9]*/ns/net -maxdepth 0 -printf '%p %l\n' 2>/dev/null || true
  } | awk -v s="$s" -v ns="$inodes " '
    { split($1, f, "/"); pid = f[3]; link = substr($0, length($1) + 2) }
    $1 ~ /\/root$/ && s != "" && index(link, s) == 1 { print pid; next }
    $1 ~ /\/ns\/net$/ && index(ns, " " link " ") { print pid }' | sort -un
}

# Mounts to remove, deepest first: everything below STATE, and any overlay on a cached root
# (the fleet is host-wide: one bridge, one address range, whatever STATE_DIR it came from).
fleet_mounts() {
  local s=""
  is_state_dir && s="$STATE/"
  awk -v s="$s" -v a="lowerdir=${LOWER_A:-$ROOTFS}," -v b="lowerdir=${LOWER_B:-$BBROOT}," \
    '(s != "" && index($2, s) == 1) || ($3 == "overlay" && (index($4, a) || index($4, b))) {print $2}' \
    /proc/mounts | sort -ru
}

fleet_links() {
  ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 |
    grep -E "${LINKS_RE:-^(fsv-.*|$BRIDGE|$SCALE_BRIDGE)\$}" || true
}

cmd_down() {
  local pids ns m l left="" n_pids=0 gone_ns=() gone_links=() n_mounts=0
  # unshare --fork ignores SIGTERM and sshd would outlive "ip netns del": SIGKILL all of them
  # (killing a pid namespace's init takes the rest of that namespace with it).
  for _ in 1 2 3; do
    pids=$(fleet_pids | sort -u)
    [ -z "$pids" ] && break
    [ "$n_pids" = 0 ] && n_pids=$(wc -w <<<"$pids")
    # shellcheck disable=SC2086 # one pid per word
    kill -9 $pids 2>/dev/null || true
    for _ in $(seq 50); do # they die asynchronously
      [ -z "$(fleet_pids)" ] && break
      sleep 0.1
    done
  done
  for ns in $(fleet_namespaces); do
    ip netns del "$ns" && gone_ns+=("$ns")
  done
  for m in $(fleet_mounts); do
    umount -l "$m" 2>/dev/null && n_mounts=$((n_mounts + 1))
  done
  for l in $(fleet_links); do
    ip link del "$l" 2>/dev/null && gone_links+=("$l")
  done
  [ -n "$(fleet_pids)" ] && left="$left processes($(fleet_pids | sort -u | tr '\n' ' '))"
  [ -n "$(fleet_namespaces)" ] && left="$left namespaces($(fleet_namespaces | tr '\n' ' '))"
  [ -n "$(fleet_links)" ] && left="$left links($(fleet_links | tr '\n' ' '))"
  [ -n "$(fleet_mounts)" ] && left="$left mounts($(fleet_mounts | tr '\n' ' '))"
  local names="${gone_ns[*]:0:20}" # scale mode: not all 2000 names
  [ ${#gone_ns[@]} -gt 20 ] && names+=" ..."
  log "down: killed $n_pids processes; removed ${#gone_ns[@]} namespaces${names:+ ($names)}, $n_mounts mounts, ${#gone_links[@]} links${gone_links[*]:+ (${gone_links[*]})}"
  [ -n "$left" ] && die "down: could not remove:$left"
  log "down: verified: no $NS_PREFIX* namespace, fleet process, $VETH_PREFIX* link, bridge or fleet mount left"
}

prepare() {
  [ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
  mkdir -p "$STATE"
  # up empties STATE_DIR (except the scan key): never a directory it did not make
  if [ -n "$(ls -A "$STATE")" ] && ! is_state_dir; then
    die "$STATE is not empty and not a fleet state directory; use a new or empty one"
  fi
  touch "$STATE/$STATE_MARK"
  # Down first: a running fleet may sit on an outdated cached root.
  local out
  out=$( (cmd_down) 2>&1) || die "could not stop the running fleet: $out"
  build_debian_root
  build_busybox_root
  find "$STATE" -mindepth 1 -maxdepth 1 ! -name 'id_ed25519*' ! -name "$STATE_MARK" \
    -exec rm -rf --one-file-system {} +
  [ -f "$STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C floorscan-scan -f "$STATE/id_ed25519"
}

cmd_up() { # set
  prepare
  local t0=$SECONDS t name octet kind setup selected=()
  for t in "${ALL_TARGETS[@]}"; do
    read -r name _ <<<"$t"
    if [ "$1" = all ] || [[ " ${DEMO_TARGETS[*]} " == *" $name "* ]]; then selected+=("$t"); fi
  done
  ensure_bridge "$BRIDGE" "$NET.1/24"
  for t in "${selected[@]}"; do
    read -r name octet kind setup _ <<<"$t"
    start_target "$name" "$NET.$octet/24" "$BRIDGE" "$kind" "$setup"
  done
  for t in "${selected[@]}"; do
    read -r name octet _ <<<"$t"
    wait_port "$NET.$octet" "$name"
  done
  write_files "${selected[@]}"
  verify
  log "up: ${#selected[@]} targets on $NET.0/24 in $((SECONDS - t0)) s; inventory $STATE/inventory.yml"
}

# Scale mode: N minimal busybox targets, about 2 MB of overlay each.
cmd_up_count() { # N
  prepare
  local n=$1 i a b t0=$SECONDS
  if ! { [ "$n" -ge 1 ] && [ "$n" -le 2000 ]; } 2>/dev/null; then die "--count must be 1..2000"; fi
  ensure_bridge "$SCALE_BRIDGE" 10.78.0.1/16
  {
    echo "# Generated by tests/fleet/fleet.sh --count $n"
    echo "all:"
    echo "  vars: { ansible_user: root, ansible_ssh_private_key_file: $STATE/id_ed25519, role: production-device }"
    echo "  hosts:"
  } >"$STATE/inventory.yml"
  : >"$STATE/known_hosts"
  for i in $(seq "$n"); do
    a=$((i / 250)) b=$((i % 250 + 2))
    start_target "s$i" "10.78.$a.$b/16" "$SCALE_BRIDGE" busybox plain
    echo "    s$i: { ansible_host: 10.78.$a.$b }" >>"$STATE/inventory.yml"
    echo "10.78.$a.$b $(host_key "s$i")" >>"$STATE/known_hosts"
  done
  for i in $(seq "$n"); do
    a=$((i / 250)) b=$((i % 250 + 2))
    wait_port "10.78.$a.$b" "s$i"
  done
  log "up: $n scale targets on 10.78.0.0/16 in $((SECONDS - t0)) s ($(du -sc "$STATE"/*/upper | tail -1 | cut -f1) KiB of overlay upper dirs)"
}

# Peer mode owns namespaces fsp-*, links fspv-* and fsbr3, and the overlays on the peer root;
# the other modes own fs-*, fsv-*, fsbr0/fsbr1 and theirs: the two never see each other's.
peers_mode() {
  NS_PREFIX=fsp-
  VETH_PREFIX=fspv-
  LINKS_RE="^(fspv-.*|$PEERS_BRIDGE)\$"
  LOWER_A=$PEERSROOT LOWER_B=$PEERSROOT
}

# Refuses a peer subnet that something else on the host already routes or addresses.
check_peers_subnet() {
  local clash
  clash=$({
    ip -4 -o route show table all root "$PEERS_NET.0/24" 2>/dev/null
    ip -4 -o route show table all match "$PEERS_NET.0/24" 2>/dev/null | grep -v '^default ' || true
    ip -4 -o addr show to "$PEERS_NET.0/24" 2>/dev/null
  } | grep -v -w -e "$PEERS_BRIDGE" || true)
  [ -z "$clash" ] || die "$PEERS_NET.0/24 is already in use on this host: $clash"
}

# Peer mode: N plain Debian 12 targets with the peers' scanners installed, root logs in with
# the scan key (oscap-ssh and Lynis run as root; so does floorscan here).
cmd_up_peers() { # N
  [ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
  local n=$1 i addr t0=$SECONDS out
  if ! { [ "$n" -ge 1 ] && [ "$n" -le 50 ]; } 2>/dev/null; then die "--peers must be 1..50"; fi
  mkdir -p "$STATE"
  if [ -n "$(ls -A "$STATE")" ] && ! { is_state_dir && [ -e "$STATE/$PEERS_MARK" ]; }; then
    die "$STATE is not empty and not a peer fleet state directory; use a new or empty one"
  fi
  touch "$STATE/$STATE_MARK" "$STATE/$PEERS_MARK"
  out=$( (cmd_down) 2>&1) || die "could not stop the running peer fleet: $out"
  check_peers_subnet
  build_peers_root
  find "$STATE" -mindepth 1 -maxdepth 1 ! -name 'id_ed25519*' ! -name "$STATE_MARK" \
    ! -name "$PEERS_MARK" -exec rm -rf --one-file-system {} +
  [ -f "$STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C floorscan-scan -f "$STATE/id_ed25519"
  ensure_bridge "$PEERS_BRIDGE" "$PEERS_NET.1/24"
  {
    echo "# Generated by tests/fleet/fleet.sh --peers $n: Debian 12 with openscap-scanner, ssg-debian, lynis"
    echo "all:"
    echo "  vars: { ansible_user: root, ansible_ssh_private_key_file: $STATE/id_ed25519, role: build-server }"
    echo "  hosts:"
  } >"$STATE/inventory.yml"
  : >"$STATE/known_hosts"
  for i in $(seq "$n"); do
    addr=$PEERS_NET.$((10 + i))
    start_target "peer$i" "$addr/24" "$PEERS_BRIDGE" peer plain
    echo "    peer$i: { ansible_host: $addr }" >>"$STATE/inventory.yml"
    echo "$addr $(host_key "peer$i")" >>"$STATE/known_hosts"
  done
  for i in $(seq "$n"); do wait_port "$PEERS_NET.$((10 + i))" "peer$i"; done
  ssh -i "$STATE/id_ed25519" -o UserKnownHostsFile="$STATE/known_hosts" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o ConnectTimeout=5 root@"$PEERS_NET.11" \
    'oscap --version >/dev/null && lynis --version >/dev/null &&
     [ -f /usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml ]' ||
    die "peer1: root login, oscap, lynis or the SSG content does not work"
  log "up: $n peer targets on $PEERS_NET.0/24 in $((SECONDS - t0)) s; inventory $STATE/inventory.yml"
}

cmd_status() {
  local ns
  [ -n "$(fleet_namespaces)" ] || log "no fleet is running"
  for ns in $(fleet_namespaces); do
    if [ -n "$(ip netns pids "$ns")" ]; then echo "${ns#"$NS_PREFIX"} up"; else echo "${ns#"$NS_PREFIX"} down"; fi
  done
}

[ $# -ge 2 ] || die "usage: fleet.sh up|down|status STATE_DIR [--set all|demo | --count N | --peers [N]]"
cmd=$1
[ "$cmd" = up ] && mkdir -p "$2"
# the physical path: /proc/mounts and /proc/PID/root show symlinks resolved
STATE=$(realpath -m "$2")
shift 2
set_name=all count="" peers=""
while [ $# -gt 0 ]; do
  case $1 in
    --set) set_name=${2:?}; shift 2 ;;
    --count) count=${2:?}; shift 2 ;;
    --peers)
      peers=5
      if [ $# -ge 2 ] && [[ $2 != --* ]]; then peers=$2; shift; fi
      shift
      ;;
    *) die "unknown option $1" ;;
  esac
done
# a peer-mode STATE_DIR (or --peers) selects the peer fleet for every command
if [ -n "$peers" ] || [ -e "$STATE/$PEERS_MARK" ]; then
  [ -z "$count" ] || die "--peers and --count are separate modes"
  peers_mode
  [ "$cmd" = up ] && { cmd_up_peers "${peers:-5}"; exit 0; }
fi
case $cmd in
  up) if [ -n "$count" ]; then cmd_up_count "$count"; else cmd_up "$set_name"; fi ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) die "unknown command $cmd" ;;
esac
