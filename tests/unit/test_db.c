/* SPDX-License-Identifier: Apache-2.0 */
/* store/db.h, the SQL layer under the history store, on SQLite (a file in a temporary
 * directory) or, when FS_TEST_DB_URL is set (tests/store/pg.sh sets it), on PostgreSQL: text
 * parameters and NULL, UTF-8, rows, transactions, the writer lock between two connections,
 * errors and their messages; and that a connection string's password is never shown. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scanner/core/err.h"
#include "store/db.h"

static const char *url; /* FS_TEST_DB_URL: PostgreSQL; NULL: SQLite in dir */
static char dir[] = "/tmp/fs-test-db.XXXXXX";
static char where[4096];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct fs_db *open_db(void)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_db *db = NULL;
    int rc = fs_db_open(&db, where, true, true, &err);
    if (rc != FS_OK)
        fail_msg("open %s: %d %s", where, rc, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return db;
}

static void ok(struct fs_db *db, const char *sql, size_t n, const char *const *params)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_db_exec(db, sql, n, params, NULL, NULL, &err);
    if (rc != FS_OK)
        fail_msg("%s: %d %s", sql, rc, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
}

static void script(struct fs_db *db, const char *sql)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_db_script(db, sql, &err);
    if (rc != FS_OK)
        fail_msg("%s: %d %s", sql, rc, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
}

/* Rows collected as "a|b|NULL" lines. */
struct rows {
    char text[8192];
    size_t n, stop_after;
};

static int collect(void *ud, size_t ncols, const char *const *vals)
{
    struct rows *r = ud;
    for (size_t i = 0; i < ncols; i++) {
        size_t len = strlen(r->text); /* the text stops growing when full */
        snprintf(r->text + len, sizeof r->text - len, "%s%s", i ? "|" : "",
                 vals[i] ? vals[i] : "NULL");
    }
    size_t len = strlen(r->text);
    snprintf(r->text + len, sizeof r->text - len, "\n");
    r->n++;
    return r->stop_after && r->n == r->stop_after ? 7 : 0;
}

