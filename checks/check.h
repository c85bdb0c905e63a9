/* SPDX-License-Identifier: Apache-2.0 */
/* The check interface: a check is a pure function of a host's facts and the bound values. */
#ifndef FS_CHECK_H
#define FS_CHECK_H

#include "../scanner/collect/facts.h"
#include "../scanner/core/buf.h"
#include "../scanner/core/kv.h"

#include <stdbool.h>
#include <stddef.h>

/* The XCCDF results a check can give (a subset of XCCDF 1.2 test results). */
enum fs_result {
    FS_RESULT_PASS = 0,
    FS_RESULT_FAIL,
    FS_RESULT_ERROR,
    FS_RESULT_UNKNOWN,
    FS_RESULT_NOTAPPLICABLE,
    FS_RESULT_NOTCHECKED,
    FS_RESULT_INFORMATIONAL,
    FS_RESULT_NOTSELECTED,
};

/* Evidence longer than this is cut (with a marker): it names settings, not file contents. */
#define FS_EVIDENCE_MAX 2048

struct fs_site;

struct fs_check_ctx {
    const struct fs_facts *facts;
    const struct fs_kvlist *values;    /* XCCDF values bound through check-export */
    const struct fs_kvlist *host_vars; /* inventory variables of the host */
    /* When the scan of the host started, by the scanner's clock (seconds since the epoch; 0:
     * unknown). Rules that judge an age against "today" use it: the device's own clock is
     * hostile or simply wrong, and re-evaluating stored facts must give the same verdict. */
    long long scan_time;
    /* The site model (--zones, scanner/zones/site.h) and the host's inventory address: the
     * zone rules judge the host's place and flows against it. NULL without --zones. */
    const struct fs_site *site;
    const char *address;
};

struct fs_verdict {
    enum fs_result result;
    struct fs_buf evidence;
};

typedef void (*fs_check_fn)(const struct fs_check_ctx *ctx, struct fs_verdict *v);

#define FS_CHECK_MAX_FACTS 4

struct fs_check_def {
    const char *id; /* the catalog rule id */
    fs_check_fn fn;
    const char *facts[FS_CHECK_MAX_FACTS]; /* facts the check reads; unused slots NULL */
};

extern const struct fs_check_def fs_check_defs[];
extern const size_t fs_check_defs_count;

const struct fs_check_def *fs_check_def_find(const char *id);
const char *fs_result_name(enum fs_result r);

void fs_verdict_init(struct fs_verdict *v);
void fs_verdict_dispose(struct fs_verdict *v);
/* Runs a check; a check that forgets to decide yields error. */
void fs_check_run(const struct fs_check_def *def, const struct fs_check_ctx *ctx,
                  struct fs_verdict *v);

#endif
