/* SPDX-License-Identifier: Apache-2.0 */
/* Waived results in every machine format: results.json (the waiver per result, the register,
 * both scores), the XCCDF override (validated by oscap), JUnit, CSV, and the re-render, which
 * re-applies the register and refuses a waiver edited in or out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/load.h"
#include "reports/report.h"
#include "scanner/core/err.h"
#include "scanner/engine/benchmark.h"
#include "tests/common/synth_fleet.h"

/* host-000's first failing rule, waived for it alone; an expired waiver; an unused one. */
static const char register_yaml[] = "waivers:\n"
                                    "  - rule: %s\n"
                                    "    hosts: [host-000]\n"
                                    "    reason: \"Vendor test software <needs> it & more\"\n"
                                    "    requested_by: \"A. Smith, Test Engineering\"\n"
                                    "    approved_by: \"J. Doe, Quality Assurance\"\n"
                                    "    approved: 2026-11-02\n"
                                    "    expires: 2027-06-30\n"
                                    "    ticket: CR-1234\n"
                                    "  - rule: \"*\"\n"
                                    "    hosts: [host-001]\n"
                                    "    reason: \"Old line move\"\n"
                                    "    requested_by: \"C. Lee\"\n"
                                    "    approved_by: \"J. Doe\"\n"
                                    "    approved: 2020-01-01\n"
                                    "    expires: 2020-12-31\n"
                                    "  - rule: \"*\"\n"
                                    "    hosts: [no-such-host-but-unchecked]\n"
                                    "    reason: \"Matches nothing\"\n"
                                    "    requested_by: \"D. Kim\"\n"
                                    "    approved_by: \"J. Doe\"\n"
                                    "    approved: 2026-01-01\n"
                                    "    expires: 2099-01-01\n";

struct fx {
    struct synth_fleet *f;
    struct fs_waivers *w;
    char dir[64];
    const struct fs_rule_result *waived; /* host-000's waived result */
};

static time_t scan_day(void)
{
    struct tm tm = {.tm_year = 2026 - 1900, .tm_mon = 10, .tm_mday = 29, .tm_hour = 9};
    return timegm(&tm);
}

static int setup(void **state)
{
    static struct fx fx;
    char bench[512], yaml[2048];
    memset(&fx, 0, sizeof fx);
    snprintf(bench, sizeof bench, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    fx.f = synth_fleet_new(bench, 3, false);
    assert_non_null(fx.f);
    assert_int_equal(fs_sha256_file(bench, fx.f->report.benchmark_sha256), FS_OK);
    const char *first_fail = NULL;
    for (size_t i = 0; i < fx.f->report.n; i++)
        fx.f->results[i].evaluated = true;
    for (size_t k = 0; k < fx.f->results[0].nresults && !first_fail; k++)
        if (fx.f->results[0].results[k].result == FS_RESULT_FAIL)
            first_fail = fx.f->results[0].results[k].rule->short_id;
    assert_non_null(first_fail);
    snprintf(yaml, sizeof yaml, register_yaml, first_fail);
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_waivers_load_mem(&fx.w, "register.yml", yaml, strlen(yaml), fx.f->b, NULL, &err);
    if (rc != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    fs_waivers_judge(fx.w, scan_day(), 30);
    fs_waivers_apply(fx.w, fx.f->results, fx.f->report.n);
    fx.f->report.waivers = fx.w;
    for (size_t k = 0; k < fx.f->results[0].nresults; k++)
        if (fx.f->results[0].results[k].waiver)
            fx.waived = &fx.f->results[0].results[k];
    assert_non_null(fx.waived);
    snprintf(fx.dir, sizeof fx.dir, "/tmp/fs-waived.XXXXXX");
    assert_non_null(mkdtemp(fx.dir));
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, getenv("FS_KEEP") ? "true %s" : "rm -rf '%s'", fx->dir);
    if (system(cmd) != 0)
        return -1;
    fs_waivers_free(fx->w);
    synth_fleet_free(fx->f);
    return 0;
}

static void write_format(struct fx *fx, const char *format)
{
    struct fs_outdir d = {.fd = -1};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_outdir_open(&d, fx->dir, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    const struct fs_report_writer *w = fs_report_writer_find(format);
    assert_non_null(w);
    if (w->write(&fx->f->report, &d, w->file, &err) != FS_OK)
        fail_msg("%s: %s", format, fs_buf_cstr(&err));
    fs_outdir_dispose(&d);
    fs_buf_dispose(&err);
}

static void applied_as_registered(void **state)
{
    struct fx *fx = *state;
    /* only host-000's one result; the raw status stays fail */
    unsigned waived = 0;
    for (size_t i = 0; i < fx->f->report.n; i++)
        for (size_t k = 0; k < fx->f->results[i].nresults; k++)
            waived += fx->f->results[i].results[k].waiver != NULL;
    assert_int_equal(waived, 1);
    assert_int_equal(fx->waived->result, FS_RESULT_FAIL);
    assert_int_equal(fx->w->w[0].state, FS_WAIVER_ACTIVE);
    assert_int_equal(fx->w->w[0].matched, 1);
    assert_int_equal(fx->w->w[1].state, FS_WAIVER_EXPIRED);
    assert_int_equal(fx->w->w[1].matched, 0);
    assert_int_equal(fx->w->w[2].matched, 0);
    const struct fs_score *s = &fx->f->results[0].score;
    assert_int_equal(s->waived, 1);
    assert_true(s->has_unwaived && s->has_score);
    assert_true(s->score > s->unwaived);
}

static void json_members(void **state)
{
    struct fx *fx = *state;
    json_t *doc = fs_report_json_doc(&fx->f->report);
    assert_non_null(doc);
    json_t *h0 = json_array_get(json_object_get(doc, "hosts"), 0);
    json_t *res = json_object_get(h0, "results"), *r;
    size_t i, n = 0;
    json_array_foreach(res, i, r)
    {
        json_t *w = json_object_get(r, "waiver");
        if (json_is_null(w))
            continue;
        n++;
        assert_string_equal(json_string_value(json_object_get(r, "status")), "fail");
        assert_string_equal(json_string_value(json_object_get(w, "approved_by")),
                            "J. Doe, Quality Assurance");
        assert_string_equal(json_string_value(json_object_get(w, "expires")), "2027-06-30");
        assert_string_equal(json_string_value(json_object_get(w, "ticket")), "CR-1234");
        assert_int_equal(json_integer_value(json_object_get(w, "line")), 2);
    }
    assert_int_equal(n, 1);
    assert_int_equal(json_integer_value(json_object_get(h0, "waived")), 1);
    assert_true(json_number_value(json_object_get(h0, "score")) >
                json_number_value(json_object_get(h0, "score_unwaived")));
    json_t *reg = json_object_get(doc, "waivers");
    assert_string_equal(json_string_value(json_object_get(reg, "judged_on")), "2026-11-29");
    json_t *e = json_object_get(reg, "entries");
    assert_int_equal(json_array_size(e), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(e, 1), "state")),
                        "expired");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(e, 2), "matched")), 0);
    json_t *sum = json_object_get(doc, "summary");
    assert_int_equal(json_integer_value(json_object_get(sum, "waived")), 1);
    json_decref(doc);
}

