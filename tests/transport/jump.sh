#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Jump hosts end to end, on a network of its own (independent of tests/fleet/fleet.sh):
#
#   host 10.81.0.1 --fsjbr0-- 10.81.0.2 fsj-bastion 10.82.0.1 --+-- 10.82.0.11 fsj-t1
#                                                               +-- 10.82.0.12 fsj-t2
#
# 10.82.0.0/24 is reachable only through the bastion's sshd (no forwarding, no route). Each
# namespace runs the machine's own /usr/sbin/sshd with a config and host keys from a temporary
# directory. Asserts: both targets scanned through the bastion (--jump, and ProxyJump in an
# inventory) with "via" in results.json and one bastion session for both; unreachable without
# the jump host; a channel the bastion cannot open names the bastion; a bastion whose
# known_hosts entry is wrong fails every host behind it with hostkey-mismatch naming it; a
# bastion that stalls at its login or never speaks holds its hosts only to their own budgets
# (--auth-timeout, --connect-timeout) and the scan no longer than them, and a SIGINT stops hosts
# waiting for it within the grace (exit 4, not-scanned, incomplete). Everything it creates is removed on exit, failure included.
#
# usage: jump.sh FLOORSCAN BENCHMARK      (root; 77 = skipped)
set -euo pipefail

FS=${1:?usage: jump.sh FLOORSCAN BENCHMARK}
BENCH=${2:?usage: jump.sh FLOORSCAN BENCHMARK}
FS=$(realpath "$FS")
BENCH=$(realpath "$BENCH")

