/* SPDX-License-Identifier: Apache-2.0 */
/* A waiver register built by hand (the loader is not on this branch) and applied to a synthetic
 * fleet, for report.html's tests: one waiver in each state, one applied to a fail and one to an
 * error, one that covers nothing. */
#ifndef FS_SYNTH_WAIVERS_H
#define FS_SYNTH_WAIVERS_H

#include "../common/synth_fleet.h"

/* The applied waiver's reason: markup and quotes, only ever shown escaped. */
#define SYNTH_WAIVER_REASON                                                                        \
    "Vendor patch due <script>alert(7)</script> \"Q1\" & 'CAPA' <img src=x onerror=alert(8)>"
#define SYNTH_WAIVER_APPROVER  "Quinn Approver (QA lead)"
#define SYNTH_WAIVER_REQUESTER "Dana Requester"
#define SYNTH_WAIVER_EXPIRES   "2027-03-31"

/* The waivers of the register, in file order. */
enum {
    SYNTH_W_ACTIVE = 0, /* applied to the first failed rule (severity low or higher) of host 0 */
    SYNTH_W_EXPIRED,    /* not applied */
    SYNTH_W_EXPIRING,   /* applied to the first error result of host 2 (n >= 3) */
    SYNTH_W_PENDING,    /* not applied */
    SYNTH_W_UNUSED,     /* active, but covers no result */
    SYNTH_W_COUNT
};

/* Builds the register, sets ->waiver on the two results, the matched counts, rescores the
 * hosts (fs_score_host) and sets f->report.waivers. NULL when out of memory or when the fleet
 * has no such results; synth_waivers_free after synth_fleet_free or before, either way. */
struct fs_waivers *synth_waivers_apply(struct synth_fleet *f);
void synth_waivers_free(struct fs_waivers *w);

#endif
