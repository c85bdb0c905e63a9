/* SPDX-License-Identifier: Apache-2.0 */
/* The scan's progress: ETA, durations, what counts as a failure, the status line fitted to a
 * terminal's width, and the lines and JSON events written for a few hosts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/core/err.h"
#include "scanner/progress.h"

static void eta_from_mean_and_parallelism(void **state)
{
    (void)state;
    assert_true(fs_progress_eta(0, 10, -1, 4) < 0);  /* nothing finished: unknown */
    assert_true(fs_progress_eta(0, 10, 3.0, 4) < 0); /* a mean of no host is no mean */
    assert_true(fs_progress_eta(10, 10, 4.0, 4) == 0);
    /* 8 left, 4 at a time, 4 s each: 8 s */
    assert_true(fabs(fs_progress_eta(2, 10, 4.0, 4) - 8.0) < 1e-9);
    /* 2 left with 16 jobs: both run at once, 5 s */
    assert_true(fabs(fs_progress_eta(8, 10, 5.0, 16) - 5.0) < 1e-9);
    /* jobs 0 counts as one at a time */
    assert_true(fabs(fs_progress_eta(1, 3, 2.0, 0) - 4.0) < 1e-9);
}

static void durations(void **state)
{
    (void)state;
    static const struct {
        double s;
        const char *want;
    } cases[] = {{0, "0s"},        {59.4, "59s"},   {59.6, "1m00s"}, {185, "3m05s"},
                 {3599, "59m59s"}, {3725, "1h02m"}, {-1, "?"},       {90061, "25h01m"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[32];
        fs_progress_duration(cases[i].s, out, sizeof out);
        assert_string_equal(out, cases[i].want);
    }
}

static void what_counts_as_a_failure(void **state)
{
    (void)state;
    struct fs_host_result r;
    memset(&r, 0, sizeof r);
    r.status = FS_HOST_UNREACHABLE;
    assert_true(fs_progress_host_failed(&r));
    r.status = FS_HOST_NOT_SCANNED;
    assert_true(fs_progress_host_failed(&r));
    r.status = FS_HOST_SCANNED;
    assert_false(fs_progress_host_failed(&r));
    r.score.fail = 2;
    r.score.waived = 2; /* every fail waived: not a failure */
    assert_false(fs_progress_host_failed(&r));
    r.score.fail = 3;
    r.score.waived = 1;
    assert_true(fs_progress_host_failed(&r));
}

static void modes(void **state)
{
    (void)state;
    static const char *const words[] = {"auto", "none", "tty", "lines", "json"};
    static const enum fs_progress_mode want[] = {
        FS_PROGRESS_AUTO, FS_PROGRESS_NONE, FS_PROGRESS_TTY, FS_PROGRESS_LINES, FS_PROGRESS_JSON};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        enum fs_progress_mode m = FS_PROGRESS_NONE;
        assert_int_equal(fs_progress_mode_parse(words[i], &m), FS_OK);
        assert_int_equal(m, want[i]);
    }
    enum fs_progress_mode m = FS_PROGRESS_TTY;
    assert_int_equal(fs_progress_mode_parse("JSON", &m), FS_ERR_INVAL);
    assert_int_equal(fs_progress_mode_parse("", &m), FS_ERR_INVAL);
}

static char *line(const struct fs_progress_view *v, size_t width)
{
    struct fs_buf b;
    fs_buf_init(&b, 4096);
    assert_int_equal(fs_progress_line(v, width, &b), FS_OK);
    assert_true(b.len <= width);
    return fs_buf_steal(&b);
}

