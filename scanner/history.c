/* SPDX-License-Identifier: Apache-2.0 */
/* Scores over time read from the history store (history.h): three queries at most, grouped
 * in one pass in C, so 52 weekly runs of 500 hosts take well under a second. */
#include "history.h"
#include "core/err.h"
#include "core/util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *const by_names[] = {"runs", "host", "principle", "role", "zone"};

bool fs_history_by_parse(const char *s, enum fs_history_by *by)
{
    for (size_t i = 1; i < sizeof by_names / sizeof by_names[0]; i++) {
        if (strcmp(s, by_names[i]) == 0) {
            *by = (enum fs_history_by)i;
            return true;
        }
    }
    return false;
}

const char *fs_history_by_name(enum fs_history_by by)
{
    return (unsigned)by < sizeof by_names / sizeof by_names[0] ? by_names[by] : "runs";
}

bool fs_history_date_valid(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = (int)strtol(s, NULL, 10), m = (int)strtol(s + 5, NULL, 10),
        d = (int)strtol(s + 8, NULL, 10);
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    return m != 2 || d <= (leap ? 29 : 28);
}

/* A stored run (shard) as the runs query returns it. */
struct stored {
    int64_t id;
    char label[128];
    char started[32];
    int64_t gid;  /* the id of its fleet run (the lowest of its label) */
    size_t group; /* index into runs once grouped */
};

struct cell {
    double sum;
    unsigned n;
};

struct acc {
    double sum, usum;
    unsigned n, un;
};

struct hostref {
    int64_t run_id, idx;
    size_t run;
};

static int cmp_ref(const void *a, const void *b)
{
    const struct hostref *x = a, *y = b;
    if (x->run_id != y->run_id)
        return (x->run_id > y->run_id) - (x->run_id < y->run_id);
    return (x->idx > y->idx) - (x->idx < y->idx);
}

struct load {
    const struct fs_history_opts *o;
    char **pats; /* the limit, split */
    size_t npats;
    struct stored *st; /* sorted by id once grouped */
    size_t nst, capst;
    struct fs_history *h;
    struct acc *acc; /* per run */
    /* series under construction: key -> index by an open-addressing hash */
    char **keys;
    struct cell **cells; /* per series, nruns cells */
    size_t nkeys, capkeys;
    size_t *slots; /* index + 1, 0 = empty */
    size_t nslots;
    /* --by principle: the hosts kept (window and limit), by (run_id, idx) */
    struct hostref *refs;
    size_t nrefs, caprefs;
};

static int64_t to_i64(const char *s)
{
    return s ? strtoll(s, NULL, 10) : 0;
}

static int add_stored(void *ud, size_t ncols, const char *const *v)
{
    struct load *l = ud;
    if (ncols < 3)
        return FS_ERR_PARSE;
    if (l->nst == l->capst) {
        size_t cap = l->capst ? 2 * l->capst : 64;
        struct stored *p = realloc(l->st, cap * sizeof *p);
        if (!p)
            return FS_ERR_NOMEM;
        l->st = p;
        l->capst = cap;
    }
    struct stored *s = &l->st[l->nst++];
    s->id = to_i64(v[0]);
    if (v[1])
        snprintf(s->label, sizeof s->label, "%s", v[1]);
    else
        snprintf(s->label, sizeof s->label, "run-%" PRId64, s->id);
    snprintf(s->started, sizeof s->started, "%s", v[2] ? v[2] : "");
    return 0;
}

