/* SPDX-License-Identifier: Apache-2.0 */
/* The waiver members of results.json: the register applied, and the waiver on each result. */
#include "json_priv.h"

#include <stdlib.h>

static json_t *names(char *const *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        if (json_array_append_new(arr, fs_json_text(v[i])) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

json_t *fs_json_waiver_ref(const struct fs_waiver *w)
{
    if (!w)
        return json_null();
    return json_pack("{s:i, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:s}", "line", w->line, "rule",
                     fs_json_text(w->rule), "reason", fs_json_text(w->reason), "requested_by",
                     fs_json_text(w->requested_by), "approved_by", fs_json_text(w->approved_by),
                     "approved", w->approved, "expires", w->expires, "ticket",
                     fs_json_text(w->ticket), "compensating", fs_json_text(w->compensating),
                     "state", fs_waiver_state_name(w->state));
}

static json_t *entry(const struct fs_waiver *w)
{
    json_t *applies = json_array();
    if (applies && w->waive_fail)
        json_array_append_new(applies, json_string("fail"));
    if (applies && w->waive_error)
        json_array_append_new(applies, json_string("error"));
    return json_pack(
        "{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:s, s:i}", "line",
        w->line, "rule", fs_json_text(w->rule), "hosts", names(w->hosts, w->nhosts), "zones",
        names(w->zones, w->nzones), "roles", names(w->roles, w->nroles), "reason",
        fs_json_text(w->reason), "requested_by", fs_json_text(w->requested_by), "approved_by",
        fs_json_text(w->approved_by), "approved", w->approved, "expires", w->expires, "ticket",
        fs_json_text(w->ticket), "compensating", fs_json_text(w->compensating), "applies_to",
        applies, "state", fs_waiver_state_name(w->state), "matched", (int)w->matched);
}

json_t *fs_json_waivers(const struct fs_waivers *w)
{
    if (!w)
        return json_null();
    json_t *entries = json_array();
    for (size_t i = 0; entries && i < w->n; i++) {
        if (json_array_append_new(entries, entry(&w->w[i])) != 0) {
            json_decref(entries);
            return NULL;
        }
    }
    return json_pack("{s:o, s:o, s:o, s:s, s:i, s:o}", "file", fs_json_text(w->path), "path",
                     fs_json_text(w->path), "sha256",
                     w->sha256[0] ? json_string(w->sha256) : json_null(), "judged_on", w->judged_on,
                     "warn_days", w->warn_days, "entries", entries);
}
