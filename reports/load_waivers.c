/* SPDX-License-Identifier: Apache-2.0 */
/* The waiver register in results.json read back, and re-applied: a waiver edited into or out
 * of a result by hand is refused, as is a score its results do not give. */
#include "load_priv.h"
#include "../scanner/core/err.h"
#include "../scanner/core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int get_date(struct fs_load_rd *rd, json_t *o, const char *key, char out[11])
{
    const char *s;
    int rc = fs_load_get_str(rd, o, key, false, &s);
    if (rc)
        return rc;
    long days;
    if (!fs_waiver_date_days(s, &days))
        return fs_load_bad(rd, key, "not a date (YYYY-MM-DD, a calendar day)");
    memcpy(out, s, 11);
    return FS_OK;
}

static int dup_str(struct fs_load_rd *rd, json_t *o, const char *key, bool opt, char **out)
{
    const char *s;
    int rc = fs_load_get_str(rd, o, key, opt, &s);
    if (!rc && s && !(*out = strdup(s)))
        rc = FS_ERR_NOMEM;
    return rc;
}

static int get_count(struct fs_load_rd *rd, json_t *o, const char *key, long max, long *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max)
        return fs_load_bad(rd, key, "missing or not a count");
    *out = (long)json_integer_value(v);
    return FS_OK;
}

