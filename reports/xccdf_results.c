/* SPDX-License-Identifier: Apache-2.0 */
/* The XCCDF TestResults of a fleet result, built from struct fs_report (not by the engine), so
 * a scan and a re-render of its results.json write the same documents. */
#include "report.h"
#include "fleet_text.h"
#include "../scanner/core/err.h"
#include "../scanner/core/util.h"
#include "../scanner/core/xccdf_ids.h"
#include "../scanner/zones/fleet.h"
#include "../scanner/zones/site.h"

#include <libxml/parser.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <oscap_error.h>
#include <oscap_source.h>
#include <xccdf_benchmark.h>
#include <xccdf_policy.h>

static void add_score_value(struct xccdf_result *xr, const char *system, bool has, double v)
{
    if (!has)
        return;
    struct xccdf_score *sc = xccdf_score_new();
    xccdf_score_set_system(sc, system);
    xccdf_score_set_score(sc, (xccdf_numeric)v);
    xccdf_score_set_maximum(sc, 100);
    xccdf_result_add_score(xr, sc);
}

static void add_score(struct xccdf_result *xr, const char *system, const struct fs_score *s)
{
    add_score_value(xr, system, s->has_score, s->score);
}

/* A waived result as XCCDF 1.2 records a human override: the approver is the authority, the
 * raw result the old one, informational the new one ("checked; information for auditors, not a
 * compliance category": a waiver never makes a pass), and the remark holds the reason, who
 * asked and until when. The rule result's own result is the new one, as the standard says. */
static int add_override(struct xccdf_rule_result *rr, const struct fs_waiver *w,
                        xccdf_test_result_type_t old)
{
    struct fs_buf b;
    int rc = FS_ERR_NOMEM;
    fs_buf_init(&b, 8192);
    struct xccdf_override *o = xccdf_override_new();
    struct oscap_text *remark = oscap_text_new();
    if (!o || !remark)
        goto out;
    if (fs_report_waiver_line(&b, w))
        goto out;
    char *authority = fs_printable_dup(w->approved_by);
    if (!authority)
        goto out;
    oscap_text_set_text(remark, fs_buf_cstr(&b));
    oscap_text_set_lang(remark, "en");
    /* no xccdf_override_set_time: libopenscap 1.3.7 never frees it and exports it as a "date"
     * attribute the schema rejects; set_override_times writes the required "time" */
    xccdf_override_set_authority(o, authority);
    free(authority);
    xccdf_override_set_old_result(o, old);
    xccdf_override_set_new_result(o, XCCDF_RESULT_INFORMATIONAL);
    xccdf_override_set_remark(o, remark);
    remark = NULL;
    xccdf_rule_result_add_override(rr, o);
    xccdf_rule_result_set_result(rr, XCCDF_RESULT_INFORMATIONAL);
    o = NULL;
    rc = FS_OK;
out:
    oscap_text_free(remark);
    if (o)
        xccdf_override_free(o);
    fs_buf_dispose(&b);
    return rc;
}

/* Device and inventory text goes into the XML printable: one control byte or invalid UTF-8
 * byte would make the whole document invalid. */
static void add_fact(struct xccdf_result *xr, const char *name, const char *val)
{
    char *p = fs_printable_dup(val);
    if (p && *p) {
        struct xccdf_target_fact *f = xccdf_target_fact_new();
        xccdf_target_fact_set_name(f, name);
        xccdf_target_fact_set_string(f, p);
        xccdf_result_add_target_fact(xr, f);
    }
    free(p);
}

static void add_target(struct xccdf_result *xr, const char *name, const char *address)
{
    char *n = fs_printable_dup(name), *a = fs_printable_dup(address);
    if (n)
        xccdf_result_add_target(xr, n);
    if (a)
        xccdf_result_add_target_address(xr, a);
    free(n);
    free(a);
}

