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
#include "scanner/engine/benchmark.h"

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
};

#include "fixtures.h"

/* Most cases need no inventory variable: let the trailing field default to NULL. */
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
        t, sizeof t / sizeof t[0]                                                                  \
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
        if (r)
            assert_int_equal(fs_facts_add_report(&facts, c->facts[i].id, r, strlen(r)), 0);
    }
    if (c->values) {
        char *copy = strdup(c->values), *save = NULL;
        for (char *kv = strtok_r(copy, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(kv, '=');
            *eq = '\0';
            fs_kvlist_set(&values, kv, eq + 1);
        }
        free(copy);
    }
    if (c->role)
        fs_kvlist_set(&host, "role", c->role);
    if (c->hostvar) {
        char *copy = strdup(c->hostvar);
        char *eq = strchr(copy, '=');
        *eq = '\0';
        fs_kvlist_set(&host, copy, eq + 1);
        free(copy);
    }
    const struct fs_check_def *def = fs_check_def_find(c->rule);
    if (!def)
        fail_msg("no check %s", c->rule);
    struct fs_check_ctx ctx = {&facts, &values, &host};
    struct fs_verdict v;
    fs_verdict_init(&v);
    fs_check_run(def, &ctx, &v);
    const char *ev = fs_buf_cstr(&v.evidence);
    if (v.result != c->expect || !strstr(ev, c->evidence)) {
        print_error("%s [%s]: got %s '%s', want %s containing '%s'\n", c->rule, c->name,
                    fs_result_name(v.result), ev, fs_result_name(c->expect), c->evidence);
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

/* Every XCCDF value of the shipped benchmark, bound as the build-server profile binds it, so
 * a check meets junk only after it has read its values (a check that returns early because a
 * value is unbound would never parse the junk). */
static void bind_all_values(struct fs_kvlist *values)
{
    char path[1024];
    const char *dir = getenv("FS_PROFILES");
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/floorscan-ditta-xccdf.xml", dir);
    struct fs_benchmark *b = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_benchmark_load(&b, path, &err), FS_OK);
    const struct fs_profile *p = fs_benchmark_profile(b, "build-server");
    assert_non_null(p);
    assert_int_equal(fs_benchmark_profile_values(b, p, values), FS_OK);
    assert_true(values->n >= 15);
    /* values empty by default (site lists) get something to work with */
    static const char *const site[][2] = {{"var_backup_marker_path", "/var/backups/last"},
                                          {"var_signing_key_dirs", "/srv/keys"},
                                          {"var_allowed_peer_networks", "10.0.0.0/8"},
                                          {"var_log_host", "logs.example"},
                                          {"var_ntp_servers", "ntp.example"},
                                          {"var_sudo_nopasswd_allowed", "deploy"},
                                          {"var_docker_group_allowed", "build"},
                                          {"var_backup_command", "rsync"}};
    for (size_t i = 0; i < sizeof site / sizeof site[0]; i++) {
        const char *v = fs_kvlist_get(values, site[i][0]);
        if (!v || !*v)
            assert_int_equal(fs_kvlist_set(values, site[i][0], site[i][1]), FS_OK);
    }
    fs_benchmark_free(b);
    fs_buf_dispose(&err);
}

/* Megabytes of junk with NUL bytes and huge lines never crash a check, and never pass. */
static void junk_facts_never_crash(void **state)
{
    (void)state;
    struct fs_kvlist all;
    fs_kvlist_init(&all);
    bind_all_values(&all);
    size_t n = 3u << 20;
    char *junk = malloc(n);
    for (size_t i = 0; i < n; i++)
        junk[i] = (char)((i * 2654435761u) >> 13);
    size_t passed_on_junk = 0;
    for (size_t k = 0; k < fs_check_defs_count; k++) {
        struct fs_facts facts;
        fs_facts_init(&facts);
        for (size_t f = 0; f < FS_CHECK_MAX_FACTS && fs_check_defs[k].facts[f]; f++)
            fs_facts_put(&facts, fs_check_defs[k].facts[f], junk, n, 0, FS_FACT_OK);
        struct fs_check_ctx ctx = {&facts, &all, NULL};
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
