/* SPDX-License-Identifier: Apache-2.0 */
/* The libopenscap engine: loading and rejecting benchmarks, evaluating a host from facts,
 * scores, and writing results.json and XCCDF results that oscap validates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/report.h"
#include "scanner/core/err.h"
#include "scanner/engine/benchmark.h"
#include "scanner/inventory/inventory.h"

static char bench_path[1024];

static struct fs_benchmark *load_ok(void)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_benchmark *b = NULL;
    if (fs_benchmark_load(&b, bench_path, &err) != FS_OK)
        fail_msg("load: %s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return b;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

static void bad_benchmarks_are_named(void **state)
{
    (void)state;
    struct {
        const char *text; /* NULL: the file does not exist */
        const char *message;
    } cases[] = {
        {NULL, "cannot read benchmark"},
        {"this is not xml", "not an XCCDF benchmark"},
        {"<?xml version=\"1.0\"?>\n<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" "
         "id=\"xccdf_x_benchmark_y\"><bogus/></Benchmark>\n",
         "invalid XCCDF"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[] = "/tmp/fs-bench-XXXXXX";
        int fd = mkstemp(path);
        close(fd);
        if (cases[i].text)
            write_file(path, cases[i].text);
        else
            unlink(path);
        struct fs_buf err;
        fs_buf_init(&err, 4096);
        struct fs_benchmark *b = NULL;
        assert_int_not_equal(fs_benchmark_load(&b, path, &err), FS_OK);
        assert_null(b);
        if (!strstr(fs_buf_cstr(&err), path) || !strstr(fs_buf_cstr(&err), cases[i].message))
            fail_msg("case %zu: '%s'", i, fs_buf_cstr(&err));
        fs_buf_dispose(&err);
        unlink(path);
    }
}

static void profiles_and_values(void **state)
{
    (void)state;
    struct fs_benchmark *b = load_ok();
    assert_non_null(fs_benchmark_profile(b, "baseline"));
    assert_non_null(fs_benchmark_profile(b, "xccdf_org.floorscan_profile_build-server"));
    assert_null(fs_benchmark_profile(b, "nope"));
    assert_string_equal(b->principle_titles[0], "P1 Segmenting networks");
    const struct fs_rule *r = fs_benchmark_rule(b, "sshd_disable_root_login");
    assert_int_equal(r->principle, 2);
    assert_int_equal(r->severity, FS_SEV_HIGH);
    assert_string_equal(r->refs[0].standard, "IEC 62443-3-3");
    assert_string_equal(r->refs[0].id, "SR 1.1");
    fs_benchmark_free(b);
}

