/* SPDX-License-Identifier: Apache-2.0 */
/* Reading runs back: fleet runs (stored runs grouped by label: the shards of one inventory),
 * finding one by id, label, latest or previous, and rebuilding it as a results.json document
 * that the results loader reads as it reads a file. */
#include "store_priv.h"

#include "../scanner/core/err.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run_list {
    struct fs_run_ref *v;
    size_t n, cap;
};

static int add_ref(void *ud, size_t n, const char *const *v)
{
    struct run_list *l = ud;
    if (n < 7)
        return FS_ERR_INVAL;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        struct fs_run_ref *nv = realloc(l->v, cap * sizeof *nv);
        if (!nv)
            return FS_ERR_NOMEM;
        l->v = nv;
        l->cap = cap;
    }
    struct fs_run_ref *r = &l->v[l->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->label, sizeof r->label, "%s", v[0] ? v[0] : "");
    r->first_id = v[1] ? strtoll(v[1], NULL, 10) : 0;
    snprintf(r->started, sizeof r->started, "%s", v[2] ? v[2] : "");
    snprintf(r->finished, sizeof r->finished, "%s", v[3] ? v[3] : "");
    r->nruns = v[4] ? strtoul(v[4], NULL, 10) : 0;
    r->hosts = v[5] ? strtoul(v[5], NULL, 10) : 0;
    r->scanned = v[6] ? strtoul(v[6], NULL, 10) : 0;
    return FS_OK;
}

#define LIST_SQL                                                                                   \
    "SELECT label, min(id), min(started), max(finished), count(*), sum(hosts), sum(scanned)"       \
    " FROM runs"

int fs_store_list_runs(struct fs_store *s, struct fs_run_ref **out, size_t *n, struct fs_buf *err)
{
    struct run_list l = {0};
    int rc = fs_db_exec(s->db, LIST_SQL " GROUP BY label ORDER BY min(started), min(id)", 0, NULL,
                        add_ref, &l, err);
    if (rc) {
        free(l.v);
        l.v = NULL;
        l.n = 0;
    }
    *out = l.v;
    *n = l.n;
    return rc;
}

int fs_store_find_run(struct fs_store *s, const char *ref, struct fs_run_ref *out,
                      struct fs_buf *err)
{
    struct fs_run_ref *all = NULL;
    size_t n = 0;
    if (!ref)
        ref = "latest";
    int rc = fs_store_list_runs(s, &all, &n, err);
    if (rc)
        return rc;
    long long id = 0;
    char *end = NULL;
    if (*ref >= '0' && *ref <= '9')
        id = strtoll(ref, &end, 10);
    bool numeric = end && !*end;
    const struct fs_run_ref *hit = NULL;
    if (strcmp(ref, "latest") == 0 && n)
        hit = &all[n - 1];
    else if (strcmp(ref, "previous") == 0 && n > 1)
        hit = &all[n - 2];
    for (size_t i = 0; all && !hit && i < n; i++)
        if (strcmp(all[i].label, ref) == 0)
            hit = &all[i];
    if (!hit && numeric) {
        char label[160] = "";
        char idt[24];
        fs_store_id_text(id, idt, sizeof idt);
        const char *p[] = {idt};
        struct run_list one = {0};
        rc = fs_db_exec(s->db,
                        LIST_SQL " WHERE label = (SELECT label FROM runs WHERE id = $1)"
                                 " GROUP BY label",
                        1, p, add_ref, &one, err);
        if (!rc && one.n)
            snprintf(label, sizeof label, "%s", one.v[0].label);
        for (size_t i = 0; all && !rc && label[0] && i < n; i++)
            if (strcmp(all[i].label, label) == 0)
                hit = &all[i];
        free(one.v);
    }
    if (!rc && !hit) {
        fs_buf_try_addf(err, "%s: no stored run '%s'%s", fs_db_display(s->db), ref,
                        n ? " (see floorscan history)" : " (the store holds no run yet)");
        rc = FS_ERR_NOTFOUND;
    }
    if (!rc)
        *out = *hit;
    free(all);
    return rc;
}

