/* SPDX-License-Identifier: Apache-2.0 */
/* What a fleet scan shows while it runs, on stderr: one status line redrawn in place on a
 * terminal, one line per finished host elsewhere, or a stream of JSON events for wrappers
 * (docs/progress.md). Every host name and message is written as printable text. */
#ifndef FS_PROGRESS_H
#define FS_PROGRESS_H

#include "core/buf.h"
#include "core/contract.h"
#include "engine/result.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum fs_progress_mode {
    FS_PROGRESS_AUTO = 0, /* tty when stderr is a terminal, lines otherwise */
    FS_PROGRESS_NONE,     /* nothing (--quiet) */
    FS_PROGRESS_TTY,      /* one status line, redrawn in place */
    FS_PROGRESS_LINES,    /* "[n/N] name status score S error" per finished host */
    FS_PROGRESS_JSON,     /* one JSON object per line and event */
};

/* Parses --progress's word (auto, none, tty, lines, json); FS_ERR_INVAL for another. */
FS_MUST_USE int fs_progress_mode_parse(const char *s, enum fs_progress_mode *out);

struct fs_progress;

/* A progress display for total hosts scanned jobs at a time, written to out (its fd decides
 * auto; mode none gives a display that prints nothing). names[i] is host i's inventory name
 * (borrowed: must outlive the display). In tty mode any fs_log line first clears the status
 * line. NULL on no memory. */
struct fs_progress *fs_progress_new(enum fs_progress_mode mode, FILE *out, size_t total, int jobs,
                                    const char *const *names);
/* Clears the status line (tty) and frees; NULL is fine. */
void fs_progress_free(struct fs_progress *p);

/* The events of a scan, in this order: start; per host host_start (from any thread) then
 * host_done (host i's result); interrupt when a signal stops the scan; end. tick redraws
 * the status line when it is due (at most about 4 times a second); call it often. All are
 * no-ops on NULL. */
void fs_progress_start(struct fs_progress *p);
void fs_progress_host_start(struct fs_progress *p, size_t i);
void fs_progress_host_done(struct fs_progress *p, size_t i, const struct fs_host_result *r);
void fs_progress_interrupt(struct fs_progress *p, const char *signal_name, int grace_s);
void fs_progress_tick(struct fs_progress *p);
/* Clears the status line and writes the end event (json). */
void fs_progress_end(struct fs_progress *p);

/* --- the pure parts, exposed for tests ------------------------------------------------- */

/* Seconds left: the mean seconds of a finished host times the hosts not finished, divided by
 * the hosts that run at once (jobs, or fewer when fewer are left). 0 when every host is done;
 * -1 (unknown) before the first host finished. */
double fs_progress_eta(size_t done, size_t total, double mean_s, int jobs);

/* A duration for the status line: "42s", "3m05s", "1h02m" (negative: "?"). */
void fs_progress_duration(double s, char *out, size_t n);

/* A host that counts as a failure so far: not scanned (any status but scanned), or scanned
 * with a failing rule that no waiver covers. */
bool fs_progress_host_failed(const struct fs_host_result *r);

/* What the status line shows. */
struct fs_progress_view {
    size_t done, total;
    size_t running;
    size_t not_scanned; /* finished hosts whose status is not scanned */
    size_t failing;     /* scanned hosts with an open failing rule */
    double elapsed_s;
    double eta_s;        /* < 0: unknown */
    const char *current; /* one host being scanned (printable), NULL when none */
    const char *slowest; /* the host running longest (printable), NULL when none */
    double slowest_s;
    bool interrupted; /* stopping: no new hosts, the running ones finish or are cancelled */
};

/* The status line (no line end) for a terminal width columns wide: the most that fits, parts
 * dropped in this order: the current host's name, the slowest host, the ETA; what is left is
 * cut to the width (never inside a UTF-8 character). */
FS_MUST_USE int fs_progress_line(const struct fs_progress_view *v, size_t width,
                                 struct fs_buf *out);

#endif
