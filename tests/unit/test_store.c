/* SPDX-License-Identifier: Apache-2.0 */
/* The history store (store/store.h) against a real database: SQLite in a temporary directory,
 * or the PostgreSQL server named by FS_TEST_DB_URL (tests/store/pg.sh starts one). Round
 * trip of a stored run, failing since, refusing the same results twice, the hash chain
 * (altered, re-hashed and removed runs), migration from every earlier schema version, a newer
 * schema refused, concurrent writers, and (SQLite) files that are not databases, read-only or
 * locked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/common/synth_fleet.h"
#include "tests/reports/synth_waivers.h"
#include "scanner/core/err.h"
#include "store/store.h"
#include "store/store_priv.h"
#include "scanner/zones/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct fx {
    char dir[256];
    char where[512];
    char bench[512];
    bool pg;
};

/* rm -rf or mkdir -p of a test directory (made by mkdtemp: no quote in it). */
static int run_cmd(const char *what, const char *dir)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s '%s'", what, dir);
    return system(cmd);
}

/* Empties the store: the SQLite file removed, or PostgreSQL's tables dropped. */
static void reset_store(struct fx *fx)
{
    if (!fx->pg) {
        char sub[300];
        snprintf(sub, sizeof sub, "%s/sub", fx->dir);
        run_cmd("rm -rf", sub);
        assert_int_equal(mkdir(sub, 0700), 0);
        return;
    }
    struct fs_db *db;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_db_open(&db, fx->where, true, true, &err), FS_OK);
    assert_int_equal(fs_db_script(db,
                                  "DROP TABLE IF EXISTS results, host_principles, evidence,"
                                  " hosts, runs, meta CASCADE",
                                  &err),
                     FS_OK);
    fs_db_close(db);
    fs_buf_dispose(&err);
}

/* An empty store: a new SQLite file, or the PostgreSQL database emptied. */
static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/fs-store-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    chmod(fx->dir, 0755);
    snprintf(fx->bench, sizeof fx->bench, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    const char *url = getenv("FS_TEST_DB_URL");
    fx->pg = url && *url;
    if (fx->pg)
        snprintf(fx->where, sizeof fx->where, "%s", url);
    else
        snprintf(fx->where, sizeof fx->where, "%s/sub/history.db", fx->dir);
    reset_store(fx);
    fs_db_lock_timeout_s = FS_DB_LOCK_TIMEOUT_S;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    run_cmd("rm -rf", fx->dir);
    free(fx);
    return 0;
}

/* A fleet of n hosts of the ten-rules benchmark, started at the given time. */
static struct synth_fleet *fleet(const struct fx *fx, size_t n, const char *started)
{
    struct synth_fleet *f = synth_fleet_new(fx->bench, n, false);
    assert_non_null(f);
    assert_int_equal(fs_sha256_file(fx->bench, f->report.benchmark_sha256), FS_OK);
    snprintf(f->report.started, sizeof f->report.started, "%s", started);
    snprintf(f->report.finished, sizeof f->report.finished, "%s", started);
    for (size_t i = 0; i < n; i++)
        f->results[i].evaluated = f->results[i].status == FS_HOST_SCANNED;
    return f;
}

static void set_result(struct synth_fleet *f, size_t host, const char *rule, enum fs_result res)
{
    struct fs_host_result *h = &f->results[host];
    for (size_t k = 0; k < h->nresults; k++) {
        if (strcmp(h->results[k].rule->short_id, rule) == 0) {
            h->results[k].result = res;
            fs_score_host(h);
            return;
        }
    }
    fail_msg("no rule %s", rule);
}

static const struct fs_rule_result *result_of(const struct fs_host_result *h, const char *rule)
{
    for (size_t k = 0; k < h->nresults; k++)
        if (strcmp(h->results[k].rule->short_id, rule) == 0)
            return &h->results[k];
    fail_msg("no rule %s", rule);
    return NULL;
}

