/* SPDX-License-Identifier: Apache-2.0 */
/* The SSH transport's clock: one deadline per host, phases, and the one place that waits. */
#include "ssh_session.h"
#include "../core/err.h"
#include "../core/util.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

/* Polls in short slices: libssh may hold data it has already read, which the socket does not
 * show, so a wait never trusts the fd alone for long. */
#define FS_SSH_SLICE_MS 50

void fs_ssh_phase(struct fs_ssh *c, const char *phase)
{
    c->phase = phase;
    c->limit = c->deadline;
}

int fs_ssh_wait(struct fs_ssh *c)
{
    long long left = c->limit - fs_now_ms();
    if (left <= 0) {
        if (c->limit < c->deadline)
            fs_run_out_fail(c->out, FS_HOST_UNREACHABLE,
                            "no SSH handshake from %s port %d within %d s (--connect-timeout)",
                            c->address ? c->address : "?", c->port, c->connect_timeout_s);
        else
            fs_run_out_fail(c->out, FS_HOST_TIMEOUT, "timed out after %d s during %s", c->timeout_s,
                            c->phase);
        return FS_ERR_TIMEOUT;
    }
    int ms = left < FS_SSH_SLICE_MS ? (int)left : FS_SSH_SLICE_MS;
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
