/* SPDX-License-Identifier: Apache-2.0 */
/* Audit history: every scan stored as a run (SQLite or PostgreSQL through store/db.h), read
 * back as a fleet result, chained by SHA-256, and compared (failing since, drift).
 *
 * Schema (store/schema.c, version FS_STORE_SCHEMA_VERSION; docs/history.md for users):
 *   meta(key, value)                  schema_version
 *   runs(id, label, shard, source, source_file, started, finished, stored, operator,
 *        command_line, scanner_version, benchmark_id, benchmark_sha256, tailoring_sha256,
 *        waivers_sha256, hosts, scanned, score, score_unwaived, doc, results_key,
 *        content_sha256, prev_sha256)
 *       id: 1, 2, ... assigned under the write lock (a gap is a removed run);
 *       label: runs with one label form one fleet run (shards of one inventory), default
 *       "run-<id>"; doc: results.json's top level without "hosts" (benchmark, tailoring,
 *       gate, waivers, summary) as compact JSON; results_key: SHA-256 of the results as
 *       results.json holds them (an import of the same results is refused).
 *   hosts(run_id, idx, name, address, role, zone, profile, status, started, score,
 *         score_unwaived, pass, fail, error, waived, doc)
 *       doc: the host's results.json object without "results".
 *   host_principles(run_id, idx, principle, score, pass, fail, other)   principle "P1".."P7"
 *   results(run_id, idx, rule, status, severity, principle, evidence, waiver_line,
 *           failing_since)
 *       rule: short id; evidence: evidence.id or NULL for ""; failing_since: RFC 3339 start of
 *       the first run of the current failing streak (fail only).
 *   evidence(id, text)                id: first 63 bits of SHA-256(text), shared by runs
 * Times are RFC 3339 UTC text ("2026-11-29T14:00:00Z"), which sorts as time. */
#ifndef FS_STORE_H
#define FS_STORE_H

#include "../scanner/core/contract.h"

#include "../reports/load.h"
#include "../reports/report.h"
#include "db.h"

#include <stdbool.h>
#include <stdint.h>

#define FS_STORE_SCHEMA_VERSION 2

struct fs_store {
    struct fs_db *db;
    int version; /* schema version found when opened (before migrating) */
};

/* The default SQLite file: $XDG_DATA_HOME/floorscan/history.db, else
 * $HOME/.local/share/floorscan/history.db. FS_ERR_NOTFOUND when neither variable is set. */
FS_MUST_USE int fs_store_default_path(char *out, size_t n);

/* Opens (creating an SQLite file, and for the default path its directory, when writable) and
 * migrates the schema to FS_STORE_SCHEMA_VERSION; a store of a newer version is refused
 * (FS_ERR_INVAL, err: "DB: schema version N is newer than this floorscan reads (2); use floorscan X
 * or later"). where NULL: the default path. writable false opens for reading only and does not
 * migrate (an older schema is still read). */
FS_MUST_USE int fs_store_open(struct fs_store **out, const char *where, bool writable,
                              struct fs_buf *err);
void fs_store_close(struct fs_store *s);
/* Migrates an open store up to version (tests build every earlier version with it). */
FS_MUST_USE int fs_store_migrate(struct fs_store *s, int version, struct fs_buf *err);

/* Who and how, recorded with a run. */
struct fs_run_meta {
    const char *label;       /* NULL: "run-<id>" */
    const char *shard;       /* "K/N" or NULL */
    const char *source;      /* "scan" or "import" */
    const char *source_file; /* imported file, NULL for a scan */
    const char *operator_name;
    const char *command_line;   /* already redacted */
    const char *waivers_sha256; /* NULL without a register */
};

/* What fs_store_save stored. */
struct fs_stored_run {
    int64_t id;
    char label[128];
    char content_sha256[FS_SHA256_HEX];
    char prev_sha256[FS_SHA256_HEX];
};

/* Fills failing_since of every failed result of hosts[0..n) from the runs stored before
 * started (the streak continues through runs in which the host was not evaluated; any other
 * status of the rule ends it); a rule failing for the first time gets started. */
FS_MUST_USE int fs_store_failing_since(struct fs_store *s, struct fs_host_result *hosts, size_t n,
                                       const char *started, struct fs_buf *err);
