/* SPDX-License-Identifier: Apache-2.0 */
/* Jump hosts: one pump thread per bastion owns its libssh session. Workers queue channel
 * requests under the registry's lock and wait (bounded) for an answer; the pump opens
 * direct-tcpip channels and moves bytes between each channel and its socketpair end
 * (non-blocking, bounded buffers), until the target's session closes its end. */
#include "jump.h"
#include "../core/err.h"
#include "../core/util.h"
#include "../inventory/proxy_jump.h"
#include "ssh_session.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FS_JUMP_BUF      32768
#define FS_JUMP_SLICE_MS 50

/* A worker's request for a channel. Queued and answered under the registry's lock; freed by
 * the worker once done, or by the pump when the worker stopped waiting (abandoned). */
struct request {
    struct request *next;
    char address[254];
    int port;
    ssh_channel ch; /* pump only, while opening */
    int fd;         /* the answer: the target session's end, or -1 */
    enum fs_host_status status;
    char reason[512];
    bool done, abandoned;
};

/* An open channel and its socketpair end (pump only). */
struct forward {
    struct forward *next;
    ssh_channel ch;
    int fd;
    bool fd_eof, ch_eof; /* the target session closed its end; the channel ended */
    size_t to_fd_len, to_ch_len;
    char to_fd[FS_JUMP_BUF]; /* from the channel, for the target session */
    char to_ch[FS_JUMP_BUF]; /* from the target session, for the channel */
};

enum bastion_state { BASTION_CONNECTING, BASTION_READY, BASTION_FAILED };

struct bastion {
    struct bastion *next;
    struct fs_jumps *reg;
    struct fs_jump_spec spec;
    char name[FS_JUMP_SPEC_MAX];
    struct fs_run_opts o; /* copied from the first request: every host of a run shares them */
    pthread_t th;
    int wake[2];      /* a byte on wake[1] wakes the pump */
    atomic_bool halt; /* the scan is over: the pump ends even while connecting or logging in */
    /* under reg->lock */
    enum bastion_state state;
    enum fs_host_status fail_status;
    char fail_reason[512];
    struct request *queue;
    bool stop;
    /* pump only */
    struct fs_ssh c;
    struct fs_run_out out;
    struct ssh_callbacks_struct cb;
    ssh_event ev;
    struct request *opening;
    struct forward *fwds;
};

struct fs_jumps {
    pthread_mutex_t lock;
    pthread_cond_t cond; /* a request answered, or a bastion's state changed */
    struct bastion *list;
};

int fs_jumps_new(struct fs_jumps **out)
{
    struct fs_jumps *j = calloc(1, sizeof *j);
    if (!j)
        return FS_ERR_NOMEM;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->cond, &ca);
    pthread_condattr_destroy(&ca);
    *out = j;
    return FS_OK;
}

static void wake(struct bastion *b)
{
    char x = 1;
    /* the pipe is non-blocking: a full pipe already holds a wake-up */
    ssize_t n = write(b->wake[1], &x, 1);
    (void)n;
}

/* Answers a request (reg->lock held): the waiting worker takes it, or it is freed when the
 * worker has gone. */
static void answer(struct fs_jumps *reg, struct request *r, int fd, enum fs_host_status st,
                   const char *reason)
{
    if (r->abandoned) {
        if (fd >= 0)
            close(fd);
        free(r);
        return;
    }
    r->fd = fd;
    r->status = st;
    snprintf(r->reason, sizeof r->reason, "%.*s", (int)sizeof r->reason - 1, reason);
    r->done = true;
    pthread_cond_broadcast(&reg->cond);
}

static void answer_all(struct bastion *b, struct request **list, enum fs_host_status st,
                       const char *reason)
{
    while (*list) {
        struct request *r = *list;
        *list = r->next;
        if (r->ch)
            ssh_channel_free(r->ch);
        r->ch = NULL;
        answer(b->reg, r, -1, st, reason);
    }
}