skip() { echo "jump.sh: SKIP: $*" >&2; exit 77; }
die() { echo "jump.sh: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
for t in ip ss ssh-keygen python3; do command -v "$t" >/dev/null || skip "no $t"; done
[ -x /usr/sbin/sshd ] || skip "no /usr/sbin/sshd"

leftovers() {
  ip netns list 2>/dev/null | awk '$1 ~ /^fsj-/ {print "netns " $1}'
  ip -o link show 2>/dev/null | awk -F': ' '$2 ~ /^fsj/ {print "link " $2}'
}
[ -z "$(leftovers)" ] || die "fsj-* namespaces or links exist already (another run?): $(leftovers | tr '\n' ' ')"
# Neither subnet may be in use on this machine: a route to 10.82 would also defeat the test.
python3 - "$(ip -4 -o route show table all)" <<'PY' || die "10.81.0.0/24 or 10.82.0.0/24 is routed here; not touching the network"
import ipaddress, sys
mine = [ipaddress.ip_network("10.81.0.0/24"), ipaddress.ip_network("10.82.0.0/24")]
for line in sys.argv[1].splitlines():
    words = line.split()
    dest = words[0] if words[0] not in ("local", "broadcast", "unicast", "multicast") else words[1]
    if dest == "default":
        continue
    try:
        net = ipaddress.ip_network(dest, strict=False)
    except ValueError:
        continue
    if any(net.overlaps(m) for m in mine):
        print(f"route in use: {line}", file=sys.stderr)
        sys.exit(1)
PY

tmp=$(mktemp -d /tmp/fsj-XXXXXX)
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  # every process left in the namespaces too: the stalled bastion's sessions wait on their
  # AuthorizedKeysCommand and outlive the listener they came from
  for ns in fsj-t1 fsj-t2 fsj-bastion; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  ip link del fsjv-b 2>/dev/null || true
  ip link del fsjbr0 2>/dev/null || true
  rm -rf "$tmp"
  if [ -n "$(leftovers)" ]; then
    echo "jump.sh: FAIL: left behind: $(leftovers | tr '\n' ' ')" >&2
    rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- network ---------------------------------------------------------------------------------
ip link add fsjbr0 type bridge
ip addr add 10.81.0.1/24 dev fsjbr0
ip link set fsjbr0 up
ip netns add fsj-bastion
ip link add fsjv-b type veth peer name eth0 netns fsj-bastion
ip link set fsjv-b master fsjbr0 up
ip -n fsj-bastion addr add 10.81.0.2/24 dev eth0
ip -n fsj-bastion link set eth0 up
ip -n fsj-bastion link set lo up
ip netns exec fsj-bastion sysctl -qw net.ipv4.ip_forward=0
ip -n fsj-bastion link add seg0 type bridge
ip -n fsj-bastion addr add 10.82.0.1/24 dev seg0
ip -n fsj-bastion link set seg0 up
n=0
for t in t1 t2; do
  n=$((n + 1))
  ip netns add "fsj-$t"
  ip -n fsj-bastion link add "v-$t" type veth peer name eth0 netns "fsj-$t"
  ip -n fsj-bastion link set "v-$t" master seg0 up
  ip -n "fsj-$t" addr add "10.82.0.1$n/24" dev eth0
  ip -n "fsj-$t" link set eth0 up
  ip -n "fsj-$t" link set lo up
done

# --- sshd in each namespace --------------------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -C fsj-audit -f "$tmp/id"
cp "$tmp/id.pub" "$tmp/authorized_keys"
ssh-keygen -q -t ed25519 -N '' -C fsj-impostor -f "$tmp/impostor"
start_sshd() { # name address forwarding
  local d="$tmp/$1"
  mkdir -p "$d"
  ssh-keygen -q -t ed25519 -N '' -C "fsj-$1" -f "$d/host_key"
  cat >"$d/sshd_config" <<CONF
ListenAddress $2
HostKey $d/host_key
PidFile $d/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowTcpForwarding $3
AllowAgentForwarding no
X11Forwarding no
LogLevel VERBOSE
CONF
  ip netns exec "fsj-$1" /usr/sbin/sshd -D -e -f "$d/sshd_config" >"$d/sshd.log" 2>&1 </dev/null &
  pids+=($!)
  echo "$2 $(cut -d' ' -f1-2 "$d/host_key.pub")" >>"$tmp/known_hosts"
}
start_sshd bastion 10.81.0.2 yes
start_sshd t1 10.82.0.11 no
start_sshd t2 10.82.0.12 no
for i in $(seq 50); do
  up=0
  ip netns exec fsj-bastion ss -Hltn 'sport = :22' | grep -q . && up=$((up + 1))
  ip netns exec fsj-t1 ss -Hltn 'sport = :22' | grep -q . && up=$((up + 1))
  ip netns exec fsj-t2 ss -Hltn 'sport = :22' | grep -q . && up=$((up + 1))
  [ "$up" = 3 ] && break
  [ "$i" = 50 ] && die "sshd did not start: $(tail -n 3 "$tmp"/*/sshd.log)"
  sleep 0.1
done

# --- helpers ---------------------------------------------------------------------------------
export SSH_AUTH_SOCK= # the agent plays no part: only the test's key
sessions() { grep -c 'Accepted publickey for root' "$tmp/bastion/sshd.log" || true; }
scan() { # out-dir, then floorscan scan arguments; prints floorscan's stderr into out/stderr
  local out=$1
  shift
  mkdir -p "$out"
  set +e
  "$FS" scan --benchmark "$BENCH" -p production-device --no-db -f json -o "$out" -j 4 \
    --identity "$tmp/id" --connect-timeout 5 --timeout 60 "$@" >"$out/stdout" 2>"$out/stderr"
  echo $? >"$out/rc"
  set -e
  # under ASan/UBSan (a sanitizer build's floorscan): a report is a failure
  ! grep -q 'Sanitizer' "$out/stderr" || die "$out: $(grep -A5 Sanitizer "$out/stderr")"
}
# host=status[=via] ... and, for failures, a text the reason must hold
check() { # out-dir, python assertions on results.json's hosts (dict by name: h)
  python3 - "$1/results.json" "$2" <<'PY' || die "$1: $(cat "$1/stderr")"
import json, sys
hosts = {h["name"]: h for h in json.load(open(sys.argv[1]))["hosts"]}
for name, h in hosts.items():
    print(f"  {name}: {h['status']} via={h.get('via')} {h.get('error') or ''}", file=sys.stderr)
exec(sys.argv[2], {"h": hosts})
PY
}

# 1. --jump: both targets through one bastion session
before=$(sessions)
scan "$tmp/r1" --jump root@10.81.0.2 --known-hosts "$tmp/known_hosts" root@10.82.0.11 root@10.82.0.12
check "$tmp/r1" '
for n in ("10.82.0.11", "10.82.0.12"):
    assert h[n]["status"] == "scanned", n
    assert h[n]["via"] == "root@10.81.0.2:22", h[n].get("via")
    assert h[n]["evaluated"] and h[n]["results"], n
'
sleep 0.3 # sshd logs the login after the client has moved on
[ "$(($(sessions) - before))" = 1 ] || die "--jump: $(($(sessions) - before)) bastion sessions for two targets, expected 1"
for t in t1 t2; do
  grep -q 'Connection from 10.82.0.1 port' "$tmp/$t/sshd.log" ||
    die "$t was not reached from the bastion's address: $(tail -n 3 "$tmp/$t/sshd.log")"
done
# "via" survives `floorscan report` (byte for byte) and matches docs/results.schema.json
"$FS" report "$tmp/r1/results.json" -f json -o "$tmp/r1again" -q 2>"$tmp/r1again.err" ||
  die "report: $(cat "$tmp/r1again.err")"
cmp -s "$tmp/r1/results.json" "$tmp/r1again/results.json" ||
  die "re-rendered results.json differs: $(diff "$tmp/r1/results.json" "$tmp/r1again/results.json" | head -5)"
here=$(cd "$(dirname "$0")" && pwd)
if python3 -c 'import jsonschema' 2>/dev/null; then
  python3 "$here/../reports/check_schema.py" "$here/../../docs/results.schema.json" valid \
    "$tmp/r1/results.json" || die "results.json with via does not match the schema"
fi
echo "jump.sh: --jump: 2 targets scanned through 1 bastion session" >&2

# 2. ProxyJump in the inventory (with an option that is ignored, and said so once); a host of
# the same inventory on a port nobody listens on: the bastion cannot open that channel.
cat >"$tmp/inventory.yml" <<'INV'
all:
  vars: { ansible_user: root }
  children:
    segment:
      vars: { ansible_ssh_common_args: '-o ProxyJump=root@10.81.0.2:22 -o StrictHostKeyChecking=no' }
      hosts:
        t1: { ansible_host: 10.82.0.11 }
        t2: { ansible_host: 10.82.0.12 }
        closed: { ansible_host: 10.82.0.11, ansible_port: 2222 }
INV
before=$(sessions)
scan "$tmp/r2" -i "$tmp/inventory.yml" --known-hosts "$tmp/known_hosts"
check "$tmp/r2" '
for n in ("t1", "t2"):
    assert h[n]["status"] == "scanned", n
    assert h[n]["via"] == "root@10.81.0.2:22", h[n].get("via")
c = h["closed"]
assert c["status"] == "unreachable", c["status"]
assert "bastion root@10.81.0.2:22: cannot open a channel to 10.82.0.11 port 2222" in c["error"], c["error"]
'
sleep 0.3
[ "$(($(sessions) - before))" = 1 ] || die "inventory: $(($(sessions) - before)) bastion sessions, expected 1"
[ "$(grep -c "warning: host 't1': ansible_ssh_common_args" "$tmp/r2/stderr")" = 1 ] ||
  die "inventory: expected one warning about the ignored option: $(cat "$tmp/r2/stderr")"
echo "jump.sh: inventory ProxyJump: 2 targets scanned, a refused channel names the bastion" >&2

# 3. without the jump host the segment is out of reach
scan "$tmp/r3" --known-hosts "$tmp/known_hosts" --connect-timeout 2 root@10.82.0.11 root@10.82.0.12
check "$tmp/r3" '
for n in ("10.82.0.11", "10.82.0.12"):
    assert h[n]["status"] == "unreachable", n
    assert "via" not in h[n]
'
[ "$(cat "$tmp/r3/rc")" = 3 ] || die "unreachable hosts: exit $(cat "$tmp/r3/rc"), expected 3"
echo "jump.sh: without the jump host: both unreachable" >&2

# 4. the bastion's known_hosts entry holds another key: every host behind it fails, one try
grep -v '^10.81.0.2 ' "$tmp/known_hosts" >"$tmp/known_hosts.bad"
echo "10.81.0.2 $(cut -d' ' -f1-2 "$tmp/impostor.pub")" >>"$tmp/known_hosts.bad"
before=$(grep -c 'Connection from 10.81.0.1' "$tmp/bastion/sshd.log" || true)
scan "$tmp/r4" --jump root@10.81.0.2 --known-hosts "$tmp/known_hosts.bad" root@10.82.0.11 root@10.82.0.12
check "$tmp/r4" '
for n in ("10.82.0.11", "10.82.0.12"):
    assert h[n]["status"] == "hostkey-mismatch", n
    assert h[n]["error"].startswith("bastion root@10.81.0.2:22: host key changed"), h[n]["error"]
    assert h[n]["via"] == "root@10.81.0.2:22"
'
sleep 0.3
after=$(grep -c 'Connection from 10.81.0.1' "$tmp/bastion/sshd.log" || true)
[ "$((after - before))" = 1 ] || die "wrong bastion key: $((after - before)) connections to the bastion, expected 1"
[ "$(cat "$tmp/r4/rc")" = 3 ] || die "bastion with a wrong key: exit $(cat "$tmp/r4/rc"), expected 3"
for t in t1 t2; do
  [ "$(grep -c 'Accepted publickey' "$tmp/$t/sshd.log")" = 2 ] ||
    die "$t: the wrong bastion key must stop before any target login"
done
echo "jump.sh: wrong bastion key: both hostkey-mismatch naming the bastion, 1 connection" >&2

# 5. a key the bastion does not accept: every host behind it auth-failed, naming it
scan "$tmp/r6" --jump root@10.81.0.2 --known-hosts "$tmp/known_hosts" --identity "$tmp/impostor" \
  root@10.82.0.11 root@10.82.0.12
check "$tmp/r6" '
for n in ("10.82.0.11", "10.82.0.12"):
    assert h[n]["status"] == "auth-failed", n
    assert h[n]["error"].startswith("bastion root@10.81.0.2:22: no key accepted for user root"), h[n]["error"]
'
echo "jump.sh: key refused by the bastion: both auth-failed naming the bastion" >&2

# 7.-9. a bastion that stalls at the login (its AuthorizedKeysCommand never ends) and one that
# accepts TCP and never speaks: each host behind them ends at its own budget naming the bastion,
# and the scan ends then too (the bastion's session is given up with the scan, not held to the
# host's --timeout); an interrupt stops the hosts waiting for a bastion within the grace.
mkdir -p "$tmp/stall"
cat >"$tmp/stall/sshd_config" <<CONF
ListenAddress 10.81.0.2:2223
HostKey $tmp/bastion/host_key
PidFile $tmp/stall/sshd.pid
AuthorizedKeysFile none
AuthorizedKeysCommand /usr/bin/sleep 1000
AuthorizedKeysCommandUser nobody
LoginGraceTime 0
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowTcpForwarding yes
CONF
ip netns exec fsj-bastion /usr/sbin/sshd -D -e -f "$tmp/stall/sshd_config" >"$tmp/stall/sshd.log" 2>&1 </dev/null &
pids+=($!)
echo "[10.81.0.2]:2223 $(cut -d' ' -f1-2 "$tmp/bastion/host_key.pub")" >>"$tmp/known_hosts"
# shellcheck disable=SC2016 # python source
ip netns exec fsj-bastion python3 -c '
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.81.0.2", 2224))
s.listen(16)
held = []
while True:
    held.append(s.accept())' &
pids+=($!)
for i in $(seq 50); do
  [ "$(ip netns exec fsj-bastion ss -Hltn '( sport = :2223 or sport = :2224 )' | wc -l)" = 2 ] && break
  [ "$i" = 50 ] && die "the stalling bastions did not start: $(tail -n 3 "$tmp/stall/sshd.log")"
  sleep 0.1
done
t0=$(date +%s)
scan "$tmp/r7" --jump root@10.81.0.2:2223 --known-hosts "$tmp/known_hosts" --auth-timeout 2 \
  --connect-timeout 10 root@10.82.0.11 root@10.82.0.12
took=$(($(date +%s) - t0))
check "$tmp/r7" '
for n in ("10.82.0.11", "10.82.0.12"):
    assert h[n]["status"] == "timeout", n
    assert h[n]["error"] == "bastion root@10.81.0.2:2223: timeout during authentication after 2 s (--auth-timeout)", h[n]["error"]
'
[ "$took" -lt 20 ] || die "a bastion stalled at its login held the scan $took s (its hosts had 10 s)"
t0=$(date +%s)
scan "$tmp/r8" --jump root@10.81.0.2:2223 --known-hosts "$tmp/known_hosts" --connect-timeout 3 \
  root@10.82.0.11
took=$(($(date +%s) - t0))
check "$tmp/r8" '
e = h["10.82.0.11"]
assert e["status"] == "unreachable", e["status"]
assert e["error"] == "bastion root@10.81.0.2:2223: no channel to 10.82.0.11 port 22 within 3 s (--connect-timeout); the bastion was still connecting or logging in", e["error"]
'
[ "$took" -lt 15 ] || die "the scan ended $took s after its start, not when its one host gave up (3 s)"
echo "jump.sh: a bastion stalled at its login: its hosts time out naming it, the scan ends with them" >&2
mkdir -p "$tmp/r9"
"$FS" scan --benchmark "$BENCH" -p production-device --no-db -f json,junit -o "$tmp/r9" -j 4 \
  --identity "$tmp/id" --connect-timeout 30 --timeout 60 --jump root@10.81.0.2:2224 \
  --known-hosts "$tmp/known_hosts" root@10.82.0.11 root@10.82.0.12 >"$tmp/r9/stdout" 2>"$tmp/r9/stderr" &
spid=$!
sleep 2
t0=$(date +%s)
kill -INT "$spid"
set +e
wait "$spid"
rc=$?
set -e
took=$(($(date +%s) - t0))
[ "$rc" = 4 ] || die "interrupted while waiting for a bastion: exit $rc, expected 4: $(cat "$tmp/r9/stderr")"
[ "$took" -lt 15 ] || die "interrupted while waiting for a bastion: exit $took s after SIGINT (grace 5 s)"
check "$tmp/r9" '
import json
for n in ("10.82.0.11", "10.82.0.12"):
    assert h[n]["status"] == "not-scanned", n
d = json.load(open("'"$tmp/r9/results.json"'"))
assert d["incomplete"] is True and d["incomplete_reason"].startswith("interrupted (SIGINT)"), d
'
echo "jump.sh: SIGINT while hosts wait for a silent bastion: exit 4 in $took s, not-scanned, incomplete" >&2

# 10. bad --jump values are usage errors before anything is contacted
for bad in 'a@b,c@d' 'root@' 'root@10.81.0.2:99999' '' 'root@10.81.0.2:22:22'; do
  set +e
  "$FS" scan --benchmark "$BENCH" --no-db -o "$tmp/r5" --jump "$bad" root@10.82.0.11 2>"$tmp/r5.err"
  rc=$?
  set -e
  [ "$rc" = 2 ] && grep -q "^floorscan scan: --jump '$bad' is not \[user@\]host\[:port\]: " "$tmp/r5.err" ||
    die "--jump '$bad': exit $rc, $(cat "$tmp/r5.err")"
done
echo "jump.sh: PASS" >&2
