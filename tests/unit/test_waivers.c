/* SPDX-License-Identifier: Apache-2.0 */
/* The waiver register: validation with FILE:LINE messages, scopes, rule patterns, applies_to,
 * expiry judged on the UTC day, first match wins, unused waivers, and re-scoring on apply. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/core/digest.h"
#include "scanner/core/err.h"
#include "scanner/core/limits.h"
#include "scanner/engine/benchmark.h"
#include "scanner/inventory/inventory.h"
#include "scanner/waivers/waivers.h"

static struct fs_benchmark *bench;
static struct fs_inventory *inv;

static const char inventory_yaml[] = "all:\n"
                                     "  children:\n"
                                     "    build_servers:\n"
                                     "      vars: { role: build-server, zone: engineering }\n"
                                     "      hosts:\n"
                                     "        bs01:\n"
                                     "        bs02:\n"
                                     "    test_stations:\n"
                                     "      vars: { role: test-station, zone: test-lab }\n"
                                     "      hosts:\n"
                                     "        ts01:\n"
                                     "    plcs:\n"
                                     "      hosts:\n"
                                     "        plc1: { role: production-device, zone: cell-3 }\n"
                                     "    misc:\n"
                                     "      hosts:\n"
                                     "        lone:\n";

static int setup(void **state)
{
    (void)state;
    char path[1024];
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    snprintf(path, sizeof path, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    if (fs_benchmark_load(&bench, path, &err) != FS_OK ||
        fs_inventory_load_mem(&inv, "inv.yml", inventory_yaml, strlen(inventory_yaml), &err) !=
            FS_OK) {
        fprintf(stderr, "setup: %s\n", fs_buf_cstr(&err));
        fs_buf_dispose(&err);
        return -1;
    }
    fs_buf_dispose(&err);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fs_benchmark_free(bench);
    fs_inventory_free(inv);
    return 0;
}

static const struct fs_host *host(const char *name)
{
    const struct fs_host *h = fs_inventory_find(inv, name);
    assert_non_null(h);
    return h;
}

#define HALF_DAY ((time_t)12 * 3600)

/* Noon UTC of a YYYY-MM-DD day. */
static time_t day(const char *ymd)
{
    long d;
    assert_true(fs_waiver_date_days(ymd, &d));
    return (time_t)d * 86400 + HALF_DAY;
}

static struct fs_waivers *load(const char *yaml)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_waivers *w = NULL;
    if (fs_waivers_load_mem(&w, "w.yml", yaml, strlen(yaml), bench, inv, &err) != FS_OK)
        fail_msg("load: %s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return w;
}

/* A register judged on day ymd with the default warning window. */
static struct fs_waivers *load_on(const char *yaml, const char *ymd)
{
    struct fs_waivers *w = load(yaml);
    fs_waivers_judge(w, day(ymd), FS_WAIVER_WARN_DAYS);
    return w;
}

#define RULE(id)   "waivers:\n  - rule: " id "\n"
#define ROOT_LOGIN "xccdf_org.floorscan_rule_sshd_disable_root_login"
#define PASSWORD   "xccdf_org.floorscan_rule_sshd_disable_password_auth"
#define TELNET     "xccdf_org.floorscan_rule_service_telnet_disabled"
#define PEOPLE                                                                                     \
    "    reason: Vendor software needs it\n"                                                       \
    "    requested_by: A. Smith, Test Engineering\n"                                               \
    "    approved_by: J. Doe, Quality Assurance\n"
#define PEOPLE_NO_REASON                                                                           \
    "    requested_by: A. Smith, Test Engineering\n"                                               \
    "    approved_by: J. Doe, Quality Assurance\n"
#define DATES                                                                                      \
    "    approved: 2026-11-02\n"                                                                   \
    "    expires: 2027-06-30\n"
/* One waiver of rule id with the scope line(s) given. */
#define ONE(id, scope) RULE(id) scope PEOPLE DATES

static const struct fs_waiver *match(const struct fs_waivers *w, const char *h, const char *rule,
                                     enum fs_result r)
{
    return fs_waivers_match(w, host(h), rule, (int)r);
}

