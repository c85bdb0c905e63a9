/* results.json (schema floorscan-results/1) through jansson. */
#include "report.h"
#include "../scanner/core/err.h"
#include "../scanner/core/util.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* jansson rejects invalid UTF-8: hostile text is escaped before it gets here, but keep a
 * fallback so one odd byte cannot drop a host from the report. */
static json_t *safe_string(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    struct fs_buf b;
    fs_buf_init(&b, strlen(s) * 4 + 1);
    fs_buf_add_printable(&b, s, strlen(s));
    j = json_string(fs_buf_cstr(&b));
    fs_buf_dispose(&b);
    return j ? j : json_string("");
}

static json_t *score_value(bool has, double v)
{
    return has ? json_real(round(v * 10.0) / 10.0) : json_null();
}

static json_t *principles_json(const struct fs_benchmark *b, const struct fs_score *p)
{
    json_t *arr = json_array();
    for (int i = 0; i < FS_PRINCIPLES; i++) {
        char id[16];
        snprintf(id, sizeof id, "P%d", i + 1);
        json_array_append_new(
            arr, json_pack("{s:s, s:s?, s:o, s:o, s:i, s:i, s:i, s:i, s:i}", "id", id, "title",
                           b->principle_titles[i], "score", score_value(p[i].has_score, p[i].score),
                           "strict_score", score_value(p[i].has_strict, p[i].strict), "pass",
                           (int)p[i].pass, "fail", (int)p[i].fail, "other",
                           (int)(p[i].other + p[i].error), "error", (int)p[i].error, "manual_open",
                           (int)p[i].manual));
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

static bool secret_key(const char *k)
{
    return strcasestr(k, "pass") || strcasestr(k, "secret") || strcasestr(k, "token") ||
           strcasestr(k, "vault");
}

static json_t *host_json(const struct fs_benchmark *b, const struct fs_host_result *h)
{
    const struct fs_host *host = h->host;
    json_t *results = json_array();
    for (size_t i = 0; i < h->nresults; i++) {
        const struct fs_rule_result *rr = &h->results[i];
        char principle[16];
        snprintf(principle, sizeof principle, "P%d", rr->rule->principle + 1);
        json_array_append_new(
            results, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:n, s:o}", "rule",
                               rr->rule->short_id, "xccdf_id", rr->rule->xccdf_id, "principle",
                               principle, "severity", fs_severity_name(rr->rule->severity), "title",
                               rr->rule->title, "status", fs_result_name(rr->result), "evidence",
                               safe_string(rr->evidence ? rr->evidence : ""), "waiver",
                               "references", refs_json(rr->rule)));
    }
    json_t *vars = json_object();
    for (size_t i = 0; i < host->vars.n; i++)
        if (!secret_key(host->vars.items[i].key))
            json_object_set_new(vars, host->vars.items[i].key,
                                safe_string(host->vars.items[i].val));
    json_t *groups = json_array();
    for (size_t i = 0; i < host->ngroups; i++)
        json_array_append_new(groups, safe_string(host->groups[i]));
    /* proof of probe: facts proven, and the reason for each one that was not */
    json_t *unproven = json_object();
    for (size_t i = 0; i < h->unproven.n; i++)
        json_object_set_new(unproven, h->unproven.items[i].key,
                            safe_string(h->unproven.items[i].val));
    json_t *probes =
        json_pack("{s:I, s:o}", "proven", (json_int_t)h->facts_proven, "unproven", unproven);
    json_t *doc = json_pack(
        "{s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:s, s:o, s:{s:o, s:o, s:o}, s:o, s:o, s:o, "
        "s:o, s:o, s:o, s:o, s:o, s:o}",
        "name", host->name, "address", host->address, "port", host->port, "user",
        str_or_null(host->user), "become", json_boolean(host->become), "role",
        str_or_null(host->role), "zone", str_or_null(host->zone), "profile",
        h->profile_id ? h->profile_id : "", "status", json_string(fs_host_status_name(h->status)),
        "system", "os", safe_string(h->os), "kernel", safe_string(h->kernel), "hostname",
        safe_string(h->hostname), "error", safe_string(h->error), "started",
        h->started[0] ? json_string(h->started) : json_null(), "finished",
        h->finished[0] ? json_string(h->finished) : json_null(), "score",
        score_value(h->score.has_score, h->score.score), "strict_score",
        score_value(h->score.has_strict, h->score.strict), "principles",
        principles_json(b, h->principles), "results", results, "groups", groups, "vars", vars);
    if (doc && probes)
        json_object_set_new(doc, "probes", probes);
    else
        json_decref(probes);
    return doc;
}

json_t *fs_report_json_doc(const struct fs_report *r)
{
    struct fs_score fleet, principles[FS_PRINCIPLES];
    long worst;
    fs_score_fleet(r->hosts, r->n, &fleet, principles, &worst);
    size_t scanned = 0;
    json_t *hosts = json_array();
    for (size_t i = 0; i < r->n; i++) {
        if (r->hosts[i].status == FS_HOST_SCANNED)
            scanned++;
        json_t *h = host_json(r->benchmark, &r->hosts[i]);
        if (!h) {
            json_decref(hosts);
            return NULL;
        }
        json_array_append_new(hosts, h);
    }
    json_t *worst_j = json_null();
    if (worst >= 0)
        worst_j = json_pack("{s:s, s:o}", "name", r->hosts[worst].host->name, "score",
                            score_value(true, r->hosts[worst].score.score));
    json_t *tailoring = json_null();
    if (r->benchmark->tailoring_path)
        tailoring = json_pack("{s:s, s:s}", "file", r->benchmark->tailoring_path, "id",
                              r->benchmark->tailoring_id ? r->benchmark->tailoring_id : "");
    return json_pack("{s:s, s:{s:s, s:s}, s:{s:s, s:s, s:s}, s:o, s:s, s:s, s:{s:i, s:i, s:i, "
                     "s:o, s:o, s:o, s:o}, s:o}",
                     "schema", "floorscan-results/1", "scanner", "name", "floorscan", "version",
                     FS_VERSION, "benchmark", "id", r->benchmark->id, "version",
                     r->benchmark->version, "file", r->benchmark->path, "tailoring", tailoring,
                     "started", r->started, "finished", r->finished, "summary", "hosts", (int)r->n,
                     "scanned", (int)scanned, "not_scanned", (int)(r->n - scanned), "score",
                     score_value(fleet.has_score, fleet.score), "strict_score",
                     score_value(fleet.has_strict, fleet.strict), "worst_host", worst_j,
                     "principles", principles_json(r->benchmark, principles), "hosts", hosts);
}

int fs_report_json(const struct fs_report *r, const char *path, struct fs_buf *err)
{
    json_t *doc = fs_report_json_doc(r);
    if (!doc) {
        fs_buf_addf(err, "%s: cannot build the JSON document", path);
        return FS_ERR_NOMEM;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int rc = FS_OK;
    if (json_dump_file(doc, tmp, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) != 0 ||
        rename(tmp, path) != 0) {
        fs_buf_addf(err, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
        rc = FS_ERR_IO;
    }
    json_decref(doc);
    return rc;
}