/* Stores r as one run in one write transaction (ids, chain), with failing_since as the
 * results carry it. FS_ERR_INVAL (err names the earlier run) when the same results are stored
 * already. */
FS_MUST_USE int fs_store_save(struct fs_store *s, const struct fs_report *r,
                              const struct fs_run_meta *m, struct fs_stored_run *out,
                              struct fs_buf *err);

/* A stored fleet run: every stored run with one label. */
struct fs_run_ref {
    int64_t first_id; /* the lowest run id of the label */
    char label[128];
    char started[32], finished[32];
    size_t nruns; /* stored runs (shards) with this label */
    size_t hosts, scanned;
};

/* Resolves ref: a run id ("7"), a label, "latest" (the label of the newest run) or
 * "previous" (the label before latest). FS_ERR_NOTFOUND with err when there is none. */
FS_MUST_USE int fs_store_find_run(struct fs_store *s, const char *ref, struct fs_run_ref *out,
                                  struct fs_buf *err);
/* Every fleet run, oldest first (by started), *out malloc'd. */
FS_MUST_USE int fs_store_list_runs(struct fs_store *s, struct fs_run_ref **out, size_t *n,
                                   struct fs_buf *err);
/* Rebuilds a fleet run (all its shards) as a loaded result, exactly as `floorscan report`
 * would load its results.json: the benchmark and tailoring reloaded by path and checked
 * against their digests (or benchmark/tailoring when not NULL), failing_since filled. */
FS_MUST_USE int fs_store_load_run(struct fs_store *s, const struct fs_run_ref *ref,
                                  const char *benchmark, const char *tailoring,
                                  struct fs_loaded **out, struct fs_buf *err);
/* The same a host at a time, none kept: each host of the run, in the order fs_store_load_run
 * lists them, is loaded (every check of the results loader, failing_since filled), handed to
 * each(ud, l, host) and disposed of when it returns; a return other than FS_OK stops the load
 * with it. Then *top (fs_loaded_free) holds the run's top level: started, benchmark, the
 * waiver register with its matched counts checked over every host, and no hosts (report.n 0).
 * The fleet analysis of a site model is not made (it needs every host's flows at once:
 * report.fleet NULL). A stored row that is not right is an error naming the run, the place and
 * the reason, as with fs_store_load_run; hosts before it have been handed over. */
typedef int (*fs_store_host_fn)(void *ud, const struct fs_loaded *l,
                                const struct fs_host_result *host);
FS_MUST_USE int fs_store_each_host(struct fs_store *s, const struct fs_run_ref *ref,
                                   const char *benchmark, const char *tailoring,
                                   fs_store_host_fn each, void *ud, struct fs_loaded **top,
                                   struct fs_buf *err);
/* The newest fleet run before the run that started at `before` (RFC 3339) with lowest stored
 * id before_id (INT64_MAX for a run not stored: then every run started up to `before` is
 * earlier; runs started in the same second are ordered by id), that shares a host with
 * hosts[0..n), preferring one with the same host set. FS_ERR_NOTFOUND when there is none. */
FS_MUST_USE int fs_store_find_previous(struct fs_store *s, const char *before, int64_t before_id,
                                       const struct fs_host_result *hosts, size_t n,
                                       struct fs_run_ref *out, struct fs_buf *err);

/* The chain record of stored run id (id, label, content and previous digests). */
FS_MUST_USE int fs_store_run_record(struct fs_store *s, int64_t id, struct fs_stored_run *out,
                                    struct fs_buf *err);

/* One problem found by fs_store_verify. */
struct fs_verify_problem {
    int64_t run_id;
    char what[256]; /* "altered (content SHA-256 ... recorded ...)", "removed", ... */
};
/* Recomputes every run's content digest and the chain. *problems malloc'd (NULL when none);
 * *nruns receives the runs checked and head the newest run's digest. FS_OK even when problems
 * are found (the caller judges); an error only when the store cannot be read. */
FS_MUST_USE int fs_store_verify(struct fs_store *s, struct fs_verify_problem **problems,
                                size_t *nproblems, size_t *nruns, char *head, struct fs_buf *err);

/* The canonical content digest of stored run id, as fs_store_save recorded it. */
FS_MUST_USE int fs_store_run_digest(struct fs_store *s, int64_t id, char *hex, struct fs_buf *err);

#endif