static struct rows *query(struct fs_db *db, const char *sql, size_t n, const char *const *params)
{
    static struct rows r;
    memset(&r, 0, sizeof r);
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_db_exec(db, sql, n, params, collect, &r, &err);
    if (rc != FS_OK)
        fail_msg("%s: %d %s", sql, rc, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return &r;
}

static const char *count(struct fs_db *db)
{
    static char c[32];
    struct rows *r = query(db, "SELECT COUNT(*) FROM t_db", 0, NULL);
    snprintf(c, sizeof c, "%.*s", (int)strcspn(r->text, "\n"), r->text);
    return c;
}

/* Each test starts from an empty table t_db. */
static int fresh(void **state)
{
    struct fs_db *db = open_db();
    script(db, "DROP TABLE IF EXISTS t_db; CREATE TABLE t_db (id INTEGER PRIMARY KEY, "
               "name TEXT NOT NULL, note TEXT)");
    fs_db_close(db);
    *state = NULL;
    return 0;
}

static void params_and_rows(void **state)
{
    (void)state;
    struct fs_db *db = open_db();
    static const char *const rows[][3] = {
        {"1", "plain", NULL},
        {"2", "Prüfstand — 測試 ✓ 🏭", ""},
        {"3", "it's \"quoted\"'); DROP TABLE t_db; --", "$2 ? :x @y"},
    };
    for (size_t i = 0; i < 3; i++)
        ok(db, "INSERT INTO t_db (id, name, note) VALUES ($1, $2, $3)", 3, rows[i]);
    struct rows *r = query(db, "SELECT id, name, note FROM t_db ORDER BY id", 0, NULL);
    assert_int_equal(r->n, 3);
    assert_string_equal(r->text, "1|plain|NULL\n"
                                 "2|Prüfstand — 測試 ✓ 🏭|\n"
                                 "3|it's \"quoted\"'); DROP TABLE t_db; --|$2 ? :x @y\n");
    /* NULL and "" are told apart, both ways */
    r = query(db, "SELECT id FROM t_db WHERE note IS NULL", 0, NULL);
    assert_string_equal(r->text, "1\n");
    const char *empty[] = {""};
    r = query(db, "SELECT id FROM t_db WHERE note = $1", 1, empty);
    assert_string_equal(r->text, "2\n");
    /* a parameter used twice, and text cast to a number and back */
    const char *p[] = {"41", "ü"};
    r = query(db,
              "SELECT CAST($1 AS INTEGER) + 1, CAST($2 AS TEXT) || CAST($2 AS TEXT), "
              "CAST($1 AS INTEGER) * 2",
              2, p);
    assert_string_equal(r->text, "42|üü|82\n");
    /* ON CONFLICT DO NOTHING keeps the first row */
    const char *dup[] = {"1", "other", "x"};
    ok(db, "INSERT INTO t_db (id, name, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", 3, dup);
    r = query(db, "SELECT name FROM t_db WHERE id = 1", 0, NULL);
    assert_string_equal(r->text, "plain\n");
    /* a NULL parameter is SQL NULL */
    const char *null[] = {NULL};
    r = query(db, "SELECT COUNT(*) FROM t_db WHERE note = $1", 1, null);
    assert_string_equal(r->text, "0\n");
    r = query(db, "SELECT COUNT(*) FROM t_db WHERE id > 100", 0, NULL);
    assert_string_equal(r->text, "0\n");
    fs_db_close(db);
}

/* A callback's non-zero return stops the rows and is returned; the connection goes on. */
static void callback_stops(void **state)
{
    (void)state;
    struct fs_db *db = open_db();
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_db_begin(db, true, &err), FS_OK);
    for (int i = 1; i <= 2500; i++) {
        char id[16];
        snprintf(id, sizeof id, "%d", i);
        const char *p[] = {id, "row"};
        ok(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, p);
    }
    assert_int_equal(fs_db_commit(db, &err), FS_OK);
    struct rows r = {.stop_after = 3};
    assert_int_equal(fs_db_exec(db, "SELECT id FROM t_db ORDER BY id", 0, NULL, collect, &r, &err),
                     7);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.text, "1\n2\n3\n");
    /* the rest of the result is gone: the next statement sees its own rows */
    assert_string_equal(count(db), "2500");
    struct rows all = {0};
    assert_int_equal(fs_db_exec(db, "SELECT id, name FROM t_db", 0, NULL, collect, &all, &err),
                     FS_OK);
    assert_int_equal(all.n, 2500);
    fs_buf_dispose(&err);
    fs_db_close(db);
}

static void transactions(void **state)
{
    (void)state;
    struct fs_db *db = open_db(), *other = open_db();
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    const char *a[] = {"1", "rolled back"}, *b[] = {"2", "committed"}, *c[] = {"3", "later"};
    assert_int_equal(fs_db_begin(db, true, &err), FS_OK);
    ok(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, a);
    assert_string_equal(count(db), "1");
    fs_db_rollback(db);
    assert_string_equal(count(db), "0");
    fs_db_rollback(db); /* none open: nothing */
    assert_int_equal(fs_db_begin(db, true, &err), FS_OK);
    ok(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, b);
    assert_string_equal(count(other), "0"); /* not before the commit */
    assert_int_equal(fs_db_commit(db, &err), FS_OK);
    assert_string_equal(count(other), "1");
    /* a read transaction is one snapshot: a row committed meanwhile is not in it */
    assert_int_equal(fs_db_begin(db, false, &err), FS_OK);
    assert_string_equal(count(db), "1");
    ok(other, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, c);
    assert_string_equal(count(db), "1");
    assert_int_equal(fs_db_commit(db, &err), FS_OK);
    assert_string_equal(count(db), "2");
    /* closing with a transaction open rolls it back */
    const char *d[] = {"4", "never"};
    assert_int_equal(fs_db_begin(db, true, &err), FS_OK);
    ok(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, d);
    fs_db_close(db);
    assert_string_equal(count(other), "2");
    fs_buf_dispose(&err);
    fs_db_close(other);
}

/* Statements are prepared and kept per connection: after a schema change they still see the
 * table as it is, and more statements than any cache holds all work. */
