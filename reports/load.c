/* SPDX-License-Identifier: Apache-2.0 */
/* results.json back into a struct fs_report (see load.h). */
#include "load.h"
#include "load_priv.h"
#include "drift.h"
#include "../scanner/core/err.h"
#include "../scanner/core/limits.h"
#include "../scanner/core/util.h"
#include "../scanner/zones/fleet.h"
#include "../scanner/zones/flows.h"
#include "../scanner/zones/site.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FS_RESULTS_SCHEMA "floorscan-results/1"

int fs_load_bad(struct fs_load_rd *rd, const char *key, const char *why)
{
    fs_buf_reset(rd->err);
    if (!*rd->where && !key) /* the document itself */
        fs_buf_try_addf(rd->err, "%s: %s", rd->file, why);
    else
        fs_buf_try_addf(rd->err, "%s: %s%s%s: %s", rd->file, rd->where,
                        *rd->where && key ? "." : "", key ? key : "", why);
    return FS_ERR_PARSE;
}

int fs_load_get_str(struct fs_load_rd *rd, json_t *o, const char *key, bool opt, const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (opt && (!v || json_is_null(v)))
        return FS_OK;
    if (!json_is_string(v))
        return fs_load_bad(rd, key, v ? "not a string" : "missing");
    *out = json_string_value(v);
    return FS_OK;
}

static int get_bool(struct fs_load_rd *rd, json_t *o, const char *key, bool *out)
{
    json_t *v = json_object_get(o, key);
    if (!v) {
        *out = false; /* written by floorscan 0.2.0 before the member existed */
        return FS_OK;
    }
    if (!json_is_boolean(v))
        return fs_load_bad(rd, key, "not true or false");
    *out = json_is_true(v);
    return FS_OK;
}

/* Seconds, or null/absent (before floorscan measured the device's cost): *has says which. */
static int get_seconds(struct fs_load_rd *rd, json_t *o, const char *key, bool *has, double *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return FS_OK;
    double d = json_number_value(v);
    if (!json_is_number(v) || !(d >= 0 && d < 1e9))
        return fs_load_bad(rd, key, "not a number of seconds or null");
    *has = true;
    *out = d;
    return FS_OK;
}

static int dup_opt(struct fs_load_rd *rd, json_t *o, const char *key, char **out)
{
    const char *s;
    int rc = fs_load_get_str(rd, o, key, true, &s);
    if (!rc && s && !(*out = strdup(s)))
        rc = FS_ERR_NOMEM;
    return rc;
}

static int copy_time(struct fs_load_rd *rd, json_t *o, const char *key, char *out, size_t n)
{
    const char *s;
    int rc = fs_load_get_str(rd, o, key, true, &s);
    if (rc || !s)
        return rc;
    if (strlen(s) >= n)
        return fs_load_bad(rd, key, "not an RFC 3339 time");
    memcpy(out, s, strlen(s) + 1);
    return FS_OK;
}

static int check_digest(struct fs_load_rd *rd, const char *what, const char *path, const char *want)
{
    char got[FS_SHA256_HEX];
    if (fs_sha256_file(path, got) != FS_OK) {
        fs_buf_reset(rd->err);
        fs_buf_try_addf(rd->err, "%s: cannot read the %s %s it names: %s", rd->file, what, path,
                        strerror(errno));
        return FS_ERR_IO;
    }
    if (strcmp(got, want) != 0) {
        fs_buf_reset(rd->err);
        fs_buf_try_addf(
            rd->err, "%s: the %s %s has changed since the scan (SHA-256 %s, the results name %s)",
            rd->file, what, path, got, want);
        return FS_ERR_PARSE;
    }
    return FS_OK;
}