/* Facts of a well-configured Debian host, and a weak variant. */
static void put_facts(struct fs_facts *f, bool weak)
{
    const char *sshd = weak ? "source sshd -T\ncontext global\n"
                              "permitrootlogin yes\npasswordauthentication yes\n"
                              "kbdinteractiveauthentication no\npermitemptypasswords no\n"
                            : "source sshd -T\ncontext global\n"
                              "permitrootlogin no\npasswordauthentication no\n"
                              "kbdinteractiveauthentication no\npermitemptypasswords no\n";
    assert_int_equal(fs_facts_put(f, "sshd_effective", sshd, strlen(sshd), 0, FS_FACT_OK), FS_OK);
    const char *db = "absent no dropbear program, no dropbear process, no inetd line\n";
    assert_int_equal(fs_facts_put(f, "dropbear", db, strlen(db), 0, FS_FACT_OK), FS_OK);
    const char *listen = "# tcp\n  sl local rem st\n"
                         "   0: 00000000:0016 00000000:0000 0A 0 0 0 0\n";
    assert_int_equal(fs_facts_put(f, "net_listen", listen, strlen(listen), 0, FS_FACT_OK), FS_OK);
    assert_int_equal(fs_facts_put(f, "telnet_config", "", 0, 0, FS_FACT_OK), FS_OK);
    assert_int_equal(fs_facts_put(f, "pkg_telnet", "", 0, 0, FS_FACT_OK), FS_OK);
    const char *fwd = "/proc/sys/net/ipv4/ip_forward 0\n";
    assert_int_equal(fs_facts_put(f, "sysctl_forwarding", fwd, strlen(fwd), 0, FS_FACT_OK), FS_OK);
    assert_int_equal(fs_facts_put(f, "shadow_status", "root:$y$\n", 9, 0, FS_FACT_OK), FS_OK);
    const char *pw = "root:x:0:0::/root:/bin/sh\n";
    assert_int_equal(fs_facts_put(f, "passwd", pw, strlen(pw), 0, FS_FACT_OK), FS_OK);
    /* 100 days: passes baseline (365), fails build-server (90) through refine-value */
    assert_int_equal(fs_facts_put(f, "login_defs", "PASS_MAX_DAYS 100\n", 18, 0, FS_FACT_OK),
                     FS_OK);
    const char *upd = "dpkg unattended-upgrades install ok installed\n"
                      "apt APT::Periodic::Unattended-Upgrade \"1\";\n";
    assert_int_equal(fs_facts_put(f, "updates_auto", upd, strlen(upd), 0, FS_FACT_OK), FS_OK);
    assert_int_equal(fs_facts_put(f, "proc_comm", "rsyslogd\n", 9, 0, FS_FACT_OK), FS_OK);
    assert_int_equal(fs_facts_put(f, "sys_os_release", "PRETTY_NAME=\"Debian GNU/Linux 12\"\n", 34,
                                  0, FS_FACT_OK),
                     FS_OK);
}

static const struct fs_rule_result *find(const struct fs_host_result *r, const char *id)
{
    for (size_t i = 0; i < r->nresults; i++)
        if (strcmp(r->results[i].rule->short_id, id) == 0)
            return &r->results[i];
    return NULL;
}

/* The text of the nodes at an XPath expression in the XCCDF namespace, joined by '|'; "" when
 * there is none. */
static void xpath_text(xmlDocPtr doc, const char *expr, char *out, size_t outlen)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    assert_non_null(ctx);
    assert_int_equal(
        xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST "http://checklists.nist.gov/xccdf/1.2"), 0);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(o);
    out[0] = '\0';
    for (int i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++) {
        xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
        size_t len = strlen(out);
        snprintf(out + len, outlen - len, "%s%s", i ? "|" : "", t ? (const char *)t : "");
        xmlFree(t);
    }
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
}

/* The XCCDF results hold, in the TestResult of host, exactly one rule-result of rule with the
 * given result and exactly one message: the rule's evidence. The evidence must be text the
 * benchmark does not contain, or finding it would prove nothing. */