static void statements_are_kept(void **state)
{
    (void)state;
    struct fs_db *db = open_db();
    const char *p[] = {"1", "one"};
    ok(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, p);
    struct rows *r = query(db, "SELECT * FROM t_db", 0, NULL);
    assert_string_equal(r->text, "1|one|NULL\n");
    script(db, "ALTER TABLE t_db ADD COLUMN extra TEXT");
    r = query(db, "SELECT * FROM t_db", 0, NULL);
    assert_string_equal(r->text, "1|one|NULL|NULL\n");
    for (int round = 0; round < 2; round++) {
        for (int k = 0; k < 200; k++) {
            char sql[64], want[32];
            snprintf(sql, sizeof sql, "SELECT CAST($1 AS INTEGER) + %d", k);
            snprintf(want, sizeof want, "%d\n", 1000 + round + k);
            const char *v[] = {round ? "1001" : "1000"};
            r = query(db, sql, 1, v);
            assert_string_equal(r->text, want);
        }
    }
    fs_db_close(db);
}

/* A writer that takes the next id under the write lock, as the store assigns run ids. */
struct writer {
    int rc;
    double waited;
    char err[1024];
    char id[32];
    atomic_bool done;
};

static int first_col(void *ud, size_t ncols, const char *const *vals)
{
    snprintf(ud, 32, "%s", ncols && vals[0] ? vals[0] : "NULL");
    return 0;
}

static int append(struct fs_db *db, struct writer *w, struct fs_buf *err)
{
    double t0 = now();
    int rc = fs_db_begin(db, true, err);
    w->waited = now() - t0;
    if (rc)
        return rc;
    if ((rc = fs_db_exec(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM t_db", 0, NULL, first_col, w->id,
                         err)))
        return rc;
    const char *p[] = {w->id, "run"};
    return fs_db_exec(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, p, NULL, NULL, err);
}

static void *second_writer(void *arg)
{
    struct writer *w = arg;
    struct fs_buf err;
    fs_buf_init(&err, 1024);
    struct fs_db *db = NULL;
    w->rc = fs_db_open(&db, where, true, true, &err);
    if (!w->rc && !(w->rc = append(db, w, &err)))
        w->rc = fs_db_commit(db, &err);
    snprintf(w->err, sizeof w->err, "%s", fs_buf_cstr(&err));
    fs_db_close(db);
    fs_buf_dispose(&err);
    atomic_store(&w->done, true);
    return NULL;
}

/* A second connection's write transaction waits for the first to commit, then sees its row:
 * concurrent scanners take run ids one after the other. */
static void writers_take_turns(void **state)
{
    (void)state;
    struct fs_db *db = open_db();
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct writer first = {0}, second = {0};
    assert_int_equal(append(db, &first, &err), FS_OK);
    assert_string_equal(first.id, "1");
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, second_writer, &second), 0);
    nanosleep(&(struct timespec){.tv_sec = 1, .tv_nsec = 500000000L}, NULL);
    assert_false(atomic_load(&second.done)); /* still waiting for the lock */
    assert_int_equal(fs_db_commit(db, &err), FS_OK);
    assert_int_equal(pthread_join(t, NULL), 0);
    if (second.rc != FS_OK)
        fail_msg("second writer: %d %s", second.rc, second.err);
    assert_true(second.waited > 1.2);
    assert_string_equal(second.id, "2");
    struct rows *r = query(db, "SELECT id, name FROM t_db ORDER BY id", 0, NULL);
    assert_string_equal(r->text, "1|run\n2|run\n");
    fs_buf_dispose(&err);
    fs_db_close(db);
}

