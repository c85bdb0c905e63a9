/* SPDX-License-Identifier: Apache-2.0 */
/* A synthetic fleet result for report tests and benches (see synth_fleet.h). */
#include "synth_fleet.h"
#include "scanner/core/err.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum fs_result mix[] = {
    FS_RESULT_PASS,  FS_RESULT_PASS, FS_RESULT_FAIL,          FS_RESULT_PASS,
    FS_RESULT_ERROR, FS_RESULT_PASS, FS_RESULT_NOTAPPLICABLE, FS_RESULT_FAIL,
};

static char *dupf(const char *prefix, size_t i, const char *suffix)
{
    char s[64];
    snprintf(s, sizeof s, "%s%03zu%s", prefix, i, suffix);
    return strdup(s);
}

struct synth_fleet *synth_fleet_new(const char *benchmark, size_t n, bool hostile)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct synth_fleet *f = calloc(1, sizeof *f);
    if (!f || fs_benchmark_load(&f->b, benchmark, &err) != FS_OK) {
        fprintf(stderr, "synth_fleet: %s\n", fs_buf_cstr(&err));
        fs_buf_dispose(&err);
        free(f);
        return NULL;
    }
    fs_buf_dispose(&err);
    static const char *const zones[] = {"zone-a", "zone-b", "zone-c"};
    static const char *const roles[] = {"build-server", "test-station", "production-device"};
    f->hosts = calloc(n ? n : 1, sizeof *f->hosts);
    f->results = calloc(n ? n : 1, sizeof *f->results);
    f->report.n = n;
    if (!f->hosts || !f->results)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        struct fs_host *h = &f->hosts[i];
        bool bad = hostile && i == 1;
        h->name = bad ? strdup(SYNTH_HOSTILE_NAME) : dupf("host-", i, "");
        h->address = dupf("10.0.", i, ".1");
        h->port = 22;
        h->zone = strdup(bad ? SYNTH_HOSTILE_NAME : zones[i % 3]);
        h->role = strdup(roles[i % 3]);
        fs_kvlist_init(&h->vars);
        struct fs_host_result *r = &f->results[i];
        r->host = h;
        r->profile_id = f->b->nprofiles ? f->b->profiles[0].id : NULL;
        fs_kvlist_init(&r->unproven);
        if (hostile && i == n - 1 && n > 2) {
            r->status = FS_HOST_UNREACHABLE;
            r->error = strdup("connect: No route to host <b>x</b>");
            continue;
        }
        r->os = strdup("Debian GNU/Linux 12 (bookworm)");
        r->kernel = strdup("6.1.0-18-amd64");
        r->hostname = bad ? strdup(SYNTH_HOSTILE_NAME) : strdup(h->name);
        snprintf(r->started, sizeof r->started, "2026-11-29T09:00:00Z");
        snprintf(r->finished, sizeof r->finished, "2026-11-29T09:00:01Z");
        r->facts_proven = 80;
        r->results = calloc(f->b->nrules ? f->b->nrules : 1, sizeof *r->results);
        if (!r->results)
            goto fail;
        for (size_t k = 0; k < f->b->nrules; k++) {
            struct fs_rule_result *rr = &r->results[r->nresults++];
            rr->rule = &f->b->rules[k];
            rr->result =
                rr->rule->manual ? FS_RESULT_NOTCHECKED : mix[(i * 7 + k * 3 + (i * k) % 5) % 8];
            char ev[160];
            snprintf(ev, sizeof ev, "%s: %s (value %zu) from sshd -T / sysctl on host-%03zu",
                     rr->rule->short_id, fs_result_name(rr->result), k * 17 % 1000, i);
            rr->evidence = strdup(bad ? SYNTH_HOSTILE_EVIDENCE : ev);
        }
        fs_score_host(r);
    }
    f->report.benchmark = f->b;
    f->report.hosts = f->results;
    f->report.has_fail_under = true;
    f->report.fail_under = 80.0;
    f->report.fail_on = FS_SEV_HIGH;
    snprintf(f->report.started, sizeof f->report.started, "2026-11-29T09:00:00Z");
    snprintf(f->report.finished, sizeof f->report.finished, "2026-11-29T09:00:05Z");
    return f;
fail:
    synth_fleet_free(f);
    return NULL;
}

static char *jdup(json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? strdup(v) : NULL;
}

static void jcopy(char *dst, size_t n, json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    snprintf(dst, n, "%s", v ? v : "");
}

