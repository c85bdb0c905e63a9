/* SPDX-License-Identifier: Apache-2.0 */
/* report.html's fleet overview: score and gate, heat map, counts, worst hosts and rules. */
#include "html.h"
#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP 10

int fs_html_score_cell(struct fs_buf *b, const char *tag, bool has, double score, const char *title)
{
    int rc = fs_buf_addf(b, "<%s class=\"c ", tag);
    if (has)
        rc |= fs_buf_addf(b, "s%d", score >= 100.0 ? 10 : score <= 0 ? 0 : (int)(score / 10.0));
    else
        rc |= fs_buf_adds(b, "sn");
    rc |= fs_buf_adds(b, "\" title=\"");
    rc |= fs_html_escape(b, title);
    if (has)
        rc |= fs_buf_addf(b, "\">%.1f</%s>", score, tag);
    else
        rc |= fs_buf_addf(b, "\">&ndash;</%s>", tag);
    return rc ? FS_ERR_NOMEM : FS_OK;
}

/* A host's name (a link to its section), zone and role: the first cells of a host row. */
static int host_cells(struct fs_buf *b, const struct fs_host_result *h)
{
    int rc = fs_html_escape(b, h->host->name);
    rc |= fs_buf_adds(b, "</a></th><td>");
    rc |= fs_html_escape(b, h->host->zone);
    rc |= fs_buf_adds(b, "</td><td>");
    rc |= fs_html_escape(b, h->host->role);
    rc |= fs_buf_adds(b, "</td>");
    return rc;
}

static int gate(struct fs_buf *b, const struct fs_report *r, const struct fs_score *fleet)
{
    int rc = FS_OK;
    if (!r->has_fail_under && !r->fail_on)
        return fs_buf_adds(b, "<div class=\"card\">Gate<b>none</b><span class=\"mute\">no "
                              "--fail-under or --fail-on given</span></div>");
    bool under = r->has_fail_under && (!fleet->has_score || fleet->score < r->fail_under);
    unsigned severe = 0;
    for (size_t i = 0; r->fail_on && i < r->n; i++)
        for (size_t k = 0; k < r->hosts[i].nresults; k++)
            if (r->hosts[i].results[k].result == FS_RESULT_FAIL &&
                (int)r->hosts[i].results[k].rule->severity >= r->fail_on)
                severe++;
    bool failed = under || severe;
    rc |= fs_buf_addf(b, "<div class=\"card %s\" id=\"gate\">Gate<b>%s</b>",
                      failed ? "gate-fail" : "gate-pass", failed ? "failed" : "passed");
    if (r->has_fail_under)
        rc |= fs_buf_addf(b, "<div>--fail-under %.1f: fleet score %s</div>", r->fail_under,
                          under ? "below" : "at or above");
    if (r->fail_on)
        rc |= fs_buf_addf(b, "<div>--fail-on %s: %u failed result%s at or above</div>",
                          fs_severity_name((enum fs_severity)r->fail_on), severe,
                          severe == 1 ? "" : "s");
    rc |= fs_buf_adds(b, "</div>");
    return rc;
}

static int heat_map(struct fs_buf *b, const struct fs_report *r)
{
    int rc = fs_buf_adds(b, "<h3>Hosts &times; principles</h3><p class=\"legend\">Score: ");
    for (int s = 0; s <= 10; s++)
        rc |= fs_buf_addf(b, "<span class=\"s%d\">%d</span>", s, s * 10);
    rc |= fs_buf_adds(b, " <span class=\"sn\">&ndash; no score</span></p><div class=\"grid\">"
                         "<table class=\"heat\"><thead><tr><th>Host</th><th>Zone</th>"
                         "<th>Role</th><th>Score</th>");
    for (int p = 0; p < FS_PRINCIPLES; p++) {
        rc |= fs_buf_addf(b, "<th title=\"");
        rc |= fs_html_escape(b, r->benchmark->principle_titles[p]);
        rc |= fs_buf_addf(b, "\">P%d</th>", p + 1);
    }
    rc |= fs_buf_adds(b, "</tr></thead><tbody>");
    for (size_t i = 0; i < r->n; i++) {
        const struct fs_host_result *h = &r->hosts[i];
        rc |= fs_buf_addf(b, "<tr id=\"heat-%zu\"><th><a href=\"#host-%zu\">", i, i);
        rc |= host_cells(b, h);
        rc |= fs_html_score_cell(b, "td", h->score.has_score, h->score.score,
                                 fs_host_status_name(h->status));
        for (int p = 0; p < FS_PRINCIPLES; p++) {
            char t[32];
            snprintf(t, sizeof t, "P%d", p + 1);
            rc |=
                fs_html_score_cell(b, "td", h->principles[p].has_score, h->principles[p].score, t);
        }
        rc |= fs_buf_adds(b, "</tr>");
    }
    rc |= fs_buf_adds(b, "</tbody></table></div>");
    return rc;
}

