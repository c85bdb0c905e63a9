/* SPDX-License-Identifier: Apache-2.0 */
/* The OpenSSH server's effective configuration (fact sshd_effective) in every context the
 * collector evaluated: sshd -T globally and for root and a login account (Match blocks
 * applied by sshd itself), or, where sshd -T cannot run, sshd_config with its Include files
 * read in sshd's order (first value wins) on top of OpenSSH's defaults, one view per Match
 * block. A check judges every view; one weak view is a finding. */
#ifndef FS_SSHD_CONFIG_H
#define FS_SSHD_CONFIG_H

#include "check.h"

#include <stdbool.h>

#define FS_SSHD_MAX_VIEWS 16

struct fs_sshd_view {
    char label[160];           /* "" for the global view, "for user root", "Match User x (file)" */
    struct fs_kvlist settings; /* lower-case keyword -> value, as sshd -T prints them */
};

struct fs_sshd {
    char source[320]; /* for evidence: "sshd -T" or "sshd_config ... (sshd -T failed: why)" */
    struct fs_sshd_view views[FS_SSHD_MAX_VIEWS];
    size_t n;
};

/* Reads the fact; sets an error or notapplicable verdict and returns false when it cannot
 * be judged (the fact unproven, sshd proven absent, or no setting found). */
bool fs_sshd_load(const struct fs_check_ctx *ctx, struct fs_verdict *v, struct fs_sshd *s);
void fs_sshd_dispose(struct fs_sshd *s);

/* Judges one view: returns pass, fail or error and writes what it saw into ev. */
typedef enum fs_result (*fs_sshd_judge_fn)(const struct fs_kvlist *settings, const void *arg,
                                           char *ev, size_t evlen);

/* Runs a judge over every view: error when one errs, fail when one fails (the evidence names
 * the views that fail), else pass; the evidence names the source. */
void fs_sshd_judge(const struct fs_check_ctx *ctx, struct fs_verdict *v, fs_sshd_judge_fn fn,
                   const void *arg);

/* Seconds of an sshd time value ("90", "1m30s", "2h"); false on junk. */
bool fs_sshd_seconds(const char *s, long *out);

#endif
