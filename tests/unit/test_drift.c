/* SPDX-License-Identifier: Apache-2.0 */
/* Drift between two fleet results: every category of fs_drift_compute on hand-built fleets
 * (hosts that vanish and reappear, waivers that expire in between, scores), the results.json
 * members it feeds (failing_since, history, drift) read back by fs_report_load, the JSON of
 * `floorscan diff --json`, and report.html's "Since the last audit" section with hostile text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/synth_fleet.h"
#include "../reports/synth_waivers.h"
#include "reports/drift.h"
#include "reports/html.h"
#include "reports/load.h"
#include "reports/report.h"
#include "scanner/core/err.h"
#include "scanner/cli.h"
#include "store/store.h"

static char bench[512];

static struct synth_fleet *fleet(size_t n, bool hostile, const char *started)
{
    struct synth_fleet *f = synth_fleet_new(bench, n, hostile);
    assert_non_null(f);
    assert_int_equal(fs_sha256_file(bench, f->report.benchmark_sha256), FS_OK);
    for (size_t i = 0; i < n; i++)
        f->results[i].evaluated = f->results[i].status == FS_HOST_SCANNED;
    snprintf(f->report.started, sizeof f->report.started, "%s", started);
    return f;
}

/* The k-th (from 0) result of host i with status st. */
static struct fs_rule_result *nth(struct synth_fleet *f, size_t i, enum fs_result st, size_t k)
{
    for (size_t j = 0; j < f->results[i].nresults; j++)
        if (f->results[i].results[j].result == st && k-- == 0)
            return &f->results[i].results[j];
    fail_msg("host %zu has no result %s number %zu", i, fs_result_name(st), k);
    return NULL;
}

/* The same rule's result on another fleet's host. */
static struct fs_rule_result *same(struct synth_fleet *f, size_t i, const struct fs_rule_result *rr)
{
    for (size_t j = 0; j < f->results[i].nresults; j++)
        if (strcmp(f->results[i].results[j].rule->short_id, rr->rule->short_id) == 0)
            return &f->results[i].results[j];
    fail_msg("no %s on host %zu", rr->rule->short_id, i);
    return NULL;
}

static void set(struct fs_rule_result *rr, enum fs_result st, const char *ev)
{
    assert_true(synth_set_result(rr, st, ev));
}

static void rescore(struct synth_fleet *f)
{
    for (size_t i = 0; i < f->report.n; i++)
        if (f->results[i].status == FS_HOST_SCANNED)
            fs_score_host(&f->results[i]);
}

static struct fs_drift *drift(struct synth_fleet *a, struct synth_fleet *b)
{
    struct fs_drift *d = NULL;
    assert_int_equal(fs_drift_compute(&a->report, &b->report, &d), FS_OK);
    assert_non_null(d);
    return d;
}

static size_t fails(const struct synth_fleet *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->report.n; i++)
        for (size_t k = 0; k < f->results[i].nresults; k++)
            n += f->results[i].results[k].result == FS_RESULT_FAIL;
    return n;
}

static void identical_runs_no_drift(void **state)
{
    (void)state;
    struct synth_fleet *a = fleet(5, false, "2026-11-01T09:00:00Z");
    struct synth_fleet *b = fleet(5, false, "2026-11-29T09:00:00Z");
    struct fs_drift *d = drift(a, b);
    assert_int_equal(d->n_new_failures + d->n_fixed + d->n_errors + d->n_evidence + d->n_new_hosts +
                         d->n_vanished_hosts + d->n_host_status + d->n_expired_waivers +
                         d->n_scores,
                     0);
    assert_int_equal(d->hosts_compared, 5);
    assert_true(fails(b) > 0);
    assert_int_equal(d->still_failing, fails(b));
    assert_true(d->fleet.has_old && d->fleet.has_new);
    assert_true(d->fleet.old_score == d->fleet.new_score);
    assert_string_equal(d->a.started, "2026-11-01T09:00:00Z");
    assert_string_equal(d->b.started, "2026-11-29T09:00:00Z");
    assert_false(d->a.stored || d->b.stored);
    assert_int_equal(fs_drift_regressions(d), 0);
    fs_drift_free(d);
    synth_fleet_free(a);
    synth_fleet_free(b);
}

static void rule_row(const struct fs_drift_rule *e, const char *host, const char *rule,
                     enum fs_result old, enum fs_result now)
{
    assert_string_equal(e->host, host);
    assert_string_equal(e->rule, rule);
    assert_true(e->has_old);
    assert_int_equal(e->old_status, old);
    assert_int_equal(e->new_status, now);
}

