/* SPDX-License-Identifier: Apache-2.0 */
/* Drift: what changed between two fleet results (an older run a and a newer run b), compared by
 * host name and rule short id. A pure function of the two reports (a's hosts may come one at a
 * time: fs_drift_begin); the result owns copies of every string it holds (raw, as the reports
 * hold them: printers make them printable). */
#ifndef FS_DRIFT_H
#define FS_DRIFT_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One side of the comparison. */
struct fs_drift_side {
    char started[32]; /* the report's start (RFC 3339), "" when unknown */
    bool stored;      /* the run is in the history store: id and label are set */
    int64_t id;
    char label[128];
};

/* A rule of a host present in both runs whose status or evidence changed. */
struct fs_drift_rule {
    char *host;
    char *rule; /* short id */
    enum fs_severity severity;
    bool has_old; /* false: the rule had no result for the host in a (profile changed) */
    enum fs_result old_status, new_status;
    char *old_evidence, *new_evidence; /* "" when none; old_evidence "" without has_old */
    bool waived;                       /* b's result is waived */
    char failing_since[32];            /* b's failing_since, "" when unknown or not failed */
};

/* A host that appeared, vanished or changed status. */
struct fs_drift_host {
    char *name;
    enum fs_host_status old_status, new_status; /* the one side's status for new/vanished */
    char *error;                                /* b's error line (a's for vanished), or NULL */
};

/* A waiver that expired between the runs: either an entry of a's register (host NULL, rule
 * NULL) that was active or expiring in a and whose expiry day lies before b's start day, or a
 * result waived in a that b no longer waives because that waiver expired (host and rule set). */
struct fs_drift_waiver {
    char *host;                /* NULL for a register entry */
    char *rule;                /* the result's rule short id, NULL for a register entry */
    int line;                  /* the waiver's line in a's register */
    char *pattern;             /* the waiver's rule (id or pattern) */
    char expires[11];          /* YYYY-MM-DD */
    enum fs_result new_status; /* result rows: b's raw status */
};

/* A score in a and b: the waived score as reports show it and the score without waivers. */
struct fs_drift_score {
    char *host; /* NULL for the fleet */
    bool has_old, has_new;
    double old_score, new_score;
    bool has_old_unwaived, has_new_unwaived;
    double old_unwaived, new_unwaived;
};

struct fs_drift {
    struct fs_drift_side a, b;
    /* Each list sorted by host name, then rule (then line for waivers). */
    struct fs_drift_rule *new_failures; /* fail in b, not fail (or absent) in a */
    size_t n_new_failures;
    struct fs_drift_rule *fixed; /* fail in a, pass/notapplicable/notchecked/... in b */
    size_t n_fixed;
    struct fs_drift_rule *errors; /* a status change to or from error or unknown */
    size_t n_errors;
    struct fs_drift_rule *evidence; /* fail in both, evidence changed */
    size_t n_evidence;
    struct fs_drift_host *new_hosts; /* in b only (also a host that reappears) */
    size_t n_new_hosts;
    struct fs_drift_host *vanished_hosts; /* in a only */
    size_t n_vanished_hosts;
    struct fs_drift_host *host_status; /* in both, host status changed */
    size_t n_host_status;
    struct fs_drift_waiver *expired_waivers;
    size_t n_expired_waivers;
    struct fs_drift_score *scores; /* hosts in both whose score changed */
    size_t n_scores;
    struct fs_drift_score fleet; /* always set (host NULL) */
    size_t still_failing;        /* results failing in both runs (evidence changed or not) */
    size_t hosts_compared;       /* hosts in both runs */
};

/* Compares a (older) with b (newer) into *out (fs_drift_free). FS_ERR_NOMEM only. It is
 * fs_drift_begin(b), fs_drift_feed of a's hosts in a's order, fs_drift_finish(a). */
FS_MUST_USE int fs_drift_compute(const struct fs_report *a, const struct fs_report *b,
                                 struct fs_drift **out);
void fs_drift_free(struct fs_drift *d);

/* The same comparison with a's hosts one at a time, for a reader that never holds all of a
 * (the history store hands a stored run's hosts over as it loads them). fs_drift_begin indexes
 * b's hosts by name once (b must outlive the stream); fs_drift_feed compares one host of a, in
 * any order, with b's host of that name (or lists it as vanished) and keeps nothing of it but
 * the copies the drift shows; fs_drift_finish reads a's top level only (started, stored, the
 * waiver register: its hosts are not read), lists b's hosts no host of a matched as new, sorts
 * every list and frees s whatever it returns. The same hosts give the same drift in any order
 * but two: when a has several hosts of one name, the first fed is the one compared (the others
 * are compared with nothing, as the second of a name in b is); and a's fleet score is a mean
 * summed in feed order (floating point: a's own order gives fs_drift_compute's bits, another
 * may differ in the last place). FS_ERR_NOMEM only; after a failed feed, fs_drift_stream_free. */
struct fs_drift_stream;
FS_MUST_USE int fs_drift_begin(const struct fs_report *b, struct fs_drift_stream **out);
FS_MUST_USE int fs_drift_feed(struct fs_drift_stream *s, const struct fs_host_result *ha);
FS_MUST_USE int fs_drift_finish(struct fs_drift_stream *s, const struct fs_report *a,
                                struct fs_drift **out);
void fs_drift_stream_free(struct fs_drift_stream *s);

/* New failures that are not waived in b, plus rules that became error or unknown and hosts
 * that were scanned in a and not in b: what `floorscan diff` exits 1 for. */
size_t fs_drift_regressions(const struct fs_drift *d);

/* Whether s is an RFC 3339 UTC time as floorscan writes them ("2026-11-29T14:00:00Z", with
 * an optional fraction of a second). */
bool fs_drift_rfc3339(const char *s);

struct json_t;
/* The whole comparison as `floorscan diff --json` prints it (docs/history.md). NULL on no
 * memory. */
struct json_t *fs_drift_json(const struct fs_drift *d);
/* The summary results.json carries ("drift"): counts per category and the run compared with. */
struct json_t *fs_drift_json_summary(const struct fs_drift *d);

#endif
