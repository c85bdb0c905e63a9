/* SPDX-License-Identifier: Apache-2.0 */
/* What scan does with the history store: open it before the scan, then fill failing since,
 * compare with the previous run of the same hosts, and store the run before the reports are
 * written. A store that cannot be used never stops the scan: the reports are written, and the
 * summary says that history was not stored and why. */
#ifndef FS_SCAN_HISTORY_H
#define FS_SCAN_HISTORY_H

#include "../reports/report.h"
#include "../store/store.h"

#include <stdbool.h>
#include <stdio.h>

struct fs_scan_history {
    bool enabled;           /* not --no-db */
    char where[4096];       /* the store as shown (password redacted) */
    struct fs_store *store; /* NULL when disabled or not usable */
    bool stored;            /* the run is in the store */
    struct fs_stored_run run;
    struct fs_stored_run prev_run; /* its id and label */
    struct fs_drift *drift;        /* this run against previous */
    struct fs_buf note;            /* why there is no comparison, when there could have been */
    struct fs_buf warning;         /* why history was not stored (or partly) */
};

/* Opens (creates, upgrades) the store: db (path or URL), or the default path; nothing when
 * disabled. Never fails: a store that cannot be opened leaves a warning. */
void fs_scan_history_open(struct fs_scan_history *h, const char *db, bool disabled);
/* After the scan: failing since on the results, the drift against the previous run (set in
 * rep->drift), the run stored (rep->stored). label and shard as given to scan. */
void fs_scan_history_record(struct fs_scan_history *h, struct fs_report *rep,
                            struct fs_host_result *results, const char *label, const char *shard,
                            const char *waivers_sha256);
/* The previous stored run of rep's hosts (fs_store_find_previous; its id and label into
 * prev_run) compared with rep into *drift, its hosts one at a time as the store loads them
 * (fs_store_each_host, fs_drift_feed): never the whole previous run in memory.
 * FS_ERR_NOTFOUND when there is no earlier run; err says why otherwise. */
FS_MUST_USE int fs_history_compare(struct fs_store *s, const struct fs_report *rep,
                                   struct fs_stored_run *prev_run, struct fs_drift **drift,
                                   struct fs_buf *err);
/* The reason history is not stored, after prefix, as printable text (a server's message). */
void fs_scan_history_warn(const struct fs_scan_history *h, FILE *out, const char *prefix);
/* One line for the summary: where the run was stored, or the warning. */
void fs_scan_history_print(const struct fs_scan_history *h, FILE *out);
void fs_scan_history_dispose(struct fs_scan_history *h);

#endif
