/* SPDX-License-Identifier: Apache-2.0 */
/* PostgreSQL backend of store/db.h through libpq: parameters and rows as text, statements
 * prepared once per connection (the store runs the same few thousands of times per run: half
 * the time of sending them whole), rows read one at a time (a long history is never held whole
 * in memory), a write transaction that takes an advisory lock so that concurrent scanners
 * append runs one after the other. */
#include "db_priv.h"

#include "../scanner/core/err.h"

#include <libpq-fe.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The store's single writer lock (pg_advisory_xact_lock): "floorsca" in ASCII, big-endian.
 * Every floorscan writing into the database takes this key; nothing else should. */
#define WRITE_LOCK_KEY "7380396413805618017"
/* ON CONFLICT DO NOTHING, which the store's statements use, came with PostgreSQL 9.5. */
#define PG_MIN_VERSION 90500
#define CACHE_MAX      64

/* Prepared statements by their SQL text; names "fs_1", "fs_2", ... never reused. */
struct stmt_cache {
    size_t n;
    unsigned next;
    char *sql[CACHE_MAX];
    char name[CACHE_MAX][16];
};

static void no_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* "there is no transaction in progress" and the like: not for stderr */
}

/* Adds text to b on one line: each run of white space (libpq's messages span lines and
 * indent with tabs) as one space, other control bytes escaped, trailing space dropped. */
static void add_line(struct fs_buf *b, const char *text)
{
    size_t n = strlen(text);
    char *flat = malloc(n + 1);
    size_t o = 0;
    if (!flat)
        return;
    for (const char *p = text; *p; p++) {
        bool ws = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
        if (ws && (o == 0 || flat[o - 1] == ' '))
            continue;
        flat[o++] = *p;
        if (ws)
            flat[o - 1] = ' ';
    }
    while (o > 0 && flat[o - 1] == ' ')
        o--;
    fs_buf_try_add_printable(b, flat, o);
    free(flat);
}

/* FS_ERR_* for a failed statement (res may be NULL: libpq's own message then), with err
 * "DB: the server's message (its detail)". */
static int fail(struct fs_db *db, const PGresult *res, struct fs_buf *err)
{
    PGconn *c = db->handle;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    bool locked = state && strcmp(state, "55P03") == 0; /* lock_timeout */
    int rc = FS_ERR_IO;
    if (PQstatus(c) == CONNECTION_BAD || (state && strncmp(state, "08", 2) == 0))
        rc = FS_ERR_CONNECT; /* the server went away */
    else if (locked || (state && strcmp(state, "57014") == 0))
        rc = FS_ERR_TIMEOUT; /* or a statement_timeout the server sets */
    fs_buf_try_addf(err, "%s: ", db->display);
    if (locked)
        fs_buf_try_addf(err, "locked by another writer for more than %d s (", fs_db_lock_timeout_s);
    if (primary) {
        add_line(err, primary);
        if (detail) {
            fs_buf_try_adds(err, " (");
            add_line(err, detail);
            fs_buf_try_adds(err, ")");
        }
    } else {
        const char *msg = res ? PQresultErrorMessage(res) : "";
        add_line(err, *msg ? msg : PQerrorMessage(c));
    }
    if (locked)
        fs_buf_try_adds(err, ")");
    return rc;
}

/* Runs sql (one or more statements, no parameters) and discards any rows. */
static int run(struct fs_db *db, const char *sql, struct fs_buf *err)
{
    PGresult *res = PQexec(db->handle, sql);
    ExecStatusType st = PQresultStatus(res);
    int rc = FS_OK;
    if (!res)
        rc = fail(db, NULL, err);
    else if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = fail(db, res, err);
    PQclear(res);
    return rc;
}

/* The name of sql's prepared statement, prepared now the first time (the server infers the
 * parameters' types, as for an unprepared one); NULL when the cache is full: sent whole. */
static int prepared(struct fs_db *db, const char *sql, const char **name, struct fs_buf *err)
{
    struct stmt_cache *c = db->cache;
    *name = NULL;
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->sql[i], sql) == 0) {
            *name = c->name[i];
            return FS_OK;
        }
    }
    if (c->n == CACHE_MAX || !(c->sql[c->n] = strdup(sql)))
        return FS_OK;
    snprintf(c->name[c->n], sizeof c->name[c->n], "fs_%u", ++c->next);
    PGresult *res = PQprepare(db->handle, c->name[c->n], sql, 0, NULL);
    int rc = FS_OK;
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = fail(db, res, err);
        free(c->sql[c->n]);
    } else {
        *name = c->name[c->n++];
    }
    PQclear(res);
    return rc;
}

