/* SPDX-License-Identifier: Apache-2.0 */
/* results.json (schema floorscan-results/1) through jansson. */
#include "report.h"
#include "drift.h"
#include "json_priv.h"
#include "../store/store.h"
#include "../scanner/core/err.h"
#include "../scanner/core/util.h"
#include "../scanner/zones/fleet.h"
#include "../scanner/zones/flows.h"
#include "../scanner/zones/site.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every string from a device, the inventory or the command line goes through here: printable
 * UTF-8 (fs_buf_add_printable), so jansson, which rejects invalid UTF-8, never drops it. NULL
 * only when out of memory, which fails the whole document. */
json_t *fs_json_text(const char *s)
{
    if (!s)
        return json_null();
    char *p = fs_printable_dup(s);
    json_t *j = p ? json_string(p) : NULL;
    free(p);
    return j;
}

static json_t *digest(const char *hex)
{
    return hex && *hex ? json_string(hex) : json_null();
}

static json_t *score_value(bool has, double v)
{
    return has ? json_real(round(v * 10.0) / 10.0) : json_null();
}

/* The score without waivers and how many results were waived, beside a score. */
static bool put_unwaived(json_t *obj, const struct fs_score *s)
{
    return obj &&
           json_object_set_new(obj, "score_unwaived", score_value(s->has_unwaived, s->unwaived)) ==
               0 &&
           json_object_set_new(obj, "waived", json_integer(s->waived)) == 0;
}