static void assert_message_holds(const char *xml, const char *host, const char *rule,
                                 const char *result, const char *evidence)
{
    assert_non_null(evidence);
    assert_true(strlen(evidence) > 8);
    char cmd[2400];
    snprintf(cmd, sizeof cmd, "grep -qF -- '%s' '%s'", evidence, bench_path);
    assert_int_not_equal(system(cmd), 0);
    xmlDocPtr doc = xmlReadFile(xml, NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    char base[512], expr[1024], got[4096];
    snprintf(base, sizeof base,
             "//x:TestResult[x:target='%s']/x:rule-result[@idref='xccdf_org.floorscan_rule_%s']",
             host, rule);
    snprintf(expr, sizeof expr, "%s/x:result", base);
    xpath_text(doc, expr, got, sizeof got);
    assert_string_equal(got, result);
    snprintf(expr, sizeof expr, "%s/x:message", base);
    xpath_text(doc, expr, got, sizeof got);
    assert_string_equal(got, evidence);
    /* and in no other rule-result */
    snprintf(expr, sizeof expr, "//x:rule-result[x:message='%s']", evidence);
    xpath_text(doc, expr, got, sizeof got);
    assert_int_equal(strchr(got, '|') == NULL, 1);
    xmlFreeDoc(doc);
}

static void evaluate_scores_and_exports(void **state)
{
    (void)state;
    struct fs_benchmark *b = load_ok();
    struct fs_inventory *inv = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_inventory_new(&inv), FS_OK);
    assert_int_equal(fs_inventory_add_target(inv, "audit@good-host", &err), FS_OK);
    assert_int_equal(fs_inventory_add_target(inv, "root@weak-host", &err), FS_OK);
    struct fs_host_result res[2];
    memset(res, 0, sizeof res);
    for (int i = 0; i < 2; i++) {
        struct fs_facts f;
        fs_facts_init(&f);
        put_facts(&f, i == 1);
        res[i].host = &inv->hosts[i];
        const struct fs_profile *p = fs_benchmark_profile(b, i == 0 ? "baseline" : "build-server");
        assert_int_equal(fs_benchmark_evaluate(b, p, &inv->hosts[i], &f, &res[i]), FS_OK);
        fs_facts_dispose(&f);
    }
    /* good host, baseline: every rule passes */
    assert_int_equal(res[0].nresults, 10);
    assert_true(res[0].score.has_score);
    assert_true(res[0].score.score > 99.9);
    assert_int_equal(find(&res[0], "accounts_password_max_days")->result, FS_RESULT_PASS);
    /* weak host, build-server: root login (high, 3), password auth (high, 3) and max days
     * through the refined value 90 (medium, 2) fail: pass weight 3*5+2*2 = 19 of 27 */
    assert_int_equal(find(&res[1], "sshd_disable_root_login")->result, FS_RESULT_FAIL);
    assert_int_equal(find(&res[1], "sshd_disable_password_auth")->result, FS_RESULT_FAIL);
    const struct fs_rule_result *md = find(&res[1], "accounts_password_max_days");
    assert_int_equal(md->result, FS_RESULT_FAIL);
    assert_non_null(strstr(md->evidence, "limit of 90"));
    assert_int_equal(res[1].score.fail, 3);
    assert_true(res[1].score.score > 100.0 * 19 / 27 - 0.01 &&
                res[1].score.score < 100.0 * 19 / 27 + 0.01);
    assert_int_equal(res[1].principles[2].fail, 2); /* P3 */

    char dir[] = "/tmp/fs-engine-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char xml[1100], json[1100], cmd[2400];
    snprintf(xml, sizeof xml, "%s/results-xccdf.xml", dir);
    snprintf(json, sizeof json, "%s/results.json", dir);
    struct fs_report rep = {.benchmark = b,
                            .hosts = res,
                            .n = 2,
                            .started = "2026-11-24T00:00:00Z",
                            .finished = "2026-11-24T00:00:01Z"};
    struct fs_outdir od;
    assert_int_equal(fs_outdir_open(&od, dir, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    assert_int_equal(fs_report_xccdf(&rep, &od, "results-xccdf.xml", &err), FS_OK);
    assert_int_equal(fs_report_json(&rep, &od, "results.json", &err), FS_OK);
    fs_outdir_dispose(&od);
    snprintf(cmd, sizeof cmd, "oscap xccdf validate '%s' >/dev/null 2>&1", xml);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "grep -c '<TestResult ' '%s' | grep -qx 2", xml);
    assert_int_equal(system(cmd), 0);
    /* evidence travels as a message of its own rule-result, in its own host's TestResult */
    const char *ev = find(&res[1], "sshd_disable_root_login")->evidence;
    assert_message_holds(xml, "weak-host", "sshd_disable_root_login", "fail", ev);
    assert_message_holds(xml, "good-host", "sshd_disable_root_login", "pass",
                         find(&res[0], "sshd_disable_root_login")->evidence);

    json_error_t je;
    json_t *doc = json_load_file(json, 0, &je);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "schema")), "floorscan-results/1");
    json_t *summary = json_object_get(doc, "summary");
    assert_int_equal(json_integer_value(json_object_get(summary, "hosts")), 2);
    json_t *h1 = json_array_get(json_object_get(doc, "hosts"), 1);
    assert_string_equal(json_string_value(json_object_get(h1, "profile")),
                        "xccdf_org.floorscan_profile_build-server");
    json_t *results = json_object_get(h1, "results");
    assert_int_equal(json_array_size(results), 10);
    json_t *r0 = json_array_get(results, 0);
    assert_non_null(json_object_get(r0, "xccdf_id"));
    assert_true(json_is_null(json_object_get(r0, "waiver")));
    assert_true(json_array_size(json_object_get(r0, "references")) > 0);
    assert_true(json_is_real(json_object_get(h1, "score")));
    json_decref(doc);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);

    for (int i = 0; i < 2; i++)
        fs_host_result_dispose(&res[i]);
    fs_inventory_free(inv);
    fs_benchmark_free(b);
    fs_buf_dispose(&err);
}

