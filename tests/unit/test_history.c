/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan history: fleet runs and --by series read from a store with known scores (shards of
 * one label, a host vanishing and coming back), --since and -l, the JSON document, sparklines,
 * the command line recorded with a run, and history import / verify through the command. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "scanner/cli.h"
#include "scanner/core/err.h"
#include "scanner/history.h"
#include "scanner/run_meta.h"
#include "store/store.h"
#include "tests/common/synth_fleet.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fx {
    char dir[64];
    char db[128];
    struct fs_store *s;
};

static void exec_sql(struct fs_store *s, const char *sql, size_t n, const char *const *p)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_db_exec(s->db, sql, n, p, NULL, NULL, &err) != FS_OK)
        fail_msg("%s: %s", sql, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
}

static void add_run(struct fs_store *s, const char *id, const char *label, const char *started)
{
    const char *p[] = {id, label, started};
    exec_sql(s,
             "INSERT INTO runs (id, label, source, started, finished, stored, operator, "
             "command_line, scanner_version, benchmark_id, benchmark_sha256, hosts, scanned, doc, "
             "content_sha256, prev_sha256) VALUES ($1, $2, 'scan', $3, $3, $3, 'test', 'test', "
             "'0', 'b', 'x', 0, 0, '{}', 'x', 'x')",
             3, p);
}

/* A host; score NULL for one that was not scanned. */
static void add_host(struct fs_store *s, const char *run, const char *idx, const char *name,
                     const char *role, const char *zone, const char *status, const char *score,
                     const char *unwaived, const char *fail)
{
    const char *p[] = {run, idx, name, role, zone, status, score, unwaived, fail};
    exec_sql(s,
             "INSERT INTO hosts (run_id, idx, name, role, zone, status, score, score_unwaived, "
             "fail, profile, pass, error, waived, doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
             "$9, 'p', 0, 0, 0, '{}')",
             9, p);
}

static void add_principle(struct fs_store *s, const char *run, const char *idx, const char *pr,
                          const char *score)
{
    const char *p[] = {run, idx, pr, score};
    exec_sql(s,
             "INSERT INTO host_principles (run_id, idx, principle, score, pass, fail, other) "
             "VALUES ($1, $2, $3, $4, 0, 0, 0)",
             4, p);
}

