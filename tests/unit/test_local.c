/* SPDX-License-Identifier: Apache-2.0 */
/* The local transport under real sh (timeouts, output caps, cancel) and how a run becomes a
 * host status (sudo refusing, no output, partial output, the facts received of a cut run). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scanner/collect/script.h"
#include "scanner/core/err.h"
#include "scanner/core/util.h"
#include "scanner/engine/benchmark.h"
#include "scanner/orchestrate/scan.h"
#include "scanner/transport/transport.h"

#define M "@@FS-0123456789abcdef0123456789abcdef"

static const struct fs_run_opts opts = {
    .connect_timeout_s = 5, .timeout_s = 1, .max_output = 1u << 20};

static struct fs_host local_host(void)
{
    struct fs_host h;
    memset(&h, 0, sizeof h);
    h.name = "local";
    h.address = "local";
    h.local = true;
    return h;
}

static void runs_sh_and_reads_output(void **state)
{
    (void)state;
    struct fs_host h = local_host();
    struct fs_run_out out;
    fs_run_out_init(&out, opts.max_output);
    const char *script = "echo hello; echo oops >&2; exit 3\n";
    assert_int_equal(fs_transport_local.run(&h, &opts, "sh -s", script, strlen(script), &out),
                     FS_OK);
    assert_string_equal(fs_buf_cstr(&out.out), "hello\n");
    assert_string_equal(fs_buf_cstr(&out.err), "oops\n");
    assert_int_equal(out.exit_status, 3);
    assert_int_equal(out.status, FS_HOST_SCANNED);
    fs_run_out_dispose(&out);
}

static void hanging_host_times_out(void **state)
{
    (void)state;
    struct fs_host h = local_host();
    struct fs_run_out out;
    fs_run_out_init(&out, opts.max_output);
    const char *script = "echo started; sleep 30; echo never\n";
    long long t0 = fs_now_ms();
    assert_int_equal(fs_transport_local.run(&h, &opts, "sh -s", script, strlen(script), &out),
                     FS_ERR_TIMEOUT);
    assert_true(fs_now_ms() - t0 < 5000);
    assert_int_equal(out.status, FS_HOST_TIMEOUT);
    assert_string_equal(fs_buf_cstr(&out.out), "started\n"); /* kept */
    fs_run_out_dispose(&out);
}

static void hanging_host_reason_names_the_budget(void **state)
{
    (void)state;
    struct fs_host h = local_host();
    struct fs_run_opts o = opts;
    o.timeout_s = 30;
    o.collect_timeout_s = 1; /* its own budget, shorter than the host's */
    struct fs_run_out out;
    fs_run_out_init(&out, o.max_output);
    const char *script = "sleep 30\n";
    assert_int_equal(fs_transport_local.run(&h, &o, "sh -s", script, strlen(script), &out),
                     FS_ERR_TIMEOUT);
    assert_string_equal(out.reason, "timeout during collection after 1 s (--collect-timeout)");
    assert_true(out.collecting);
    fs_run_out_dispose(&out);
    o.timeout_s = 1;
    o.collect_timeout_s = 1; /* the same as the host's: the host's budget is named */
    fs_run_out_init(&out, o.max_output);
    assert_int_equal(fs_transport_local.run(&h, &o, "sh -s", script, strlen(script), &out),
                     FS_ERR_TIMEOUT);
    assert_string_equal(out.reason, "timeout during collection after 1 s (--timeout)");
    fs_run_out_dispose(&out);
}

/* Sets the flag a moment after the run started, as the scan does after the grace. */
static void *cancel_soon(void *arg)
{
    struct timespec ts = {0, 300 * 1000000L};
    nanosleep(&ts, NULL);
    atomic_store((atomic_bool *)arg, true);
    return NULL;
}

