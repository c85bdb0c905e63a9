/* SPDX-License-Identifier: Apache-2.0 */
/* store/db.h: the backend chosen by the connection string, and what both share. */
#include "db_priv.h"

#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fs_db_lock_timeout_s = FS_DB_LOCK_TIMEOUT_S;

/* libpq's connection keywords (a key=value string starts with one of them). */
static const char *const pg_keywords[] = {"application_name",
                                          "channel_binding",
                                          "client_encoding",
                                          "connect_timeout",
                                          "dbname",
                                          "gssencmode",
                                          "host",
                                          "hostaddr",
                                          "keepalives",
                                          "options",
                                          "passfile",
                                          "password",
                                          "port",
                                          "service",
                                          "sslcert",
                                          "sslkey",
                                          "sslmode",
                                          "sslpassword",
                                          "sslrootcert",
                                          "target_session_attrs",
                                          "user"};

bool fs_db_is_pg(const char *where)
{
    if (strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0)
        return true;
    /* "user=audit host=db password=..." must never become an SQLite file of that name */
    size_t k = strspn(where, "abcdefghijklmnopqrstuvwxyz_");
    size_t eq = k + strspn(where + k, " ");
    if (!k || where[eq] != '=')
        return false;
    for (size_t i = 0; i < sizeof pg_keywords / sizeof pg_keywords[0]; i++)
        if (strlen(pg_keywords[i]) == k && strncmp(where, pg_keywords[i], k) == 0)
            return true;
    return false;
}

/* Where a password is written in a connection string: the value as written (quotes and
 * escapes included), and how it is decoded (percent-encoding in a URL, quotes and backslashes
 * in a key=value string). */
struct secret {
    size_t off, len;
    bool url;
};

#define SECRETS_MAX 16

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* "%XX" at p (with at least 3 bytes there): its byte, or -1. */
static int percent(const char *p)
{
    return p[0] == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0 ? hex(p[1]) << 4 | hex(p[2]) : -1;
}

static bool secret_key(const char *k, size_t n, bool url)
{
    char key[16];
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = k[i];
        /* libpq percent-decodes a URL's parameter names as well */
        if (url && i + 2 < n && percent(k + i) >= 0) {
            c = (char)percent(k + i);
            i += 2;
        }
        if (o + 1 >= sizeof key)
            return false;
        key[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    key[o] = '\0';
    return strcmp(key, "password") == 0 || strcmp(key, "sslpassword") == 0;
}

static void add_secret(struct secret *out, size_t *n, size_t off, size_t len, bool url)
{
    if (*n < SECRETS_MAX)
        out[(*n)++] = (struct secret){.off = off, .len = len, .url = url};
}

/* "scheme://[user[:PASSWORD]@]host.../db?key=value&password=PASSWORD...": the password of
 * the user part up to the last '@' (a password with an unencoded '/', '?' or '@' in it is
 * still found), and each password or sslpassword parameter up to the next "&key=" (a value
 * with an unencoded '&' in it as well). */
static size_t url_secrets(const char *s, struct secret *out)
{
    size_t n = 0;
    const char *auth = strstr(s, "://") + 3;
    const char *at = strrchr(auth, '@');
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon)
        add_secret(out, &n, (size_t)(colon + 1 - s), (size_t)(at - colon - 1), true);
    const char *q = strchr(at ? at : auth, '?');
    for (const char *p = q ? q + 1 : NULL; p && *p;) {
        const char *amp = strchr(p, '&');
        const char *end = amp ? amp : p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (eq && secret_key(p, (size_t)(eq - p), true)) {
            /* the value runs on over "&..." pieces that are no key=value of their own */
            while (*end == '&') {
                const char *next = strchr(end + 1, '&');
                const char *stop = next ? next : end + 1 + strlen(end + 1);
                if (memchr(end + 1, '=', (size_t)(stop - end - 1)))
                    break;
                end = stop;
            }
            add_secret(out, &n, (size_t)(eq + 1 - s), (size_t)(end - eq - 1), true);
        }
        p = *end ? end + 1 : NULL;
    }
    return n;
}

static bool space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* "key=value key = 'quoted \' value' ...", read as libpq reads it: the value of each
 * password or sslpassword keyword. */
