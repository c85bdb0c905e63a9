/* SPDX-License-Identifier: Apache-2.0 */
/* The local transport under real sh (timeouts, output caps) and how a run becomes a host
 * status (sudo refusing, no output, partial output). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/core/err.h"
#include "scanner/core/util.h"
#include "scanner/engine/benchmark.h"
#include "scanner/orchestrate/scan.h"
#include "scanner/transport/transport.h"

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

static void partial_output_keeps_collected_facts(void **state)
{
    (void)state;
    struct fs_benchmark *b = bench();
    struct fs_host h = local_host();
    struct fs_run_out run;
    fs_run_out_init(&run, 4096);
#define M "@@FS-0123456789abcdef0123456789abcdef"
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
        cmocka_unit_test(flood_is_capped),
        cmocka_unit_test(sudo_password_prompt_is_a_host_error),
        cmocka_unit_test(partial_output_keeps_collected_facts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
