/* SPDX-License-Identifier: Apache-2.0 */
/* fs_results_merge (reports/merge.c) on results.json documents: a full scan's host order,
 * the run's times, waiver counts and judging day, and every refusal with both file names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/merge.h"
#include "scanner/core/err.h"

#define BENCH "\"benchmark\": {\"id\": \"xccdf_org.floorscan_benchmark_ditta\", \"sha256\": \"aa\"}"

/* A document from JSON text (single quotes stand for double quotes, for readability). */
static json_t *doc(const char *text)
{
    char *s = strdup(text);
    assert_non_null(s);
    for (char *p = s; *p; p++)
        if (*p == '\'')
            *p = '"';
    json_error_t je;
    json_t *d = json_loads(s, 0, &je);
    if (!d)
        fail_msg("test document: %s: %s", je.text, s);
    free(s);
    return d;
}

/* Merges a and b (A.json, B.json); returns the status, *out the result, err the message. */
static int merge2(json_t *a, json_t *b, bool gate_given, json_t **out, struct fs_buf *err)
{
    struct fs_merge_input in[] = {{a, "A.json"}, {b, "B.json"}};
    fs_buf_reset(err);
    return fs_results_merge(in, 2, gate_given, out, err);
}

static void names_are(json_t *m, const char *want)
{
    struct fs_buf got;
    fs_buf_init(&got, 4096);
    size_t i;
    json_t *h;
    json_array_foreach(json_object_get(m, "hosts"), i, h)
    {
        fs_buf_try_addf(&got, "%s%s", i ? " " : "", json_string_value(json_object_get(h, "name")));
    }
    assert_string_equal(fs_buf_cstr(&got), want);
    fs_buf_dispose(&got);
}

static void hosts_in_inventory_order(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    /* shards: b, d and x in A; a, c and y in B; x and y share a place (two inventories) */
    json_t *a = doc("{" BENCH ", 'hosts': [{'name': 'x', 'inventory_index': 0}, {'name': 'b', "
                    "'inventory_index': 1}, {'name': 'd', 'inventory_index': 3}]}");
    json_t *b = doc("{" BENCH ", 'hosts': [{'name': 'y', 'inventory_index': 0}, {'name': 'a', "
                    "'inventory_index': 0}, {'name': 'c', 'inventory_index': 2}]}");
    json_t *m = NULL;
    assert_int_equal(merge2(a, b, false, &m, &err), FS_OK);
    names_are(m, "x y a b c d");
    json_decref(m);
    /* in the other argument order, the tie goes the other way; the rest is the same */
    assert_int_equal(merge2(b, a, false, &m, &err), FS_OK);
    names_are(m, "y a x b c d");
    json_decref(m);
    /* one host without a place (results of an older floorscan): argument order, file order */
    json_object_del(json_array_get(json_object_get(b, "hosts"), 2), "inventory_index");
    assert_int_equal(merge2(a, b, false, &m, &err), FS_OK);
    names_are(m, "x b d y a c");
    json_decref(m);
    json_decref(a);
    json_decref(b);
    fs_buf_dispose(&err);
}

static void run_times_waivers_and_members(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    json_t *a = doc(
        "{" BENCH ", 'started': '2026-11-29T00:10:00Z', 'finished': '2026-11-29T00:20:00Z', "
        "'summary': {'hosts': 1}, 'history': {'run': 4}, 'drift': {}, 'hosts': [{'name': 'a'}], "
        "'waivers': {'sha256': 'ww', 'judged_on': '2026-11-29', 'entries': [{'line': 3, "
        "'state': 'active', 'matched': 1}, {'line': 9, 'state': 'expired', 'matched': 0}]}}");
    json_t *b = doc(
        "{" BENCH ", 'started': '2026-11-28T23:59:00Z', 'finished': 'not a time', 'incomplete': "
        "true, 'hosts': [{'name': 'b'}], 'waivers': {'sha256': 'ww', 'judged_on': '2026-11-28', "
        "'entries': [{'line': 3, 'state': 'active', 'matched': 2}, {'line': 9, 'state': "
        "'expired', 'matched': 0}]}}");
    json_t *m = NULL;
    assert_int_equal(merge2(a, b, false, &m, &err), FS_OK);
    /* the earliest start and the latest readable finish */
    assert_string_equal(json_string_value(json_object_get(m, "started")), "2026-11-28T23:59:00Z");
    assert_string_equal(json_string_value(json_object_get(m, "finished")), "2026-11-29T00:20:00Z");
    /* the register of the earliest judging day, counts summed; the inputs keep their own */
    json_t *w = json_object_get(m, "waivers");
    assert_string_equal(json_string_value(json_object_get(w, "judged_on")), "2026-11-28");
    json_t *e = json_object_get(w, "entries");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(e, 0), "matched")), 3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(e, 1), "matched")), 0);
    json_t *ea = json_object_get(json_object_get(a, "waivers"), "entries");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(ea, 0), "matched")), 1);
    /* no summary (the writers compute it), no stored run; incomplete when one input is */
    assert_null(json_object_get(m, "summary"));
    assert_null(json_object_get(m, "history"));
    assert_null(json_object_get(m, "drift"));
    assert_true(json_is_true(json_object_get(m, "incomplete")));
    assert_non_null(json_object_get(a, "summary"));
    json_decref(m);
    json_decref(a);
    json_decref(b);
    fs_buf_dispose(&err);
}

