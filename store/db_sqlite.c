/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend of store/db.h: one file, WAL mode, a busy timeout, statements cached by
 * their text (the store runs the same few statements thousands of times per run). */
#include "db_priv.h"

#include "../scanner/core/err.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_MAX 48

struct stmt_cache {
    size_t n;
    char *sql[CACHE_MAX];
    sqlite3_stmt *stmt[CACHE_MAX];
    int *map[CACHE_MAX]; /* per statement: parameter $k+1 -> its bind index (0: unused) */
    int nmap[CACHE_MAX];
};

/* Which bind index each $k has: looked up once per prepared statement (SQLite finds a name
 * by a linear search, which a 900-parameter INSERT would pay 900 times per row batch). */
static int *param_map(sqlite3_stmt *st, int *n)
{
    int count = sqlite3_bind_parameter_count(st);
    int *map = calloc(count > 0 ? (size_t)count : 1, sizeof *map);
    *n = count;
    for (int k = 1; map && k <= count; k++) {
        const char *name = sqlite3_bind_parameter_name(st, k);
        long num = name && name[0] == '$' ? strtol(name + 1, NULL, 10) : 0;
        if (num >= 1 && num <= count)
            map[num - 1] = k;
    }
    return map;
}

/* FS_ERR_* for an SQLite result code, with err "DB: reason". */
static int fail(struct fs_db *db, int code, struct fs_buf *err)
{
    sqlite3 *h = db->handle;
    const char *msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(code);
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        fs_buf_try_addf(err, "%s: locked by another writer for more than %d s", db->display,
                        fs_db_lock_timeout_s);
        return FS_ERR_TIMEOUT;
    case SQLITE_NOTADB:
        fs_buf_try_addf(err, "%s: not an SQLite database (%s)", db->display, msg);
        return FS_ERR_IO;
    case SQLITE_READONLY:
        fs_buf_try_addf(err, "%s: read-only (%s)", db->display, msg);
        return FS_ERR_IO;
    case SQLITE_NOMEM:
        return FS_ERR_NOMEM;
    default:
        fs_buf_try_addf(err, "%s: %s", db->display, msg);
        return FS_ERR_IO;
    }
}

static int prepare(struct fs_db *db, const char *sql, sqlite3_stmt **out, int **map, int *nmap,
                   bool *cached, struct fs_buf *err)
{
    struct stmt_cache *c = db->cache;
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->sql[i], sql) == 0) {
            *out = c->stmt[i];
            *map = c->map[i];
            *nmap = c->nmap[i];
            *cached = true;
            return FS_OK;
        }
    }
    int rc = sqlite3_prepare_v2(db->handle, sql, -1, out, NULL);
    if (rc != SQLITE_OK)
        return fail(db, rc, err);
    if (!(*map = param_map(*out, nmap))) {
        sqlite3_finalize(*out);
        return FS_ERR_NOMEM;
    }
    *cached = false;
    if (c->n < CACHE_MAX && (c->sql[c->n] = strdup(sql))) {
        c->stmt[c->n] = *out;
        c->map[c->n] = *map;
        c->nmap[c->n++] = *nmap;
        *cached = true;
    }
    return FS_OK;
}

static int sq_exec(struct fs_db *db, const char *sql, size_t nparams, const char *const *params,
                   fs_db_row_fn fn, void *ud, struct fs_buf *err)
{
    sqlite3_stmt *st;
    int *map = NULL, nmap = 0;
    bool cached = false;
    int rc = prepare(db, sql, &st, &map, &nmap, &cached, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < nparams && !rc; i++) {
        int idx = i < (size_t)nmap ? map[i] : 0;
        if (idx <= 0)
            continue; /* a parameter the statement does not use */
        int r = params[i] ? sqlite3_bind_text(st, idx, params[i], -1, SQLITE_STATIC)
                          : sqlite3_bind_null(st, idx);
        if (r != SQLITE_OK)
            rc = fail(db, r, err);
    }
    while (!rc) {
        int r = sqlite3_step(st);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            rc = fail(db, r, err);
            break;
        }
        if (!fn)
            continue;
        int nc = sqlite3_column_count(st);
        const char *vals[64];
        if (nc > 64) {
            fs_buf_try_addf(err, "%s: a query with %d columns", db->display, nc);
            rc = FS_ERR_LIMIT;
            break;
        }
        for (int k = 0; k < nc; k++)
            vals[k] = (const char *)sqlite3_column_text(st, k);
        rc = fn(ud, (size_t)nc, vals);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (!cached) {
        sqlite3_finalize(st);
        free(map);
    }
    return rc;
}

static int sq_script(struct fs_db *db, const char *sql, struct fs_buf *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->handle, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int r = fail(db, rc, err);
        sqlite3_free(msg);
        return r;
    }
    return FS_OK;
}

static int sq_begin(struct fs_db *db, bool write, struct fs_buf *err)
{
    return sq_script(db, write ? "BEGIN IMMEDIATE" : "BEGIN", err);
}

static int sq_commit(struct fs_db *db, struct fs_buf *err)
{
    return sq_script(db, "COMMIT", err);
}

static void sq_rollback(struct fs_db *db)
{
    sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

static void sq_close(struct fs_db *db)
{
    struct stmt_cache *c = db->cache;
    for (size_t i = 0; c && i < c->n; i++) {
        sqlite3_finalize(c->stmt[i]);
        free(c->sql[i]);
        free(c->map[i]);
    }
    free(c);
    sqlite3_close_v2(db->handle);
    db->handle = NULL;
    db->cache = NULL;
}

static const struct fs_db_ops sqlite_ops = {
    .exec = sq_exec,
    .script = sq_script,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .close = sq_close,
};

int fs_db_sqlite_open(struct fs_db *db, const char *path, bool create, bool writable,
                      struct fs_buf *err)
{
    db->ops = &sqlite_ops;
    db->kind = FS_DB_SQLITE;
    if (!(db->cache = calloc(1, sizeof(struct stmt_cache))))
        return FS_ERR_NOMEM;
    int flags =
        writable ? SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) : SQLITE_OPEN_READONLY;
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, flags | SQLITE_OPEN_NOFOLLOW, NULL);
    db->handle = h;
    if (rc != SQLITE_OK) {
        if (rc == SQLITE_CANTOPEN)
            fs_buf_try_addf(err, "%s: cannot open (%s)", db->display,
                            create ? "no such directory or not writable" : "no such file");
        else
            (void)fail(db, rc, err);
        return FS_ERR_IO;
    }
    sqlite3_extended_result_codes(h, 0);
    sqlite3_busy_timeout(h, fs_db_lock_timeout_s * 1000);
    if (writable && sqlite3_db_readonly(h, "main") == 1) {
        fs_buf_try_addf(err, "%s: read-only (the file or its directory cannot be written)",
                        db->display);
        return FS_ERR_IO;
    }
    /* The first read proves the file is a database (a text file fails here, not later). */
    if ((rc = sq_script(db, "SELECT count(*) FROM sqlite_master", err)))
        return rc;
    if (writable &&
        (rc = sq_script(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", err)))
        return rc;
    return sq_script(db, "PRAGMA foreign_keys=ON", err);
}
