/* SPDX-License-Identifier: Apache-2.0 */
/* The results model shared by the engine, the orchestrator and the report writers. */
#ifndef FS_RESULT_H
#define FS_RESULT_H

#include "../../checks/check.h"
#include "../core/host_status.h"
#include "../inventory/inventory.h"
#include "../waivers/waivers.h"

#include <stdbool.h>
#include <stddef.h>

#define FS_PRINCIPLES 7

enum fs_severity { FS_SEV_UNKNOWN = 0, FS_SEV_INFO, FS_SEV_LOW, FS_SEV_MEDIUM, FS_SEV_HIGH };

struct fs_ref {
    char *standard;
    char *id;
};

struct fs_host_flows;

struct fs_rule {
    char *xccdf_id;
    const char *short_id; /* points into xccdf_id after "_rule_" */
    int principle;        /* 0..6 for P1..P7 */
    enum fs_severity severity;
    char *title;
    char *question;    /* manual rules: what the auditor must answer; NULL otherwise */
    char *description; /* "" when the rule has none */
    char *fix;         /* the first fixtext, "" when the rule has none */
    struct fs_ref *refs;
    size_t nrefs;
    const struct fs_check_def *check; /* NULL for manual rules or a missing implementation */
    bool manual;                      /* evaluated by people: notchecked with its question */
};

struct fs_score {
    bool has_score; /* false when no rule passed or failed */
    double score;   /* severity-weighted share of pass among pass+fail, 0..100 */
    bool has_strict;
    double strict; /* the same with error results counted as not passing */
    unsigned pass, fail, error, other;
    unsigned manual; /* notchecked results: questions left to the auditor (within other) */
    /* Waivers: score and strict leave waived results out; the unwaived score counts every
     * result by its raw status (the score without waivers). */
    unsigned waived; /* waived results (their raw status is counted in fail or error) */
    bool has_unwaived;
    double unwaived;
};

struct fs_rule_result {
    const struct fs_rule *rule;
    enum fs_result result; /* the raw result: a waiver never changes it */
    char *evidence;
    const struct fs_waiver *waiver; /* owned by the report's register; NULL when not waived */
    /* A failed result: the start (RFC 3339) of the first stored run of its current failing
     * streak, from the history store; "" when unknown (no store) or not failed. */
    char failing_since[32];
};

struct fs_host_result {
    const struct fs_host *host;
    const char *profile_id; /* owned by the benchmark */
    enum fs_host_status status;
    char *error; /* one line when status is not scanned, or a partial-collection note */
    char *os, *kernel, *hostname;
    /* What the collector cost the device (its sys_cost fact): CPU seconds of the collector
     * shell and every process it waited for, and wall seconds since the shell started. */
    bool has_device_cpu;
    double device_cpu_s;
    double device_wall_s;
    char *device_priority; /* "nice 19, ionice idle" (sys_collector); NULL when unknown */
    char started[32], finished[32];
    struct fs_rule_result *results;
    size_t nresults;
    struct fs_score score;
    struct fs_score principles[FS_PRINCIPLES];
    bool evaluated;  /* the checks ran (on some facts at least): the host has a TestResult */
    bool privileged; /* the collector ran as uid 0 */
    /* Proof of probe, for the record: how many facts were proven, and each one that was not
     * with its reason (fact id -> "find is not installed", "needs root" ...). */
    unsigned facts_proven;
    struct fs_kvlist unproven;
    /* The collector's framed output as received (capped by the transport), kept only when an
     * evidence bundle is requested (fs_scan_opts.keep_raw); NULL otherwise. Not redacted:
     * the bundle writer redacts it on the way out. */
    char *raw;
    size_t raw_len;
    /* The flows the host showed (scanner/zones/flows.h), kept only with a site model
     * (--zones) for the fleet analysis; NULL otherwise. Owned. */
    struct fs_host_flows *flows;
};

const char *fs_severity_name(enum fs_severity s);
void fs_host_result_dispose(struct fs_host_result *r);

/* Scores a host's results (weights high 3, medium 2, low 1; info 0). */
void fs_score_host(struct fs_host_result *r);
/* Fleet score: mean of the host scores; worst is the index of the lowest, or -1. */
void fs_score_fleet(const struct fs_host_result *hosts, size_t n, struct fs_score *fleet,
                    struct fs_score principles[FS_PRINCIPLES], long *worst);

/* The fleet score a host at a time, for a reader that does not keep the hosts: zero it, add
 * every host, then take the means. fs_score_fleet is this over its array; fed the same hosts
 * in the same order it gives the same bits (the sums are floating point: another order may
 * differ in the last place). */
struct fs_score_means {
    double sum, ssum, usum;
    unsigned n, sn, un;
};
struct fs_score_acc {
    struct fs_score fleet, principles[FS_PRINCIPLES];
    struct fs_score_means all, per[FS_PRINCIPLES];
};
/* Adds h (a host that was neither scanned nor has results counts for nothing): whether it
 * counted. */
bool fs_score_acc_add(struct fs_score_acc *a, const struct fs_host_result *h);
/* The means into fleet and principles (NULL: not wanted). */
void fs_score_acc_out(struct fs_score_acc *a, struct fs_score *fleet,
                      struct fs_score principles[FS_PRINCIPLES]);

#endif
