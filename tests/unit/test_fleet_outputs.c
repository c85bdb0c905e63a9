/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet analysis (--zones) in every text format: results.json's "site", "fleet" and each
 * host's "flows" (against docs/results.schema.json), read back with the analysis recomputed,
 * merged from shards as the full scan, shards with another or no site model refused; JUnit's
 * fleet suite, CSV's (fleet) rows and the XCCDF site TestResult (oscap-validated) carrying
 * every zone and conduit verdict; and nothing of it without a site model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reports/load.h"
#include "reports/merge.h"
#include "reports/report.h"
#include "scanner/collect/facts.h"
#include "scanner/core/digest.h"
#include "scanner/core/err.h"
#include "scanner/zones/fleet.h"
#include "scanner/zones/flows.h"
#include "scanner/zones/site.h"
#include "store/store.h"
#include "tests/common/synth_fleet.h"

static const char site_yaml[] =
    "zones:\n"
    "  engineering: { networks: [10.20.0.0/24], security_level: 2 }\n"
    "  production:  { networks: [10.30.0.0/24], security_level: 3 }\n"
    "  test-lab:    { networks: [10.40.0.0/24], security_level: 2 }\n"
    "conduits:\n"
    "  - { from: engineering, to: production, ports: [tcp/22], purpose: \"deployment\" }\n"
    "  - { from: production, to: engineering, ports: [udp/514, tcp/6514], purpose: \"logging\" }\n";

/* A process name the device chose: markup, a control byte and a formula start. */
#define HOSTILE_PROCESS "=<b>x\x01</b>&'\""

struct fx {
    struct synth_fleet *f;
    struct fs_site *site;
    struct fs_fleet *fleet;
    char dir[64];
};

static void set_str(char **p, const char *v)
{
    free(*p);
    *p = strdup(v);
    assert_non_null(*p);
}

static void obs(struct fs_host_flows *hf, const char *proto, const char *local, unsigned lport,
                const char *remote, unsigned rport, enum fs_flow_dir dir, const char *process)
{
    struct fs_flow_obs *v = realloc(hf->v, (hf->n + 1) * sizeof *v);
    assert_non_null(v);
    hf->v = v;
    struct fs_flow_obs *o = &v[hf->n++];
    memset(o, 0, sizeof *o);
    snprintf(o->proto, sizeof o->proto, "%s", proto);
    assert_true(fs_addr_parse(local, strlen(local), o->local));
    assert_true(fs_addr_parse(remote, strlen(remote), o->remote));
    o->lport = lport;
    o->rport = rport;
    o->dir = dir;
    snprintf(o->process, sizeof o->process, "%s", process);
    o->pid = 100 + (unsigned)hf->n;
}

/* Four hosts: engineering, two in production, one in the test lab whose socket tables could
 * not be read; an ssh flow the conduit allows (seen from both ends) and a database flow from
 * production into engineering that no conduit allows. */
