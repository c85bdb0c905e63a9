/* SPDX-License-Identifier: Apache-2.0 */
/* The history store's schema, one migration per version, each in one write transaction:
 * opening an older store upgrades it step by step; a newer one is refused (store.c). */
#include "store_priv.h"

#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Version 1: runs, hosts, per-principle scores, results, shared evidence texts. The same
 * text for both databases except SQLite's WITHOUT ROWID on tables keyed by several columns. */
#define V1(NOROWID)                                                                                \
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"                               \
    "CREATE TABLE runs (id BIGINT PRIMARY KEY, label TEXT NOT NULL, shard TEXT,"                   \
    " source TEXT NOT NULL, source_file TEXT, started TEXT NOT NULL, finished TEXT NOT NULL,"      \
    " stored TEXT NOT NULL, operator TEXT NOT NULL, command_line TEXT NOT NULL,"                   \
    " scanner_version TEXT NOT NULL, benchmark_id TEXT NOT NULL,"                                  \
    " benchmark_sha256 TEXT NOT NULL, tailoring_sha256 TEXT, waivers_sha256 TEXT,"                 \
    " hosts INTEGER NOT NULL, scanned INTEGER NOT NULL, score DOUBLE PRECISION,"                   \
    " score_unwaived DOUBLE PRECISION, doc TEXT NOT NULL, content_sha256 TEXT NOT NULL,"           \
    " prev_sha256 TEXT NOT NULL);"                                                                 \
    "CREATE INDEX runs_label ON runs (label);"                                                     \
    "CREATE INDEX runs_started ON runs (started);"                                                 \
    "CREATE TABLE hosts (run_id BIGINT NOT NULL REFERENCES runs (id), idx INTEGER NOT NULL,"       \
    " name TEXT NOT NULL, address TEXT, role TEXT, zone TEXT, profile TEXT NOT NULL,"              \
    " status TEXT NOT NULL, started TEXT, score DOUBLE PRECISION,"                                 \
    " score_unwaived DOUBLE PRECISION, pass INTEGER NOT NULL, fail INTEGER NOT NULL,"              \
    " error INTEGER NOT NULL, waived INTEGER NOT NULL, doc TEXT NOT NULL,"                         \
    " PRIMARY KEY (run_id, idx))" NOROWID ";"                                                      \
    "CREATE INDEX hosts_name ON hosts (name);"                                                     \
    "CREATE TABLE host_principles (run_id BIGINT NOT NULL, idx INTEGER NOT NULL,"                  \
    " principle TEXT NOT NULL, score DOUBLE PRECISION, pass INTEGER NOT NULL,"                     \
    " fail INTEGER NOT NULL, other INTEGER NOT NULL, PRIMARY KEY (run_id, idx, principle),"        \
    " FOREIGN KEY (run_id, idx) REFERENCES hosts (run_id, idx))" NOROWID ";"                       \
    "CREATE TABLE evidence (id BIGINT PRIMARY KEY, text TEXT NOT NULL);"                           \
    "CREATE TABLE results (run_id BIGINT NOT NULL, idx INTEGER NOT NULL, rule TEXT NOT NULL,"      \
    " status TEXT NOT NULL, severity TEXT NOT NULL, principle TEXT,"                               \
    " evidence BIGINT REFERENCES evidence (id), waiver_line INTEGER, failing_since TEXT,"          \
    " PRIMARY KEY (run_id, idx, rule),"                                                            \
    " FOREIGN KEY (run_id, idx) REFERENCES hosts (run_id, idx))" NOROWID ";"                       \
    "INSERT INTO meta (key, value) VALUES ('schema_version', '1');"

/* Version 2: results_key, so the same results are not stored twice (history import); runs
 * stored by version 1 get a key of their own. */
#define V2                                                                                         \
    "ALTER TABLE runs ADD COLUMN results_key TEXT;"                                                \
    "UPDATE runs SET results_key = 'v1-' || CAST(id AS TEXT);"                                     \
    "CREATE UNIQUE INDEX runs_results_key ON runs (results_key);"                                  \
    "UPDATE meta SET value = '2' WHERE key = 'schema_version';"

static const char *const migrations_sqlite[] = {V1(" WITHOUT ROWID"), V2};
static const char *const migrations_pg[] = {V1(""), V2};

static_assert(sizeof migrations_sqlite / sizeof migrations_sqlite[0] == FS_STORE_SCHEMA_VERSION,
              "one SQLite migration per schema version");
static_assert(sizeof migrations_pg / sizeof migrations_pg[0] == FS_STORE_SCHEMA_VERSION,
              "one PostgreSQL migration per schema version");

static int one_int(void *ud, size_t n, const char *const *v)
{
    long x = n && v[0] ? strtol(v[0], NULL, 10) : 0;
    *(int *)ud = (int)x;
    return FS_OK;
}

int fs_store_read_version(struct fs_db *db, int *version, struct fs_buf *err)
{
    int have = 0;
    const char *probe = fs_db_kind(db) == FS_DB_SQLITE
                            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                              "name = 'meta'"
                            : "SELECT count(*) FROM information_schema.tables WHERE "
                              "table_schema = current_schema() AND table_name = 'meta'";
    int rc = fs_db_exec(db, probe, 0, NULL, one_int, &have, err);
    *version = 0;
    if (rc || !have)
        return rc;
    return fs_db_exec(db, "SELECT value FROM meta WHERE key = 'schema_version'", 0, NULL, one_int,
                      version, err);
}

int fs_store_migrate(struct fs_store *s, int version, struct fs_buf *err)
{
    const char *const *steps =
        fs_db_kind(s->db) == FS_DB_SQLITE ? migrations_sqlite : migrations_pg;
    int have = 0;
    int rc = fs_db_begin(s->db, true, err);
    /* read again under the writer lock: another scanner may have migrated meanwhile */
    if (rc || (rc = fs_store_read_version(s->db, &have, err)))
        goto out;
    if ((rc = fs_store_refuse_newer(s->db, have, err)))
        goto out;
    for (int v = have; v < version && !rc; v++)
        rc = fs_db_script(s->db, steps[v], err);
    if (!rc)
        rc = fs_db_commit(s->db, err);
out:
    if (rc) {
        fs_db_rollback(s->db);
        if (rc != FS_ERR_INVAL && rc != FS_ERR_TIMEOUT)
            fs_buf_try_addf(err, " (while upgrading the history schema from version %d)", have);
    }
    return rc;
}
