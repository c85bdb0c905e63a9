/* SPDX-License-Identifier: Apache-2.0 */
/* scan and the history store (scan_history.h). */
#include "scan_history.h"

#include "../reports/drift.h"
#include "core/err.h"
#include "core/limits.h"
#include "run_meta.h"

#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void fs_scan_history_open(struct fs_scan_history *h, const char *db, bool disabled)
{
    memset(h, 0, sizeof *h);
    fs_buf_init(&h->warning, FS_ERRBUF_MAX);
    fs_buf_init(&h->note, FS_ERRBUF_MAX);
    h->enabled = !disabled;
    if (disabled)
        return;
    char def[4096];
    if (db)
        fs_db_redact(db, h->where, sizeof h->where);
    else if (fs_store_default_path(def, sizeof def) == FS_OK)
        snprintf(h->where, sizeof h->where, "%s", def);
    if (fs_store_open(&h->store, db, true, &h->warning) != FS_OK)
        h->store = NULL;
}

/* One host of the previous run, compared as it is loaded (then let go by the store). */
static int feed(void *ud, const struct fs_loaded *l, const struct fs_host_result *host)
{
    (void)l;
    return fs_drift_feed(ud, host);
}

int fs_history_compare(struct fs_store *s, const struct fs_report *rep,
                       struct fs_stored_run *prev_run, struct fs_drift **drift, struct fs_buf *err)
{
    struct fs_run_ref prev = {0};
    struct fs_drift_stream *st = NULL;
    struct fs_loaded *top = NULL;
    int rc = fs_store_find_previous(s, rep->started, rep->stored ? rep->stored->id : INT64_MAX,
                                    rep->hosts, rep->n, &prev, err);
    if (!rc)
        rc = fs_drift_begin(rep, &st);
    if (!rc)
        rc = fs_store_each_host(s, &prev, NULL, NULL, feed, st, &top, err);
    if (!rc) {
        prev_run->id = prev.first_id;
        snprintf(prev_run->label, sizeof prev_run->label, "%s", prev.label);
        top->report.stored = prev_run;
        rc = fs_drift_finish(st, &top->report, drift);
        st = NULL;
    }
    fs_drift_stream_free(st);
    fs_loaded_free(top);
    if (rc && rc != FS_ERR_NOTFOUND && !err->len)
        fs_buf_try_addf(err, "run %s: %s", prev.label, fs_strerror(rc));
    return rc;
}

/* Since the last audit: the previous stored run of these hosts, compared with this one. */
static void compare(struct fs_scan_history *h, struct fs_report *rep)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    /* the previous run comes a host at a time and the drift owns copies of what it shows:
     * the previous run is never held whole */
    int rc = fs_history_compare(h->store, rep, &h->prev_run, &h->drift, &err);
    if (!rc)
        rep->drift = h->drift;
    else if (rc != FS_ERR_NOTFOUND) /* not found: the first audit of these hosts */
        fs_buf_try_addf(&h->note, "not compared with the previous run: %s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
}

void fs_scan_history_record(struct fs_scan_history *h, struct fs_report *rep,
                            struct fs_host_result *results, const char *label, const char *shard,
                            const char *waivers_sha256)
{
    if (!h->store)
        return;
    struct fs_buf err, cmd;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    fs_buf_init(&cmd, (size_t)64 * 1024);
    char operator_name[256];
    fs_run_meta_operator(operator_name, sizeof operator_name);
    if (fs_run_meta_command_line(&cmd) != FS_OK)
        fs_buf_reset(&cmd);
    if (fs_store_failing_since(h->store, results, rep->n, rep->started, &err) != FS_OK) {
        fs_buf_try_addf(&h->warning, "%s", fs_buf_cstr(&err));
        goto out;
    }
    struct fs_run_meta m = {.label = label,
                            .shard = shard,
                            .source = "scan",
                            .operator_name = operator_name,
                            .command_line = fs_buf_cstr(&cmd),
                            .waivers_sha256 = waivers_sha256};
    if (fs_store_save(h->store, rep, &m, &h->run, &err) != FS_OK) {
        fs_buf_try_addf(&h->warning, "%s", fs_buf_cstr(&err));
        /* failing since without a stored run would point at nothing the store holds */
        for (size_t i = 0; i < rep->n; i++)
            for (size_t k = 0; k < results[i].nresults; k++)
                results[i].results[k].failing_since[0] = '\0';
        goto out;
    }
    h->stored = true;
    rep->stored = &h->run;
    compare(h, rep);
out:
    fs_buf_dispose(&err);
    fs_buf_dispose(&cmd);
}

/* prefix, then text (a database's message, a label from the store) as printable text. */
static void say(FILE *out, const char *prefix, const char *text)
{
    char *p = fs_printable_dup(text);
    fprintf(out, "%s%s\n", prefix, p ? p : "(out of memory)");
    free(p);
}

void fs_scan_history_warn(const struct fs_scan_history *h, FILE *out, const char *prefix)
{
    say(out, prefix, h->warning.len ? fs_buf_cstr(&h->warning) : "no store");
}

void fs_scan_history_print(const struct fs_scan_history *h, FILE *out)
{
    if (!h->enabled)
        return;
    if (!h->stored) {
        fs_scan_history_warn(h, out, "warning: history not stored: ");
        return;
    }
    fprintf(out, "History: stored as run %" PRId64 " (%s) in %s\n", h->run.id, h->run.label,
            h->where);
    const struct fs_drift *d = h->drift;
    if (!d) {
        if (h->note.len)
            say(out, "History: ", fs_buf_cstr(&h->note));
        return;
    }
    /* the previous run's label and time come from the store, which other sites write too */
    char *label = fs_printable_dup(h->prev_run.label), *started = fs_printable_dup(d->a.started);
    fprintf(out,
            "Since run %" PRId64 " (%s, %s): %zu new failure%s, %zu fixed, %zu to or from error, "
            "%zu new and %zu vanished host%s (floorscan diff)\n",
            h->prev_run.id, label ? label : "?", started ? started : "?", d->n_new_failures,
            d->n_new_failures == 1 ? "" : "s", d->n_fixed, d->n_errors, d->n_new_hosts,
            d->n_vanished_hosts, d->n_vanished_hosts == 1 ? "" : "s");
    free(label);
    free(started);
}

void fs_scan_history_dispose(struct fs_scan_history *h)
{
    fs_drift_free(h->drift);
    fs_buf_dispose(&h->note);
    h->drift = NULL;
    fs_store_close(h->store);
    fs_buf_dispose(&h->warning);
    h->store = NULL;
}
