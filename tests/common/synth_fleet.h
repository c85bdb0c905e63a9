/* SPDX-License-Identifier: Apache-2.0 */
/* A synthetic fleet result (hosts x every rule of a benchmark) for report tests and benches. */
#ifndef FS_SYNTH_FLEET_H
#define FS_SYNTH_FLEET_H

#include "reports/report.h"

#include <stdbool.h>

/* Hostile strings planted by synth_fleet_new(..., hostile = true). */
#define SYNTH_HOSTILE_NAME "<script>alert(1)</script>\"><img src=x onerror=alert(2)>'x"
#define SYNTH_HOSTILE_EVIDENCE                                                                     \
    "</script><script>alert(3)</script><!-- \"'><img src=x onerror=alert(4)> \x01\x1b[31m "        \
    "\xff\xfe bad utf-8 \xe2\x80\xa8 line sep & amp"

struct synth_fleet {
    struct fs_benchmark *b;
    struct fs_host *hosts;
    struct fs_host_result *results;
    struct fs_report report;
};

/* n hosts "host-000".. (zones zone-a..c, roles from the benchmark's profiles), each with every
 * rule of the benchmark at path and a deterministic mix of statuses; with hostile, host 1 gets
 * SYNTH_HOSTILE_NAME (and zone) and its evidence SYNTH_HOSTILE_EVIDENCE, and the last host is
 * unreachable. NULL on failure. */
struct synth_fleet *synth_fleet_new(const char *benchmark, size_t n, bool hostile);
/* The fleet of a saved results.json (hosts, statuses, evidence; scores recomputed), for a
 * picture of a real scan. NULL on failure. */
struct synth_fleet *synth_fleet_from_json(const char *benchmark, const char *results_json);
void synth_fleet_free(struct synth_fleet *f);
/* rr's status becomes st, and its evidence a copy of ev unless ev is NULL (the score is not
 * recomputed). false when out of memory. */
bool synth_set_result(struct fs_rule_result *rr, enum fs_result st, const char *ev);

#endif
