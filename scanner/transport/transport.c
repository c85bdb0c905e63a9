/* SPDX-License-Identifier: Apache-2.0 */
/* The transport registry and shared helpers. */
#include "transport.h"
#include "../core/limits.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sorted by name (a unit test keeps it so). */
static const struct fs_transport *const transports[] = {&fs_transport_local, &fs_transport_ssh};

const struct fs_transport *fs_transport_find(const char *name)
{
    size_t lo = 0, hi = sizeof transports / sizeof transports[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, transports[mid]->name);
        if (c == 0)
            return transports[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct fs_transport *fs_transport_for(const struct fs_host *h)
{
    return fs_transport_find(h->local ? "local" : "ssh");
}

void fs_run_out_init(struct fs_run_out *o, size_t max_output)
{
    memset(o, 0, sizeof *o);
    fs_buf_init(&o->out, max_output);
    fs_buf_init(&o->err, FS_HOST_STDERR_MAX);
    o->exit_status = -1;
    o->status = FS_HOST_SCANNED;
}

void fs_run_out_dispose(struct fs_run_out *o)
{
    fs_buf_dispose(&o->out);
    fs_buf_dispose(&o->err);
}

/* The reason reaches the terminal and every report: it often quotes the server (ssh_get_error
 * holds banners and disconnect messages) or the inventory, so it is made printable here, once,
 * for every transport. Line breaks become spaces (one line), other bytes \xNN. */
void fs_run_out_fail(struct fs_run_out *o, enum fs_host_status st, const char *fmt, ...)
{
    char raw[sizeof o->reason];
    struct fs_buf esc;
    fs_buf_init(&esc, 4 * sizeof raw);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof raw ? (size_t)n : sizeof raw - 1;
    for (size_t i = 0; i < len; i++)
        if (raw[i] == '\n' || raw[i] == '\r')
            raw[i] = ' ';
    /* sized for the escapes: only no memory fails, and the reason is then empty */
    fs_best_effort(fs_buf_add_printable_cut(&esc, raw, len, NULL));
    /* Cut to fit: an escape cut short is still printable text. */
    size_t keep = esc.len < sizeof o->reason ? esc.len : sizeof o->reason - 1;
    memcpy(o->reason, fs_buf_cstr(&esc), keep);
    o->reason[keep] = '\0';
    fs_buf_dispose(&esc);
    o->status = st;
}

const char *fs_transport_command(const struct fs_host *h, bool login_is_root)
{
    return h->become && !login_is_root ? "sudo -n sh -s" : "sh -s";
}

bool fs_run_cancelled(const struct fs_run_opts *o)
{
    return o->cancel && atomic_load(o->cancel);
}

void fs_run_out_cancelled(struct fs_run_out *out)
{
    fs_run_out_fail(out, FS_HOST_NOT_SCANNED, "scan interrupted");
    out->cut = true;
}