static void xccdf_override(void **state)
{
    struct fx *fx = *state;
    char path[128], cmd[1024];
    write_format(fx, "xccdf");
    snprintf(path, sizeof path, "%s/results-xccdf.xml", fx->dir);
    /* oscap's XML Schema and XCCDF 1.2 schematron, its override rule corrected (see the script) */
    snprintf(cmd, sizeof cmd, "bash '%s/../../scripts/xccdf-validate.sh' '%s' >'%s/oscap.log' 2>&1",
             getenv("FS_FIXTURES"), path, fx->dir);
    if (system(cmd) != 0) {
        char log[2048] = "", lpath[128];
        snprintf(lpath, sizeof lpath, "%s/oscap.log", fx->dir);
        FILE *f = fopen(lpath, "r");
        size_t n = f ? fread(log, 1, sizeof log - 1, f) : 0;
        log[n] = '\0';
        if (f)
            (void)fclose(f);
        fail_msg("xccdf-validate.sh: %s", log);
    }
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST "http://checklists.nist.gov/xccdf/1.2");
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "//x:rule-result[x:override]", ctx);
    assert_int_equal(o->nodesetval ? o->nodesetval->nodeNr : 0, 1);
    xmlXPathFreeObject(o);
    static const char *const want[][2] = {
        {"string(//x:override/@authority)", "J. Doe, Quality Assurance"},
        {"string(//x:override/@time)", "2026-11-02T00:00:00Z"},
        {"string(count(//x:override/@date))", "0"},
        {"string(//x:override/x:old-result)", "fail"},
        {"string(//x:override/x:new-result)", "informational"},
        {"string(//x:rule-result[x:override]/x:result)", "informational"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        o = xmlXPathEvalExpression(BAD_CAST want[i][0], ctx);
        assert_string_equal((const char *)o->stringval, want[i][1]);
        xmlXPathFreeObject(o);
    }
    o = xmlXPathEvalExpression(BAD_CAST "string(//x:override/x:remark)", ctx);
    assert_non_null(strstr((const char *)o->stringval, "Vendor test software <needs> it & more"));
    assert_non_null(strstr((const char *)o->stringval, "expires 2027-06-30"));
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    /* the ARF carries the same TestResult: its data stream validation accepts it */
    write_format(fx, "arf");
    snprintf(cmd, sizeof cmd, "oscap ds rds-validate '%s/results-arf.xml' >/dev/null 2>&1",
             fx->dir);
    assert_int_equal(system(cmd), 0);
}

