/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet runner: collects from many hosts in parallel, evaluates them one at a time. */
#ifndef FS_SCAN_H
#define FS_SCAN_H

#include "../core/contract.h"

#include "../collect/script.h"
#include "../engine/benchmark.h"
#include "../inventory/inventory.h"
#include "../transport/transport.h"

#include <signal.h>

struct fs_progress;

/* Seconds the hosts running when a scan is interrupted get to finish before they are
 * cancelled. */
#define FS_INTERRUPT_GRACE_S 5

struct fs_scan_opts {
    struct fs_run_opts run;
    int jobs;
    int fact_timeout_s; /* per fact on the device (the collector's watchdog); 0: none */
    enum fs_device_priority device_priority; /* the collector's CPU and I/O priority */
    const char *profile;          /* -p: overrides every host's role; NULL: role, else baseline */
    struct fs_progress *progress; /* events of the scan (progress.h); NULL: none */
    struct fs_waivers *waivers;   /* judged register applied to each host as it finishes; NULL */
    bool keep_raw;                /* keep each host's raw collector output (fs_host_result.raw) */
    /* Set by a signal handler to the signal's number (SIGINT, SIGTERM) to stop the scan: no
     * new host is started, running ones get grace_s seconds, then are cancelled (not-scanned,
     * "scan interrupted"); hosts never started are not-scanned, "scan interrupted before this
     * host was reached". NULL: not interruptible. */
    const volatile sig_atomic_t *interrupt;
    int grace_s; /* 0: FS_INTERRUPT_GRACE_S */
};

/* Scans every host of inv; results[i] belongs to inv->hosts[i]. Never fails because of a
 * host: a host's trouble is its status. Returns an error only for the scanner's own
 * trouble (memory, threads). An interrupted scan returns FS_OK with its hosts not reached
 * not-scanned. */
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
