/* SPDX-License-Identifier: Apache-2.0 */
/* Collected facts of one host: the parsed frames of the collector's output. */
#ifndef FS_FACTS_H
#define FS_FACTS_H

#include "../core/contract.h"
#include "../core/limits.h"

#include <stdbool.h>
#include <stddef.h>

enum fs_fact_state {
    FS_FACT_OK = 0,        /* complete output, rc is the snippet's exit status */
    FS_FACT_TRUNCATED = 1, /* output hit the per-fact cap; data holds the first bytes */
    FS_FACT_NEEDS_ROOT = 2 /* skipped: the login account is not root and become is off */
};

struct fs_fact {
    char *id;
    char *data; /* NUL-terminated; may hold NUL bytes before len (hostile output) */
    size_t len;
    int rc;
    enum fs_fact_state state;
    /* Proof of probe, from the collector's fs_run reports: how many distinct tools ran with
     * an accepted exit status, and the first one that did not (NULL when every probe ran),
     * e.g. "find exited 1 (find: unrecognized: -nouser)" or "lastlog is not installed". */
    unsigned probes_ran;
    char *problem;
    /* The collector's "end" report arrived after the others: no report was lost to a cut.
     * True for facts recorded directly (fixtures); the frame parser starts it false. */
    bool reports_end;
    /* Internal to the parser: the tool and first stderr line of the latest "why" report. */
    char *why;
    unsigned reports; /* probe reports received; past FS_FACT_MAX_REPORTS the fact is unproven */
};

struct fs_facts {
    struct fs_fact *items; /* sorted by id: lookups are binary searches */
    size_t n;
    /* The fact ids the script asked for, sorted (NULL: any id). Frames and reports for other
     * ids are ignored: a device cannot add facts nobody asked for. A scan always sets it. */
    char **asked; /* each id once */
    size_t nasked;
    size_t frames; /* marker lines parsed; past FS_FRAMES_MAX the rest is ignored */
    bool flooded;  /* the device sent more than FS_FRAMES_MAX marker lines */
    long uid;      /* uid the collector ran as; -1 when unknown */
    bool started;  /* the script's hello frame arrived */
    bool complete; /* the script's final frame arrived */
};

void fs_facts_init(struct fs_facts *f);
void fs_facts_dispose(struct fs_facts *f);
/* Restricts the facts to the ids asked for (copied); returns FS_ERR_NOMEM on failure. */
FS_MUST_USE int fs_facts_expect(struct fs_facts *f, const char *const *ids, size_t n);
/* Whether frames for id are accepted: asked for, or any id without a list. */
bool fs_facts_accepts(const struct fs_facts *f, const char *id);
/* Records a fact; an existing fact with the same id is replaced. */
FS_MUST_USE int fs_facts_put(struct fs_facts *f, const char *id, const char *data, size_t len,
                             int rc, enum fs_fact_state state);
const struct fs_fact *fs_facts_get(const struct fs_facts *f, const char *id);
/* Marks a fact as waiting for its probe reports: unproven until the "end" report. */
void fs_facts_await_reports(struct fs_facts *f, const char *id);
/* Adds one probe report of the collector ("run TOOL RC", "fail TOOL RC", "why TOOL TEXT",
 * "miss TOOL", "odd KIND PATH" for a file not read, "time SECONDS" for a fact stopped by its
 * time limit, "cut FILES SECONDS" for a file-system walk stopped by its budget, "end") to a fact
 * already recorded. A report of any other shape makes the fact unproven: what cannot be read proves
 * nothing. */
FS_MUST_USE int fs_facts_add_report(struct fs_facts *f, const char *id, const char *report,
                                    size_t len);
/* Removes a fact (nothing when there is none). */
void fs_facts_remove(struct fs_facts *f, const char *id);
/* Records fact id with the given data and the proof of fact from (its exit status, state,
 * problem and reports): a part of one probe's output (the shared file-system walk).
 * problem_first (may be NULL) is the reason it is not proven, before any problem of from. */
FS_MUST_USE int fs_facts_derive(struct fs_facts *f, const char *from, const char *id,
                                const char *data, size_t len, const char *problem_first);
/* The reason a part of a file-system walk cut short is not proven (files, seconds). */
#define FS_WALK_CUT_FMT "file-system walk cut after %s files / %s s"
/* Whether the fact's probes proved their result: complete output, exit status 0, every tool
 * it ran existed and exited with an accepted status, and all its reports arrived. */
bool fs_fact_proven(const struct fs_fact *f);

#endif