static int counts(struct fs_buf *b, const struct fs_report *r)
{
    unsigned st[FS_RESULT_NOTSELECTED + 1] = {0};
    unsigned sev[FS_SEV_HIGH + 1][4] = {{0}}; /* pass fail error other */
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < r->hosts[i].nresults; k++) {
            const struct fs_rule_result *rr = &r->hosts[i].results[k];
            st[rr->result]++;
            int col = rr->result == FS_RESULT_PASS    ? 0
                      : rr->result == FS_RESULT_FAIL  ? 1
                      : rr->result == FS_RESULT_ERROR ? 2
                                                      : 3;
            sev[rr->rule->severity][col]++;
        }
    int rc = fs_buf_adds(b, "<div class=\"cards\"><div><h3>Results by status</h3><table>");
    for (int s = FS_RESULT_PASS; s <= FS_RESULT_NOTSELECTED; s++) {
        if (!st[s] && s > FS_RESULT_ERROR)
            continue;
        const char *n = fs_result_name((enum fs_result)s);
        rc |= fs_buf_addf(b,
                          "<tr><th><a href=\"#filter=status:%s\" class=\"st st-%s\">%s</a></th>"
                          "<td class=\"num\">%u</td></tr>",
                          n, n, n, st[s]);
    }
    rc |= fs_buf_adds(b, "<tr><th><span class=\"st st-waived\">waived</span></th>"
                         "<td class=\"num\">0</td></tr></table></div>"
                         "<div><h3>Results by severity</h3><table><tr><th>Severity</th>"
                         "<th class=\"num\">pass</th><th class=\"num\">fail</th>"
                         "<th class=\"num\">error</th><th class=\"num\">other</th></tr>");
    for (int s = FS_SEV_HIGH; s >= FS_SEV_UNKNOWN; s--) {
        if (!sev[s][0] && !sev[s][1] && !sev[s][2] && !sev[s][3])
            continue;
        const char *n = fs_severity_name((enum fs_severity)s);
        rc |= fs_buf_addf(b,
                          "<tr><th><a href=\"#filter=severity:%s\">%s</a></th><td "
                          "class=\"num\">%u</td><td class=\"num\">%u</td><td class=\"num\">%u</td>"
                          "<td class=\"num\">%u</td></tr>",
                          n, n, sev[s][0], sev[s][1], sev[s][2], sev[s][3]);
    }
    rc |= fs_buf_adds(b, "</table></div></div>");
    return rc;
}

static const struct fs_report *sort_r;

static int by_score(const void *a, const void *b)
{
    const struct fs_host_result *x = &sort_r->hosts[*(const size_t *)a];
    const struct fs_host_result *y = &sort_r->hosts[*(const size_t *)b];
    return x->score.score < y->score.score ? -1 : x->score.score > y->score.score ? 1 : 0;
}

static int worst_hosts(struct fs_buf *b, const struct fs_report *r)
{
    size_t *idx = calloc(r->n ? r->n : 1, sizeof *idx), n = 0;
    if (!idx)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < r->n; i++)
        if (r->hosts[i].status == FS_HOST_SCANNED && r->hosts[i].score.has_score)
            idx[n++] = i;
    sort_r = r;
    qsort(idx, n, sizeof *idx, by_score);
    int rc = fs_buf_adds(b, "<div><h3>Worst hosts</h3><table><tr><th>Host</th><th>Zone</th>"
                            "<th>Role</th><th class=\"num\">Score</th><th class=\"num\">Failed</th>"
                            "</tr>");
    for (size_t k = 0; k < n && k < TOP; k++) {
        const struct fs_host_result *h = &r->hosts[idx[k]];
        rc |= fs_buf_addf(b, "<tr><th><a href=\"#host-%zu\">", idx[k]);
        rc |= host_cells(b, h);
        rc |= fs_html_score_cell(b, "td", true, h->score.score, "host score");
        rc |= fs_buf_addf(b, "<td class=\"num\">%u</td></tr>", h->score.fail);
    }
    if (!n)
        rc |= fs_buf_adds(b, "<tr><td colspan=\"5\">no host has a score</td></tr>");
    rc |= fs_buf_adds(b, "</table></div>");
    free(idx);
    return rc;
}

static const unsigned *sort_fails;

