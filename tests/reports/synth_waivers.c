/* SPDX-License-Identifier: Apache-2.0 */
/* A waiver register built by hand for report.html's tests (see synth_waivers.h). */
#include "synth_waivers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **list1(const char *s, size_t *n)
{
    char **v = calloc(1, sizeof *v);
    if (v && !(v[0] = strdup(s))) {
        free(v);
        v = NULL;
    }
    *n = v ? 1 : 0;
    return v;
}

static void list_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void synth_waivers_free(struct fs_waivers *ws)
{
    if (!ws)
        return;
    for (size_t i = 0; i < ws->n; i++) {
        struct fs_waiver *w = &ws->w[i];
        free(w->rule);
        list_free(w->hosts, w->nhosts);
        list_free(w->zones, w->nzones);
        list_free(w->roles, w->nroles);
        free(w->reason);
        free(w->requested_by);
        free(w->approved_by);
        free(w->ticket);
        free(w->compensating);
    }
    free(ws->w);
    free(ws->path);
    free(ws);
}

/* The first result of host i with status st (and, for fail, a weight in the score). */
static struct fs_rule_result *first(struct synth_fleet *f, size_t i, enum fs_result st)
{
    for (size_t k = 0; i < f->report.n && k < f->results[i].nresults; k++) {
        struct fs_rule_result *rr = &f->results[i].results[k];
        if (rr->result == st && (st != FS_RESULT_FAIL || rr->rule->severity >= FS_SEV_LOW))
            return rr;
    }
    return NULL;
}

static int set(struct fs_waiver *w, int line, const char *rule, const char *reason,
               const char *approved, const char *expires, enum fs_waiver_state state)
{
    w->line = line;
    w->rule = strdup(rule);
    w->reason = strdup(reason);
    w->requested_by = strdup(SYNTH_WAIVER_REQUESTER);
    w->approved_by = strdup(SYNTH_WAIVER_APPROVER);
    snprintf(w->approved, sizeof w->approved, "%s", approved);
    snprintf(w->expires, sizeof w->expires, "%s", expires);
    w->waive_fail = true;
    w->state = state;
    return w->rule && w->reason && w->requested_by && w->approved_by ? 0 : -1;
}

struct fs_waivers *synth_waivers_apply(struct synth_fleet *f)
{
    struct fs_rule_result *fail = first(f, 0, FS_RESULT_FAIL);
    struct fs_rule_result *error = first(f, 2, FS_RESULT_ERROR);
    struct fs_waivers *ws = calloc(1, sizeof *ws);
    if (!fail || !error || !ws) {
        free(ws);
        return NULL;
    }
    ws->path = strdup("/etc/floorscan/waivers.yml");
    snprintf(ws->sha256, sizeof ws->sha256, "%s",
             "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    snprintf(ws->judged_on, sizeof ws->judged_on, "2026-11-29");
    ws->warn_days = FS_WAIVER_WARN_DAYS;
    ws->w = calloc(SYNTH_W_COUNT, sizeof *ws->w);
    if (!ws->path || !ws->w)
        goto fail;
    ws->n = SYNTH_W_COUNT;
    struct fs_waiver *w = ws->w;
    int rc = set(&w[SYNTH_W_ACTIVE], 3, fail->rule->short_id, SYNTH_WAIVER_REASON, "2026-10-01",
                 SYNTH_WAIVER_EXPIRES, FS_WAIVER_ACTIVE);
    w[SYNTH_W_ACTIVE].hosts = list1(f->results[0].host->name, &w[SYNTH_W_ACTIVE].nhosts);
    w[SYNTH_W_ACTIVE].ticket = strdup("CAPA-2026-041");
    w[SYNTH_W_ACTIVE].compensating = strdup("Line isolated on its own VLAN; weekly log review");
    rc |= set(&w[SYNTH_W_EXPIRED], 12, "ssh_*", "Old line, replaced in October", "2026-01-10",
              "2026-11-01", FS_WAIVER_EXPIRED);
    w[SYNTH_W_EXPIRED].zones = list1("zone-a", &w[SYNTH_W_EXPIRED].nzones);
    rc |= set(&w[SYNTH_W_EXPIRING], 20, error->rule->short_id, "Probe needs a newer agent",
              "2026-09-15", "2026-12-10", FS_WAIVER_EXPIRING);
    w[SYNTH_W_EXPIRING].waive_fail = false;
    w[SYNTH_W_EXPIRING].waive_error = true;
    w[SYNTH_W_EXPIRING].hosts = list1(f->results[2].host->name, &w[SYNTH_W_EXPIRING].nhosts);
    rc |= set(&w[SYNTH_W_PENDING], 29, "usb_*", "Awaiting the change board", "2026-12-15",
              "2027-06-30", FS_WAIVER_PENDING);
    w[SYNTH_W_PENDING].roles = list1("build-server", &w[SYNTH_W_PENDING].nroles);
    rc |= set(&w[SYNTH_W_UNUSED], 37, "legacy_rule_renamed", "Superseded by a new rule",
              "2026-05-01", "2027-05-01", FS_WAIVER_ACTIVE);
    w[SYNTH_W_UNUSED].hosts = list1("all", &w[SYNTH_W_UNUSED].nhosts);
    if (rc || !w[SYNTH_W_ACTIVE].hosts || !w[SYNTH_W_ACTIVE].ticket ||
        !w[SYNTH_W_ACTIVE].compensating || !w[SYNTH_W_EXPIRED].zones ||
        !w[SYNTH_W_EXPIRING].hosts || !w[SYNTH_W_PENDING].roles || !w[SYNTH_W_UNUSED].hosts)
        goto fail;
    fail->waiver = &w[SYNTH_W_ACTIVE];
    w[SYNTH_W_ACTIVE].matched = 1;
    error->waiver = &w[SYNTH_W_EXPIRING];
    w[SYNTH_W_EXPIRING].matched = 1;
    fs_score_host(&f->results[0]);
    fs_score_host(&f->results[2]);
    f->report.waivers = ws;
    return ws;
fail:
    synth_waivers_free(ws);
    return NULL;
}
