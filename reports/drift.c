/* SPDX-License-Identifier: Apache-2.0 */
/* What changed between two fleet results (see drift.h): b indexed by host name, a's hosts
 * compared one at a time as they come, the lists sorted at the end. */
#include "drift.h"
#include "../scanner/core/err.h"
#include "../store/store.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable array of elements of size sz. */
struct vec {
    void *v;
    size_t n, cap, sz;
};

static void *vec_push(struct vec *x)
{
    if (x->n == x->cap) {
        size_t nc = x->cap ? x->cap * 2 : 8;
        void *p = realloc(x->v, nc * x->sz);
        if (!p)
            return NULL;
        x->v = p;
        x->cap = nc;
    }
    void *e = (char *)x->v + x->n * x->sz;
    memset(e, 0, x->sz);
    x->n++;
    return e;
}

static void vec_sort(struct vec *x, int (*cmp)(const void *, const void *))
{
    if (x->n)
        qsort(x->v, x->n, x->sz, cmp);
}

static const char *name_of(const struct fs_host_result *h)
{
    return h->host && h->host->name ? h->host->name : "";
}

/* A host's results are sorted through these (a pointer each). */
struct rref {
    const struct fs_rule_result *r;
};

static int cmp_result(const void *x, const void *y)
{
    return strcmp(((const struct rref *)x)->r->rule->short_id,
                  ((const struct rref *)y)->r->rule->short_id);
}

static struct rref *sorted_results(const struct fs_host_result *h)
{
    struct rref *v = calloc(h->nresults ? h->nresults : 1, sizeof *v);
    for (size_t i = 0; v && i < h->nresults; i++)
        v[i].r = &h->results[i];
    if (v && h->nresults)
        qsort(v, h->nresults, sizeof *v, cmp_result);
    return v;
}

static bool is_error(enum fs_result r)
{
    return r == FS_RESULT_ERROR || r == FS_RESULT_UNKNOWN;
}

static char *dup(const char *s)
{
    return strdup(s ? s : "");
}

static void side(struct fs_drift_side *s, const struct fs_report *r)
{
    snprintf(s->started, sizeof s->started, "%s", r->started);
    if (r->stored) {
        s->stored = true;
        s->id = r->stored->id;
        snprintf(s->label, sizeof s->label, "%s", r->stored->label);
    }
}

struct acc {
    struct vec nf, fixed, errors, evidence, new_hosts, vanished, host_status, waivers, scores;
};

/* A rule row: a's result oa (NULL when the rule was not evaluated in a), b's result ob. */
static int add_rule(struct vec *x, const struct fs_host_result *hb, const struct fs_rule_result *oa,
                    const struct fs_rule_result *ob)
{
    struct fs_drift_rule *e = vec_push(x);
    if (!e)
        return FS_ERR_NOMEM;
    e->host = dup(name_of(hb));
    e->rule = dup(ob->rule->short_id);
    e->severity = ob->rule->severity;
    e->has_old = oa != NULL;
    e->old_status = oa ? oa->result : FS_RESULT_NOTSELECTED;
    e->new_status = ob->result;
    e->old_evidence = dup(oa ? oa->evidence : "");
    e->new_evidence = dup(ob->evidence);
    e->waived = ob->waiver != NULL;
    if (ob->result == FS_RESULT_FAIL)
        snprintf(e->failing_since, sizeof e->failing_since, "%s", ob->failing_since);
    return e->host && e->rule && e->old_evidence && e->new_evidence ? FS_OK : FS_ERR_NOMEM;
}

/* b's start day: the day waivers of b are judged on (its register's, else its start). */
static void start_day(const struct fs_report *b, char day[11])
{
    const char *s = b->waivers && b->waivers->judged_on[0] ? b->waivers->judged_on : b->started;
    snprintf(day, 11, "%.10s", s);
}

static bool expired_before(const struct fs_waiver *w, const char *day)
{
    return *day && strcmp(w->expires, day) < 0;
}