static void cancelled_run_stops_at_once(void **state)
{
    (void)state;
    struct fs_host h = local_host();
    atomic_bool cancel;
    atomic_init(&cancel, false);
    struct fs_run_opts o = opts;
    o.timeout_s = 30;
    o.cancel = &cancel;
    struct fs_run_out out;
    fs_run_out_init(&out, o.max_output);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, cancel_soon, &cancel), 0);
    const char *script = "echo started; sleep 30; echo never\n";
    long long t0 = fs_now_ms();
    assert_int_equal(fs_transport_local.run(&h, &o, "sh -s", script, strlen(script), &out),
                     FS_ERR_CANCELLED);
    long long took = fs_now_ms() - t0;
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_true(took >= 250 && took < 2000);
    assert_int_equal(out.status, FS_HOST_NOT_SCANNED);
    assert_string_equal(out.reason, "scan interrupted");
    assert_true(out.cut);
    assert_string_equal(fs_buf_cstr(&out.out), "started\n"); /* kept */
    fs_run_out_dispose(&out);
}

static void flood_is_capped(void **state)
{
    (void)state;
    struct fs_host h = local_host();
    struct fs_run_opts o = opts;
    o.max_output = 100000;
    o.timeout_s = 10;
    struct fs_run_out out;
    fs_run_out_init(&out, o.max_output);
    const char *script = "while :; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done\n";
    assert_int_equal(fs_transport_local.run(&h, &o, "sh -s", script, strlen(script), &out),
                     FS_ERR_LIMIT);
    assert_int_equal(out.out.len, 100000);
    assert_true(out.cut);
    assert_non_null(strstr(out.reason, "exceeded"));
    fs_run_out_dispose(&out);
}

static struct fs_benchmark *bench(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/floorscan-ditta-xccdf.xml", getenv("FS_PROFILES"));
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_benchmark *b = NULL;
    assert_int_equal(fs_benchmark_load(&b, path, &err), FS_OK);
    fs_buf_dispose(&err);
    return b;
}

static void sudo_password_prompt_is_a_host_error(void **state)
{
    (void)state;
    struct fs_benchmark *b = bench();
    struct fs_host h = local_host();
    h.local = false;
    h.become = true;
    struct fs_run_out run;
    fs_run_out_init(&run, 1024);
    assert_int_equal(fs_buf_adds(&run.err, "sudo: a password is required\n"), FS_OK);
    run.exit_status = 1;
    struct fs_host_result r;
    memset(&r, 0, sizeof r);
    assert_int_equal(fs_scan_finish_host(b, fs_benchmark_profile(b, "baseline"), &h,
                                         "0123456789abcdef0123456789abcdef", &run, &r),
                     FS_OK);
    assert_int_equal(r.status, FS_HOST_ERROR);
    assert_non_null(strstr(r.error, "sudo requires a password"));
    size_t selected = 0;
    for (size_t i = 0; i < b->nrules; i++)
        selected += fs_benchmark_selected(b, fs_benchmark_profile(b, "baseline"), &b->rules[i]);
    assert_int_equal(r.nresults, selected); /* every rule still has an entry */
    assert_true(selected >= 10);
    assert_int_equal(r.results[0].result, FS_RESULT_ERROR);
    fs_host_result_dispose(&r);
    fs_run_out_dispose(&run);
    fs_benchmark_free(b);
}

/* A run cut once the collector had started: the reason says how many facts arrived whole
 * (passwd; proc_comm was cut) of the facts the profile's script asks for. */