/* A remark (printable text, English) on a TestResult; false when it could not be added. */
static bool add_remark(struct xccdf_result *xr, const char *text)
{
    struct oscap_text *t = oscap_text_new();
    char *p = fs_printable_dup(text);
    bool ok = t && p && oscap_text_set_text(t, p) && oscap_text_set_lang(t, "en");
    if (ok)
        xccdf_result_add_remark(xr, t);
    else
        oscap_text_free(t);
    free(p);
    return ok;
}

void fs_xccdf_result_id(char *out, size_t n, const struct fs_report *r, size_t i)
{
    const struct fs_host_result *h = &r->hosts[i];
    const char *prof = fs_after(h->profile_id, FS_XCCDF_PROFILE_TAG);
    char name[80];
    size_t w = 0;
    /* TestResult ids must be NCNames: keep [A-Za-z0-9.-] of the host name */
    for (const char *s = h->host->name; s && *s && w < sizeof name - 1; s++) {
        char c = *s;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-';
        if (!ok)
            c = '_';
        name[w++] = c;
    }
    name[w] = '\0';
    /* numbered by the host's place in the report, so a re-render gives the same ids */
    snprintf(out, n, "xccdf_org.floorscan_testresult_%s_%s_%zu", prof ? prof : "profile", name,
             i + 1);
}

/* The rule's check in floorscan's system, as the rule result repeats it. */
static struct xccdf_check *rule_check(struct xccdf_rule *xr)
{
    struct xccdf_check *found = NULL;
    struct xccdf_check_iterator *ci = xccdf_rule_get_checks(xr);
    while (!found && xccdf_check_iterator_has_more(ci)) {
        struct xccdf_check *c = xccdf_check_iterator_next(ci);
        const char *sys = xccdf_check_get_system(c);
        if (sys && strcmp(sys, FS_CHECK_SYSTEM) == 0)
            found = c;
    }
    xccdf_check_iterator_free(ci);
    return found ? xccdf_check_clone(found) : NULL;
}

static int add_rule_results(const struct fs_report *r, const struct fs_host_result *h,
                            struct xccdf_result *xr, const char *time)
{
    struct xccdf_benchmark *xb = fs_benchmark_xccdf(r->benchmark);
    const struct fs_benchmark *b = r->benchmark;
    /* every rule of the benchmark in its order: the host's results (in the same order) where
     * the profile selected it, notselected elsewhere, as libopenscap's own evaluation does */
    size_t k = 0;
    for (size_t i = 0; i < b->nrules; i++) {
        const struct fs_rule *rule = &b->rules[i];
        struct xccdf_item *item = xccdf_benchmark_get_item(xb, rule->xccdf_id);
        if (!item || xccdf_item_get_type(item) != XCCDF_RULE)
            return FS_ERR_ENGINE;
        struct xccdf_rule *xrule = xccdf_item_to_rule(item);
        const struct fs_rule_result *res = NULL;
        for (size_t j = k; j < h->nresults && !res; j++) {
            if (h->results[j].rule == rule) {
                res = &h->results[j];
                k = j + 1;
            }
        }
        struct xccdf_rule_result *rr = xccdf_rule_result_new();
        if (!rr)
            return FS_ERR_NOMEM;
        xccdf_rule_result_set_idref(rr, rule->xccdf_id);
        xccdf_rule_result_set_role(rr, xccdf_rule_get_role(xrule));
        xccdf_rule_result_set_time(rr, time);
        xccdf_rule_result_set_severity(rr, xccdf_rule_get_severity(xrule));
        xccdf_rule_result_set_weight(rr, xccdf_item_get_weight(item));
        xccdf_rule_result_set_result(rr,
                                     res ? (xccdf_test_result_type_t)fs_result_xccdf(res->result)
                                         : XCCDF_RESULT_NOT_SELECTED);
        if (res && res->waiver &&
            add_override(rr, res->waiver, (xccdf_test_result_type_t)fs_result_xccdf(res->result)) !=
                FS_OK) {
            xccdf_rule_result_free(rr);
            return FS_ERR_NOMEM;
        }
        if (res && res->evidence && *res->evidence) {
            char *ev = fs_printable_dup(res->evidence);
            struct xccdf_message *m = xccdf_message_new();
            /* libopenscap 1.3.7 exports XCCDF_MSG_ERROR as "high", which the schema
             * rejects; the rule result itself carries the error. */
            xccdf_message_set_severity(m, XCCDF_MSG_INFO);
            xccdf_message_set_content(m, ev ? ev : "");
            xccdf_rule_result_add_message(rr, m);
            free(ev);
        }
        struct xccdf_check *c = res ? rule_check(xrule) : NULL;
        if (c)
            xccdf_rule_result_add_check(rr, c);
        xccdf_result_add_rule_result(xr, rr);
    }
    return FS_OK;
}