/* The gate of the scan ("gate": {fail_under, fail_on}); absent in files of older scans. */
static int load_gate(struct fs_load_rd *rd, json_t *doc, struct fs_loaded *l)
{
    json_t *g = json_object_get(doc, "gate");
    if (!g || json_is_null(g))
        return FS_OK;
    if (!json_is_object(g))
        return fs_load_bad(rd, "gate", "not an object");
    json_t *fu = json_object_get(g, "fail_under"), *fo = json_object_get(g, "fail_on");
    if (fu && !json_is_null(fu)) {
        if (!json_is_number(fu) || json_number_value(fu) < 0 || json_number_value(fu) > 100)
            return fs_load_bad(rd, "gate.fail_under", "not a score from 0 to 100");
        l->report.has_fail_under = true;
        l->report.fail_under = json_number_value(fu);
    }
    if (fo && !json_is_null(fo)) {
        const char *s = json_is_string(fo) ? json_string_value(fo) : "";
        for (int sev = FS_SEV_INFO; sev <= FS_SEV_HIGH; sev++)
            if (strcmp(s, fs_severity_name((enum fs_severity)sev)) == 0)
                l->report.fail_on = sev;
        if (!l->report.fail_on)
            return fs_load_bad(rd, "gate.fail_on", "not a severity (info, low, medium, high)");
    }
    return FS_OK;
}

/* "profile": the profile -p gave every host (absent or null: each host's role picked one). */
static int load_profile(struct fs_load_rd *rd, json_t *doc, struct fs_loaded *l)
{
    const char *id;
    rd->where[0] = '\0';
    int rc = fs_load_get_str(rd, doc, "profile", true, &id);
    if (rc || !id)
        return rc;
    const struct fs_profile *p = fs_benchmark_profile(l->benchmark, id);
    if (!p || strcmp(p->id, id) != 0)
        return fs_load_bad(rd, "profile", "no such profile in the benchmark or tailoring");
    l->report.profile = p->id;
    return FS_OK;
}

/* The benchmark (and tailoring) the results name, checked against their digests. */
static int load_benchmark(struct fs_load_rd *rd, json_t *doc, const char *bpath, const char *tpath,
                          struct fs_loaded *l)
{
    json_t *bj = json_object_get(doc, "benchmark"), *tj = json_object_get(doc, "tailoring");
    const char *path = NULL, *sha = NULL, *id = NULL;
    int rc;
    snprintf(rd->where, sizeof rd->where, "benchmark");
    if (!json_is_object(bj))
        return fs_load_bad(rd, NULL, "missing or not an object");
    if ((rc = fs_load_get_str(rd, bj, "id", false, &id)) ||
        (rc = fs_load_get_str(rd, bj, "sha256", true, &sha)))
        return rc;
    if (!sha)
        return fs_load_bad(rd, "sha256",
                           "missing: the results do not say which benchmark file they "
                           "were made with (written before floorscan 0.3)");
    if ((rc = fs_load_get_str(rd, bj, json_object_get(bj, "path") ? "path" : "file", false, &path)))
        return rc;
    if (bpath)
        path = bpath;
    if ((rc = check_digest(rd, "benchmark", path, sha)))
        return rc;
    struct fs_buf e;
    fs_buf_init(&e, FS_ERRBUF_NESTED_MAX);
    if ((rc = fs_benchmark_load(&l->benchmark, path, &e)) != FS_OK) {
        fs_buf_reset(rd->err);
        fs_buf_try_addf(rd->err, "%s: %s", rd->file, fs_buf_cstr(&e));
    } else if (strcmp(l->benchmark->id, id) != 0) {
        rc = fs_load_bad(rd, "id", "not the id of the benchmark file it names");
    }
    snprintf(l->report.benchmark_sha256, sizeof l->report.benchmark_sha256, "%s", sha);
    snprintf(rd->where, sizeof rd->where, "tailoring");
    if (!rc && tj && !json_is_null(tj)) {
        if (!json_is_object(tj)) {
            rc = fs_load_bad(rd, NULL, "not an object or null");
        } else if (!(rc = fs_load_get_str(rd, tj, json_object_get(tj, "path") ? "path" : "file",
                                          false, &path)) &&
                   !(rc = fs_load_get_str(rd, tj, "sha256", false, &sha))) {
            if (tpath)
                path = tpath;
            if (!(rc = check_digest(rd, "tailoring", path, sha)) &&
                (rc = fs_benchmark_tailor(l->benchmark, path, &e)) != FS_OK) {
                fs_buf_reset(rd->err);
                fs_buf_try_addf(rd->err, "%s: %s", rd->file, fs_buf_cstr(&e));
            }
            snprintf(l->report.tailoring_sha256, sizeof l->report.tailoring_sha256, "%s", sha);
        }
    }
    fs_buf_dispose(&e);
    return rc;
}