/* On host-001: pass->fail and error->fail (new failures), fail->pass (fixed), fail->error and
 * pass->error (error changes, not fixed), fail->fail with other evidence; on host-003 a
 * pass->fail that b waives (listed, not a regression). */
static void rule_changes(void **state)
{
    (void)state;
    struct synth_fleet *a = fleet(5, false, "2026-11-01T09:00:00Z");
    struct synth_fleet *b = fleet(5, false, "2026-11-29T09:00:00Z");
    /* host-001 in both runs: two passes, an error, three fails (then the mix) */
    static const enum fs_result base[] = {FS_RESULT_PASS, FS_RESULT_PASS, FS_RESULT_ERROR,
                                          FS_RESULT_FAIL, FS_RESULT_FAIL, FS_RESULT_FAIL};
    for (size_t k = 0; k < sizeof base / sizeof base[0]; k++) {
        a->results[1].results[k].result = base[k];
        b->results[1].results[k].result = base[k];
    }
    rescore(a);
    struct fs_rule_result *p0 = same(b, 1, nth(a, 1, FS_RESULT_PASS, 0));
    struct fs_rule_result *p1 = same(b, 1, nth(a, 1, FS_RESULT_PASS, 1));
    struct fs_rule_result *e0 = same(b, 1, nth(a, 1, FS_RESULT_ERROR, 0));
    struct fs_rule_result *f0 = same(b, 1, nth(a, 1, FS_RESULT_FAIL, 0));
    struct fs_rule_result *f1 = same(b, 1, nth(a, 1, FS_RESULT_FAIL, 1));
    struct fs_rule_result *f2 = same(b, 1, nth(a, 1, FS_RESULT_FAIL, 2));
    struct fs_rule_result *w0 = same(b, 3, nth(a, 3, FS_RESULT_PASS, 0));
    set(p0, FS_RESULT_FAIL, "PermitRootLogin yes");
    snprintf(p0->failing_since, sizeof p0->failing_since, "2026-11-29T09:00:00Z");
    set(e0, FS_RESULT_FAIL, NULL);
    set(p1, FS_RESULT_ERROR, "sysctl: permission denied");
    set(f0, FS_RESULT_PASS, NULL);
    set(f1, FS_RESULT_ERROR, NULL);
    set(f2, FS_RESULT_FAIL, "changed evidence");
    snprintf(f2->failing_since, sizeof f2->failing_since, "2026-10-01T09:00:00Z");
    set(w0, FS_RESULT_FAIL, NULL);
    struct fs_waiver wv = {.line = 4, .rule = "*", .expires = "2027-01-01"};
    w0->waiver = &wv;
    rescore(b);
    struct fs_drift *d = drift(a, b);

    assert_int_equal(d->n_new_failures, 3);
    /* sorted by host, then rule */
    const struct fs_rule_result *nf1[2] = {p0, e0};
    if (strcmp(p0->rule->short_id, e0->rule->short_id) > 0) {
        nf1[0] = e0;
        nf1[1] = p0;
    }
    for (size_t i = 0; i < 2; i++)
        rule_row(&d->new_failures[i], "host-001", nf1[i]->rule->short_id,
                 nf1[i] == p0 ? FS_RESULT_PASS : FS_RESULT_ERROR, FS_RESULT_FAIL);
    const struct fs_drift_rule *np = &d->new_failures[nf1[0] == p0 ? 0 : 1];
    assert_string_equal(np->failing_since, "2026-11-29T09:00:00Z");
    assert_string_equal(np->new_evidence, "PermitRootLogin yes");
    assert_int_equal(np->severity, p0->rule->severity);
    assert_false(np->waived);
    rule_row(&d->new_failures[2], "host-003", w0->rule->short_id, FS_RESULT_PASS, FS_RESULT_FAIL);
    assert_true(d->new_failures[2].waived);

    assert_int_equal(d->n_fixed, 1);
    rule_row(&d->fixed[0], "host-001", f0->rule->short_id, FS_RESULT_FAIL, FS_RESULT_PASS);

    /* error->fail, pass->error, fail->error: sorted by rule */
    assert_int_equal(d->n_errors, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(d->errors[i].host, "host-001");
        if (i)
            assert_true(strcmp(d->errors[i - 1].rule, d->errors[i].rule) < 0);
        const char *r = d->errors[i].rule;
        assert_true(strcmp(r, e0->rule->short_id) == 0 || strcmp(r, p1->rule->short_id) == 0 ||
                    strcmp(r, f1->rule->short_id) == 0);
    }

    assert_int_equal(d->n_evidence, 1);
    rule_row(&d->evidence[0], "host-001", f2->rule->short_id, FS_RESULT_FAIL, FS_RESULT_FAIL);
    assert_string_equal(d->evidence[0].old_evidence, nth(a, 1, FS_RESULT_FAIL, 2)->evidence);
    assert_string_equal(d->evidence[0].new_evidence, "changed evidence");
    assert_string_equal(d->evidence[0].failing_since, "2026-10-01T09:00:00Z");
    /* still failing: every fail of a that fails in b too */
    assert_int_equal(d->still_failing, fails(a) - 2);

    /* host-001's score changed (and host-003's, with and without the waiver) */
    assert_int_equal(d->n_scores, 2);
    assert_string_equal(d->scores[0].host, "host-001");
    assert_true(d->scores[0].old_score == a->results[1].score.score);
    assert_true(d->scores[0].new_score == b->results[1].score.score);
    assert_string_equal(d->scores[1].host, "host-003");
    assert_true(d->scores[1].new_unwaived < d->scores[1].old_unwaived);
    /* regressions: the two unwaived new failures and the two new errors */
    assert_int_equal(fs_drift_regressions(d), 4);
    fs_drift_free(d);
    w0->waiver = NULL;
    synth_fleet_free(a);
    synth_fleet_free(b);
}