static int add_setvalues(const struct fs_benchmark *b, struct xccdf_policy *pol,
                         struct xccdf_result *xr)
{
    struct xccdf_benchmark *xb = fs_benchmark_xccdf(b);
    for (size_t i = 0; i < b->nvalues; i++) {
        struct xccdf_item *item = xccdf_benchmark_get_item(xb, b->value_ids[i]);
        if (!item)
            continue;
        const char *val = xccdf_policy_get_value_of_item(pol, item); /* NULL: empty */
        struct xccdf_setvalue *sv = xccdf_setvalue_new();
        if (!sv)
            return FS_ERR_NOMEM;
        xccdf_setvalue_set_item(sv, b->value_ids[i]);
        xccdf_setvalue_set_value(sv, val ? val : "");
        xccdf_result_add_setvalue(xr, sv);
    }
    return FS_OK;
}

static int test_result(const struct fs_report *r, size_t i, struct xccdf_result **out)
{
    const struct fs_host_result *h = &r->hosts[i];
    const struct fs_host *host = h->host;
    struct xccdf_policy *pol = fs_benchmark_policy(r->benchmark, h->profile_id);
    *out = NULL;
    if (!pol)
        return FS_ERR_NOTFOUND;
    struct xccdf_result *xr = xccdf_result_new();
    if (!xr)
        return FS_ERR_NOMEM;
    char id[200];
    fs_xccdf_result_id(id, sizeof id, r, i);
    xccdf_result_set_id(xr, id);
    xccdf_result_set_test_system(xr, "floorscan " FS_VERSION);
    const char *start = h->started[0] ? h->started : r->started;
    const char *end = h->finished[0] ? h->finished : r->finished;
    if (*start)
        xccdf_result_set_start_time(xr, start);
    if (*end)
        xccdf_result_set_end_time(xr, end);
    xccdf_result_set_profile(xr, h->profile_id);
    add_target(xr, host->name, host->address);
    if (host->user || host->local) {
        struct xccdf_identity *ident = xccdf_identity_new();
        char *user = fs_printable_dup(host->user ? host->user : "local");
        xccdf_identity_set_name(ident, user ? user : "");
        free(user);
        xccdf_identity_set_authenticated(ident, !host->local);
        xccdf_identity_set_privileged(ident, h->privileged);
        xccdf_result_add_identity(xr, ident);
    }
    add_fact(xr, "urn:xccdf:fact:asset:identifier:host_name", h->hostname);
    add_fact(xr, "urn:floorscan:fact:os", h->os);
    add_fact(xr, "urn:floorscan:fact:kernel", h->kernel);
    add_fact(xr, "urn:floorscan:fact:role", host->role);
    add_fact(xr, "urn:floorscan:fact:zone", host->zone);
    int rc = add_setvalues(r->benchmark, pol, xr);
    if (!rc)
        rc = add_rule_results(r, h, xr, end);
    if (rc) {
        xccdf_result_free(xr);
        return rc;
    }
    if (r->incomplete) {
        /* every TestResult of an interrupted run says the run is incomplete */
        char remark[200];
        snprintf(remark, sizeof remark, "incomplete run: %s", r->incomplete_reason);
        add_remark(xr, remark);
    }
    add_score(xr, "urn:floorscan:scoring:severity-weighted", &h->score);
    /* the score counting waived results by their raw status, beside it */
    if (h->score.waived)
        add_score_value(xr, "urn:floorscan:scoring:severity-weighted:unwaived",
                        h->score.has_unwaived, h->score.unwaived);
    for (int p = 0; p < FS_PRINCIPLES; p++) {
        char sys[64];
        snprintf(sys, sizeof sys, "urn:floorscan:scoring:severity-weighted:P%d", p + 1);
        add_score(xr, sys, &h->principles[p]);
    }
    struct xccdf_score *def = xccdf_policy_get_score(pol, xr, "urn:xccdf:scoring:default");
    if (def)
        xccdf_result_add_score(xr, def);
    *out = xr;
    return FS_OK;
}

