/* SPDX-License-Identifier: Apache-2.0 */
/* failing since: for each failed result, the start of the first stored run of its current
 * failing streak. The newest earlier result of the same host and rule decides: a fail carries
 * its own failing_since on; a pass or any other judged status ends the streak; runs in which
 * the rule was not judged (host not reached, error, unknown, not checked) are passed over. */
#include "store_priv.h"

#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statuses that say nothing about whether the rule holds. */
static bool unjudged(const char *status)
{
    return strcmp(status, "error") == 0 || strcmp(status, "unknown") == 0 ||
           strcmp(status, "notchecked") == 0;
}

struct host_rows {
    char (*run)[24];
    char (*idx)[24];
    size_t n, cap;
};

static int add_host_row(void *ud, size_t n, const char *const *v)
{
    struct host_rows *h = ud;
    if (n < 2 || !v[0] || !v[1])
        return FS_OK;
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 16;
        char(*nr)[24] = realloc(h->run, cap * sizeof *nr);
        if (!nr)
            return FS_ERR_NOMEM;
        h->run = nr;
        char(*ni)[24] = realloc(h->idx, cap * sizeof *ni);
        if (!ni)
            return FS_ERR_NOMEM;
        h->idx = ni;
        h->cap = cap;
    }
    snprintf(h->run[h->n], 24, "%s", v[0]);
    snprintf(h->idx[h->n], 24, "%s", v[1]);
    h->n++;
    return FS_OK;
}

struct resolve {
    struct fs_host_result *h;
    bool *done;
    size_t left;
};

/* One earlier result row (rule, status, failing_since): decides each open rule once. */
static int resolve_row(void *ud, size_t n, const char *const *v)
{
    struct resolve *r = ud;
    if (n < 3 || !v[0] || !v[1] || unjudged(v[1]))
        return FS_OK;
    for (size_t i = 0; i < r->h->nresults; i++) {
        struct fs_rule_result *rr = &r->h->results[i];
        if (r->done[i] || strcmp(rr->rule->short_id, v[0]) != 0)
            continue;
        r->done[i] = true;
        r->left--;
        if (strcmp(v[1], "fail") == 0 && v[2] && *v[2])
            snprintf(rr->failing_since, sizeof rr->failing_since, "%s", v[2]);
        break;
    }
    return FS_OK;
}

static int host_since(struct fs_store *s, struct fs_host_result *h, const char *started,
                      struct fs_buf *err)
{
    struct host_rows rows = {0};
    struct resolve r = {.h = h};
    for (size_t i = 0; i < h->nresults; i++) {
        h->results[i].failing_since[0] = '\0';
        if (h->results[i].result == FS_RESULT_FAIL) {
            snprintf(h->results[i].failing_since, sizeof h->results[i].failing_since, "%s",
                     started);
            r.left++;
        }
    }
    if (!r.left)
        return FS_OK;
    if (!(r.done = calloc(h->nresults, sizeof *r.done)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < h->nresults; i++)
        r.done[i] = h->results[i].result != FS_RESULT_FAIL;
    const char *p[] = {h->host->name, started};
    int rc = fs_db_exec(s->db,
                        "SELECT h.run_id, h.idx FROM hosts h JOIN runs r ON r.id = h.run_id"
                        " WHERE h.name = $1 AND r.started <= $2 ORDER BY r.started DESC,"
                        " h.run_id DESC",
                        2, p, add_host_row, &rows, err);
    for (size_t k = 0; k < rows.n && r.left && !rc; k++) {
        const char *q[] = {rows.run[k], rows.idx[k]};
        rc = fs_db_exec(s->db,
                        "SELECT rule, status, failing_since FROM results WHERE run_id = $1 AND"
                        " idx = $2",
                        2, q, resolve_row, &r, err);
    }
    free(rows.run);
    free(rows.idx);
    free(r.done);
    return rc;
}

int fs_store_failing_since(struct fs_store *s, struct fs_host_result *hosts, size_t n,
                           const char *started, struct fs_buf *err)
{
    int rc = fs_db_begin(s->db, false, err);
    for (size_t i = 0; i < n && !rc; i++)
        if (hosts[i].evaluated)
            rc = host_since(s, &hosts[i], started, err);
    fs_db_rollback(s->db);
    return rc;
}