static struct fs_store *open_store(const struct fx *fx)
{
    struct fs_store *s = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_store_open(&s, fx->where, true, &err);
    if (rc)
        fail_msg("open %s: %s", fx->where, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return s;
}

static int64_t save(struct fs_store *s, struct synth_fleet *f, const char *label)
{
    struct fs_stored_run out;
    struct fs_run_meta m = {.label = label,
                            .source = "scan",
                            .operator_name = "tester",
                            .command_line = "floorscan scan -i inv.yml"};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_failing_since(s, f->results, f->report.n, f->report.started, &err),
                     FS_OK);
    int rc = fs_store_save(s, &f->report, &m, &out, &err);
    if (rc)
        fail_msg("save: %s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    assert_int_equal(strlen(out.content_sha256), 64);
    return out.id;
}

static const char *rule0(const struct synth_fleet *f)
{
    return f->b->rules[0].short_id;
}

/* A stored run reads back as the fleet it was: hosts, statuses, evidence, scores. */
static void test_round_trip(void **state)
{
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    struct synth_fleet *f = fleet(fx, 4, "2026-11-01T09:00:00Z");
    assert_int_equal(save(s, f, NULL), 1);
    struct fs_run_ref ref;
    struct fs_loaded *l = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_find_run(s, "latest", &ref, &err), FS_OK);
    assert_string_equal(ref.label, "run-1");
    assert_int_equal(ref.hosts, 4);
    int rc = fs_store_load_run(s, &ref, NULL, NULL, &l, &err);
    if (rc)
        fail_msg("load: %s", fs_buf_cstr(&err));
    assert_int_equal(l->report.n, 4);
    for (size_t i = 0; i < 4; i++) {
        const struct fs_host_result *a = &f->results[i], *b = &l->hosts[i];
        assert_string_equal(a->host->name, b->host->name);
        assert_int_equal(a->status, b->status);
        assert_int_equal(a->nresults, b->nresults);
        for (size_t k = 0; k < a->nresults; k++) {
            const struct fs_rule_result *rb = result_of(b, a->results[k].rule->short_id);
            assert_int_equal(a->results[k].result, rb->result);
            assert_string_equal(a->results[k].evidence, rb->evidence);
        }
        assert_int_equal(a->score.has_score, b->score.has_score);
        if (a->score.has_score)
            assert_true(a->score.score - b->score.score < 1e-9 &&
                        b->score.score - a->score.score < 1e-9);
    }
    /* by id, by label; an unknown one is an error naming it */
    assert_int_equal(fs_store_find_run(s, "1", &ref, &err), FS_OK);
    assert_int_equal(fs_store_find_run(s, "run-1", &ref, &err), FS_OK);
    fs_buf_reset(&err);
    assert_int_equal(fs_store_find_run(s, "nope", &ref, &err), FS_ERR_NOTFOUND);
    assert_non_null(strstr(fs_buf_cstr(&err), "'nope'"));
    fs_loaded_free(l);
    synth_fleet_free(f);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

/* The same results stored twice (an import of a file the scan stored) are refused. */
static void test_same_results_refused(void **state)
{
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    struct synth_fleet *f = fleet(fx, 2, "2026-11-01T09:00:00Z");
    assert_int_equal(save(s, f, NULL), 1);
    struct fs_stored_run out;
    struct fs_run_meta m = {.source = "import", .source_file = "results.json"};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_save(s, &f->report, &m, &out, &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "stored already as run 1"));
    /* failing_since alone does not make other results */
    f->results[0].results[0].result = FS_RESULT_FAIL;
    snprintf(f->results[0].results[0].failing_since, 32, "2020-01-01T00:00:00Z");
    fs_buf_reset(&err);
    assert_int_equal(fs_store_save(s, &f->report, &m, &out, &err), FS_OK);
    assert_int_equal(out.id, 2);
    synth_fleet_free(f);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

/* failing since: the first run of the current streak; a pass ends it; a run in which the rule
 * was not judged (error, host unreachable) does not. */
static void test_failing_since(void **state)
{
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    static const char *const t[] = {"2026-10-01T09:00:00Z", "2026-10-08T09:00:00Z",
                                    "2026-10-15T09:00:00Z", "2026-10-22T09:00:00Z",
                                    "2026-10-29T09:00:00Z", "2026-11-05T09:00:00Z"};
    struct synth_fleet *f[6];
    for (size_t i = 0; i < 6; i++)
        f[i] = fleet(fx, 2, t[i]);
    const char *r = rule0(f[0]);
    /* host 0: fail, fail, error, (unreachable), fail, pass */
    set_result(f[0], 0, r, FS_RESULT_FAIL);
    set_result(f[1], 0, r, FS_RESULT_FAIL);
    set_result(f[2], 0, r, FS_RESULT_ERROR);
    /* unreachable: no verdict on any rule (a real scan stores no result rows for it) */
    f[3]->results[0].status = FS_HOST_UNREACHABLE;
    f[3]->results[0].evaluated = false;
    for (size_t k = 0; k < f[3]->results[0].nresults; k++)
        f[3]->results[0].results[k].result = FS_RESULT_ERROR;
    set_result(f[4], 0, r, FS_RESULT_FAIL);
    set_result(f[5], 0, r, FS_RESULT_PASS);
    /* host 1: pass, fail, fail, pass, fail, fail */
    static const enum fs_result h1[] = {FS_RESULT_PASS, FS_RESULT_FAIL, FS_RESULT_FAIL,
                                        FS_RESULT_PASS, FS_RESULT_FAIL, FS_RESULT_FAIL};
    for (size_t i = 0; i < 6; i++)
        set_result(f[i], 1, r, h1[i]);
    for (size_t i = 0; i < 6; i++)
        save(s, f[i], NULL);
    assert_string_equal(result_of(&f[0]->results[0], r)->failing_since, t[0]);
    assert_string_equal(result_of(&f[1]->results[0], r)->failing_since, t[0]);
    assert_string_equal(result_of(&f[4]->results[0], r)->failing_since, t[0]);
    assert_string_equal(result_of(&f[5]->results[0], r)->failing_since, "");
    assert_string_equal(result_of(&f[1]->results[1], r)->failing_since, t[1]);
    assert_string_equal(result_of(&f[2]->results[1], r)->failing_since, t[1]);
    assert_string_equal(result_of(&f[4]->results[1], r)->failing_since, t[4]);
    assert_string_equal(result_of(&f[5]->results[1], r)->failing_since, t[4]);
    /* and read back from the store */
    struct fs_run_ref ref;
    struct fs_loaded *l;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_find_run(s, "5", &ref, &err), FS_OK);
    assert_int_equal(fs_store_load_run(s, &ref, NULL, NULL, &l, &err), FS_OK);
    assert_string_equal(result_of(&l->hosts[0], r)->failing_since, t[0]);
    assert_string_equal(result_of(&l->hosts[1], r)->failing_since, t[4]);
    fs_loaded_free(l);
    for (size_t i = 0; i < 6; i++)
        synth_fleet_free(f[i]);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

static void expect_problem(struct fs_store *s, int64_t id, const char *what)
{
    struct fs_verify_problem *p = NULL;
    size_t np = 0, nruns = 0;
    char head[FS_SHA256_HEX];
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_verify(s, &p, &np, &nruns, head, &err), FS_OK);
    bool found = false;
    for (size_t i = 0; i < np; i++)
        found |= p[i].run_id == id && strstr(p[i].what, what);
    if (!found)
        fail_msg("verify did not report run %lld %s (%zu problems%s%s)", (long long)id, what, np,
                 np ? ": " : "", np ? p[0].what : "");
    free(p);
    fs_buf_dispose(&err);
}