static int names(struct fs_load_rd *rd, json_t *o, const char *key, char ***out, size_t *n)
{
    json_t *arr = json_object_get(o, key);
    if (!json_is_array(arr))
        return fs_load_bad(rd, key, "missing or not an array");
    size_t len = json_array_size(arr);
    if (!(*out = calloc(len ? len : 1, sizeof **out)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < len; i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        if (!s)
            return fs_load_bad(rd, key, "not an array of strings");
        if (!((*out)[(*n)++] = strdup(s)))
            return FS_ERR_NOMEM;
    }
    return FS_OK;
}

static int applies_to(struct fs_load_rd *rd, json_t *o, struct fs_waiver *w)
{
    json_t *arr = json_object_get(o, "applies_to"), *v;
    size_t i;
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return fs_load_bad(rd, "applies_to", "missing or not a list of fail and error");
    json_array_foreach(arr, i, v)
    {
        const char *s = json_string_value(v);
        if (s && strcmp(s, "fail") == 0)
            w->waive_fail = true;
        else if (s && strcmp(s, "error") == 0)
            w->waive_error = true;
        else
            return fs_load_bad(rd, "applies_to", "not a list of fail and error");
    }
    return FS_OK;
}

static int entry(struct fs_load_rd *rd, json_t *e, struct fs_waiver *w)
{
    const char *state;
    long line = 0, matched = 0;
    int rc;
    if (!json_is_object(e))
        return fs_load_bad(rd, NULL, "not an object");
    if ((rc = get_count(rd, e, "line", 1L << 30, &line)) ||
        (rc = dup_str(rd, e, "rule", false, &w->rule)) ||
        (rc = names(rd, e, "hosts", &w->hosts, &w->nhosts)) ||
        (rc = names(rd, e, "zones", &w->zones, &w->nzones)) ||
        (rc = names(rd, e, "roles", &w->roles, &w->nroles)) ||
        (rc = dup_str(rd, e, "reason", false, &w->reason)) ||
        (rc = dup_str(rd, e, "requested_by", false, &w->requested_by)) ||
        (rc = dup_str(rd, e, "approved_by", false, &w->approved_by)) ||
        (rc = get_date(rd, e, "approved", w->approved)) ||
        (rc = get_date(rd, e, "expires", w->expires)) ||
        (rc = dup_str(rd, e, "ticket", true, &w->ticket)) ||
        (rc = dup_str(rd, e, "compensating", true, &w->compensating)) ||
        (rc = applies_to(rd, e, w)) || (rc = fs_load_get_str(rd, e, "state", false, &state)) ||
        (rc = get_count(rd, e, "matched", 1L << 30, &matched)))
        return rc;
    w->line = (int)line;
    if (fs_waiver_state_parse(state, &w->state) != FS_OK)
        return fs_load_bad(rd, "state", "not a waiver state (active, expiring, expired, pending)");
    w->matched = (unsigned)matched; /* the stored count, checked after every host */
    return FS_OK;
}

/* Noon UTC of a YYYY-MM-DD day (checked by get_date). */
static time_t day_time(const char *day)
{
    long days = 0;
    if (!fs_waiver_date_days(day, &days))
        return (time_t)-1;
    return (time_t)days * 86400 + (time_t)12 * 3600;
}

/* Judges the register again on its day; every state must come out as stored. The stored
 * matched counts are kept aside in *stored (the caller frees it). */
static int rejudge(struct fs_load_rd *rd, struct fs_waivers *w, unsigned **stored)
{
    enum fs_waiver_state *states = calloc(w->n ? w->n : 1, sizeof *states);
    int rc = FS_OK;
    if (!states || !(*stored = calloc(w->n ? w->n : 1, sizeof **stored))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < w->n; i++) {
        states[i] = w->w[i].state;
        (*stored)[i] = w->w[i].matched;
    }
    fs_waivers_judge(w, day_time(w->judged_on), w->warn_days);
    for (size_t i = 0; i < w->n; i++) {
        if (w->w[i].state != states[i]) {
            snprintf(rd->where, sizeof rd->where, "waivers.entries[%zu]", i);
            char why[160];
            snprintf(why, sizeof why, "'%s' is not what its dates give on %s ('%s')",
                     fs_waiver_state_name(states[i]), w->judged_on,
                     fs_waiver_state_name(w->w[i].state));
            rc = fs_load_bad(rd, "state", why);
            goto out;
        }
    }
out:
    free(states);
    return rc;
}

int fs_load_waivers(struct fs_load_rd *rd, json_t *doc, struct fs_loaded *l)
{
    json_t *wj = json_object_get(doc, "waivers");
    struct fs_waivers *w = NULL;
    unsigned *stored = NULL;
    const char *sha;
    long warn = 0;
    int rc;
    if (!wj || json_is_null(wj))
        return FS_OK;
    snprintf(rd->where, sizeof rd->where, "waivers");
    if (!json_is_object(wj))
        return fs_load_bad(rd, NULL, "not an object or null");
    if ((rc = fs_waivers_new(&w)) != FS_OK)
        return rc;
    json_t *entries = json_object_get(wj, "entries");
    if ((rc = dup_str(rd, wj, "file", false, &w->path)) ||
        (rc = fs_load_get_str(rd, wj, "sha256", true, &sha)) ||
        (rc = get_date(rd, wj, "judged_on", w->judged_on)) ||
        (rc = get_count(rd, wj, "warn_days", 36500, &warn)))
        goto out;
    if (sha &&
        (strlen(sha) != FS_SHA256_HEX - 1 || strspn(sha, "0123456789abcdef") != strlen(sha))) {
        rc = fs_load_bad(rd, "sha256", "not a SHA-256 in hex");
        goto out;
    }
    snprintf(w->sha256, sizeof w->sha256, "%s", sha ? sha : "");
    w->warn_days = (int)warn;
    if (!json_is_array(entries)) {
        rc = fs_load_bad(rd, "entries", "missing or not an array");
        goto out;
    }
    size_t n = json_array_size(entries);
    if (!(w->w = calloc(n ? n : 1, sizeof *w->w))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        w->n = i + 1; /* owned from here: freed with the register */
        snprintf(rd->where, sizeof rd->where, "waivers.entries[%zu]", i);
        if ((rc = entry(rd, json_array_get(entries, i), &w->w[i])))
            goto out;
    }
    if ((rc = rejudge(rd, w, &stored)))
        goto out;
    /* matched was reset by the judging: counted again as results are loaded, then compared */
    l->waivers = w;
    l->report.waivers = w;
    l->stored_matched = stored;
    stored = NULL;
    w = NULL;
out:
    free(stored);
    fs_waivers_free(w);
    return rc;
}

int fs_load_result_waiver(struct fs_load_rd *rd, json_t *rj, struct fs_waivers *w,
                          const struct fs_host *host, struct fs_rule_result *rr)
{
    json_t *v = json_object_get(rj, "waiver");
    long line = 0;
    if (v && !json_is_null(v)) {
        if (!json_is_object(v))
            return fs_load_bad(rd, "waiver", "not an object or null");
        int rc = get_count(rd, v, "line", 1L << 30, &line);
        if (rc)
            return rc;
    }
    const struct fs_waiver *m =
        w ? fs_waivers_match(w, host, rr->rule->xccdf_id, rr->result) : NULL;
    if ((m ? m->line : 0) != line) {
        char why[160];
        if (m)
            snprintf(why, sizeof why, "the register's entry at line %d applies to this result",
                     m->line);
        else
            snprintf(why, sizeof why, "no entry of the register applies to this result");
        return fs_load_bad(rd, "waiver", why);
    }
    if (m) {
        rr->waiver = m;
        w->w[m - w->w].matched++;
    }
    return FS_OK;
}

int fs_load_waivers_check(struct fs_load_rd *rd, const struct fs_loaded *l)
{
    for (size_t i = 0; l->waivers && i < l->waivers->n; i++) {
        if (l->waivers->w[i].matched != l->stored_matched[i]) {
            snprintf(rd->where, sizeof rd->where, "waivers.entries[%zu]", i);
            char why[120];
            snprintf(why, sizeof why, "%u, but the results show %u waived by it",
                     l->stored_matched[i], l->waivers->w[i].matched);
            return fs_load_bad(rd, "matched", why);
        }
    }
    return FS_OK;
}