/* Forgets the prepared statements (after DDL: a changed table would fail them). */
static void forget_prepared(struct fs_db *db)
{
    struct stmt_cache *c = db->cache;
    for (size_t i = 0; c && i < c->n; i++)
        free(c->sql[i]);
    if (c && c->n && PQtransactionStatus(db->handle) != PQTRANS_INERROR)
        PQclear(PQexec(db->handle, "DEALLOCATE ALL"));
    if (c)
        c->n = 0;
}

static int pg_exec(struct fs_db *db, const char *sql, size_t nparams, const char *const *params,
                   fs_db_row_fn fn, void *ud, struct fs_buf *err)
{
    PGconn *c = db->handle;
    if (nparams > INT_MAX) {
        fs_buf_try_addf(err, "%s: a statement with %zu parameters", db->display, nparams);
        return FS_ERR_LIMIT;
    }
    const char *name;
    int rc = prepared(db, sql, &name, err);
    if (rc)
        return rc;
    /* text parameters (NULL pointer: SQL NULL) and text results */
    if (!(name ? PQsendQueryPrepared(c, name, (int)nparams, params, NULL, NULL, 0)
               : PQsendQueryParams(c, sql, (int)nparams, NULL, params, NULL, NULL, 0)))
        return fail(db, NULL, err);
    /* rows one at a time when they are wanted (it cannot fail right after the send) */
    if (fn)
        (void)PQsetSingleRowMode(c);
    const char **vals = NULL;
    size_t cap = 0;
    PGresult *res;
    /* every result is read, also after an error or a stop, so the connection is ready for
     * the next statement */
    while ((res = PQgetResult(c))) {
        ExecStatusType st = PQresultStatus(res);
        if (rc == FS_OK && (st == PGRES_SINGLE_TUPLE || st == PGRES_TUPLES_OK)) {
            size_t ncols = (size_t)PQnfields(res);
            int nrows = PQntuples(res);
            if (fn && nrows > 0 && ncols > cap) {
                const char **grown = realloc(vals, ncols * sizeof *vals);
                if (grown) {
                    vals = grown;
                    cap = ncols;
                } else {
                    rc = FS_ERR_NOMEM;
                }
            }
            for (int r = 0; fn && rc == FS_OK && r < nrows; r++) {
                for (size_t k = 0; k < ncols; k++)
                    vals[k] = PQgetisnull(res, r, (int)k) ? NULL : PQgetvalue(res, r, (int)k);
                rc = fn(ud, ncols, vals);
            }
        } else if (rc == FS_OK && st != PGRES_COMMAND_OK) {
            rc = fail(db, res, err);
        }
        PQclear(res);
    }
    free(vals);
    return rc;
}

static int pg_script(struct fs_db *db, const char *sql, struct fs_buf *err)
{
    int rc = run(db, sql, err);
    forget_prepared(db); /* schema changes come as scripts */
    return rc;
}

static void pg_rollback(struct fs_db *db)
{
    if (db->handle && PQtransactionStatus(db->handle) != PQTRANS_IDLE)
        PQclear(PQexec(db->handle, "ROLLBACK"));
}

static int pg_begin(struct fs_db *db, bool write, struct fs_buf *err)
{
    if (!write)
        return run(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err);
    /* one round trip; the lock waits up to lock_timeout and is released by COMMIT/ROLLBACK */
    int rc = run(db, "BEGIN; SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY ")", err);
    if (rc)
        pg_rollback(db);
    return rc;
}

static int pg_commit(struct fs_db *db, struct fs_buf *err)
{
    PGconn *c = db->handle;
    /* COMMIT of a failed transaction "succeeds" as a ROLLBACK: say what happened instead */
    if (PQtransactionStatus(c) == PQTRANS_INERROR) {
        fs_buf_try_addf(err, "%s: a statement of the transaction failed; it was rolled back",
                        db->display);
        return FS_ERR_IO;
    }
    PGresult *res = PQexec(c, "COMMIT");
    int rc = FS_OK;
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = fail(db, res, err);
    } else if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
        fs_buf_try_addf(err, "%s: the transaction was rolled back (%s)", db->display,
                        PQcmdStatus(res));
        rc = FS_ERR_IO;
    }
    PQclear(res);
    return rc;
}