static int add_waiver(struct vec *x, const char *host, const char *rule, const struct fs_waiver *w,
                      enum fs_result st)
{
    struct fs_drift_waiver *e = vec_push(x);
    if (!e)
        return FS_ERR_NOMEM;
    e->host = host ? strdup(host) : NULL;
    e->rule = rule ? strdup(rule) : NULL;
    e->line = w->line;
    e->pattern = dup(w->rule);
    snprintf(e->expires, sizeof e->expires, "%s", w->expires);
    e->new_status = st;
    return (!host || e->host) && (!rule || e->rule) && e->pattern ? FS_OK : FS_ERR_NOMEM;
}

/* The rules of a host in both runs. */
static int compare_rules(struct acc *c, struct fs_drift *d, const struct fs_host_result *ha,
                         const struct fs_host_result *hb, const char *day)
{
    struct rref *ra = sorted_results(ha), *rb = sorted_results(hb);
    int rc = ra && rb ? FS_OK : FS_ERR_NOMEM;
    size_t i = 0, k = 0;
    while (rc == FS_OK && k < hb->nresults) {
        int cmp = i < ha->nresults ? strcmp(ra[i].r->rule->short_id, rb[k].r->rule->short_id) : 1;
        if (cmp < 0) {
            i++; /* in a only: the profile changed; nothing to say about it */
            continue;
        }
        const struct fs_rule_result *oa = cmp == 0 ? ra[i].r : NULL, *ob = rb[k].r;
        if (cmp == 0)
            i++;
        k++;
        enum fs_result sa = oa ? oa->result : FS_RESULT_NOTSELECTED, sb = ob->result;
        if (sb == FS_RESULT_FAIL && sa != FS_RESULT_FAIL)
            rc = add_rule(&c->nf, hb, oa, ob);
        else if (sa == FS_RESULT_FAIL && sb != FS_RESULT_FAIL && !is_error(sb))
            rc = add_rule(&c->fixed, hb, oa, ob);
        if (rc == FS_OK && oa && sa != sb && (is_error(sa) || is_error(sb)))
            rc = add_rule(&c->errors, hb, oa, ob);
        if (rc == FS_OK && sa == FS_RESULT_FAIL && sb == FS_RESULT_FAIL) {
            d->still_failing++;
            if (strcmp(oa->evidence ? oa->evidence : "", ob->evidence ? ob->evidence : "") != 0)
                rc = add_rule(&c->evidence, hb, oa, ob);
        }
        /* waived in a, not waived by the same waiver in b, because it expired before b */
        if (rc == FS_OK && oa && oa->waiver && (sb == FS_RESULT_FAIL || is_error(sb)) &&
            (!ob->waiver || ob->waiver->line != oa->waiver->line) &&
            expired_before(oa->waiver, day))
            rc = add_waiver(&c->waivers, name_of(hb), ob->rule->short_id, oa->waiver, sb);
    }
    free(ra);
    free(rb);
    return rc;
}

static int add_host(struct vec *x, const struct fs_host_result *h, enum fs_host_status old,
                    enum fs_host_status now)
{
    struct fs_drift_host *e = vec_push(x);
    if (!e)
        return FS_ERR_NOMEM;
    e->name = dup(name_of(h));
    e->old_status = old;
    e->new_status = now;
    e->error = h->error ? strdup(h->error) : NULL;
    return e->name && (!h->error || e->error) ? FS_OK : FS_ERR_NOMEM;
}

static bool score_differs(bool ha, double a, bool hb, double b)
{
    return ha != hb || (ha && fabs(round(a * 10.0) - round(b * 10.0)) >= 1.0);
}

static void fill_score(struct fs_drift_score *e, const struct fs_score *a, const struct fs_score *b)
{
    e->has_old = a->has_score;
    e->old_score = a->score;
    e->has_new = b->has_score;
    e->new_score = b->score;
    e->has_old_unwaived = a->has_unwaived;
    e->old_unwaived = a->unwaived;
    e->has_new_unwaived = b->has_unwaived;
    e->new_unwaived = b->unwaived;
}