/* The bastion cannot serve (any more): every request now and later gets its failure. */
static void bastion_fail(struct bastion *b, enum fs_host_status st, const char *reason)
{
    pthread_mutex_lock(&b->reg->lock);
    b->state = BASTION_FAILED;
    b->fail_status = st;
    snprintf(b->fail_reason, sizeof b->fail_reason, "bastion %s: %s", b->name, reason);
    answer_all(b, &b->opening, st, b->fail_reason);
    answer_all(b, &b->queue, st, b->fail_reason);
    pthread_cond_broadcast(&b->reg->cond);
    pthread_mutex_unlock(&b->reg->lock);
}

/* Connects, checks the host key and logs in, as the SSH transport does for a target. */
static int bastion_connect(struct bastion *b)
{
    struct fs_ssh *c = &b->c;
    unsigned int port = (unsigned int)b->spec.port;
    int one = 1, r, rc;
    bool no = false;
    long timeout = b->o.timeout_s;
    struct fs_host h = {.name = b->name,
                        .address = b->spec.host,
                        .port = b->spec.port,
                        .user = b->spec.user[0] ? b->spec.user : NULL};
    if (ssh_options_set(c->s, SSH_OPTIONS_HOST, b->spec.host) < 0 ||
        ssh_options_set(c->s, SSH_OPTIONS_PORT, &port) < 0 ||
        ssh_options_set(c->s, SSH_OPTIONS_NODELAY, &one) < 0 ||
        ssh_options_set(c->s, SSH_OPTIONS_TIMEOUT, &timeout) < 0 ||
        ssh_options_set(c->s, SSH_OPTIONS_PROCESS_CONFIG, &no) < 0 ||
        (h.user && ssh_options_set(c->s, SSH_OPTIONS_USER, h.user) < 0) ||
        (b->o.known_hosts && ssh_options_set(c->s, SSH_OPTIONS_KNOWNHOSTS, b->o.known_hosts) < 0)) {
        fs_run_out_fail(c->out, FS_HOST_ERROR, "invalid SSH options: %s", ssh_get_error(c->s));
        return FS_ERR_INVAL;
    }
    fs_ssh_phase(c, "connect");
    long long handshake_by = fs_now_ms() + (long long)c->connect_timeout_s * 1000;
    if (handshake_by < c->limit)
        c->limit = handshake_by;
    while ((r = ssh_connect(c->s)) == SSH_AGAIN)
        if ((rc = fs_ssh_wait(c)))
            return rc;
    if (r != SSH_OK) {
        fs_run_out_fail(c->out, FS_HOST_UNREACHABLE, "cannot connect to %s port %d: %s",
                        b->spec.host, b->spec.port, ssh_get_error(c->s));
        return FS_ERR_CONNECT;
    }
    fs_ssh_phase(c, "connect");
    if ((rc = fs_ssh_verify_host_key(c, &b->o)))
        return rc;
    fs_ssh_phase(c, "auth");
    return fs_ssh_authenticate(c, &h, &b->o);
}

static void forward_close(struct forward *f)
{
    if (f->ch) {
        ssh_channel_close(f->ch);
        ssh_channel_free(f->ch);
    }
    if (f->fd >= 0)
        close(f->fd);
    free(f);
}

/* Drives channel opens. A refused channel (the target is not reachable from the bastion)
 * makes that target unreachable; the bastion stays up. */
