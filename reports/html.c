/* SPDX-License-Identifier: Apache-2.0 */
/* report.html: one self-contained page (inline style and script, hashed into a strict CSP). */
#include "html.h"
#include "../scanner/core/err.h"
#include "../scanner/core/limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fleets up to this size open every host's rule table on load; larger ones build a host's
 * table when it is opened (or printed), so first paint does not wait for every row. */
#define FS_HTML_OPEN_HOSTS 25

static int head(struct fs_buf *b, const struct fs_report *r)
{
    char css[64], js[64];
    int rc = fs_html_csp_hash(fs_html_css, css);
    if (rc == FS_OK)
        rc = fs_html_csp_hash(fs_html_js, js);
    if (rc != FS_OK)
        return rc;
    rc |=
        fs_buf_addf(b,
                    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src %s; script-src %s; base-uri 'none'; "
                    "form-action 'none'\">\n"
                    "<meta name=\"referrer\" content=\"no-referrer\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"floorscan %s\">\n<title>floorscan report ",
                    css, js, FS_VERSION);
    rc |= fs_html_escape(b, r->finished);
    rc |= fs_buf_adds(b, "</title>\n<style>");
    rc |= fs_buf_adds(b, fs_html_css);
    rc |= fs_buf_adds(b, "</style></head>\n<body>\n<header><h1>floorscan compliance report</h1>"
                         "<p class=\"meta\">Benchmark ");
    rc |= fs_html_escape(b, r->benchmark->id);
    rc |= fs_buf_adds(b, " version ");
    rc |= fs_html_escape(b, r->benchmark->version);
    if (r->benchmark->tailoring_path) {
        rc |= fs_buf_adds(b, "; tailoring ");
        rc |= fs_html_escape(b, r->benchmark->tailoring_path);
        rc |= fs_buf_adds(b, " (");
        rc |= fs_html_text(b, r->benchmark->tailoring_id, "no id");
        rc |= fs_buf_adds(b, ")");
    }
    rc |= fs_buf_adds(b, "; scan ");
    rc |= fs_html_text(b, r->started, "?");
    rc |= fs_buf_adds(b, " to ");
    rc |= fs_html_text(b, r->finished, "?");
    rc |= fs_buf_addf(b, "; floorscan %s</p></header>\n", FS_VERSION);
    return rc;
}

static int options(struct fs_buf *b, const struct fs_report *r, bool zone)
{
    int rc = FS_OK;
    for (size_t i = 0; i < r->n; i++) {
        const char *v = zone ? r->hosts[i].host->zone : r->hosts[i].host->role;
        if (!v || !*v)
            continue;
        bool dup = false;
        for (size_t k = 0; k < i && !dup; k++) {
            const char *w = zone ? r->hosts[k].host->zone : r->hosts[k].host->role;
            dup = w && strcmp(v, w) == 0;
        }
        if (dup)
            continue;
        /* the value the filter compares is the printable form, as in the embedded data */
        rc |= fs_buf_adds(b, "<option value=\"");
        rc |= fs_html_escape(b, v);
        rc |= fs_buf_adds(b, "\">");
        rc |= fs_html_escape(b, v);
        rc |= fs_buf_adds(b, "</option>");
    }
    return rc;
}