/* Rebuilding a fleet run's results.json document. */
struct rebuild {
    json_t *doc;     /* the document: the first shard's top level (its hosts come one by one) */
    json_t *entries; /* the waiver register's entries (matched counts summed over shards) */
    struct fs_buf *err;
    const char *display;
    /* hosts, a shard at a time: the host rows (without results) in idx order, and the next
     * one to hand to the loader once its results are in */
    char **host_docs;
    size_t nhosts, cap, next;
    json_t *cur;  /* the host being filled with results, host_docs[next - 1] */
    size_t total; /* hosts of every shard, counted before they are read */
    struct fs_loaded *l;
    fs_store_host_fn each; /* NULL: every host kept in l; else handed over and let go */
    void *ud;
};

static int add_run_doc(void *ud, size_t n, const char *const *v)
{
    struct rebuild *rb = ud;
    json_error_t je;
    if (n < 4 || !v[0] || !v[1])
        return FS_ERR_INVAL;
    json_t *top = json_loads(v[1], 0, &je);
    if (!json_is_object(top)) {
        json_decref(top);
        fs_buf_try_addf(rb->err, "%s: run %s: stored document is not JSON: %s", rb->display, v[0],
                        je.text);
        return FS_ERR_PARSE;
    }
    if (!rb->doc) {
        rb->doc = top;
        json_object_set_new(top, "hosts", json_array());
        rb->entries = json_object_get(json_object_get(top, "waivers"), "entries");
        return FS_OK;
    }
    /* another shard: the same benchmark, tailoring and waivers, or no fleet run */
    static const char *const same[] = {"benchmark", "tailoring", "waivers"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        json_t *a = json_deep_copy(json_object_get(rb->doc, same[i]));
        json_t *b = json_deep_copy(json_object_get(top, same[i]));
        json_t *ae = json_object_get(a, "entries"), *be = json_object_get(b, "entries");
        size_t k;
        json_t *e;
        json_array_foreach(ae, k, e)
        {
            json_object_del(e, "matched");
        }
        json_array_foreach(be, k, e)
        {
            json_object_del(e, "matched");
        }
        bool eq = json_equal(a, b) || (!a && !b);
        json_decref(a);
        json_decref(b);
        if (!eq) {
            fs_buf_try_addf(rb->err,
                            "%s: the shards of this run used different %s (run %s): not one "
                            "fleet run",
                            rb->display, same[i], v[0]);
            json_decref(top);
            return FS_ERR_INVAL;
        }
    }
    size_t k;
    json_t *e;
    json_array_foreach(json_object_get(json_object_get(top, "waivers"), "entries"), k, e)
    {
        json_t *mine = json_array_get(rb->entries, k);
        json_int_t m = json_integer_value(json_object_get(mine, "matched")) +
                       json_integer_value(json_object_get(e, "matched"));
        json_object_set_new(mine, "matched", json_integer(m));
    }
    /* the fleet run spans its shards */
    const char *st = json_string_value(json_object_get(top, "started"));
    const char *fi = json_string_value(json_object_get(top, "finished"));
    const char *st0 = json_string_value(json_object_get(rb->doc, "started"));
    const char *fi0 = json_string_value(json_object_get(rb->doc, "finished"));
    if (st && st0 && strcmp(st, st0) < 0)
        json_object_set_new(rb->doc, "started", json_string(st));
    if (fi && fi0 && strcmp(fi, fi0) > 0)
        json_object_set_new(rb->doc, "finished", json_string(fi));
    json_decref(top);
    return FS_OK;
}

static int add_host_doc(void *ud, size_t n, const char *const *v)
{
    struct rebuild *rb = ud;
    if (n < 2 || !v[1])
        return FS_ERR_INVAL;
    if (rb->nhosts == rb->cap) {
        size_t cap = rb->cap ? rb->cap * 2 : 64;
        char **nv = realloc(rb->host_docs, cap * sizeof *nv);
        if (!nv)
            return FS_ERR_NOMEM;
        rb->host_docs = nv;
        rb->cap = cap;
    }
    if (!(rb->host_docs[rb->nhosts] = strdup(v[1])))
        return FS_ERR_NOMEM;
    rb->nhosts++;
    return FS_OK;
}

