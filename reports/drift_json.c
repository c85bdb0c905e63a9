/* SPDX-License-Identifier: Apache-2.0 */
/* Drift as JSON: `floorscan diff --json` and the "drift" summary of results.json. */
#include "drift.h"
#include "json_priv.h"

#include <jansson.h>
#include <math.h>

static json_t *side_json(const struct fs_drift_side *s)
{
    return json_pack("{s:o, s:o, s:o}", "run", s->stored ? json_integer(s->id) : json_null(),
                     "label", s->stored ? fs_json_text(s->label) : json_null(), "started",
                     s->started[0] ? json_string(s->started) : json_null());
}

static json_t *opt_time(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *rule_json(const struct fs_drift_rule *e)
{
    return json_pack("{s:o, s:o, s:s, s:o, s:s, s:o, s:o, s:b, s:o}", "host", fs_json_text(e->host),
                     "rule", fs_json_text(e->rule), "severity", fs_severity_name(e->severity),
                     "old_status",
                     e->has_old ? json_string(fs_result_name(e->old_status)) : json_null(),
                     "new_status", fs_result_name(e->new_status), "old_evidence",
                     e->has_old ? fs_json_text(e->old_evidence) : json_null(), "new_evidence",
                     fs_json_text(e->new_evidence), "waived", e->waived, "failing_since",
                     opt_time(e->failing_since));
}

/* A host that changed status. */
static json_t *host_json(const struct fs_drift_host *e)
{
    return json_pack("{s:o, s:s, s:s, s:o}", "host", fs_json_text(e->name), "old_status",
                     fs_host_status_name(e->old_status), "new_status",
                     fs_host_status_name(e->new_status), "error", fs_json_text(e->error));
}

/* A host in one run only: its status there. */
static json_t *one_host_json(const struct fs_drift_host *e)
{
    return json_pack("{s:o, s:s, s:o}", "host", fs_json_text(e->name), "status",
                     fs_host_status_name(e->new_status), "error", fs_json_text(e->error));
}

static json_t *waiver_json(const struct fs_drift_waiver *e)
{
    return json_pack("{s:o, s:o, s:i, s:o, s:s, s:o}", "host", fs_json_text(e->host), "rule",
                     fs_json_text(e->rule), "line", e->line, "waiver_rule",
                     fs_json_text(e->pattern), "expires", e->expires, "new_status",
                     e->host ? json_string(fs_result_name(e->new_status)) : json_null());
}

static json_t *num(bool has, double v)
{
    return has ? json_real(round(v * 10.0) / 10.0) : json_null();
}

static json_t *delta(bool ha, double a, bool hb, double b)
{
    return ha && hb ? json_real(round(b * 10.0) / 10.0 - round(a * 10.0) / 10.0) : json_null();
}

static json_t *score_json(const struct fs_drift_score *e)
{
    json_t *o = json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o}", "old_score", num(e->has_old, e->old_score), "new_score",
        num(e->has_new, e->new_score), "delta",
        delta(e->has_old, e->old_score, e->has_new, e->new_score), "old_score_unwaived",
        num(e->has_old_unwaived, e->old_unwaived), "new_score_unwaived",
        num(e->has_new_unwaived, e->new_unwaived), "delta_unwaived",
        delta(e->has_old_unwaived, e->old_unwaived, e->has_new_unwaived, e->new_unwaived));
    if (o && e->host && json_object_set_new(o, "host", fs_json_text(e->host)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* An array of the n elements of v (each sz bytes) made by f; NULL when one cannot be made. */
static json_t *list(json_t *(*f)(const void *), const void *v, size_t n, size_t sz)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        if (json_array_append_new(arr, f((const char *)v + i * sz)) != 0) {
            json_decref(arr);
            arr = NULL;
        }
    }
    return arr;
}

static json_t *rule_el(const void *e)
{
    return rule_json(e);
}

static json_t *host_el(const void *e)
{
    return host_json(e);
}

static json_t *one_host_el(const void *e)
{
    return one_host_json(e);
}

static json_t *waiver_el(const void *e)
{
    return waiver_json(e);
}

static json_t *score_el(const void *e)
{
    return score_json(e);
}

#define LIST(f, v, n) list(f, v, n, sizeof *(v))

json_t *fs_drift_json(const struct fs_drift *d)
{
    return json_pack(
        "{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:I}",
        "schema", "floorscan-diff/1", "a", side_json(&d->a), "b", side_json(&d->b), "new_failures",
        LIST(rule_el, d->new_failures, d->n_new_failures), "fixed",
        LIST(rule_el, d->fixed, d->n_fixed), "error_changes", LIST(rule_el, d->errors, d->n_errors),
        "evidence_changed", LIST(rule_el, d->evidence, d->n_evidence), "new_hosts",
        LIST(one_host_el, d->new_hosts, d->n_new_hosts), "vanished_hosts",
        LIST(one_host_el, d->vanished_hosts, d->n_vanished_hosts), "host_status_changes",
        LIST(host_el, d->host_status, d->n_host_status), "expired_waivers",
        LIST(waiver_el, d->expired_waivers, d->n_expired_waivers), "scores",
        LIST(score_el, d->scores, d->n_scores), "fleet_score", score_json(&d->fleet),
        "hosts_compared", (json_int_t)d->hosts_compared, "still_failing",
        (json_int_t)d->still_failing, "regression_count", (json_int_t)fs_drift_regressions(d));
}

json_t *fs_drift_json_summary(const struct fs_drift *d)
{
    return json_pack(
        "{s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "compared_with",
        side_json(&d->a), "new_failures", (json_int_t)d->n_new_failures, "fixed",
        (json_int_t)d->n_fixed, "error_changes", (json_int_t)d->n_errors, "evidence_changed",
        (json_int_t)d->n_evidence, "new_hosts", (json_int_t)d->n_new_hosts, "vanished_hosts",
        (json_int_t)d->n_vanished_hosts, "host_status_changes", (json_int_t)d->n_host_status,
        "expired_waivers", (json_int_t)d->n_expired_waivers, "still_failing",
        (json_int_t)d->still_failing, "hosts_compared", (json_int_t)d->hosts_compared,
        "fleet_score", score_json(&d->fleet));
}
