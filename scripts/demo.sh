#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The README's main job: installs what is missing, builds floorscan, starts a small demo
# factory fleet (real sshd targets in network namespaces), scans it and writes reports.
# Re-running it rebuilds and rescans; the fleet is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 >/dev/null
echo "demo: built $(./build/floorscan --version)"

state=${FLOORSCAN_DEMO_STATE:-/var/tmp/floorscan-demo}
out=${FLOORSCAN_DEMO_OUT:-$PWD/demo-results}
# the demo's own history store: kept from run to run (the fleet's state is not)
db=${FLOORSCAN_DEMO_DB:-$PWD/demo-history.db}
bash tests/fleet/fleet.sh down "$state" >/dev/null 2>&1 || true
trap 'bash tests/fleet/fleet.sh down "$state" >/dev/null 2>&1 || true' EXIT
echo "demo: starting the demo fleet (the first run builds a Debian root, about a minute)"
bash tests/fleet/fleet.sh up "$state" --set demo

echo "demo: floorscan inventory check $state/inventory.yml"
./build/floorscan inventory check "$state/inventory.yml"
echo

# A small waiver register, dated around today so its states stay what they show: one active
# waiver, one that expires within the 30-day warning, one expired (not applied).
day() { date -u -d "$1" +%F; }
cat >"$state/waivers.yml" <<YAML
waivers:
  - rule: sshd_disable_tcp_forwarding
    hosts: [bs-weak]
    reason: "Build agent tunnels to the signing HSM until the CR-77 rework"
    requested_by: "A. Smith, Build Engineering"
    approved_by: "J. Doe, Quality Assurance"
    approved: $(day '-20 days')
    expires: $(day '+200 days')
    ticket: CR-77
    compensating: "HSM reachable only from the engineering VLAN"
  - rule: "firewall_default_deny_*"
    roles: [production-device]
    reason: "Line-1 devices are filtered by the cell firewall until revalidation"
    requested_by: "B. Jones, Manufacturing Engineering"
    approved_by: "J. Doe, Quality Assurance"
    approved: $(day '-60 days')
    expires: $(day '+14 days')
    ticket: CR-80
  - rule: net_ip_forwarding_disabled
    hosts: [pd-weak]
    reason: "Temporary bridge during the line move"
    requested_by: "C. Lee, Test Engineering"
    approved_by: "J. Doe, Quality Assurance"
    approved: $(day '-400 days')
    expires: $(day '-35 days')
YAML
# The key that signs the evidence bundle (an auditor pins its public half with --pubkey).
# The plant's site model (docs/zones.md): zones with their networks and target security
# levels, and the conduits between them. The fleet keeps two live connections to ts-mixed's
# results service on tcp/5000: pd-weak's is the declared results upload, bs-weak's build agent
# crosses from engineering into the test lab without a conduit.
cat >"$state/site.yml" <<'YAML'
zones:
  management:  { networks: [10.77.0.1/32], security_level: 3 }
  engineering: { networks: [10.77.0.8/29], security_level: 2 }
  test-lab:    { networks: [10.77.0.20/30], security_level: 2 }
  line-1:      { networks: [10.77.0.28/30, 10.77.0.32/30], security_level: 3 }
conduits:
  - { from: management, to: engineering, ports: [tcp/22], purpose: "audit and administration" }
  - { from: management, to: test-lab, ports: [tcp/22], purpose: "audit and administration" }
  - { from: management, to: line-1, ports: [tcp/22], purpose: "audit and administration" }
  - { from: engineering, to: line-1, ports: [tcp/22], purpose: "software deployment" }
  - { from: line-1, to: test-lab, ports: [tcp/5000], purpose: "test results upload" }
  - { from: engineering, to: management, ports: [tcp/514], purpose: "logging" }
  - { from: line-1, to: management, ports: [udp/514], purpose: "logging" }
YAML
echo "demo: floorscan zones check $state/site.yml -i $state/inventory.yml"
./build/floorscan zones check "$state/site.yml" -i "$state/inventory.yml" ||
  echo "demo: (zones check exits 1: a host's address and zone disagree)"
echo
rm -f "$state/demo-signing.pem" "$state/demo-signing.pub"
(umask 077 && openssl genpkey -algorithm ed25519 -out "$state/demo-signing.pem" 2>/dev/null)
openssl pkey -in "$state/demo-signing.pem" -pubout -out "$state/demo-signing.pub" 2>/dev/null
# a bundle is never overwritten: a re-run of the demo removes the previous demo's bundle
rm -rf -- "$out/bundle"

echo "demo: floorscan waivers check $state/waivers.yml -i $state/inventory.yml"
./build/floorscan waivers check "$state/waivers.yml" -i "$state/inventory.yml"
echo
echo "demo: floorscan scan -i $state/inventory.yml --known-hosts $state/known_hosts -o $out" \
  "--waivers $state/waivers.yml --zones $state/site.yml -f ...,bundle" \
  "--sign-key $state/demo-signing.pem --db $db"
set +e
./build/floorscan scan -i "$state/inventory.yml" --known-hosts "$state/known_hosts" \
  --connect-timeout 3 -o "$out" -f html,json,xccdf,arf,junit,csv,dot,bundle \
  --waivers "$state/waivers.yml" --zones "$state/site.yml" --sign-key "$state/demo-signing.pem" \
  --db "$db"
rc=$?
set -e
echo
echo "demo: floorscan history --db $db --by zone"
./build/floorscan history --db "$db" --by zone
runs=$(./build/floorscan history --db "$db" --json |
  python3 -c 'import json, sys; print(len(json.load(sys.stdin)["runs"]))')
if [ "$runs" -ge 2 ]; then
  echo "demo: floorscan diff --db $db"
  ./build/floorscan diff --db "$db" || echo "demo: (diff exits 1: something got worse)"
else
  echo "demo: the first run stored: run the demo again to see floorscan diff"
fi
./build/floorscan history verify --db "$db"
echo
echo "demo: floorscan verify $out/bundle --pubkey $state/demo-signing.pub"
./build/floorscan verify "$out/bundle" --pubkey "$state/demo-signing.pub"
cat <<MSG

demo: exit status $rc (3 = some hosts could not be scanned: the demo inventory holds a
dead address on purpose; tests/fleet/fleet.sh up DIR --set all adds more failure cases).
demo: every format is in $out: results.json, results-xccdf.xml (with waivers:
      scripts/xccdf-validate.sh), results-arf.xml (oscap ds rds-validate),
      results-junit.xml, results.csv, and floorscan report $out/results.json -f html -o DIR
      rebuilds any of them. The waiver register applied is $state/waivers.yml.
demo: the plant's zones and conduits ($state/site.yml, docs/zones.md) are drawn in
      report.html and in zones.dot (dot -Tsvg $out/zones.dot): bs-weak's build agent
      talks to the test lab without a conduit, a violation in every format.
demo: the signed evidence bundle is $out/bundle (docs/evidence.md): check it without
      floorscan with  cd $out/bundle && sha256sum -c manifest.sha256  and
      openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in manifest.sha256 \\
        -sigfile manifest.sha256.sig
demo: every run is kept in $db (docs/history.md): run the demo again and
      floorscan diff / report.html's "Since the last audit" show what changed.
demo: open the report in a browser, filter it, print it:
$(readlink -f "$out")/report.html
MSG
