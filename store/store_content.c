/* SPDX-License-Identifier: Apache-2.0 */
/* The canonical content of a stored run, rebuilt from its rows: what its SHA-256 covers in
 * the hash chain. Any edit of a stored row (run, host, principle score, result, evidence
 * text) changes it; numbers are normalised so the digest does not depend on how the
 * database prints a float. */
#include "store_priv.h"

#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns of each table in the content, in this order (content_sha256 itself left out). */
static const char *const run_cols[] = {"id",
                                       "label",
                                       "shard",
                                       "source",
                                       "source_file",
                                       "started",
                                       "finished",
                                       "stored",
                                       "operator",
                                       "command_line",
                                       "scanner_version",
                                       "benchmark_id",
                                       "benchmark_sha256",
                                       "tailoring_sha256",
                                       "waivers_sha256",
                                       "hosts",
                                       "scanned",
                                       "score",
                                       "score_unwaived",
                                       "doc",
                                       "results_key",
                                       "prev_sha256"};
static const char *const host_cols[] = {"idx",     "name",   "address", "role",   "zone",
                                        "profile", "status", "started", "score",  "score_unwaived",
                                        "pass",    "fail",   "error",   "waived", "doc"};
static const char *const principle_cols[] = {"idx", "principle", "score", "pass", "fail", "other"};
static const char *const result_cols[] = {"idx",       "rule",   "status",      "severity",
                                          "principle", "e.text", "waiver_line", "failing_since"};

/* Columns whose values are numbers: compared as numbers, printed one way. */
static bool numeric(const char *col)
{
    return strcmp(col, "score") == 0 || strcmp(col, "score_unwaived") == 0;
}

struct collect {
    const char *const *cols;
    json_t *arr;
};

static int add_row(void *ud, size_t n, const char *const *v)
{
    struct collect *c = ud;
    json_t *row = json_array();
    if (!row || json_array_append_new(c->arr, row) != 0)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        json_t *x;
        if (!v[i]) {
            x = json_null();
        } else if (numeric(c->cols[i])) {
            char t[40];
            snprintf(t, sizeof t, "%.4f", strtod(v[i], NULL));
            x = json_string(t);
        } else {
            x = json_string(v[i]);
        }
        if (!x || json_array_append_new(row, x) != 0)
            return FS_ERR_NOMEM;
    }
    return FS_OK;
}

/* Rows ordered by their first two columns (idx as a number, then the text as bytes) in C:
 * the digest must not depend on the database's collation. */
static int cmp_rows(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    long ix = strtol(json_string_value(json_array_get(x, 0)), NULL, 10);
    long iy = strtol(json_string_value(json_array_get(y, 0)), NULL, 10);
    if (ix != iy)
        return ix < iy ? -1 : 1;
    const char *sx = json_string_value(json_array_get(x, 1));
    const char *sy = json_string_value(json_array_get(y, 1));
    return strcmp(sx ? sx : "", sy ? sy : "");
}

static int sort_rows(json_t *arr)
{
    size_t n = json_array_size(arr);
    json_t **v = calloc(n ? n : 1, sizeof(json_t *));
    if (!v)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(arr, i));
    qsort(v, n, sizeof(json_t *), cmp_rows);
    json_array_clear(arr);
    int rc = FS_OK;
    for (size_t i = 0; i < n; i++)
        if (json_array_append_new(arr, v[i]) != 0)
            rc = FS_ERR_NOMEM;
    free(v);
    return rc;
}

static int select_rows(struct fs_store *s, const char *const *cols, size_t ncols, const char *from,
                       const char *id, json_t *out, const char *key, struct fs_buf *err)
{
    struct fs_buf sql;
    fs_buf_init(&sql, 1u << 16);
    int rc = fs_buf_adds(&sql, "SELECT ");
    for (size_t i = 0; i < ncols && !rc; i++)
        rc = fs_buf_addf(&sql, "%s%s", i ? ", " : "", cols[i]);
    if (!rc)
        rc = fs_buf_addf(&sql, " FROM %s WHERE run_id = $1", from);
    struct collect c = {.cols = cols, .arr = json_array()};
    if (!c.arr)
        rc = FS_ERR_NOMEM;
    if (!rc) {
        const char *p[] = {id};
        rc = fs_db_exec(s->db, fs_buf_cstr(&sql), 1, p, add_row, &c, err);
    }
    if (!rc)
        rc = sort_rows(c.arr);
    if (!rc && json_object_set_new(out, key, c.arr) != 0)
        rc = FS_ERR_NOMEM;
    else if (rc)
        json_decref(c.arr);
    fs_buf_dispose(&sql);
    return rc;
}

int fs_store_run_content(struct fs_store *s, int64_t id, json_t **out, struct fs_buf *err)
{
    char idt[24];
    fs_store_id_text(id, idt, sizeof idt);
    json_t *doc = json_object();
    *out = NULL;
    if (!doc)
        return FS_ERR_NOMEM;
    struct fs_buf sql;
    fs_buf_init(&sql, 4096);
    int rc = fs_buf_adds(&sql, "SELECT ");
    for (size_t i = 0; i < sizeof run_cols / sizeof run_cols[0] && !rc; i++)
        rc = fs_buf_addf(&sql, "%s%s", i ? ", " : "", run_cols[i]);
    rc = rc ? rc : fs_buf_adds(&sql, " FROM runs WHERE id = $1");
    struct collect c = {.cols = run_cols, .arr = json_array()};
    if (!rc && !c.arr)
        rc = FS_ERR_NOMEM;
    if (!rc) {
        const char *p[] = {idt};
        rc = fs_db_exec(s->db, fs_buf_cstr(&sql), 1, p, add_row, &c, err);
    }
    if (!rc && json_array_size(c.arr) != 1) {
        fs_buf_try_addf(err, "%s: no run %s", fs_db_display(s->db), idt);
        rc = FS_ERR_NOTFOUND;
    }
    if (!rc && json_object_set(doc, "run", json_array_get(c.arr, 0)) != 0)
        rc = FS_ERR_NOMEM;
    json_decref(c.arr);
    fs_buf_dispose(&sql);
    if (!rc)
        rc = select_rows(s, host_cols, sizeof host_cols / sizeof host_cols[0], "hosts", idt, doc,
                         "hosts", err);
    if (!rc)
        rc = select_rows(s, principle_cols, sizeof principle_cols / sizeof principle_cols[0],
                         "host_principles", idt, doc, "principles", err);
    if (!rc)
        rc = select_rows(s, result_cols, sizeof result_cols / sizeof result_cols[0],
                         "results LEFT JOIN evidence e ON e.id = results.evidence", idt, doc,
                         "results", err);
    if (rc) {
        json_decref(doc);
        return rc;
    }
    *out = doc;
    return FS_OK;
}

int fs_store_run_digest(struct fs_store *s, int64_t id, char *hex, struct fs_buf *err)
{
    json_t *doc;
    int rc = fs_store_run_content(s, id, &doc, err);
    if (rc)
        return rc;
    rc = fs_store_json_sha256(doc, hex);
    json_decref(doc);
    return rc;
}