static int setup(void **state)
{
    static struct fx fx;
    memset(&fx, 0, sizeof fx);
    snprintf(fx.dir, sizeof fx.dir, "/tmp/fs-history.XXXXXX");
    assert_non_null(mkdtemp(fx.dir));
    snprintf(fx.db, sizeof fx.db, "%s/history.db", fx.dir);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    char cmd[160];
    fs_store_close(fx->s);
    fx->s = NULL;
    snprintf(cmd, sizeof cmd, getenv("FS_KEEP") ? "true %s" : "rm -rf '%s'", fx->dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Three fleet runs:
 *   w1 (run 1, 2026-01-05): a 50 (unwaived 40, 3 failed), b 70 (60, 1 failed)
 *   w2 (run 2, 2026-01-12): a 60, c 80 - b vanished
 *   w3 (runs 3 and 4, shards; 2026-01-19, the second shard started first): a 90 | b 70, c
 *      unreachable - b is back, c has no score
 * a: role r1 zone z1; b: role r2, no zone; c: role r1 zone z1. */
static struct fs_store *known_store(struct fx *fx)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_store_open(&fx->s, fx->db, true, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    struct fs_store *s = fx->s;
    add_run(s, "1", "w1", "2026-01-05T10:00:00Z");
    add_run(s, "2", "w2", "2026-01-12T10:00:00Z");
    add_run(s, "3", "w3", "2026-01-19T10:00:00Z");
    add_run(s, "4", "w3", "2026-01-19T09:00:00Z");
    add_host(s, "1", "0", "a", "r1", "z1", "scanned", "50", "40", "3");
    add_host(s, "1", "1", "b", "r2", NULL, "scanned", "70", "60", "1");
    add_host(s, "2", "0", "a", "r1", "z1", "scanned", "60", "60", "2");
    add_host(s, "2", "1", "c", "r1", "z1", "scanned", "80", "70", "1");
    add_host(s, "3", "0", "a", "r1", "z1", "scanned", "90", "85", "0");
    add_host(s, "4", "0", "b", "r2", NULL, "scanned", "70", "70", "1");
    add_host(s, "4", "1", "c", "r1", "z1", "unreachable", NULL, NULL, "0");
    add_principle(s, "1", "0", "P1", "40");
    add_principle(s, "1", "1", "P1", "60");
    add_principle(s, "1", "0", "P3", "100");
    add_principle(s, "2", "0", "P1", "80");
    add_principle(s, "3", "0", "P1", "100");
    add_principle(s, "4", "0", "P3", "50");
    return s;
}

static struct fs_history *load(struct fs_store *s, enum fs_history_by by, const char *limit,
                               const char *since)
{
    struct fs_history_opts o = {.limit = limit, .since = since, .by = by};
    struct fs_history *h = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_history_load(s, &o, &h, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return h;
}

static void fleet_runs(void **state)
{
    struct fs_history *h = load(known_store(*state), FS_HISTORY_RUNS, NULL, NULL);
    assert_int_equal(h->nruns, 3);
    assert_int_equal(h->nseries, 0);
    assert_string_equal(h->runs[0].label, "w1");
    assert_int_equal(h->runs[0].id, 1);
    assert_int_equal(h->runs[0].hosts, 2);
    assert_int_equal(h->runs[0].scanned, 2);
    assert_true(h->runs[0].has_score);
    assert_float_equal(h->runs[0].score, 60.0, 1e-9);
    assert_float_equal(h->runs[0].score_unwaived, 50.0, 1e-9);
    assert_int_equal(h->runs[0].failed, 4);
    assert_string_equal(h->runs[1].label, "w2");
    assert_float_equal(h->runs[1].score, 70.0, 1e-9);
    /* both shards of w3 in one fleet run: its lowest id, its earliest start, the mean of its
     * scanned hosts (the unreachable one has no score) */
    assert_string_equal(h->runs[2].label, "w3");
    assert_int_equal(h->runs[2].id, 3);
    assert_string_equal(h->runs[2].started, "2026-01-19T09:00:00Z");
    assert_int_equal(h->runs[2].hosts, 3);
    assert_int_equal(h->runs[2].scanned, 2);
    assert_float_equal(h->runs[2].score, 80.0, 1e-9);
    assert_float_equal(h->runs[2].score_unwaived, 77.5, 1e-9);
    fs_history_free(h);
}

static const struct fs_history_series *series(const struct fs_history *h, const char *key)
{
    for (size_t i = 0; i < h->nseries; i++)
        if (strcmp(h->series[i].key, key) == 0)
            return &h->series[i];
    fail_msg("no series %s", key);
    return NULL;
}

static void by_host(void **state)
{
    struct fs_history *h = load(known_store(*state), FS_HISTORY_HOST, NULL, NULL);
    assert_int_equal(h->nseries, 3);
    assert_string_equal(h->series[0].key, "a"); /* sorted */
    const struct fs_history_series *b = series(h, "b"), *c = series(h, "c");
    /* b vanished in w2 and came back in w3 (in the other shard) */
    assert_true(b->has[0] && !b->has[1] && b->has[2]);
    assert_float_equal(b->score[2], 70.0, 1e-9);
    /* c: only w2 has a score (unreachable in w3) */
    assert_true(!c->has[0] && c->has[1] && !c->has[2]);
    struct fs_buf t;
    fs_buf_init(&t, 1 << 20);
    assert_int_equal(fs_history_table(h, true, &t), FS_OK);
    const char *text = fs_buf_cstr(&t);
    /* header, then a: latest 90, +40 since its first score, the three runs, its trend */
    assert_string_equal(text, "HOST  LATEST  CHANGE     w1     w2     w3  TREND\n"
                              "a       90.0   +40.0   50.0   60.0   90.0  \u2581\u2583\u2588\n"
                              "b       70.0    +0.0   70.0      -   70.0  \u2586\u00b7\u2586\n"
                              "c       80.0       -      -   80.0      -  \u00b7\u2587\u00b7\n");
    fs_buf_reset(&t);
    assert_int_equal(fs_history_table(h, false, &t), FS_OK);
    assert_null(strstr(fs_buf_cstr(&t), "TREND"));
    fs_buf_dispose(&t);
    fs_history_free(h);
}

static void by_zone_role_principle(void **state)
{
    struct fs_store *s = known_store(*state);
    struct fs_history *h = load(s, FS_HISTORY_ZONE, NULL, NULL);
    assert_int_equal(h->nseries, 2);
    const struct fs_history_series *z = series(h, "z1"), *none = series(h, "-");
    assert_float_equal(z->score[0], 50.0, 1e-9);
    assert_float_equal(z->score[1], 70.0, 1e-9); /* a 60, c 80 */
    assert_float_equal(z->score[2], 90.0, 1e-9);
    assert_true(none->has[0] && !none->has[1] && none->has[2]);
    fs_history_free(h);
    h = load(s, FS_HISTORY_ROLE, NULL, NULL);
    assert_int_equal(h->nseries, 2);
    assert_float_equal(series(h, "r1")->score[1], 70.0, 1e-9);
    assert_float_equal(series(h, "r2")->score[0], 70.0, 1e-9);
    fs_history_free(h);
    h = load(s, FS_HISTORY_PRINCIPLE, NULL, NULL);
    assert_int_equal(h->nseries, 2);
    const struct fs_history_series *p1 = series(h, "P1"), *p3 = series(h, "P3");
    assert_float_equal(p1->score[0], 50.0, 1e-9); /* mean of the hosts' P1 scores */
    assert_float_equal(p1->score[1], 80.0, 1e-9);
    assert_float_equal(p1->score[2], 100.0, 1e-9);
    assert_true(p3->has[0] && !p3->has[1] && p3->has[2]);
    assert_float_equal(p3->score[2], 50.0, 1e-9);
    fs_history_free(h);
    /* principles of the hosts -l keeps */
    h = load(s, FS_HISTORY_PRINCIPLE, "b", NULL);
    assert_float_equal(series(h, "P1")->score[0], 60.0, 1e-9);
    assert_int_equal(h->nseries, 2);
    assert_false(series(h, "P3")->has[0]);
    fs_history_free(h);
}

static void since_and_limit(void **state)
{
    struct fs_store *s = known_store(*state);
    struct fs_history *h = load(s, FS_HISTORY_RUNS, NULL, "2026-01-12");
    assert_int_equal(h->nruns, 2); /* started that day or later */
    assert_string_equal(h->runs[0].label, "w2");
    fs_history_free(h);
    h = load(s, FS_HISTORY_HOST, NULL, "2026-01-20");
    assert_int_equal(h->nruns, 0);
    assert_int_equal(h->nseries, 0);
    fs_history_free(h);
    /* names and patterns */
    h = load(s, FS_HISTORY_RUNS, "a, c", NULL);
    assert_int_equal(h->runs[0].hosts, 1);
    assert_float_equal(h->runs[0].score, 50.0, 1e-9);
    assert_int_equal(h->runs[2].hosts, 2);
    assert_float_equal(h->runs[2].score, 90.0, 1e-9);
    fs_history_free(h);
    h = load(s, FS_HISTORY_HOST, "[bc]", NULL);
    assert_int_equal(h->nseries, 2);
    assert_string_equal(h->series[0].key, "b");
    fs_history_free(h);
    /* the stored zone and role match too (groups are not stored) */
    h = load(s, FS_HISTORY_HOST, "z1", NULL);
    assert_int_equal(h->nseries, 2);
    assert_string_equal(h->series[1].key, "c");
    fs_history_free(h);
    h = load(s, FS_HISTORY_RUNS, "nothing*", NULL);
    assert_int_equal(h->nruns, 3);
    assert_int_equal(h->runs[0].hosts, 0);
    assert_false(h->runs[0].has_score);
    fs_history_free(h);
}

static void json_shape(void **state)
{
    struct fs_history *h = load(known_store(*state), FS_HISTORY_HOST, NULL, NULL);
    char *text = fs_history_json(h);
    assert_non_null(text);
    json_error_t je;
    json_t *doc = json_loads(text, 0, &je);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "by")), "host");
    json_t *runs = json_object_get(doc, "runs"), *ser = json_object_get(doc, "series");
    assert_int_equal(json_array_size(runs), 3);
    json_t *w3 = json_array_get(runs, 2);
    assert_int_equal(json_integer_value(json_object_get(w3, "id")), 3);
    assert_string_equal(json_string_value(json_object_get(w3, "label")), "w3");
    assert_string_equal(json_string_value(json_object_get(w3, "started")), "2026-01-19T09:00:00Z");
    assert_int_equal(json_integer_value(json_object_get(w3, "hosts")), 3);
    assert_int_equal(json_integer_value(json_object_get(w3, "scanned")), 2);
    assert_float_equal(json_real_value(json_object_get(w3, "score")), 80.0, 1e-9);
    assert_float_equal(json_real_value(json_object_get(w3, "score_unwaived")), 77.5, 1e-9);
    assert_int_equal(json_array_size(ser), 3);
    json_t *b = json_array_get(ser, 1);
    assert_string_equal(json_string_value(json_object_get(b, "key")), "b");
    json_t *pts = json_object_get(b, "points");
    assert_int_equal(json_array_size(pts), 2); /* none for w2, where b was not */
    assert_string_equal(json_string_value(json_object_get(json_array_get(pts, 1), "run")), "w3");
    assert_float_equal(json_real_value(json_object_get(json_array_get(pts, 1), "score")), 70.0,
                       1e-9);
    json_decref(doc);
    free(text);
    fs_history_free(h);
    /* without --by: "by" null and no series */
    h = load((*(struct fx **)state)->s, FS_HISTORY_RUNS, NULL, NULL);
    text = fs_history_json(h);
    doc = json_loads(text, 0, &je);
    assert_true(json_is_null(json_object_get(doc, "by")));
    assert_int_equal(json_array_size(json_object_get(doc, "series")), 0);
    assert_int_equal(json_array_size(json_object_get(doc, "runs")), 3);
    json_decref(doc);
    free(text);
    fs_history_free(h);
}