static void tailoring_changes_values_and_adds_profiles(void **state)
{
    (void)state;
    struct fs_benchmark *b = load_ok();
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    char path[1100];
    snprintf(path, sizeof path, "%s/tailoring-example.xml", getenv("FS_PROFILES"));
    assert_int_equal(fs_benchmark_tailor(b, path, &err), FS_OK);
    assert_string_equal(b->tailoring_id, "xccdf_com.example.factory_tailoring_line1");
    /* the tailored profile wins for its short name, so roles map to it */
    const struct fs_profile *p = fs_benchmark_profile(b, "production-device");
    assert_string_equal(p->id, "xccdf_com.example.factory_profile_production-device");
    assert_non_null(fs_benchmark_profile(b, "xccdf_org.floorscan_profile_production-device"));
    struct fs_inventory *inv = NULL;
    assert_int_equal(fs_inventory_new(&inv), FS_OK);
    assert_int_equal(fs_inventory_add_target(inv, "root@pd", &err), FS_OK);
    struct fs_facts f;
    fs_facts_init(&f);
    put_facts(&f, false); /* PASS_MAX_DAYS 100 */
    assert_int_equal(fs_facts_put(&f, "updates_auto", "", 0, 0, FS_FACT_OK), FS_OK);
    struct fs_host_result r;
    memset(&r, 0, sizeof r);
    r.host = &inv->hosts[0];
    assert_int_equal(fs_benchmark_evaluate(b, p, &inv->hosts[0], &f, &r), FS_OK);
    assert_int_equal(find(&r, "updates_automatic_enabled")->result, FS_RESULT_NOTAPPLICABLE);
    assert_non_null(strstr(find(&r, "accounts_password_max_days")->evidence, "limit 180"));
    fs_host_result_dispose(&r);
    fs_facts_dispose(&f);
    fs_inventory_free(inv);
    /* a second tailoring, a benchmark given as tailoring, a missing file */
    assert_int_not_equal(fs_benchmark_tailor(b, path, &err), FS_OK);
    assert_non_null(strstr(fs_buf_cstr(&err), "only one tailoring"));
    fs_benchmark_free(b);
    b = load_ok();
    assert_int_not_equal(fs_benchmark_tailor(b, bench_path, &err), FS_OK);
    assert_non_null(strstr(fs_buf_cstr(&err), "not an XCCDF tailoring"));
    assert_int_not_equal(fs_benchmark_tailor(b, "/nonexistent.xml", &err), FS_OK);
    assert_non_null(strstr(fs_buf_cstr(&err), "/nonexistent.xml"));
    fs_benchmark_free(b);
    fs_buf_dispose(&err);
}

int main(void)
{
    /* A fixed ten-rule benchmark keeps the scoring arithmetic below exact while the shipped
     * benchmark grows; test_tables checks the shipped one. */
    snprintf(bench_path, sizeof bench_path, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_benchmarks_are_named),
        cmocka_unit_test(profiles_and_values),
        cmocka_unit_test(evaluate_scores_and_exports),
        cmocka_unit_test(tailoring_changes_values_and_adds_profiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
