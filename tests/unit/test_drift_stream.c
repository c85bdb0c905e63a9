/* SPDX-License-Identifier: Apache-2.0 */
/* Drift a host at a time (fs_drift_begin/feed/finish): the older run's hosts fed in shuffled
 * orders give fs_drift_compute's drift, field by field, on a pair of fleets that has every
 * category (new failures, fixed, errors, evidence, waived, vanished and new hosts, a second
 * host of one name on either side, host status, scores, expired waivers, the fleet score). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/synth_fleet.h"
#include "../reports/synth_waivers.h"
#include "reports/drift.h"
#include "scanner/core/err.h"

static char bench[512];

static struct synth_fleet *fleet(size_t n, const char *started)
{
    struct synth_fleet *f = synth_fleet_new(bench, n, false);
    assert_non_null(f);
    for (size_t i = 0; i < n; i++)
        f->results[i].evaluated = f->results[i].status == FS_HOST_SCANNED;
    snprintf(f->report.started, sizeof f->report.started, "%s", started);
    return f;
}

static void rename_host(struct synth_fleet *f, size_t i, const char *name)
{
    free(f->hosts[i].name);
    f->hosts[i].name = strdup(name);
    assert_non_null(f->hosts[i].name);
}

/* Host i becomes a copy of host k (name, statuses, evidence): a second host of k's name. */
static void twin(struct synth_fleet *f, size_t i, size_t k)
{
    struct fs_host_result *h = &f->results[i], *o = &f->results[k];
    assert_int_equal(h->nresults, o->nresults);
    rename_host(f, i, f->hosts[k].name);
    for (size_t j = 0; j < h->nresults; j++) {
        h->results[j].result = o->results[j].result;
        free(h->results[j].evidence);
        h->results[j].evidence = strdup(o->results[j].evidence);
        assert_non_null(h->results[j].evidence);
    }
    fs_score_host(h);
}

static struct fs_rule_result *nth(struct fs_host_result *h, enum fs_result st, size_t k)
{
    for (size_t j = 0; j < h->nresults; j++)
        if (h->results[j].result == st && k-- == 0)
            return &h->results[j];
    fail_msg("no result %s number %zu", fs_result_name(st), k);
    return NULL;
}

static void set(struct fs_rule_result *rr, enum fs_result st, const char *ev)
{
    assert_true(synth_set_result(rr, st, ev));
}

/* a and b of 8 hosts each, a with the waiver register of synth_waivers_apply (one entry
 * expires before b starts), b 5 weeks later:
 *   a: host-000 host-001 host-002 gone-007 host-006 host-005 host-006 gone-007
 *   b: host-000 host-001 host-002 fresh-003 fresh-003 fresh-005 host-006 host-006
 * host-001 in b: a pass fails, another pass fails under a waiver of b, a fail passes, a fail
 * errs, a fail's evidence changes; host-002 is unreachable in b. Each second host of a name is
 * a copy of the first (so whichever of a's comes first gives the same drift), but for a's
 * gone-007s (both vanish): one of them is unreachable. */
struct pair {
    struct synth_fleet *a, *b;
    struct fs_waivers *ws;
    struct fs_waiver bw;
};

static void make_pair(struct pair *p)
{
    p->a = fleet(8, "2026-11-29T09:00:00Z");
    p->b = fleet(8, "2027-01-05T09:00:00Z");
    p->ws = synth_waivers_apply(p->a);
    assert_non_null(p->ws);
    struct fs_host_result *a1 = &p->a->results[1], *b1 = &p->b->results[1];
    set(&b1->results[nth(a1, FS_RESULT_PASS, 0) - a1->results], FS_RESULT_FAIL, "new");
    set(&b1->results[nth(a1, FS_RESULT_FAIL, 0) - a1->results], FS_RESULT_PASS, NULL);
    set(&b1->results[nth(a1, FS_RESULT_FAIL, 1) - a1->results], FS_RESULT_ERROR, NULL);
    set(&b1->results[nth(a1, FS_RESULT_FAIL, 2) - a1->results], FS_RESULT_FAIL, "changed");
    struct fs_rule_result *w = &b1->results[nth(a1, FS_RESULT_PASS, 1) - a1->results];
    set(w, FS_RESULT_FAIL, NULL);
    p->bw = (struct fs_waiver){.line = 4, .rule = "*", .expires = "2027-03-31"};
    w->waiver = &p->bw;
    fs_score_host(b1);
    struct fs_host_result *b2 = &p->b->results[2];
    b2->status = FS_HOST_UNREACHABLE;
    b2->evaluated = false;
    b2->error = strdup("connect: No route to host");
    for (size_t k = 0; k < b2->nresults; k++)
        b2->results[k].result = FS_RESULT_ERROR;
    memset(&b2->score, 0, sizeof b2->score);
    twin(p->a, 4, 6); /* a: host-006 twice */
    rename_host(p->a, 7, "gone-007");
    twin(p->a, 3, 7); /* a: gone-007 twice (host-003 is not in a), one of them unreachable */
    p->a->results[3].status = FS_HOST_UNREACHABLE;
    p->a->results[3].error = strdup("connect: timed out");
    rename_host(p->b, 5, "fresh-005");
    twin(p->b, 7, 6); /* b: host-006 twice */
    rename_host(p->b, 3, "fresh-003");
    twin(p->b, 4, 3); /* b: fresh-003 twice (host-004 is in a only) */
}