static json_t *principles_json(const struct fs_benchmark *b, const struct fs_score *p)
{
    json_t *arr = json_array();
    for (int i = 0; i < FS_PRINCIPLES; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%d", i + 1);
        json_t *o = json_pack("{s:s, s:s?, s:o, s:o, s:i, s:i, s:i, s:i, s:i}", "id", id, "title",
                              b->principle_titles[i], "score",
                              score_value(p[i].has_score, p[i].score), "strict_score",
                              score_value(p[i].has_strict, p[i].strict), "pass", (int)p[i].pass,
                              "fail", (int)p[i].fail, "other", (int)(p[i].other + p[i].error),
                              "error", (int)p[i].error, "manual_open", (int)p[i].manual);
        if (!put_unwaived(o, &p[i]) || json_array_append_new(arr, o) != 0) {
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *refs_json(const struct fs_rule *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->nrefs; i++)
        json_array_append_new(
            arr, json_pack("{s:s, s:s}", "standard", r->refs[i].standard, "id", r->refs[i].id));
    return arr;
}

/* Host variables that reach reports: the ones the interface names. Everything else an
 * inventory holds (API keys, SNMP communities, PSKs, key file paths) stays out. Sorted. */
static const char *const exported_vars[] = {
    "address", "ansible_become", "ansible_host", "ansible_port", "ansible_user", "become",
    "groups",  "port",           "role",         "user",         "zone",
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(a, *(const char *const *)b);
}

static bool exported_var(const char *k)
{
    return bsearch(k, exported_vars, sizeof exported_vars / sizeof exported_vars[0],
                   sizeof exported_vars[0], cmp_str) != NULL;
}

/* Adds v to obj under key; false (and v released) when v is NULL or cannot be added. */
static bool put(json_t *obj, const char *key, json_t *v)
{
    return v && json_object_set_new(obj, key, v) == 0;
}

static bool append(json_t *arr, json_t *v)
{
    return v && json_array_append_new(arr, v) == 0;
}

json_t *fs_report_json_host(const struct fs_benchmark *b, const struct fs_host_result *h)
{
    const struct fs_host *host = h->host;
    bool ok = true;
    json_t *results = json_array();
    for (size_t i = 0; i < h->nresults; i++) {
        const struct fs_rule_result *rr = &h->results[i];
        char principle[16];
        snprintf(principle, sizeof principle, "P%d", rr->rule->principle + 1);
        ok &= append(results,
                     json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "rule",
                               rr->rule->short_id, "xccdf_id", rr->rule->xccdf_id, "principle",
                               principle, "severity", fs_severity_name(rr->rule->severity), "title",
                               rr->rule->title, "status", fs_result_name(rr->result), "evidence",
                               fs_json_text(rr->evidence ? rr->evidence : ""), "waiver",
                               fs_json_waiver_ref(rr->waiver), "references", refs_json(rr->rule)));
        /* the start of the first stored run of the current failing streak; null when not
         * known (no history) or not failed */
        ok &= put(json_array_get(results, json_array_size(results) - 1), "failing_since",
                  rr->result == FS_RESULT_FAIL && rr->failing_since[0]
                      ? json_string(rr->failing_since)
                      : json_null());
    }
    json_t *vars = json_object();
    for (size_t i = 0; i < host->vars.n; i++) {
        const char *k = host->vars.items[i].key;
        if (exported_var(k))
            ok &= put(vars, k, fs_json_text(host->vars.items[i].val));
    }
    json_t *groups = json_array();
    for (size_t i = 0; i < host->ngroups; i++)
        ok &= append(groups, fs_json_text(host->groups[i]));
    /* proof of probe: facts proven, and the reason for each one that was not */
    json_t *unproven = json_object();
    for (size_t i = 0; i < h->unproven.n; i++) {
        char *k = fs_printable_dup(h->unproven.items[i].key);
        ok &= k && put(unproven, k, fs_json_text(h->unproven.items[i].val));
        free(k);
    }
    json_t *probes =
        json_pack("{s:I, s:o}", "proven", (json_int_t)h->facts_proven, "unproven", unproven);
    json_t *doc = json_pack(
        "{s:o, s:o, s:i, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:{s:o, s:o, s:o}, s:o, s:o, s:o, "
        "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
        "name", fs_json_text(host->name), "address", fs_json_text(host->address), "port",
        host->port, "user", fs_json_text(host->user), "become", json_boolean(host->become), "local",
        json_boolean(host->local), "role", fs_json_text(host->role), "zone",
        fs_json_text(host->zone), "profile", h->profile_id ? h->profile_id : "", "status",
        json_string(fs_host_status_name(h->status)), "system", "os", fs_json_text(h->os), "kernel",
        fs_json_text(h->kernel), "hostname", fs_json_text(h->hostname), "error",
        fs_json_text(h->error), "started", h->started[0] ? json_string(h->started) : json_null(),
        "finished", h->finished[0] ? json_string(h->finished) : json_null(), "score",
        score_value(h->score.has_score, h->score.score), "strict_score",
        score_value(h->score.has_strict, h->score.strict), "principles",
        principles_json(b, h->principles), "results", results, "groups", groups, "vars", vars,
        "evaluated", json_boolean(h->evaluated), "privileged", json_boolean(h->privileged));
    /* only when the host was reached (or tried) through a jump host: [user@]bastion:port */
    if (doc && host->proxy_jump)
        ok &= put(doc, "via", fs_json_text(host->proxy_jump));
    /* what the collector cost the device (CPU and wall seconds) and the priority it ran at */
    ok &= put(doc, "device_cpu_s",
              h->has_device_cpu ? json_real(round(h->device_cpu_s * 100.0) / 100.0) : json_null());
    ok &= put(doc, "device_wall_s",
              h->has_device_cpu ? json_real(round(h->device_wall_s * 100.0) / 100.0) : json_null());
    ok &= put(doc, "device_priority", fs_json_text(h->device_priority));
    /* the host's place in the inventory: merged shards are put back in a full scan's order */
    if (!doc || !put(doc, "probes", probes) || !put_unwaived(doc, &h->score) ||
        !put(doc, "inventory_index", host->index >= 0 ? json_integer(host->index) : json_null()) ||
        (h->flows && !put(doc, "flows", fs_host_flows_to_json(h->flows))) || !ok) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

/* The run as the history store recorded it: its id, label and place in the hash chain. */
static json_t *history_json(const struct fs_stored_run *s)
{
    return json_pack("{s:I, s:o, s:o, s:o}", "run", (json_int_t)s->id, "label",
                     fs_json_text(s->label), "content_sha256", digest(s->content_sha256),
                     "prev_sha256", digest(s->prev_sha256));
}

static json_t *report_doc(const struct fs_report *r, bool with_hosts)
{
    struct fs_score fleet, principles[FS_PRINCIPLES];
    long worst;
    fs_score_fleet(r->hosts, r->n, &fleet, principles, &worst);
    size_t scanned = 0;
    json_t *hosts = with_hosts ? json_array() : json_string(FS_JSON_HOSTS_MARK);
    for (size_t i = 0; i < r->n; i++) {
        if (r->hosts[i].status == FS_HOST_SCANNED)
            scanned++;
        json_t *h = with_hosts ? fs_report_json_host(r->benchmark, &r->hosts[i]) : NULL;
        if (with_hosts && (!h || json_array_append_new(hosts, h) != 0)) {
            json_decref(hosts);
            return NULL;
        }
    }
    json_t *worst_j = json_null();
    if (worst >= 0)
        worst_j = json_pack("{s:o, s:o}", "name", fs_json_text(r->hosts[worst].host->name), "score",
                            score_value(true, r->hosts[worst].score.score));
    json_t *tailoring = json_null();
    if (r->benchmark->tailoring_path)
        tailoring = json_pack(
            "{s:o, s:o, s:o, s:o}", "file", fs_json_text(r->benchmark->tailoring_path), "path",
            fs_json_text(r->benchmark->tailoring_path), "sha256", digest(r->tailoring_sha256), "id",
            fs_json_text(r->benchmark->tailoring_id ? r->benchmark->tailoring_id : ""));
    /* The gate given on the command line: reports show it, and a re-render must too. */
    json_t *gate = json_pack(
        "{s:o, s:o}", "fail_under", r->has_fail_under ? json_real(r->fail_under) : json_null(),
        "fail_on",
        r->fail_on ? json_string(fs_severity_name((enum fs_severity)r->fail_on)) : json_null());
    if (!worst_j || !tailoring || !gate) {
        json_decref(worst_j);
        json_decref(tailoring);
        json_decref(gate);
        json_decref(hosts);
        return NULL;
    }
    json_t *doc = json_pack(
        "{s:s, s:{s:s, s:s}, s:{s:s, s:s, s:o, s:o, s:o}, s:o, s:o, s:s, s:s, "
        "s:{s:i, s:i, s:i, s:o, s:o, s:o, s:o}, s:o}",
        "schema", "floorscan-results/1", "scanner", "name", "floorscan", "version", FS_VERSION,
        "benchmark", "id", r->benchmark->id, "version", r->benchmark->version, "file",
        fs_json_text(r->benchmark->path), "path", fs_json_text(r->benchmark->path), "sha256",
        digest(r->benchmark_sha256), "tailoring", tailoring, "gate", gate, "started", r->started,
        "finished", r->finished, "summary", "hosts", (int)r->n, "scanned", (int)scanned,
        "not_scanned", (int)(r->n - scanned), "score", score_value(fleet.has_score, fleet.score),
        "strict_score", score_value(fleet.has_strict, fleet.strict), "worst_host", worst_j,
        "principles", principles_json(r->benchmark, principles), "hosts", hosts);
    /* the register applied, and the score without it beside the fleet score */
    if (!doc || !put_unwaived(json_object_get(doc, "summary"), &fleet) ||
        !put(doc, "waivers", fs_json_waivers(r->waivers)) ||
        !put(doc, "profile", r->profile ? json_string(r->profile) : json_null()) ||
        (r->stored && !put(doc, "history", history_json(r->stored))) ||
        (r->drift && !put(doc, "drift", fs_drift_json_summary(r->drift))) ||
        (r->incomplete && (!put(doc, "incomplete", json_true()) ||
                           !put(doc, "incomplete_reason", fs_json_text(r->incomplete_reason)))) ||
        /* with a site model (--zones): the model, and the fleet analysis over it (merge and
         * report recompute the analysis from the model and each host's flows) */
        (r->site &&
         (!put(doc, "site", fs_site_to_json(r->site)) ||
          !put(doc, "fleet", r->fleet ? fs_fleet_to_json(r->fleet, r->hosts) : json_null())))) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

json_t *fs_report_json_doc(const struct fs_report *r)
{
    return report_doc(r, true);
}

json_t *fs_report_json_top(const struct fs_report *r)
{
    return report_doc(r, false);
}

#define JSON_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(6))

/* One host's object as it sits in the hosts array: every line indented by 4 (a string never
 * holds a raw newline, so every newline of the dump is layout). */
static int add_host(struct fs_buf *b, const struct fs_benchmark *bm, const struct fs_host_result *h,
                    bool first)
{
    json_t *hj = fs_report_json_host(bm, h);
    /* dumped to memory first: a document jansson cannot serialise is an error, not a file
     * cut short or silently missing */
    char *data = hj ? json_dumps(hj, JSON_FLAGS) : NULL;
    int rc = data ? fs_buf_adds(b, first ? "\n    " : ",\n    ") : FS_ERR_NOMEM;
    for (const char *p = data; !rc && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        rc = fs_buf_add(b, p, n);
        if (!rc && nl)
            rc = fs_buf_adds(b, "\n    ");
        p += n + (nl ? 1 : 0);
    }
    free(data);
    json_decref(hj);
    return rc;
}

/* results.json a host at a time: the document without its hosts is dumped, and the hosts
 * array is written in place of its mark, one host's object built, dumped and freed at a time
 * (the same bytes as dumping the whole document, without holding it). */
int fs_report_json(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                   struct fs_buf *err)
{
    struct fs_outstream out;
    struct fs_buf b;
    fs_buf_init(&b, FS_OUTSTREAM_CHUNK_MAX);
    json_t *doc = fs_report_json_top(r);
    char *data = doc ? json_dumps(doc, JSON_FLAGS) : NULL;
    const char *mark = data ? strstr(data, FS_JSON_HOSTS_MARK_DUMPED) : NULL;
    int rc = fs_outstream_open(&out, dir, file, true, err);
    if (rc)
        goto out;
    if (!mark) {
        fs_buf_try_addf(err, "%s/%s: cannot build the JSON document", dir->path, file);
        rc = FS_ERR_NOMEM;
        goto out;
    }
    rc = fs_outstream_write(&out, data, (size_t)(mark - data));
    if (!rc)
        rc = fs_outstream_write(&out, "[", 1);
    for (size_t i = 0; !rc && i < r->n; i++) {
        if ((rc = add_host(&b, r->benchmark, &r->hosts[i], i == 0))) {
            fs_buf_try_addf(err, "%s/%s: cannot build the JSON of host %s", dir->path, file,
                            r->hosts[i].host->name);
            goto out;
        }
        rc = fs_outstream_flush(&out, &b);
    }
    if (!rc)
        rc = fs_outstream_write(&out, r->n ? "\n  ]" : "]", r->n ? 4 : 1);
    if (!rc) {
        const char *rest = mark + strlen(FS_JSON_HOSTS_MARK_DUMPED);
        rc = fs_outstream_write(&out, rest, strlen(rest));
    }
    if (!rc)
        rc = fs_outstream_commit(&out);
out:
    fs_outstream_dispose(&out);
    fs_buf_dispose(&b);
    free(data);
    json_decref(doc);
    return rc;
}