static void scope_by_host_group_zone_role_all(void **state)
{
    (void)state;
    struct {
        const char *scope;
        const char *in[3];
        const char *out[3];
    } cases[] = {
        {"    hosts: bs01\n", {"bs01"}, {"bs02", "ts01", "lone"}},
        {"    hosts: [test_stations]\n", {"ts01"}, {"bs01", "plc1"}},
        {"    hosts: [bs02, plcs]\n", {"bs02", "plc1"}, {"bs01", "ts01"}},
        {"    zones: engineering\n", {"bs01", "bs02"}, {"ts01", "plc1", "lone"}},
        {"    zones: [cell-3, test-lab]\n", {"plc1", "ts01"}, {"bs01", "lone"}},
        {"    roles: [production-device]\n", {"plc1"}, {"bs01", "ts01", "lone"}},
        {"    roles: baseline\n", {"lone"}, {"bs01", "plc1"}},
        {"    hosts: all\n", {"bs01", "ts01", "lone"}, {NULL}},
        /* scopes add up: any one is enough */
        {"    hosts: lone\n    roles: test-station\n", {"lone", "ts01"}, {"bs01", "plc1"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char full[1024];
        snprintf(full, sizeof full, "%s%s%s", RULE("sshd_disable_root_login"), cases[i].scope,
                 PEOPLE DATES);
        struct fs_waivers *w = load_on(full, "2027-01-15");
        for (size_t k = 0; k < 3 && cases[i].in[k]; k++)
            if (!match(w, cases[i].in[k], ROOT_LOGIN, FS_RESULT_FAIL))
                fail_msg("scope %s: %s not waived", cases[i].scope, cases[i].in[k]);
        for (size_t k = 0; k < 3 && cases[i].out[k]; k++)
            if (match(w, cases[i].out[k], ROOT_LOGIN, FS_RESULT_FAIL))
                fail_msg("scope %s: %s waived", cases[i].scope, cases[i].out[k]);
        /* another rule is never waived by it */
        assert_null(match(w, cases[i].in[0], PASSWORD, FS_RESULT_FAIL));
        fs_waivers_free(w);
    }
    /* "all" applies to hosts outside any inventory too (command-line targets have no groups) */
    struct fs_waivers *w =
        load_on(ONE("sshd_disable_root_login", "    hosts: all\n"), "2027-01-15");
    struct fs_host target = {.name = "10.0.0.9"};
    assert_non_null(fs_waivers_match(w, &target, ROOT_LOGIN, FS_RESULT_FAIL));
    fs_waivers_free(w);
}

static void rule_glob_full_id_and_exact(void **state)
{
    (void)state;
    struct fs_waivers *w = load_on(ONE("sshd_*", "    hosts: all\n"), "2027-01-15");
    assert_non_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_FAIL));
    assert_non_null(match(w, "bs01", PASSWORD, FS_RESULT_FAIL));
    assert_null(match(w, "bs01", TELNET, FS_RESULT_FAIL));
    assert_true(fs_waiver_rule_matches(&w->w[0], ROOT_LOGIN));
    fs_waivers_free(w);

    w = load_on(ONE(ROOT_LOGIN, "    hosts: all\n"), "2027-01-15");
    assert_non_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_FAIL));
    assert_null(match(w, "bs01", PASSWORD, FS_RESULT_FAIL));
    fs_waivers_free(w);

    w = load_on(ONE("sshd_disable_root_login", "    hosts: all\n"), "2027-01-15");
    assert_non_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_FAIL));
    assert_null(match(w, "bs01", PASSWORD, FS_RESULT_FAIL));
    /* an exact id is not a prefix */
    assert_false(fs_waiver_rule_matches(&w->w[0], ROOT_LOGIN "_extra"));
    fs_waivers_free(w);
}

static void applies_to_fail_and_error(void **state)
{
    (void)state;
    struct fs_waivers *w = load_on(ONE("sshd_*", "    hosts: all\n"), "2027-01-15");
    assert_true(w->w[0].waive_fail);
    assert_false(w->w[0].waive_error);
    assert_non_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_FAIL));
    assert_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_ERROR));
    assert_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_UNKNOWN));
    fs_waivers_free(w);

    w = load_on(ONE("sshd_*", "    hosts: all\n") "    applies_to: [fail, error]\n", "2027-01-15");
    assert_non_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_FAIL));
    assert_non_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_ERROR));
    assert_non_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_UNKNOWN));
    fs_waivers_free(w);

    w = load_on(ONE("sshd_*", "    hosts: all\n") "    applies_to: error\n", "2027-01-15");
    assert_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_FAIL));
    assert_non_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_ERROR));
    /* pass, notapplicable and the rest are never waived, whatever applies_to says */
    static const enum fs_result never[] = {FS_RESULT_PASS, FS_RESULT_NOTAPPLICABLE,
                                           FS_RESULT_NOTCHECKED, FS_RESULT_INFORMATIONAL,
                                           FS_RESULT_NOTSELECTED};
    fs_waivers_free(w);
    w = load_on(ONE("sshd_*", "    hosts: all\n") "    applies_to: [error, fail]\n", "2027-01-15");
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        assert_null(match(w, "bs01", ROOT_LOGIN, never[i]));
    fs_waivers_free(w);
}

