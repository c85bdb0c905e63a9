/* SPDX-License-Identifier: Apache-2.0 */
/* Internal to the SSH transport: one host's session under one deadline. The session runs in
 * libssh's non-blocking mode and every wait goes through fs_ssh_wait, so no libssh call can
 * hold a host past --timeout, whatever it does inside. */
#ifndef FS_SSH_SESSION_H
#define FS_SSH_SESSION_H

#include "../core/contract.h"

#include "transport.h"

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <stdbool.h>

struct fs_ssh {
    ssh_session s;
    struct fs_run_out *out;
    long long deadline; /* fs_now_ms() at which the host's --timeout is spent */
    long long limit;    /* the current phase's end: the deadline, or earlier (phase budget) */
    int timeout_s;
    int connect_timeout_s;
    int auth_timeout_s;        /* the auth phase's budget (0: the deadline only) */
    int collect_timeout_s;     /* the collect phase's budget (0: the deadline only) */
    int phase_budget_s;        /* the budget that set limit; 0 when limit is the deadline */
    const atomic_bool *cancel; /* fs_run_opts.cancel */
    const atomic_bool *halt;   /* set by the session's owner to close it now (a bastion's, at
                                * the scan's end); NULL: never */
    const char *address;       /* where the host was looked for, for the unreachable message */
    int port;
    const char *phase;     /* connect, auth, collect: named when time runs out */
    bool asked_passphrase; /* a key file wanted a passphrase (set by the no-prompt callback) */
};

/* Starts a phase that may run until the host's deadline, or for its own budget when it has
 * one and that ends first: auth (--auth-timeout), collect (--collect-timeout); connect_host
 * bounds the handshake with --connect-timeout itself. */
void fs_ssh_phase(struct fs_ssh *c, const char *phase);
/* Whether the run may go on without waiting: FS_OK, or FS_ERR_CANCELLED (not-scanned, "scan
 * interrupted"; error "closed: the scan is over" when halted) or FS_ERR_TIMEOUT (the phase's end
 * has passed) with the host's status and reason set ("timeout during collection after N s
 * (--timeout)", or unreachable when only
 * --connect-timeout ran out). */
int fs_ssh_check(struct fs_ssh *c);
/* fs_ssh_check, then waits until the session's socket can make progress, at most until the
 * phase's end: FS_OK or fs_ssh_check's errors. */
int fs_ssh_wait(struct fs_ssh *c);

/* Host key against known_hosts; accept-new records an unknown key once, under a lock. */
FS_MUST_USE int fs_ssh_verify_host_key(struct fs_ssh *c, const struct fs_run_opts *o);
/* Key files (never prompting for a passphrase), then the agent and default keys. */
FS_MUST_USE int fs_ssh_authenticate(struct fs_ssh *c, const struct fs_host *h,
                                    const struct fs_run_opts *o);
/* libssh callbacks for the session: a passphrase request fails instead of reading the tty.
 * The struct must outlive the session. */
void fs_ssh_no_prompt_callbacks(struct fs_ssh *c, struct ssh_callbacks_struct *cb);

#endif