struct synth_fleet *synth_fleet_from_json(const char *benchmark, const char *results_json)
{
    json_error_t je;
    json_t *doc = json_load_file(results_json, 0, &je);
    json_t *hosts = json_object_get(doc, "hosts");
    size_t n = json_array_size(hosts);
    struct synth_fleet *f = doc ? synth_fleet_new(benchmark, 0, false) : NULL;
    if (!f) {
        fprintf(stderr, "synth_fleet: %s: %s\n", results_json, doc ? "no benchmark" : je.text);
        json_decref(doc);
        return NULL;
    }
    free(f->hosts);
    free(f->results);
    f->hosts = calloc(n ? n : 1, sizeof *f->hosts);
    f->results = calloc(n ? n : 1, sizeof *f->results);
    f->report.n = n;
    f->report.hosts = f->results;
    f->report.has_fail_under = false;
    f->report.fail_on = 0;
    jcopy(f->report.started, sizeof f->report.started, doc, "started");
    jcopy(f->report.finished, sizeof f->report.finished, doc, "finished");
    for (size_t i = 0; f->hosts && f->results && i < n; i++) {
        json_t *jh = json_array_get(hosts, i);
        struct fs_host *h = &f->hosts[i];
        struct fs_host_result *r = &f->results[i];
        h->name = jdup(jh, "name");
        h->address = jdup(jh, "address");
        h->port = (int)json_integer_value(json_object_get(jh, "port"));
        h->zone = jdup(jh, "zone");
        h->role = jdup(jh, "role");
        fs_kvlist_init(&h->vars);
        fs_kvlist_init(&r->unproven);
        r->host = h;
        const char *prof = json_string_value(json_object_get(jh, "profile"));
        for (size_t k = 0; prof && k < f->b->nprofiles; k++)
            if (strcmp(f->b->profiles[k].id, prof) == 0)
                r->profile_id = f->b->profiles[k].id;
        const char *st = json_string_value(json_object_get(jh, "status"));
        for (int k = FS_HOST_SCANNED; st && k <= FS_HOST_STATUS_LAST; k++)
            if (strcmp(st, fs_host_status_name((enum fs_host_status)k)) == 0)
                r->status = (enum fs_host_status)k;
        r->error = jdup(jh, "error");
        json_t *sys = json_object_get(jh, "system");
        r->os = jdup(sys, "os");
        r->kernel = jdup(sys, "kernel");
        r->hostname = jdup(sys, "hostname");
        jcopy(r->started, sizeof r->started, jh, "started");
        jcopy(r->finished, sizeof r->finished, jh, "finished");
        r->facts_proven =
            (unsigned)json_integer_value(json_object_get(json_object_get(jh, "probes"), "proven"));
        json_t *res = json_object_get(jh, "results");
        r->results = calloc(json_array_size(res) + 1, sizeof *r->results);
        for (size_t k = 0; r->results && k < json_array_size(res); k++) {
            json_t *jr = json_array_get(res, k);
            const char *id = json_string_value(json_object_get(jr, "rule"));
            const struct fs_rule *rule = id ? fs_benchmark_rule(f->b, id) : NULL;
            if (!rule)
                continue;
            struct fs_rule_result *rr = &r->results[r->nresults++];
            rr->rule = rule;
            const char *rs = json_string_value(json_object_get(jr, "status"));
            for (int m = FS_RESULT_PASS; rs && m <= FS_RESULT_NOTSELECTED; m++)
                if (strcmp(rs, fs_result_name((enum fs_result)m)) == 0)
                    rr->result = (enum fs_result)m;
            rr->evidence = jdup(jr, "evidence");
        }
        fs_score_host(r);
    }
    json_decref(doc);
    return f;
}

bool synth_set_result(struct fs_rule_result *rr, enum fs_result st, const char *ev)
{
    rr->result = st;
    if (!ev)
        return true;
    free(rr->evidence);
    rr->evidence = strdup(ev);
    return rr->evidence != NULL;
}

void synth_fleet_free(struct synth_fleet *f)
{
    if (!f)
        return;
    for (size_t i = 0; f->results && i < f->report.n; i++)
        fs_host_result_dispose(&f->results[i]);
    for (size_t i = 0; f->hosts && i < f->report.n; i++) {
        free(f->hosts[i].name);
        free(f->hosts[i].address);
        free(f->hosts[i].zone);
        free(f->hosts[i].role);
        fs_kvlist_dispose(&f->hosts[i].vars);
    }
    free(f->hosts);
    free(f->results);
    fs_benchmark_free(f->b);
    free(f);
}