static int open_channels(struct bastion *b, bool *progress)
{
    struct request **pp = &b->opening;
    while (*pp) {
        struct request *r = *pp;
        if (!r->ch && !(r->ch = ssh_channel_new(b->c.s))) {
            fs_run_out_fail(&b->out, FS_HOST_ERROR, "cannot create a channel: out of memory");
            return FS_ERR_NOMEM;
        }
        int rc = ssh_channel_open_forward(r->ch, r->address, r->port, "127.0.0.1", 0);
        if (rc == SSH_AGAIN) {
            pp = &r->next;
            continue;
        }
        *progress = true;
        *pp = r->next;
        char reason[1400];
        int sv[2] = {-1, -1};
        struct forward *f = NULL;
        if (rc == SSH_OK && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0 &&
            (f = calloc(1, sizeof *f)) && fcntl(sv[0], F_SETFL, O_NONBLOCK) == 0) {
            f->ch = r->ch;
            f->fd = sv[0];
            f->next = b->fwds;
            b->fwds = f;
            pthread_mutex_lock(&b->reg->lock);
            answer(b->reg, r, sv[1], FS_HOST_SCANNED, "");
            pthread_mutex_unlock(&b->reg->lock);
            continue;
        }
        enum fs_host_status st = FS_HOST_UNREACHABLE;
        if (rc == SSH_OK) {
            snprintf(reason, sizeof reason, "bastion %s: cannot pass the channel on: %s", b->name,
                     strerror(errno));
            st = FS_HOST_ERROR;
        } else {
            snprintf(reason, sizeof reason,
                     "bastion %s: cannot open a channel to %s port %d (not reachable from the "
                     "bastion, or forwarding refused): %s",
                     b->name, r->address, r->port, ssh_get_error(b->c.s));
        }
        free(f);
        if (sv[0] >= 0) {
            close(sv[0]);
            close(sv[1]);
        }
        /* an open channel is closed by free; a refused one must not be (a close for it
         * would name another channel's number) */
        ssh_channel_free(r->ch);
        r->ch = NULL;
        pthread_mutex_lock(&b->reg->lock);
        answer(b->reg, r, -1, st, reason);
        pthread_mutex_unlock(&b->reg->lock);
    }
    return FS_OK;
}

/* Moves what can move without waiting. Returns true when the forward is finished. */
static bool pump_forward(struct forward *f, bool *progress)
{
    size_t room = sizeof f->to_fd - f->to_fd_len;
    if (!f->ch_eof && room) {
        int n = ssh_channel_read_nonblocking(f->ch, f->to_fd + f->to_fd_len, (uint32_t)room, 0);
        if (n > 0) {
            f->to_fd_len += (size_t)n;
            *progress = true;
        } else if (n < 0 || ssh_channel_is_eof(f->ch) || ssh_channel_is_closed(f->ch)) {
            f->ch_eof = true; /* SSH_EOF, an error or a closed channel: nothing more comes */
            *progress = true;
        }
    }
    if (f->to_fd_len) {
        ssize_t w = send(f->fd, f->to_fd, f->to_fd_len, MSG_NOSIGNAL);
        if (w > 0) {
            memmove(f->to_fd, f->to_fd + w, f->to_fd_len - (size_t)w);
            f->to_fd_len -= (size_t)w;
            *progress = true;
        } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
            return true; /* the target session has gone */
        }
    }
    room = sizeof f->to_ch - f->to_ch_len;
    if (!f->fd_eof && room) {
        ssize_t r = read(f->fd, f->to_ch + f->to_ch_len, room);
        if (r > 0) {
            f->to_ch_len += (size_t)r;
            *progress = true;
        } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
            f->fd_eof = true;
            *progress = true;
        }
    }
    if (f->to_ch_len && !f->ch_eof) {
        uint32_t win = ssh_channel_window_size(f->ch);
        uint32_t k = f->to_ch_len < win ? (uint32_t)f->to_ch_len : win;
        if (k) {
            int w = ssh_channel_write(f->ch, f->to_ch, k);
            if (w == SSH_AGAIN)
                w = 0;
            if (w < 0)
                return true;
            memmove(f->to_ch, f->to_ch + w, f->to_ch_len - (size_t)w);
            f->to_ch_len -= (size_t)w;
            *progress = *progress || w > 0;
        }
    }
    /* The target session closed its socket (it is done), or the channel ended and all it sent
     * has reached the target session. */
    return (f->fd_eof && (f->to_ch_len == 0 || f->ch_eof)) || (f->ch_eof && f->to_fd_len == 0);
}

