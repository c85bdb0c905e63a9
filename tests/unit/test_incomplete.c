/* SPDX-License-Identifier: Apache-2.0 */
/* An interrupted run in results.json: "incomplete" and its reason only when set, hosts
 * not-scanned, and both read back by floorscan report (reports/load.c); a bad marker refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/load.h"
#include "reports/report.h"
#include "scanner/core/digest.h"
#include "scanner/core/err.h"
#include "tests/common/synth_fleet.h"

static struct synth_fleet *fleet(char *bench, size_t n)
{
    snprintf(bench, n, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    struct synth_fleet *f = synth_fleet_new(bench, 3, false);
    assert_non_null(f);
    assert_int_equal(fs_sha256_file(bench, f->report.benchmark_sha256), FS_OK);
    for (size_t i = 0; i < f->report.n; i++) {
        f->results[i].evaluated = f->results[i].status == FS_HOST_SCANNED;
        fs_score_host(&f->results[i]); /* the scores its results give, as a scan leaves them */
    }
    return f;
}

static void complete_run_has_no_marker(void **state)
{
    (void)state;
    char bench[512];
    struct synth_fleet *f = fleet(bench, sizeof bench);
    json_t *doc = fs_report_json_doc(&f->report);
    assert_non_null(doc);
    assert_null(json_object_get(doc, "incomplete"));
    assert_null(json_object_get(doc, "incomplete_reason"));
    json_decref(doc);
    synth_fleet_free(f);
}

static void interrupted_run_round_trip(void **state)
{
    (void)state;
    char bench[512];
    struct synth_fleet *f = fleet(bench, sizeof bench);
    struct fs_host_result *r = &f->results[2];
    r->status = FS_HOST_NOT_SCANNED;
    free(r->error);
    r->error = strdup("scan interrupted before this host was reached");
    r->started[0] = r->finished[0] = '\0';
    r->evaluated = false;
    for (size_t k = 0; k < r->nresults; k++)
        r->results[k].result = FS_RESULT_ERROR;
    fs_score_host(r);
    f->report.incomplete = true;
    snprintf(f->report.incomplete_reason, sizeof f->report.incomplete_reason,
             "interrupted (SIGINT), 1 host not scanned");
    json_t *doc = fs_report_json_doc(&f->report);
    assert_non_null(doc);
    assert_true(json_is_true(json_object_get(doc, "incomplete")));
    assert_string_equal(json_string_value(json_object_get(doc, "incomplete_reason")),
                        "interrupted (SIGINT), 1 host not scanned");
    json_t *h = json_array_get(json_object_get(doc, "hosts"), 2);
    assert_string_equal(json_string_value(json_object_get(h, "status")), "not-scanned");
    assert_true(json_is_null(json_object_get(h, "started")));
    struct fs_loaded *l = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_report_load_doc(&l, doc, "results.json", NULL, NULL, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    assert_true(l->report.incomplete);
    assert_string_equal(l->report.incomplete_reason, "interrupted (SIGINT), 1 host not scanned");
    assert_int_equal(l->report.hosts[2].status, FS_HOST_NOT_SCANNED);
    /* and written again as it was read */
    json_t *again = fs_report_json_doc(&l->report);
    assert_true(
        json_equal(json_object_get(again, "incomplete"), json_object_get(doc, "incomplete")));
    assert_true(json_equal(json_object_get(again, "incomplete_reason"),
                           json_object_get(doc, "incomplete_reason")));
    json_t *sum = json_object_get(again, "summary");
    assert_int_equal(json_integer_value(json_object_get(sum, "scanned")), 2);
    assert_int_equal(json_integer_value(json_object_get(sum, "not_scanned")), 1);
    json_t *h2 = json_array_get(json_object_get(again, "hosts"), 2);
    assert_string_equal(json_string_value(json_object_get(h2, "status")), "not-scanned");
    assert_string_equal(json_string_value(json_object_get(h2, "error")),
                        "scan interrupted before this host was reached");
    json_decref(again);
    fs_loaded_free(l);
    /* a marker that is not true (or false) is refused, naming it */
    static const char *const bad[] = {"\"yes\"", "1", "null"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *v = json_loads(bad[i], JSON_DECODE_ANY, NULL);
        assert_non_null(v);
        assert_int_equal(json_object_set_new(doc, "incomplete", v), 0);
        fs_buf_reset(&err);
        l = NULL;
        assert_int_not_equal(fs_report_load_doc(&l, doc, "results.json", NULL, NULL, &err), FS_OK);
        assert_null(l);
        assert_non_null(strstr(fs_buf_cstr(&err), "incomplete"));
    }
    /* false: a complete run */
    assert_int_equal(json_object_set_new(doc, "incomplete", json_false()), 0);
    if (fs_report_load_doc(&l, doc, "results.json", NULL, NULL, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    assert_false(l->report.incomplete);
    fs_loaded_free(l);
    /* an unknown host status names the known ones, not-scanned among them */
    json_object_set_new(h, "status", json_string("skipped"));
    fs_buf_reset(&err);
    assert_int_not_equal(fs_report_load_doc(&l, doc, "results.json", NULL, NULL, &err), FS_OK);
    assert_non_null(strstr(fs_buf_cstr(&err), "not-scanned"));
    fs_buf_dispose(&err);
    json_decref(doc);
    synth_fleet_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(complete_run_has_no_marker),
        cmocka_unit_test(interrupted_run_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