static void status_line_fits_the_width(void **state)
{
    (void)state;
    struct fs_progress_view v = {.done = 42,
                                 .total = 200,
                                 .running = 16,
                                 .not_scanned = 1,
                                 .failing = 3,
                                 .elapsed_s = 72,
                                 .eta_s = 270,
                                 .current = "plc-line1-07",
                                 .slowest = "bs-01",
                                 .slowest_s = 121};
    const char *full = "[42/200] 16 running (plc-line1-07) | failures 4 (1 not scanned, 3 failing "
                       "rules) | 1m12s, ETA 4m30s | slowest bs-01 2m01s";
    char *s = line(&v, 500);
    assert_string_equal(s, full);
    free(s);
    /* one column short: the current host's name goes first */
    s = line(&v, strlen(full) - 1);
    assert_string_equal(s, "[42/200] 16 running | failures 4 (1 not scanned, 3 failing rules) | "
                           "1m12s, ETA 4m30s | slowest bs-01 2m01s");
    free(s);
    s = line(&v, 90);
    assert_string_equal(
        s, "[42/200] 16 running | failures 4 (1 not scanned, 3 failing rules) | 1m12s, ETA 4m30s");
    free(s);
    s = line(&v, 80);
    assert_string_equal(
        s, "[42/200] 16 running | failures 4 (1 not scanned, 3 failing rules) | 1m12s");
    free(s);
    s = line(&v, 20); /* what is left is cut */
    assert_string_equal(s, "[42/200] 16 running ");
    free(s);
    /* no failure yet, ETA unknown, nothing running */
    struct fs_progress_view w = {.done = 0, .total = 3, .eta_s = -1, .elapsed_s = 3};
    s = line(&w, 200);
    assert_string_equal(s, "[0/3] 0 running | failures 0 | 3s, ETA ?");
    free(s);
    /* interrupted: no ETA, says it is stopping */
    w.interrupted = true;
    w.running = 2;
    s = line(&w, 200);
    assert_string_equal(s, "[0/3] INTERRUPTED, stopping: 2 running | failures 0 | 3s");
    free(s);
}

static void status_line_names_whole(void **state)
{
    (void)state;
    /* a name is shown whole or not at all: "é" (two bytes) is never split */
    struct fs_progress_view v = {
        .total = 1, .running = 1, .current = "\xc3\xa9t\xc3\xa9", .eta_s = -1};
    const char *with = "[0/1] 1 running (\xc3\xa9t\xc3\xa9) | failures 0 | 0s, ETA ?";
    char *s = line(&v, strlen(with));
    assert_string_equal(s, with);
    free(s);
    for (size_t w = strlen(with) - 4; w < strlen(with); w++) {
        s = line(&v, w);
        assert_string_equal(s, "[0/1] 1 running | failures 0 | 0s, ETA ?");
        free(s);
    }
}

/* Reads back what the display wrote to f. */
static char *contents(FILE *f)
{
    long n = ftell(f);
    assert_true(n >= 0);
    char *s = calloc((size_t)n + 1, 1);
    assert_non_null(s);
    rewind(f);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    return s;
}

static struct fs_host_result result(enum fs_host_status st, double score, unsigned fail,
                                    const char *error)
{
    struct fs_host_result r;
    memset(&r, 0, sizeof r);
    r.status = st;
    r.score.has_score = score >= 0;
    r.score.score = score;
    r.score.fail = fail;
    r.error = (char *)error;
    return r;
}

static void lines_without_a_terminal(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    const char *names[] = {"plc-1", "bad\x1b]0;x\x07name"};
    /* auto on a file: one line per finished host */
    struct fs_progress *p = fs_progress_new(FS_PROGRESS_AUTO, f, 2, 4, names);
    assert_non_null(p);
    fs_progress_start(p);
    fs_progress_host_start(p, 0);
    fs_progress_host_start(p, 1);
    fs_progress_tick(p);
    struct fs_host_result a = result(FS_HOST_SCANNED, 87.5, 2, NULL);
    struct fs_host_result b = result(FS_HOST_TIMEOUT, -1, 0, "timeout\x1b[2J during collection");
    fs_progress_host_done(p, 0, &a);
    fs_progress_host_done(p, 1, &b);
    fs_progress_end(p);
    char *s = contents(f);
    assert_string_equal(s, "[1/2] plc-1                scanned          score 87.5   \n"
                           "[2/2] bad\\x1b]0;x\\x07name  timeout          score -      "
                           "timeout\\x1b[2J during collection\n");
    free(s);
    fs_progress_free(p);
    assert_int_equal(fclose(f), 0);
}

static json_t *event(char **cursor)
{
    char *nl = strchr(*cursor, '\n');
    assert_non_null(nl);
    *nl = '\0';
    json_error_t e;
    json_t *j = json_loads(*cursor, 0, &e);
    assert_non_null(j);
    assert_non_null(json_object_get(j, "time"));
    *cursor = nl + 1;
    return j;
}