/* One round: new requests in, channels opened, bytes moved, then a bounded wait. */
static int pump_round(struct bastion *b, bool *stop)
{
    bool progress = false;
    pthread_mutex_lock(&b->reg->lock);
    *stop = b->stop;
    while (b->queue) { /* keep arrival order */
        struct request *r = b->queue, **tail = &b->opening;
        b->queue = r->next;
        r->next = NULL;
        while (*tail)
            tail = &(*tail)->next;
        *tail = r;
    }
    pthread_mutex_unlock(&b->reg->lock);
    if (*stop)
        return FS_OK;
    int rc = open_channels(b, &progress);
    if (rc)
        return rc;
    size_t nf = 0;
    for (struct forward **pp = &b->fwds; *pp;) {
        struct forward *f = *pp;
        if (pump_forward(f, &progress)) {
            *pp = f->next;
            forward_close(f);
            progress = true;
        } else {
            pp = &f->next;
            nf++;
        }
    }
    if (ssh_event_dopoll(b->ev, 0) == SSH_ERROR || !ssh_is_connected(b->c.s)) {
        fs_run_out_fail(&b->out, FS_HOST_UNREACHABLE, "connection lost: %s", ssh_get_error(b->c.s));
        return FS_ERR_CONNECT;
    }
    struct pollfd *p = calloc(nf + 2, sizeof *p);
    if (!p) {
        fs_run_out_fail(&b->out, FS_HOST_ERROR, "cannot wait for the channels: out of memory");
        return FS_ERR_NOMEM;
    }
    p[0] = (struct pollfd){.fd = b->wake[0], .events = POLLIN};
    p[1] = (struct pollfd){.fd = ssh_get_fd(b->c.s), .events = POLLIN};
    if (ssh_get_poll_flags(b->c.s) & SSH_WRITE_PENDING)
        p[1].events |= POLLOUT;
    size_t i = 2;
    for (struct forward *f = b->fwds; f; f = f->next, i++) {
        p[i].events = (short)((!f->fd_eof && f->to_ch_len < sizeof f->to_ch ? POLLIN : 0) |
                              (f->to_fd_len ? POLLOUT : 0));
        /* nothing to wait for on it (a closed end would report POLLHUP at once, a spin) */
        p[i].fd = p[i].events ? f->fd : -1;
    }
    /* libssh may hold data it has already read, which no fd shows: never wait long */
    if (poll(p, nf + 2, progress ? 0 : FS_JUMP_SLICE_MS) < 0 && errno != EINTR)
        rc = FS_ERR_IO;
    if (p[0].revents & POLLIN) {
        char drain[64];
        while (read(b->wake[0], drain, sizeof drain) > 0)
            ;
    }
    free(p);
    if (rc)
        fs_run_out_fail(&b->out, FS_HOST_ERROR, "cannot wait for the connection: %s",
                        strerror(errno));
    return rc;
}

static void *pump(void *arg)
{
    struct bastion *b = arg;
    bool stop = false;
    int rc = bastion_connect(b);
    if (!rc && !(b->ev = ssh_event_new())) {
        fs_run_out_fail(&b->out, FS_HOST_ERROR, "cannot create an SSH event");
        rc = FS_ERR_NOMEM;
    }
    if (!rc && ssh_event_add_session(b->ev, b->c.s) != SSH_OK) {
        fs_run_out_fail(&b->out, FS_HOST_ERROR, "cannot watch the session");
        rc = FS_ERR_NOMEM;
    }
    if (!rc) {
        fs_log(FS_LOG_VERBOSE, "bastion %s: connected", b->name);
        pthread_mutex_lock(&b->reg->lock);
        b->state = BASTION_READY;
        pthread_mutex_unlock(&b->reg->lock);
    }
    while (!rc && !stop)
        rc = pump_round(b, &stop);
    if (rc)
        bastion_fail(b, b->out.status == FS_HOST_SCANNED ? FS_HOST_ERROR : b->out.status,
                     b->out.reason);
    else
        bastion_fail(b, FS_HOST_ERROR, "closed: the scan is over");
    while (b->fwds) {
        struct forward *f = b->fwds;
        b->fwds = f->next;
        forward_close(f);
    }
    if (b->ev) {
        ssh_event_remove_session(b->ev, b->c.s);
        ssh_event_free(b->ev);
    }
    ssh_disconnect(b->c.s);
    ssh_free(b->c.s);
    b->c.s = NULL;
    return NULL;
}