static void free_pair(struct pair *p)
{
    for (size_t j = 0; j < p->b->results[1].nresults; j++)
        p->b->results[1].results[j].waiver = NULL;
    synth_fleet_free(p->a);
    synth_fleet_free(p->b);
    synth_waivers_free(p->ws);
}

static void same_str(const char *x, const char *y)
{
    if (!x || !y)
        assert_ptr_equal(x, y);
    else
        assert_string_equal(x, y);
}

static void same_rules(const struct fs_drift_rule *x, const struct fs_drift_rule *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        same_str(x[i].host, y[i].host);
        same_str(x[i].rule, y[i].rule);
        assert_int_equal(x[i].severity, y[i].severity);
        assert_int_equal(x[i].has_old, y[i].has_old);
        assert_int_equal(x[i].old_status, y[i].old_status);
        assert_int_equal(x[i].new_status, y[i].new_status);
        same_str(x[i].old_evidence, y[i].old_evidence);
        same_str(x[i].new_evidence, y[i].new_evidence);
        assert_int_equal(x[i].waived, y[i].waived);
        assert_string_equal(x[i].failing_since, y[i].failing_since);
    }
}

static void same_hosts(const struct fs_drift_host *x, const struct fs_drift_host *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        same_str(x[i].name, y[i].name);
        assert_int_equal(x[i].old_status, y[i].old_status);
        assert_int_equal(x[i].new_status, y[i].new_status);
        same_str(x[i].error, y[i].error);
    }
}

static void same_score(const struct fs_drift_score *x, const struct fs_drift_score *y,
                       double tolerance)
{
    same_str(x->host, y->host);
    assert_int_equal(x->has_old, y->has_old);
    assert_int_equal(x->has_new, y->has_new);
    assert_int_equal(x->has_old_unwaived, y->has_old_unwaived);
    assert_int_equal(x->has_new_unwaived, y->has_new_unwaived);
    assert_true(fabs(x->old_score - y->old_score) <= tolerance);
    assert_true(fabs(x->old_unwaived - y->old_unwaived) <= tolerance);
    assert_true(x->new_score == y->new_score && x->new_unwaived == y->new_unwaived);
}

/* Every field of every list; a's fleet mean within tolerance (0: the same bits). */
static void same_drift(const struct fs_drift *x, const struct fs_drift *y, double tolerance)
{
    assert_memory_equal(&x->a, &y->a, sizeof x->a);
    assert_memory_equal(&x->b, &y->b, sizeof x->b);
    assert_int_equal(x->n_new_failures, y->n_new_failures);
    assert_int_equal(x->n_fixed, y->n_fixed);
    assert_int_equal(x->n_errors, y->n_errors);
    assert_int_equal(x->n_evidence, y->n_evidence);
    assert_int_equal(x->n_new_hosts, y->n_new_hosts);
    assert_int_equal(x->n_vanished_hosts, y->n_vanished_hosts);
    assert_int_equal(x->n_host_status, y->n_host_status);
    assert_int_equal(x->n_expired_waivers, y->n_expired_waivers);
    assert_int_equal(x->n_scores, y->n_scores);
    assert_int_equal(x->still_failing, y->still_failing);
    assert_int_equal(x->hosts_compared, y->hosts_compared);
    same_rules(x->new_failures, y->new_failures, x->n_new_failures);
    same_rules(x->fixed, y->fixed, x->n_fixed);
    same_rules(x->errors, y->errors, x->n_errors);
    same_rules(x->evidence, y->evidence, x->n_evidence);
    same_hosts(x->new_hosts, y->new_hosts, x->n_new_hosts);
    same_hosts(x->vanished_hosts, y->vanished_hosts, x->n_vanished_hosts);
    same_hosts(x->host_status, y->host_status, x->n_host_status);
    for (size_t i = 0; i < x->n_expired_waivers; i++) {
        const struct fs_drift_waiver *p = &x->expired_waivers[i], *q = &y->expired_waivers[i];
        same_str(p->host, q->host);
        same_str(p->rule, q->rule);
        same_str(p->pattern, q->pattern);
        assert_int_equal(p->line, q->line);
        assert_string_equal(p->expires, q->expires);
        assert_int_equal(p->new_status, q->new_status);
    }
    for (size_t i = 0; i < x->n_scores; i++)
        same_score(&x->scores[i], &y->scores[i], 0);
    same_score(&x->fleet, &y->fleet, tolerance);
}

