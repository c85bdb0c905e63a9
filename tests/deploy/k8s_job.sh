#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Kubernetes example (deploy/kubernetes/job.yaml): checked as a manifest, and, given a
# floorscan binary and an inventory, run shard by shard on this machine against the
# PostgreSQL server of $FS_TEST_PG_URL (run it through tests/store/pg.sh). See k8s_job.py.
#
#   tests/deploy/k8s_job.sh deploy/kubernetes/job.yaml
#   tests/store/pg.sh tests/deploy/k8s_job.sh deploy/kubernetes/job.yaml build/floorscan \
#       INVENTORY [EXTRA_ARG...]
#
# Exit status 77 (skip) without python3 and PyYAML (Debian: python3-yaml), or, for the local
# run, without FS_TEST_PG_URL or with a floorscan that does not store runs (--db, --run-label).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "k8s_job: python3 with PyYAML (python3-yaml) is needed: skipped" >&2
  exit 77
fi
if [ $# -ge 3 ]; then
  help=$("$2" --help 2>&1 || true)
  if ! grep -q -- '--run-label' <<<"$help" || ! grep -q -- '--db' <<<"$help"; then
    echo "k8s_job: $2 has no --db or --run-label: skipped" >&2
    exit 77
  fi
fi
exec python3 "$here/k8s_job.py" "$@"