/* Finds or starts the bastion for spec (reg->lock held). NULL: no memory or no thread. */
static struct bastion *bastion_get(struct fs_jumps *reg, const struct fs_run_opts *o,
                                   const char *spec, struct fs_run_out *out)
{
    struct fs_jump_spec js;
    char why[160], name[FS_JUMP_SPEC_MAX];
    if (fs_jump_spec_parse(spec, &js, why, sizeof why) != FS_OK) {
        fs_run_out_fail(out, FS_HOST_ERROR, "jump host '%s': %s", spec, why);
        return NULL;
    }
    fs_jump_spec_format(&js, name, sizeof name);
    for (struct bastion *b = reg->list; b; b = b->next)
        if (strcmp(b->name, name) == 0)
            return b;
    struct bastion *b = calloc(1, sizeof *b);
    if (!b) {
        fs_run_out_fail(out, FS_HOST_ERROR, "jump host %s: out of memory", name);
        return NULL;
    }
    b->wake[0] = b->wake[1] = -1;
    b->reg = reg;
    b->spec = js;
    memcpy(b->name, name, sizeof name);
    b->o = *o;
    b->o.jumps = NULL;
    atomic_init(&b->halt, false);
    fs_run_out_init(&b->out, 0);
    b->c = (struct fs_ssh){.out = &b->out,
                           .deadline = fs_now_ms() + (long long)o->timeout_s * 1000,
                           .timeout_s = o->timeout_s,
                           .connect_timeout_s = o->connect_timeout_s,
                           .auth_timeout_s = o->auth_timeout_s,
                           /* not o->cancel: that flag lives in the scan's frame and the pump
                            * may outlive it; a worker that sees the cancel halts the pump */
                           .halt = &b->halt,
                           .address = b->spec.host,
                           .port = b->spec.port};
    if (pipe2(b->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        fs_run_out_fail(out, FS_HOST_ERROR, "jump host %s: cannot create a pipe: %s", name,
                        strerror(errno));
        goto fail;
    }
    if (!(b->c.s = ssh_new())) {
        fs_run_out_fail(out, FS_HOST_ERROR, "jump host %s: cannot create an SSH session", name);
        goto fail;
    }
    fs_ssh_no_prompt_callbacks(&b->c, &b->cb);
    ssh_set_blocking(b->c.s, 0);
    if (pthread_create(&b->th, NULL, pump, b) != 0) {
        fs_run_out_fail(out, FS_HOST_ERROR, "jump host %s: cannot start a thread", name);
        goto fail;
    }
    b->next = reg->list;
    reg->list = b;
    return b;
fail:
    if (b->c.s)
        ssh_free(b->c.s);
    if (b->wake[0] >= 0) {
        close(b->wake[0]);
        close(b->wake[1]);
    }
    fs_run_out_dispose(&b->out);
    free(b);
    return NULL;
}

static struct timespec abs_time(long long until_ms)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long left = until_ms - fs_now_ms();
    if (left < 0)
        left = 0;
    long long ns = now.tv_nsec + (left % 1000) * 1000000LL;
    return (struct timespec){.tv_sec = now.tv_sec + (time_t)(left / 1000 + ns / 1000000000LL),
                             .tv_nsec = (long)(ns % 1000000000LL)};
}