/* host-004 is in r1, missing from r2, back in r3: vanished in (r1, r2), new in (r2, r3), and
 * compared as any host in (r1, r3). host-002 goes unreachable in r2 and comes back in r3. */
static void hosts_vanish_and_reappear(void **state)
{
    (void)state;
    struct synth_fleet *r1 = fleet(5, false, "2026-11-01T09:00:00Z");
    struct synth_fleet *r2 = fleet(5, false, "2026-11-08T09:00:00Z");
    struct synth_fleet *r3 = fleet(5, false, "2026-11-15T09:00:00Z");
    r2->report.n = 4; /* host-004 not in the run (freed with the fleet all the same) */
    struct fs_host_result *h2 = &r2->results[2];
    size_t saved = h2->nresults;
    h2->status = FS_HOST_UNREACHABLE;
    h2->error = strdup("connect: No route to host");
    h2->nresults = 0; /* an unreachable host has no results */
    h2->evaluated = false;
    memset(&h2->score, 0, sizeof h2->score);
    /* r3 lists its hosts in reverse: the lists are sorted all the same */
    for (size_t i = 0; i < 2; i++) {
        struct fs_host_result t = r3->results[i];
        r3->results[i] = r3->results[4 - i];
        r3->results[4 - i] = t;
    }

    struct fs_drift *d = drift(r1, r2);
    assert_int_equal(d->n_vanished_hosts, 1);
    assert_string_equal(d->vanished_hosts[0].name, "host-004");
    assert_int_equal(d->n_new_hosts, 0);
    assert_int_equal(d->n_host_status, 1);
    assert_string_equal(d->host_status[0].name, "host-002");
    assert_int_equal(d->host_status[0].old_status, FS_HOST_SCANNED);
    assert_int_equal(d->host_status[0].new_status, FS_HOST_UNREACHABLE);
    assert_string_equal(d->host_status[0].error, "connect: No route to host");
    /* the unreachable host's rules are not "fixed": they were not evaluated */
    assert_int_equal(d->n_fixed + d->n_new_failures + d->n_errors, 0);
    assert_int_equal(d->hosts_compared, 4);
    assert_int_equal(fs_drift_regressions(d), 1); /* scanned -> unreachable */
    /* host-002 lost its score */
    assert_int_equal(d->n_scores, 1);
    assert_true(d->scores[0].has_old && !d->scores[0].has_new);
    fs_drift_free(d);

    d = drift(r2, r3);
    assert_int_equal(d->n_new_hosts, 1);
    assert_string_equal(d->new_hosts[0].name, "host-004");
    assert_int_equal(d->new_hosts[0].new_status, FS_HOST_SCANNED);
    assert_int_equal(d->n_vanished_hosts, 0);
    assert_int_equal(d->n_host_status, 1);
    assert_int_equal(d->host_status[0].old_status, FS_HOST_UNREACHABLE);
    assert_int_equal(d->host_status[0].new_status, FS_HOST_SCANNED);
    /* back from unreachable: its fails are new to this comparison (a had no result) */
    size_t h2fails = 0;
    for (size_t k = 0; k < saved; k++)
        h2fails += h2->results[k].result == FS_RESULT_FAIL;
    assert_int_equal(d->n_new_failures, h2fails);
    for (size_t i = 0; i < d->n_new_failures; i++) {
        assert_string_equal(d->new_failures[i].host, "host-002");
        assert_false(d->new_failures[i].has_old);
    }
    fs_drift_free(d);

    d = drift(r1, r3);
    assert_int_equal(d->n_new_hosts + d->n_vanished_hosts + d->n_host_status + d->n_new_failures,
                     0);
    assert_int_equal(d->hosts_compared, 5);
    fs_drift_free(d);
    h2->nresults = saved;
    r2->report.n = 5;
    synth_fleet_free(r1);
    synth_fleet_free(r2);
    synth_fleet_free(r3);
}