/* A writer that cannot get the lock in fs_db_lock_timeout_s gives up with FS_ERR_TIMEOUT. */
static void writer_times_out(void **state)
{
    (void)state;
    struct fs_db *db = open_db();
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_db_begin(db, true, &err), FS_OK);
    int saved = fs_db_lock_timeout_s; /* process-wide, read at open and in messages */
    fs_db_lock_timeout_s = 1;
    struct fs_db *other = open_db();
    double t0 = now();
    int rc = fs_db_begin(other, true, &err);
    double waited = now() - t0;
    fs_db_lock_timeout_s = saved;
    if (rc != FS_ERR_TIMEOUT)
        fs_db_rollback(db); /* for the next test, whatever happens here */
    assert_int_equal(rc, FS_ERR_TIMEOUT);
    assert_true(waited > 0.8 && waited < 10);
    char want[600];
    snprintf(want, sizeof want, "%s: locked by another writer for more than 1 s",
             fs_db_display(other));
    if (strncmp(fs_buf_cstr(&err), want, strlen(want)) != 0)
        fail_msg("got '%s', want '%s...'", fs_buf_cstr(&err), want);
    assert_null(strchr(fs_buf_cstr(&err), '\n'));
    /* nothing is left open: once the first commits, the second gets the lock */
    assert_int_equal(fs_db_commit(db, &err), FS_OK);
    fs_buf_reset(&err);
    assert_int_equal(fs_db_begin(other, true, &err), FS_OK);
    assert_int_equal(fs_db_commit(other, &err), FS_OK);
    fs_buf_dispose(&err);
    fs_db_close(other);
    fs_db_close(db);
}

/* err: "DISPLAY: the database's message", one line, and the status. */
static void expect_error(struct fs_db *db, int rc, int want, const struct fs_buf *err,
                         const char *needle)
{
    const char *m = fs_buf_cstr(err);
    assert_int_equal(rc, want);
    size_t dl = strlen(fs_db_display(db));
    if (strncmp(m, fs_db_display(db), dl) != 0 || strncmp(m + dl, ": ", 2) != 0 || !m[dl + 2])
        fail_msg("'%s' does not start with '%s: '", m, fs_db_display(db));
    if (strchr(m, '\n'))
        fail_msg("'%s' is more than one line", m);
    if (needle && !strstr(m, needle))
        fail_msg("'%s' does not say '%s'", m, needle);
}

static void errors_are_named(void **state)
{
    (void)state;
    struct fs_db *db = open_db();
    bool pg = fs_db_kind(db) == FS_DB_PG;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_db_exec(db, "SELEKT 1", 0, NULL, NULL, NULL, &err);
    expect_error(db, rc, FS_ERR_IO, &err, "syntax error");
    fs_buf_reset(&err);
    rc = fs_db_exec(db, "SELECT * FROM t_db_missing", 0, NULL, NULL, NULL, &err);
    expect_error(db, rc, FS_ERR_IO, &err, "t_db_missing");
    const char *p[] = {"1", "one"};
    ok(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, p);
    fs_buf_reset(&err);
    rc = fs_db_exec(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, p, NULL, NULL, &err);
    expect_error(db, rc, FS_ERR_IO, &err, pg ? "duplicate key" : "UNIQUE");
    const char *nul[] = {"2", NULL};
    fs_buf_reset(&err);
    rc = fs_db_exec(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, nul, NULL, NULL, &err);
    expect_error(db, rc, FS_ERR_IO, &err, pg ? "not-null" : "NOT NULL");
    fs_buf_reset(&err);
    rc = fs_db_script(db, "CREATE TABLE t_db2 (a INTEGER); CREATE TABLE t_db2 (a INTEGER)", &err);
    expect_error(db, rc, FS_ERR_IO, &err, "t_db2");
    /* a failed statement inside a write transaction: PostgreSQL refuses the commit (the
     * transaction is aborted), SQLite keeps the statements that worked */
    assert_int_equal(fs_db_begin(db, true, &err), FS_OK);
    const char *p2[] = {"5", "five"};
    ok(db, "INSERT INTO t_db (id, name) VALUES ($1, $2)", 2, p2);
    fs_buf_reset(&err);
    rc = fs_db_exec(db, "SELEKT 2", 0, NULL, NULL, NULL, &err);
    expect_error(db, rc, FS_ERR_IO, &err, NULL);
    fs_buf_reset(&err);
    rc = fs_db_commit(db, &err);
    if (pg) {
        expect_error(db, rc, FS_ERR_IO, &err, "rolled back");
        assert_string_equal(count(db), "1");
    } else {
        assert_int_equal(rc, FS_OK);
        assert_string_equal(count(db), "2");
    }
    if (pg) { /* a read transaction is read-only */
        assert_int_equal(fs_db_begin(db, false, &err), FS_OK);
        fs_buf_reset(&err);
        rc = fs_db_exec(db, "DELETE FROM t_db", 0, NULL, NULL, NULL, &err);
        expect_error(db, rc, FS_ERR_IO, &err, "read-only transaction");
        fs_db_rollback(db);
    }
    fs_buf_dispose(&err);
    fs_db_close(db);
}