int fs_jumps_open(struct fs_jumps *j, const struct fs_run_opts *o, const char *spec,
                  const char *address, int port, long long until_ms, int *fd,
                  struct fs_run_out *out)
{
    *fd = -1;
    int rc = FS_OK;
    pthread_mutex_lock(&j->lock);
    struct bastion *b = bastion_get(j, o, spec, out);
    if (!b) {
        rc = FS_ERR_CONNECT;
        goto out;
    }
    if (b->state == BASTION_FAILED && fs_run_cancelled(o)) {
        fs_run_out_cancelled(out);
        rc = FS_ERR_CANCELLED;
        goto out;
    }
    if (b->state == BASTION_FAILED) {
        fs_run_out_fail(out, b->fail_status, "%s", b->fail_reason);
        rc = FS_ERR_CONNECT;
        goto out;
    }
    struct request *r = calloc(1, sizeof *r);
    if (!r) {
        fs_run_out_fail(out, FS_HOST_ERROR, "bastion %s: out of memory", b->name);
        rc = FS_ERR_NOMEM;
        goto out;
    }
    snprintf(r->address, sizeof r->address, "%s", address);
    r->port = port;
    r->fd = -1;
    struct request **tail = &b->queue;
    while (*tail)
        tail = &(*tail)->next;
    *tail = r;
    wake(b);
    /* in slices, so that an interrupt is seen while the bastion is still connecting */
    while (!r->done && fs_now_ms() < until_ms && !fs_run_cancelled(o)) {
        long long slice = fs_now_ms() + FS_JUMP_SLICE_MS;
        struct timespec ts = abs_time(slice < until_ms ? slice : until_ms);
        pthread_cond_timedwait(&j->cond, &j->lock, &ts);
    }
    /* the run was cancelled before a channel came: not-scanned (a failure that came with the
     * cancel is the cancel's, not the host's), and a bastion still connecting is given up */
    if (fs_run_cancelled(o) && (!r->done || r->fd < 0)) {
        if (b->state == BASTION_CONNECTING) {
            atomic_store(&b->halt, true);
            wake(b);
        }
        if (r->done)
            free(r);
        else
            r->abandoned = true; /* the pump frees it */
        fs_run_out_cancelled(out);
        rc = FS_ERR_CANCELLED;
        goto out;
    }
    if (!r->done) {
        r->abandoned = true; /* the pump frees it */
        fs_run_out_fail(out, FS_HOST_UNREACHABLE,
                        "bastion %s: no channel to %s port %d within %d s (--connect-timeout)%s",
                        b->name, address, port, o->connect_timeout_s,
                        b->state == BASTION_CONNECTING
                            ? "; the bastion was still connecting or logging in"
                            : "");
        rc = FS_ERR_TIMEOUT;
        goto out;
    }
    if (r->fd < 0) {
        fs_run_out_fail(out, r->status, "%s", r->reason);
        rc = FS_ERR_CONNECT;
    }
    *fd = r->fd;
    free(r);
out:
    pthread_mutex_unlock(&j->lock);
    return rc;
}

void fs_jumps_free(struct fs_jumps *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&j->lock);
    for (struct bastion *b = j->list; b; b = b->next) {
        b->stop = true;
        atomic_store(&b->halt, true);
        wake(b);
    }
    pthread_mutex_unlock(&j->lock);
    while (j->list) {
        struct bastion *b = j->list;
        j->list = b->next;
        pthread_join(b->th, NULL);
        close(b->wake[0]);
        close(b->wake[1]);
        fs_run_out_dispose(&b->out);
        free(b);
    }
    pthread_mutex_destroy(&j->lock);
    pthread_cond_destroy(&j->cond);
    free(j);
}

int fs_jump_attach(struct fs_ssh *c, const struct fs_host *h, const struct fs_run_opts *o,
                   struct fs_jumps **own)
{
    struct fs_jumps *reg = o->jumps;
    int fd = -1, rc;
    if (!reg) {
        if ((rc = fs_jumps_new(own))) {
            fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot reach the jump host: out of memory");
            return rc;
        }
        reg = *own;
    }
    if ((rc = fs_jumps_open(reg, o, h->proxy_jump, h->address, h->port, c->limit, &fd, c->out)))
        return rc;
    if (ssh_options_set(c->s, SSH_OPTIONS_FD, &fd) < 0) {
        close(fd);
        fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot use the channel through %s: %s",
                        h->proxy_jump, ssh_get_error(c->s));
        return FS_ERR_INVAL;
    }
    return FS_OK;
}

void fs_jump_release(ssh_session s)
{
    /* libssh >= 0.10 leaves a socket given by SSH_OPTIONS_FD open at ssh_disconnect, yet
     * closes it on some connect errors: closing it here could close another thread's new fd.
     * Forgetting the option makes ssh_disconnect close it, once, by libssh's own socket state
     * (the call reports the "invalid" value it is given on purpose). */
    (void)ssh_options_set(s, SSH_OPTIONS_FD, NULL);
}