/* merge2 of a and b (edited from one base by the caller) must be refused with message. */
static void refused(json_t *a, json_t *b, bool gate_given, const char *message)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    json_t *m = NULL;
    assert_int_equal(merge2(a, b, gate_given, &m, &err), FS_ERR_INVAL);
    assert_null(m);
    assert_string_equal(fs_buf_cstr(&err), message);
    fs_buf_dispose(&err);
    json_decref(a);
    json_decref(b);
}

#define BASE                                                                                       \
    "{'benchmark': {'id': 'xccdf_o_benchmark_b', 'sha256': 'aa'}, 'tailoring': null, "             \
    "'profile': null, 'gate': {'fail_under': null, 'fail_on': 'high'}, "                           \
    "'waivers': {'sha256': 'ww', 'judged_on': '2026-11-29', 'entries': [{'line': 3, "              \
    "'state': 'active', 'matched': 0}]}, "
#define HOSTS_A "'hosts': [{'name': 'a'}]}"
#define HOSTS_B "'hosts': [{'name': 'b'}]}"

static void refusals_name_both_files(void **state)
{
    (void)state;
    json_t *x = doc(BASE HOSTS_A), *y = doc(BASE HOSTS_B);
    /* the same run in two parts merges */
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    json_t *m = NULL;
    assert_int_equal(merge2(x, y, false, &m, &err), FS_OK);
    json_decref(m);
    json_decref(x);
    json_decref(y);
    fs_buf_dispose(&err);

    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_object_set_new(json_object_get(y, "benchmark"), "id", json_string("xccdf_o_benchmark_c"));
    refused(x, y, false,
            "A.json and B.json cannot be merged: different benchmarks (xccdf_o_benchmark_b in "
            "A.json, xccdf_o_benchmark_c in B.json)");
    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_object_set_new(json_object_get(y, "benchmark"), "sha256", json_string("bb"));
    refused(x, y, false,
            "A.json and B.json cannot be merged: different benchmark files (SHA-256) (aa in "
            "A.json, bb in B.json)");
    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_object_set_new(x, "tailoring", doc("{'sha256': 't1'}"));
    json_object_set_new(y, "tailoring", doc("{'sha256': 't2'}"));
    refused(x, y, false,
            "A.json and B.json cannot be merged: different tailorings (SHA-256) (t1 in A.json, "
            "t2 in B.json)");
    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_object_set_new(y, "profile", json_string("xccdf_o_profile_baseline"));
    refused(x, y, false,
            "A.json and B.json cannot be merged: different profiles (-p) (each host's role in "
            "A.json, xccdf_o_profile_baseline in B.json)");
    /* a file that does not record -p (before floorscan 0.3) is not compared */
    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_object_del(x, "profile");
    json_object_set_new(y, "profile", json_string("xccdf_o_profile_baseline"));
    fs_buf_init(&err, 4096);
    assert_int_equal(merge2(x, y, false, &m, &err), FS_OK);
    json_decref(m);
    fs_buf_dispose(&err);
    json_decref(x);
    json_decref(y);

    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_object_set_new(y, "waivers", json_null());
    refused(x, y, false,
            "A.json and B.json cannot be merged: different waiver registers (SHA-256) (ww in "
            "A.json, no register in B.json)");
    /* one register judged on two days: refused only when an entry stands differently */
    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_t *wy = json_object_get(y, "waivers");
    json_object_set_new(wy, "judged_on", json_string("2026-12-01"));
    json_object_set_new(json_array_get(json_object_get(wy, "entries"), 0), "state",
                        json_string("expired"));
    refused(x, y, false,
            "A.json and B.json cannot be merged: the waiver at line 3 of the register is active "
            "on 2026-11-29 in A.json but expired on 2026-12-01 in B.json");

    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_object_set_new(y, "gate", doc("{'fail_under': 80, 'fail_on': null}"));
    refused(x, y, false,
            "A.json and B.json cannot be merged: different gates (--fail-under none, --fail-on "
            "high in A.json, --fail-under 80.0, --fail-on none in B.json); give merge "
            "--fail-under/--fail-on to set the merged result's gate");
    /* ... unless merge is given the gate */
    x = doc(BASE HOSTS_A);
    y = doc(BASE HOSTS_B);
    json_object_set_new(y, "gate", doc("{'fail_under': 80, 'fail_on': null}"));
    fs_buf_init(&err, 4096);
    assert_int_equal(merge2(x, y, true, &m, &err), FS_OK);
    json_decref(m);
    fs_buf_dispose(&err);
    json_decref(x);
    json_decref(y);

    refused(doc(BASE HOSTS_A), doc(BASE HOSTS_A), false,
            "A.json and B.json cannot be merged: both hold host 'a' (a host may be in one "
            "input only)");
    refused(doc(BASE "'hosts': [{'name': 'a'}, {'name': 'c'}, {'name': 'a'}]}"), doc(BASE HOSTS_B),
            false, "A.json: host 'a' is listed twice");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hosts_in_inventory_order),
        cmocka_unit_test(run_times_waivers_and_members),
        cmocka_unit_test(refusals_name_both_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