static int compare_host(struct acc *c, struct fs_drift *d, const struct fs_host_result *ha,
                        const struct fs_host_result *hb, const char *day)
{
    int rc = FS_OK;
    d->hosts_compared++;
    if (ha->status != hb->status)
        rc = add_host(&c->host_status, hb, ha->status, hb->status);
    if (rc == FS_OK)
        rc = compare_rules(c, d, ha, hb, day);
    if (rc == FS_OK && (score_differs(ha->score.has_score, ha->score.score, hb->score.has_score,
                                      hb->score.score) ||
                        score_differs(ha->score.has_unwaived, ha->score.unwaived,
                                      hb->score.has_unwaived, hb->score.unwaived))) {
        struct fs_drift_score *e = vec_push(&c->scores);
        if (!e || !(e->host = dup(name_of(hb))))
            return FS_ERR_NOMEM;
        fill_score(e, &ha->score, &hb->score);
    }
    return rc;
}

static int cmp_rule_row(const void *x, const void *y)
{
    const struct fs_drift_rule *a = x, *b = y;
    int c = strcmp(a->host, b->host);
    return c ? c : strcmp(a->rule, b->rule);
}

static int cmp_waiver_row(const void *x, const void *y)
{
    const struct fs_drift_waiver *a = x, *b = y;
    /* register entries first (no host), then results by host and rule */
    if (!a->host != !b->host)
        return a->host ? 1 : -1;
    int c = a->host ? strcmp(a->host, b->host) : 0;
    if (!c && a->rule && b->rule)
        c = strcmp(a->rule, b->rule);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Register entries of a that applied in a and expire before b's start day. */
static int expired_entries(struct acc *c, const struct fs_report *a, const char *day)
{
    for (size_t i = 0; a->waivers && i < a->waivers->n; i++) {
        const struct fs_waiver *w = &a->waivers->w[i];
        if ((w->state == FS_WAIVER_ACTIVE || w->state == FS_WAIVER_EXPIRING) &&
            expired_before(w, day) && add_waiver(&c->waivers, NULL, NULL, w, FS_RESULT_PASS))
            return FS_ERR_NOMEM;
    }
    return FS_OK;
}

/* b's hosts by name (then place in b: the first of a name is the one compared). */
struct bhost {
    const struct fs_host_result *h;
    size_t idx;
    bool matched; /* set on the first of a name: a host of a had the name */
};

static int cmp_bhost(const void *x, const void *y)
{
    const struct bhost *a = x, *b = y;
    int c = strcmp(name_of(a->h), name_of(b->h));
    return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

struct fs_drift_stream {
    const struct fs_report *b;
    struct bhost *hb; /* b->n of them, sorted by cmp_bhost */
    char day[11];     /* b's start day */
    struct acc c;
    struct fs_drift *d;
    struct fs_score_acc fa; /* a's fleet score, a host at a time */
};

int fs_drift_begin(const struct fs_report *b, struct fs_drift_stream **out)
{
    struct fs_drift_stream *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s)
        return FS_ERR_NOMEM;
    s->c = (struct acc){
        .nf = {.sz = sizeof(struct fs_drift_rule)},
        .fixed = {.sz = sizeof(struct fs_drift_rule)},
        .errors = {.sz = sizeof(struct fs_drift_rule)},
        .evidence = {.sz = sizeof(struct fs_drift_rule)},
        .new_hosts = {.sz = sizeof(struct fs_drift_host)},
        .vanished = {.sz = sizeof(struct fs_drift_host)},
        .host_status = {.sz = sizeof(struct fs_drift_host)},
        .waivers = {.sz = sizeof(struct fs_drift_waiver)},
        .scores = {.sz = sizeof(struct fs_drift_score)},
    };
    s->b = b;
    s->d = calloc(1, sizeof *s->d);
    s->hb = calloc(b->n ? b->n : 1, sizeof *s->hb);
    if (!s->d || !s->hb) {
        fs_drift_stream_free(s);
        return FS_ERR_NOMEM;
    }
    for (size_t i = 0; i < b->n; i++) {
        s->hb[i].h = &b->hosts[i];
        s->hb[i].idx = i;
    }
    if (b->n)
        qsort(s->hb, b->n, sizeof *s->hb, cmp_bhost);
    start_day(b, s->day);
    *out = s;
    return FS_OK;
}

/* The first of b's hosts named name, or NULL. */
static struct bhost *find_b(struct fs_drift_stream *s, const char *name)
{
    size_t lo = 0, hi = s->b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(name_of(s->hb[mid].h), name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->b->n && strcmp(name_of(s->hb[lo].h), name) == 0 ? &s->hb[lo] : NULL;
}

int fs_drift_feed(struct fs_drift_stream *s, const struct fs_host_result *ha)
{
    fs_score_acc_add(&s->fa, ha);
    struct bhost *m = find_b(s, name_of(ha));
    if (!m)
        return add_host(&s->c.vanished, ha, ha->status, ha->status);
    if (m->matched)
        return FS_OK; /* a second host of the same name in a is compared with nothing */
    m->matched = true;
    return compare_host(&s->c, s->d, ha, m->h, s->day);
}

/* b's hosts whose name no host of a had (each of them: also a second of one name). */
static int new_hosts(struct fs_drift_stream *s)
{
    bool seen = false; /* the current name was matched */
    for (size_t k = 0; k < s->b->n; k++) {
        const struct bhost *e = &s->hb[k];
        if (k == 0 || strcmp(name_of(s->hb[k - 1].h), name_of(e->h)) != 0)
            seen = e->matched;
        if (!seen) {
            int rc = add_host(&s->c.new_hosts, e->h, e->h->status, e->h->status);
            if (rc)
                return rc;
        }
    }
    return FS_OK;
}

#define TAKE(field, nfield, vecname)                                                               \
    do {                                                                                           \
        d->field = c->vecname.v;                                                                   \
        d->nfield = c->vecname.n;                                                                  \
        c->vecname.v = NULL;                                                                       \
        c->vecname.n = 0;                                                                          \
    } while (0)

static void free_rules(struct fs_drift_rule *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].host);
        free(v[i].rule);
        free(v[i].old_evidence);
        free(v[i].new_evidence);
    }
    free(v);
}