/* Opening fails with status and message, never with the password. */
static void expect_open_error(const char *conninfo, int want, const char *display,
                              const char *const *secrets)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_db *db = NULL;
    int rc = fs_db_open(&db, conninfo, true, true, &err);
    const char *m = fs_buf_cstr(&err);
    if (rc != want)
        fail_msg("%s: got %d (%s), want %d", conninfo, rc, m, want);
    assert_null(db);
    if (strncmp(m, display, strlen(display)) != 0 || strncmp(m + strlen(display), ": ", 2) != 0)
        fail_msg("'%s' does not start with '%s: '", m, display);
    if (strchr(m, '\n'))
        fail_msg("'%s' is more than one line", m);
    for (size_t i = 0; secrets[i]; i++)
        if (strstr(m, secrets[i]))
            fail_msg("'%s' shows the password ('%s')", m, secrets[i]);
    fs_buf_dispose(&err);
}

/* Without a server: nothing listening, and connection strings libpq refuses. */
static void pg_unreachable(void **state)
{
    (void)state;
    const char *none[] = {NULL};
    const char *pw[] = {"s3cr@t-pw", "s3cr%40t-pw", "s3cr", NULL};
    expect_open_error("postgresql://fsuser:s3cr%40t-pw@/floorscan?host=/nonexistent-fs-dir",
                      FS_ERR_CONNECT, "postgresql://fsuser:***@/floorscan?host=/nonexistent-fs-dir",
                      pw);
    expect_open_error("postgresql://fsuser:s3cr%40t-pw@127.0.0.1:1/floorscan?connect_timeout=5",
                      FS_ERR_CONNECT,
                      "postgresql://fsuser:***@127.0.0.1:1/floorscan?connect_timeout=5", pw);
    const char *kw[] = {"hunter 2", "hunter\\ 2", "hunter", NULL};
    expect_open_error("host=/nonexistent-fs-dir password=hunter\\ 2 dbname=floorscan",
                      FS_ERR_CONNECT, "host=/nonexistent-fs-dir password=*** dbname=floorscan", kw);
    /* strings libpq refuses may be quoted back in its message: not the password */
    const char *bad[] = {"pa%zzss", "zzss", NULL};
    expect_open_error("postgresql://fsuser:pa%zzss@/floorscan", FS_ERR_IO,
                      "postgresql://fsuser:***@/floorscan", bad);
    const char *q[] = {"unterminated", NULL};
    expect_open_error("host=/nonexistent-fs-dir password='unterminated", FS_ERR_IO,
                      "host=/nonexistent-fs-dir password=***", q);
    const char *v6[] = {"v6secret", NULL};
    expect_open_error("postgresql://u:v6secret@[::1/floorscan", FS_ERR_IO,
                      "postgresql://u:***@[::1/floorscan", v6);
    expect_open_error("postgresql:///floorscan?host=/nonexistent-fs-dir&bogus=1", FS_ERR_IO,
                      "postgresql:///floorscan?host=/nonexistent-fs-dir&bogus=1", none);
}

/* FS_TEST_PG_URL with user:password@ put into it (the URL has no password of its own). */
static void with_password(const char *base, const char *pw, char *out, size_t n)
{
    const char *at = strchr(base, '@');
    assert_non_null(at);
    snprintf(out, n, "%.*s:%s%s", (int)(at - base), base, pw, at);
}

