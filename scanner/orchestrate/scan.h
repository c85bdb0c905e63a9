/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet runner: collects from many hosts in parallel, evaluates them one at a time. */
#ifndef FS_SCAN_H
#define FS_SCAN_H

#include "../core/contract.h"

#include "../collect/script.h"
#include "../engine/benchmark.h"
#include "../inventory/inventory.h"
#include "../transport/transport.h"

struct fs_scan_opts {
    struct fs_run_opts run;
    int jobs;
    int fact_timeout_s; /* per fact on the device (the collector's watchdog); 0: none */
    enum fs_device_priority device_priority; /* the collector's CPU and I/O priority */
    const char *profile;        /* -p: overrides every host's role; NULL: role, else baseline */
    bool progress;              /* a line per finished host on stderr */
    struct fs_waivers *waivers; /* judged register applied to each host as it finishes; NULL */
    bool keep_raw;              /* keep each host's raw collector output (fs_host_result.raw) */
};

/* Scans every host of inv; results[i] belongs to inv->hosts[i]. Never fails because of a
 * host: a host's trouble is its status. Returns an error only for the scanner's own
 * trouble (memory, threads). */
FS_MUST_USE int fs_scan_fleet(struct fs_benchmark *b, const struct fs_inventory *inv,
                              const struct fs_scan_opts *o, struct fs_host_result *results);

/* The profile for a host: -p, else its role, else baseline (NULL if the benchmark has none). */
const struct fs_profile *fs_scan_profile_for(const struct fs_benchmark *b, const struct fs_host *h,
                                             const char *override);

/* Turns one host's collector run into results (exposed for tests). */
FS_MUST_USE int fs_scan_finish_host(struct fs_benchmark *b, const struct fs_profile *p,
                                    const struct fs_host *h, const char *nonce,
                                    struct fs_run_out *run, struct fs_host_result *r);

#endif