static int filters(struct fs_buf *b, const struct fs_report *r)
{
    int rc = fs_buf_adds(
        b, "<nav class=\"filters\" aria-label=\"Filters\">"
           "<label>Status <select id=\"f-status\"><option value=\"\">any</option>"
           "<option>fail</option><option>error</option><option value=\"fail|error\">fail or "
           "error</option><option>pass</option><option>notchecked</option>"
           "<option>notapplicable</option><option>informational</option>"
           "<option>unknown</option><option>waived</option>"
           "<option value=\"open\">fail or error, not waived</option></select></label>"
           "<label>Severity <select id=\"f-severity\"><option value=\"\">any</option>"
           "<option>high</option><option>medium</option><option>low</option>"
           "<option>info</option></select></label>"
           "<label>Principle <select id=\"f-principle\"><option value=\"\">any</option>");
    for (int p = 0; p < FS_PRINCIPLES; p++) {
        rc |= fs_buf_addf(b, "<option value=\"P%d\">", p + 1);
        rc |= fs_html_principle(b, r->benchmark, p);
        rc |= fs_buf_adds(b, "</option>");
    }
    rc |= fs_buf_adds(b, "</select></label><label>Zone <select id=\"f-zone\">"
                         "<option value=\"\">any</option>");
    rc |= options(b, r, true);
    rc |= fs_buf_adds(b, "</select></label><label>Role <select id=\"f-role\">"
                         "<option value=\"\">any</option>");
    rc |= options(b, r, false);
    rc |= fs_buf_adds(b, "</select></label><label>Host <input id=\"f-host\" type=\"search\" "
                         "size=\"10\"></label><label>Text <input id=\"f-q\" type=\"search\" "
                         "size=\"16\" placeholder=\"rule, title, evidence\"></label>"
                         "<button id=\"expand\" type=\"button\">Expand all</button>"
                         "<button id=\"collapse\" type=\"button\">Collapse all</button>"
                         "<span id=\"f-info\" class=\"mute\"></span></nav>\n");
    return rc;
}

static int fact(struct fs_buf *b, const char *label, const char *v)
{
    int rc = fs_buf_addf(b, "<dt>%s</dt><dd>", label);
    rc |= fs_html_text(b, v, "\xe2\x80\x93");
    rc |= fs_buf_adds(b, "</dd>");
    return rc;
}

static int host(struct fs_buf *b, const struct fs_report *r, size_t i)
{
    const struct fs_host_result *h = &r->hosts[i];
    const struct fs_host *ho = h->host;
    int rc = fs_buf_addf(b, "<details class=\"host\" id=\"host-%zu\" data-i=\"%zu\"%s><summary>", i,
                         i, r->n <= FS_HTML_OPEN_HOSTS ? " open" : "");
    rc |= fs_html_escape(b, ho->name);
    rc |= fs_buf_adds(b, " ");
    rc |= fs_html_score_pair(b, "span", &h->score, "host score");
    rc |= fs_buf_addf(b, " <span class=\"mute\">%s", fs_host_status_name(h->status));
    if (ho->zone) {
        rc |= fs_buf_adds(b, " &middot; zone ");
        rc |= fs_html_escape(b, ho->zone);
    }
    if (ho->role) {
        rc |= fs_buf_adds(b, " &middot; role ");
        rc |= fs_html_escape(b, ho->role);
    }
    rc |= fs_buf_adds(b, "</span> <span class=\"cnt mute\"></span></summary><dl class=\"facts\">");
    char addr[16];
    snprintf(addr, sizeof addr, "%d", ho->port);
    rc |= fact(b, "Address", ho->address);
    rc |= fact(b, "Port", ho->local ? NULL : addr);
    rc |= fact(b, "Zone", ho->zone);
    rc |= fact(b, "Role", ho->role);
    rc |= fact(b, "Profile", h->profile_id);
    if (r->benchmark->tailoring_path)
        rc |= fact(b, "Tailoring", r->benchmark->tailoring_id);
    rc |= fact(b, "OS", h->os);
    rc |= fact(b, "Kernel", h->kernel);
    rc |= fact(b, "Hostname", h->hostname);
    rc |= fs_buf_adds(b, "<dt>Scanned</dt><dd>");
    rc |= fs_html_text(b, h->started, "\xe2\x80\x93");
    rc |= fs_buf_adds(b, " to ");
    rc |= fs_html_text(b, h->finished, "\xe2\x80\x93");
    rc |= fs_buf_adds(b, "</dd>");
    if (h->error)
        rc |= fact(b, h->status == FS_HOST_SCANNED ? "Note" : "Not scanned", h->error);
    if (h->status == FS_HOST_SCANNED) {
        rc |= fs_buf_addf(b, "<dt>Facts</dt><dd>%u proven", h->facts_proven);
        for (size_t k = 0; k < h->unproven.n; k++) {
            rc |= fs_buf_adds(b, k ? "; " : "; not proven: ");
            rc |= fs_html_escape(b, h->unproven.items[k].key);
            rc |= fs_buf_adds(b, " (");
            rc |= fs_html_escape(b, h->unproven.items[k].val);
            rc |= fs_buf_adds(b, ")");
        }
        rc |= fs_buf_adds(b, "</dd>");
    }
    rc |= fs_buf_adds(b, "</dl>");
    if (h->status == FS_HOST_SCANNED) {
        rc |= fs_buf_adds(b, "<table class=\"heat\"><tr>");
        for (int p = 0; p < FS_PRINCIPLES; p++) {
            rc |= fs_buf_addf(b, "<th title=\"");
            rc |= fs_html_escape(b, r->benchmark->principle_titles[p]);
            rc |= fs_buf_addf(b, "\">P%d</th>", p + 1);
        }
        rc |= fs_buf_adds(b, "</tr><tr>");
        for (int p = 0; p < FS_PRINCIPLES; p++) {
            char t[64];
            snprintf(t, sizeof t, "pass %u, fail %u, error %u, waived %u", h->principles[p].pass,
                     h->principles[p].fail, h->principles[p].error, h->principles[p].waived);
            rc |= fs_html_score_pair(b, "td", &h->principles[p], t);
        }
        rc |= fs_buf_addf(b,
                          "</tr></table><p>pass %u &middot; fail %u &middot; error %u "
                          "&middot; other %u &middot; questions open %u",
                          h->score.pass, h->score.fail, h->score.error, h->score.other,
                          h->score.manual);
        /* waived results are counted above by their raw status too */
        if (h->score.waived)
            rc |= fs_buf_addf(b, " &middot; <span class=\"st st-waived\">waived %u</span>",
                              h->score.waived);
        rc |= fs_buf_adds(b, "</p>");
    }
    rc |= fs_buf_adds(b, "<div class=\"rules\"></div></details>\n");
    return rc;
}

