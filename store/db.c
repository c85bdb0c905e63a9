/* SPDX-License-Identifier: Apache-2.0 */
/* store/db.h: the backend chosen by the connection string, and what both share. */
#include "db_priv.h"

#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fs_db_lock_timeout_s = FS_DB_LOCK_TIMEOUT_S;

bool fs_db_is_pg(const char *where)
{
    return strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0 ||
           strncmp(where, "host=", 5) == 0 || strncmp(where, "dbname=", 7) == 0;
}

/* Replaces the password of "scheme://user:PASSWORD@host..." with "***". */
static void redact_url(const char *where, char *out, size_t n)
{
    const char *auth = strstr(where, "://") + 3;
    const char *at = strchr(auth, '@');
    const char *slash = strchr(auth, '/');
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (!at || (slash && slash < at) || !colon) {
        snprintf(out, n, "%s", where);
        return;
    }
    snprintf(out, n, "%.*s:***%s", (int)(colon - where), where, at);
    /* a password=... query parameter as well */
    char *q = strstr(out, "password=");
    if (q) {
        char *end = strchr(q, '&');
        char tail[512];
        snprintf(tail, sizeof tail, "%s", end ? end : "");
        snprintf(q, n - (size_t)(q - out), "password=***%s", tail);
    }
}

/* Replaces the value of every password=... keyword of a key=value string with "***". */
static void redact_keywords(const char *where, char *out, size_t n)
{
    size_t o = 0;
    for (const char *p = where; *p && o + 1 < n;) {
        bool word_start = p == where || p[-1] == ' ' || p[-1] == '&' || p[-1] == '?';
        if (word_start && strncmp(p, "password=", 9) == 0) {
            const char *v = p + 9;
            const char *end = v;
            if (*v == '\'') {
                for (end = v + 1; *end && *end != '\''; end++)
                    if (*end == '\\' && end[1])
                        end++;
                if (*end)
                    end++;
            } else {
                end = v + strcspn(v, " &");
            }
            int w = snprintf(out + o, n - o, "password=***");
            o = w < 0 ? o : o + (size_t)w < n ? o + (size_t)w : n - 1;
            p = end;
            continue;
        }
        out[o++] = *p++;
    }
    out[o < n ? o : n - 1] = '\0';
}

void fs_db_redact(const char *where, char *out, size_t n)
{
    if (!n)
        return;
    if (strstr(where, "://")) {
        char tmp[512];
        redact_url(where, tmp, sizeof tmp);
        redact_keywords(tmp, out, n);
    } else {
        redact_keywords(where, out, n);
    }
}

int fs_db_open(struct fs_db **out, const char *where, bool create, bool writable,
               struct fs_buf *err)
{
    *out = NULL;
    struct fs_db *db = calloc(1, sizeof *db);
    if (!db)
        return FS_ERR_NOMEM;
    fs_db_redact(where, db->display, sizeof db->display);
    int rc = fs_db_is_pg(where) ? fs_db_pg_open(db, where, err)
                                : fs_db_sqlite_open(db, where, create, writable, err);
    if (rc) {
        if (db->ops)
            db->ops->close(db);
        free(db);
        return rc;
    }
    *out = db;
    return FS_OK;
}

void fs_db_close(struct fs_db *db)
{
    if (!db)
        return;
    if (db->in_tx)
        fs_db_rollback(db);
    db->ops->close(db);
    free(db);
}

enum fs_db_kind fs_db_kind(const struct fs_db *db)
{
    return db->kind;
}

const char *fs_db_display(const struct fs_db *db)
{
    return db->display;
}

int fs_db_exec(struct fs_db *db, const char *sql, size_t nparams, const char *const *params,
               fs_db_row_fn fn, void *ud, struct fs_buf *err)
{
    return db->ops->exec(db, sql, nparams, params, fn, ud, err);
}

int fs_db_script(struct fs_db *db, const char *sql, struct fs_buf *err)
{
    return db->ops->script(db, sql, err);
}

int fs_db_begin(struct fs_db *db, bool write, struct fs_buf *err)
{
    int rc = db->ops->begin(db, write, err);
    db->in_tx = rc == FS_OK;
    return rc;
}

int fs_db_commit(struct fs_db *db, struct fs_buf *err)
{
    int rc = db->ops->commit(db, err);
    if (rc)
        db->ops->rollback(db);
    db->in_tx = false;
    return rc;
}

void fs_db_rollback(struct fs_db *db)
{
    if (db->in_tx)
        db->ops->rollback(db);
    db->in_tx = false;
}