static void runs_table(void **state)
{
    struct fs_history *h = load(known_store(*state), FS_HISTORY_RUNS, NULL, NULL);
    struct fs_buf t;
    fs_buf_init(&t, 1 << 20);
    assert_int_equal(fs_history_table(h, true, &t), FS_OK);
    assert_string_equal(fs_buf_cstr(&t),
                        "RUN      ID  STARTED           HOSTS   SCORE  UNWAIVED   FAILED\n"
                        "w1        1  2026-01-05          2/2    60.0      50.0        4\n"
                        "w2        2  2026-01-12          2/2    70.0      65.0        3\n"
                        "w3        3  2026-01-19          2/3    80.0      77.5        1\n"
                        "trend \u2581\u2585\u2588\n");
    fs_buf_dispose(&t);
    fs_history_free(h);
}

static void sparkline(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 1024);
    const double v[] = {0, 50, 100, 25};
    const bool all[] = {true, true, true, true}, gap[] = {true, false, true, true};
    assert_int_equal(fs_history_sparkline(&b, v, all, 4), FS_OK);
    assert_string_equal(fs_buf_cstr(&b), "\u2581\u2585\u2588\u2583");
    fs_buf_reset(&b);
    assert_int_equal(fs_history_sparkline(&b, v, gap, 4), FS_OK);
    assert_string_equal(fs_buf_cstr(&b), "\u2581\u00b7\u2588\u2583");
    /* equal values: one level, by the score itself */
    const double flat[] = {100, 100}, low[] = {10, 10};
    fs_buf_reset(&b);
    assert_int_equal(fs_history_sparkline(&b, flat, all, 2), FS_OK);
    assert_string_equal(fs_buf_cstr(&b), "\u2588\u2588");
    fs_buf_reset(&b);
    assert_int_equal(fs_history_sparkline(&b, low, all, 2), FS_OK);
    assert_string_equal(fs_buf_cstr(&b), "\u2582\u2582");
    /* no scores at all */
    fs_buf_reset(&b);
    assert_int_equal(fs_history_sparkline(&b, v, (const bool[]){false, false}, 2), FS_OK);
    assert_string_equal(fs_buf_cstr(&b), "\u00b7\u00b7");
    fs_buf_dispose(&b);
}