/* a's register (judged 2026-11-29): an active waiver expiring 2027-03-31 on a fail of host-000
 * and an expiring one (2026-12-10) on an error of host-002. b starts 2027-01-05 without them:
 * the expiring one has expired in between (its entry and its result are listed), the active
 * one has not (its result is no longer waived, but not because it expired). */
static void waivers_expired_between(void **state)
{
    (void)state;
    struct synth_fleet *a = fleet(5, false, "2026-11-29T09:00:00Z");
    struct synth_fleet *b = fleet(5, false, "2027-01-05T09:00:00Z");
    struct fs_waivers *ws = synth_waivers_apply(a);
    assert_non_null(ws);
    const char *err_rule = NULL;
    for (size_t k = 0; k < a->results[2].nresults; k++)
        if (a->results[2].results[k].waiver == &ws->w[SYNTH_W_EXPIRING])
            err_rule = a->results[2].results[k].rule->short_id;
    assert_non_null(err_rule);
    struct fs_drift *d = drift(a, b);
    assert_int_equal(d->n_expired_waivers, 2);
    /* the register entry first, then the result */
    assert_null(d->expired_waivers[0].host);
    assert_int_equal(d->expired_waivers[0].line, 20);
    assert_string_equal(d->expired_waivers[0].expires, "2026-12-10");
    assert_string_equal(d->expired_waivers[1].host, "host-002");
    assert_string_equal(d->expired_waivers[1].rule, err_rule);
    assert_int_equal(d->expired_waivers[1].line, 20);
    assert_int_equal(d->expired_waivers[1].new_status, FS_RESULT_ERROR);
    assert_string_equal(d->expired_waivers[1].pattern, err_rule);
    /* host-000 loses the waiver of a fail: its waived score changes, its unwaived one does not
     * (host-002's waived error never counted in the score) */
    assert_int_equal(d->n_scores, 1);
    assert_string_equal(d->scores[0].host, "host-000");
    assert_true(d->scores[0].old_unwaived == d->scores[0].new_unwaived);
    assert_true(d->scores[0].new_score < d->scores[0].old_score);
    fs_drift_free(d);
    /* b one day before the expiry: nothing expired */
    snprintf(b->report.started, sizeof b->report.started, "2026-12-10T23:00:00Z");
    d = drift(a, b);
    assert_int_equal(d->n_expired_waivers, 0);
    fs_drift_free(d);
    synth_fleet_free(a);
    synth_fleet_free(b);
    synth_waivers_free(ws);
}

/* The fleet score and the unwaived score, as fs_score_fleet gives them for each side. */
static void fleet_scores(void **state)
{
    (void)state;
    struct synth_fleet *a = fleet(4, false, "2026-11-01T09:00:00Z");
    struct synth_fleet *b = fleet(4, false, "2026-11-29T09:00:00Z");
    set(same(b, 0, nth(a, 0, FS_RESULT_PASS, 0)), FS_RESULT_FAIL, NULL);
    rescore(b);
    struct fs_score fa, fb, p[FS_PRINCIPLES];
    long worst;
    fs_score_fleet(a->results, 4, &fa, p, &worst);
    fs_score_fleet(b->results, 4, &fb, p, &worst);
    struct fs_drift *d = drift(a, b);
    assert_true(d->fleet.old_score == fa.score && d->fleet.new_score == fb.score);
    assert_true(d->fleet.old_unwaived == fa.unwaived && d->fleet.new_unwaived == fb.unwaived);
    assert_true(d->fleet.new_score < d->fleet.old_score);
    assert_null(d->fleet.host);
    json_t *j = fs_drift_json(d);
    assert_non_null(j);
    json_t *fs = json_object_get(j, "fleet_score");
    double delta = json_real_value(json_object_get(fs, "delta"));
    assert_true(delta < 0);
    assert_true(json_is_null(json_object_get(json_object_get(j, "a"), "run")));
    assert_string_equal(json_string_value(json_object_get(j, "schema")), "floorscan-diff/1");
    assert_int_equal(json_array_size(json_object_get(j, "new_failures")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "regression_count")), 1);
    json_decref(j);
    fs_drift_free(d);
    synth_fleet_free(a);
    synth_fleet_free(b);
}