/* Failing since, as stored with each result, onto the loaded host. */
static void set_failing_since(struct fs_host_result *h, json_t *hj)
{
    size_t k;
    json_t *rj;
    json_array_foreach(json_object_get(hj, "results"), k, rj)
    {
        const char *since = json_string_value(json_object_get(rj, "failing_since"));
        const char *rule = json_string_value(json_object_get(rj, "rule"));
        for (size_t m = 0; since && rule && m < h->nresults; m++)
            if (strcmp(h->results[m].rule->short_id, rule) == 0)
                snprintf(h->results[m].failing_since, sizeof h->results[m].failing_since, "%s",
                         since);
    }
}

/* The host being filled is complete: loaded, and its JSON dropped; with a callback, handed
 * to it and let go. */
static int finish_host(struct rebuild *rb)
{
    if (!rb->cur)
        return FS_OK;
    int rc = fs_report_load_host(rb->l, rb->cur, rb->err);
    struct fs_host_result *h = rc ? NULL : &rb->l->hosts[rb->l->report.n - 1];
    if (h)
        set_failing_since(h, rb->cur);
    json_decref(rb->cur);
    rb->cur = NULL;
    if (h && rb->each)
        rc = rb->each(rb->ud, rb->l, h);
    if (rb->each)
        fs_report_load_drop(rb->l);
    return rc;
}

/* Makes host row i (in idx order) the one being filled, finishing the ones before it. */
static int open_host(struct rebuild *rb, size_t idx)
{
    json_error_t je;
    while (rb->next <= idx) {
        int rc = finish_host(rb);
        if (rc)
            return rc;
        if (rb->next >= rb->nhosts)
            return FS_ERR_INVAL;
        rb->cur = json_loads(rb->host_docs[rb->next], 0, &je);
        free(rb->host_docs[rb->next]);
        rb->host_docs[rb->next++] = NULL;
        if (!json_is_object(rb->cur)) {
            json_decref(rb->cur);
            rb->cur = NULL;
            fs_buf_try_addf(rb->err, "%s: a stored host is not JSON: %s", rb->display, je.text);
            return FS_ERR_PARSE;
        }
        if (json_object_set_new(rb->cur, "results", json_array()) != 0)
            return FS_ERR_NOMEM;
    }
    return FS_OK;
}

static int add_result(void *ud, size_t n, const char *const *v)
{
    struct rebuild *rb = ud;
    if (n < 8 || !v[0] || !v[1] || !v[2])
        return FS_ERR_INVAL;
    size_t idx = strtoul(v[0], NULL, 10);
    if (idx + 1 < rb->next) /* rows come in idx order */
        return FS_ERR_INVAL;
    int rc = open_host(rb, idx);
    if (rc)
        return rc;
    json_t *w =
        v[5] ? json_pack("{s:I}", "line", (json_int_t)strtoll(v[5], NULL, 10)) : json_null();
    json_t *r =
        json_pack("{s:s, s:s, s:s, s:s?, s:s, s:o, s:o}", "rule", v[1], "status", v[2], "severity",
                  v[3] ? v[3] : "unknown", "principle", v[4], "evidence", v[6] ? v[6] : "",
                  "waiver", w, "failing_since", v[7] ? json_string(v[7]) : json_null());
    return r && json_array_append_new(json_object_get(rb->cur, "results"), r) == 0 ? FS_OK
                                                                                   : FS_ERR_NOMEM;
}

static void drop_host_docs(struct rebuild *rb)
{
    for (size_t i = 0; i < rb->nhosts; i++)
        free(rb->host_docs[i]);
    rb->nhosts = rb->next = 0;
    json_decref(rb->cur);
    rb->cur = NULL;
}

static int count_hosts(void *ud, size_t n, const char *const *v)
{
    struct rebuild *rb = ud;
    if (!n || !v[0])
        return FS_ERR_INVAL;
    rb->total += strtoul(v[0], NULL, 10);
    return FS_OK;
}

struct ids {
    int64_t v[4096];
    size_t n;
};