static void exec_sql(struct fs_store *s, const char *sql)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_db_script(s->db, sql, &err) != FS_OK)
        fail_msg("%s: %s", sql, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
}

/* The chain: intact after saving; an edited row, an edit with its digest recomputed, and a
 * removed run are each named. */
static void test_chain(void **state)
{
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    static const char *const t[] = {"2026-10-01T09:00:00Z", "2026-10-08T09:00:00Z",
                                    "2026-10-15T09:00:00Z", "2026-10-22T09:00:00Z"};
    for (size_t i = 0; i < 4; i++) {
        struct synth_fleet *f = fleet(fx, 2, t[i]);
        save(s, f, NULL);
        synth_fleet_free(f);
    }
    struct fs_verify_problem *p = NULL;
    size_t np = 9, nruns = 0;
    char head[FS_SHA256_HEX], d4[FS_SHA256_HEX];
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_verify(s, &p, &np, &nruns, head, &err), FS_OK);
    assert_int_equal(np, 0);
    assert_int_equal(nruns, 4);
    assert_int_equal(fs_store_run_digest(s, 4, d4, &err), FS_OK);
    assert_string_equal(head, d4);
    /* a fail turned into a pass in run 2 */
    exec_sql(s, "UPDATE results SET status = 'pass' WHERE run_id = 2 AND status = 'fail'");
    expect_problem(s, 2, "altered");
    /* the same edit with run 2's digest recomputed: run 3 recorded the old one */
    char d2[FS_SHA256_HEX], sql[256];
    assert_int_equal(fs_store_run_digest(s, 2, d2, &err), FS_OK);
    snprintf(sql, sizeof sql, "UPDATE runs SET content_sha256 = '%s' WHERE id = 2", d2);
    exec_sql(s, sql);
    expect_problem(s, 2, "altered: run 3 recorded");
    /* run 3 removed with all its rows */
    exec_sql(s, "DELETE FROM results WHERE run_id = 3; DELETE FROM host_principles WHERE"
                " run_id = 3; DELETE FROM hosts WHERE run_id = 3; DELETE FROM runs WHERE id = 3");
    expect_problem(s, 3, "removed");
    fs_store_close(s);
    fs_buf_dispose(&err);
}