static void write_json(const struct fs_report *r, const char *dir)
{
    struct fs_outdir od = {.fd = -1};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_outdir_open(&od, dir, 0644, &err) != FS_OK ||
        fs_report_json(r, &od, "results.json", &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    fs_outdir_dispose(&od);
    fs_buf_dispose(&err);
}

/* results.json: failing_since on failed results (null elsewhere), history and drift members;
 * fs_report_load reads failing_since back and refuses it where it cannot be. */
static void json_round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/fs-drift-XXXXXX", path[128], cmd[1024];
    assert_non_null(mkdtemp(dir));
    struct synth_fleet *a = fleet(3, false, "2026-11-01T09:00:00Z");
    struct synth_fleet *b = fleet(3, false, "2026-11-29T09:00:00Z");
    struct fs_rule_result *f0 = nth(b, 0, FS_RESULT_FAIL, 0), *f1 = nth(b, 2, FS_RESULT_FAIL, 0);
    snprintf(f0->failing_since, sizeof f0->failing_since, "2026-11-01T09:00:00Z");
    snprintf(f1->failing_since, sizeof f1->failing_since, "2026-11-29T09:00:00Z");
    set(same(b, 1, nth(a, 1, FS_RESULT_PASS, 0)), FS_RESULT_FAIL, NULL);
    rescore(b);
    struct fs_stored_run sa = {.id = 6, .label = "weekly-2026-11-01"};
    struct fs_stored_run sb = {.id = 7, .label = "weekly-2026-11-29"};
    memset(sb.content_sha256, 'a', 64);
    memset(sb.prev_sha256, 'b', 64);
    a->report.stored = &sa;
    b->report.stored = &sb;
    struct fs_drift *d = drift(a, b);
    assert_true(d->a.stored && d->a.id == 6);
    assert_string_equal(d->a.label, "weekly-2026-11-01");
    b->report.drift = d;
    write_json(&b->report, dir);
    snprintf(path, sizeof path, "%s/results.json", dir);

    json_error_t je;
    json_t *doc = json_load_file(path, 0, &je);
    assert_non_null(doc);
    json_t *h = json_object_get(doc, "history");
    assert_int_equal(json_integer_value(json_object_get(h, "run")), 7);
    assert_string_equal(json_string_value(json_object_get(h, "label")), "weekly-2026-11-29");
    assert_int_equal(strspn(json_string_value(json_object_get(h, "content_sha256")), "a"), 64);
    assert_int_equal(strspn(json_string_value(json_object_get(h, "prev_sha256")), "b"), 64);
    json_t *dj = json_object_get(doc, "drift");
    assert_int_equal(json_integer_value(json_object_get(dj, "new_failures")), 1);
    assert_int_equal(json_integer_value(json_object_get(dj, "hosts_compared")), 3);
    json_t *cw = json_object_get(dj, "compared_with");
    assert_int_equal(json_integer_value(json_object_get(cw, "run")), 6);
    assert_string_equal(json_string_value(json_object_get(cw, "label")), "weekly-2026-11-01");
    assert_string_equal(json_string_value(json_object_get(cw, "started")), "2026-11-01T09:00:00Z");
    size_t known = 0, nulls = 0, total = 0;
    for (size_t i = 0; i < json_array_size(json_object_get(doc, "hosts")); i++) {
        json_t *res = json_object_get(json_array_get(json_object_get(doc, "hosts"), i), "results");
        for (size_t k = 0; k < json_array_size(res); k++) {
            json_t *fsv = json_object_get(json_array_get(res, k), "failing_since");
            assert_non_null(fsv); /* always there: null when not known or not failed */
            known += json_is_string(fsv);
            nulls += json_is_null(fsv);
            total++;
        }
    }
    assert_int_equal(known, 2);
    assert_int_equal(nulls, total - 2);
    json_decref(doc);

    struct fs_loaded *l = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_report_load(&l, path, NULL, NULL, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    size_t back = 0;
    for (size_t i = 0; i < l->report.n; i++)
        for (size_t k = 0; k < l->hosts[i].nresults; k++) {
            const struct fs_rule_result *rr = &l->hosts[i].results[k];
            const struct fs_rule_result *orig = same(b, i, rr);
            assert_string_equal(rr->failing_since, orig->failing_since);
            back += rr->failing_since[0] != 0;
        }
    assert_int_equal(back, 2);
    /* and the re-render writes it as it was */
    json_t *x = fs_report_json_doc(&l->report);
    b->report.drift = NULL;
    b->report.stored = NULL;
    json_t *y = fs_report_json_doc(&b->report);
    char *sx = json_dumps(x, JSON_SORT_KEYS), *sy = json_dumps(y, JSON_SORT_KEYS);
    assert_string_equal(sx, sy);
    free(sx);
    free(sy);
    json_decref(x);
    json_decref(y);
    fs_loaded_free(l);

    /* docs/results.schema.json describes the members (python3-jsonschema, as reports_rerender) */
    snprintf(cmd, sizeof cmd,
             "python3 %s/../tests/reports/check_schema.py "
             "%s/../docs/results.schema.json valid '%s'",
             getenv("FS_PROFILES"), getenv("FS_PROFILES"), path);
    assert_int_equal(system(cmd), 0);

    /* hand edits: failing_since on a result that passed, or not a time */
    static const char *const edits[][2] = {
        {"[r.__setitem__(\"failing_since\", \"2026-11-01T09:00:00Z\") for r in "
         "doc[\"hosts\"][0][\"results\"] if r[\"status\"] == \"pass\"]",
         "failing_since: set on a result that did not fail"},
        {"[r.__setitem__(\"failing_since\", \"last tuesday\") for r in "
         "doc[\"hosts\"][0][\"results\"] if r[\"status\"] == \"fail\"]",
         "failing_since: not an RFC 3339 UTC time"},
        {"[r.__setitem__(\"failing_since\", \"2026-13-01T09:00:00Z\") for r in "
         "doc[\"hosts\"][0][\"results\"] if r[\"status\"] == \"fail\"]",
         "failing_since: not an RFC 3339 UTC time"},
        {"[r.__setitem__(\"failing_since\", 7) for r in doc[\"hosts\"][0][\"results\"] if "
         "r[\"status\"] == \"fail\"]",
         "failing_since: not a string"},
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        char edited[160];
        snprintf(edited, sizeof edited, "%s/edited.json", dir);
        snprintf(cmd, sizeof cmd,
                 "python3 -c 'import json,sys; doc=json.load(open(sys.argv[1])); %s; "
                 "json.dump(doc, open(sys.argv[2], \"w\"))' '%s' '%s'",
                 edits[i][0], path, edited);
        assert_int_equal(system(cmd), 0);
        /* the schema refuses it too (but for month 13: its time pattern is digits) */
        snprintf(cmd, sizeof cmd,
                 "python3 %s/../tests/reports/check_schema.py "
                 "%s/../docs/results.schema.json invalid '%s'",
                 getenv("FS_PROFILES"), getenv("FS_PROFILES"), edited);
        if (i != 2)
            assert_int_equal(system(cmd), 0);
        assert_int_equal(fs_report_load(&l, edited, NULL, NULL, &err), FS_ERR_PARSE);
        if (!strstr(fs_buf_cstr(&err), edits[i][1]) || !strstr(fs_buf_cstr(&err), "results["))
            fail_msg("edit %zu: '%s' does not say '%s' and where", i, fs_buf_cstr(&err),
                     edits[i][1]);
        unlink(edited);
    }
    fs_buf_dispose(&err);
    unlink(path);
    rmdir(dir);
    fs_drift_free(d);
    synth_fleet_free(a);
    synth_fleet_free(b);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static char *escaped(const char *s)
{
    struct fs_buf b;
    fs_buf_init(&b, 1 << 16);
    assert_int_equal(fs_html_escape(&b, s), FS_OK);
    return fs_buf_steal(&b);
}

/* The section with hostile host names and evidence (hosts 1 of the hostile fleets): only ever
 * escaped; every category present; absent without drift. */
static void html_section(void **state)
{
    (void)state;
    struct synth_fleet *a = fleet(4, true, "2026-11-01T09:00:00Z");
    struct synth_fleet *b = fleet(4, true, "2026-11-29T09:00:00Z");
    struct fs_rule_result *nf = same(b, 1, nth(a, 1, FS_RESULT_PASS, 0));
    set(nf, FS_RESULT_FAIL, NULL);
    snprintf(nf->failing_since, sizeof nf->failing_since, "2026-11-29T09:00:00Z");
    struct fs_rule_result *ev = same(b, 1, nth(a, 1, FS_RESULT_FAIL, 0));
    set(ev, FS_RESULT_FAIL, SYNTH_HOSTILE_EVIDENCE " now <b>worse</b>");
    snprintf(ev->failing_since, sizeof ev->failing_since, "2026-10-01T09:00:00Z");
    rescore(b);
    struct fs_stored_run sa = {.id = 3, .label = "<i>label</i>"};
    a->report.stored = &sa;
    struct fs_buf doc;
    fs_buf_init(&doc, (size_t)1 << 28);
    assert_int_equal(fs_report_html_doc(&b->report, &doc), FS_OK);
    assert_null(strstr(fs_buf_cstr(&doc), "id=\"drift\""));
    fs_buf_reset(&doc);
    struct fs_drift *d = drift(a, b);
    b->report.drift = d;
    assert_int_equal(fs_report_html_doc(&b->report, &doc), FS_OK);
    const char *h = fs_buf_cstr(&doc);
    const char *s = strstr(h, "<section id=\"drift\"><h2>Since the last audit</h2>");
    assert_non_null(s);
    char *sec = strndup(s, (size_t)(strstr(s, "</section>") - s));
    assert_non_null(strstr(sec, "Compared with run 3 (&lt;i&gt;label&lt;/i&gt;), started "
                                "2026-11-01T09:00:00Z"));
    assert_non_null(strstr(sec, "<h3 id=\"drift-new\">New failures (1)</h3>"));
    assert_non_null(strstr(sec, "<h3 id=\"drift-evidence\">Still failing, evidence changed (1)"));
    assert_non_null(strstr(sec, "<h3 id=\"drift-fixed\">Fixed (0)</h3><p class=\"mute\">None."));
    assert_non_null(strstr(sec, "<h3 id=\"drift-waivers\">"));
    assert_non_null(strstr(sec, "<h3 id=\"drift-scores\">"));
    assert_int_equal(count(sec, "failing since 2026-11-29T09:00:00Z"), 1);
    assert_int_equal(count(sec, "failing since 2026-10-01T09:00:00Z"), 1);
    char *name = escaped(SYNTH_HOSTILE_NAME), *evid = escaped(SYNTH_HOSTILE_EVIDENCE);
    /* the hostile host in new failures, changed evidence (twice: before and now) and scores */
    assert_true(count(sec, name) >= 3);
    assert_true(count(sec, evid) >= 3);
    assert_non_null(strstr(sec, "now &lt;b&gt;worse&lt;/b&gt;"));
    free(name);
    free(evid);
    assert_null(strstr(sec, "<script"));
    assert_null(strstr(sec, "<img"));
    assert_null(strstr(sec, "<b>worse"));
    assert_null(strstr(sec, "<i>label"));
    for (const unsigned char *p = (const unsigned char *)sec; *p; p++) {
        assert_false(*p < 0x20 && *p != '\n');
        assert_false(*p == 0xff || *p == 0xfe);
    }
    free(sec);
    /* the page as a whole still holds exactly its two scripts */
    assert_int_equal(count(h, "<script"), 2);
    /* the host tables' data: failing since by the result's index */
    char want[96];
    snprintf(want, sizeof want, "\"%zu\":\"2026-11-29T09:00:00Z\"",
             (size_t)(nf - b->results[1].results));
    if (!strstr(h, want))
        fail_msg("no '%s' in the embedded data", want);
    snprintf(want, sizeof want, "\"%zu\":\"2026-10-01T09:00:00Z\"",
             (size_t)(ev - b->results[1].results));
    if (!strstr(h, want))
        fail_msg("no '%s' in the embedded data", want);
    assert_non_null(strstr(h, "\"since\":{}"));
    b->report.drift = NULL;
    fs_drift_free(d);
    fs_buf_dispose(&doc);
    synth_fleet_free(a);
    synth_fleet_free(b);
}

static void save_run(struct fs_store *s, struct synth_fleet *f, const char *label)
{
    struct fs_stored_run out;
    struct fs_run_meta m = {.label = label,
                            .source = "scan",
                            .operator_name = "tester",
                            .command_line = "floorscan scan -i inv.yml"};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    snprintf(f->report.finished, sizeof f->report.finished, "%s", f->report.started);
    if (fs_store_failing_since(s, f->results, f->report.n, f->report.started, &err) != FS_OK ||
        fs_store_save(s, &f->report, &m, &out, &err) != FS_OK)
        fail_msg("save %s: %s", label, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
}

/* Runs `floorscan diff ARGS` in this process, its standard output into out (a file). */
static int run_diff(const char *out, int argc, char **argv)
{
    (void)fflush(stdout);
    int saved = dup(1), fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    assert_true(dup2(fd, 1) == 1);
    close(fd);
    int rc = fs_cmd_diff(argc, argv);
    (void)fflush(stdout);
    assert_true(dup2(saved, 1) == 1);
    close(saved);
    return rc;
}

static char *slurp(const char *path)
{
    struct fs_buf b, err;
    fs_buf_init(&b, 1 << 24);
    fs_buf_init(&err, 4096);
    if (fs_buf_read_file(&b, path, "output", &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return fs_buf_steal(&b);
}

/* floorscan diff on a history store: without runs named, the latest run against the previous
 * one of the same hosts; runs by id and label; failing since as the store keeps it; an
 * unknown run is exit 2. */
static void diff_command_on_store(void **state)
{
    (void)state;
    char dir[] = "/tmp/fs-drift-db-XXXXXX", db[128], out[128];
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/history.db", dir);
    snprintf(out, sizeof out, "%s/out.txt", dir);
    struct fs_store *s = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_store_open(&s, db, true, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    struct synth_fleet *r1 = fleet(3, false, "2026-11-01T09:00:00Z");
    struct synth_fleet *r2 = fleet(3, false, "2026-11-08T09:00:00Z");
    struct fs_rule_result *nf = same(r2, 1, nth(r1, 1, FS_RESULT_PASS, 0));
    set(nf, FS_RESULT_FAIL, "now failing");
    struct fs_rule_result *ev = same(r2, 0, nth(r1, 0, FS_RESULT_FAIL, 0));
    set(ev, FS_RESULT_FAIL, "other evidence");
    rescore(r2);
    save_run(s, r1, "week-44");
    save_run(s, r2, "week-45");
    fs_store_close(s);

    char *argv1[] = {"diff", "--db", db, NULL};
    assert_int_equal(run_diff(out, 3, argv1), 1);
    char *t = slurp(out);
    if (!strstr(t, "from: run 1 (week-44), started 2026-11-01T09:00:00Z\n") ||
        !strstr(t, "to  : run 2 (week-45), started 2026-11-08T09:00:00Z\n") ||
        !strstr(t, "\nNew failures (1)\n  host-001  ") ||
        !strstr(t, "failing since 2026-11-08T09:00:00Z  now failing\n") ||
        !strstr(t, "\nStill failing, evidence changed (1)\n  host-000  ") ||
        !strstr(t, "  failing since 2026-11-01T09:00:00Z\n") ||
        !strstr(t, "    now: other evidence\n"))
        fail_msg("unexpected diff:\n%s", t);
    free(t);

    /* by label and id, newer first: the new failure is fixed; exit 0 */
    char *argv2[] = {"diff", "--db", db, "week-45", "1", "--json", NULL};
    assert_int_equal(run_diff(out, 6, argv2), 0);
    json_error_t je;
    json_t *j = json_load_file(out, 0, &je);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "a"), "run")), 2);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "b"), "label")),
                        "week-44");
    assert_int_equal(json_array_size(json_object_get(j, "fixed")), 1);
    assert_int_equal(json_array_size(json_object_get(j, "new_failures")), 0);
    json_decref(j);

    /* a results.json of a stored run (its "history" member) against a stored run */
    char dir2[160];
    snprintf(dir2, sizeof dir2, "%s/r2", dir);
    assert_int_equal(mkdir(dir2, 0700), 0);
    struct fs_stored_run s2 = {.id = 2, .label = "week-45"};
    r2->report.stored = &s2;
    write_json(&r2->report, dir2);
    r2->report.stored = NULL;
    char file2[200];
    snprintf(file2, sizeof file2, "%s/results.json", dir2);
    char *argv4[] = {"diff", "--db", db, "week-44", file2, NULL};
    assert_int_equal(run_diff(out, 5, argv4), 1);
    t = slurp(out);
    if (!strstr(t, "to  : run 2 (week-45), started 2026-11-08T09:00:00Z\n") ||
        !strstr(t, "\nNew failures (1)\n"))
        fail_msg("unexpected diff:\n%s", t);
    free(t);

    char *argv3[] = {"diff", "--db", db, "week-99", NULL};
    assert_int_equal(run_diff(out, 4, argv3), 2);
    fs_buf_dispose(&err);
    unlink(out);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    synth_fleet_free(r1);
    synth_fleet_free(r2);
}

static void rfc3339(void **state)
{
    (void)state;
    assert_true(fs_drift_rfc3339("2026-11-29T14:00:00Z"));
    assert_true(fs_drift_rfc3339("2026-11-29T14:00:00.123Z"));
    assert_false(fs_drift_rfc3339("2026-11-29T14:00:00"));
    assert_false(fs_drift_rfc3339("2026-11-29 14:00:00Z"));
    assert_false(fs_drift_rfc3339("2026-00-29T14:00:00Z"));
    assert_false(fs_drift_rfc3339("2026-11-29T24:00:00Z"));
    assert_false(fs_drift_rfc3339("2026-11-29T14:00:00Zjunk"));
    assert_false(fs_drift_rfc3339("2026-11-29T14:00:00.Z"));
    assert_false(fs_drift_rfc3339(""));
}

int main(void)
{
    snprintf(bench, sizeof bench, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_runs_no_drift),
        cmocka_unit_test(rule_changes),
        cmocka_unit_test(hosts_vanish_and_reappear),
        cmocka_unit_test(waivers_expired_between),
        cmocka_unit_test(fleet_scores),
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(html_section),
        cmocka_unit_test(diff_command_on_store),
        cmocka_unit_test(rfc3339),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