/* One verdict of the fleet analysis as a remark: "zone production: fail: EVIDENCE (ROLL-UP)". */
static int verdict_remark(struct xccdf_result *xr, const char *what, const struct fs_buf *label,
                          const struct fs_fleet_result *res, const struct fs_buf *summary)
{
    struct fs_buf b;
    fs_buf_init(&b, 64 * (size_t)FS_EVIDENCE_MAX);
    const char *ev = res->evidence ? res->evidence : "";
    int rc = fs_buf_addf(&b, "%s %s: %s", what, fs_buf_cstr(label), fs_result_name(res->result));
    if (!rc && *ev)
        rc = fs_buf_addf(&b, ": %s", ev);
    if (!rc && summary->len)
        rc = fs_buf_addf(&b, " (%s)", fs_buf_cstr(summary));
    if (!rc && !add_remark(xr, fs_buf_cstr(&b)))
        rc = FS_ERR_NOMEM;
    fs_buf_dispose(&b);
    return rc;
}

/* The fleet analysis over the site model as a TestResult of its own, after the hosts': target
 * "site:FILE", a remark per zone and per conduit verdict (a rule-result must name a rule of
 * the benchmark, and zones and conduits are none), facts on the model and the flows, and as
 * score the share of the verdicts that pass. Hosts' TestResults are not touched. */
static int site_result(const struct fs_report *r, struct xccdf_result **out)
{
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    struct fs_buf label, sum;
    int rc = FS_OK;
    unsigned judged = 0, passed = 0;
    *out = NULL;
    struct xccdf_result *xr = xccdf_result_new();
    if (!xr)
        return FS_ERR_NOMEM;
    fs_buf_init(&label, FS_EVIDENCE_MAX);
    fs_buf_init(&sum, FS_EVIDENCE_MAX);
    xccdf_result_set_id(xr, FS_XCCDF_SITE_RESULT_ID);
    xccdf_result_set_test_system(xr, "floorscan " FS_VERSION);
    if (*r->started)
        xccdf_result_set_start_time(xr, r->started);
    if (*r->finished)
        xccdf_result_set_end_time(xr, r->finished);
    char target[300];
    snprintf(target, sizeof target, "site:%s", fs_fleet_site_name(s));
    add_target(xr, target, NULL);
    add_fact(xr, "urn:floorscan:fact:site:sha256", s->sha256);
    char num[32];
    snprintf(num, sizeof num, "%zu", f->nflows);
    add_fact(xr, "urn:floorscan:fact:site:flows", num);
    snprintf(num, sizeof num, "%zu", f->violations);
    add_fact(xr, "urn:floorscan:fact:site:violations", num);
    snprintf(num, sizeof num, "%zu", f->hosts_unread);
    add_fact(xr, "urn:floorscan:fact:site:hosts_unread", num);
    for (size_t i = 0; i < s->nzones && !rc; i++) {
        fs_buf_reset(&label);
        fs_buf_reset(&sum);
        if (!(rc = fs_buf_add_printable(&label, s->zones[i].name, strlen(s->zones[i].name))) &&
            !(rc = fs_fleet_zone_rollup(&sum, &s->zones[i], &f->zones[i])))
            rc = verdict_remark(xr, "zone", &label, &f->zones[i].result, &sum);
        judged += f->zones[i].result.result != FS_RESULT_NOTAPPLICABLE;
        passed += f->zones[i].result.result == FS_RESULT_PASS;
    }
    for (size_t i = 0; i < s->nconduits && !rc; i++) {
        fs_buf_reset(&label);
        fs_buf_reset(&sum);
        if (!(rc = fs_fleet_conduit_label(&label, s, i)) &&
            !(rc = fs_fleet_conduit_summary(&sum, &s->conduits[i], &f->conduits[i])))
            rc = verdict_remark(xr, "conduit", &label, &f->conduits[i].result, &sum);
        judged += f->conduits[i].result.result != FS_RESULT_NOTAPPLICABLE;
        passed += f->conduits[i].result.result == FS_RESULT_PASS;
    }
    if (!rc && !add_remark(xr, "the IEC 62443-3-3 roll-up per zone is a roll-up of evidence, "
                               "not a certification claim"))
        rc = FS_ERR_NOMEM;
    if (!rc && r->incomplete) {
        char remark[200];
        snprintf(remark, sizeof remark, "incomplete run: %s", r->incomplete_reason);
        if (!add_remark(xr, remark))
            rc = FS_ERR_NOMEM;
    }
    /* XCCDF wants a score: the share of zone and conduit verdicts that pass */
    add_score_value(xr, "urn:floorscan:scoring:zones-conduits", true,
                    judged ? 100.0 * passed / judged : 100.0);
    fs_buf_dispose(&label);
    fs_buf_dispose(&sum);
    if (rc) {
        xccdf_result_free(xr);
        return rc;
    }
    *out = xr;
    return FS_OK;
}