static void expiry_on_the_utc_day(void **state)
{
    (void)state;
    /* approved 2026-11-02, expires 2027-06-30 */
    struct fs_waivers *w = load(ONE("sshd_disable_root_login", "    hosts: all\n"));
    /* not judged yet: nothing is waived */
    assert_string_equal(w->judged_on, "");
    assert_null(match(w, "bs01", ROOT_LOGIN, FS_RESULT_FAIL));
    struct {
        time_t t;
        enum fs_waiver_state state;
        bool applies;
    } cases[] = {
        {day("2027-06-30"), FS_WAIVER_EXPIRING, true},                /* its last day */
        {day("2027-06-30") + HALF_DAY - 1, FS_WAIVER_EXPIRING, true}, /* 23:59:59 UTC */
        {day("2027-07-01") - HALF_DAY, FS_WAIVER_EXPIRED, false},     /* 00:00:00 the day after */
        {day("2027-07-01"), FS_WAIVER_EXPIRED, false},
        {day("2030-01-01"), FS_WAIVER_EXPIRED, false},
        /* the warning window: 30 days left is active, 29 is expiring */
        {day("2027-05-31"), FS_WAIVER_ACTIVE, true},
        {day("2027-06-01"), FS_WAIVER_EXPIRING, true},
        /* approved in the future: pending until its approval day */
        {day("2026-11-01"), FS_WAIVER_PENDING, false},
        {day("2026-11-02") - HALF_DAY, FS_WAIVER_ACTIVE, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fs_waivers_judge(w, cases[i].t, 30);
        if (w->w[0].state != cases[i].state)
            fail_msg("case %zu (%s): state %s, expected %s", i, w->judged_on,
                     fs_waiver_state_name(w->w[0].state), fs_waiver_state_name(cases[i].state));
        assert_int_equal(match(w, "bs01", ROOT_LOGIN, FS_RESULT_FAIL) != NULL, cases[i].applies);
    }
    fs_waivers_judge(w, day("2027-06-30"), 30);
    assert_string_equal(w->judged_on, "2027-06-30");
    assert_int_equal(w->warn_days, 30);
    assert_int_equal(fs_waiver_days_left(w, &w->w[0]), 0);
    fs_waivers_judge(w, day("2027-06-20"), 0); /* no warning window: active to the end */
    assert_int_equal(w->w[0].state, FS_WAIVER_ACTIVE);
    assert_int_equal(fs_waiver_days_left(w, &w->w[0]), 10);
    fs_waivers_judge(w, day("2027-06-20"), 11);
    assert_int_equal(w->w[0].state, FS_WAIVER_EXPIRING);
    fs_waivers_judge(w, day("2027-06-20"), 10);
    assert_int_equal(w->w[0].state, FS_WAIVER_ACTIVE);
    fs_waivers_free(w);
}

static void state_names(void **state)
{
    (void)state;
    static const char *const names[] = {"active", "expiring", "expired", "pending"};
    for (int s = FS_WAIVER_ACTIVE; s <= FS_WAIVER_PENDING; s++) {
        enum fs_waiver_state back;
        assert_string_equal(fs_waiver_state_name((enum fs_waiver_state)s), names[s]);
        assert_int_equal(fs_waiver_state_parse(names[s], &back), FS_OK);
        assert_int_equal(back, s);
    }
    enum fs_waiver_state back;
    assert_int_equal(fs_waiver_state_parse("Active", &back), FS_ERR_INVAL);
    assert_int_equal(fs_waiver_state_parse("", &back), FS_ERR_INVAL);
}

/* A host result with the given rules (by short id) and results. */
struct fake_host {
    struct fs_host_result hr;
    struct fs_rule_result rr[4];
};

static void fake(struct fake_host *f, const char *hostname, bool evaluated, size_t n,
                 const char *const ids[], const enum fs_result res[])
{
    memset(f, 0, sizeof *f);
    f->hr.host = host(hostname);
    f->hr.status = FS_HOST_SCANNED;
    f->hr.evaluated = evaluated;
    f->hr.results = f->rr;
    f->hr.nresults = n;
    for (size_t i = 0; i < n; i++) {
        f->rr[i].rule = fs_benchmark_rule(bench, ids[i]);
        assert_non_null(f->rr[i].rule);
        f->rr[i].result = res[i];
    }
    fs_score_host(&f->hr);
}

static void apply_rescores_counts_and_first_match_wins(void **state)
{
    (void)state;
    /* line 2: root login on bs01; line 9: every sshd rule on build servers; line 16: telnet on
     * ts01 (never met: unused); line 23: expired. */
    struct fs_waivers *w;
    static const char yaml[] =
        "waivers:\n"
        "  - rule: sshd_disable_root_login\n"
        "    hosts: bs01\n" PEOPLE DATES "  - rule: sshd_*\n"
        "    hosts: build_servers\n" PEOPLE DATES "  - rule: service_telnet_disabled\n"
        "    hosts: ts01\n" PEOPLE DATES "  - rule: sshd_disable_password_auth\n"
        "    hosts: all\n" PEOPLE "    approved: 2020-01-01\n"
        "    expires: 2020-12-31\n";
    w = load_on(yaml, "2027-01-15");
    assert_int_equal(w->n, 4);
    assert_int_equal(w->w[0].line, 2);
    assert_int_equal(w->w[1].line, 9);
    assert_int_equal(w->w[3].state, FS_WAIVER_EXPIRED);

    static const char *const ids[] = {"sshd_disable_root_login", "sshd_disable_password_auth",
                                      "service_telnet_disabled", "sshd_disable_empty_passwords"};
    static const enum fs_result bs01_res[] = {FS_RESULT_FAIL, FS_RESULT_PASS, FS_RESULT_PASS,
                                              FS_RESULT_PASS};
    static const enum fs_result bs02_res[] = {FS_RESULT_FAIL, FS_RESULT_FAIL, FS_RESULT_PASS,
                                              FS_RESULT_ERROR};
    static const enum fs_result lone_res[] = {FS_RESULT_FAIL, FS_RESULT_FAIL, FS_RESULT_PASS,
                                              FS_RESULT_PASS};
    struct fake_host hosts[4];
    fake(&hosts[0], "bs01", true, 4, ids, bs01_res);
    fake(&hosts[1], "bs02", true, 4, ids, bs02_res);
    fake(&hosts[2], "lone", true, 4, ids, lone_res);
    fake(&hosts[3], "bs02", false, 4, ids, bs02_res); /* not evaluated */
    /* bs01 before: one high fail among four high rules: 75 */
    assert_true(hosts[0].hr.score.has_score);
    assert_true(hosts[0].hr.score.score < 100.0);
    struct fs_host_result hr[4];
    for (size_t i = 0; i < 4; i++)
        hr[i] = hosts[i].hr;
    fs_waivers_apply(w, hr, 4);

    /* bs01: its one fail waived by the first waiver (first match wins over sshd_*) */
    assert_ptr_equal(hr[0].results[0].waiver, &w->w[0]);
    assert_null(hr[0].results[1].waiver); /* pass: never waived */
    assert_true(hr[0].score.has_score);
    assert_true(hr[0].score.score == 100.0);
    assert_true(hr[0].score.has_unwaived);
    assert_true(hr[0].score.unwaived < 100.0);
    assert_true(hr[0].score.unwaived > 74.9 && hr[0].score.unwaived < 75.1);
    assert_int_equal(hr[0].score.waived, 1);
    assert_int_equal(hr[0].score.fail, 1); /* the raw status still counts as fail */
    assert_int_equal(hr[0].results[0].result, FS_RESULT_FAIL);
    /* the principle's scores follow: waived left out, unwaived counts it */
    const struct fs_score *ps = &hr[0].principles[hr[0].results[0].rule->principle];
    assert_int_equal(ps->waived, 1);
    assert_true(ps->has_unwaived && ps->unwaived < 100.0);
    assert_true(!ps->has_score || ps->score == 100.0);

    /* bs02: both sshd fails waived by sshd_* (not in the first waiver's scope); the error is
     * not waived (applies_to defaults to fail) */
    assert_ptr_equal(hr[1].results[0].waiver, &w->w[1]);
    assert_ptr_equal(hr[1].results[1].waiver, &w->w[1]);
    assert_null(hr[1].results[3].waiver);
    assert_int_equal(hr[1].score.waived, 2);
    assert_true(hr[1].score.score == 100.0);
    assert_true(hr[1].score.has_strict && hr[1].score.strict < 100.0);

    /* lone: out of every active scope; the expired waiver for all hosts is not applied */
    for (size_t i = 0; i < 4; i++)
        assert_null(hr[2].results[i].waiver);
    assert_int_equal(hr[2].score.waived, 0);
    assert_true(hr[2].score.score < 100.0);

    /* not evaluated: left alone */
    for (size_t i = 0; i < 4; i++)
        assert_null(hr[3].results[i].waiver);
    assert_int_equal(hr[3].score.waived, 0);

    assert_int_equal(w->w[0].matched, 1);
    assert_int_equal(w->w[1].matched, 2);
    assert_int_equal(w->w[2].matched, 0); /* unused */
    assert_int_equal(w->w[3].matched, 0); /* expired */

    /* judging again resets the counts; applying again counts from zero */
    fs_waivers_judge(w, day("2027-01-15"), FS_WAIVER_WARN_DAYS);
    assert_int_equal(w->w[1].matched, 0);
    fs_waivers_apply(w, hr, 4);
    fs_waivers_apply(w, hr, 4);
    assert_int_equal(w->w[1].matched, 2);

    /* after expiry nothing applies and the score is the unwaived one again */
    fs_waivers_judge(w, day("2027-07-01"), FS_WAIVER_WARN_DAYS);
    fs_waivers_apply(w, hr, 4);
    assert_null(hr[0].results[0].waiver);
    assert_true(hr[0].score.score < 100.0);
    assert_int_equal(w->w[0].matched, 0);

    /* no register: waivers cleared */
    fs_waivers_judge(w, day("2027-01-15"), FS_WAIVER_WARN_DAYS);
    fs_waivers_apply(w, hr, 4);
    assert_non_null(hr[0].results[0].waiver);
    fs_waivers_apply(NULL, hr, 4);
    assert_null(hr[0].results[0].waiver);
    assert_int_equal(hr[0].score.waived, 0);
    fs_waivers_free(w);
}

static void valid_registers(void **state)
{
    (void)state;
    /* an empty list is a valid register */
    struct fs_waivers *w = load("waivers: []\n");
    assert_int_equal(w->n, 0);
    assert_string_equal(w->path, "w.yml");
    assert_string_equal(w->sha256, ""); /* from memory */
    fs_waivers_free(w);
    /* every field read; text trimmed; optional fields absent are NULL */
    w = load(RULE("sshd_disable_root_login") "    hosts: [bs01, test_stations]\n"
                                             "    reason: \"  Vendor software  \"\n"
                                             "    requested_by: A. Smith\n"
                                             "    approved_by: J. Doe\n"
                                             "    approved: 2026-11-02\n"
                                             "    expires: 2027-06-30\n"
                                             "    ticket: CR-1234\n"
                                             "    compensating: Isolated VLAN\n"
                                             "  - rule: sshd_*\n"
                                             "    zones: test-lab\n"
                                             "    roles: [build-server]\n" PEOPLE DATES);
    assert_int_equal(w->n, 2);
    assert_int_equal(w->w[0].line, 2);
    assert_string_equal(w->w[0].rule, "sshd_disable_root_login");
    assert_int_equal(w->w[0].nhosts, 2);
    assert_string_equal(w->w[0].hosts[1], "test_stations");
    assert_string_equal(w->w[0].reason, "Vendor software");
    assert_string_equal(w->w[0].requested_by, "A. Smith");
    assert_string_equal(w->w[0].approved_by, "J. Doe");
    assert_string_equal(w->w[0].approved, "2026-11-02");
    assert_string_equal(w->w[0].expires, "2027-06-30");
    assert_string_equal(w->w[0].ticket, "CR-1234");
    assert_string_equal(w->w[0].compensating, "Isolated VLAN");
    assert_true(w->w[0].waive_fail && !w->w[0].waive_error);
    assert_int_equal(w->w[1].line, 11);
    assert_null(w->w[1].ticket);
    assert_null(w->w[1].compensating);
    assert_int_equal(w->w[1].nzones, 1);
    assert_int_equal(w->w[1].nroles, 1);
    assert_int_equal(w->w[1].nhosts, 0);
    fs_waivers_free(w);

    /* without an inventory, scopes are not checked against one */
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    const char *y = ONE("sshd_disable_root_login", "    hosts: nobody\n    zones: mars\n");
    assert_int_equal(fs_waivers_load_mem(&w, "w.yml", y, strlen(y), bench, NULL, &err), FS_OK);
    fs_waivers_free(w);
    assert_int_equal(fs_waivers_load_mem(&w, "w.yml", y, strlen(y), bench, inv, &err),
                     FS_ERR_INVAL);
    assert_null(w);

    /* from a file: the digest is the file's */
    char path[] = "/tmp/fs-waivers-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = ONE("sshd_disable_root_login", "    hosts: all\n");
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    assert_int_equal(close(fd), 0);
    assert_int_equal(fs_waivers_load(&w, path, bench, inv, &err), FS_OK);
    char sha[FS_SHA256_HEX];
    assert_int_equal(fs_sha256_file(path, sha), FS_OK);
    assert_string_equal(w->sha256, sha);
    assert_string_equal(w->path, path);
    fs_waivers_free(w);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(fs_waivers_load(&w, path, bench, inv, &err), FS_ERR_IO);
    assert_null(w);
    assert_non_null(strstr(fs_buf_cstr(&err), "cannot open the waiver register"));
    fs_buf_dispose(&err);
}

static void invalid_registers_name_file_and_line(void **state)
{
    (void)state;
    static struct fs_waivers sentinel;
    static const struct {
        const char *yaml;
        int line; /* 0: no line */
        const char *message;
    } cases[] = {
        {"", 0, "the register is empty"},
        {"- a\n", 1, "the top level must be a mapping with 'waivers:', not a list"},
        {"waiver: []\n", 1, "unknown key 'waiver' at the top level"},
        {"waivers: []\nwaivers: []\n", 2, "key 'waivers' appears twice (first at line 1)"},
        {"waivers:\n", 1, "waivers must be a list ('waivers: []' for none), not empty"},
        {"waivers: {a: b}\n", 1, "waivers must be a list"},
        {"waivers: [\n", 2, "invalid YAML"},
        {"waivers:\n  - just a string\n", 2, "a waiver must be a mapping"},
        {RULE("sshd_disable_root_login") "    hosts: all\n    colour: red\n" PEOPLE DATES, 4,
         "unknown key 'colour' in a waiver"},
        {RULE("no_such_rule") "    hosts: all\n" PEOPLE DATES, 2,
         "unknown rule 'no_such_rule' (not in the benchmark"},
        {RULE("zzz_*") "    hosts: all\n" PEOPLE DATES, 2,
         "rule pattern 'zzz_*' matches no rule of the benchmark"},
        {RULE("xccdf_org.floorscan_rule_nope") "    hosts: all\n" PEOPLE DATES, 2,
         "unknown rule 'xccdf_org.floorscan_rule_nope'"},
        {RULE("\"s*_*_*_*_*\"") "    hosts: all\n" PEOPLE DATES, 2,
         "rule 's*_*_*_*_*' holds more than 4 '*'"},
        {RULE("[a, b]") "    hosts: all\n" PEOPLE DATES, 2, "rule must be a text, not a list"},
        {RULE("sshd_disable_root_login") "    hosts: [bs01, nobody]\n" PEOPLE DATES, 3,
         "hosts: 'nobody' is no host or group of the inventory"},
        {RULE("sshd_disable_root_login") "    zones: mars\n" PEOPLE DATES, 3,
         "zones: 'mars' is the zone of no host of the inventory"},
        {RULE("sshd_disable_root_login") "    roles: [pilot]\n" PEOPLE DATES, 3,
         "roles: 'pilot' is the role of no host of the inventory"},
        {RULE("sshd_disable_root_login") "    hosts: []\n" PEOPLE DATES, 3,
         "hosts is an empty list"},
        {RULE("sshd_disable_root_login") "    hosts: {bs01: x}\n" PEOPLE DATES, 3,
         "hosts must be a name or a list of names, not a mapping"},
        {RULE("sshd_disable_root_login") "    hosts: [[bs01]]\n" PEOPLE DATES, 3,
         "hosts must be a list of names, not of a list"},
        {RULE("sshd_disable_root_login") "    hosts: \"\"\n" PEOPLE DATES, 3, "hosts is empty"},
        {RULE("sshd_disable_root_login") PEOPLE DATES, 2,
         "the waiver has no scope (hosts:, zones: or roles:"},
        {"waivers:\n  - hosts: all\n" PEOPLE DATES, 2, "the waiver has no rule"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         2, "the waiver has no reason"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: r\n    approved_by: B\n" DATES,
         2, "the waiver has no requested_by"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: r\n    requested_by: A\n" DATES,
         2, "the waiver has no approved_by"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    expires: 2027-06-30\n", 2,
         "the waiver has no approved"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    approved: 2026-11-02\n", 2,
         "the waiver has no expires"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: \"\"\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         4, "reason is empty"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason:\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         4, "reason is empty"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: r\n"
                                         "    requested_by: \"   \"\n    approved_by: B\n" DATES,
         5, "requested_by is empty"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: r\n"
                                         "    requested_by: J. Doe\n"
                                         "    approved_by: \" j. DOE \"\n" DATES,
         6, "approved_by 'j. DOE' is the requester: a waiver needs a different approver"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    approved: 2026-1-2\n"
                                         "    expires: 2027-06-30\n",
         7, "approved '2026-1-2' is not a date (YYYY-MM-DD)"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    approved: 2026-11-02\n"
                                         "    expires: 2027-02-30\n",
         8, "expires '2027-02-30' is not a calendar day"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    approved: 2026-13-01\n"
                                         "    expires: 2027-02-03\n",
         7, "approved '2026-13-01' is not a calendar day"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    approved: 2026-11-02\n"
                                         "    expires: 2100-02-29\n",
         8, "expires '2100-02-29' is not a calendar day"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    approved: 2026-11-02\n"
                                         "    expires: 2027-06-30T00:00:00Z\n",
         8, "expires '2027-06-30T00:00:00Z' is not a date"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    approved: [2026]\n"
                                         "    expires: 2027-06-30\n",
         7, "approved must be a date (YYYY-MM-DD), not a list"},
        {RULE("sshd_disable_root_login") "    hosts: all\n" PEOPLE "    approved: 2026-11-02\n"
                                         "    expires: 2026-11-01\n",
         8, "expires 2026-11-01 is before approved 2026-11-02"},
        {ONE("sshd_disable_root_login", "    hosts: all\n") "    applies_to: [fail, pass]\n", 9,
         "applies_to 'pass' is not fail or error"},
        {ONE("sshd_disable_root_login", "    hosts: all\n") "    applies_to: []\n", 9,
         "applies_to is an empty list"},
        {ONE("sshd_disable_root_login", "    hosts: all\n") "    applies_to: {fail: 1}\n", 9,
         "applies_to must be a list of fail and error, not a mapping"},
        {ONE("sshd_disable_root_login", "    hosts: all\n") "    reason: again\n", 9,
         "key 'reason' appears twice in this waiver (first at line 4)"},
        {ONE("sshd_disable_root_login", "    hosts: all\n") "    ticket: \"\"\n", 9,
         "ticket is empty"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: \"tab\\there\"\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         4, "reason holds a control character"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: \"\\e[31mred\"\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         4, "reason holds a control character"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: |\n      two\n      lines\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         4, "reason holds a control character"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: \"nul\\0byte\"\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         4, "reason holds a control character"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: \"bidi \\u202e override\"\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         4, "reason holds a control character"},
        {RULE("sshd_disable_root_login") "    hosts: all\n"
                                         "    reason: \"c1 \\x85 next line\"\n"
                                         "    requested_by: A\n    approved_by: B\n" DATES,
         4, "reason holds a control character"},
        {RULE("sshd_disable_root_login") "    hosts: \"bs\\n01\"\n" PEOPLE DATES, 3,
         "hosts holds a control character"},
        /* the second entry is named by its own line */
        {ONE("sshd_disable_root_login", "    hosts: all\n") "  - rule: sshd_*\n" PEOPLE DATES, 9,
         "the waiver has no scope"},
    };
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fs_waivers *w = &sentinel; /* must be reset to NULL */
        const char *y = cases[i].yaml;
        fs_buf_reset(&err);
        int rc = fs_waivers_load_mem(&w, "w.yml", y, strlen(y), bench, inv, &err);
        char want[512];
        if (cases[i].line)
            snprintf(want, sizeof want, "w.yml:%d: %s", cases[i].line, cases[i].message);
        else
            snprintf(want, sizeof want, "w.yml: %s", cases[i].message);
        if (rc != FS_ERR_INVAL || w != NULL || !strstr(fs_buf_cstr(&err), want))
            fail_msg("case %zu: rc %d, message '%s', expected '%s'", i, rc, fs_buf_cstr(&err),
                     want);
    }
    fs_buf_dispose(&err);
}

static void hostile_sizes_are_refused(void **state)
{
    (void)state;
    struct fs_buf err, big;
    fs_buf_init(&err, 4096);
    fs_buf_init(&big, 2 * FS_WAIVERS_MAX_BYTES);
    struct fs_waivers *w = NULL;
    /* more waivers than the cap: refused before any is read */
    assert_int_equal(fs_buf_adds(&big, "waivers: ["), FS_OK);
    for (int i = 0; i <= FS_WAIVERS_MAX; i++)
        assert_int_equal(fs_buf_adds(&big, "{}, "), FS_OK);
    assert_int_equal(fs_buf_adds(&big, "]\n"), FS_OK);
    assert_int_equal(fs_waivers_load_mem(&w, "w.yml", big.data, big.len, bench, inv, &err),
                     FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "w.yml:1: the register holds more than 10000"));
    /* a file over the size cap */
    fs_buf_reset(&big);
    assert_int_equal(fs_buf_adds(&big, "waivers: []\n"), FS_OK);
    while (big.len <= FS_WAIVERS_MAX_BYTES)
        assert_int_equal(fs_buf_adds(&big, "# padding padding padding padding padding\n"), FS_OK);
    assert_int_equal(fs_waivers_load_mem(&w, "w.yml", big.data, big.len, bench, inv, &err),
                     FS_ERR_INVAL);
    assert_null(w);
    assert_non_null(strstr(fs_buf_cstr(&err), "w.yml: the register is larger than"));
    /* an alias repeating one long text: the text cap holds */
    fs_buf_reset(&big);
    assert_int_equal(fs_buf_adds(&big, "waivers:\n  - &e\n    rule: sshd_*\n"
                                       "    hosts: all\n    reason: &r \""),
                     FS_OK);
    for (int i = 0; i < 1024 * 1024; i++)
        assert_int_equal(fs_buf_adds(&big, "r"), FS_OK);
    assert_int_equal(fs_buf_adds(&big, "\"\n" PEOPLE_NO_REASON DATES), FS_OK);
    for (int i = 0; i < 40; i++)
        assert_int_equal(fs_buf_adds(&big, "  - *e\n"), FS_OK);
    assert_int_equal(fs_waivers_load_mem(&w, "w.yml", big.data, big.len, bench, inv, &err),
                     FS_ERR_INVAL);
    assert_null(w);
    assert_non_null(strstr(fs_buf_cstr(&err), "bytes of text"));
    /* one list of names repeated by alias: the cap on names in the register holds */
    fs_buf_reset(&big);
    assert_int_equal(fs_buf_adds(&big, "waivers:\n  - &e\n    rule: sshd_*\n    hosts: ["), FS_OK);
    for (int i = 0; i < 1024; i++)
        assert_int_equal(fs_buf_adds(&big, "all, "), FS_OK);
    assert_int_equal(fs_buf_adds(&big, "all]\n    reason: r\n" PEOPLE_NO_REASON DATES), FS_OK);
    for (int i = 0; i < 100; i++)
        assert_int_equal(fs_buf_adds(&big, "  - *e\n"), FS_OK);
    assert_int_equal(fs_waivers_load_mem(&w, "w.yml", big.data, big.len, bench, inv, &err),
                     FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "w.yml:4: hosts names more than 1024 entries"));
    fs_buf_reset(&big);
    assert_int_equal(fs_buf_adds(&big, "waivers:\n  - &e\n    rule: sshd_*\n    hosts: ["), FS_OK);
    for (int i = 0; i < 1023; i++)
        assert_int_equal(fs_buf_adds(&big, "all, "), FS_OK);
    assert_int_equal(fs_buf_adds(&big, "all]\n    reason: r\n" PEOPLE_NO_REASON DATES), FS_OK);
    for (int i = 0; i < 100; i++)
        assert_int_equal(fs_buf_adds(&big, "  - *e\n"), FS_OK);
    assert_int_equal(fs_waivers_load_mem(&w, "w.yml", big.data, big.len, bench, inv, &err),
                     FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "w.yml:4: the register names more than 65536"));
    fs_buf_dispose(&big);
    fs_buf_dispose(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scope_by_host_group_zone_role_all),
        cmocka_unit_test(rule_glob_full_id_and_exact),
        cmocka_unit_test(applies_to_fail_and_error),
        cmocka_unit_test(expiry_on_the_utc_day),
        cmocka_unit_test(state_names),
        cmocka_unit_test(apply_rescores_counts_and_first_match_wins),
        cmocka_unit_test(valid_registers),
        cmocka_unit_test(invalid_registers_name_file_and_line),
        cmocka_unit_test(hostile_sizes_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
