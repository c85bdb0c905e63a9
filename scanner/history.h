/* SPDX-License-Identifier: Apache-2.0 */
/* Scores over time from the history store (floorscan history): fleet runs and, grouped by
 * host, principle, zone or role, one series of scores per key. */
#ifndef FS_HISTORY_H
#define FS_HISTORY_H

#include "core/contract.h"

#include "../store/store.h"
#include "core/buf.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum fs_history_by {
    FS_HISTORY_RUNS = 0, /* no --by: one row per fleet run */
    FS_HISTORY_HOST,
    FS_HISTORY_PRINCIPLE,
    FS_HISTORY_ROLE,
    FS_HISTORY_ZONE,
};

/* "host", "principle", "role", "zone" -> *by; false for anything else. */
bool fs_history_by_parse(const char *s, enum fs_history_by *by);
const char *fs_history_by_name(enum fs_history_by by);
/* Whether s is a valid YYYY-MM-DD calendar date. */
bool fs_history_date_valid(const char *s);

struct fs_history_opts {
    const char *limit; /* comma list of host names or shell patterns, also matched against the
                        * stored role and zone; NULL for every host */
    const char *since; /* YYYY-MM-DD: fleet runs started that day or later; NULL for all */
    enum fs_history_by by;
};

/* A fleet run: every stored run (shard) with one label, over the hosts the limit keeps. */
struct fs_history_run {
    int64_t id; /* the lowest stored run id of the label */
    char label[128];
    char started[32]; /* the earliest start among its shards */
    size_t hosts, scanned;
    unsigned long failed; /* failed results (host x rule), waived ones included */
    bool has_score, has_unwaived;
    double score, score_unwaived; /* mean of the host scores, as fs_score_fleet computes */
};

/* One key's scores, one per run of the window (has[i] false: no score in run i). */
struct fs_history_series {
    char *key;
    double *score;
    bool *has;
};

struct fs_history {
    enum fs_history_by by;
    struct fs_history_run *runs; /* oldest first */
    size_t nruns;
    struct fs_history_series *series; /* sorted by key; none without --by */
    size_t nseries;
};

/* Reads the fleet runs (and series) of the store in a few queries, whatever its size. */
FS_MUST_USE int fs_history_load(struct fs_store *s, const struct fs_history_opts *o,
                                struct fs_history **out, struct fs_buf *err);
void fs_history_free(struct fs_history *h);

/* Appends a sparkline of v[0..n) (U+2581..U+2588, scaled from the lowest to the highest value
 * shown; all at one level by the score itself when they are equal), "·" where has[i] is
 * false. */
FS_MUST_USE int fs_history_sparkline(struct fs_buf *out, const double *v, const bool *has,
                                     size_t n);
/* The table: one row per fleet run, or per key with its latest score, its change since its
 * first score of the window, the scores of the last FS_HISTORY_COLUMNS runs and, when
 * sparkline is set, the sparkline over the whole window. */
#define FS_HISTORY_COLUMNS 8
FS_MUST_USE int fs_history_table(const struct fs_history *h, bool sparkline, struct fs_buf *out);
/* The --json document: {"runs":[{"id","label","started","hosts","scanned","score",
 * "score_unwaived","failed"}], "by": name or null, "series":[{"key", "points":[{"run",
 * "score"}]}]} (a point for each run in which the key has a score). Scores to one decimal.
 * Malloc'd text, NULL when out of memory. */
char *fs_history_json(const struct fs_history *h);

#endif
