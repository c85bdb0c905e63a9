/* SPDX-License-Identifier: Apache-2.0 */
/* SSH transport (libssh): strict host-key verification, key files then the agent, one
 * session and one exec channel per host that runs the collector fed on stdin. The session is
 * non-blocking: every wait is bounded by the host's deadline (ssh_wait.c). */
#include "ssh_session.h"
#include "../core/err.h"
#include "../core/util.h"
#include "jump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int set_options(struct fs_ssh *c, const struct fs_host *h, const struct fs_run_opts *o)
{
    ssh_session s = c->s;
    /* The address: checked here too, not only by the inventory, and not left to libssh. */
    if (!h->address || !fs_host_address_valid(h->address, strlen(h->address))) {
        fs_run_out_fail(c->out, FS_HOST_ERROR,
                        "host '%s': address '%s' is not a host name or IP address", h->name,
                        h->address ? h->address : "");
        return FS_ERR_INVAL;
    }
    if (h->port < 1 || h->port > 65535) {
        fs_run_out_fail(c->out, FS_HOST_ERROR, "host '%s': port %d is not in 1-65535", h->name,
                        h->port);
        return FS_ERR_INVAL;
    }
    if (h->proxy_jump && !fs_proxy_jump_valid(h->proxy_jump)) {
        fs_run_out_fail(c->out, FS_HOST_ERROR,
                        "host '%s': ProxyJump '%s' is not [user@]host[:port]", h->name,
                        h->proxy_jump);
        return FS_ERR_INVAL;
    }
    unsigned int port = (unsigned int)h->port;
    int one = 1;
    bool no = false;
    long timeout = o->timeout_s; /* a backstop only: the session does not block */
    if (ssh_options_set(s, SSH_OPTIONS_HOST, h->address) < 0 ||
        ssh_options_set(s, SSH_OPTIONS_PORT, &port) < 0 ||
        ssh_options_set(s, SSH_OPTIONS_NODELAY, &one) < 0 ||
        ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout) < 0 ||
        ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no) < 0 ||
        (h->user && ssh_options_set(s, SSH_OPTIONS_USER, h->user) < 0) ||
        (o->known_hosts && ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, o->known_hosts) < 0)) {
        fs_run_out_fail(c->out, FS_HOST_ERROR, "invalid SSH options: %s", ssh_get_error(s));
        return FS_ERR_INVAL;
    }
    return FS_OK;
}

/* Through a jump host, the connect phase also covers the bastion and the channel. */
static int connect_host(struct fs_ssh *c, const struct fs_host *h, const struct fs_run_opts *o,
                        struct fs_jumps **own)
{
    fs_ssh_phase(c, "connect");
    long long handshake_by = fs_now_ms() + (long long)c->connect_timeout_s * 1000;
    if (handshake_by < c->limit)
        c->limit = handshake_by;
    int r;
    if (h->proxy_jump && (r = fs_jump_attach(c, h, o, own)))
        return r;
    while ((r = ssh_connect(c->s)) == SSH_AGAIN) {
        int rc = fs_ssh_wait(c);
        if (rc)
            return rc;
    }
    if (r != SSH_OK) {
        fs_run_out_fail(c->out, FS_HOST_UNREACHABLE, "cannot connect to %s port %d%s%s: %s",
                        h->address, h->port, h->proxy_jump ? " through bastion " : "",
                        h->proxy_jump ? h->proxy_jump : "", ssh_get_error(c->s));
        return FS_ERR_CONNECT;
    }
    return FS_OK;
}

/* The collect phase (and its budget) starts with the channel. */
static int start_collector(struct fs_ssh *c, ssh_channel ch, const char *cmd)
{
    fs_ssh_phase(c, "collect");
    int r, rc;
    while ((r = ssh_channel_open_session(ch)) == SSH_AGAIN)
        if ((rc = fs_ssh_wait(c)))
            return rc;
    if (r == SSH_OK)
        while ((r = ssh_channel_request_exec(ch, cmd)) == SSH_AGAIN)
            if ((rc = fs_ssh_wait(c)))
                return rc;
    if (r != SSH_OK) {
        fs_run_out_fail(c->out, FS_HOST_ERROR, "cannot start the collector: %s",
                        ssh_get_error(c->s));
        return FS_ERR_REMOTE;
    }
    c->out->collecting = true;
    return FS_OK;
}

/* Reads what the channel holds without waiting: stdout into out (capped), stderr's first
 * bytes into err. Sets *progress when anything arrived. */
