/* SPDX-License-Identifier: Apache-2.0 */
/* The scan summary on the terminal: host table, scores, the rules failed most, files written. */
#ifndef FS_SUMMARY_H
#define FS_SUMMARY_H

#include "../reports/report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define FS_SUMMARY_TOP 5

struct fs_rule_count {
    const struct fs_rule *rule;
    unsigned hosts; /* hosts on which the rule failed */
};

/* The rules that fail on the most hosts, at most max of them: most hosts first, then higher
 * severity, then rule id. Returns how many were written to out. */
size_t fs_summary_top_failed(const struct fs_report *r, struct fs_rule_count *out, size_t max);

/* Whether text written to fd may carry colour: fd is a terminal, NO_COLOR is unset or empty
 * (https://no-color.org) and TERM is not "dumb". */
bool fs_summary_colour(int fd);

/* The evidence bundle of a run, for the summary. */
struct fs_summary_bundle {
    const char *path;   /* --bundle FILE.tar; NULL: OUTDIR/bundle */
    const char *outdir; /* -o */
    const char *sha256; /* of manifest.sha256 */
    bool failed;        /* not written (the reason went to stderr) */
};

/* Prints the summary: writers[i] and written[i] say which files were asked for and which are
 * in place ("wrote DIR/FILE" lines); then the evidence bundle (bundle, NULL without one) with
 * the SHA-256 of its manifest; report.html's path comes last when it was written. */
void fs_summary_print(FILE *out, const struct fs_report *r, bool colour, const char *outdir,
                      const struct fs_report_writer *const *writers, const bool *written,
                      size_t nwriters, const struct fs_summary_bundle *bundle);

#endif