static int add_id(void *ud, size_t n, const char *const *v)
{
    struct ids *ids = ud;
    if (!n || !v[0])
        return FS_ERR_INVAL;
    if (ids->n == sizeof ids->v / sizeof ids->v[0])
        return FS_ERR_LIMIT;
    ids->v[ids->n++] = strtoll(v[0], NULL, 10);
    return FS_OK;
}

/* One shard's hosts into the loader, a host at a time (results come ordered by host). */
static int load_shard_hosts(struct fs_store *s, struct rebuild *rb, const char *idt)
{
    const char *p[] = {idt};
    int rc = fs_db_exec(s->db, "SELECT idx, doc FROM hosts WHERE run_id = $1 ORDER BY idx", 1, p,
                        add_host_doc, rb, rb->err);
    if (!rc)
        rc = fs_db_exec(s->db,
                        "SELECT r.idx, r.rule, r.status, r.severity, r.principle,"
                        " r.waiver_line, e.text, r.failing_since FROM results r LEFT JOIN"
                        " evidence e ON e.id = r.evidence WHERE r.run_id = $1 ORDER BY r.idx",
                        1, p, add_result, rb, rb->err);
    /* the hosts after the last one with results (a host with none) */
    if (!rc && rb->nhosts)
        rc = open_host(rb, rb->nhosts - 1);
    if (!rc)
        rc = finish_host(rb);
    drop_host_docs(rb);
    return rc;
}

/* A fleet run (every shard stored under its label) rebuilt and read by the results loader a
 * host at a time: the run's top level first (over all shards), then each shard's hosts. The
 * whole run never sits in memory as one JSON document; with each, nor as loaded hosts. */
static int rebuild_run(struct fs_store *s, const struct fs_run_ref *ref, const char *benchmark,
                       const char *tailoring, fs_store_host_fn each, void *ud,
                       struct fs_loaded **out, struct fs_buf *err)
{
    struct rebuild rb = {.err = err, .display = fs_db_display(s->db), .each = each, .ud = ud};
    struct ids *ids = calloc(1, sizeof *ids);
    const char *lp[] = {ref->label};
    char name[600];
    snprintf(name, sizeof name, "%s run '%s'", fs_db_display(s->db), ref->label);
    *out = NULL;
    int rc = !ids ? FS_ERR_NOMEM : fs_db_begin(s->db, false, err);
    bool began = rc == FS_OK;
    if (rc)
        goto out;
    rc = fs_db_exec(s->db, "SELECT id FROM runs WHERE label = $1 ORDER BY id", 1, lp, add_id, ids,
                    err);
    for (size_t i = 0; i < ids->n && !rc; i++) {
        char idt[24];
        fs_store_id_text(ids->v[i], idt, sizeof idt);
        const char *p[] = {idt};
        if (!(rc = fs_db_exec(s->db, "SELECT id, doc, started, finished FROM runs WHERE id = $1", 1,
                              p, add_run_doc, &rb, err)))
            rc = fs_db_exec(s->db, "SELECT count(*) FROM hosts WHERE run_id = $1", 1, p,
                            count_hosts, &rb, err);
    }
    if (!rc && !rb.doc) {
        fs_buf_try_addf(err, "%s: no stored run labelled '%s'", rb.display, ref->label);
        rc = FS_ERR_NOTFOUND;
    }
    if (!rc && each)
        rc = fs_report_load_top_each(&rb.l, rb.doc, rb.total, name, benchmark, tailoring, err);
    else if (!rc)
        rc = fs_report_load_top(&rb.l, rb.doc, rb.total, name, benchmark, tailoring, err);
    for (size_t i = 0; i < ids->n && !rc; i++) {
        char idt[24];
        fs_store_id_text(ids->v[i], idt, sizeof idt);
        rc = load_shard_hosts(s, &rb, idt);
    }
    if (!rc)
        rc = fs_report_load_end(rb.l, err);
out:
    if (began)
        fs_db_rollback(s->db);
    if (rc == FS_ERR_INVAL && !err->len)
        fs_buf_try_addf(err, "%s: run '%s': a stored row is incomplete", rb.display, ref->label);
    drop_host_docs(&rb);
    free(rb.host_docs);
    json_decref(rb.doc);
    free(ids);
    if (rc) {
        fs_loaded_free(rb.l);
        return rc;
    }
    *out = rb.l;
    return FS_OK;
}