static int drain(struct fs_ssh *c, ssh_channel ch, const struct fs_run_opts *o, bool *progress)
{
    char buf[32768];
    struct fs_run_out *out = c->out;
    int n = ssh_channel_read_nonblocking(ch, buf, sizeof buf, 0);
    if (n == SSH_ERROR) {
        fs_run_out_fail(out, FS_HOST_ERROR, "connection lost while collecting: %s",
                        ssh_get_error(c->s));
        return FS_ERR_REMOTE;
    }
    if (n > 0) {
        *progress = true;
        size_t room = out->out.max - out->out.len;
        int rc = fs_buf_add(&out->out, buf, (size_t)n < room ? (size_t)n : room);
        if (rc) {
            fs_run_out_fail(out, FS_HOST_ERROR, "cannot keep the collector output: %s",
                            fs_strerror(rc));
            return rc;
        }
        if ((size_t)n > room) {
            fs_run_out_fail(out, FS_HOST_ERROR, "collector output exceeded %zu bytes",
                            o->max_output);
            return FS_ERR_LIMIT;
        }
    }
    int m = ssh_channel_read_nonblocking(ch, buf, sizeof buf, 1);
    if (m > 0) {
        *progress = true;
        size_t room = out->err.max - out->err.len;
        /* stderr is a diagnostic, cut at its cap: what cannot be kept (no memory) is dropped */
        fs_best_effort(fs_buf_add(&out->err, buf, (size_t)m < room ? (size_t)m : room));
    }
    return FS_OK;
}

/* Feeds the script and reads the output at the same time (a collector that writes a lot
 * before reading all of its stdin cannot deadlock us), until EOF and the exit status. */
static int collect(struct fs_ssh *c, ssh_channel ch, const struct fs_run_opts *o,
                   const char *script, size_t len)
{
    size_t written = 0;
    bool writing = true, eof_sent = false;
    int rc;
    for (;;) {
        bool progress = false;
        if (writing && written < len) {
            size_t chunk = len - written < 65536 ? len - written : 65536;
            int w = ssh_channel_write(ch, script + written, (uint32_t)chunk);
            if (w < 0)
                writing = false; /* the remote side stopped reading (e.g. sudo refused) */
            else if (w > 0) {
                written += (size_t)w;
                progress = true;
            }
        }
        if (!eof_sent && (!writing || written == len)) {
            ssh_channel_send_eof(ch);
            eof_sent = true;
        }
        if ((rc = drain(c, ch, o, &progress)))
            goto cut;
        if (!progress && ssh_channel_is_eof(ch))
            break;
        /* a host that keeps sending is still held to its time and to a cancel */
        if ((rc = progress ? fs_ssh_check(c) : fs_ssh_wait(c)))
            goto cut;
    }
    int st;
    while ((st = ssh_channel_get_exit_status(ch)) == -1 && !ssh_channel_is_closed(ch) &&
           ssh_is_connected(c->s))
        if ((rc = fs_ssh_wait(c)))
            return rc;
    c->out->exit_status = st;
    return FS_OK;
cut:
    c->out->cut = true;
    return rc;
}

static int ssh_run(const struct fs_host *h, const struct fs_run_opts *o, const char *cmd,
                   const char *script, size_t len, struct fs_run_out *out)
{
    struct fs_ssh c = {.out = out,
                       .deadline = fs_now_ms() + (long long)o->timeout_s * 1000,
                       .timeout_s = o->timeout_s,
                       .connect_timeout_s = o->connect_timeout_s,
                       .auth_timeout_s = o->auth_timeout_s,
                       .collect_timeout_s = o->collect_timeout_s,
                       .cancel = o->cancel,
                       .address = h->address,
                       .port = h->port};
    struct ssh_callbacks_struct cb;
    ssh_channel ch = NULL;
    struct fs_jumps *own_jumps = NULL; /* a bastion session for this host alone (no registry) */
    int rc;
    if (!(c.s = ssh_new())) {
        fs_run_out_fail(out, FS_HOST_ERROR, "cannot create an SSH session");
        return FS_ERR_NOMEM;
    }
    fs_ssh_no_prompt_callbacks(&c, &cb);
    ssh_set_blocking(c.s, 0);
    if ((rc = set_options(&c, h, o)) || (rc = connect_host(&c, h, o, &own_jumps)))
        goto out;
    fs_ssh_phase(&c, "connect"); /* host key: what is left of the host's time */
    if ((rc = fs_ssh_verify_host_key(&c, o)))
        goto out;
    fs_ssh_phase(&c, "auth");
    if ((rc = fs_ssh_authenticate(&c, h, o)))
        goto out;
    if (!(ch = ssh_channel_new(c.s))) {
        fs_run_out_fail(out, FS_HOST_ERROR, "cannot create an SSH channel");
        rc = FS_ERR_NOMEM;
        goto out;
    }
    if ((rc = start_collector(&c, ch, cmd)))
        goto out;
    rc = collect(&c, ch, o, script, len);
out:
    /* Close waits for nothing (non-blocking like the rest): a peer that stops reading
     * cannot hold us here. */
    if (ch) {
        ssh_channel_close(ch);
        ssh_channel_free(ch);
    }
    if (h->proxy_jump)
        fs_jump_release(c.s);
    ssh_disconnect(c.s);
    ssh_free(c.s);
    fs_jumps_free(own_jumps);
    return rc;
}

const struct fs_transport fs_transport_ssh = {"ssh", ssh_run};