static int by_fails(const void *a, const void *b)
{
    unsigned x = sort_fails[*(const size_t *)a], y = sort_fails[*(const size_t *)b];
    if (x != y)
        return x > y ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int top_rules(struct fs_buf *b, const struct fs_report *r)
{
    const struct fs_benchmark *bm = r->benchmark;
    unsigned *fails = calloc(bm->nrules ? bm->nrules : 1, sizeof *fails);
    size_t *idx = calloc(bm->nrules ? bm->nrules : 1, sizeof *idx);
    int rc = FS_ERR_NOMEM;
    if (!fails || !idx)
        goto out;
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < r->hosts[i].nresults; k++)
            if (r->hosts[i].results[k].result == FS_RESULT_FAIL)
                fails[r->hosts[i].results[k].rule - bm->rules]++;
    for (size_t i = 0; i < bm->nrules; i++)
        idx[i] = i;
    sort_fails = fails;
    qsort(idx, bm->nrules, sizeof *idx, by_fails);
    rc = fs_buf_adds(b, "<div><h3>Most failed rules</h3><table><tr><th>Rule</th>"
                        "<th>Severity</th><th>Principle</th><th class=\"num\">Hosts failing</th>"
                        "</tr>");
    for (size_t k = 0; k < bm->nrules && k < TOP && fails[idx[k]]; k++) {
        const struct fs_rule *rule = &bm->rules[idx[k]];
        rc |= fs_buf_addf(b, "<tr><td><a href=\"#filter=status:fail;q:%s\">", rule->short_id);
        rc |= fs_html_escape(b, rule->short_id);
        rc |= fs_buf_adds(b, "</a><br><span class=\"mute\">");
        rc |= fs_html_escape(b, rule->title);
        rc |= fs_buf_addf(b, "</span></td><td>%s</td><td>P%d</td><td class=\"num\">%u</td></tr>",
                          fs_severity_name(rule->severity), rule->principle + 1, fails[idx[k]]);
    }
    if (!bm->nrules || !fails[idx[0]])
        rc |= fs_buf_adds(b, "<tr><td colspan=\"4\">no rule failed</td></tr>");
    rc |= fs_buf_adds(b, "</table></div>");
out:
    free(fails);
    free(idx);
    return rc;
}

static int not_scanned(struct fs_buf *b, const struct fs_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += r->hosts[i].status != FS_HOST_SCANNED;
    if (!n)
        return fs_buf_addf(b, "<h3>Hosts not scanned</h3><p>All %zu hosts were scanned.</p>", r->n);
    int rc = fs_buf_addf(b,
                         "<h3>Hosts not scanned (%zu)</h3><table class=\"unscanned\"><tr>"
                         "<th>Host</th><th>Address</th><th>Status</th><th>Reason</th></tr>",
                         n);
    for (size_t i = 0; i < r->n; i++) {
        const struct fs_host_result *h = &r->hosts[i];
        if (h->status == FS_HOST_SCANNED)
            continue;
        rc |= fs_buf_addf(b, "<tr><th><a href=\"#host-%zu\">", i);
        rc |= fs_html_escape(b, h->host->name);
        rc |= fs_buf_adds(b, "</a></th><td>");
        rc |= fs_html_escape(b, h->host->address);
        rc |= fs_buf_addf(b, "</td><td>%s</td><td>", fs_host_status_name(h->status));
        rc |= fs_html_text(b, h->error, "(no reason recorded)");
        rc |= fs_buf_adds(b, "</td></tr>");
    }
    rc |= fs_buf_adds(b, "</table>");
    return rc;
}