static void free_hosts(struct fs_drift_host *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].error);
    }
    free(v);
}

static void free_waivers(struct fs_drift_waiver *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].host);
        free(v[i].rule);
        free(v[i].pattern);
    }
    free(v);
}

static void free_scores(struct fs_drift_score *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].host);
    free(v);
}

/* By name; rows of one name (a second host of it on one side) by what they show. */
static int cmp_host_row(const void *x, const void *y)
{
    const struct fs_drift_host *a = x, *b = y;
    int c = strcmp(a->name, b->name);
    if (!c)
        c = (a->old_status > b->old_status) - (a->old_status < b->old_status);
    if (!c)
        c = (a->new_status > b->new_status) - (a->new_status < b->new_status);
    if (!c && (a->error || b->error))
        c = !a->error ? -1 : !b->error ? 1 : strcmp(a->error, b->error);
    return c;
}

static int cmp_score_row(const void *x, const void *y)
{
    return strcmp(((const struct fs_drift_score *)x)->host,
                  ((const struct fs_drift_score *)y)->host);
}

static void free_acc(struct acc *c)
{
    free_rules(c->nf.v, c->nf.n);
    free_rules(c->fixed.v, c->fixed.n);
    free_rules(c->errors.v, c->errors.n);
    free_rules(c->evidence.v, c->evidence.n);
    free_hosts(c->new_hosts.v, c->new_hosts.n);
    free_hosts(c->vanished.v, c->vanished.n);
    free_hosts(c->host_status.v, c->host_status.n);
    free_waivers(c->waivers.v, c->waivers.n);
    free_scores(c->scores.v, c->scores.n);
}

void fs_drift_stream_free(struct fs_drift_stream *s)
{
    if (!s)
        return;
    free_acc(&s->c);
    fs_drift_free(s->d);
    free(s->hb);
    free(s);
}