static void junit_and_csv(void **state)
{
    struct fx *fx = *state;
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(fs_report_junit_text(&fx->f->report, &data, &len), FS_OK);
    /* skipped, not a failure: the pipeline goes on with the waiver on the record */
    const char *m = strstr(data, "waived (register line 2");
    assert_non_null(m);
    const char *sk = strstr(data, "<skipped message=\"fail, waived (register line 2");
    assert_non_null(sk);
    assert_non_null(strstr(data, "&lt;needs&gt; it &amp; more"));
    free(data);
    struct fs_buf csv;
    fs_buf_init(&csv, 1 << 24);
    assert_int_equal(fs_report_csv_text(&fx->f->report, &csv), FS_OK);
    char row[256];
    snprintf(row, sizeof row, ",%s,", fx->waived->rule->short_id);
    const char *line = strstr(fs_buf_cstr(&csv), row);
    assert_non_null(line);
    const char *eol = strstr(line, "\r\n");
    const char *waived = strstr(line, ",yes,Vendor test software <needs> it & more,\"A. Smith, "
                                      "Test Engineering\",\"J. Doe, Quality Assurance\","
                                      "2026-11-02,2027-06-30,CR-1234,\r\n");
    assert_true(waived && waived < eol + 2);
    /* a row that is not waived says so */
    assert_non_null(strstr(fs_buf_cstr(&csv), ",no,,,,,,,\r\n"));
    fs_buf_dispose(&csv);
}

/* Writes results.json, then a hand-edited copy (edit: a Python expression on doc). */
static int load_edited(struct fx *fx, const char *edit, struct fs_buf *err)
{
    char src[128], dst[128], cmd[1024];
    write_format(fx, "json");
    snprintf(src, sizeof src, "%s/results.json", fx->dir);
    snprintf(dst, sizeof dst, "%s/edited.json", fx->dir);
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import json,sys; doc=json.load(open(sys.argv[1])); %s; "
             "json.dump(doc, open(sys.argv[2], \"w\"))' '%s' '%s'",
             edit, src, dst);
    assert_int_equal(system(cmd), 0);
    struct fs_loaded *l = NULL;
    int rc = fs_report_load(&l, dst, NULL, NULL, err);
    fs_loaded_free(l);
    return rc;
}

static void rerender_same(void **state)
{
    struct fx *fx = *state;
    struct fs_loaded *l = NULL;
    struct fs_buf err;
    char path[128];
    fs_buf_init(&err, 4096);
    write_format(fx, "json");
    snprintf(path, sizeof path, "%s/results.json", fx->dir);
    if (fs_report_load(&l, path, NULL, NULL, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    json_t *a = fs_report_json_doc(&fx->f->report), *b = fs_report_json_doc(&l->report);
    char *sa = json_dumps(a, JSON_INDENT(2)), *sb = json_dumps(b, JSON_INDENT(2));
    assert_string_equal(sa, sb);
    free(sa);
    free(sb);
    json_decref(a);
    json_decref(b);
    fs_loaded_free(l);
    fs_buf_dispose(&err);
}

static void hand_edits_refused(void **state)
{
    struct fx *fx = *state;
    static const char *const edits[][2] = {
        /* a waiver removed from the waived result */
        {"[r.__setitem__(\"waiver\", None) for r in doc[\"hosts\"][0][\"results\"]]", "waiver"},
        /* a waiver added to a fail of another host */
        {"[r.__setitem__(\"waiver\", {\"line\": 2}) for r in doc[\"hosts\"][2][\"results\"] "
         "if r[\"status\"] == \"fail\"]",
         "waiver"},
        /* the expired waiver made active */
        {"doc[\"waivers\"][\"entries\"][1][\"state\"] = \"active\"", "state"},
        /* its expiry moved: it would now apply to host-001's fails, which show no waiver */
        {"doc[\"waivers\"][\"entries\"][1][\"expires\"] = \"2099-12-31\"", "state"},
        /* the use count */
        {"doc[\"waivers\"][\"entries\"][0][\"matched\"] = 5", "matched"},
    };
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        fs_buf_reset(&err);
        int rc = load_edited(fx, edits[i][0], &err);
        if (rc == FS_OK || !strstr(fs_buf_cstr(&err), edits[i][1]))
            fail_msg("edit %zu accepted or wrong message: '%s'", i, fs_buf_cstr(&err));
    }
    fs_buf_dispose(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(applied_as_registered), cmocka_unit_test(json_members),
        cmocka_unit_test(xccdf_override),        cmocka_unit_test(junit_and_csv),
        cmocka_unit_test(rerender_same),         cmocka_unit_test(hand_edits_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
