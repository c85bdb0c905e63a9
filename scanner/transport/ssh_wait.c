/* SPDX-License-Identifier: Apache-2.0 */
/* The SSH transport's clock: one deadline per host, a budget per phase, the cancel flag, and
 * the one place that waits. */
#include "ssh_session.h"
#include "../core/err.h"
#include "../core/util.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

/* Polls in short slices: libssh may hold data it has already read, which the socket does not
 * show, so a wait never trusts the fd alone for long; a cancel is seen within a slice too. */
#define FS_SSH_SLICE_MS 50

void fs_ssh_phase(struct fs_ssh *c, const char *phase)
{
    c->phase = phase;
    c->limit = c->deadline;
    c->phase_budget_s = 0;
    int budget = strcmp(phase, "auth") == 0      ? c->auth_timeout_s
                 : strcmp(phase, "collect") == 0 ? c->collect_timeout_s
                                                 : 0;
    long long by = fs_now_ms() + (long long)budget * 1000;
    if (budget > 0 && by < c->limit) {
        c->limit = by;
        c->phase_budget_s = budget;
    }
}

/* The phase as the reason names it. */
static const char *phase_words(const char *phase)
{
    return strcmp(phase, "connect") == 0   ? "connection"
           : strcmp(phase, "auth") == 0    ? "authentication"
           : strcmp(phase, "collect") == 0 ? "collection"
                                           : phase;
}

int fs_ssh_check(struct fs_ssh *c)
{
    if (c->halt && atomic_load(c->halt)) {
        fs_run_out_fail(c->out, FS_HOST_ERROR, "closed: the scan is over");
        return FS_ERR_CANCELLED;
    }
    if (c->cancel && atomic_load(c->cancel)) {
        fs_run_out_cancelled(c->out);
        return FS_ERR_CANCELLED;
    }
    if (c->limit - fs_now_ms() > 0)
        return FS_OK;
    if (c->phase_budget_s > 0)
        fs_run_out_fail(c->out, FS_HOST_TIMEOUT, "timeout during %s after %d s (--%s-timeout)",
                        phase_words(c->phase), c->phase_budget_s, c->phase);
    else if (c->limit < c->deadline) /* only connect_host sets a limit of its own */
        fs_run_out_fail(c->out, FS_HOST_UNREACHABLE,
                        "no SSH handshake from %s port %d within %d s (--connect-timeout)",
                        c->address ? c->address : "?", c->port, c->connect_timeout_s);
    else
        fs_run_out_fail(c->out, FS_HOST_TIMEOUT, "timeout during %s after %d s (--timeout)",
                        phase_words(c->phase), c->timeout_s);
    return FS_ERR_TIMEOUT;
}

int fs_ssh_wait(struct fs_ssh *c)
{
    int rc = fs_ssh_check(c);
    if (rc)
        return rc;
    long long left = c->limit - fs_now_ms();
    int ms = left < FS_SSH_SLICE_MS ? (int)(left > 0 ? left : 0) : FS_SSH_SLICE_MS;
    struct pollfd p = {.fd = ssh_get_fd(c->s), .events = POLLIN};
    if (p.fd >= 0 && (ssh_get_poll_flags(c->s) & SSH_WRITE_PENDING))
        p.events |= POLLOUT;
    if (poll(&p, p.fd >= 0 ? 1 : 0, ms) < 0 && errno != EINTR) {
        fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot wait for the connection: %s",
                        strerror(errno));
        return FS_ERR_IO;
    }
    return FS_OK;
}