/* An interrupted run: "incomplete": true with its reason; absent (or false) otherwise. */
static int load_incomplete(struct fs_load_rd *rd, json_t *doc, struct fs_report *r)
{
    json_t *inc = json_object_get(doc, "incomplete");
    const char *why = NULL;
    if (!inc || json_is_false(inc))
        return FS_OK;
    if (!json_is_true(inc))
        return fs_load_bad(rd, "incomplete", "not true or false");
    /* floorscan writes the reason with the mark: a mark without one was edited in */
    int rc = fs_load_get_str(rd, doc, "incomplete_reason", false, &why);
    if (rc)
        return rc;
    r->incomplete = true;
    snprintf(r->incomplete_reason, sizeof r->incomplete_reason, "%s", why ? why : "");
    return FS_OK;
}

/* The site model (--zones): "site" absent or null without one. The model keeps the "path" the
 * scan gave it, so a re-render names the same file. */
static int load_site(struct fs_load_rd *rd, json_t *doc, struct fs_loaded *l)
{
    json_t *sj = json_object_get(doc, "site");
    rd->where[0] = '\0';
    if (!sj || json_is_null(sj))
        return FS_OK;
    if (!json_is_object(sj))
        return fs_load_bad(rd, "site", "not an object or null");
    struct fs_buf e;
    fs_buf_init(&e, FS_ERRBUF_NESTED_MAX);
    int rc = fs_site_from_json(&l->site, sj, &e);
    if (rc == FS_ERR_NOMEM) {
        fs_buf_dispose(&e);
        return rc;
    }
    if (rc) {
        rc = fs_load_bad(rd, "site", e.len ? fs_buf_cstr(&e) : "not a site model");
        fs_buf_dispose(&e);
        return rc;
    }
    fs_buf_dispose(&e);
    l->report.site = l->site;
    return FS_OK;
}

/* A host's flow observations ("flows"): only beside a site model; absent or null when the
 * host's flows were not kept (a host never reached). */
static int load_flows(struct fs_load_rd *rd, json_t *hj, struct fs_loaded *l,
                      struct fs_host_result *h)
{
    json_t *fj = json_object_get(hj, "flows");
    if (!fj || json_is_null(fj))
        return FS_OK;
    if (!l->site)
        return fs_load_bad(rd, "flows", "flow observations without a site model (\"site\")");
    if (!json_is_object(fj))
        return fs_load_bad(rd, "flows", "not an object or null");
    if (!(h->flows = calloc(1, sizeof *h->flows)))
        return FS_ERR_NOMEM;
    struct fs_buf e;
    fs_buf_init(&e, FS_ERRBUF_NESTED_MAX);
    int rc = fs_host_flows_from_json(fj, h->flows, &e);
    if (rc && rc != FS_ERR_NOMEM)
        rc = fs_load_bad(rd, "flows", e.len ? fs_buf_cstr(&e) : "not flow observations");
    fs_buf_dispose(&e);
    return rc;
}

static int host_status(struct fs_load_rd *rd, const char *s, enum fs_host_status *out)
{
    for (int i = FS_HOST_SCANNED; i <= FS_HOST_STATUS_LAST; i++) {
        if (strcmp(fs_host_status_name((enum fs_host_status)i), s) == 0) {
            *out = (enum fs_host_status)i;
            return FS_OK;
        }
    }
    return fs_load_bad(rd, "status",
                       "not a host status (scanned, unreachable, auth-failed, "
                       "hostkey-mismatch, timeout, error, not-scanned)");
}