static void build(struct fx *fx)
{
    static const char *const addr[] = {"10.20.0.5", "10.30.0.7", "10.30.0.8", "10.40.0.9"};
    static const char *const zone[] = {"engineering", "production", "production", "test-lab"};
    char bench[512];
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    snprintf(bench, sizeof bench, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    fx->f = synth_fleet_new(bench, 4, false);
    assert_non_null(fx->f);
    assert_int_equal(fs_sha256_file(bench, fx->f->report.benchmark_sha256), FS_OK);
    if (fs_site_load_mem(&fx->site, "zones.yaml", site_yaml, strlen(site_yaml), &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    for (size_t i = 0; i < 4; i++) {
        struct fs_host_result *h = &fx->f->results[i];
        set_str(&fx->f->hosts[i].address, addr[i]);
        set_str(&fx->f->hosts[i].zone, zone[i]);
        fx->f->hosts[i].index = (long)i;
        h->evaluated = true;
        fs_score_host(h);
        h->flows = calloc(1, sizeof *h->flows);
        assert_non_null(h->flows);
        h->flows->read = i != 3;
    }
    snprintf(fx->f->results[3].flows->error, sizeof fx->f->results[3].flows->error,
             "cannot read /proc/net/tcp: Permission denied");
    obs(fx->f->results[0].flows, "tcp", "10.20.0.5", 50000, "10.30.0.7", 22, FS_FLOW_OUT, "ssh");
    obs(fx->f->results[0].flows, "tcp", "10.20.0.5", 5432, "10.30.0.8", 41000, FS_FLOW_IN,
        "postgres");
    obs(fx->f->results[1].flows, "tcp", "10.30.0.7", 22, "10.20.0.5", 50000, FS_FLOW_IN, "sshd");
    obs(fx->f->results[2].flows, "tcp", "10.30.0.8", 41000, "10.20.0.5", 5432, FS_FLOW_OUT,
        HOSTILE_PROCESS);
    assert_int_equal(fs_fleet_analyse(fx->site, fx->f->results, 4, &fx->fleet), FS_OK);
    fx->f->report.site = fx->site;
    fx->f->report.fleet = fx->fleet;
}

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    build(fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/fs-fleet-out.XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, getenv("FS_KEEP") ? "true %s" : "rm -rf '%s'", fx->dir);
    int rc = system(cmd);
    fs_fleet_free(fx->fleet);
    fs_site_free(fx->site);
    synth_fleet_free(fx->f); /* disposes of each host's flows */
    free(fx);
    return rc == 0 ? 0 : -1;
}

static void write_format(const struct fs_report *r, const char *dir, const char *format)
{
    struct fs_outdir d = {.fd = -1};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_outdir_open(&d, dir, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    const struct fs_report_writer *w = fs_report_writer_find(format);
    assert_non_null(w);
    if (w->write(r, &d, w->file, &err) != FS_OK)
        fail_msg("%s: %s", format, fs_buf_cstr(&err));
    fs_outdir_dispose(&d);
    fs_buf_dispose(&err);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    (void)fclose(f);
    return s;
}

/* Runs cmd (its output into DIR/cmd.log); fails the test with the log when it fails. */
static void run_ok(const char *dir, const char *cmd)
{
    char full[2048], log[128];
    snprintf(log, sizeof log, "%s/cmd.log", dir);
    snprintf(full, sizeof full, "%s >'%s' 2>&1", cmd, log);
    if (system(full) != 0) {
        char *out = slurp(log);
        fail_msg("%s: %s", cmd, out);
    }
}

/* The zone's or conduit's verdict as the analysis gave it. */
static const struct fs_fleet_result *verdict(const struct fs_fleet *f, size_t i)
{
    size_t nz = f->site->nzones;
    return i < nz ? &f->zones[i].result : &f->conduits[i - nz].result;
}

static void json_has_site_fleet_flows(void **state)
{
    struct fx *fx = *state;
    json_t *doc = fs_report_json_doc(&fx->f->report);
    assert_non_null(doc);
    json_t *site = json_object_get(doc, "site"), *fleet = json_object_get(doc, "fleet");
    assert_true(json_is_object(site));
    assert_true(json_is_object(fleet));
    json_t *want_site = fs_site_to_json(fx->site);
    json_t *want_fleet = fs_fleet_to_json(fx->fleet, fx->f->results);
    assert_true(json_equal(site, want_site));
    assert_true(json_equal(fleet, want_fleet));
    json_decref(want_site);
    json_decref(want_fleet);
    assert_int_equal(json_array_size(json_object_get(fleet, "zones")), 3);
    assert_int_equal(json_array_size(json_object_get(fleet, "conduits")), 2);
    json_t *hosts = json_object_get(doc, "hosts");
    for (size_t i = 0; i < 4; i++) {
        json_t *fl = json_object_get(json_array_get(hosts, i), "flows");
        json_t *want = fs_host_flows_to_json(fx->f->results[i].flows);
        assert_true(json_is_object(fl));
        assert_true(json_equal(fl, want));
        json_decref(want);
    }
    /* the streamed file is the document, and it matches the schema */
    write_format(&fx->f->report, fx->dir, "json");
    char path[128], cmd[1024];
    snprintf(path, sizeof path, "%s/results.json", fx->dir);
    char *file = slurp(path);
    char *dumped = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    assert_non_null(dumped);
    assert_string_equal(file, dumped);
    free(file);
    free(dumped);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/../reports/check_schema.py' '%s/../../docs/results.schema.json' valid "
             "'%s'",
             getenv("FS_FIXTURES"), getenv("FS_FIXTURES"), path);
    run_ok(fx->dir, cmd);
    /* and a fleet whose zone result is not one is refused by the schema */
    json_t *z0 = json_array_get(json_object_get(fleet, "zones"), 0);
    json_object_set_new(z0, "result", json_string("green"));
    snprintf(path, sizeof path, "%s/broken.json", fx->dir);
    assert_int_equal(json_dump_file(doc, path, JSON_INDENT(2)), 0);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/../reports/check_schema.py' '%s/../../docs/results.schema.json' "
             "invalid '%s'",
             getenv("FS_FIXTURES"), getenv("FS_FIXTURES"), path);
    run_ok(fx->dir, cmd);
    json_decref(doc);
}

/* Without a site model nothing of the fleet reaches any format: the document is the one with
 * a site model less its three members, and JUnit, CSV and XCCDF say nothing of zones. */
static void without_site_nothing_changes(void **state)
{
    struct fx *fx = *state;
    json_t *with = fs_report_json_doc(&fx->f->report);
    struct fs_host_flows *kept[4];
    for (size_t i = 0; i < 4; i++) {
        kept[i] = fx->f->results[i].flows;
        fx->f->results[i].flows = NULL;
    }
    fx->f->report.site = NULL;
    fx->f->report.fleet = NULL;
    json_t *without = fs_report_json_doc(&fx->f->report);
    assert_null(json_object_get(without, "site"));
    assert_null(json_object_get(without, "fleet"));
    json_object_del(with, "site");
    json_object_del(with, "fleet");
    for (size_t i = 0; i < 4; i++) {
        assert_null(json_object_get(json_array_get(json_object_get(without, "hosts"), i), "flows"));
        json_object_del(json_array_get(json_object_get(with, "hosts"), i), "flows");
    }
    char *a = json_dumps(with, JSON_INDENT(2)), *b = json_dumps(without, JSON_INDENT(2));
    assert_string_equal(a, b);
    free(a);
    free(b);
    json_decref(with);
    json_decref(without);
    char *junit = NULL;
    size_t len = 0;
    assert_int_equal(fs_report_junit_text(&fx->f->report, &junit, &len), FS_OK);
    assert_null(strstr(junit, "zones and conduits"));
    free(junit);
    struct fs_buf csv;
    fs_buf_init(&csv, 1 << 24);
    assert_int_equal(fs_report_csv_text(&fx->f->report, &csv), FS_OK);
    assert_null(strstr(fs_buf_cstr(&csv), "(fleet)"));
    fs_buf_dispose(&csv);
    write_format(&fx->f->report, fx->dir, "xccdf");
    char path[128];
    snprintf(path, sizeof path, "%s/results-xccdf.xml", fx->dir);
    char *x = slurp(path);
    assert_null(strstr(x, FS_XCCDF_SITE_RESULT_ID));
    free(x);
    for (size_t i = 0; i < 4; i++)
        fx->f->results[i].flows = kept[i];
    fx->f->report.site = fx->site;
    fx->f->report.fleet = fx->fleet;
}

/* floorscan report: the fleet analysis recomputed from "site" and the hosts' "flows", never
 * taken from a stored "fleet" (hand-edited here); the document written again is the same. */
static void load_recomputes_fleet(void **state)
{
    struct fx *fx = *state;
    json_t *doc = fs_report_json_doc(&fx->f->report);
    json_t *want = json_deep_copy(json_object_get(doc, "fleet"));
    json_t *z0 = json_array_get(json_object_get(json_object_get(doc, "fleet"), "zones"), 0);
    json_object_set_new(z0, "result", json_string("pass"));
    json_object_set_new(z0, "evidence", json_string("hand-edited: all is well"));
    struct fs_loaded *l = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_report_load_doc(&l, doc, "results.json", NULL, NULL, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    assert_non_null(l->report.site);
    assert_non_null(l->report.fleet);
    assert_string_equal(l->report.site->path ? l->report.site->path : "",
                        fx->site->path ? fx->site->path : "");
    json_t *got = fs_fleet_to_json(l->report.fleet, l->report.hosts);
    assert_true(json_equal(got, want));
    json_decref(got);
    json_object_set(json_object_get(doc, "fleet"), "zones",
                    json_object_get(want, "zones")); /* the original again */
    json_t *again = fs_report_json_doc(&l->report);
    char *a = json_dumps(doc, JSON_INDENT(2)), *b = json_dumps(again, JSON_INDENT(2));
    assert_string_equal(a, b);
    free(a);
    free(b);
    json_decref(again);
    /* every text format of the re-render is the scan's, byte for byte */
    static const char *const formats[] = {"json", "junit", "csv", "xccdf"};
    static const char *const files[] = {"results.json", "results-junit.xml", "results.csv",
                                        "results-xccdf.xml"};
    char sub[128], path[192];
    snprintf(sub, sizeof sub, "%s/again", fx->dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        write_format(&fx->f->report, fx->dir, formats[i]);
        write_format(&l->report, sub, formats[i]);
        snprintf(path, sizeof path, "%s/%s", fx->dir, files[i]);
        char *want_text = slurp(path);
        snprintf(path, sizeof path, "%s/%s", sub, files[i]);
        char *got_text = slurp(path);
        if (strcmp(want_text, got_text) != 0)
            fail_msg("%s differs after the re-render", files[i]);
        free(want_text);
        free(got_text);
    }
    fs_loaded_free(l);
    /* flows without a site model, and a site that is not one, are refused by name */
    json_t *nosite = json_deep_copy(doc);
    json_object_del(nosite, "site");
    fs_buf_reset(&err);
    assert_int_equal(fs_report_load_doc(&l, nosite, "results.json", NULL, NULL, &err),
                     FS_ERR_PARSE);
    assert_non_null(strstr(fs_buf_cstr(&err), "hosts[0].flows"));
    json_object_set_new(nosite, "site", json_string("zones.yaml"));
    fs_buf_reset(&err);
    assert_int_equal(fs_report_load_doc(&l, nosite, "results.json", NULL, NULL, &err),
                     FS_ERR_PARSE);
    assert_non_null(strstr(fs_buf_cstr(&err), "site"));
    json_decref(nosite);
    fs_buf_dispose(&err);
    json_decref(want);
    json_decref(doc);
}

/* One shard's document: the hosts [from, to) of the full one, with its own fleet analysis. */
static json_t *shard(struct fx *fx, size_t from, size_t to)
{
    struct fs_report r = fx->f->report;
    struct fs_fleet *fl = NULL;
    r.hosts = fx->f->results + from;
    r.n = to - from;
    assert_int_equal(fs_fleet_analyse(fx->site, r.hosts, r.n, &fl), FS_OK);
    r.fleet = fl;
    json_t *doc = fs_report_json_doc(&r);
    assert_non_null(doc);
    fs_fleet_free(fl);
    return doc;
}

/* Merges a and b; with l, loads the result too (into *l). */
static int merge_load(json_t *a, json_t *b, struct fs_loaded **l, struct fs_buf *err)
{
    struct fs_merge_input in[2] = {{a, "a.json"}, {b, "b.json"}};
    json_t *merged = NULL;
    fs_buf_reset(err);
    int rc = fs_results_merge(in, 2, false, &merged, err);
    if (!rc && l) {
        assert_null(json_object_get(merged, "fleet")); /* recomputed, never carried */
        rc = fs_report_load_doc(l, merged, "merged", NULL, NULL, err);
    }
    json_decref(merged);
    return rc;
}

static void merge_gives_full_fleet(void **state)
{
    struct fx *fx = *state;
    json_t *full = fs_report_json_doc(&fx->f->report);
    json_t *a = shard(fx, 0, 2), *b = shard(fx, 2, 4);
    /* a shard alone sees only part of the flows: its fleet result is not the full one */
    assert_false(json_equal(json_object_get(a, "fleet"), json_object_get(full, "fleet")));
    struct fs_loaded *l = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (merge_load(a, b, &l, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    json_t *got = fs_report_json_doc(&l->report);
    assert_true(json_equal(json_object_get(got, "fleet"), json_object_get(full, "fleet")));
    assert_true(json_equal(json_object_get(got, "site"), json_object_get(full, "site")));
    assert_true(json_equal(json_object_get(got, "hosts"), json_object_get(full, "hosts")));
    json_decref(got);
    fs_loaded_free(l);
    l = NULL;

    /* another model (by digest) is refused, naming both files */
    json_t *b2 = json_deep_copy(b);
    json_object_set_new(
        json_object_get(b2, "site"), "sha256",
        json_string("0000000000000000000000000000000000000000000000000000000000000000"));
    json_t *a2 = json_deep_copy(a);
    if (!*fx->site->sha256) /* a model from memory has no digest: give the other one a digest */
        json_object_set_new(
            json_object_get(a2, "site"), "sha256",
            json_string("1111111111111111111111111111111111111111111111111111111111111111"));
    assert_int_equal(merge_load(a2, b2, &l, &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "a.json and b.json cannot be merged"));
    assert_non_null(strstr(fs_buf_cstr(&err), "site models"));
    json_decref(a2);
    json_decref(b2);

    /* without digests (the reader refuses that, fs_results_merge alone does not rely on it):
     * the zones and conduits themselves */
    a2 = json_deep_copy(a);
    b2 = json_deep_copy(b);
    json_object_set_new(json_object_get(a2, "site"), "sha256", json_string(""));
    json_object_set_new(json_object_get(b2, "site"), "sha256", json_string(""));
    json_object_set_new(json_object_get(b2, "site"), "path", json_string("elsewhere/zones.yaml"));
    if (merge_load(a2, b2, NULL, &err) != FS_OK) /* the same model from another place */
        fail_msg("%s", fs_buf_cstr(&err));
    json_t *conduits = json_object_get(json_object_get(b2, "site"), "conduits");
    assert_int_equal(json_array_remove(conduits, 1), 0);
    assert_int_equal(merge_load(a2, b2, NULL, &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "site models"));
    json_decref(a2);
    json_decref(b2);

    /* a shard scanned without --zones beside one with it */
    b2 = json_deep_copy(b);
    json_object_del(b2, "site");
    json_object_del(b2, "fleet");
    for (size_t i = 0; i < json_array_size(json_object_get(b2, "hosts")); i++)
        json_object_del(json_array_get(json_object_get(b2, "hosts"), i), "flows");
    assert_int_equal(merge_load(a, b2, &l, &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "no site model"));
    assert_int_equal(merge_load(b2, a, &l, &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "no site model"));
    json_decref(b2);
    fs_buf_dispose(&err);
    json_decref(a);
    json_decref(b);
    json_decref(full);
}

static xmlXPathObjectPtr xpath(xmlXPathContextPtr ctx, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(o);
    return o;
}

static size_t count(xmlXPathContextPtr ctx, const char *expr)
{
    xmlXPathObjectPtr o = xpath(ctx, expr);
    size_t n = o->nodesetval ? (size_t)o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

static char *xstring(xmlXPathContextPtr ctx, const char *expr)
{
    char full[600];
    snprintf(full, sizeof full, "string(%s)", expr);
    xmlXPathObjectPtr o = xpath(ctx, full);
    char *s = strdup((const char *)o->stringval);
    xmlXPathFreeObject(o);
    return s;
}

/* The names the formats give: "production", "engineering -> production tcp/22". */
static void label(const struct fs_site *s, size_t i, char *out, size_t n)
{
    if (i < s->nzones) {
        snprintf(out, n, "%s", s->zones[i].name);
        return;
    }
    const struct fs_conduit *c = &s->conduits[i - s->nzones];
    int w = snprintf(out, n, "%s -> %s ", s->zones[c->from].name, s->zones[c->to].name);
    for (size_t k = 0; k < c->nports && w > 0 && (size_t)w < n; k++)
        w += snprintf(out + w, n - (size_t)w, "%s%s/%u", k ? "," : "", c->ports[k].proto,
                      c->ports[k].lo);
}

static void junit_carries_every_verdict(void **state)
{
    struct fx *fx = *state;
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(fs_report_junit_text(&fx->f->report, &text, &len), FS_OK);
    xmlDocPtr doc = xmlReadMemory(text, (int)len, "junit.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    const char *suite = "//testsuite[@name='fleet: zones and conduits']";
    char expr[512], name[200];
    size_t nv = fx->site->nzones + fx->site->nconduits, fails = 0, errors = 0;
    snprintf(expr, sizeof expr, "%s/testcase", suite);
    assert_int_equal(count(ctx, expr), nv);
    for (size_t i = 0; i < nv; i++) {
        const struct fs_fleet_result *v = verdict(fx->fleet, i);
        char lab[160];
        label(fx->site, i, lab, sizeof lab);
        snprintf(name, sizeof name, "%s %s", i < fx->site->nzones ? "zone" : "conduit", lab);
        const char *el = v->result == FS_RESULT_FAIL    ? "failure"
                         : v->result == FS_RESULT_ERROR ? "error"
                                                        : NULL;
        fails += v->result == FS_RESULT_FAIL;
        errors += v->result == FS_RESULT_ERROR;
        snprintf(expr, sizeof expr, "%s/testcase[@name='%s']", suite, name);
        assert_int_equal(count(ctx, expr), 1);
        if (el) {
            snprintf(expr, sizeof expr, "%s/testcase[@name='%s']/%s", suite, name, el);
            char *got = xstring(ctx, expr);
            char *want = fs_printable_dup(v->evidence ? v->evidence : "");
            assert_string_equal(got, want);
            free(got);
            free(want);
        } else {
            snprintf(expr, sizeof expr, "%s/testcase[@name='%s']/*[self::failure or self::error]",
                     suite, name);
            assert_int_equal(count(ctx, expr), 0);
        }
    }
    /* the fleet counts in the suite and in the totals */
    snprintf(expr, sizeof expr, "%s/@failures", suite);
    char *f = xstring(ctx, expr);
    assert_int_equal(strtoul(f, NULL, 10), fails);
    free(f);
    snprintf(expr, sizeof expr, "%s/@errors", suite);
    f = xstring(ctx, expr);
    assert_int_equal(strtoul(f, NULL, 10), errors);
    free(f);
    assert_true(fails + errors > 0); /* the fixture's cross-zone flow fails a zone at least */
    size_t host_fail = 0;
    for (size_t i = 0; i < fx->f->report.n; i++)
        for (size_t k = 0; k < fx->f->results[i].nresults; k++)
            host_fail += fx->f->results[i].results[k].result == FS_RESULT_FAIL;
    f = xstring(ctx, "/testsuites/@failures");
    assert_int_equal(strtoul(f, NULL, 10), host_fail + fails);
    free(f);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    /* and the file validates against the JUnit schema */
    write_format(&fx->f->report, fx->dir, "junit");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "xmllint --noout --schema '%s/junit.xsd' '%s/results-junit.xml'",
             getenv("FS_FIXTURES"), fx->dir);
    run_ok(fx->dir, cmd);
    free(text);
}

static void csv_carries_every_verdict(void **state)
{
    struct fx *fx = *state;
    struct fs_buf csv;
    fs_buf_init(&csv, 1 << 24);
    /* evidence that starts like a formula is neutralised like every cell */
    struct fs_fleet_result *v0 = &fx->fleet->zones[0].result;
    char *kept = v0->evidence;
    v0->evidence = strdup("=HYPERLINK(\"http://x\")");
    assert_int_equal(fs_report_csv_text(&fx->f->report, &csv), FS_OK);
    const char *text = fs_buf_cstr(&csv);
    size_t nv = fx->site->nzones + fx->site->nconduits;
    for (size_t i = 0; i < nv; i++) {
        const struct fs_fleet_result *v = verdict(fx->fleet, i);
        char row[256];
        if (i < fx->site->nzones) {
            snprintf(row, sizeof row, "(fleet),,%s,,,,,zone:%s,P1,,%s,Zone %s,",
                     fx->site->zones[i].name, fx->site->zones[i].name, fs_result_name(v->result),
                     fx->site->zones[i].name);
        } else {
            const struct fs_conduit *c = &fx->site->conduits[i - fx->site->nzones];
            char lab[160];
            label(fx->site, i, lab, sizeof lab);
            bool quoted = strchr(lab, ',') != NULL; /* two ports: "tcp/22,udp/514" */
            snprintf(row, sizeof row, "(fleet),,,,,,,conduit:%s->%s,P2,,%s,%sConduit %s%s,",
                     fx->site->zones[c->from].name, fx->site->zones[c->to].name,
                     fs_result_name(v->result), quoted ? "\"" : "", lab, quoted ? "\"" : "");
        }
        if (!strstr(text, row))
            fail_msg("no row %s in\n%s", row, text);
    }
    assert_non_null(strstr(text, ",\"'=HYPERLINK(\"\"http://x\"\")"));
    /* the file: one row more per verdict than without a site, every row as wide as the header */
    write_format(&fx->f->report, fx->dir, "csv");
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import csv,sys\n"
             "rows = list(csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\"), "
             "strict=True))\n"
             "assert all(len(r) == len(rows[0]) for r in rows)\n"
             "assert len([r for r in rows if r[0] == \"(fleet)\"]) == int(sys.argv[2]), rows\n"
             "assert not [c for r in rows for c in r if c[:1] in (\"=\", \"+\", \"-\", \"@\")]' "
             "'%s/results.csv' %zu",
             fx->dir, nv);
    run_ok(fx->dir, cmd);
    free(v0->evidence);
    v0->evidence = kept;
    fs_buf_dispose(&csv);
}

static void xccdf_site_result_validates(void **state)
{
    struct fx *fx = *state;
    char path[128], cmd[1024];
    write_format(&fx->f->report, fx->dir, "xccdf");
    snprintf(path, sizeof path, "%s/results-xccdf.xml", fx->dir);
    snprintf(cmd, sizeof cmd, "bash '%s/../../scripts/xccdf-validate.sh' '%s'",
             getenv("FS_FIXTURES"), path);
    run_ok(fx->dir, cmd);
    char *with = slurp(path);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST "http://checklists.nist.gov/xccdf/1.2");
    assert_int_equal(count(ctx, "//x:TestResult"), fx->f->report.n + 1);
    const char *site = "//x:TestResult[@id='" FS_XCCDF_SITE_RESULT_ID "']";
    char expr[512];
    snprintf(expr, sizeof expr, "%s/x:target", site);
    char *target = xstring(ctx, expr);
    assert_string_equal(target, "site:zones.yaml");
    free(target);
    size_t nv = fx->site->nzones + fx->site->nconduits;
    snprintf(expr, sizeof expr, "%s/x:remark", site);
    assert_int_equal(count(ctx, expr), nv + 1); /* and the not-a-certification note */
    for (size_t i = 0; i < nv; i++) {
        char lab[160], head[256];
        label(fx->site, i, lab, sizeof lab);
        snprintf(head, sizeof head, "%s %s: %s", i < fx->site->nzones ? "zone" : "conduit", lab,
                 fs_result_name(verdict(fx->fleet, i)->result));
        snprintf(expr, sizeof expr, "%s/x:remark[starts-with(., \"%s\")]", site, head);
        if (count(ctx, expr) != 1)
            fail_msg("no remark %s", head);
    }
    snprintf(expr, sizeof expr, "%s/x:score", site);
    assert_int_equal(count(ctx, expr), 1);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    /* the hosts' TestResults are those of a scan without a site model, byte for byte */
    fx->f->report.site = NULL;
    fx->f->report.fleet = NULL;
    write_format(&fx->f->report, fx->dir, "xccdf");
    fx->f->report.site = fx->site;
    fx->f->report.fleet = fx->fleet;
    char *without = slurp(path);
    const char *cut = strstr(with, "<TestResult id=\"" FS_XCCDF_SITE_RESULT_ID "\"");
    if (!cut)
        cut = strstr(with, "<xccdf:TestResult id=\"" FS_XCCDF_SITE_RESULT_ID "\"");
    assert_non_null(cut);
    size_t pre = (size_t)(cut - with);
    const char *rest = strstr(cut, "</Benchmark>");
    if (!rest)
        rest = strstr(cut, "</xccdf:Benchmark>");
    assert_non_null(rest);
    assert_true(strncmp(with, without, pre - 2) == 0); /* up to the site's indentation */
    assert_string_equal(rest, without + pre - 2 + strspn(without + pre - 2, " "));
    free(with);
    free(without);
    /* the document ARF is built from holds it too, and the ARF validates */
    xmlDocPtr xd = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_xccdf_results_doc(&fx->f->report, &xd, &err), FS_OK);
    ctx = xmlXPathNewContext(xd);
    xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST "http://checklists.nist.gov/xccdf/1.2");
    assert_int_equal(count(ctx, site), 1);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(xd);
    fs_buf_dispose(&err);
    write_format(&fx->f->report, fx->dir, "arf");
    snprintf(cmd, sizeof cmd, "oscap ds rds-validate '%s/results-arf.xml'", fx->dir);
    run_ok(fx->dir, cmd);
    snprintf(path, sizeof path, "%s/results-arf.xml", fx->dir);
    char *arf = slurp(path);
    assert_non_null(strstr(arf, "site:zones.yaml</ai:system-name>"));
    free(arf);
}

/* A run with a site model in the history store: stored, and rendered back from the store
 * (the store keeps results.json's documents, the model and the flows among them) with the
 * fleet analysis recomputed as from the file. */
static void stored_and_rendered_back(void **state)
{
    struct fx *fx = *state;
    char where[128];
    snprintf(where, sizeof where, "%s/history.db", fx->dir);
    struct fs_store *s = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_store_open(&s, where, true, &err) != FS_OK)
        fail_msg("open: %s", fs_buf_cstr(&err));
    struct fs_run_meta m = {.label = "zones",
                            .source = "scan",
                            .operator_name = "tester",
                            .command_line = "floorscan scan --zones zones.yaml"};
    struct fs_stored_run out;
    if (fs_store_save(s, &fx->f->report, &m, &out, &err) != FS_OK)
        fail_msg("save: %s", fs_buf_cstr(&err));
    struct fs_run_ref ref;
    struct fs_loaded *l = NULL;
    assert_int_equal(fs_store_find_run(s, "latest", &ref, &err), FS_OK);
    if (fs_store_load_run(s, &ref, NULL, NULL, &l, &err) != FS_OK)
        fail_msg("load: %s", fs_buf_cstr(&err));
    assert_int_equal(l->report.n, 4);
    assert_non_null(l->report.site);
    assert_non_null(l->report.fleet);
    json_t *want = fs_fleet_to_json(fx->fleet, fx->f->results);
    json_t *got = fs_fleet_to_json(l->report.fleet, l->report.hosts);
    assert_true(json_equal(got, want));
    json_decref(got);
    json_decref(want);
    /* every format renders from it */
    static const char *const formats[] = {"json", "junit", "csv", "xccdf", "html"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        write_format(&l->report, fx->dir, formats[i]);
    fs_loaded_free(l);
    fs_store_close(s);
    fs_buf_dispose(&err);
}

/* A device names its processes: a process name with bytes that are not UTF-8 and a control
 * sequence, parsed from its socket tables, still gives a results.json that validates and reads
 * back, and every format is written. */
static void hostile_process_name(void **state)
{
    struct fx *fx = *state;
    /* host-002's connection 10.30.0.8:41000 -> 10.20.0.5:5432, owned by that process */
    static const char table[] = "# tcp\n  sl local rem st\n"
                                "   0: 08001E0A:A028 0500140A:1538 01 0 0 0 0 0 7001\n"
                                "# owner\n"
                                "owner 7001 77 \xff\xfe\x1b[31mevil</b>\n";
    struct fs_facts facts;
    fs_facts_init(&facts);
    assert_int_equal(fs_facts_put(&facts, "net_listen", table, strlen(table), 0, FS_FACT_OK), 0);
    struct fs_host_result *h = &fx->f->results[2];
    fs_host_flows_dispose(h->flows);
    assert_int_equal(fs_host_flows_from_fact(fs_facts_get(&facts, "net_listen"), h->flows), FS_OK);
    fs_facts_dispose(&facts);
    assert_int_equal(h->flows->n, 1);
    assert_int_equal(h->flows->v[0].rport, 5432);
    assert_non_null(strstr(h->flows->v[0].process, "evil"));
    fs_fleet_free(fx->fleet);
    fx->fleet = NULL;
    assert_int_equal(fs_fleet_analyse(fx->site, fx->f->results, 4, &fx->fleet), FS_OK);
    fx->f->report.fleet = fx->fleet;
    static const char *const formats[] = {"json", "junit", "csv", "xccdf"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        write_format(&fx->f->report, fx->dir, formats[i]);
    char path[128], cmd[1024];
    snprintf(path, sizeof path, "%s/results.json", fx->dir);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/../reports/check_schema.py' '%s/../../docs/results.schema.json' valid "
             "'%s' && xmllint --noout '%s/results-junit.xml' && bash "
             "'%s/../../scripts/xccdf-validate.sh' '%s/results-xccdf.xml'",
             getenv("FS_FIXTURES"), getenv("FS_FIXTURES"), path, fx->dir, getenv("FS_FIXTURES"),
             fx->dir);
    run_ok(fx->dir, cmd);
    struct fs_loaded *l = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_report_load(&l, path, NULL, NULL, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    json_t *want = fs_fleet_to_json(fx->fleet, fx->f->results);
    json_t *got = fs_fleet_to_json(l->report.fleet, l->report.hosts);
    assert_true(json_equal(got, want));
    json_decref(got);
    json_decref(want);
    fs_loaded_free(l);
    fs_buf_dispose(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(json_has_site_fleet_flows, setup, teardown),
        cmocka_unit_test_setup_teardown(without_site_nothing_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(load_recomputes_fleet, setup, teardown),
        cmocka_unit_test_setup_teardown(merge_gives_full_fleet, setup, teardown),
        cmocka_unit_test_setup_teardown(junit_carries_every_verdict, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_carries_every_verdict, setup, teardown),
        cmocka_unit_test_setup_teardown(xccdf_site_result_validates, setup, teardown),
        cmocka_unit_test_setup_teardown(stored_and_rendered_back, setup, teardown),
        cmocka_unit_test_setup_teardown(hostile_process_name, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