static int cmp_label(const void *a, const void *b)
{
    const struct stored *x = a, *y = b;
    int c = strcmp(x->label, y->label);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int cmp_id(const void *a, const void *b)
{
    const struct stored *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_run(const void *a, const void *b)
{
    const struct fs_history_run *x = a, *y = b;
    int c = strcmp(x->started, y->started);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

#define DROPPED SIZE_MAX

/* Groups the stored runs by label into fleet runs, keeps those of the window (oldest first)
 * and maps every stored run to its fleet run (DROPPED when outside the window). */
static int group_runs(struct load *l)
{
    struct fs_history *h = l->h;
    qsort(l->st, l->nst, sizeof *l->st, cmp_label);
    h->runs = calloc(l->nst ? l->nst : 1, sizeof *h->runs);
    if (!h->runs)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < l->nst; i++) {
        struct stored *s = &l->st[i];
        if (!h->nruns || strcmp(h->runs[h->nruns - 1].label, s->label) != 0) {
            struct fs_history_run *r = &h->runs[h->nruns++];
            r->id = s->id;
            memcpy(r->label, s->label, sizeof r->label);
            memcpy(r->started, s->started, sizeof r->started);
        } else if (strcmp(s->started, h->runs[h->nruns - 1].started) < 0) {
            memcpy(h->runs[h->nruns - 1].started, s->started, sizeof s->started);
        }
        s->gid = h->runs[h->nruns - 1].id;
    }
    size_t w = 0;
    for (size_t i = 0; i < h->nruns; i++)
        if (!l->o->since || strcmp(h->runs[i].started, l->o->since) >= 0)
            h->runs[w++] = h->runs[i];
    h->nruns = w;
    qsort(h->runs, h->nruns, sizeof *h->runs, cmp_run);
    /* fleet run id -> its place in the window, by binary search */
    struct stored *pos = calloc(h->nruns ? h->nruns : 1, sizeof *pos);
    if (!pos)
        return FS_ERR_NOMEM;
    for (size_t k = 0; k < h->nruns; k++) {
        pos[k].id = h->runs[k].id;
        pos[k].group = k;
    }
    qsort(pos, h->nruns, sizeof *pos, cmp_id);
    for (size_t i = 0; i < l->nst; i++) {
        struct stored key = {.id = l->st[i].gid};
        const struct stored *p = bsearch(&key, pos, h->nruns, sizeof *pos, cmp_id);
        l->st[i].group = p ? p->group : DROPPED;
    }
    free(pos);
    qsort(l->st, l->nst, sizeof *l->st, cmp_id);
    l->acc = calloc(h->nruns ? h->nruns : 1, sizeof *l->acc);
    return l->acc ? FS_OK : FS_ERR_NOMEM;
}

static size_t run_of(const struct load *l, const char *id_text)
{
    struct stored key = {.id = to_i64(id_text)};
    const struct stored *s = bsearch(&key, l->st, l->nst, sizeof *l->st, cmp_id);
    return s ? s->group : DROPPED;
}

static bool kept(const struct load *l, const char *name, const char *role, const char *zone)
{
    if (!l->npats)
        return true;
    for (size_t i = 0; i < l->npats; i++)
        if ((name && fs_glob_match(l->pats[i], name)) ||
            (role && fs_glob_match(l->pats[i], role)) || (zone && fs_glob_match(l->pats[i], zone)))
            return true;
    return false;
}

static uint64_t hash(const char *s)
{
    uint64_t x = 1469598103934665603u;
    for (; *s; s++)
        x = (x ^ (unsigned char)*s) * 1099511628211u;
    return x;
}

static int grow_slots(struct load *l)
{
    size_t n = l->nslots ? 2 * l->nslots : 256;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < l->nkeys; i++) {
        size_t j = (size_t)hash(l->keys[i]) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = i + 1;
    }
    free(l->slots);
    l->slots = slots;
    l->nslots = n;
    return FS_OK;
}

/* Adds a score of key in fleet run run. */
static int add_point(struct load *l, const char *key, size_t run, const char *score)
{
    if (!score)
        return FS_OK;
    if (2 * (l->nkeys + 1) > l->nslots && grow_slots(l))
        return FS_ERR_NOMEM;
    size_t j = (size_t)hash(key) & (l->nslots - 1);
    while (l->slots[j] && strcmp(l->keys[l->slots[j] - 1], key) != 0)
        j = (j + 1) & (l->nslots - 1);
    if (!l->slots[j]) {
        if (l->nkeys == l->capkeys) {
            size_t cap = l->capkeys ? 2 * l->capkeys : 64;
            char **k = realloc(l->keys, cap * sizeof *k);
            if (k)
                l->keys = k;
            struct cell **c = k ? realloc(l->cells, cap * sizeof(struct cell *)) : NULL;
            if (!c)
                return FS_ERR_NOMEM;
            l->cells = c;
            l->capkeys = cap;
        }
        char *k = strdup(key);
        struct cell *c = calloc(l->h->nruns, sizeof *c);
        if (!k || !c) {
            free(k);
            free(c);
            return FS_ERR_NOMEM;
        }
        l->keys[l->nkeys] = k;
        l->cells[l->nkeys] = c;
        l->slots[j] = ++l->nkeys;
    }
    struct cell *c = &l->cells[l->slots[j] - 1][run];
    c->sum += strtod(score, NULL);
    c->n++;
    return FS_OK;
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "-";
}

static int add_ref(struct load *l, const char *run_id, const char *idx, size_t run)
{
    if (l->nrefs == l->caprefs) {
        size_t cap = l->caprefs ? 2 * l->caprefs : 256;
        struct hostref *p = realloc(l->refs, cap * sizeof *p);
        if (!p)
            return FS_ERR_NOMEM;
        l->refs = p;
        l->caprefs = cap;
    }
    l->refs[l->nrefs++] = (struct hostref){to_i64(run_id), to_i64(idx), run};
    return FS_OK;
}

/* hosts: run_id, name, role, zone, status, score, score_unwaived, fail, idx */
static int add_host(void *ud, size_t ncols, const char *const *v)
{
    struct load *l = ud;
    if (ncols < 9)
        return FS_ERR_PARSE;
    size_t run = run_of(l, v[0]);
    if (run == DROPPED || !kept(l, v[1], v[2], v[3]))
        return 0;
    struct fs_history_run *r = &l->h->runs[run];
    struct acc *a = &l->acc[run];
    r->hosts++;
    if (v[4] && strcmp(v[4], "scanned") == 0)
        r->scanned++;
    r->failed += v[7] ? strtoul(v[7], NULL, 10) : 0;
    if (v[5]) {
        a->sum += strtod(v[5], NULL);
        a->n++;
    }
    if (v[6]) {
        a->usum += strtod(v[6], NULL);
        a->un++;
    }
    switch (l->o->by) {
    case FS_HISTORY_HOST:
        return add_point(l, or_dash(v[1]), run, v[5]);
    case FS_HISTORY_ROLE:
        return add_point(l, or_dash(v[2]), run, v[5]);
    case FS_HISTORY_ZONE:
        return add_point(l, or_dash(v[3]), run, v[5]);
    case FS_HISTORY_PRINCIPLE:
        return add_ref(l, v[0], v[8], run);
    default:
        return 0;
    }
}

/* host_principles: run_id, idx, principle, score; joined here with the hosts kept (a join in
 * SQL reads every host row, doc and all, again: ten times slower on SQLite). */
static int add_principle(void *ud, size_t ncols, const char *const *v)
{
    struct load *l = ud;
    if (ncols < 4)
        return FS_ERR_PARSE;
    struct hostref key = {.run_id = to_i64(v[0]), .idx = to_i64(v[1])};
    const struct hostref *h = bsearch(&key, l->refs, l->nrefs, sizeof *l->refs, cmp_ref);
    return h ? add_point(l, or_dash(v[2]), h->run, v[3]) : 0;
}

static int cmp_series(const void *a, const void *b)
{
    return strcmp(((const struct fs_history_series *)a)->key,
                  ((const struct fs_history_series *)b)->key);
}

static int finish(struct load *l)
{
    struct fs_history *h = l->h;
    for (size_t i = 0; i < h->nruns; i++) {
        const struct acc *a = &l->acc[i];
        if ((h->runs[i].has_score = a->n > 0))
            h->runs[i].score = a->sum / a->n;
        if ((h->runs[i].has_unwaived = a->un > 0))
            h->runs[i].score_unwaived = a->usum / a->un;
    }
    h->series = calloc(l->nkeys ? l->nkeys : 1, sizeof *h->series);
    if (!h->series)
        return FS_ERR_NOMEM;
    for (size_t k = 0; k < l->nkeys; k++) {
        struct fs_history_series *s = &h->series[h->nseries++];
        s->key = l->keys[k];
        l->keys[k] = NULL;
        s->score = calloc(h->nruns ? h->nruns : 1, sizeof *s->score);
        s->has = calloc(h->nruns ? h->nruns : 1, sizeof *s->has);
        if (!s->score || !s->has)
            return FS_ERR_NOMEM;
        for (size_t i = 0; i < h->nruns; i++) {
            const struct cell *c = &l->cells[k][i];
            if ((s->has[i] = c->n > 0))
                s->score[i] = c->sum / c->n;
        }
    }
    qsort(h->series, h->nseries, sizeof *h->series, cmp_series);
    return FS_OK;
}

static int split_limit(struct load *l)
{
    if (!l->o->limit)
        return FS_OK;
    size_t n = 1;
    for (const char *p = l->o->limit; *p; p++)
        n += *p == ',';
    l->pats = calloc(n, sizeof *l->pats);
    if (!l->pats)
        return FS_ERR_NOMEM;
    const char *p = l->o->limit;
    for (;;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, ",");
        while (len && p[len - 1] == ' ')
            len--;
        if (len && !(l->pats[l->npats++] = strndup(p, len)))
            return FS_ERR_NOMEM;
        p += strcspn(p, ",");
        if (!*p++)
            break;
    }
    return FS_OK;
}