static void cut_run_counts_the_facts_received(void **state)
{
    (void)state;
    struct fs_benchmark *b = bench();
    const struct fs_profile *p = fs_benchmark_profile(b, "baseline");
    struct fs_host h = local_host();
    const char **ids = NULL;
    size_t nids = 0;
    assert_int_equal(fs_benchmark_profile_facts(b, p, &ids, &nids), FS_OK);
    /* the system facts are asked for too, once each */
    size_t asked = nids;
    for (size_t k = 0; k < fs_system_facts_count; k++) {
        bool dup = false;
        for (size_t i = 0; i < nids; i++)
            dup |= strcmp(ids[i], fs_system_facts[k]) == 0;
        asked += !dup;
    }
    free(ids);
    static const enum fs_host_status cut[] = {FS_HOST_TIMEOUT, FS_HOST_NOT_SCANNED};
    for (size_t c = 0; c < 2; c++) {
        struct fs_run_out run;
        fs_run_out_init(&run, 4096);
        assert_int_equal(fs_buf_adds(&run.out,
                                     "\n" M " H 0\n\n" M " B passwd\nroot:x:0:0::/root:"
                                     "/bin/sh\n\n" M " E passwd 0\n" M " P passwd run cat 0\n" M
                                     " P passwd end\n\n" M " B proc_comm\nrsysl"),
                         FS_OK);
        fs_run_out_fail(&run, cut[c], "%s",
                        c ? "scan interrupted" : "timeout during collection after 9 s (--timeout)");
        run.collecting = true;
        struct fs_host_result r;
        memset(&r, 0, sizeof r);
        assert_int_equal(
            fs_scan_finish_host(b, p, &h, "0123456789abcdef0123456789abcdef", &run, &r), FS_OK);
        char want[200];
        snprintf(want, sizeof want, "%s, 1 of %zu facts received",
                 c ? "scan interrupted" : "timeout during collection after 9 s (--timeout)", asked);
        assert_int_equal(r.status, cut[c]);
        assert_string_equal(r.error, want);
        fs_host_result_dispose(&r);
        fs_run_out_dispose(&run);
    }
    fs_benchmark_free(b);
}

static void partial_output_keeps_collected_facts(void **state)
{
    (void)state;
    struct fs_benchmark *b = bench();
    struct fs_host h = local_host();
    struct fs_run_out run;
    fs_run_out_init(&run, 4096);
    assert_int_equal(fs_buf_adds(&run.out,
                                 "\n" M " H 0\n\n" M " B passwd\nroot:x:0:0::/root:/bin/sh\n\n" M
                                 " E passwd 0\n" M " P passwd run cat 0\n" M " P passwd end\n\n" M
                                 " B proc_comm\nrsysl"),
                     FS_OK);
    fs_run_out_fail(&run, FS_HOST_TIMEOUT, "collection timed out after 1 s");
    struct fs_host_result r;
    memset(&r, 0, sizeof r);
    assert_int_equal(fs_scan_finish_host(b, fs_benchmark_profile(b, "baseline"), &h,
                                         "0123456789abcdef0123456789abcdef", &run, &r),
                     FS_OK);
    assert_int_equal(r.status, FS_HOST_TIMEOUT);
    /* the collector had not started (run.collecting false): no count */
    assert_string_equal(r.error, "collection timed out after 1 s");
    bool uid0_pass = false, logger_error = false;
    for (size_t i = 0; i < r.nresults; i++) {
        if (strcmp(r.results[i].rule->short_id, "accounts_no_extra_uid_zero") == 0)
            uid0_pass = r.results[i].result == FS_RESULT_PASS;
        if (strcmp(r.results[i].rule->short_id, "logging_system_logger_active") == 0)
            logger_error = r.results[i].result == FS_RESULT_ERROR;
    }
    assert_true(uid0_pass);
    assert_true(logger_error);
    fs_host_result_dispose(&r);
    fs_run_out_dispose(&run);
    fs_benchmark_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_sh_and_reads_output),
        cmocka_unit_test(hanging_host_times_out),
        cmocka_unit_test(hanging_host_reason_names_the_budget),
        cmocka_unit_test(cancelled_run_stops_at_once),
        cmocka_unit_test(flood_is_capped),
        cmocka_unit_test(sudo_password_prompt_is_a_host_error),
        cmocka_unit_test(partial_output_keeps_collected_facts),
        cmocka_unit_test(cut_run_counts_the_facts_received),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
