/* SPDX-License-Identifier: Apache-2.0 */
/* One small SQL interface over the two stores floorscan writes history into: an SQLite file
 * (the default) and a PostgreSQL server (postgresql://... or postgres://..., through libpq).
 * Everything above it (schema, runs, history, diff) is written once against this interface.
 *
 * Statements are written once for both: parameters are $1, $2, ... in order of first use
 * (SQLite reads "$1" as a named parameter, libpq as a positional one), every parameter and
 * every column value travels as text (NULL pointer = SQL NULL), and only SQL both dialects
 * accept is used (ON CONFLICT DO NOTHING, CAST, no RETURNING, no AUTOINCREMENT/SERIAL: ids are
 * assigned under the write lock). Schema text that must differ is chosen by fs_db_kind(). */
#ifndef FS_DB_H
#define FS_DB_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"

#include <stdbool.h>
#include <stddef.h>

enum fs_db_kind { FS_DB_SQLITE = 1, FS_DB_PG = 2 };

/* How long a writer waits for another writer (SQLite's busy timeout; PostgreSQL's
 * lock_timeout and connect_timeout), in seconds. */
#define FS_DB_LOCK_TIMEOUT_S 30
/* The timeout in use: FS_DB_LOCK_TIMEOUT_S unless changed (scan's --db-timeout, tests) before
 * fs_db_open. */
extern int fs_db_lock_timeout_s;

struct fs_db;

/* One result row: ncols values, each NUL-terminated text or NULL for SQL NULL; valid only
 * during the call. A non-zero return stops the query and is returned by fs_db_exec. */
typedef int (*fs_db_row_fn)(void *ud, size_t ncols, const char *const *vals);

/* Whether where names a PostgreSQL server (postgresql:// or postgres://, or a libpq
 * "key=value" connection string starting with one of libpq's keywords: "user=a host=b"). */
bool fs_db_is_pg(const char *where);

/* Opens an SQLite file (created when create is true and it does not exist; its directory is
 * not created here) or connects to PostgreSQL. SQLite: WAL mode, foreign keys on, busy timeout
 * FS_DB_LOCK_TIMEOUT_S; a file that is not an SQLite database, or cannot be opened, or is
 * read-only (when writable is true) is an error naming the file and the reason. PostgreSQL:
 * connect_timeout 10 s, lock_timeout FS_DB_LOCK_TIMEOUT_S, client_encoding UTF8; a server that
 * is down or refuses the login is an error with libpq's reason. Messages never contain the
 * password of a connection string (fs_db_redact). FS_OK, FS_ERR_IO, FS_ERR_CONNECT or
 * FS_ERR_AUTH; err set on failure. */
FS_MUST_USE int fs_db_open(struct fs_db **out, const char *where, bool create, bool writable,
                           struct fs_buf *err);
void fs_db_close(struct fs_db *db);

enum fs_db_kind fs_db_kind(const struct fs_db *db);
/* What to show a person for this database: the SQLite path, or the PostgreSQL connection
 * string with any password replaced by "***" (never the password). */
const char *fs_db_display(const struct fs_db *db);

/* Runs one statement with nparams text parameters; calls fn (may be NULL) for each result
 * row. FS_OK, or FS_ERR_IO (err: "DB: the database's message"), FS_ERR_TIMEOUT (a lock not
 * obtained in time), or fn's non-zero return. */
FS_MUST_USE int fs_db_exec(struct fs_db *db, const char *sql, size_t nparams,
                           const char *const *params, fs_db_row_fn fn, void *ud,
                           struct fs_buf *err);
/* Runs a script of statements without parameters and without rows (schema migrations). */
FS_MUST_USE int fs_db_script(struct fs_db *db, const char *sql, struct fs_buf *err);

/* A write transaction that holds the store's single writer lock until commit or rollback
 * (SQLite: BEGIN IMMEDIATE, waiting up to the busy timeout; PostgreSQL: BEGIN and
 * pg_advisory_xact_lock on a fixed key), so that run ids and the hash chain are assigned in
 * one order by concurrent scanners. A read transaction gives one consistent snapshot. */
FS_MUST_USE int fs_db_begin(struct fs_db *db, bool write, struct fs_buf *err);
FS_MUST_USE int fs_db_commit(struct fs_db *db, struct fs_buf *err);
/* Rolls back an open transaction (nothing when none is open); never fails. */
void fs_db_rollback(struct fs_db *db);

/* Copies a connection string or path into out with the password of a postgresql:// URL
 * (user:PASSWORD@, up to the last '@'; password= and sslpassword= parameters) or of a
 * "password=..." or "sslpassword=..." keyword (quoted, escaped, spaced as libpq reads them)
 * replaced by "***". Cut at n - 1 bytes, never inside "***". */
void fs_db_redact(const char *where, char *out, size_t n);

#endif
