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
#include "scanner/core/kv.h"

struct fix {
    const char *id;
    const char *data;
    int rc;
    enum fs_fact_state state;
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
static const struct tcase cases[] = {
#include "cases_p1_segmentation.inc"
#include "cases_p2_flows.inc"
#include "cases_p3_hardening.inc"
#include "cases_p4_monitoring.inc"
#include "cases_p5_users.inc"
#include "cases_p6_updates.inc"
#include "cases_p7_recovery.inc"
};

static bool run_case(const struct tcase *c)
{
    bool ok = true;
    struct fs_facts facts;
    struct fs_kvlist values, host;
    fs_facts_init(&facts);
    fs_kvlist_init(&values);
    fs_kvlist_init(&host);
    for (size_t i = 0; i < 4 && c->facts[i].id; i++)
        fs_facts_put(&facts, c->facts[i].id, c->facts[i].data, strlen(c->facts[i].data),
                     c->facts[i].rc, c->facts[i].state);
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

static void all_cases(void **state)
{
    (void)state;
    size_t failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        failed += !run_case(&cases[i]);
    assert_int_equal(failed, 0);
}

/* Every check has a passing, a failing and an error case above. */
static void every_check_covered_both_ways(void **state)
{
    (void)state;
    for (size_t k = 0; k < fs_check_defs_count; k++) {
        bool pass = false, fail = false, error = false;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            if (strcmp(cases[i].rule, fs_check_defs[k].id) != 0)
                continue;
            pass |= cases[i].expect == FS_RESULT_PASS;
            fail |= cases[i].expect == FS_RESULT_FAIL;
            error |= cases[i].expect == FS_RESULT_ERROR;
            /* an informational rule has no verdict to pass or fail */
            if (cases[i].expect == FS_RESULT_INFORMATIONAL)
                pass = fail = true;
        }
        /* a check that reads no device fact cannot meet malformed output */
        error |= fs_check_defs[k].facts[0] == NULL;
        if (!pass || !fail || !error)
            fail_msg("check %s lacks a pass, fail or error fixture", fs_check_defs[k].id);
    }
}

/* Megabytes of junk with NUL bytes and huge lines never crash a check. */
static void junk_facts_never_crash(void **state)
{
    (void)state;
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
        struct fs_kvlist values;
        fs_kvlist_init(&values);
        fs_kvlist_set(&values, "var_password_max_days", "365");
        struct fs_check_ctx ctx = {&facts, &values, NULL};
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
        fs_kvlist_dispose(&values);
        fs_facts_dispose(&facts);
    }
    free(junk);
    assert_int_equal(passed_on_junk, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(all_cases),
        cmocka_unit_test(every_check_covered_both_ways),
        cmocka_unit_test(junk_facts_never_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
