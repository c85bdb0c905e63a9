/* SPDX-License-Identifier: Apache-2.0 */
/* Fixture tests for every check: pass, fail and malformed or missing facts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "scanner/core/err.h"
#include "scanner/core/kv.h"
#include "scanner/zones/site.h"
#include "tests/common/values.h"

struct fix {
    const char *id;
    const char *data;
    int rc;
    enum fs_fact_state state;
    const char *report; /* a collector probe report, e.g. "miss find" or "fail find 1" */
};

struct tcase {
    const char *rule;
    const char *name;
    struct fix facts[4];
    const char *values; /* "name=value;name=value" */
    const char *role;
    enum fs_result expect;
    const char *evidence; /* substring the evidence must hold */
    const char *hostvar;  /* "name=value" inventory variable */
    const char *absent;   /* substring the evidence must not hold (e.g. text past a cut) */
    const char *site;     /* a site model (YAML) for ctx.site; NULL: none (no --zones) */
    const char *address;  /* the host's inventory address for ctx.address */
};

#include "fixtures.h"

/* The scanner's clock at the scan of every fixture: 2026-11-29T12:00:00Z. */
#define FS_TEST_SCAN_TIME 1795953600LL

/* Most cases need no inventory variable or absent text: let the trailing fields default to
 * NULL. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
/* One table and one cmocka test per principle, so a failure names the principle and the
 * message names the rule and case. */
static const struct tcase cases_p1[] = {
#include "cases_p1_segmentation.inc"
};
static const struct tcase cases_p2[] = {
#include "cases_p2_flows.inc"
};
static const struct tcase cases_p3[] = {
#include "cases_p3_hardening.inc"
};
static const struct tcase cases_p4[] = {
#include "cases_p4_monitoring.inc"
};
static const struct tcase cases_p5[] = {
#include "cases_p5_users.inc"
};
static const struct tcase cases_p6[] = {
#include "cases_p6_updates.inc"
};
static const struct tcase cases_p7[] = {
#include "cases_p7_recovery.inc"
};
#define TABLE(t)                                                                                   \
    {                                                                                              \
        (t), sizeof(t) / sizeof((t)[0])                                                            \
    }
static const struct {
    const struct tcase *cases;
    size_t n;
} tables[] = {TABLE(cases_p1), TABLE(cases_p2), TABLE(cases_p3), TABLE(cases_p4),
              TABLE(cases_p5), TABLE(cases_p6), TABLE(cases_p7)};

