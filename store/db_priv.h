/* SPDX-License-Identifier: Apache-2.0 */
/* What each database backend provides behind store/db.h (db_sqlite.c, db_pg.c). */
#ifndef FS_DB_PRIV_H
#define FS_DB_PRIV_H

#include "db.h"

struct fs_db_ops {
    int (*exec)(struct fs_db *db, const char *sql, size_t nparams, const char *const *params,
                fs_db_row_fn fn, void *ud, struct fs_buf *err);
    int (*script)(struct fs_db *db, const char *sql, struct fs_buf *err);
    int (*begin)(struct fs_db *db, bool write, struct fs_buf *err);
    int (*commit)(struct fs_db *db, struct fs_buf *err);
    void (*rollback)(struct fs_db *db);
    void (*close)(struct fs_db *db);
};

struct fs_db {
    const struct fs_db_ops *ops;
    enum fs_db_kind kind;
    bool in_tx;
    char display[512]; /* fs_db_display(): path, or the redacted connection string */
    void *handle;      /* sqlite3 * or PGconn * */
    void *cache;       /* backend's own (SQLite: prepared statements by SQL text) */
};

/* Adds msg to err with every password of the connection string where replaced by "***": as
 * written, as decoded (percent-encoding, quotes, backslashes), and each of extra (nextra
 * strings, NULL ones skipped; e.g. the values the client library parsed). For a client
 * library's messages, which may quote the connection string. Best effort, as any message. */
void fs_db_add_scrubbed(struct fs_buf *err, const char *where, const char *msg,
                        const char *const *extra, size_t nextra);

FS_MUST_USE int fs_db_sqlite_open(struct fs_db *db, const char *path, bool create, bool writable,
                                  struct fs_buf *err);
FS_MUST_USE int fs_db_pg_open(struct fs_db *db, const char *conninfo, struct fs_buf *err);

#endif
