/* SPDX-License-Identifier: Apache-2.0 */
/* results-junit.xml: a JUnit test report (one testsuite per host, one testcase per rule) for
 * the test views of Jenkins, GitLab and GitHub, written with libxml2's xmlTextWriter. */
#include "report.h"
#include "fleet_text.h"
#include "../scanner/core/err.h"
#include "../scanner/core/limits.h"
#include "../scanner/zones/fleet.h"
#include "../scanner/zones/site.h"

#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The message attribute is a one-line headline; the element's text holds everything. */
#define FS_JUNIT_MESSAGE_MAX ((size_t)300)

struct jw {
    xmlTextWriterPtr w;
    const struct fs_benchmark *b;
    bool ok; /* false after the first writer error: the document is abandoned */
};

/* Device, inventory and benchmark text as printable UTF-8: XML 1.0 cannot hold control
 * characters, and libxml2 escapes markup but passes them through. */
static void attr(struct jw *j, const char *name, const char *value)
{
    char *p = fs_printable_dup(value ? value : "");
    j->ok &= p && xmlTextWriterWriteAttribute(j->w, BAD_CAST name, BAD_CAST p) >= 0;
    free(p);
}

static void attrf(struct jw *j, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void attrf(struct jw *j, const char *name, const char *fmt, ...)
{
    char v[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v, sizeof v, fmt, ap);
    va_end(ap);
    attr(j, name, v);
}

static void text(struct jw *j, const char *s)
{
    char *p = fs_printable_dup(s ? s : "");
    j->ok &= p && xmlTextWriterWriteString(j->w, BAD_CAST p) >= 0;
    free(p);
}

static void start(struct jw *j, const char *name)
{
    j->ok &= xmlTextWriterStartElement(j->w, BAD_CAST name) >= 0;
}

static void end(struct jw *j)
{
    j->ok &= xmlTextWriterEndElement(j->w) >= 0;
}

/* Seconds between two RFC 3339 UTC stamps; 0 when either is missing. */
static double seconds(const char *from, const char *to)
{
    struct tm a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    if (!from[0] || !to[0] || !strptime(from, "%Y-%m-%dT%H:%M:%SZ", &a) ||
        !strptime(to, "%Y-%m-%dT%H:%M:%SZ", &b))
        return 0;
    double d = difftime(timegm(&b), timegm(&a));
    return d > 0 ? d : 0;
}

/* "2026-11-24T03:53:02": the JUnit timestamp has no zone (Ant's schema forbids one); UTC. */
static void timestamp(struct jw *j, const char *rfc3339)
{
    char t[32];
    snprintf(t, sizeof t, "%.19s", rfc3339);
    if (strlen(t) == 19)
        attr(j, "timestamp", t);
}

static void property(struct jw *j, const char *name, const char *value)
{
    if (!value)
        return;
    start(j, "property");
    attr(j, "name", name);
    attr(j, "value", value);
    end(j);
}

/* A headline cut to FS_JUNIT_MESSAGE_MAX at a character boundary, "..." marking the cut; rc is
 * the status of building it, returned unless adding the mark fails. */
static int cut_headline(struct fs_buf *m, int rc)
{
    if (m->len <= FS_JUNIT_MESSAGE_MAX)
        return rc;
    size_t n = FS_JUNIT_MESSAGE_MAX;
    while (n && ((unsigned char)m->data[n] & 0xc0) == 0x80)
        n--;
    m->len = n;
    m->data[n] = '\0';
    return rc ? rc : fs_buf_adds(m, "...");
}

/* The headline: "[high] Title: evidence", cut at a character boundary. */
static void message(struct jw *j, const struct fs_rule *rule, const char *since, const char *detail)
{
    struct fs_buf m;
    fs_buf_init(&m, FS_JUNIT_MESSAGE_MAX * 4);
    /* the title and the detail are cut at the buffer's cap, then at the message's length */
    int rc = fs_buf_addf(&m, "[%s] ", fs_severity_name(rule->severity));
    if (!rc)
        rc = fs_buf_add_printable_cut(&m, rule->title, strlen(rule->title), NULL);
    /* before the detail, so a long evidence never cuts it off */
    if (!rc && since && *since) {
        rc = fs_buf_adds(&m, " (failing since ");
        if (!rc)
            rc = fs_buf_add_printable_cut(&m, since, strlen(since), NULL);
        if (!rc)
            rc = fs_buf_adds(&m, ")");
    }
    if (!rc && detail && *detail) {
        rc = fs_buf_adds(&m, ": ");
        if (!rc)
            rc = fs_buf_add_printable_cut(&m, detail, strlen(detail), NULL);
    }
    j->ok &= cut_headline(&m, rc) == FS_OK;
    attr(j, "message", fs_buf_cstr(&m));
    fs_buf_dispose(&m);
}

/* Text already made printable: written as it is, so its own line breaks stay. */
static void raw_text(struct jw *j, const struct fs_buf *b)
{
    j->ok &= xmlTextWriterWriteString(j->w, BAD_CAST fs_buf_cstr(b)) >= 0;
}

static int add_printable(struct fs_buf *b, const char *s)
{
    return fs_buf_add_printable(b, s ? s : "", s ? strlen(s) : 0);
}

/* failure / error: headline, then the evidence, severity, title and XCCDF id as text. */
static void finding(struct jw *j, const char *element, const char *type, const char *host_note,
                    const struct fs_rule_result *rr)
{
    const char *evidence = rr->evidence ? rr->evidence : "";
    struct fs_buf body;
    fs_buf_init(&body, FS_REPORT_JUNIT_CASE_MAX);
    start(j, element);
    attr(j, "type", type);
    const char *since = rr->result == FS_RESULT_FAIL ? rr->failing_since : NULL;
    message(j, rr->rule, since, host_note ? host_note : evidence);
    int rc = add_printable(&body, evidence);
    if (!rc)
        rc = fs_buf_addf(&body, "\n\nseverity: %s\ntitle: ", fs_severity_name(rr->rule->severity));
    if (!rc)
        rc = add_printable(&body, rr->rule->title);
    if (!rc)
        rc = fs_buf_adds(&body, "\nrule: ");
    if (!rc)
        rc = add_printable(&body, rr->rule->xccdf_id);
    if (!rc && since && *since) {
        rc = fs_buf_adds(&body, "\nfailing since: ");
        if (!rc)
            rc = add_printable(&body, since);
    }
    if (!rc && host_note) {
        rc = fs_buf_adds(&body, "\nhost: ");
        if (!rc)
            rc = add_printable(&body, host_note);
    }
    if (!rc)
        rc = fs_buf_add(&body, "\n", 1);
    j->ok &= rc == FS_OK;
    raw_text(j, &body);
    end(j);
    fs_buf_dispose(&body);
}

/* The principle as the test class: its title ("P3 Hardening devices"), or "P3" alone. */
static void classname(struct jw *j, int principle)
{
    char id[16];
    snprintf(id, sizeof id, "P%d", principle + 1);
    const char *title =
        principle >= 0 && principle < FS_PRINCIPLES ? j->b->principle_titles[principle] : NULL;
    if (!title || !*title) {
        attr(j, "classname", id);
        return;
    }
    size_t n = strlen(id);
    bool prefixed = strncmp(title, id, n) == 0 && (title[n] == ' ' || title[n] == '\0');
    char *p = fs_printable_dup(title);
    if (!p) {
        j->ok = false;
        return;
    }
    attrf(j, "classname", "%s%s%.200s", prefixed ? "" : id, prefixed ? "" : " ", p);
    free(p);
}

static void testcase(struct jw *j, const struct fs_host_result *h, const char *host_note,
                     const struct fs_rule_result *rr)
{
    start(j, "testcase");
    classname(j, rr->rule->principle);
    attr(j, "name", rr->rule->short_id);
    attr(j, "time", "0");
    if (rr->waiver) {
        /* waived: the pipeline goes on, the raw result and the waiver stay on the record */
        struct fs_buf m;
        fs_buf_init(&m, FS_REPORT_JUNIT_CASE_MAX);
        j->ok &= fs_buf_addf(&m, "%s, ", fs_result_name(rr->result)) == FS_OK &&
                 fs_report_waiver_line(&m, rr->waiver) == FS_OK;
        start(j, "skipped");
        attr(j, "message", fs_buf_cstr(&m));
        end(j);
        fs_buf_dispose(&m);
        if (rr->evidence && *rr->evidence) {
            start(j, "system-out");
            text(j, rr->evidence);
            end(j);
        }
        end(j);
        return;
    }
    switch (rr->result) {
    case FS_RESULT_FAIL:
        finding(j, "failure", fs_severity_name(rr->rule->severity), NULL, rr);
        break;
    case FS_RESULT_ERROR:
        finding(j, "error", h->status == FS_HOST_SCANNED ? "error" : fs_host_status_name(h->status),
                host_note, rr);
        break;
    case FS_RESULT_NOTCHECKED:
    case FS_RESULT_NOTAPPLICABLE:
    case FS_RESULT_UNKNOWN:
    case FS_RESULT_NOTSELECTED: {
        /* manual rules: the question the auditor must answer */
        const char *why = rr->result == FS_RESULT_NOTCHECKED && rr->rule->question
                              ? rr->rule->question
                              : rr->evidence;
        char *p = fs_printable_dup(why ? why : "");
        struct fs_buf m;
        fs_buf_init(&m, FS_REPORT_JUNIT_CASE_MAX);
        j->ok &= p && fs_buf_addf(&m, "%s: %s", fs_result_name(rr->result), p) == FS_OK;
        start(j, "skipped");
        attr(j, "message", fs_buf_cstr(&m));
        end(j);
        fs_buf_dispose(&m);
        free(p);
        break;
    }
    default: /* pass, informational, fixed: the evidence as output */
        if (rr->evidence && *rr->evidence) {
            start(j, "system-out");
            text(j, rr->evidence);
            end(j);
        }
        break;
    }
    end(j);
}

static void testsuite(struct jw *j, const struct fs_host_result *h, size_t id)
{
    const struct fs_host *host = h->host;
    bool scanned = h->status == FS_HOST_SCANNED;
    unsigned fail = 0, error = 0, skipped = 0;
    for (size_t i = 0; i < h->nresults; i++) {
        enum fs_result r = h->results[i].result;
        bool waived = h->results[i].waiver != NULL;
        fail += r == FS_RESULT_FAIL && !waived;
        error += r == FS_RESULT_ERROR && !waived;
        skipped += waived || r == FS_RESULT_NOTCHECKED || r == FS_RESULT_NOTAPPLICABLE ||
                   r == FS_RESULT_UNKNOWN || r == FS_RESULT_NOTSELECTED;
    }
    /* a host not scanned: one more testcase, in error, that says why */
    char note[512] = "";
    if (!scanned)
        snprintf(note, sizeof note, "host not scanned: %s%s%.400s", fs_host_status_name(h->status),
                 h->error ? ": " : "", h->error ? h->error : "");
    start(j, "testsuite");
    attr(j, "name", host->name);
    attrf(j, "tests", "%zu", h->nresults + !scanned);
    attrf(j, "failures", "%u", fail);
    attrf(j, "errors", "%u", error + !scanned);
    attrf(j, "skipped", "%u", skipped);
    attrf(j, "time", "%.3f", seconds(h->started, h->finished));
    timestamp(j, h->started);
    attr(j, "hostname", h->hostname && *h->hostname ? h->hostname : host->name);
    attrf(j, "id", "%zu", id);
    attr(j, "package", "floorscan");
    start(j, "properties");
    property(j, "address", host->address);
    property(j, "zone", host->zone);
    property(j, "role", host->role);
    property(j, "profile", h->profile_id);
    property(j, "status", fs_host_status_name(h->status));
    property(j, "error", h->error);
    property(j, "os", h->os);
    property(j, "kernel", h->kernel);
    if (h->score.has_score) {
        char s[32];
        snprintf(s, sizeof s, "%.1f", h->score.score);
        property(j, "score", s);
    }
    if (h->score.waived && h->score.has_unwaived) {
        char s[32];
        snprintf(s, sizeof s, "%.1f", h->score.unwaived);
        property(j, "score_unwaived", s);
        snprintf(s, sizeof s, "%u", h->score.waived);
        property(j, "waived", s);
    }
    end(j);
    if (!scanned) {
        start(j, "testcase");
        attr(j, "classname", "floorscan");
        attr(j, "name", "host scanned");
        attr(j, "time", "0");
        start(j, "error");
        attr(j, "type", fs_host_status_name(h->status));
        attr(j, "message", note);
        text(j, note);
        end(j);
        end(j);
    }
    for (size_t i = 0; i < h->nresults; i++)
        testcase(j, h, scanned ? NULL : note, &h->results[i]);
    /* a partial collection is worth a line in the CI view */
    if (scanned && h->error) {
        start(j, "system-err");
        text(j, h->error);
        end(j);
    }
    end(j);
}

/* An interrupted run: one suite whose one test errs, so a CI view shows it beside the hosts. */
static void incomplete_suite(struct jw *j, const struct fs_report *r)
{
    start(j, "testsuite");
    attr(j, "name", "floorscan run");
    attr(j, "tests", "1");
    attr(j, "failures", "0");
    attr(j, "errors", "1");
    attr(j, "skipped", "0");
    attrf(j, "time", "%.3f", seconds(r->started, r->finished));
    timestamp(j, r->started);
    attr(j, "hostname", "floorscan");
    attrf(j, "id", "%zu", r->n + (r->site && r->fleet));
    attr(j, "package", "floorscan");
    start(j, "testcase");
    attr(j, "name", "the run completed");
    attr(j, "classname", "floorscan.run");
    attr(j, "time", "0");
    start(j, "error");
    attr(j, "type", "incomplete");
    attr(j, "message", r->incomplete_reason);
    text(j, r->incomplete_reason);
    end(j);
    end(j);
    end(j);
}

/* The fleet's verdicts (with a site model): tests, failures, errors and skipped among them. */
static void fleet_counts(const struct fs_report *r, unsigned long c[4])
{
    const struct fs_fleet *f = r->fleet;
    memset(c, 0, 4 * sizeof c[0]);
    if (!r->site || !f)
        return;
    size_t n = r->site->nzones + r->site->nconduits;
    for (size_t i = 0; i < n; i++) {
        enum fs_result res = i < r->site->nzones ? f->zones[i].result.result
                                                 : f->conduits[i - r->site->nzones].result.result;
        c[0]++;
        c[1] += res == FS_RESULT_FAIL;
        c[2] += res == FS_RESULT_ERROR;
        c[3] += res != FS_RESULT_PASS && res != FS_RESULT_FAIL && res != FS_RESULT_ERROR;
    }
}

/* One zone's or conduit's verdict as a testcase: a failure or error carrying the evidence
 * (headline in the message, every line in the text), the summary beside it. */
static void fleet_case(struct jw *j, const char *classname, const struct fs_buf *name,
                       const struct fs_fleet_result *res, const struct fs_buf *summary)
{
    const char *ev = res->evidence ? res->evidence : "";
    start(j, "testcase");
    attr(j, "classname", classname);
    attr(j, "name", fs_buf_cstr(name));
    attr(j, "time", "0");
    const char *element = res->result == FS_RESULT_FAIL    ? "failure"
                          : res->result == FS_RESULT_ERROR ? "error"
                                                           : NULL;
    struct fs_buf m;
    fs_buf_init(&m, FS_JUNIT_MESSAGE_MAX * 4);
    j->ok &= cut_headline(&m, fs_buf_add_printable_cut(&m, ev, strlen(ev), NULL)) == FS_OK;
    if (element) {
        start(j, element);
        attr(j, "type", fs_result_name(res->result));
        attr(j, "message", fs_buf_cstr(&m));
        text(j, ev);
        end(j);
    } else if (res->result != FS_RESULT_PASS) {
        start(j, "skipped");
        attr(j, "message", fs_result_name(res->result));
        end(j);
    }
    start(j, "system-out");
    text(j, fs_buf_cstr(summary));
    if (!element && *ev) {
        text(j, "\n");
        text(j, ev);
    }
    end(j);
    end(j);
    fs_buf_dispose(&m);
}

/* With a site model: one suite, a testcase for each zone ("zone production") and each conduit
 * ("conduit engineering -> production tcp/22"), in the model's order. */
static void fleet_suite(struct jw *j, const struct fs_report *r)
{
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    unsigned long c[4];
    fleet_counts(r, c);
    start(j, "testsuite");
    attr(j, "name", "fleet: zones and conduits");
    attrf(j, "tests", "%lu", c[0]);
    attrf(j, "failures", "%lu", c[1]);
    attrf(j, "errors", "%lu", c[2]);
    attrf(j, "skipped", "%lu", c[3]);
    attrf(j, "time", "%.3f", seconds(r->started, r->finished));
    timestamp(j, r->started);
    attr(j, "hostname", fs_fleet_site_name(s));
    attrf(j, "id", "%zu", r->n);
    attr(j, "package", "floorscan");
    start(j, "properties");
    property(j, "site", s->path ? s->path : fs_fleet_site_name(s));
    property(j, "site_sha256", s->sha256[0] ? s->sha256 : NULL);
    char num[32];
    snprintf(num, sizeof num, "%zu", f->violations);
    property(j, "violations", num);
    snprintf(num, sizeof num, "%zu", f->hosts_unread);
    property(j, "hosts_unread", num);
    property(j, "note", "the IEC 62443 roll-up is a roll-up of evidence, not a certification");
    end(j);
    struct fs_buf name, summary;
    fs_buf_init(&name, FS_REPORT_JUNIT_CASE_MAX);
    fs_buf_init(&summary, FS_REPORT_JUNIT_CASE_MAX);
    for (size_t i = 0; i < s->nzones && j->ok; i++) {
        fs_buf_reset(&name);
        fs_buf_reset(&summary);
        j->ok &= fs_buf_adds(&name, "zone ") == FS_OK &&
                 fs_buf_add_printable(&name, s->zones[i].name, strlen(s->zones[i].name)) == FS_OK &&
                 fs_fleet_zone_rollup(&summary, &s->zones[i], &f->zones[i]) == FS_OK;
        fleet_case(j, "fleet.zone", &name, &f->zones[i].result, &summary);
    }
    for (size_t i = 0; i < s->nconduits && j->ok; i++) {
        fs_buf_reset(&name);
        fs_buf_reset(&summary);
        j->ok &= fs_buf_adds(&name, "conduit ") == FS_OK &&
                 fs_fleet_conduit_label(&name, s, i) == FS_OK &&
                 fs_fleet_conduit_summary(&summary, &s->conduits[i], &f->conduits[i]) == FS_OK;
        fleet_case(j, "fleet.conduit", &name, &f->conduits[i].result, &summary);
    }
    fs_buf_dispose(&name);
    fs_buf_dispose(&summary);
    end(j);
}

/* What the writer holds so far, written out and emptied. */
static void drain(struct jw *j, xmlBufferPtr buf, struct fs_outstream *out)
{
    j->ok &= xmlTextWriterFlush(j->w) >= 0;
    if (j->ok && fs_outstream_write(out, (const char *)xmlBufferContent(buf),
                                    (size_t)xmlBufferLength(buf)) != FS_OK)
        j->ok = false;
    xmlBufferEmpty(buf);
}

/* The document into buf; with out, what buf holds is written out after each host's testsuite
 * (one host in memory at a time). */
static int junit_write(const struct fs_report *r, xmlBufferPtr buf, struct fs_outstream *out)
{
    struct jw j = {.w = xmlNewTextWriterMemory(buf, 0), .b = r->benchmark, .ok = 1};
    if (!j.w)
        return FS_ERR_NOMEM;
    xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT); /* linear in a big fleet */
    xmlTextWriterSetIndent(j.w, 1);
    xmlTextWriterSetIndentString(j.w, BAD_CAST "  ");
    j.ok &= xmlTextWriterStartDocument(j.w, "1.0", "UTF-8", NULL) >= 0;
    unsigned long tests = 0, fail = 0, error = 0;
    for (size_t i = 0; i < r->n; i++) {
        const struct fs_host_result *h = &r->hosts[i];
        tests += h->nresults + (h->status != FS_HOST_SCANNED);
        error += h->status != FS_HOST_SCANNED;
        for (size_t k = 0; k < h->nresults; k++) {
            bool waived = h->results[k].waiver != NULL;
            fail += h->results[k].result == FS_RESULT_FAIL && !waived;
            error += h->results[k].result == FS_RESULT_ERROR && !waived;
        }
    }
    tests += r->incomplete;
    error += r->incomplete;
    unsigned long fc[4];
    fleet_counts(r, fc);
    tests += fc[0];
    fail += fc[1];
    error += fc[2];
    start(&j, "testsuites");
    attr(&j, "name", r->benchmark->id);
    attrf(&j, "tests", "%lu", tests);
    attrf(&j, "failures", "%lu", fail);
    attrf(&j, "errors", "%lu", error);
    attrf(&j, "time", "%.3f", seconds(r->started, r->finished));
    for (size_t i = 0; i < r->n && j.ok; i++) {
        testsuite(&j, &r->hosts[i], i);
        if (out)
            drain(&j, buf, out);
    }
    /* the fleet's zones and conduits after every host's suite, judged over all of them */
    if (r->site && r->fleet && j.ok)
        fleet_suite(&j, r);
    if (r->incomplete && j.ok)
        incomplete_suite(&j, r);
    end(&j);
    j.ok &= xmlTextWriterEndDocument(j.w) >= 0;
    if (out && j.ok)
        drain(&j, buf, out);
    xmlFreeTextWriter(j.w); /* flushes into buf */
    return j.ok ? FS_OK : FS_ERR_NOMEM;
}