static void dates_and_by(void **state)
{
    (void)state;
    assert_true(fs_history_date_valid("2026-01-31"));
    assert_true(fs_history_date_valid("2024-02-29"));
    assert_false(fs_history_date_valid("2026-02-29"));
    assert_false(fs_history_date_valid("2026-13-01"));
    assert_false(fs_history_date_valid("2026-1-01"));
    assert_false(fs_history_date_valid("2026-01-01T00:00:00Z"));
    assert_false(fs_history_date_valid("yesterday"));
    enum fs_history_by by;
    assert_true(fs_history_by_parse("principle", &by));
    assert_int_equal(by, FS_HISTORY_PRINCIPLE);
    assert_false(fs_history_by_parse("site", &by));
    assert_false(fs_history_by_parse("runs", &by));
}

/* The command line recorded with an imported run: --db passwords never in it. */
static void command_line_redacted(void **state)
{
    (void)state;
    char *argv[] = {"floorscan",
                    "history",
                    "import",
                    "--db",
                    "postgresql://audit:s3cret@db/fs",
                    "--db=postgres://u:pw2@h/x",
                    "r.json"};
    int argc0 = fs_cli_argc;
    char **argv0 = fs_cli_argv;
    fs_cli_argc = 7;
    fs_cli_argv = argv;
    struct fs_buf b;
    fs_buf_init(&b, 4096);
    assert_int_equal(fs_run_meta_command_line(&b), FS_OK);
    fs_cli_argc = argc0;
    fs_cli_argv = argv0;
    const char *t = fs_buf_cstr(&b);
    assert_null(strstr(t, "s3cret"));
    assert_null(strstr(t, "pw2"));
    assert_string_equal(t, "floorscan history import --db postgresql://audit:***@db/fs "
                           "--db=postgres://u:***@h/x r.json");
    fs_buf_dispose(&b);
    char op[256];
    setenv("FLOORSCAN_OPERATOR", "J. Doe", 1);
    fs_run_meta_operator(op, sizeof op);
    assert_string_equal(op, "J. Doe");
    unsetenv("FLOORSCAN_OPERATOR");
    fs_run_meta_operator(op, sizeof op);
    assert_true(strlen(op) > 0);
    assert_string_not_equal(op, "J. Doe");
}