/* Hosts grouped by a host variable (zone or role): count, scanned, mean score, failed results. */
static int groups(struct fs_buf *b, const struct fs_report *r, bool zone)
{
    const char **seen = calloc(r->n ? r->n : 1, sizeof *seen);
    size_t ns = 0;
    if (!seen)
        return FS_ERR_NOMEM;
    int rc = fs_buf_addf(b,
                         "<div><h3>By %s</h3><table><tr><th>%s</th><th class=\"num\">Hosts"
                         "</th><th class=\"num\">Scanned</th><th class=\"num\">Mean score</th>"
                         "<th class=\"num\">Failed</th></tr>",
                         zone ? "zone" : "role", zone ? "Zone" : "Role");
    for (size_t i = 0; i < r->n; i++) {
        const char *v = zone ? r->hosts[i].host->zone : r->hosts[i].host->role;
        v = v ? v : "";
        bool dup = false;
        for (size_t k = 0; k < ns && !dup; k++)
            dup = strcmp(seen[k], v) == 0;
        if (dup)
            continue;
        seen[ns++] = v;
        unsigned hosts = 0, scanned = 0, scored = 0, fail = 0;
        double sum = 0;
        for (size_t j = i; j < r->n; j++) {
            const char *w = zone ? r->hosts[j].host->zone : r->hosts[j].host->role;
            if (strcmp(w ? w : "", v) != 0)
                continue;
            hosts++;
            scanned += r->hosts[j].status == FS_HOST_SCANNED;
            fail += r->hosts[j].score.fail;
            if (r->hosts[j].score.has_score) {
                scored++;
                sum += r->hosts[j].score.score;
            }
        }
        rc |= fs_buf_addf(b, "<tr><th><a href=\"#filter=%s:", zone ? "zone" : "role");
        /* the printable form, as the embedded data holds it, percent-encoded (the page reads it
         * back with decodeURIComponent) */
        char *pv = fs_printable_dup(v);
        for (const char *p = pv ? pv : ""; *p; p++)
            rc |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                          (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'
                      ? fs_buf_add(b, p, 1)
                      : fs_buf_addf(b, "%%%02X", (unsigned char)*p);
        rc |= pv ? FS_OK : FS_ERR_NOMEM;
        free(pv);
        rc |= fs_buf_adds(b, "\">");
        rc |= fs_html_text(b, v, "(none)");
        rc |= fs_buf_addf(b, "</a></th><td class=\"num\">%u</td><td class=\"num\">%u</td>", hosts,
                          scanned);
        rc |= fs_html_score_cell(b, "td", scored > 0, scored ? sum / scored : 0, "mean score");
        rc |= fs_buf_addf(b, "<td class=\"num\">%u</td></tr>", fail);
    }
    rc |= fs_buf_adds(b, "</table></div>");
    free(seen);
    return rc;
}

int fs_html_fleet(struct fs_buf *b, const struct fs_report *r)
{
    struct fs_score fleet, pr[FS_PRINCIPLES];
    long worst;
    fs_score_fleet(r->hosts, r->n, &fleet, pr, &worst);
    size_t scanned = 0;
    for (size_t i = 0; i < r->n; i++)
        scanned += r->hosts[i].status == FS_HOST_SCANNED;
    int rc = fs_buf_adds(b, "<section id=\"fleet\"><h2>Fleet</h2><div class=\"cards\">"
                            "<div class=\"card\">Fleet score<b>");
    if (fleet.has_score)
        rc |= fs_buf_addf(b, "%.1f</b><span class=\"mute\">mean of host scores; strict %.1f</span>",
                          fleet.score, fleet.has_strict ? fleet.strict : 0.0);
    else
        rc |= fs_buf_adds(b, "&ndash;</b>");
    rc |= fs_buf_addf(b,
                      "</div><div class=\"card\">Hosts<b>%zu / %zu</b><span class=\"mute\">"
                      "scanned</span></div>",
                      scanned, r->n);
    if (worst >= 0) {
        rc |= fs_buf_addf(b, "<div class=\"card\">Worst host<b><a href=\"#host-%ld\">", worst);
        rc |= fs_html_escape(b, r->hosts[worst].host->name);
        rc |= fs_buf_addf(b, "</a></b><span class=\"mute\">score %.1f</span></div>",
                          r->hosts[worst].score.score);
    }
    rc |= gate(b, r, &fleet);
    rc |= fs_buf_adds(b, "</div><h3>Principles</h3><table class=\"heat\"><tr>");
    for (int p = 0; p < FS_PRINCIPLES; p++) {
        rc |= fs_buf_adds(b, "<th>");
        rc |= fs_html_principle(b, r->benchmark, p);
        rc |= fs_buf_adds(b, "</th>");
    }
    rc |= fs_buf_adds(b, "</tr><tr>");
    for (int p = 0; p < FS_PRINCIPLES; p++) {
        char t[64];
        snprintf(t, sizeof t, "pass %u, fail %u, error %u", pr[p].pass, pr[p].fail, pr[p].error);
        rc |= fs_html_score_cell(b, "td", pr[p].has_score, pr[p].score, t);
    }
    rc |= fs_buf_adds(b, "</tr></table>");
    rc |= heat_map(b, r);
    rc |= counts(b, r);
    rc |= fs_buf_adds(b, "<div class=\"cards\">");
    rc |= worst_hosts(b, r);
    rc |= top_rules(b, r);
    rc |= fs_buf_adds(b, "</div>");
    rc |= not_scanned(b, r);
    rc |= fs_buf_adds(b, "<div class=\"cards\">");
    rc |= groups(b, r, true);
    rc |= groups(b, r, false);
    rc |= fs_buf_adds(b, "</div></section>");
    return rc ? FS_ERR_NOMEM : FS_OK;
}