int fs_report_junit_text(const struct fs_report *r, char **data, size_t *len)
{
    xmlBufferPtr buf = xmlBufferCreate();
    int rc = buf ? junit_write(r, buf, NULL) : FS_ERR_NOMEM;
    *data = NULL;
    *len = 0;
    if (rc)
        goto out;
    *len = (size_t)xmlBufferLength(buf);
    if (!(*data = malloc(*len + 1))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    memcpy(*data, xmlBufferContent(buf), *len);
    (*data)[*len] = '\0';
out:
    if (buf)
        xmlBufferFree(buf);
    if (rc)
        *len = 0;
    return rc;
}

int fs_report_junit(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                    struct fs_buf *err)
{
    struct fs_outstream out;
    xmlBufferPtr buf = xmlBufferCreate();
    int rc = fs_outstream_open(&out, dir, file, true, err);
    if (!rc && (rc = buf ? junit_write(r, buf, &out) : FS_ERR_NOMEM) != FS_OK && !out.rc)
        fs_buf_try_addf(err, "%s/%s: cannot build the JUnit document: %s", dir->path, file,
                        fs_strerror(rc));
    if (!rc)
        rc = fs_outstream_commit(&out);
    fs_outstream_dispose(&out);
    if (buf)
        xmlBufferFree(buf);
    return rc;
}