static void pg_close(struct fs_db *db)
{
    struct stmt_cache *c = db->cache;
    for (size_t i = 0; c && i < c->n; i++)
        free(c->sql[i]);
    free(c);
    PQfinish(db->handle);
    db->handle = NULL;
    db->cache = NULL;
}

static const struct fs_db_ops pg_ops = {
    .exec = pg_exec,
    .script = pg_script,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .close = pg_close,
};

/* A login the server refused (FS_ERR_AUTH), or a server that cannot be reached or does not
 * let us in for another reason (FS_ERR_CONNECT). */
static int connect_failure(PGconn *c)
{
    const char *msg = PQerrorMessage(c);
    if (PQconnectionNeedsPassword(c))
        return FS_ERR_AUTH; /* asked for a password, and none was given */
    if (!strstr(msg, "FATAL:"))
        return FS_ERR_CONNECT; /* no answer from a server */
    if (strstr(msg, "database \"") && strstr(msg, "does not exist"))
        return FS_ERR_CONNECT;
    /* a password was asked for and given, and the server said no (with scram-sha-256 an
     * unknown role is refused the same way); or the server's words for it (trust, peer) */
    if (PQconnectionUsedPassword(c) || strstr(msg, "authentication failed") ||
        strstr(msg, "pg_hba.conf") || (strstr(msg, "role \"") && strstr(msg, "does not exist")))
        return FS_ERR_AUTH;
    return FS_ERR_CONNECT;
}

/* Adds libpq's message to err on one line, without any password of conninfo (as written, as
 * decoded, or as libpq parsed it). */
static void add_scrubbed(struct fs_buf *err, const char *conninfo, const PQconninfoOption *opts,
                         const char *msg)
{
    const char *extra[2] = {NULL, NULL};
    for (const PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (strcmp(o->keyword, "password") == 0)
            extra[0] = o->val;
        else if (strcmp(o->keyword, "sslpassword") == 0)
            extra[1] = o->val;
    }
    struct fs_buf line;
    fs_buf_init(&line, err->max);
    add_line(&line, msg);
    fs_db_add_scrubbed(err, conninfo, fs_buf_cstr(&line), extra, 2);
    fs_buf_dispose(&line);
}

int fs_db_pg_open(struct fs_db *db, const char *conninfo, struct fs_buf *err)
{
    db->ops = &pg_ops;
    db->kind = FS_DB_PG;
    if (!(db->cache = calloc(1, sizeof(struct stmt_cache))))
        return FS_ERR_NOMEM;
    char *perr = NULL;
    int rc = FS_OK;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &perr);
    if (!opts) {
        fs_buf_try_addf(err, "%s: not a PostgreSQL connection string: ", db->display);
        add_scrubbed(err, conninfo, NULL, perr ? perr : "out of memory");
        rc = FS_ERR_IO;
        goto out;
    }
    /* Defaults before dbname (the connection string may change them), client_encoding after
     * it (the store reads and writes UTF-8, whatever the string or PGCLIENTENCODING says).
     * Keepalives: a server that vanishes mid-statement is noticed in about two minutes. */
    const char *const keys[] = {"connect_timeout",  "fallback_application_name",
                                "keepalives_idle",  "keepalives_interval",
                                "keepalives_count", "dbname",
                                "client_encoding",  NULL};
    const char *const vals[] = {"10", "floorscan", "60", "10", "6", conninfo, "UTF8", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    db->handle = c;
    if (!c) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    if (PQstatus(c) != CONNECTION_OK) {
        rc = connect_failure(c);
        fs_buf_try_addf(err, "%s: ", db->display);
        add_scrubbed(err, conninfo, opts, PQerrorMessage(c));
        goto out;
    }
    PQsetNoticeProcessor(c, no_notices, NULL);
    if (PQserverVersion(c) < PG_MIN_VERSION) {
        fs_buf_try_addf(err, "%s: PostgreSQL %d is too old: 9.5 or later is needed", db->display,
                        PQserverVersion(c));
        rc = FS_ERR_IO;
        goto out;
    }
    char set[64];
    snprintf(set, sizeof set, "SET lock_timeout = '%ds'", fs_db_lock_timeout_s);
    rc = run(db, set, err);
out:
    PQconninfoFree(opts);
    PQfreemem(perr);
    return rc;
}