/* a's hosts fed in the order of idx (a permutation of 0..n). */
static struct fs_drift *streamed(const struct fs_report *a, const struct fs_report *b,
                                 const size_t *idx)
{
    struct fs_drift_stream *s = NULL;
    struct fs_drift *d = NULL;
    assert_int_equal(fs_drift_begin(b, &s), FS_OK);
    for (size_t i = 0; i < a->n; i++)
        assert_int_equal(fs_drift_feed(s, &a->hosts[idx[i]]), FS_OK);
    assert_int_equal(fs_drift_finish(s, a, &d), FS_OK);
    assert_non_null(d);
    return d;
}

/* The reference has something in every category, as the fixture says. */
static void reference_has_everything(const struct fs_drift *d)
{
    assert_int_equal(d->n_new_failures, 2); /* one of them waived */
    assert_true(d->new_failures[0].waived != d->new_failures[1].waived);
    assert_int_equal(d->n_fixed, 1);
    assert_true(d->n_errors >= 2); /* host-001's fail -> error, host-002's results */
    assert_int_equal(d->n_evidence, 1);
    /* fresh-003 twice, fresh-005; not b's second host-006 */
    assert_int_equal(d->n_new_hosts, 3);
    assert_string_equal(d->new_hosts[0].name, "fresh-003");
    assert_string_equal(d->new_hosts[1].name, "fresh-003");
    assert_string_equal(d->new_hosts[2].name, "fresh-005");
    /* gone-007 twice, host-005; not a's second host-006 */
    assert_int_equal(d->n_vanished_hosts, 3);
    assert_string_equal(d->vanished_hosts[0].name, "gone-007");
    assert_string_equal(d->vanished_hosts[1].name, "gone-007");
    assert_int_equal(d->vanished_hosts[0].old_status, FS_HOST_SCANNED);
    assert_int_equal(d->vanished_hosts[1].old_status, FS_HOST_UNREACHABLE);
    assert_string_equal(d->vanished_hosts[2].name, "host-005");
    assert_int_equal(d->n_host_status, 1);
    assert_string_equal(d->host_status[0].name, "host-002");
    /* host-000, 001, 002, 006: a's second host-006 and b's are compared with nothing */
    assert_int_equal(d->hosts_compared, 4);
    assert_true(d->n_scores >= 2);
    assert_true(d->n_expired_waivers >= 2); /* the register entry and host-002's result */
    assert_null(d->expired_waivers[0].host);
    assert_true(d->fleet.has_old && d->fleet.has_new);
}

static void shuffled_orders_same_drift(void **state)
{
    (void)state;
    struct pair p;
    make_pair(&p);
    const struct fs_report *a = &p.a->report, *b = &p.b->report;
    struct fs_drift *ref = NULL;
    assert_int_equal(fs_drift_compute(a, b, &ref), FS_OK);
    reference_has_everything(ref);
    size_t idx[8];
    for (size_t i = 0; i < 8; i++)
        idx[i] = i;
    /* a's own order: the same bits, fleet mean included */
    struct fs_drift *d = streamed(a, b, idx);
    same_drift(ref, d, 0);
    fs_drift_free(d);
    /* reversed, then shuffled: a's second host-006 (a copy of the first) may come first */
    for (size_t i = 0; i < 4; i++) {
        size_t t = idx[i];
        idx[i] = idx[7 - i];
        idx[7 - i] = t;
    }
    uint32_t x = 13; /* xorshift: the same shuffles every run */
    for (int round = 0; round < 40; round++) {
        d = streamed(a, b, idx);
        same_drift(ref, d, 1e-9);
        fs_drift_free(d);
        for (size_t i = 7; i > 0; i--) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            size_t k = x % (i + 1), t = idx[i];
            idx[i] = idx[k];
            idx[k] = t;
        }
    }
    fs_drift_free(ref);
    free_pair(&p);
}

/* A stream left before its end frees what it gathered (for ASan); an empty a is all new. */
static void abandoned_and_empty(void **state)
{
    (void)state;
    struct pair p;
    make_pair(&p);
    struct fs_drift_stream *s = NULL;
    assert_int_equal(fs_drift_begin(&p.b->report, &s), FS_OK);
    assert_int_equal(fs_drift_feed(s, &p.a->results[7]), FS_OK);
    assert_int_equal(fs_drift_feed(s, &p.a->results[1]), FS_OK);
    fs_drift_stream_free(s);
    struct fs_report none = p.a->report;
    none.n = 0;
    struct fs_drift *d = NULL;
    assert_int_equal(fs_drift_begin(&p.b->report, &s), FS_OK);
    assert_int_equal(fs_drift_finish(s, &none, &d), FS_OK);
    assert_int_equal(d->n_new_hosts, 8);
    assert_int_equal(d->hosts_compared, 0);
    assert_false(d->fleet.has_old);
    fs_drift_free(d);
    free_pair(&p);
}

int main(void)
{
    snprintf(bench, sizeof bench, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shuffled_orders_same_drift),
        cmocka_unit_test(abandoned_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