int fs_store_load_run(struct fs_store *s, const struct fs_run_ref *ref, const char *benchmark,
                      const char *tailoring, struct fs_loaded **out, struct fs_buf *err)
{
    return rebuild_run(s, ref, benchmark, tailoring, NULL, NULL, out, err);
}

int fs_store_each_host(struct fs_store *s, const struct fs_run_ref *ref, const char *benchmark,
                       const char *tailoring, fs_store_host_fn each, void *ud,
                       struct fs_loaded **top, struct fs_buf *err)
{
    return rebuild_run(s, ref, benchmark, tailoring, each, ud, top, err);
}

/* Host names of a fleet run. */
static int add_name(void *ud, size_t n, const char *const *v)
{
    json_t *set = ud;
    return n && v[0] && json_object_set_new(set, v[0], json_true()) == 0 ? FS_OK : FS_ERR_NOMEM;
}

int fs_store_find_previous(struct fs_store *s, const char *before, int64_t before_id,
                           const struct fs_host_result *hosts, size_t n, struct fs_run_ref *out,
                           struct fs_buf *err)
{
    struct fs_run_ref *all = NULL;
    size_t nall = 0;
    int rc = fs_store_list_runs(s, &all, &nall, err);
    const struct fs_run_ref *same = NULL, *overlap = NULL;
    /* newest first; a fleet run that overlaps is enough, one with the same hosts is better */
    for (size_t i = nall, seen = 0; !rc && i-- > 0 && !same && seen < 200; seen++) {
        int c = strcmp(all[i].started, before);
        if (c > 0 || (c == 0 && all[i].first_id >= before_id))
            continue;
        json_t *set = json_object();
        const char *p[] = {all[i].label};
        rc = !set ? FS_ERR_NOMEM
                  : fs_db_exec(s->db,
                               "SELECT DISTINCT h.name FROM hosts h JOIN runs r ON r.id ="
                               " h.run_id WHERE r.label = $1",
                               1, p, add_name, set, err);
        size_t common = 0;
        for (size_t k = 0; !rc && k < n; k++)
            common += json_object_get(set, hosts[k].host->name) != NULL;
        if (!rc && common && !overlap)
            overlap = &all[i];
        if (!rc && common == n && json_object_size(set) == n)
            same = &all[i];
        json_decref(set);
    }
    const struct fs_run_ref *hit = same ? same : overlap;
    if (!rc && !hit) {
        fs_buf_try_addf(err, "%s: no earlier run of these hosts", fs_db_display(s->db));
        rc = FS_ERR_NOTFOUND;
    }
    if (!rc)
        *out = *hit;
    free(all);
    return rc;
}

static int fill_record(void *ud, size_t n, const char *const *v)
{
    struct fs_stored_run *o = ud;
    if (n < 4)
        return FS_ERR_INVAL;
    o->id = v[0] ? strtoll(v[0], NULL, 10) : 0;
    snprintf(o->label, sizeof o->label, "%s", v[1] ? v[1] : "");
    snprintf(o->content_sha256, sizeof o->content_sha256, "%s", v[2] ? v[2] : "");
    snprintf(o->prev_sha256, sizeof o->prev_sha256, "%s", v[3] ? v[3] : "");
    return FS_OK;
}

int fs_store_run_record(struct fs_store *s, int64_t id, struct fs_stored_run *out,
                        struct fs_buf *err)
{
    char idt[24];
    fs_store_id_text(id, idt, sizeof idt);
    const char *p[] = {idt};
    memset(out, 0, sizeof *out);
    int rc =
        fs_db_exec(s->db, "SELECT id, label, content_sha256, prev_sha256 FROM runs WHERE id = $1",
                   1, p, fill_record, out, err);
    if (!rc && !out->id) {
        fs_buf_try_addf(err, "%s: no run %s", fs_db_display(s->db), idt);
        rc = FS_ERR_NOTFOUND;
    }
    return rc;
}