/* The override of rule idref in the TestResult of host i gets its "time" attribute: the day the
 * waiver was approved (XCCDF requires it; see add_override for why libopenscap does not set it). */
static void override_time(const struct fs_report *r, size_t i, xmlNodePtr rr)
{
    xmlChar *idref = xmlGetProp(rr, BAD_CAST "idref");
    const struct fs_host_result *h = &r->hosts[i];
    for (size_t k = 0; idref && k < h->nresults; k++) {
        const struct fs_rule_result *res = &h->results[k];
        if (!res->waiver || xmlStrcmp(idref, BAD_CAST res->rule->xccdf_id) != 0)
            continue;
        char when[32];
        snprintf(when, sizeof when, "%sT00:00:00Z", res->waiver->approved);
        for (xmlNodePtr o = rr->children; o; o = o->next)
            if (o->type == XML_ELEMENT_NODE && xmlStrcmp(o->name, BAD_CAST "override") == 0)
                xmlSetProp(o, BAD_CAST "time", BAD_CAST when);
    }
    xmlFree(idref);
}

/* The override times of the TestResult of host i (a TestResult element). */
static void set_override_times(const struct fs_report *r, size_t i, xmlNodePtr t)
{
    for (xmlNodePtr rr = t->children; rr; rr = rr->next)
        if (rr->type == XML_ELEMENT_NODE && xmlStrcmp(rr->name, BAD_CAST "rule-result") == 0)
            override_time(r, i, rr);
}

/* Removes xr from the benchmark's results (which frees it). */
static void drop_result(struct xccdf_benchmark *b, const struct xccdf_result *xr)
{
    struct xccdf_result_iterator *it = xccdf_benchmark_get_results(b);
    while (xccdf_result_iterator_has_more(it)) {
        if (xccdf_result_iterator_next(it) == xr) {
            xccdf_result_iterator_remove(it);
            break;
        }
    }
    xccdf_result_iterator_free(it);
}