/* Against the server pg.sh started: refused logins, and a password given in the URL. */
static void pg_logins(void **state)
{
    (void)state;
    const char *password = getenv("FS_TEST_PG_PASSWORD");
    const char *base = url;
    if (!base || !password || strncmp(base, "postgresql://", 13) != 0 || !strchr(base, '@')) {
        skip();
        return;
    }
    char conn[4096], display[4096];
    const char *wrong[] = {"Wr0ngPassw0rd", NULL};
    with_password(base, "Wr0ngPassw0rd", conn, sizeof conn);
    fs_db_redact(conn, display, sizeof display);
    assert_non_null(strstr(display, ":***@"));
    expect_open_error(conn, FS_ERR_AUTH, display, wrong);
    /* an unknown role: refused like a wrong password */
    char other[4096];
    snprintf(other, sizeof other, "postgresql://no_such_role:%s%s", "Wr0ngPassw0rd",
             strchr(base, '@'));
    fs_db_redact(other, display, sizeof display);
    expect_open_error(other, FS_ERR_AUTH, display, wrong);
    /* no password at all (no password file either) */
    const char *saved = getenv("PGPASSFILE");
    char *keep = saved ? strdup(saved) : NULL;
    setenv("PGPASSFILE", "/nonexistent-fs-pgpass", 1);
    const char *none[] = {password, NULL};
    expect_open_error(base, FS_ERR_AUTH, base, none);
    /* the right password in the URL: it works and is never shown */
    with_password(base, password, conn, sizeof conn);
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_db *db = NULL;
    int rc = fs_db_open(&db, conn, true, true, &err);
    if (rc != FS_OK)
        fail_msg("%d %s", rc, fs_buf_cstr(&err));
    assert_null(strstr(fs_db_display(db), password));
    assert_non_null(strstr(fs_db_display(db), "floorscan:***@"));
    rc = fs_db_exec(db, "SELEKT 1", 0, NULL, NULL, NULL, &err);
    assert_int_equal(rc, FS_ERR_IO);
    assert_null(strstr(fs_buf_cstr(&err), password));
    fs_db_close(db);
    fs_buf_dispose(&err);
    if (keep)
        setenv("PGPASSFILE", keep, 1);
    else
        unsetenv("PGPASSFILE");
    free(keep);
}

static void redacts(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"/var/lib/floorscan/history.db", "/var/lib/floorscan/history.db"},
        {"postgresql://db.example/floorscan", "postgresql://db.example/floorscan"},
        {"postgresql://scan@db.example:5432/fs", "postgresql://scan@db.example:5432/fs"},
        {"postgresql://scan:hunter2@db.example:5432/fs",
         "postgresql://scan:***@db.example:5432/fs"},
        {"postgres://scan:hunter2@db/fs", "postgres://scan:***@db/fs"},
        {"postgresql://scan:@db/fs", "postgresql://scan:***@db/fs"},
        /* unencoded '/', '@', '?' in the password: still all of it */
        {"postgresql://scan:pa/ss@db/fs", "postgresql://scan:***@db/fs"},
        {"postgresql://scan:p@ss@db/fs", "postgresql://scan:***@db/fs"},
        {"postgresql://scan:p?ss@db/fs?sslmode=require",
         "postgresql://scan:***@db/fs?sslmode=require"},
        {"postgresql://scan:p%40ss@h1:5432,h2:5433/fs", "postgresql://scan:***@h1:5432,h2:5433/fs"},
        /* query parameters: password and sslpassword, any case, percent-encoded names */
        {"postgresql://db/fs?user=scan&password=hunter2",
         "postgresql://db/fs?user=scan&password=***"},
        {"postgresql://db/fs?password=hunter2&sslmode=require",
         "postgresql://db/fs?password=***&sslmode=require"},
        {"postgresql://db/fs?password=a&b&sslmode=require",
         "postgresql://db/fs?password=***&sslmode=require"},
        {"postgresql://db/fs?sslpassword=keypw&PASSWORD=x",
         "postgresql://db/fs?sslpassword=***&PASSWORD=***"},
        {"postgresql://db/fs?pass%77ord=hunter2", "postgresql://db/fs?pass%77ord=***"},
        {"postgresql://u:one@db/fs?password=two", "postgresql://u:***@db/fs?password=***"},
        {"postgresql:///fs?host=/run/postgresql", "postgresql:///fs?host=/run/postgresql"},
        {"postgresql://db/fs?application_name=passwords",
         "postgresql://db/fs?application_name=passwords"},
        /* key=value strings, as libpq reads them */
        {"host=db password=hunter2 dbname=fs", "host=db password=*** dbname=fs"},
        {"host=db password = hunter2 dbname=fs", "host=db password = *** dbname=fs"},
        {"host=db\tpassword=\thunter2", "host=db\tpassword=\t***"},
        {"host=db password='two words' dbname=fs", "host=db password=*** dbname=fs"},
        {"host=db password='it\\'s' dbname=fs", "host=db password=*** dbname=fs"},
        {"host=db password=a\\ b dbname=fs", "host=db password=*** dbname=fs"},
        {"host=db password=a&b dbname=fs", "host=db password=*** dbname=fs"},
        {"host=db password='unterminated", "host=db password=***"},
        {"host=db sslpassword=k passfile=/p", "host=db sslpassword=*** passfile=/p"},
        {"host=db mypassword=x", "host=db mypassword=x"},
        {"host=db user=password dbname=password", "host=db user=password dbname=password"},
        {"dbname=fs password=", "dbname=fs password=***"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[512];
        fs_db_redact(cases[i][0], out, sizeof out);
        if (strcmp(out, cases[i][1]) != 0)
            fail_msg("redact '%s': got '%s', want '%s'", cases[i][0], out, cases[i][1]);
    }
    /* cut short: never part of a password, always terminated */
    char small[24];
    fs_db_redact("postgresql://u:hunter2@db/fs", small, 17);
    assert_string_equal(small, "postgresql://u:");
    fs_db_redact("postgresql://u:hunter2@db/fs", small, 19);
    assert_string_equal(small, "postgresql://u:***");
    fs_db_redact("anything", small, 1);
    assert_string_equal(small, "");
    fs_db_redact("anything", small, 0); /* writes nothing */
}