static bool run_case(const struct tcase *c)
{
    bool ok = true;
    struct fs_facts facts;
    struct fs_kvlist values, host;
    fs_facts_init(&facts);
    fs_kvlist_init(&values);
    fs_kvlist_init(&host);
    for (size_t i = 0; i < 4 && c->facts[i].id; i++) {
        assert_int_equal(fs_facts_put(&facts, c->facts[i].id, c->facts[i].data,
                                      strlen(c->facts[i].data), c->facts[i].rc, c->facts[i].state),
                         0);
        const char *r = c->facts[i].report;
        if (r) { /* as the collector sends it: the report, then "end" */
            fs_facts_await_reports(&facts, c->facts[i].id);
            assert_int_equal(fs_facts_add_report(&facts, c->facts[i].id, r, strlen(r)), 0);
            assert_int_equal(fs_facts_add_report(&facts, c->facts[i].id, "end", 3), 0);
        }
    }
    if (c->values) {
        char *copy = strdup(c->values), *save = NULL;
        for (char *kv = strtok_r(copy, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(kv, '=');
            *eq = '\0';
            assert_int_equal(fs_kvlist_set(&values, kv, eq + 1), FS_OK);
        }
        free(copy);
    }
    if (c->role)
        assert_int_equal(fs_kvlist_set(&host, "role", c->role), FS_OK);
    if (c->hostvar) {
        char *copy = strdup(c->hostvar);
        char *eq = strchr(copy, '=');
        *eq = '\0';
        assert_int_equal(fs_kvlist_set(&host, copy, eq + 1), FS_OK);
        free(copy);
    }
    const struct fs_check_def *def = fs_check_def_find(c->rule);
    if (!def)
        fail_msg("no check %s", c->rule);
    struct fs_site *site = NULL;
    if (c->site) {
        struct fs_buf err;
        fs_buf_init(&err, 4096);
        if (fs_site_load_mem(&site, "site.yml", c->site, strlen(c->site), &err) != FS_OK)
            fail_msg("%s [%s]: site model: %s", c->rule, c->name, fs_buf_cstr(&err));
        fs_buf_dispose(&err);
    }
    struct fs_check_ctx ctx = {.facts = &facts,
                               .values = &values,
                               .host_vars = &host,
                               .scan_time = FS_TEST_SCAN_TIME,
                               .site = site,
                               .address = c->address};
    struct fs_verdict v;
    fs_verdict_init(&v);
    fs_check_run(def, &ctx, &v);
    fs_site_free(site);
    const char *ev = fs_buf_cstr(&v.evidence);
    if (v.result != c->expect || !strstr(ev, c->evidence)) {
        print_error("%s [%s]: got %s '%s', want %s containing '%s'\n", c->rule, c->name,
                    fs_result_name(v.result), ev, fs_result_name(c->expect), c->evidence);
        ok = false;
    }
    if (c->absent && strstr(ev, c->absent)) {
        print_error("%s [%s]: evidence '%s' holds '%s'\n", c->rule, c->name, ev, c->absent);
        ok = false;
    }
    for (const char *p = ev; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            fail_msg("%s [%s]: evidence holds a raw control byte", c->rule, c->name);
    fs_verdict_dispose(&v);
    fs_facts_dispose(&facts);
    fs_kvlist_dispose(&values);
    fs_kvlist_dispose(&host);
    return ok;
}

static void run_table(size_t t)
{
    size_t failed = 0;
    for (size_t i = 0; i < tables[t].n; i++)
        failed += !run_case(&tables[t].cases[i]);
    assert_int_equal(failed, 0);
}

static void p1_segmentation(void **state)
{
    (void)state;
    run_table(0);
}
static void p2_flows(void **state)
{
    (void)state;
    run_table(1);
}
static void p3_hardening(void **state)
{
    (void)state;
    run_table(2);
}
static void p4_monitoring(void **state)
{
    (void)state;
    run_table(3);
}
static void p5_users(void **state)
{
    (void)state;
    run_table(4);
}
static void p6_updates(void **state)
{
    (void)state;
    run_table(5);
}
static void p7_recovery(void **state)
{
    (void)state;
    run_table(6);
}

/* Every check has a passing, a failing and an error case above. */
static void every_check_covered_both_ways(void **state)
{
    (void)state;
    for (size_t k = 0; k < fs_check_defs_count; k++) {
        bool pass = false, fail = false, error = false;
        for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
            for (size_t i = 0; i < tables[t].n; i++) {
                const struct tcase *c = &tables[t].cases[i];
                if (strcmp(c->rule, fs_check_defs[k].id) != 0)
                    continue;
                pass |= c->expect == FS_RESULT_PASS;
                fail |= c->expect == FS_RESULT_FAIL;
                error |= c->expect == FS_RESULT_ERROR;
                /* an informational rule has no verdict to pass or fail */
                if (c->expect == FS_RESULT_INFORMATIONAL)
                    pass = fail = true;
            }
        /* a check that reads no device fact cannot meet malformed output */
        error |= fs_check_defs[k].facts[0] == NULL;
        if (!pass || !fail || !error)
            fail_msg("check %s lacks a pass, fail or error fixture", fs_check_defs[k].id);
    }
}

/* Megabytes of junk with NUL bytes and huge lines never crash a check, and never pass. */
static void junk_facts_never_crash(void **state)
{
    (void)state;
    /* Every value bound, so a check meets the junk only after it has read its values (a check
     * that returns early because a value is unbound would never parse the junk). */
    struct fs_kvlist all;
    fs_kvlist_init(&all);
    assert_int_equal(fs_test_bind_all_values(&all, "build-server"), 0);
    size_t n = 3u << 20;
    char *junk = malloc(n);
    for (size_t i = 0; i < n; i++)
        junk[i] = (char)((i * 2654435761u) >> 13);
    size_t passed_on_junk = 0;
    for (size_t k = 0; k < fs_check_defs_count; k++) {
        struct fs_facts facts;
        fs_facts_init(&facts);
        for (size_t f = 0; f < FS_CHECK_MAX_FACTS && fs_check_defs[k].facts[f]; f++)
            assert_int_equal(
                fs_facts_put(&facts, fs_check_defs[k].facts[f], junk, n, 0, FS_FACT_OK), FS_OK);
        struct fs_check_ctx ctx = {
            .facts = &facts, .values = &all, .host_vars = NULL, .scan_time = FS_TEST_SCAN_TIME};
        struct fs_verdict v;
        fs_verdict_init(&v);
        fs_check_run(&fs_check_defs[k], &ctx, &v);
        assert_true(v.evidence.len <= FS_EVIDENCE_MAX + 64);
        if (v.result == FS_RESULT_PASS) {
            print_error("check %s passed on junk facts: %s\n", fs_check_defs[k].id,
                        fs_buf_cstr(&v.evidence));
            passed_on_junk++;
        }
        fs_verdict_dispose(&v);
        fs_facts_dispose(&facts);
    }
    fs_kvlist_dispose(&all);
    free(junk);
    assert_int_equal(passed_on_junk, 0);
}

/* 100 000 accounts (a device can have them) are judged whole: the last line counts. */
static void large_account_databases_are_judged_whole(void **state)
{
    (void)state;
    struct fs_buf pw, gr, ll;
    fs_buf_init(&pw, 16u << 20);
    fs_buf_init(&gr, 16u << 20);
    fs_buf_init(&ll, 16u << 20);
    for (int i = 0; i < 100000; i++) {
        /* lastlog names 100 000 accounts that are not in passwd, and the last one that is */
        assert_int_equal(fs_buf_addf(&ll, "old gone%d\n", i), 0);
        assert_int_equal(
            fs_buf_addf(&pw, "u%d:x:%d:%d::/home/u%d:/bin/sh\n", i, 10000 + i, 10000 + i, i), 0);
        assert_int_equal(fs_buf_addf(&gr, "u%d:x:%d:\n", i, 10000 + i), 0);
    }
    /* the last account shares the first one's uid and has no group */
    assert_int_equal(fs_buf_adds(&pw, "late:x:10000:99::/:/bin/sh\n"), 0);
    assert_int_equal(fs_buf_adds(&ll, "old late\n"), 0);
    struct fs_facts facts;
    fs_facts_init(&facts);
    assert_int_equal(fs_facts_put(&facts, "passwd", pw.data, pw.len, 0, FS_FACT_OK), 0);
    assert_int_equal(fs_facts_put(&facts, "group", gr.data, gr.len, 0, FS_FACT_OK), 0);
    assert_int_equal(fs_facts_put(&facts, "lastlog_old", ll.data, ll.len, 0, FS_FACT_OK), 0);
    struct fs_check_ctx ctx = {
        .facts = &facts, .values = NULL, .host_vars = NULL, .scan_time = FS_TEST_SCAN_TIME};
    static const char *const rules[][2] = {{"accounts_no_duplicate_uids", "u0 and late"},
                                           {"accounts_groups_exist", "late (gid 99)"},
                                           {"accounts_no_stale_logins", "(or never): late"}};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        struct fs_verdict v;
        fs_verdict_init(&v);
        fs_check_run(fs_check_def_find(rules[i][0]), &ctx, &v);
        if (v.result != FS_RESULT_FAIL || !strstr(fs_buf_cstr(&v.evidence), rules[i][1]))
            fail_msg("%s: %s '%s'", rules[i][0], fs_result_name(v.result),
                     fs_buf_cstr(&v.evidence));
        fs_verdict_dispose(&v);
    }
    fs_facts_dispose(&facts);
    fs_buf_dispose(&pw);
    fs_buf_dispose(&gr);
    fs_buf_dispose(&ll);
}

/* A fact whose probe reports were cut off (no "end" report) proves nothing: every check that
 * reads it is an error, even when the fact's own output looks compliant. */
static void facts_without_all_reports_prove_nothing(void **state)
{
    (void)state;
    static const char pw[] = "root::0:0:::/bin/sh\n";
    struct fs_facts facts;
    fs_facts_init(&facts);
    assert_int_equal(fs_facts_put(&facts, "passwd", pw, sizeof pw - 1, 0, FS_FACT_OK), 0);
    struct fs_check_ctx ctx = {
        .facts = &facts, .values = NULL, .host_vars = NULL, .scan_time = FS_TEST_SCAN_TIME};
    struct fs_verdict v;
    fs_verdict_init(&v);
    fs_check_run(fs_check_def_find("accounts_no_extra_uid_zero"), &ctx, &v);
    assert_int_equal(v.result, FS_RESULT_PASS); /* with every report: judged */
    fs_verdict_dispose(&v);
    fs_facts_await_reports(&facts, "passwd"); /* the frame parser's state until "end" */
    fs_verdict_init(&v);
    fs_check_run(fs_check_def_find("accounts_no_extra_uid_zero"), &ctx, &v);
    assert_int_equal(v.result, FS_RESULT_ERROR);
    assert_non_null(strstr(fs_buf_cstr(&v.evidence), "did not all arrive"));
    fs_verdict_dispose(&v);
    fs_facts_dispose(&facts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(p1_segmentation),
        cmocka_unit_test(p2_flows),
        cmocka_unit_test(p3_hardening),
        cmocka_unit_test(p4_monitoring),
        cmocka_unit_test(p5_users),
        cmocka_unit_test(p6_updates),
        cmocka_unit_test(p7_recovery),
        cmocka_unit_test(every_check_covered_both_ways),
        cmocka_unit_test(junk_facts_never_crash),
        cmocka_unit_test(large_account_databases_are_judged_whole),
        cmocka_unit_test(facts_without_all_reports_prove_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