int fs_drift_finish(struct fs_drift_stream *s, const struct fs_report *a, struct fs_drift **out)
{
    struct fs_drift *d = s->d;
    struct acc *c = &s->c;
    *out = NULL;
    side(&d->a, a);
    side(&d->b, s->b);
    int rc = new_hosts(s);
    if (rc == FS_OK)
        rc = expired_entries(c, a, s->day);
    if (rc == FS_OK) {
        struct fs_score fa, fb, pb[FS_PRINCIPLES];
        long wb;
        fs_score_acc_out(&s->fa, &fa, NULL);
        fs_score_fleet(s->b->hosts, s->b->n, &fb, pb, &wb);
        fill_score(&d->fleet, &fa, &fb);
        /* a's hosts come in any order: every list is sorted here */
        vec_sort(&c->nf, cmp_rule_row);
        vec_sort(&c->fixed, cmp_rule_row);
        vec_sort(&c->errors, cmp_rule_row);
        vec_sort(&c->evidence, cmp_rule_row);
        vec_sort(&c->new_hosts, cmp_host_row);
        vec_sort(&c->vanished, cmp_host_row);
        vec_sort(&c->host_status, cmp_host_row);
        vec_sort(&c->waivers, cmp_waiver_row);
        vec_sort(&c->scores, cmp_score_row);
        TAKE(new_failures, n_new_failures, nf);
        TAKE(fixed, n_fixed, fixed);
        TAKE(errors, n_errors, errors);
        TAKE(evidence, n_evidence, evidence);
        TAKE(new_hosts, n_new_hosts, new_hosts);
        TAKE(vanished_hosts, n_vanished_hosts, vanished);
        TAKE(host_status, n_host_status, host_status);
        TAKE(expired_waivers, n_expired_waivers, waivers);
        TAKE(scores, n_scores, scores);
        s->d = NULL;
        *out = d;
    }
    fs_drift_stream_free(s); /* and d, on failure */
    return rc;
}

int fs_drift_compute(const struct fs_report *a, const struct fs_report *b, struct fs_drift **out)
{
    struct fs_drift_stream *s = NULL;
    int rc = fs_drift_begin(b, &s);
    *out = NULL;
    for (size_t i = 0; rc == FS_OK && i < a->n; i++)
        rc = fs_drift_feed(s, &a->hosts[i]);
    if (rc != FS_OK) {
        fs_drift_stream_free(s);
        return rc;
    }
    return fs_drift_finish(s, a, out);
}

void fs_drift_free(struct fs_drift *d)
{
    if (!d)
        return;
    free_rules(d->new_failures, d->n_new_failures);
    free_rules(d->fixed, d->n_fixed);
    free_rules(d->errors, d->n_errors);
    free_rules(d->evidence, d->n_evidence);
    free_hosts(d->new_hosts, d->n_new_hosts);
    free_hosts(d->vanished_hosts, d->n_vanished_hosts);
    free_hosts(d->host_status, d->n_host_status);
    free_waivers(d->expired_waivers, d->n_expired_waivers);
    free_scores(d->scores, d->n_scores);
    free(d);
}

size_t fs_drift_regressions(const struct fs_drift *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_new_failures; i++)
        n += !d->new_failures[i].waived;
    for (size_t i = 0; i < d->n_errors; i++)
        n += is_error(d->errors[i].new_status);
    for (size_t i = 0; i < d->n_host_status; i++)
        n += d->host_status[i].old_status == FS_HOST_SCANNED &&
             d->host_status[i].new_status != FS_HOST_SCANNED;
    return n;
}

bool fs_drift_rfc3339(const char *s)
{
    /* YYYY-MM-DDTHH:MM:SS[.fff]Z */
    static const char pat[] = "dddd-dd-ddTdd:dd:dd";
    size_t i = 0;
    for (; pat[i]; i++) {
        if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pat[i])
            return false;
    }
    if (s[i] == '.') {
        size_t k = ++i;
        while (isdigit((unsigned char)s[i]))
            i++;
        if (i == k)
            return false;
    }
    int mo = (s[5] - '0') * 10 + (s[6] - '0'), dd = (s[8] - '0') * 10 + (s[9] - '0');
    int hh = (s[11] - '0') * 10 + (s[12] - '0'), mi = (s[14] - '0') * 10 + (s[15] - '0');
    int ss = (s[17] - '0') * 10 + (s[18] - '0');
    return s[i] == 'Z' && s[i + 1] == '\0' && mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 &&
           hh <= 23 && mi <= 59 && ss <= 60 && i < 32;
}
