/* SPDX-License-Identifier: Apache-2.0 */
/* The canonical content of a stored run, read back from its rows and hashed as it streams:
 * what its SHA-256 in the hash chain covers. Any edit of a stored row (run, host, principle
 * score, result, evidence text) changes it. Rows come in one order whatever the database's
 * collation (byte order of the text keys); each value is written length-prefixed (NULL apart),
 * and scores are normalised so the digest does not depend on how the database prints a float. */
#include "store_priv.h"

#include "../scanner/core/err.h"

#include <openssl/evp.h>

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

/* Columns whose values are numbers: hashed as one fixed format. */
static bool numeric(const char *col)
{
    return strcmp(col, "score") == 0 || strcmp(col, "score_unwaived") == 0;
}

struct hasher {
    EVP_MD_CTX *md;
    const char *const *cols;
    size_t ncols;
    size_t rows;
};

static int put(struct hasher *h, const void *p, size_t n)
{
    return EVP_DigestUpdate(h->md, p, n) == 1 ? FS_OK : FS_ERR_NOMEM;
}

static int hash_row(void *ud, size_t n, const char *const *v)
{
    struct hasher *h = ud;
    int rc = FS_OK;
    if (n != h->ncols)
        return FS_ERR_INVAL;
    for (size_t i = 0; i < n && !rc; i++) {
        char num[48], head[32];
        const char *val = v[i];
        if (val && numeric(h->cols[i])) {
            snprintf(num, sizeof num, "%.4f", strtod(val, NULL));
            val = num;
        }
        if (!val) {
            rc = put(h, "N;", 2);
            continue;
        }
        size_t len = strlen(val);
        int w = snprintf(head, sizeof head, "S%zu:", len);
        rc = put(h, head, (size_t)w);
        if (!rc)
            rc = put(h, val, len);
    }
    h->rows++;
    return rc ? rc : put(h, "\n", 1);
}

static int hash_table(struct fs_store *s, struct hasher *h, const char *name,
                      const char *const *cols, size_t ncols, const char *from,
                      const char *where_order, const char *id, struct fs_buf *err)
{
    struct fs_buf sql;
    fs_buf_init(&sql, 1u << 16);
    int rc = fs_buf_adds(&sql, "SELECT ");
    for (size_t i = 0; i < ncols && !rc; i++)
        rc = fs_buf_addf(&sql, "%s%s", i ? ", " : "", cols[i]);
    if (!rc)
        rc = fs_buf_addf(&sql, " FROM %s %s", from, where_order);
    h->cols = cols;
    h->ncols = ncols;
    h->rows = 0;
    char head[64];
    int w = snprintf(head, sizeof head, "T%s\n", name);
    if (!rc)
        rc = put(h, head, (size_t)w);
    if (!rc) {
        const char *p[] = {id};
        rc = fs_db_exec(s->db, fs_buf_cstr(&sql), 1, p, hash_row, h, err);
    }
    fs_buf_dispose(&sql);
    return rc;
}

int fs_store_run_digest(struct fs_store *s, int64_t id, char *hex, struct fs_buf *err)
{
    char idt[24], order[160];
    fs_store_id_text(id, idt, sizeof idt);
    /* byte order of the text keys, whatever the database's collation */
    const char *bin = fs_db_kind(s->db) == FS_DB_SQLITE ? "COLLATE BINARY" : "COLLATE \"C\"";
    struct hasher h = {.md = EVP_MD_CTX_new()};
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;
    int rc = h.md && EVP_DigestInit_ex(h.md, EVP_sha256(), NULL) == 1 ? FS_OK : FS_ERR_NOMEM;
    if (!rc)
        rc = hash_table(s, &h, "runs", run_cols, sizeof run_cols / sizeof run_cols[0], "runs",
                        "WHERE id = $1", idt, err);
    if (!rc && h.rows != 1) {
        fs_buf_try_addf(err, "%s: no run %s", fs_db_display(s->db), idt);
        rc = FS_ERR_NOTFOUND;
    }
    if (!rc)
        rc = hash_table(s, &h, "hosts", host_cols, sizeof host_cols / sizeof host_cols[0], "hosts",
                        "WHERE run_id = $1 ORDER BY idx", idt, err);
    snprintf(order, sizeof order, "WHERE run_id = $1 ORDER BY idx, principle %s", bin);
    if (!rc)
        rc = hash_table(s, &h, "principles", principle_cols,
                        sizeof principle_cols / sizeof principle_cols[0], "host_principles", order,
                        idt, err);
    snprintf(order, sizeof order, "WHERE run_id = $1 ORDER BY idx, rule %s", bin);
    if (!rc)
        rc = hash_table(s, &h, "results", result_cols, sizeof result_cols / sizeof result_cols[0],
                        "results LEFT JOIN evidence e ON e.id = results.evidence", order, idt, err);
    if (!rc && EVP_DigestFinal_ex(h.md, md, &mdlen) != 1)
        rc = FS_ERR_NOMEM;
    for (size_t i = 0; !rc && i < mdlen && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    EVP_MD_CTX_free(h.md);
    if (rc == FS_ERR_NOMEM && !err->len)
        fs_buf_try_addf(err, "%s: out of memory", fs_db_display(s->db));
    return rc;
}
