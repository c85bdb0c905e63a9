/* SPDX-License-Identifier: Apache-2.0 */
/* The waiver register (--waivers FILE): findings that may not be fixed yet, each with a reason,
 * a requester, a different approver and an end date. A waiver never turns a result into pass:
 * the result keeps its raw status, shows as waived and is left out of the (waived) score. */
#ifndef FS_WAIVERS_H
#define FS_WAIVERS_H

#include "../core/contract.h"

#include "../core/buf.h"
#include "../core/digest.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct fs_benchmark;
struct fs_inventory;
struct fs_host;
struct fs_host_result;

/* How a waiver stands on the day of the scan (its start, UTC). */
enum fs_waiver_state {
    FS_WAIVER_ACTIVE = 0, /* approved on or before the scan day, expires after the warn window */
    FS_WAIVER_EXPIRING,   /* active, but expires within --waiver-warn-days */
    FS_WAIVER_EXPIRED,    /* the scan day is after its expiry date: not applied */
    FS_WAIVER_PENDING,    /* approved after the scan day: not applied yet */
};

struct fs_waiver {
    int line;     /* line of the entry ("- rule: ...") in the register */
    char *rule;   /* a rule short id, a shell-style pattern over short ids, or a full XCCDF id */
    char **hosts; /* host or group names ("all" is every host) */
    size_t nhosts;
    char **zones;
    size_t nzones;
    char **roles;
    size_t nroles;
    char *reason, *requested_by, *approved_by;
    char approved[11], expires[11]; /* YYYY-MM-DD, a real calendar date */
    char *ticket;                   /* NULL when absent */
    char *compensating;             /* NULL when absent */
    bool waive_fail;                /* applies_to has fail (the default: [fail]) */
    bool waive_error;               /* applies_to has error (error and unknown results) */
    /* Set by fs_waivers_judge and while applying: */
    enum fs_waiver_state state;
    unsigned matched; /* results it waived in this scan */
};

struct fs_waivers {
    char *path;                 /* the register as given on the command line */
    char sha256[FS_SHA256_HEX]; /* of the file's bytes; "" when loaded from memory */
    struct fs_waiver *w;        /* in file order */
    size_t n;
    char judged_on[11]; /* the UTC day expiry was judged against (YYYY-MM-DD), "" before */
    int warn_days;      /* --waiver-warn-days */
};

#define FS_WAIVER_WARN_DAYS 30

FS_MUST_USE int fs_waivers_new(struct fs_waivers **out);
void fs_waivers_free(struct fs_waivers *w);

/* Loads and validates a register. b (required) resolves rule ids and patterns: each must name
 * at least one rule of the benchmark. inv (may be NULL: not checked) resolves scopes: every
 * host, group, zone and role named must exist in it. Any problem is FS_ERR_INVAL with err
 * holding "FILE:LINE: problem" for the first one (unknown key, unknown rule id, a scope naming
 * nothing, missing reason/requested_by/approved_by/approved/expires, approver equal to the
 * requester (compared without case and surrounding space), a date that is not YYYY-MM-DD or
 * not a calendar day, expiry before approval, applies_to other than fail/error, no scope). */
FS_MUST_USE int fs_waivers_load(struct fs_waivers **out, const char *path,
                                const struct fs_benchmark *b, const struct fs_inventory *inv,
                                struct fs_buf *err);
/* The same from memory; name is used in messages and as path. */
FS_MUST_USE int fs_waivers_load_mem(struct fs_waivers **out, const char *name, const char *yaml,
                                    size_t len, const struct fs_benchmark *b,
                                    const struct fs_inventory *inv, struct fs_buf *err);

/* Sets each waiver's state for a scan started at `start` (judged on its UTC day) with a warning
 * window of warn_days, and resets the matched counts. */
void fs_waivers_judge(struct fs_waivers *w, time_t start, int warn_days);

/* The first waiver in file order that applies to the raw result `result` (an enum fs_result)
 * of rule xccdf_id (short id after "_rule_") on host h: state active or expiring, rule
 * matches, h is in its scope (by name, group, zone or role; any one is enough), and the
 * result is fail (waive_fail) or error/unknown (waive_error). NULL otherwise, and NULL for
 * every result before the register is judged (fs_waivers_judge). */
const struct fs_waiver *fs_waivers_match(const struct fs_waivers *w, const struct fs_host *h,
                                         const char *xccdf_id, int result);

/* "active", "expiring", "expired", "pending". */
const char *fs_waiver_state_name(enum fs_waiver_state s);
/* FS_ERR_INVAL for an unknown name. */
FS_MUST_USE int fs_waiver_state_parse(const char *name, enum fs_waiver_state *out);

/* Whether the waiver's rule (short id, pattern over short ids, or full XCCDF id) names the rule
 * xccdf_id. */
bool fs_waiver_rule_matches(const struct fs_waiver *w, const char *xccdf_id);
/* Days from the judged day (judged_on) to the waiver's expiry: 0 on its last day, negative once
 * expired. 0 before fs_waivers_judge. */
long fs_waiver_days_left(const struct fs_waivers *ws, const struct fs_waiver *w);
/* Days since 1970-01-01 of a YYYY-MM-DD calendar date; false when s is not one. */
bool fs_waiver_date_days(const char *s, long *days);

/* Applying a judged register to a scan's results (scanner/waivers/apply.c): sets each rule
 * result's waiver (fs_waivers_match on its raw result; the first match wins), counts it in
 * the waiver's matched (counted from zero), and re-scores the host (fs_score_host leaves waived
 * results out of score and strict and keeps them in unwaived). Hosts that were not evaluated are
 * left alone. w may be NULL: then every waiver pointer is cleared. */
void fs_waivers_apply(struct fs_waivers *w, struct fs_host_result *hosts, size_t n);
/* The same for one host as it finishes, without resetting the counts (fs_waivers_judge reset
 * them): the scan applies the register host by host, so its progress line shows the waived
 * score and the counts are complete when the last host is done. */
void fs_waivers_apply_host(struct fs_waivers *w, struct fs_host_result *hr);

#endif