/* An exported document read back (libopenscap exports to memory; libxml lays it out). */
static xmlDocPtr read_source(struct oscap_source *src, const char *name)
{
    char *raw = NULL;
    size_t len = 0;
    xmlDocPtr doc = NULL;
    if (src && oscap_source_get_raw_memory(src, &raw, &len) == 0 && raw && len <= (size_t)INT_MAX)
        doc = xmlReadMemory(raw, (int)len, name, "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE);
    free(raw);
    oscap_source_free(src);
    return doc;
}

/* The TestResult of host i (i == r->n: the site's) laid out as a child of the Benchmark
 * element, into b. The result
 * is added to the benchmark only while it is exported (for the XCCDF version and namespace)
 * and freed right after: one host's TestResult in memory at a time. */
static int host_text(const struct fs_report *r, struct xccdf_benchmark *bench, size_t i,
                     struct fs_buf *b)
{
    struct xccdf_result *xr = NULL;
    int rc = i < r->n ? test_result(r, i, &xr) : site_result(r, &xr);
    if (rc)
        return rc;
    xccdf_benchmark_add_result(bench, xr); /* the benchmark owns it now */
    xmlDocPtr doc = read_source(xccdf_result_export_source(xr, "testresult.xml"), "testresult.xml");
    oscap_clearerr(); /* a TestResult exported alone has no benchmark href: expected here */
    drop_result(bench, xr);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    /* Under a Benchmark element that holds its namespace declarations, as in the whole
     * document: the TestResult is laid out without repeating them. */
    xmlNodePtr wrap = root ? xmlNewDocNode(doc, NULL, BAD_CAST "Benchmark", NULL) : NULL;
    if (wrap) {
        wrap->nsDef = root->nsDef;
        root->nsDef = NULL;
        xmlDocSetRootElement(doc, wrap);
        xmlAddChild(wrap, root);
    }
    xmlBufferPtr xb = wrap ? xmlBufferCreate() : NULL;
    if (!xb) {
        xmlFreeDoc(doc);
        return FS_ERR_NOMEM;
    }
    if (r->waivers && i < r->n)
        set_override_times(r, i, root);
    rc = xmlNodeDump(xb, doc, root, 1, 1) < 0 ? FS_ERR_NOMEM : FS_OK;
    if (!rc)
        rc = fs_buf_adds(b, "  ");
    if (!rc)
        rc = fs_buf_add(b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    if (!rc)
        rc = fs_buf_adds(b, "\n");
    xmlBufferFree(xb);
    xmlFreeDoc(doc);
    return rc;
}

int fs_xccdf_results_write(const struct fs_report *r, struct fs_outstream *out, struct fs_buf *err)
{
    static const char end_tag[] = "</Benchmark>";
    xmlChar *head = NULL;
    int hlen = 0, rc = FS_OK;
    struct fs_buf b;
    fs_buf_init(&b, FS_OUTSTREAM_CHUNK_MAX);
    /* a copy, so the TestResults added one at a time never touch the loaded benchmark */
    struct xccdf_benchmark *clone = xccdf_benchmark_clone(fs_benchmark_xccdf(r->benchmark));
    xmlDocPtr doc = clone ? read_source(xccdf_benchmark_export_source(clone, "results-xccdf.xml"),
                                        "results-xccdf.xml")
                          : NULL;
    if (doc)
        xmlDocDumpFormatMemoryEnc(doc, &head, &hlen, "UTF-8", 1);
    const char *tail = NULL;
    for (const char *p = head ? (const char *)head : NULL; p && (p = strstr(p, end_tag)); p++)
        tail = p; /* the last one closes the document */
    if (!tail) {
        fs_buf_try_addf(err, "cannot export the XCCDF benchmark");
        rc = FS_ERR_IO;
        goto out;
    }
    /* TestResults come after the rules and groups, last in a Benchmark without a signature */
    if ((rc = fs_outstream_write(out, (const char *)head, (size_t)(tail - (const char *)head))))
        goto out;
    for (size_t i = 0; i < r->n; i++) {
        if (!r->hosts[i].evaluated)
            continue; /* never scanned: no rule ran, results.json says why */
        if ((rc = host_text(r, clone, i, &b)) != FS_OK) {
            fs_buf_try_addf(err, "cannot build the TestResult of %s: %s", r->hosts[i].host->name,
                            fs_strerror(rc));
            goto out;
        }
        if ((rc = fs_outstream_flush(out, &b)))
            goto out;
    }
    /* with a site model: the fleet analysis, after every host's */
    if (r->site && r->fleet) {
        if ((rc = host_text(r, clone, r->n, &b)) != FS_OK) {
            fs_buf_try_addf(err, "cannot build the TestResult of the site: %s", fs_strerror(rc));
            goto out;
        }
        if ((rc = fs_outstream_flush(out, &b)))
            goto out;
    }
    rc = fs_outstream_write(out, tail, strlen(tail));
out:
    fs_buf_dispose(&b);
    xmlFree(head);
    xmlFreeDoc(doc);
    xccdf_benchmark_free(clone);
    return rc;
}

static void set_all_override_times(const struct fs_report *r, xmlNodePtr bench)
{
    for (xmlNodePtr t = bench ? bench->children : NULL; t; t = t->next) {
        if (t->type != XML_ELEMENT_NODE || xmlStrcmp(t->name, BAD_CAST "TestResult") != 0)
            continue;
        xmlChar *id = xmlGetProp(t, BAD_CAST "id");
        size_t host = r->n;
        for (size_t i = 0; id && i < r->n && host == r->n; i++) {
            char want[200];
            fs_xccdf_result_id(want, sizeof want, r, i);
            if (r->hosts[i].evaluated && xmlStrcmp(id, BAD_CAST want) == 0)
                host = i;
        }
        xmlFree(id);
        if (host < r->n)
            set_override_times(r, host, t);
    }
}

int fs_xccdf_results_doc(const struct fs_report *r, xmlDocPtr *out, struct fs_buf *err)
{
    char *raw = NULL;
    size_t len = 0;
    struct oscap_source *src = NULL;
    int rc = FS_OK;
    *out = NULL;
    struct xccdf_benchmark *clone = xccdf_benchmark_clone(fs_benchmark_xccdf(r->benchmark));
    if (!clone) {
        fs_buf_try_addf(err, "cannot copy the benchmark");
        return FS_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->n; i++) {
        if (!r->hosts[i].evaluated)
            continue; /* never scanned: no rule ran, results.json says why */
        struct xccdf_result *xr = NULL;
        if ((rc = test_result(r, i, &xr)) != FS_OK) {
            fs_buf_try_addf(err, "cannot build the TestResult of %s: %s", r->hosts[i].host->name,
                            fs_strerror(rc));
            goto out;
        }
        xccdf_benchmark_add_result(clone, xr); /* the clone owns it now */
    }
    if (r->site && r->fleet) {
        struct xccdf_result *xr = NULL;
        if ((rc = site_result(r, &xr)) != FS_OK) {
            fs_buf_try_addf(err, "cannot build the TestResult of the site: %s", fs_strerror(rc));
            goto out;
        }
        xccdf_benchmark_add_result(clone, xr);
    }
    src = xccdf_benchmark_export_source(clone, "results-xccdf.xml");
    if (!src || oscap_source_get_raw_memory(src, &raw, &len) != 0 || !raw) {
        fs_buf_try_addf(err, "cannot export the XCCDF results");
        rc = FS_ERR_IO;
        goto out;
    }
    if (len > (size_t)INT_MAX || !(*out = xmlReadMemory(raw, (int)len, "results-xccdf.xml", "UTF-8",
                                                        XML_PARSE_NONET | XML_PARSE_HUGE))) {
        fs_buf_try_addf(err, "the XCCDF results are not well-formed XML");
        rc = FS_ERR_PARSE;
    } else if (r->waivers) {
        set_all_override_times(r, xmlDocGetRootElement(*out));
    }
out:
    free(raw);
    oscap_source_free(src);
    xccdf_benchmark_free(clone);
    return rc;
}