static size_t keyword_secrets(const char *s, struct secret *out)
{
    size_t n = 0;
    const char *p = s;
    while (*p) {
        while (space(*p))
            p++;
        const char *key = p;
        while (*p && *p != '=' && !space(*p))
            p++;
        size_t klen = (size_t)(p - key);
        while (space(*p))
            p++;
        if (*p != '=')
            continue; /* libpq refuses the string; the token holds no value */
        p++;
        while (space(*p))
            p++;
        const char *v = p;
        if (*p == '\'') {
            for (p++; *p && *p != '\''; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (*p)
                p++;
        } else {
            for (; *p && !space(*p); p++)
                if (*p == '\\' && p[1])
                    p++;
        }
        if (secret_key(key, klen, false))
            add_secret(out, &n, (size_t)(v - s), (size_t)(p - v), false);
    }
    return n;
}

static size_t find_secrets(const char *s, struct secret *out)
{
    return strstr(s, "://") ? url_secrets(s, out) : keyword_secrets(s, out);
}

void fs_db_redact(const char *where, char *out, size_t n)
{
    if (!n)
        return;
    struct secret sec[SECRETS_MAX];
    size_t ns = find_secrets(where, sec), o = 0, k = 0;
    /* the secrets are found in the order they are written, none inside another */
    for (size_t i = 0;;) {
        if (k < ns && sec[k].off == i) {
            /* all of "***" or nothing: a cut never shows part of it as the value */
            if (o + 3 >= n)
                break;
            memcpy(out + o, "***", 3);
            o += 3;
            i += sec[k++].len;
            continue;
        }
        if (!where[i] || o + 1 >= n)
            break;
        out[o++] = where[i++];
    }
    out[o] = '\0';
}

/* The value of a secret as the library reads it: malloc'd, NULL without memory. */
static char *decode_secret(const char *where, const struct secret *sec)
{
    const char *v = where + sec->off, *end = v + sec->len;
    char *out = malloc(sec->len + 1);
    size_t o = 0;
    if (!out)
        return NULL;
    if (!sec->url && v < end && *v == '\'') {
        v++;
        if (end > v && end[-1] == '\'')
            end--;
    }
    while (v < end) {
        if (sec->url && end - v >= 3 && percent(v) >= 0) {
            out[o++] = (char)percent(v);
            v += 3;
        } else if (!sec->url && *v == '\\' && v + 1 < end) {
            out[o++] = v[1];
            v += 2;
        } else {
            out[o++] = *v++;
        }
    }
    out[o] = '\0';
    return out;
}

void fs_db_add_scrubbed(struct fs_buf *err, const char *where, const char *msg,
                        const char *const *extra, size_t nextra)
{
    struct secret sec[SECRETS_MAX];
    size_t ns = find_secrets(where, sec);
    struct fs_buf clean;
    fs_buf_init(&clean, err->max);
    /* each secret as written and as decoded, and the caller's */
    char *decoded[SECRETS_MAX];
    const char *words[SECRETS_MAX + 8];
    size_t nw = 0;
    for (size_t k = 0; k < ns; k++) {
        if (!(decoded[k] = decode_secret(where, &sec[k])))
            goto out; /* no memory: no message rather than one with a secret in it */
        words[nw++] = decoded[k];
    }
    for (size_t k = 0; k < nextra && nw < sizeof words / sizeof words[0]; k++)
        if (extra[k])
            words[nw++] = extra[k];
    for (const char *p = msg; *p;) {
        size_t best = 0;
        for (size_t k = 0; k < ns; k++)
            if (sec[k].len > best && strncmp(p, where + sec[k].off, sec[k].len) == 0)
                best = sec[k].len;
        for (size_t k = 0; k < nw; k++) {
            size_t len = strlen(words[k]);
            if (len > best && strncmp(p, words[k], len) == 0)
                best = len;
        }
        if (best ? fs_buf_adds(&clean, "***") : fs_buf_add(&clean, p, 1))
            break; /* the message is cut short, never the secret shown */
        p += best ? best : 1;
    }
    fs_buf_try_adds(err, fs_buf_cstr(&clean));
out:
    fs_buf_dispose(&clean);
    for (size_t k = 0; k < nw && k < ns; k++)
        free(decoded[k]);
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