static int rule_status(struct fs_load_rd *rd, const char *s, enum fs_result *out)
{
    for (int i = FS_RESULT_PASS; i <= FS_RESULT_NOTSELECTED; i++) {
        if (strcmp(fs_result_name((enum fs_result)i), s) == 0) {
            *out = (enum fs_result)i;
            return FS_OK;
        }
    }
    return fs_load_bad(rd, "status",
                       "not an XCCDF result (pass, fail, error, unknown, notapplicable, "
                       "notchecked, informational, notselected)");
}

static int cmp_rule(const void *a, const void *b)
{
    const struct fs_rule *x = ((const struct fs_rule_result *)a)->rule;
    const struct fs_rule *y = ((const struct fs_rule_result *)b)->rule;
    return x < y ? -1 : x > y;
}

/* "failing_since" (absent or null: not known): an RFC 3339 time, on a failed result only. */
static int load_failing_since(struct fs_load_rd *rd, json_t *rj, struct fs_rule_result *rr)
{
    const char *s;
    int rc = fs_load_get_str(rd, rj, "failing_since", true, &s);
    if (rc || !s)
        return rc;
    if (rr->result != FS_RESULT_FAIL)
        return fs_load_bad(rd, "failing_since", "set on a result that did not fail");
    if (strlen(s) >= sizeof rr->failing_since || !fs_drift_rfc3339(s))
        return fs_load_bad(rd, "failing_since", "not an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ)");
    memcpy(rr->failing_since, s, strlen(s) + 1);
    return FS_OK;
}