/* A store of every earlier schema version is upgraded on open, its runs kept; a newer one is
 * refused with the versions named. */
static void test_migrations(void **state)
{
    struct fx *fx = *state;
    for (int v = 1; v < FS_STORE_SCHEMA_VERSION; v++) {
        reset_store(fx); /* a fresh store for each earlier version */
        struct fs_store old = {0};
        struct fs_buf err;
        fs_buf_init(&err, 4096);
        assert_int_equal(fs_db_open(&old.db, fx->where, true, true, &err), FS_OK);
        assert_int_equal(fs_store_migrate(&old, v, &err), FS_OK);
        exec_sql(&old, "INSERT INTO runs (id, label, source, started, finished, stored, operator,"
                       " command_line, scanner_version, benchmark_id, benchmark_sha256, hosts,"
                       " scanned, doc, content_sha256, prev_sha256) VALUES (1, 'old', 'scan',"
                       " '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', '2026-01-01T00:01:00Z',"
                       " 'x', 'floorscan scan', '0.1.0', 'b', 'd', 1, 1, '{}', 'c', 'p');"
                       "INSERT INTO hosts (run_id, idx, name, profile, status, pass, fail, error,"
                       " waived, doc) VALUES (1, 0, 'h', 'p', 'scanned', 1, 0, 0, 0, '{}')");
        fs_db_close(old.db);
        struct fs_store *s = open_store(fx);
        assert_int_equal(s->version, v);
        int now = 0;
        assert_int_equal(fs_store_read_version(s->db, &now, &err), FS_OK);
        assert_int_equal(now, FS_STORE_SCHEMA_VERSION);
        struct fs_run_ref ref;
        assert_int_equal(fs_store_find_run(s, "old", &ref, &err), FS_OK);
        assert_int_equal(ref.hosts, 1);
        /* a run stored after the upgrade continues the ids */
        struct synth_fleet *f = fleet(fx, 1, "2026-11-01T09:00:00Z");
        assert_int_equal(save(s, f, NULL), 2);
        synth_fleet_free(f);
        /* a schema from a later floorscan */
        exec_sql(s, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        fs_store_close(s);
        s = NULL;
        fs_buf_reset(&err);
        assert_int_equal(fs_store_open(&s, fx->where, true, &err), FS_ERR_INVAL);
        assert_non_null(strstr(fs_buf_cstr(&err), "version 99 is newer"));
        assert_null(s);
        fs_buf_dispose(&err);
    }
}

/* Two scanners storing at once: both succeed, ids 1..N without gaps, chain intact. */
static void test_concurrent_writers(void **state)
{
    struct fx *fx = *state;
    fs_store_close(open_store(fx)); /* created once; each writer opens its own connection */
    pid_t pid[2];
    for (int w = 0; w < 2; w++) {
        pid[w] = fork();
        assert_true(pid[w] >= 0);
        if (pid[w] == 0) {
            struct fs_store *s = open_store(fx);
            static const char *const days[2][5] = {
                {"2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z", "2026-11-03T10:00:00Z",
                 "2026-11-04T10:00:00Z", "2026-11-05T10:00:00Z"},
                {"2026-11-01T11:00:00Z", "2026-11-02T11:00:00Z", "2026-11-03T11:00:00Z",
                 "2026-11-04T11:00:00Z", "2026-11-05T11:00:00Z"}};
            for (int i = 0; i < 5; i++) {
                const char *t = days[w][i];
                struct synth_fleet *f = fleet(fx, 3, t);
                save(s, f, w ? "writer-b" : "writer-a");
                synth_fleet_free(f);
            }
            fs_store_close(s);
            _exit(0);
        }
    }
    for (int w = 0; w < 2; w++) {
        int st = 0;
        assert_int_equal(waitpid(pid[w], &st, 0), pid[w]);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    struct fs_store *s = open_store(fx);
    struct fs_verify_problem *p = NULL;
    size_t np = 9, nruns = 0;
    char head[FS_SHA256_HEX];
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_verify(s, &p, &np, &nruns, head, &err), FS_OK);
    assert_int_equal(np, 0);
    assert_int_equal(nruns, 10);
    struct fs_run_ref ref;
    assert_int_equal(fs_store_find_run(s, "writer-a", &ref, &err), FS_OK);
    assert_int_equal(ref.nruns, 5);
    assert_int_equal(ref.hosts, 15);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

/* Shards with one label form one fleet run: loaded together, found as previous. */
static void test_shards_and_previous(void **state)
{
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    struct synth_fleet *a = fleet(fx, 4, "2026-11-01T09:00:00Z");
    save(s, a, NULL); /* run-1: host-000..003 */
    struct synth_fleet *b = fleet(fx, 2, "2026-11-02T09:00:00Z");
    save(s, b, NULL); /* run-2: host-000..001 */
    /* two shards of one label: hosts 0-1 and 2-3 */
    struct synth_fleet *c1 = fleet(fx, 4, "2026-11-03T09:00:00Z");
    struct synth_fleet *c2 = fleet(fx, 4, "2026-11-03T09:00:02Z");
    c1->report.n = 2;
    c2->report.hosts = c2->results + 2;
    c2->report.n = 2;
    save(s, c1, "weekly-48");
    save(s, c2, "weekly-48");
    struct fs_run_ref ref, prev;
    struct fs_loaded *l;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_find_run(s, "latest", &ref, &err), FS_OK);
    assert_string_equal(ref.label, "weekly-48");
    assert_int_equal(ref.nruns, 2);
    assert_int_equal(fs_store_load_run(s, &ref, NULL, NULL, &l, &err), FS_OK);
    assert_int_equal(l->report.n, 4);
    assert_string_equal(l->report.started, "2026-11-03T09:00:00Z");
    assert_string_equal(l->hosts[3].host->name, "host-003");
    /* previous of the 4-host run: run-1 (same hosts), not the newer run-2 (a subset) */
    assert_int_equal(
        fs_store_find_previous(s, ref.started, ref.first_id, l->hosts, l->report.n, &prev, &err),
        FS_OK);
    assert_string_equal(prev.label, "run-1");
    /* of a 2-host set: run-2 */
    assert_int_equal(fs_store_find_previous(s, ref.started, ref.first_id, l->hosts, 2, &prev, &err),
                     FS_OK);
    assert_string_equal(prev.label, "run-2");
    fs_buf_reset(&err);
    assert_int_equal(
        fs_store_find_previous(s, "2026-01-01T00:00:00Z", INT64_MAX, l->hosts, 2, &prev, &err),
        FS_ERR_NOTFOUND);
    fs_loaded_free(l);
    synth_fleet_free(a);
    synth_fleet_free(b);
    c1->report.n = c2->report.n = 4; /* synth_fleet_free frees report.n hosts */
    c2->report.hosts = c2->results;
    synth_fleet_free(c1);
    synth_fleet_free(c2);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

/* A shard of a labelled fleet run is stored once: a re-run of the same shard is refused
 * (its hosts would be listed twice); another shard, or the same shard of another label, goes in. */
static void test_shard_once(void **state)
{
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    static const char *const t[] = {"2026-11-03T09:00:00Z", "2026-11-03T09:05:00Z",
                                    "2026-11-03T09:06:00Z", "2026-11-03T09:07:00Z"};
    static const char *const shard[] = {"0/2", "0/2", "1/2", "0/2"};
    static const char *const label[] = {"weekly-48", "weekly-48", "weekly-48", "weekly-49"};
    static const int want[] = {FS_OK, FS_ERR_INVAL, FS_OK, FS_OK};
    for (size_t i = 0; i < 4; i++) {
        struct synth_fleet *f = fleet(fx, 2, t[i]);
        struct fs_stored_run out;
        struct fs_run_meta m = {.label = label[i], .shard = shard[i], .source = "scan"};
        fs_buf_reset(&err);
        assert_int_equal(fs_store_save(s, &f->report, &m, &out, &err), want[i]);
        if (want[i])
            assert_non_null(
                strstr(fs_buf_cstr(&err), "shard 0/2 of 'weekly-48' is stored already"));
        synth_fleet_free(f);
    }
    fs_store_close(s);
    fs_buf_dispose(&err);
}

/* SQLite files that cannot hold history: each an error naming the file and the reason. */
static void test_bad_files(void **state)
{
    struct fx *fx = *state;
    if (fx->pg)
        skip();
    struct fs_store *s = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    char path[600];
    snprintf(path, sizeof path, "%s/notes.txt", fx->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_true(fputs("these are not the droids you are looking for\n", fp) >= 0);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(fs_store_open(&s, path, true, &err), FS_ERR_IO);
    assert_non_null(strstr(fs_buf_cstr(&err), "not an SQLite database"));
    assert_non_null(strstr(fs_buf_cstr(&err), path));
    /* locked by another writer beyond the timeout */
    struct fs_store *a = open_store(fx), *b = open_store(fx);
    fs_db_lock_timeout_s = 1;
    fs_store_close(b);
    b = open_store(fx);
    fs_buf_reset(&err);
    assert_int_equal(fs_db_begin(a->db, true, &err), FS_OK);
    struct synth_fleet *f = fleet(fx, 1, "2026-11-01T09:00:00Z");
    struct fs_stored_run out;
    struct fs_run_meta m = {.source = "scan"};
    assert_int_equal(fs_store_save(b, &f->report, &m, &out, &err), FS_ERR_TIMEOUT);
    assert_non_null(strstr(fs_buf_cstr(&err), "locked by another writer"));
    fs_db_rollback(a->db);
    fs_store_close(a);
    fs_store_close(b);
    synth_fleet_free(f);
    /* read-only for the user that runs the scan (root writes anyway: checked as nobody) */
    chmod(fx->where, 0444);
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", fx->dir);
    chmod(sub, 0755);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        struct fs_store *r = NULL;
        struct fs_buf e2;
        fs_buf_init(&e2, 4096);
        int rc = fs_store_open(&r, fx->where, true, &e2);
        _exit(rc == FS_ERR_IO && strstr(fs_buf_cstr(&e2), "read-only") ? 0 : 1);
    }
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
    fs_buf_dispose(&err);
}

/* What fs_store_each_host handed over, checked against the fleet that was stored. */
struct seen {
    const struct synth_fleet *f;
    size_t n, stop_at; /* hosts handed over; FS_ERR_LIMIT from the stop_at-th (0: never) */
    size_t most_kept;  /* the most hosts the loaded report held while one was handed over */
    char since[32];    /* host 0's failing since of rule 0 */
};

static int each_cb(void *ud, const struct fs_loaded *l, const struct fs_host_result *h)
{
    struct seen *s = ud;
    const struct fs_host_result *want = &s->f->results[s->n];
    if (l->report.n > s->most_kept)
        s->most_kept = l->report.n;
    assert_int_equal(l->loaded, s->n + 1);
    assert_string_equal(h->host->name, want->host->name);
    assert_int_equal(h->status, want->status);
    assert_int_equal(h->nresults, want->nresults);
    for (size_t k = 0; k < want->nresults; k++) {
        const struct fs_rule_result *rr = result_of(h, want->results[k].rule->short_id);
        assert_int_equal(rr->result, want->results[k].result);
        assert_string_equal(rr->evidence, want->results[k].evidence);
        assert_string_equal(rr->failing_since, want->results[k].failing_since);
    }
    if (s->n == 0)
        snprintf(s->since, sizeof s->since, "%s", result_of(h, rule0(s->f))->failing_since);
    return ++s->n == s->stop_at ? FS_ERR_LIMIT : FS_OK;
}

/* A stored run a host at a time: every host in order with its results and failing since,
 * never more than one held; the callback's error stops it; a bad stored row is an error with
 * the place and the reason; the waiver register's matched counts are still checked. */
static void test_each_host(void **state)
{
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    struct synth_fleet *f1 = fleet(fx, 4, "2026-11-01T09:00:00Z");
    struct synth_fleet *f2 = fleet(fx, 4, "2026-11-08T09:00:00Z");
    set_result(f1, 0, rule0(f1), FS_RESULT_FAIL);
    set_result(f2, 0, rule0(f2), FS_RESULT_FAIL);
    save(s, f1, NULL);
    save(s, f2, NULL);
    struct fs_run_ref ref;
    struct fs_loaded *top = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_find_run(s, "2", &ref, &err), FS_OK);
    struct seen seen = {.f = f2};
    int rc = fs_store_each_host(s, &ref, NULL, NULL, each_cb, &seen, &top, &err);
    if (rc)
        fail_msg("each host: %s", fs_buf_cstr(&err));
    assert_int_equal(seen.n, 4);
    assert_int_equal(seen.most_kept, 1);
    assert_string_equal(seen.since, "2026-11-01T09:00:00Z");
    /* the top level, without hosts */
    assert_int_equal(top->report.n, 0);
    assert_int_equal(top->loaded, 4);
    assert_string_equal(top->report.started, "2026-11-08T09:00:00Z");
    fs_loaded_free(top);
    /* the callback's error stops the load */
    seen = (struct seen){.f = f2, .stop_at = 2};
    assert_int_equal(fs_store_each_host(s, &ref, NULL, NULL, each_cb, &seen, &top, &err),
                     FS_ERR_LIMIT);
    assert_int_equal(seen.n, 2);
    assert_null(top);
    /* a bad row of host 2: hosts 0 and 1 handed over, then the error with its place */
    exec_sql(s, "UPDATE results SET status = 'maybe' WHERE run_id = 2 AND idx = 2");
    seen = (struct seen){.f = f2};
    fs_buf_reset(&err);
    assert_int_equal(fs_store_each_host(s, &ref, NULL, NULL, each_cb, &seen, &top, &err),
                     FS_ERR_PARSE);
    assert_int_equal(seen.n, 2);
    assert_null(top);
    assert_non_null(strstr(fs_buf_cstr(&err), "run 'run-2'"));
    assert_non_null(strstr(fs_buf_cstr(&err), "hosts[2].results["));
    assert_non_null(strstr(fs_buf_cstr(&err), ".status: not an XCCDF result"));
    synth_fleet_free(f1);
    synth_fleet_free(f2);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

static int count_cb(void *ud, const struct fs_loaded *l, const struct fs_host_result *h)
{
    (void)l;
    (void)h;
    ++*(size_t *)ud;
    return FS_OK;
}

/* A host at a time, the register's matched counts add up over the hosts and are checked at the
 * end: a count edited in the stored document is an error naming the entry. */
static void test_each_host_waivers(void **state)
{
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    struct synth_fleet *f = fleet(fx, 4, "2026-11-29T09:00:00Z");
    struct fs_waivers *ws = synth_waivers_apply(f);
    assert_non_null(ws);
    save(s, f, NULL);
    struct fs_run_ref ref;
    struct fs_loaded *top = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_store_find_run(s, "latest", &ref, &err), FS_OK);
    size_t n = 0;
    int rc = fs_store_each_host(s, &ref, NULL, NULL, count_cb, &n, &top, &err);
    if (rc)
        fail_msg("each host: %s", fs_buf_cstr(&err));
    assert_int_equal(n, 4);
    assert_non_null(top->waivers);
    assert_int_equal(top->waivers->w[SYNTH_W_ACTIVE].matched, 1);
    fs_loaded_free(top);
    exec_sql(s, "UPDATE runs SET doc = replace(doc, '\"matched\":1', '\"matched\":3')");
    fs_buf_reset(&err);
    assert_int_equal(fs_store_each_host(s, &ref, NULL, NULL, count_cb, &n, &top, &err),
                     FS_ERR_PARSE);
    assert_null(top);
    assert_non_null(strstr(fs_buf_cstr(&err), "waivers.entries["));
    assert_non_null(strstr(fs_buf_cstr(&err), "matched: 3, but the results show 1"));
    synth_fleet_free(f);
    synth_waivers_free(ws);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

/* A one-host run with a site model, a host at a time: no fleet analysis (it needs every host's
 * flows at once), though the one host fills the one slot; the whole run loaded at once has it. */
static void test_each_host_site_one_host(void **state)
{
    static const char yaml[] = "zones:\n"
                               "  production: { networks: [10.30.0.0/24], security_level: 3 }\n";
    struct fx *fx = *state;
    struct fs_store *s = open_store(fx);
    struct synth_fleet *f = fleet(fx, 1, "2026-11-29T09:00:00Z");
    struct fs_site *site = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_site_load_mem(&site, "site.yml", yaml, sizeof yaml - 1, &err) != FS_OK)
        fail_msg("site: %s", fs_buf_cstr(&err));
    f->report.site = site;
    save(s, f, NULL);
    struct fs_run_ref ref;
    struct fs_loaded *top = NULL;
    assert_int_equal(fs_store_find_run(s, "latest", &ref, &err), FS_OK);
    size_t n = 0;
    int rc = fs_store_each_host(s, &ref, NULL, NULL, count_cb, &n, &top, &err);
    if (rc)
        fail_msg("each host: %s", fs_buf_cstr(&err));
    assert_int_equal(n, 1);
    assert_int_equal(top->cap, 1);
    assert_int_equal(top->slots, 1);
    assert_non_null(top->site);
    assert_null(top->fleet);
    assert_null(top->report.fleet);
    fs_loaded_free(top);
    /* the whole run at once: the analysis is made */
    struct fs_loaded *l = NULL;
    if (fs_store_load_run(s, &ref, NULL, NULL, &l, &err) != FS_OK)
        fail_msg("load: %s", fs_buf_cstr(&err));
    assert_non_null(l->site);
    assert_non_null(l->fleet);
    fs_loaded_free(l);
    f->report.site = NULL;
    fs_site_free(site);
    synth_fleet_free(f);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_results_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failing_since, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shards_and_previous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shard_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_host, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_host_waivers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_host_site_one_host, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