int fs_history_load(struct fs_store *s, const struct fs_history_opts *o, struct fs_history **out,
                    struct fs_buf *err)
{
    struct load l = {.o = o};
    int rc = FS_ERR_NOMEM;
    *out = NULL;
    if (!(l.h = calloc(1, sizeof *l.h)))
        goto out;
    l.h->by = o->by;
    if ((rc = split_limit(&l)))
        goto out;
    /* One read transaction: the runs and their hosts from one snapshot. */
    if ((rc = fs_db_begin(s->db, false, err)))
        goto out;
    rc = fs_db_exec(s->db, "SELECT id, label, started FROM runs", 0, NULL, add_stored, &l, err);
    if (!rc)
        rc = group_runs(&l);
    if (!rc)
        rc = fs_db_exec(s->db,
                        "SELECT run_id, name, role, zone, status, score, score_unwaived, fail, "
                        "idx FROM hosts",
                        0, NULL, add_host, &l, err);
    if (!rc && o->by == FS_HISTORY_PRINCIPLE) {
        qsort(l.refs, l.nrefs, sizeof *l.refs, cmp_ref);
        rc = fs_db_exec(s->db, "SELECT run_id, idx, principle, score FROM host_principles", 0, NULL,
                        add_principle, &l, err);
    }
    fs_db_rollback(s->db);
    if (rc == FS_ERR_PARSE && !err->len)
        fs_buf_try_adds(err, "DB: unexpected columns in the history tables");
    if (!rc)
        rc = finish(&l);
    if (!rc) {
        *out = l.h;
        l.h = NULL;
    }
out:
    if (rc == FS_ERR_NOMEM && !err->len)
        fs_buf_try_adds(err, "out of memory reading the history");
    for (size_t i = 0; i < l.npats; i++)
        free(l.pats[i]);
    free(l.pats);
    for (size_t i = 0; i < l.nkeys; i++) {
        free(l.keys[i]);
        free(l.cells[i]);
    }
    free(l.keys);
    free(l.cells);
    free(l.slots);
    free(l.refs);
    free(l.st);
    free(l.acc);
    fs_history_free(l.h);
    return rc;
}

void fs_history_free(struct fs_history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->nseries; i++) {
        free(h->series[i].key);
        free(h->series[i].score);
        free(h->series[i].has);
    }
    free(h->series);
    free(h->runs);
    free(h);
}
