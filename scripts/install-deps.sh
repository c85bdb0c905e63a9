#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what floorscan needs to build, test and run its demo fleet, from Debian 12 packages.
# Idempotent: only missing packages are installed. Run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang-format git
  libssh-dev libopenscap-dev openscap-scanner libxml2-dev libyaml-dev libjansson-dev
  libcmocka-dev libssl-dev
  # evidence bundles as tar files (--bundle FILE.tar, floorscan verify FILE.tar); the openssl
  # command line signs the demo's bundle and checks bundles in the tests as an auditor would
  libarchive-dev openssl
  # xmllint: report files checked against their schemas (JUnit) in the tests; xsltproc: the
  # XCCDF 1.2 schematron on results with waiver overrides (scripts/xccdf-validate.sh)
  libxml2-utils xsltproc
  # the collector's shell: linted, and run under each shell a device may have
  shellcheck dash bash busybox-static
  # static analysis (scripts/analyse.sh) and fuzzing (scripts/fuzz.sh: clang with libFuzzer)
  cppcheck clang-tidy clang libclang-rt-dev
  # demo and integration fleet: real sshd targets in network namespaces
  openssh-client openssh-server sudo iproute2 mmdebstrap busybox-static procps util-linux
  # the busybox production devices that run dropbear instead of OpenSSH (binaries only: the
  # package starts no service)
  dropbear-bin
  python3 python3-jsonschema time
  # report.html is opened in a real headless browser by the tests (html_browser) and the bench
  chromium
  # zones.dot (-f dot) is rendered by Graphviz in the tests (zones_dot: dot -Tsvg)
  graphviz
  # the history store: SQLite, and PostgreSQL through libpq; the tests start a throwaway
  # PostgreSQL server (tests/store/pg.sh) and read the Kubernetes example (python3-yaml)
  libsqlite3-dev libpq-dev postgresql python3-yaml
)
extra="$(dirname "$0")/../tests/fleet/packages.txt"
if [ -r "$extra" ]; then
  while read -r p; do
    case "$p" in '' | '#'*) ;; *) packages+=("$p") ;; esac
  done < "$extra"
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages (${missing[*]}); run as root" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
