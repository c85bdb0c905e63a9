#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs a command against a throwaway PostgreSQL server that this script starts and always
# stops: a fresh temporary directory holds the cluster and its Unix socket (no TCP), the
# server runs as a non-root user (postgres, else nobody, when run as root), and the role the
# tests use logs in with a scram-sha-256 password.
#
#   tests/store/pg.sh COMMAND [ARG...]
#
# The command sees:
#   FS_TEST_PG_URL       postgresql://floorscan@/floorscan?host=DIR (no password in it)
#   FS_TEST_DB_URL       the same (test_store and test_db run against it)
#   PGPASSFILE           DIR/pgpass, mode 0600, with the role's password
#   FS_TEST_PG_PASSWORD  that password, so a test can put it into a URL and check it is never
#                        printed
#   FS_TEST_PG_ROLE      floorscan
# Exit status: the command's; 77 (skip) when the PostgreSQL binaries are missing or the
# server cannot run as a non-root user. FS_PG_BINDIR overrides /usr/lib/postgresql/15/bin.
set -euo pipefail

bindir=${FS_PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi
for tool in initdb pg_ctl psql; do
  if [ ! -x "$bindir/$tool" ]; then
    echo "pg.sh: $bindir/$tool not found (Debian package postgresql): skipped" >&2
    exit 77
  fi
done

# as: runs a command as the server's user (the caller itself when not root).
as=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  for u in postgres nobody; do
    if id -u "$u" >/dev/null 2>&1; then
      owner=$u
      break
    fi
  done
  if [ "$owner" = root ] || ! command -v runuser >/dev/null; then
    echo "pg.sh: root, and no postgres or nobody user and runuser to run the server: skipped" >&2
    exit 77
  fi
  as=(runuser -u "$owner" --)
fi

# A short path: the socket's path must fit in sun_path (107 bytes).
dir=$(mktemp -d /tmp/fs-pg.XXXXXX)
data=$dir/data
started=0
cleanup() {
  local rc=$?
  if [ "$started" = 1 ]; then
    "${as[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

chmod 0755 "$dir"
if [ ${#as[@]} -gt 0 ]; then
  chown "$owner" "$dir"
fi

# Passwords: random, never on a command line (ps shows those) nor in the URL.
admin_pw=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
(umask 077 && printf '%s\n' "$admin_pw" >"$dir/admin.pw")
if [ ${#as[@]} -gt 0 ]; then
  chown "$owner" "$dir/admin.pw"
fi

# A caller's PG* variables must not point the setup elsewhere.
unset PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGSERVICEFILE PGOPTIONS PGSSLMODE

if ! "${as[@]}" "$bindir/initdb" -D "$data" -U fsadmin --pwfile="$dir/admin.pw" \
  --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  echo "pg.sh: initdb failed" >&2
  exit 1
fi
rm -f "$dir/admin.pw"
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = 32MB
log_min_messages = warning
CONF

started=1
if ! "${as[@]}" "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
  cat "$dir/server.log" >&2 || true
  echo "pg.sh: the server did not start" >&2
  exit 1
fi
# A watchdog outside this process tree: when this script is killed without running its trap
# (ctest's timeout sends SIGKILL), it stops the server and removes the directory.
# shellcheck disable=SC2016 # expanded by the watchdog's shell
setsid -f bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done
  if [ -d "$3" ]; then
    "${@:4}" "$2/pg_ctl" -D "$3/data" -m immediate -w stop; rm -rf "$3"
  fi' watchdog $$ "$bindir" "$dir" "${as[@]}" >/dev/null 2>&1 </dev/null

# The tests' role and database, made by the admin (its password read from a pgpass file).
(umask 077 && printf '*:*:*:fsadmin:%s\n*:*:*:floorscan:%s\n' "$admin_pw" "$password" \
  >"$dir/admin.pgpass")
# (the password is hex: nothing to quote; printf is a builtin: not on any command line)
printf "CREATE ROLE floorscan LOGIN PASSWORD '%s';\n%s\n" "$password" \
  "CREATE DATABASE floorscan OWNER floorscan ENCODING 'UTF8' TEMPLATE template0;" |
  PGPASSFILE=$dir/admin.pgpass "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U fsadmin \
    -d postgres >/dev/null
rm -f "$dir/admin.pgpass"

(umask 077 && printf '*:*:*:floorscan:%s\n' "$password" >"$dir/pgpass")
export PGPASSFILE=$dir/pgpass
export FS_TEST_PG_URL="postgresql://floorscan@/floorscan?host=$dir"
export FS_TEST_DB_URL=$FS_TEST_PG_URL
export FS_TEST_PG_PASSWORD=$password
export FS_TEST_PG_ROLE=floorscan

rc=0
"$@" || rc=$?
exit "$rc"