static int setup(void **state)
{
    (void)state;
    const char *u = getenv("FS_TEST_DB_URL");
    url = u && *u ? u : NULL;
    if (url) {
        snprintf(where, sizeof where, "%s", url);
        return 0;
    }
    if (!mkdtemp(dir))
        return -1;
    snprintf(where, sizeof where, "%s/history.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (!url) {
        char wal[4200];
        unlink(where);
        snprintf(wal, sizeof wal, "%s-wal", where);
        unlink(wal);
        snprintf(wal, sizeof wal, "%s-shm", where);
        unlink(wal);
        rmdir(dir);
    }
    return 0;
}

/* Which strings open PostgreSQL: URLs and libpq keyword strings, whatever keyword comes first
 * (a "user=... password=..." string must never become an SQLite file named after it). */
static void pg_or_file(void **state)
{
    (void)state;
    static const char *const pg[] = {
        "postgresql://db/fs", "postgres://u@db:5433/fs", "host=db dbname=fs", "dbname=fs",
        "user=audit host=db", "password=x host=db",      "service=floorscan", "port = 5433"};
    static const char *const file[] = {
        "history.db", "/srv/fs/history.db", "./user=x", "users=x", "postgresql:/x", "", "host"};
    for (size_t i = 0; i < sizeof pg / sizeof pg[0]; i++)
        if (!fs_db_is_pg(pg[i]))
            fail_msg("'%s' is not taken for PostgreSQL", pg[i]);
    for (size_t i = 0; i < sizeof file / sizeof file[0]; i++)
        if (fs_db_is_pg(file[i]))
            fail_msg("'%s' is taken for PostgreSQL", file[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(redacts),
        cmocka_unit_test(pg_or_file),
        cmocka_unit_test_setup(params_and_rows, fresh),
        cmocka_unit_test_setup(callback_stops, fresh),
        cmocka_unit_test_setup(transactions, fresh),
        cmocka_unit_test_setup(statements_are_kept, fresh),
        cmocka_unit_test_setup(writers_take_turns, fresh),
        cmocka_unit_test_setup(writer_times_out, fresh),
        cmocka_unit_test_setup(errors_are_named, fresh),
        cmocka_unit_test(pg_unreachable),
        cmocka_unit_test(pg_logins),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
