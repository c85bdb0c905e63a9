/* SPDX-License-Identifier: Apache-2.0 */
/* results.csv: one RFC 4180 row per host and rule, safe to open in a spreadsheet. */
#include "report.h"
#include "fleet_text.h"
#include "../scanner/core/err.h"
#include "../scanner/core/limits.h"
#include "../scanner/core/util.h"
#include "../scanner/core/xccdf_ids.h"
#include "../scanner/zones/fleet.h"
#include "../scanner/zones/site.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every CSV a fleet can produce fits; past it the writer fails rather than cut rows. */

static const char *const header[] = {
    "host",
    "address",
    "zone",
    "role",
    "profile",
    "host_status",
    "host_error",
    "rule",
    "principle",
    "severity",
    "status",
    "title",
    "evidence",
    /* appended in 0.3: a waived result keeps its raw status, these say why and until when */
    "waived",
    "waiver_reason",
    "waiver_requested_by",
    "waiver_approved_by",
    "waiver_approved",
    "waiver_expires",
    "waiver_ticket",
    /* appended in 0.3 with the audit history: the start of the first stored run of a failed
     * result's current failing streak, empty when not known */
    "failing_since",
};
#define FS_CSV_COLS (sizeof header / sizeof header[0])

/* A cell a spreadsheet would run as a formula (OWASP CSV injection: =, +, -, @, tab, CR). */
static bool formula_start(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

int fs_csv_add_field(struct fs_buf *out, const char *s)
{
    bool neutral = formula_start(s);
    bool quote = neutral || strpbrk(s, ",\"\r\n") != NULL;
    int rc = FS_OK;
    if (quote && (rc = fs_buf_add(out, "\"", 1)))
        return rc;
    /* inside the quotes, so the quote character is part of the value a parser returns */
    if (neutral && (rc = fs_buf_add(out, "'", 1)))
        return rc;
    for (const char *p = s; *p && !rc;) {
        size_t n = strcspn(p, "\"");
        if (!(rc = fs_buf_add(out, p, n)) && p[n] == '"')
            rc = fs_buf_add(out, "\"\"", 2); /* doubled */
        p += n + (p[n] == '"');
    }
    if (rc)
        return rc;
    return quote ? fs_buf_add(out, "\"", 1) : FS_OK;
}

/* Adds a row of FS_CSV_COLS cells: printable text (fs_buf_add_printable), so no control
 * character or invalid UTF-8 from a device reaches the file, then quoted and neutralised. */
static int add_row(struct fs_buf *out, const char *const cells[FS_CSV_COLS])
{
    int rc = FS_OK;
    for (size_t i = 0; i < FS_CSV_COLS && !rc; i++) {
        char *p = fs_printable_dup(cells[i] ? cells[i] : "");
        if (!p)
            return FS_ERR_NOMEM;
        if (i)
            rc = fs_buf_add(out, ",", 1);
        if (!rc)
            rc = fs_csv_add_field(out, p);
        free(p);
    }
    return rc ? rc : fs_buf_add(out, "\r\n", 2);
}

static const char *profile_name(const char *id)
{
    const char *p = fs_after(id, FS_XCCDF_PROFILE_TAG);
    return p ? p : id;
}

static int host_rows(struct fs_buf *out, const struct fs_host_result *h)
{
    const struct fs_host *host = h->host;
    const char *cells[FS_CSV_COLS] = {
        host->name,
        host->address,
        host->zone,
        host->role,
        profile_name(h->profile_id),
        fs_host_status_name(h->status),
        h->error,
    };
    int rc = FS_OK;
    /* a host with no rule results still gets its row: it was not forgotten, it failed */
    if (h->nresults == 0) {
        cells[10] = fs_result_name(FS_RESULT_ERROR);
        cells[12] = h->error ? h->error : "host not scanned";
        return add_row(out, cells);
    }
    for (size_t i = 0; i < h->nresults && !rc; i++) {
        const struct fs_rule_result *rr = &h->results[i];
        char principle[16];
        snprintf(principle, sizeof principle, "P%d", rr->rule->principle + 1);
        cells[7] = rr->rule->short_id;
        cells[8] = principle;
        cells[9] = fs_severity_name(rr->rule->severity);
        cells[10] = fs_result_name(rr->result);
        cells[11] = rr->rule->title;
        cells[12] = rr->evidence;
        if (rr->result == FS_RESULT_NOTCHECKED && rr->rule->question &&
            (!rr->evidence || !*rr->evidence))
            cells[12] = rr->rule->question;
        const struct fs_waiver *w = rr->waiver;
        cells[13] = w ? "yes" : "no";
        cells[14] = w ? w->reason : NULL;
        cells[15] = w ? w->requested_by : NULL;
        cells[16] = w ? w->approved_by : NULL;
        cells[17] = w ? w->approved : NULL;
        cells[18] = w ? w->expires : NULL;
        cells[19] = w ? w->ticket : NULL;
        cells[20] = rr->result == FS_RESULT_FAIL ? rr->failing_since : NULL;
        rc = add_row(out, cells);
    }
    return rc;
}

/* One verdict of the fleet analysis: host "(fleet)", rule "zone:NAME" (principle P1,
 * segmentation) or "conduit:FROM->TO" (P2, data flows), the evidence then the summary. */
static int fleet_row(struct fs_buf *out, const char *zone, const char *rule, const char *principle,
                     const char *title, const struct fs_fleet_result *res, const char *summary)
{
    struct fs_buf ev;
    fs_buf_init(&ev, FS_REPORT_CSV_MAX);
    const char *e = res->evidence ? res->evidence : "";
    int rc = fs_buf_adds(&ev, e);
    if (!rc && *summary)
        rc = fs_buf_addf(&ev, "%s%s", *e ? "\n" : "", summary);
    if (!rc) {
        const char *cells[FS_CSV_COLS] = {"(fleet)",
                                          NULL,
                                          zone,
                                          NULL,
                                          NULL,
                                          NULL,
                                          NULL,
                                          rule,
                                          principle,
                                          NULL,
                                          fs_result_name(res->result),
                                          title,
                                          fs_buf_cstr(&ev)};
        rc = add_row(out, cells);
    }
    fs_buf_dispose(&ev);
    return rc;
}

/* With a site model: a row per zone and per conduit of the fleet analysis, after the hosts. */
static int fleet_rows(struct fs_buf *out, const struct fs_report *r)
{
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    if (!s || !f)
        return FS_OK;
    struct fs_buf rule, title, sum;
    fs_buf_init(&rule, FS_REPORT_CSV_MAX);
    fs_buf_init(&title, FS_REPORT_CSV_MAX);
    fs_buf_init(&sum, FS_REPORT_CSV_MAX);
    int rc = FS_OK;
    for (size_t i = 0; i < s->nzones && !rc; i++) {
        const struct fs_zone *z = &s->zones[i];
        fs_buf_reset(&rule);
        fs_buf_reset(&title);
        fs_buf_reset(&sum);
        if (!(rc = fs_buf_addf(&rule, "zone:%s", z->name)) &&
            !(rc = fs_buf_addf(&title, "Zone %s", z->name)) &&
            !(rc = fs_fleet_zone_rollup(&sum, z, &f->zones[i])))
            rc = fleet_row(out, z->name, fs_buf_cstr(&rule), "P1", fs_buf_cstr(&title),
                           &f->zones[i].result, fs_buf_cstr(&sum));
    }
    for (size_t i = 0; i < s->nconduits && !rc; i++) {
        const struct fs_conduit *c = &s->conduits[i];
        fs_buf_reset(&rule);
        fs_buf_reset(&title);
        fs_buf_reset(&sum);
        if (!(rc = fs_buf_addf(&rule, "conduit:%s->%s", s->zones[c->from].name,
                               s->zones[c->to].name)) &&
            !(rc = fs_buf_adds(&title, "Conduit ")) &&
            !(rc = fs_fleet_conduit_label(&title, s, i)) &&
            !(rc = fs_fleet_conduit_summary(&sum, c, &f->conduits[i])))
            rc = fleet_row(out, NULL, fs_buf_cstr(&rule), "P2", fs_buf_cstr(&title),
                           &f->conduits[i].result, fs_buf_cstr(&sum));
    }
    fs_buf_dispose(&rule);
    fs_buf_dispose(&title);
    fs_buf_dispose(&sum);
    return rc;
}

int fs_report_csv_text(const struct fs_report *r, struct fs_buf *out)
{
    int rc = add_row(out, header);
    for (size_t i = 0; i < r->n && !rc; i++)
        rc = host_rows(out, &r->hosts[i]);
    return rc ? rc : fleet_rows(out, r);
}

int fs_report_csv(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                  struct fs_buf *err)
{
    struct fs_buf text;
    struct fs_outstream out;
    fs_buf_init(&text, FS_REPORT_CSV_MAX);
    int rc = fs_outstream_open(&out, dir, file, true, err);
    if (!rc)
        rc = add_row(&text, header);
    /* a host's rows at a time */
    for (size_t i = 0; i < r->n && !rc; i++) {
        if ((rc = host_rows(&text, &r->hosts[i])) == FS_OK)
            rc = fs_outstream_flush(&out, &text);
    }
    /* the fleet's zones and conduits (with a site model), after every host's */
    if (!rc && (rc = fleet_rows(&text, r)) == FS_OK)
        rc = fs_outstream_flush(&out, &text);
    /* an interrupted run says so in a row of its own, after every host's */
    if (!rc && r->incomplete) {
        const char *cells[FS_CSV_COLS] = {
            "(run)", NULL, NULL, NULL, NULL, "incomplete", r->incomplete_reason};
        cells[10] = fs_result_name(FS_RESULT_ERROR);
        cells[12] = r->incomplete_reason;
        if ((rc = add_row(&text, cells)) == FS_OK)
            rc = fs_outstream_flush(&out, &text);
    }
    if (rc && !out.rc)
        fs_buf_try_addf(err, "%s/%s: cannot build the CSV: %s", dir->path, file, fs_strerror(rc));
    if (!rc)
        rc = fs_outstream_commit(&out);
    fs_outstream_dispose(&out);
    fs_buf_dispose(&text);
    return rc;
}