static void json_events(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    const char *names[] = {"plc-1", "bad\x1bname", "never"};
    struct fs_progress *p = fs_progress_new(FS_PROGRESS_JSON, f, 3, 2, names);
    assert_non_null(p);
    fs_progress_start(p);
    fs_progress_host_start(p, 0);
    fs_progress_host_start(p, 1);
    struct fs_host_result a = result(FS_HOST_SCANNED, 87.5, 2, NULL);
    a.score.waived = 1;
    fs_progress_host_done(p, 0, &a);
    fs_progress_interrupt(p, "SIGINT", 5);
    struct fs_host_result b = result(FS_HOST_NOT_SCANNED, -1, 0, "scan interrupted");
    fs_progress_host_done(p, 1, &b);
    struct fs_host_result c =
        result(FS_HOST_NOT_SCANNED, -1, 0, "scan interrupted before this host was reached");
    fs_progress_host_done(p, 2, &c);
    fs_progress_end(p);
    fs_progress_tick(p); /* nothing in json mode */
    char *s = contents(f), *cur = s;
    json_t *e = event(&cur);
    assert_string_equal(json_string_value(json_object_get(e, "event")), "start");
    assert_int_equal(json_integer_value(json_object_get(e, "hosts")), 3);
    assert_int_equal(json_integer_value(json_object_get(e, "jobs")), 2);
    json_decref(e);
    e = event(&cur);
    assert_string_equal(json_string_value(json_object_get(e, "event")), "host-start");
    assert_string_equal(json_string_value(json_object_get(e, "host")), "plc-1");
    json_decref(e);
    e = event(&cur);
    assert_string_equal(json_string_value(json_object_get(e, "host")), "bad\\x1bname");
    json_decref(e);
    e = event(&cur);
    assert_string_equal(json_string_value(json_object_get(e, "event")), "host-done");
    assert_string_equal(json_string_value(json_object_get(e, "status")), "scanned");
    assert_true(fabs(json_real_value(json_object_get(e, "score")) - 87.5) < 1e-9);
    assert_int_equal(json_integer_value(json_object_get(e, "fail")), 1); /* open fails */
    assert_true(json_is_null(json_object_get(e, "error")));
    assert_true(json_is_real(json_object_get(e, "seconds")));
    assert_int_equal(json_integer_value(json_object_get(e, "done")), 1);
    json_decref(e);
    e = event(&cur);
    assert_string_equal(json_string_value(json_object_get(e, "event")), "interrupt");
    assert_string_equal(json_string_value(json_object_get(e, "signal")), "SIGINT");
    assert_int_equal(json_integer_value(json_object_get(e, "running")), 1);
    assert_int_equal(json_integer_value(json_object_get(e, "grace_s")), 5);
    json_decref(e);
    e = event(&cur);
    assert_string_equal(json_string_value(json_object_get(e, "status")), "not-scanned");
    assert_string_equal(json_string_value(json_object_get(e, "error")), "scan interrupted");
    assert_true(json_is_null(json_object_get(e, "score")));
    json_decref(e);
    e = event(&cur);
    assert_string_equal(json_string_value(json_object_get(e, "host")), "never");
    assert_true(json_real_value(json_object_get(e, "seconds")) == 0);
    json_decref(e);
    e = event(&cur);
    assert_string_equal(json_string_value(json_object_get(e, "event")), "end");
    assert_int_equal(json_integer_value(json_object_get(e, "done")), 3);
    assert_int_equal(json_integer_value(json_object_get(e, "not_scanned")), 2);
    assert_int_equal(json_integer_value(json_object_get(e, "failing")), 1);
    assert_true(json_is_true(json_object_get(e, "interrupted")));
    json_decref(e);
    assert_string_equal(cur, "");
    free(s);
    fs_progress_free(p);
    assert_int_equal(fclose(f), 0);
}

static void none_writes_nothing(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    const char *names[] = {"a"};
    struct fs_progress *p = fs_progress_new(FS_PROGRESS_NONE, f, 1, 1, names);
    assert_non_null(p);
    fs_progress_start(p);
    fs_progress_host_start(p, 0);
    struct fs_host_result a = result(FS_HOST_SCANNED, 50, 1, NULL);
    fs_progress_host_done(p, 0, &a);
    fs_progress_interrupt(p, "SIGTERM", 5);
    fs_progress_end(p);
    assert_int_equal(ftell(f), 0);
    fs_progress_free(p);
    assert_int_equal(fclose(f), 0);
    /* NULL is a display that shows nothing */
    fs_progress_start(NULL);
    fs_progress_host_done(NULL, 0, &a);
    fs_progress_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eta_from_mean_and_parallelism), cmocka_unit_test(durations),
        cmocka_unit_test(what_counts_as_a_failure),      cmocka_unit_test(modes),
        cmocka_unit_test(status_line_fits_the_width),    cmocka_unit_test(status_line_names_whole),
        cmocka_unit_test(lines_without_a_terminal),      cmocka_unit_test(json_events),
        cmocka_unit_test(none_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