/* Runs `floorscan history ARGS` in-process with stdout and stderr in *out (caller frees). */
static int run_cmd(char **out, int argc, char **argv)
{
    char path[] = "/tmp/fs-history-out.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(fflush(stdout), 0);
    assert_int_equal(fflush(stderr), 0);
    int o = dup(1), e = dup(2);
    assert_true(dup2(fd, 1) >= 0 && dup2(fd, 2) >= 0);
    int rc = fs_cmd_history(argc, argv);
    assert_int_equal(fflush(stdout), 0);
    assert_int_equal(fflush(stderr), 0);
    assert_true(dup2(o, 1) >= 0 && dup2(e, 2) >= 0);
    close(o);
    close(e);
    off_t n = lseek(fd, 0, SEEK_END);
    *out = calloc(1, (size_t)n + 1);
    assert_true(pread(fd, *out, (size_t)n, 0) == n);
    close(fd);
    unlink(path);
    return rc;
}

/* Writes results.json of a synthetic 3-host fleet into dir/NAME/ (each file its own run). */
static void write_results(const char *dir, const char *name, const char *started)
{
    char bench[512], sub[256];
    snprintf(bench, sizeof bench, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    snprintf(sub, sizeof sub, "%s/%s", dir, name);
    assert_int_equal(mkdir(sub, 0700), 0);
    struct synth_fleet *f = synth_fleet_new(bench, 3, false);
    assert_non_null(f);
    assert_int_equal(fs_sha256_file(bench, f->report.benchmark_sha256), FS_OK);
    snprintf(f->report.started, sizeof f->report.started, "%s", started);
    for (size_t i = 0; i < f->report.n; i++)
        f->results[i].evaluated = true;
    struct fs_outdir d = {.fd = -1};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_outdir_open(&d, sub, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    if (fs_report_json(&f->report, &d, "results.json", &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    fs_outdir_dispose(&d);
    fs_buf_dispose(&err);
    synth_fleet_free(f);
}

static void import_and_verify(void **state)
{
    struct fx *fx = *state;
    char one[256], two[256], notjson[256], *out = NULL;
    write_results(fx->dir, "one", "2026-01-05T10:00:00Z");
    write_results(fx->dir, "two", "2026-01-12T10:00:00Z");
    snprintf(one, sizeof one, "%s/one/results.json", fx->dir);
    snprintf(two, sizeof two, "%s/two/results.json", fx->dir);
    snprintf(notjson, sizeof notjson, "%s/not.json", fx->dir);
    FILE *f = fopen(notjson, "w");
    assert_non_null(f);
    assert_true(fputs("this is not JSON\n", f) >= 0);
    assert_int_equal(fclose(f), 0);

    char *imp[] = {"history", "import", "--db", fx->db, one, two};
    assert_int_equal(run_cmd(&out, 6, imp), FS_EXIT_OK);
    assert_non_null(strstr(out, "as run 1"));
    assert_non_null(strstr(out, "as run 2"));
    free(out);
    /* the same results again: refused, naming the file; a bad file beside a good one */
    char *again[] = {"history", "import", "--db", fx->db, two};
    assert_int_equal(run_cmd(&out, 5, again), FS_EXIT_GATE);
    assert_non_null(strstr(out, "two/results.json: not stored again: "));
    free(out);
    char *bad[] = {"history", "import", "--db", fx->db, notjson, one};
    assert_int_equal(run_cmd(&out, 6, bad), FS_EXIT_USAGE);
    assert_non_null(strstr(out, "not.json"));
    assert_non_null(strstr(out, "one/results.json: not stored again: "));
    free(out);

    char *hist[] = {"history", "--db", fx->db, "--json"};
    assert_int_equal(run_cmd(&out, 4, hist), FS_EXIT_OK);
    json_t *doc = json_loads(out, 0, NULL);
    assert_non_null(doc);
    assert_int_equal(json_array_size(json_object_get(doc, "runs")), 2);
    json_decref(doc);
    free(out);

    char *ver[] = {"history", "verify", "--db", fx->db};
    assert_int_equal(run_cmd(&out, 4, ver), FS_EXIT_OK);
    assert_non_null(strstr(out, "2 runs, chain intact, head "));
    free(out);

    /* alter run 1, remove run 2: both named */
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_open(&fx->s, fx->db, true, &err), FS_OK);
    exec_sql(fx->s, "UPDATE hosts SET score = 100 WHERE run_id = 1 AND idx = 0", 0, NULL);
    fs_store_close(fx->s);
    fx->s = NULL;
    assert_int_equal(run_cmd(&out, 4, ver), FS_EXIT_GATE);
    assert_non_null(strstr(out, "run 1: "));
    assert_non_null(strstr(out, "altered"));
    free(out);
    write_results(fx->dir, "three", "2026-01-19T10:00:00Z");
    char three[256];
    snprintf(three, sizeof three, "%s/three/results.json", fx->dir);
    char *imp3[] = {"history", "import", "--db", fx->db, three};
    assert_int_equal(run_cmd(&out, 5, imp3), FS_EXIT_OK);
    free(out);
    assert_int_equal(fs_store_open(&fx->s, fx->db, true, &err), FS_OK);
    const char *two_id[] = {"2"};
    exec_sql(fx->s, "DELETE FROM results WHERE run_id = $1", 1, two_id);
    exec_sql(fx->s, "DELETE FROM host_principles WHERE run_id = $1", 1, two_id);
    exec_sql(fx->s, "DELETE FROM hosts WHERE run_id = $1", 1, two_id);
    exec_sql(fx->s, "DELETE FROM runs WHERE id = $1", 1, two_id);
    fs_store_close(fx->s);
    fx->s = NULL;
    assert_int_equal(run_cmd(&out, 4, ver), FS_EXIT_GATE);
    assert_non_null(strstr(out, "run 2: "));
    assert_non_null(strstr(out, "removed"));
    free(out);
    fs_buf_dispose(&err);
}

static void bad_store(void **state)
{
    struct fx *fx = *state;
    char text[256], *out = NULL;
    snprintf(text, sizeof text, "%s/notes.txt", fx->dir);
    FILE *f = fopen(text, "w");
    assert_non_null(f);
    assert_true(fputs("not a database, only some notes that go on for a while ............\n", f) >=
                0);
    assert_int_equal(fclose(f), 0);
    char *hist[] = {"history", "--db", text};
    assert_int_equal(run_cmd(&out, 3, hist), FS_EXIT_USAGE);
    assert_non_null(strstr(out, "notes.txt"));
    free(out);
    char *ver[] = {"history", "verify", "--db", text};
    assert_int_equal(run_cmd(&out, 4, ver), FS_EXIT_USAGE);
    assert_non_null(strstr(out, "notes.txt"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sparkline),
        cmocka_unit_test(dates_and_by),
        cmocka_unit_test(command_line_redacted),
        cmocka_unit_test_setup_teardown(fleet_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(by_host, setup, teardown),
        cmocka_unit_test_setup_teardown(by_zone_role_principle, setup, teardown),
        cmocka_unit_test_setup_teardown(since_and_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(json_shape, setup, teardown),
        cmocka_unit_test_setup_teardown(runs_table, setup, teardown),
        cmocka_unit_test_setup_teardown(import_and_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_store, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
