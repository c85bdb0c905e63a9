/* SPDX-License-Identifier: Apache-2.0 */
/* history verify: every stored run's content digest recomputed from its rows, and the chain
 * (each run records its predecessor's digest; ids have no gaps) checked. */
#include "store_priv.h"

#include "../scanner/core/err.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chain_row {
    int64_t id;
    char content[FS_SHA256_HEX], prev[FS_SHA256_HEX];
};

struct chain {
    struct chain_row *v;
    size_t n, cap;
};

static int add_chain(void *ud, size_t n, const char *const *v)
{
    struct chain *c = ud;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        struct chain_row *nv = realloc(c->v, cap * sizeof *nv);
        if (!nv)
            return FS_ERR_NOMEM;
        c->v = nv;
        c->cap = cap;
    }
    struct chain_row *r = &c->v[c->n++];
    r->id = n > 0 && v[0] ? strtoll(v[0], NULL, 10) : 0;
    snprintf(r->content, sizeof r->content, "%s", n > 1 && v[1] ? v[1] : "");
    snprintf(r->prev, sizeof r->prev, "%s", n > 2 && v[2] ? v[2] : "");
    return FS_OK;
}

static int problem(struct fs_verify_problem **p, size_t *n, int64_t id, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int problem(struct fs_verify_problem **p, size_t *n, int64_t id, const char *fmt, ...)
{
    struct fs_verify_problem *np = realloc(*p, (*n + 1) * sizeof *np);
    if (!np)
        return FS_ERR_NOMEM;
    *p = np;
    np[*n].run_id = id;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(np[*n].what, sizeof np[*n].what, fmt, ap);
    va_end(ap);
    (*n)++;
    return FS_OK;
}

int fs_store_verify(struct fs_store *s, struct fs_verify_problem **problems, size_t *nproblems,
                    size_t *nruns, char *head, struct fs_buf *err)
{
    struct chain c = {0};
    *problems = NULL;
    *nproblems = 0;
    *nruns = 0;
    head[0] = '\0';
    int rc = fs_db_begin(s->db, false, err);
    if (!rc)
        rc = fs_db_exec(s->db, "SELECT id, content_sha256, prev_sha256 FROM runs ORDER BY id", 0,
                        NULL, add_chain, &c, err);
    int64_t expect = 1;
    const char *prev = FS_STORE_ZERO_SHA256;
    for (size_t i = 0; i < c.n && !rc; i++) {
        struct chain_row *r = &c.v[i];
        char now[FS_SHA256_HEX];
        if (r->id > expect)
            rc = r->id - 1 == expect ? problem(problems, nproblems, expect,
                                               "removed (run %" PRId64
                                               " records a predecessor that is not in the store)",
                                               r->id)
                                     : problem(problems, nproblems, expect,
                                               "removed, with every run up to %" PRId64, r->id - 1);
        if (!rc && (rc = fs_store_run_digest(s, r->id, now, err)))
            break;
        if (!rc && strcmp(now, r->content) != 0)
            rc = problem(problems, nproblems, r->id,
                         "altered: its rows give content SHA-256 %.16s..., the chain recorded "
                         "%.16s...",
                         now, r->content);
        if (!rc && strcmp(r->prev, prev) != 0 && r->id == expect)
            rc = problem(problems, nproblems, r->id - 1,
                         "altered: run %" PRId64 " recorded its SHA-256 as %.16s..., the store "
                         "now holds %.16s...",
                         r->id, r->prev, prev);
        prev = r->content;
        expect = r->id + 1;
        (*nruns)++;
    }
    if (!rc && c.n)
        snprintf(head, FS_SHA256_HEX, "%s", c.v[c.n - 1].content);
    fs_db_rollback(s->db);
    free(c.v);
    if (rc) {
        free(*problems);
        *problems = NULL;
        *nproblems = 0;
    }
    return rc;
}
