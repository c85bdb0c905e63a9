/* SPDX-License-Identifier: Apache-2.0 */
/* Saved results (results.json) read back into the struct fs_report every writer takes. */
#ifndef FS_LOAD_H
#define FS_LOAD_H

#include "../scanner/core/contract.h"

#include "../scanner/inventory/inventory.h"
#include "report.h"

/* A fleet result rebuilt from a results.json, owning everything report points into. */
struct fs_loaded {
    struct fs_report report;
    struct fs_benchmark *benchmark;
    struct fs_inventory *inv;     /* the hosts, from the inventory fields the file keeps */
    struct fs_host_result *hosts; /* inv->n of them, in the file's order */
    struct fs_waivers *waivers;   /* the register the scan applied, NULL without one */
    unsigned *stored_matched;     /* per entry: the results it waived, as the file states */
    struct fs_site *site;         /* the site model ("site"), NULL without one */
    struct fs_fleet *fleet;       /* the fleet analysis recomputed over site and the hosts'
                                   * flows by fs_report_load_end (a stored "fleet" is never
                                   * read); NULL without a site model and
                                   * when loaded a host at a time */
    char *name;                   /* the file, or what stands for it, in messages */
    size_t cap;                   /* hosts announced to fs_report_load_top */
    size_t slots;                 /* room in hosts: cap, or 1 (fs_report_load_top_each) */
    bool each;                    /* loaded a host at a time (fs_report_load_top_each): no
                                   * fleet analysis, whatever cap and slots are */
    size_t loaded;                /* hosts read so far, kept or let go */
};

/* Reads path (schema floorscan-results/1), reloads the benchmark and tailoring it names from
 * their paths (or from benchmark/tailoring when not NULL) after checking each file's SHA-256
 * against the digest recorded, and rebuilds hosts, rule results (by rule id), statuses,
 * evidence, system facts, times and scores. Anything else - another schema version, a file
 * cut short, a digest that does not match, a rule the benchmark does not have, a status that
 * is not one, a score its results do not give - is FS_ERR_PARSE (or FS_ERR_IO) with err
 * naming the file, the place in it and the reason. With a site model ("site") it reads the
 * model and every host's "flows" and recomputes the fleet analysis from them: the "fleet"
 * member the file holds is not read. */
struct json_t;
/* A results file parsed as JSON, or NULL with err naming the file and why (a directory, not
 * readable, or not JSON with the line and column). The caller owns the document. */
struct json_t *fs_report_read_json(const char *path, struct fs_buf *err);
FS_MUST_USE int fs_report_load(struct fs_loaded **out, const char *path, const char *benchmark,
                               const char *tailoring, struct fs_buf *err);
/* As fs_report_load, from a results.json document already parsed (the history store rebuilds
 * one from its rows); name stands for the file in messages. */
FS_MUST_USE int fs_report_load_doc(struct fs_loaded **out, struct json_t *doc, const char *name,
                                   const char *benchmark, const char *tailoring,
                                   struct fs_buf *err);
/* The same a host at a time, for a reader that never holds the whole document: the document
 * without its hosts (nhosts: how many will follow), then each host's object in order, then
 * the checks over all of them. After a failure the caller frees l. */
FS_MUST_USE int fs_report_load_top(struct fs_loaded **out, struct json_t *doc, size_t nhosts,
                                   const char *name, const char *benchmark, const char *tailoring,
                                   struct fs_buf *err);
FS_MUST_USE int fs_report_load_host(struct fs_loaded *l, struct json_t *hj, struct fs_buf *err);
FS_MUST_USE int fs_report_load_end(struct fs_loaded *l, struct fs_buf *err);
/* A host at a time with none kept: as fs_report_load_top, with room for one host. Each host
 * loaded (l->hosts[0], report.n 1) is let go with fs_report_load_drop before the next is
 * loaded. fs_report_load_end checks the count and the waiver register's matched counts (they
 * accumulate as hosts load) as ever, but makes no fleet analysis (l->fleet stays NULL): it
 * needs every host's flows at once. Every other check is the same, with the host's place in
 * the run in messages. */
FS_MUST_USE int fs_report_load_top_each(struct fs_loaded **out, struct json_t *doc, size_t nhosts,
                                        const char *name, const char *benchmark,
                                        const char *tailoring, struct fs_buf *err);
/* Disposes of the last host loaded (its results, inventory fields and flows). */
void fs_report_load_drop(struct fs_loaded *l);
void fs_loaded_free(struct fs_loaded *l);

#endif