static int load_results(struct fs_load_rd *rd, json_t *arr, struct fs_loaded *l,
                        const struct fs_profile *p, struct fs_host_result *h, size_t hi)
{
    struct fs_benchmark *b = l->benchmark;
    /* the scan applies waivers to the results of evaluated hosts only */
    struct fs_waivers *w = h->evaluated ? l->waivers : NULL;
    if (!json_is_array(arr))
        return fs_load_bad(rd, "results", "missing or not an array");
    size_t n = json_array_size(arr);
    if (!(h->results = calloc(n ? n : 1, sizeof *h->results)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        json_t *rj = json_array_get(arr, i);
        snprintf(rd->where, sizeof rd->where, "hosts[%zu].results[%zu]", hi, i);
        const char *id, *xid, *status, *ev;
        int rc;
        if (!json_is_object(rj))
            return fs_load_bad(rd, NULL, "not an object");
        if ((rc = fs_load_get_str(rd, rj, "rule", false, &id)) ||
            (rc = fs_load_get_str(rd, rj, "xccdf_id", true, &xid)) ||
            (rc = fs_load_get_str(rd, rj, "status", false, &status)) ||
            (rc = fs_load_get_str(rd, rj, "evidence", true, &ev)))
            return rc;
        struct fs_rule_result *rr = &h->results[h->nresults];
        /* the history store keeps short ids only: the benchmark gives the XCCDF id */
        if (!(rr->rule = fs_benchmark_rule(b, id)) || (xid && strcmp(rr->rule->xccdf_id, xid) != 0))
            return fs_load_bad(rd, "rule", "no such rule in the benchmark");
        if (p && !fs_benchmark_selected(b, p, rr->rule))
            return fs_load_bad(rd, "rule", "not selected by the host's profile");
        for (size_t k = 0; k < h->nresults; k++)
            if (h->results[k].rule == rr->rule)
                return fs_load_bad(rd, "rule", "a second result for the same rule");
        if ((rc = rule_status(rd, status, &rr->result)))
            return rc;
        if (!(rr->evidence = strdup(ev ? ev : "")))
            return FS_ERR_NOMEM;
        h->nresults++;
        if ((rc = load_failing_since(rd, rj, rr)) ||
            (rc = fs_load_result_waiver(rd, rj, w, h->host, rr)))
            return rc;
    }
    snprintf(rd->where, sizeof rd->where, "hosts[%zu]", hi);
    size_t selected = 0;
    for (size_t i = 0; p && i < b->nrules; i++)
        selected += fs_benchmark_selected(b, p, &b->rules[i]);
    if (p && selected != h->nresults)
        return fs_load_bad(rd, "results", "not one result for every rule of the host's profile");
    /* the writers expect results in benchmark order, as the engine makes them */
    qsort(h->results, h->nresults, sizeof *h->results, cmp_rule);
    return FS_OK;
}

/* Scores are recomputed from the results; one the results do not give is a hand edit. */
static int check_score(struct fs_load_rd *rd, json_t *hj, const struct fs_host_result *h)
{
    json_t *v = json_object_get(hj, "score");
    if (v && !json_is_null(v) && !json_is_number(v))
        return fs_load_bad(rd, "score", "not a number or null");
    bool stored = v && json_is_number(v);
    if (stored != h->score.has_score ||
        (stored && fabs(json_number_value(v) - round(h->score.score * 10.0) / 10.0) > 0.051)) {
        char why[160];
        snprintf(why, sizeof why, "does not match its results (they give %.1f)",
                 h->score.has_score ? h->score.score : -1.0);
        return fs_load_bad(rd, "score",
                           h->score.has_score ? why : "a score, but no rule passed or failed");
    }
    return FS_OK;
}

/* Host hi of the document into l's hosts[slot] (slot < hi once hosts are let go). */
static int load_host(struct fs_load_rd *rd, json_t *hj, size_t slot, size_t hi, struct fs_loaded *l)
{
    struct fs_host *host = &l->inv->hosts[slot];
    struct fs_host_result *h = &l->hosts[slot];
    const char *name, *profile, *status;
    int rc;
    snprintf(rd->where, sizeof rd->where, "hosts[%zu]", hi);
    memset(host, 0, sizeof *host);
    fs_kvlist_init(&host->vars);
    l->inv->n = slot + 1;
    h->host = host;
    if (!json_is_object(hj))
        return fs_load_bad(rd, NULL, "not an object");
    json_t *port = json_object_get(hj, "port");
    if (!json_is_integer(port) || json_integer_value(port) < 0 || json_integer_value(port) > 65535)
        return fs_load_bad(rd, "port", "not a port number");
    host->port = (int)json_integer_value(port);
    json_t *index = json_object_get(hj, "inventory_index"); /* absent before floorscan 0.3 */
    host->index = -1;
    if (index && !json_is_null(index) &&
        (!json_is_integer(index) || json_integer_value(index) < 0 ||
         json_integer_value(index) > (json_int_t)1 << 30))
        return fs_load_bad(rd, "inventory_index", "not a place in an inventory (0 or more)");
    if (json_is_integer(index))
        host->index = (long)json_integer_value(index);
    if ((rc = fs_load_get_str(rd, hj, "name", false, &name)) || !(host->name = strdup(name)) ||
        (rc = dup_opt(rd, hj, "address", &host->address)) ||
        (rc = dup_opt(rd, hj, "user", &host->user)) ||
        (rc = dup_opt(rd, hj, "role", &host->role)) ||
        (rc = dup_opt(rd, hj, "zone", &host->zone)) ||
        (rc = dup_opt(rd, hj, "via", &host->proxy_jump)) ||
        (rc = get_bool(rd, hj, "become", &host->become)) ||
        (rc = get_bool(rd, hj, "local", &host->local)) ||
        (rc = get_bool(rd, hj, "evaluated", &h->evaluated)) ||
        (rc = get_bool(rd, hj, "privileged", &h->privileged)) ||
        (rc = fs_load_get_str(rd, hj, "profile", false, &profile)) ||
        (rc = fs_load_get_str(rd, hj, "status", false, &status)) ||
        (rc = host_status(rd, status, &h->status)) || (rc = dup_opt(rd, hj, "error", &h->error)) ||
        (rc = copy_time(rd, hj, "started", h->started, sizeof h->started)) ||
        (rc = copy_time(rd, hj, "finished", h->finished, sizeof h->finished)))
        return rc ? rc : FS_ERR_NOMEM;
    bool has_wall = false;
    if ((rc = get_seconds(rd, hj, "device_cpu_s", &h->has_device_cpu, &h->device_cpu_s)) ||
        (rc = get_seconds(rd, hj, "device_wall_s", &has_wall, &h->device_wall_s)) ||
        (rc = dup_opt(rd, hj, "device_priority", &h->device_priority)))
        return rc;
    if (h->has_device_cpu != has_wall)
        return fs_load_bad(rd, "device_wall_s", "given without device_cpu_s, or missing beside it");
    json_t *sys = json_object_get(hj, "system");
    if (!json_is_object(sys))
        return fs_load_bad(rd, "system", "missing or not an object");
    if ((rc = dup_opt(rd, sys, "os", &h->os)) || (rc = dup_opt(rd, sys, "kernel", &h->kernel)) ||
        (rc = dup_opt(rd, sys, "hostname", &h->hostname)))
        return rc;
    json_t *groups = json_object_get(hj, "groups"), *vars = json_object_get(hj, "vars");
    if (!json_is_array(groups) || !json_is_object(vars))
        return fs_load_bad(rd, !json_is_array(groups) ? "groups" : "vars",
                           "missing or of the wrong type");
    size_t ng = json_array_size(groups);
    if (!(host->groups = calloc(ng ? ng : 1, sizeof *host->groups)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < ng; i++) {
        const char *g = json_string_value(json_array_get(groups, i));
        if (!g)
            return fs_load_bad(rd, "groups", "not an array of strings");
        if (!(host->groups[host->ngroups++] = strdup(g)))
            return FS_ERR_NOMEM;
    }
    const char *k;
    json_t *v;
    json_object_foreach(vars, k, v)
    {
        if (!json_is_string(v))
            return fs_load_bad(rd, "vars", "not an object of strings");
        if ((rc = fs_kvlist_set(&host->vars, k, json_string_value(v))))
            return rc;
    }
    json_t *probes = json_object_get(hj, "probes"), *unproven = json_object_get(probes, "unproven");
    json_t *proven = json_object_get(probes, "proven");
    if (!json_is_integer(proven) || json_integer_value(proven) < 0 || !json_is_object(unproven))
        return fs_load_bad(rd, "probes", "missing or not {proven: N, unproven: {...}}");
    h->facts_proven = (unsigned)json_integer_value(proven);
    json_object_foreach(unproven, k, v)
    {
        if (!json_is_string(v))
            return fs_load_bad(rd, "probes.unproven", "not an object of strings");
        if ((rc = fs_kvlist_set(&h->unproven, k, json_string_value(v))))
            return rc;
    }
    const struct fs_profile *p = NULL;
    if (*profile) {
        p = fs_benchmark_profile(l->benchmark, profile);
        if (!p || strcmp(p->id, profile) != 0)
            return fs_load_bad(rd, "profile", "no such profile in the benchmark or tailoring");
        h->profile_id = p->id;
        if (l->report.profile && strcmp(l->report.profile, p->id) != 0)
            return fs_load_bad(rd, "profile", "not the profile the run gave every host (-p)");
    } else if (h->evaluated) {
        return fs_load_bad(rd, "profile", "empty for a host whose rules were evaluated");
    }
    if ((rc = load_results(rd, json_object_get(hj, "results"), l, p, h, hi)) ||
        (rc = load_flows(rd, hj, l, h)))
        return rc;
    /* as the scan scores: only hosts whose rules ran (a host never scanned has no score) */
    if (h->evaluated)
        fs_score_host(h);
    return check_score(rd, hj, h);
}

/* The top level, with room for nhosts hosts, or for one when each (a host at a time). */
static int load_top(struct fs_loaded **out, json_t *doc, size_t nhosts, bool each, const char *name,
                    const char *benchmark, const char *tailoring, struct fs_buf *err)
{
    size_t slots = each ? 1 : nhosts;
    struct fs_load_rd rd = {.file = name, .err = err, .where = ""};
    int rc = FS_OK;
    *out = NULL;
    struct fs_loaded *l = calloc(1, sizeof *l);
    if (!l)
        return FS_ERR_NOMEM;
    const char *schema = NULL;
    if (!(l->name = strdup(name))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    if (!json_is_object(doc)) {
        rc = fs_load_bad(&rd, NULL, "not a JSON object");
        goto out;
    }
    if ((rc = fs_load_get_str(&rd, doc, "schema", false, &schema)))
        goto out;
    if (strcmp(schema, FS_RESULTS_SCHEMA) != 0) {
        char why[200];
        snprintf(why, sizeof why, "'%.80s' is not %s, the only version this floorscan reads",
                 schema, FS_RESULTS_SCHEMA);
        rc = fs_load_bad(&rd, "schema", why);
        goto out;
    }
    if ((rc = copy_time(&rd, doc, "started", l->report.started, sizeof l->report.started)) ||
        (rc = copy_time(&rd, doc, "finished", l->report.finished, sizeof l->report.finished)))
        goto out;
    if ((rc = load_incomplete(&rd, doc, &l->report)) ||
        (rc = load_benchmark(&rd, doc, benchmark, tailoring, l)) || (rc = load_gate(&rd, doc, l)) ||
        (rc = load_profile(&rd, doc, l)) || (rc = fs_load_waivers(&rd, doc, l)) ||
        (rc = load_site(&rd, doc, l)))
        goto out;
    if ((rc = fs_inventory_new(&l->inv)) != FS_OK)
        goto out;
    l->inv->hosts = calloc(slots ? slots : 1, sizeof *l->inv->hosts);
    l->hosts = calloc(slots ? slots : 1, sizeof *l->hosts);
    if (!l->inv->hosts || !l->hosts) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    l->cap = nhosts;
    l->slots = slots;
    l->each = each;
    l->report.benchmark = l->benchmark;
    l->report.hosts = l->hosts;
out:
    if (rc == FS_ERR_NOMEM && !err->len)
        fs_buf_try_addf(err, "%s: out of memory", name);
    if (rc) {
        fs_loaded_free(l);
        l = NULL;
    }
    *out = l;
    return rc;
}

int fs_report_load_top(struct fs_loaded **out, json_t *doc, size_t nhosts, const char *name,
                       const char *benchmark, const char *tailoring, struct fs_buf *err)
{
    return load_top(out, doc, nhosts, false, name, benchmark, tailoring, err);
}

int fs_report_load_top_each(struct fs_loaded **out, json_t *doc, size_t nhosts, const char *name,
                            const char *benchmark, const char *tailoring, struct fs_buf *err)
{
    return load_top(out, doc, nhosts, true, name, benchmark, tailoring, err);
}

int fs_report_load_host(struct fs_loaded *l, json_t *hj, struct fs_buf *err)
{
    struct fs_load_rd rd = {.file = l->name, .err = err, .where = ""};
    size_t i = l->report.n;
    if (l->loaded >= l->cap) {
        fs_buf_try_addf(err, "%s: more hosts than it announced (%zu)", l->name, l->cap);
        return FS_ERR_PARSE;
    }
    if (i >= l->slots) {
        fs_buf_try_addf(err, "%s: host %zu loaded before the one before it was let go", l->name,
                        l->loaded);
        return FS_ERR_INVAL;
    }
    fs_kvlist_init(&l->hosts[i].unproven);
    int rc = load_host(&rd, hj, i, l->loaded, l);
    l->report.n = i + 1; /* disposed of with the rest, loaded or not */
    l->loaded++;
    if (rc == FS_ERR_NOMEM && !err->len)
        fs_buf_try_addf(err, "%s: out of memory", l->name);
    return rc;
}

void fs_report_load_drop(struct fs_loaded *l)
{
    if (!l->report.n)
        return;
    size_t i = --l->report.n;
    fs_host_result_dispose(&l->hosts[i]);
    fs_host_dispose(&l->inv->hosts[i]);
    memset(&l->hosts[i], 0, sizeof l->hosts[i]);
    memset(&l->inv->hosts[i], 0, sizeof l->inv->hosts[i]);
    l->inv->n = i;
}

int fs_report_load_end(struct fs_loaded *l, struct fs_buf *err)
{
    struct fs_load_rd rd = {.file = l->name, .err = err, .where = ""};
    if (l->loaded != l->cap) {
        fs_buf_try_addf(err, "%s: %zu hosts of the %zu it announced", l->name, l->loaded, l->cap);
        return FS_ERR_PARSE;
    }
    /* the matched counts accumulate as hosts load: checked whether the hosts were kept or not */
    int rc = fs_load_waivers_check(&rd, l);
    if (rc || !l->site || l->each)
        return rc; /* a host at a time: the flows of every host are not there to analyse */
    /* the fleet analysis is recomputed from the model and the hosts' flows, as the scan made
     * it: a stored "fleet" is never trusted (a merge of shards has none of the whole) */
    if ((rc = fs_fleet_analyse(l->site, l->hosts, l->report.n, &l->fleet)) != FS_OK) {
        fs_buf_try_addf(err, "%s: cannot analyse the fleet's flows: %s", l->name, fs_strerror(rc));
        return rc;
    }
    l->report.fleet = l->fleet;
    return FS_OK;
}

int fs_report_load_doc(struct fs_loaded **out, json_t *doc, const char *name, const char *benchmark,
                       const char *tailoring, struct fs_buf *err)
{
    struct fs_load_rd rd = {.file = name, .err = err, .where = ""};
    json_t *hosts = json_object_get(doc, "hosts");
    *out = NULL;
    if (json_is_object(doc) && !json_is_array(hosts))
        return fs_load_bad(&rd, "hosts", "missing or not an array");
    struct fs_loaded *l = NULL;
    int rc = fs_report_load_top(&l, doc, json_array_size(hosts), name, benchmark, tailoring, err);
    for (size_t i = 0; !rc && i < json_array_size(hosts); i++)
        rc = fs_report_load_host(l, json_array_get(hosts, i), err);
    if (!rc)
        rc = fs_report_load_end(l, err);
    if (rc) {
        fs_loaded_free(l);
        l = NULL;
    }
    *out = l;
    return rc;
}

json_t *fs_report_read_json(const char *path, struct fs_buf *err)
{
    json_error_t je;
    struct stat st;
    fs_buf_reset(err);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fs_buf_try_addf(err, "%s: a directory, not a results file (give the results.json in it)",
                        path);
        return NULL;
    }
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!doc && je.line < 0)
        fs_buf_try_addf(err, "%s: %s", path, je.text);
    else if (!doc)
        fs_buf_try_addf(err, "%s:%d:%d: not JSON (cut short or edited?): %s", path, je.line,
                        je.column, je.text);
    return doc;
}

int fs_report_load(struct fs_loaded **out, const char *path, const char *benchmark,
                   const char *tailoring, struct fs_buf *err)
{
    *out = NULL;
    json_t *doc = fs_report_read_json(path, err);
    if (!doc)
        return FS_ERR_PARSE;
    int rc = fs_report_load_doc(out, doc, path, benchmark, tailoring, err);
    json_decref(doc);
    return rc;
}

void fs_loaded_free(struct fs_loaded *l)
{
    if (!l)
        return;
    for (size_t i = 0; l->inv && i < l->inv->n; i++)
        fs_host_result_dispose(&l->hosts[i]);
    free(l->hosts);
    fs_inventory_free(l->inv);
    fs_benchmark_free(l->benchmark);
    fs_waivers_free(l->waivers);
    fs_fleet_free(l->fleet);
    fs_site_free(l->site);
    free(l->stored_matched);
    free(l->name);
    free(l);
}
