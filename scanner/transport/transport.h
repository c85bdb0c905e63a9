/* SPDX-License-Identifier: Apache-2.0 */
/* A transport runs the collector script on a host: one vtable per way of reaching it. */
#ifndef FS_TRANSPORT_H
#define FS_TRANSPORT_H

#include "../core/buf.h"
#include "../core/host_status.h"
#include "../inventory/inventory.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct fs_jumps; /* jump.h: the bastion sessions of a run */

/* Time budgets, in seconds: each phase has its own, and the whole host's (timeout_s) bounds
 * them all. A phase's budget runs from the phase's start; 0 means the whole host's budget. */
struct fs_run_opts {
    const char *known_hosts; /* NULL: ~/.ssh/known_hosts */
    const char *identity;    /* --identity, tried after the host's own key file */
    bool accept_new;         /* --host-key-policy accept-new */
    int connect_timeout_s;   /* TCP connect and SSH handshake (--connect-timeout) */
    int auth_timeout_s;      /* host key check and authentication (--auth-timeout) */
    int collect_timeout_s;   /* collector start to its exit status (--collect-timeout) */
    int timeout_s;           /* whole host: connect, authenticate, collect (--timeout) */
    size_t max_output;       /* per-host cap on collector output */
    /* Set (by another thread) to stop every run at its next wait: the host ends not-scanned,
     * "scan interrupted". NULL: never cancelled. */
    const atomic_bool *cancel;
    /* Bastions shared by the run's hosts (fs_jumps_new; freed after the scan). NULL: a host
     * with a jump host (fs_host.proxy_jump) gets a bastion session of its own. */
    struct fs_jumps *jumps;
};

struct fs_run_out {
    struct fs_buf out;          /* collector stdout (framed facts), at most max_output bytes */
    struct fs_buf err;          /* first bytes of stderr, for error messages */
    int exit_status;            /* -1 when unknown */
    enum fs_host_status status; /* scanned, or why the host could not be reached */
    char reason[512];           /* one line when status is not scanned or output was cut */
    bool cut;                   /* output stopped early (cap or timeout) */
    bool collecting;            /* the collector was started: facts may have arrived */
};

struct fs_transport {
    const char *name;
    int (*run)(const struct fs_host *h, const struct fs_run_opts *o, const char *cmd,
               const char *script, size_t len, struct fs_run_out *out);
};

void fs_run_out_init(struct fs_run_out *o, size_t max_output);
void fs_run_out_dispose(struct fs_run_out *o);
/* Sets status and a one-line reason (printf style). */
void fs_run_out_fail(struct fs_run_out *o, enum fs_host_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "sh -s", or "sudo -n sh -s" when become is set and the login is not root. */
const char *fs_transport_command(const struct fs_host *h, bool login_is_root);

/* Whether o's run was cancelled (fs_run_opts.cancel set). */
bool fs_run_cancelled(const struct fs_run_opts *o);
/* Ends a run cut short by o->cancel: status not-scanned, reason "scan interrupted". */
void fs_run_out_cancelled(struct fs_run_out *out);

const struct fs_transport *fs_transport_find(const char *name);
/* The transport for a host: local for the "local" target, ssh otherwise. */
const struct fs_transport *fs_transport_for(const struct fs_host *h);

extern const struct fs_transport fs_transport_local;
extern const struct fs_transport fs_transport_ssh;

#endif