/* The report into b; with out, b is written out after each host's section and data, so the
 * page never sits in memory whole. */
static int html_write(const struct fs_report *r, struct fs_buf *b, struct fs_outstream *out)
{
    int rc = head(b, r);
    if (rc != FS_OK)
        return rc;
    rc |= filters(b, r);
    rc |= fs_buf_adds(b, "<main>\n");
    if (r->incomplete) {
        rc |= fs_buf_adds(b, "<section id=\"incomplete\" class=\"incomplete\" role=\"alert\">"
                             "<h2>Incomplete run</h2><p>");
        rc |= fs_html_escape(b, r->incomplete_reason);
        rc |= fs_buf_adds(b, ". Hosts the scan did not reach are listed as not-scanned; their "
                             "rules were not judged.</p></section>\n");
    }
    rc |= fs_html_fleet(b, r);
    rc |= fs_html_zones(b, r);
    rc |= fs_html_drift(b, r);
    rc |= fs_html_waivers(b, r);
    rc |= fs_buf_adds(b, "\n<section id=\"hosts\"><h2>Hosts</h2>\n");
    for (size_t i = 0; i < r->n && !rc; i++) {
        rc |= host(b, r, i);
        if (!rc && out)
            rc = fs_outstream_flush(out, b);
    }
    rc |= fs_buf_adds(b, "</section></main>\n<script id=\"fs-data\" type=\"application/json\">");
    rc |= fs_html_data(b, r, out);
    rc |= fs_buf_adds(b, "</script>\n<script>");
    rc |= fs_buf_adds(b, fs_html_js);
    rc |= fs_buf_adds(b, "</script>\n</body></html>\n");
    if (!rc && out)
        rc = fs_outstream_flush(out, b);
    return rc ? FS_ERR_NOMEM : FS_OK;
}

int fs_report_html_doc(const struct fs_report *r, struct fs_buf *b)
{
    return html_write(r, b, NULL);
}

int fs_report_html(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                   struct fs_buf *err)
{
    struct fs_buf b;
    struct fs_outstream out;
    fs_buf_init(&b, FS_REPORT_HTML_MAX);
    int rc = fs_outstream_open(&out, dir, file, true, err);
    if (!rc && (rc = html_write(r, &b, &out)) != FS_OK && !out.rc)
        fs_buf_try_addf(err, "%s/%s: cannot build the HTML report: %s", dir->path, file,
                        fs_strerror(rc));
    if (!rc)
        rc = fs_outstream_commit(&out);
    fs_outstream_dispose(&out);
    fs_buf_dispose(&b);
    return rc;
}
