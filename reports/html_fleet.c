/* SPDX-License-Identifier: Apache-2.0 */
/* report.html's fleet overview: score and gate, heat map, counts, worst hosts and rules. */
#include "html.h"
#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP 10

/* A score cell; with uw counting waived results, the unwaived score beside the score. */
static int cell(struct fs_buf *b, const char *tag, bool has, double score, const char *title,
                const struct fs_score *uw)
{
    int rc = fs_buf_addf(b, "<%s class=\"c ", tag);
    if (has)
        rc |= fs_buf_addf(b, "s%d", score >= 100.0 ? 10 : score <= 0 ? 0 : (int)(score / 10.0));
    else
        rc |= fs_buf_adds(b, "sn");
    rc |= fs_buf_adds(b, "\" title=\"");
    rc |= fs_html_escape(b, title);
    if (has)
        rc |= fs_buf_addf(b, "\">%.1f", score);
    else
        rc |= fs_buf_adds(b, "\">&ndash;");
    if (uw && uw->waived && uw->has_unwaived)
        rc |= fs_buf_addf(b, " <span class=\"uw\">(%.1f without waivers)</span>", uw->unwaived);
    rc |= fs_buf_addf(b, "</%s>", tag);
    return rc ? FS_ERR_NOMEM : FS_OK;
}

int fs_html_score_cell(struct fs_buf *b, const char *tag, bool has, double score, const char *title)
{
    return cell(b, tag, has, score, title, NULL);
}

int fs_html_score_pair(struct fs_buf *b, const char *tag, const struct fs_score *s,
                       const char *title)
{
    return cell(b, tag, s->has_score, s->score, title, s);
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
    unsigned severe = 0, severe_waived = 0;
    for (size_t i = 0; r->fail_on && i < r->n; i++)
        for (size_t k = 0; k < r->hosts[i].nresults; k++)
            if (r->hosts[i].results[k].result == FS_RESULT_FAIL &&
                (int)r->hosts[i].results[k].rule->severity >= r->fail_on) {
                severe++;
                severe_waived += r->hosts[i].results[k].waiver != NULL;
            }
    /* a waived fail does not trip --fail-on, as in the scan's exit status */
    bool failed = under || severe > severe_waived;
    rc |= fs_buf_addf(b, "<div class=\"card %s\" id=\"gate\">Gate<b>%s</b>",
                      failed ? "gate-fail" : "gate-pass", failed ? "failed" : "passed");
    if (r->has_fail_under)
        rc |= fs_buf_addf(b, "<div>--fail-under %.1f: fleet score%s %s</div>", r->fail_under,
                          fleet->waived ? " (with waivers)" : "", under ? "below" : "at or above");
    if (r->fail_on) {
        rc |= fs_buf_addf(b, "<div>--fail-on %s: %u failed result%s at or above",
                          fs_severity_name((enum fs_severity)r->fail_on), severe,
                          severe == 1 ? "" : "s");
        /* waived fails do not count for the gate, as in the scan's exit status: say so */
        if (severe_waived)
            rc |= fs_buf_addf(b, " (%u of them waived, not counted)", severe_waived);
        rc |= fs_buf_adds(b, "</div>");
    }
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
        rc |= fs_html_score_pair(b, "td", &h->score, fs_host_status_name(h->status));
        for (int p = 0; p < FS_PRINCIPLES; p++) {
            char t[32];
            snprintf(t, sizeof t, "P%d", p + 1);
            rc |= fs_html_score_pair(b, "td", &h->principles[p], t);
        }
        rc |= fs_buf_adds(b, "</tr>");
    }
    rc |= fs_buf_adds(b, "</tbody></table></div>");
    return rc;
}

static int counts(struct fs_buf *b, const struct fs_report *r)
{
    unsigned st[FS_RESULT_NOTSELECTED + 1] = {0}, waived = 0;
    unsigned sev[FS_SEV_HIGH + 1][4] = {{0}}; /* pass fail error other */
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < r->hosts[i].nresults; k++) {
            const struct fs_rule_result *rr = &r->hosts[i].results[k];
            st[rr->result]++;
            waived += rr->waiver != NULL;
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
    /* waived results are also counted above, by their raw status */
    rc |= fs_buf_addf(b,
                      "<tr><th><a href=\"#filter=status:waived\" class=\"st st-waived\">waived"
                      "</a></th><td class=\"num\">%u</td></tr></table></div>",
                      waived);
    rc |= fs_buf_adds(b, ""
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
                            "<th class=\"num\">Waived</th></tr>");
    for (size_t k = 0; k < n && k < TOP; k++) {
        const struct fs_host_result *h = &r->hosts[idx[k]];
        rc |= fs_buf_addf(b, "<tr><th><a href=\"#host-%zu\">", idx[k]);
        rc |= host_cells(b, h);
        rc |= fs_html_score_pair(b, "td", &h->score, "host score");
        rc |= fs_buf_addf(b, "<td class=\"num\">%u</td><td class=\"num\">%u</td></tr>",
                          h->score.fail, h->score.waived);
    }
    if (!n)
        rc |= fs_buf_adds(b, "<tr><td colspan=\"6\">no host has a score</td></tr>");
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
    unsigned *waived = calloc(bm->nrules ? bm->nrules : 1, sizeof *waived);
    size_t *idx = calloc(bm->nrules ? bm->nrules : 1, sizeof *idx);
    int rc = FS_ERR_NOMEM;
    if (!fails || !waived || !idx)
        goto out;
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < r->hosts[i].nresults; k++)
            if (r->hosts[i].results[k].result == FS_RESULT_FAIL) {
                fails[r->hosts[i].results[k].rule - bm->rules]++;
                waived[r->hosts[i].results[k].rule - bm->rules] +=
                    r->hosts[i].results[k].waiver != NULL;
            }
    for (size_t i = 0; i < bm->nrules; i++)
        idx[i] = i;
    sort_fails = fails;
    qsort(idx, bm->nrules, sizeof *idx, by_fails);
    rc = fs_buf_adds(b, "<div><h3>Most failed rules</h3><table><tr><th>Rule</th>"
                        "<th>Severity</th><th>Principle</th><th class=\"num\">Hosts failing</th>"
                        "<th class=\"num\">Waived</th></tr>");
    for (size_t k = 0; k < bm->nrules && k < TOP && fails[idx[k]]; k++) {
        const struct fs_rule *rule = &bm->rules[idx[k]];
        rc |= fs_buf_addf(b, "<tr><td><a href=\"#filter=status:fail;q:%s\">", rule->short_id);
        rc |= fs_html_escape(b, rule->short_id);
        rc |= fs_buf_adds(b, "</a><br><span class=\"mute\">");
        rc |= fs_html_escape(b, rule->title);
        rc |= fs_buf_addf(b,
                          "</span></td><td>%s</td><td>P%d</td><td class=\"num\">%u</td>"
                          "<td class=\"num\">%u</td></tr>",
                          fs_severity_name(rule->severity), rule->principle + 1, fails[idx[k]],
                          waived[idx[k]]);
    }
    if (!bm->nrules || !fails[idx[0]])
        rc |= fs_buf_adds(b, "<tr><td colspan=\"5\">no rule failed</td></tr>");
    rc |= fs_buf_adds(b, "</table></div>");
out:
    free(fails);
    free(waived);
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
        unsigned hosts = 0, scanned = 0, scored = 0, fail = 0, uscored = 0;
        double sum = 0, usum = 0;
        struct fs_score mean = {0};
        for (size_t j = i; j < r->n; j++) {
            const char *w = zone ? r->hosts[j].host->zone : r->hosts[j].host->role;
            if (strcmp(w ? w : "", v) != 0)
                continue;
            hosts++;
            scanned += r->hosts[j].status == FS_HOST_SCANNED;
            fail += r->hosts[j].score.fail;
            mean.waived += r->hosts[j].score.waived;
            if (r->hosts[j].score.has_score) {
                scored++;
                sum += r->hosts[j].score.score;
            }
            if (r->hosts[j].score.has_unwaived) {
                uscored++;
                usum += r->hosts[j].score.unwaived;
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
        mean.has_score = scored > 0;
        mean.score = scored ? sum / scored : 0;
        mean.has_unwaived = uscored > 0;
        mean.unwaived = uscored ? usum / uscored : 0;
        rc |= fs_html_score_pair(b, "td", &mean, "mean score");
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
        rc |= fs_buf_addf(b, "%.1f", fleet.score);
    else
        rc |= fs_buf_adds(b, "&ndash;");
    /* with waived results, the score without waivers beside it (waivers.h: both are shown) */
    if (fleet.waived && fleet.has_unwaived)
        rc |= fs_buf_addf(b, " <span class=\"uw\">(%.1f without waivers)</span>", fleet.unwaived);
    rc |= fs_buf_adds(b, "</b>");
    if (fleet.has_score)
        rc |= fs_buf_addf(b, "<span class=\"mute\">mean of host scores; strict %.1f</span>",
                          fleet.has_strict ? fleet.strict : 0.0);
    rc |= fs_buf_addf(b,
                      "</div><div class=\"card\">Hosts<b>%zu / %zu</b><span class=\"mute\">"
                      "scanned</span></div>",
                      scanned, r->n);
    if (r->waivers || fleet.waived) {
        size_t whosts = 0;
        for (size_t i = 0; i < r->n; i++)
            whosts += r->hosts[i].score.waived > 0;
        rc |=
            fs_buf_addf(b,
                        "<div class=\"card\" id=\"waived-card\">Waived<b><a "
                        "href=\"#filter=status:waived\">%u</a></b><span class=\"mute\">"
                        "result%s on %zu host%s; <a href=\"#waivers\">register</a></span>"
                        "</div>",
                        fleet.waived, fleet.waived == 1 ? "" : "s", whosts, whosts == 1 ? "" : "s");
    }
    if (worst >= 0) {
        const struct fs_score *ws = &r->hosts[worst].score;
        rc |= fs_buf_addf(b, "<div class=\"card\">Worst host<b><a href=\"#host-%ld\">", worst);
        rc |= fs_html_escape(b, r->hosts[worst].host->name);
        rc |= fs_buf_addf(b, "</a></b><span class=\"mute\">score %.1f", ws->score);
        if (ws->waived && ws->has_unwaived)
            rc |= fs_buf_addf(b, " (%.1f without waivers)", ws->unwaived);
        rc |= fs_buf_adds(b, "</span></div>");
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
        snprintf(t, sizeof t, "pass %u, fail %u, error %u, waived %u", pr[p].pass, pr[p].fail,
                 pr[p].error, pr[p].waived);
        rc |= fs_html_score_pair(b, "td", &pr[p], t);
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

/* "label: a, b" for a non-empty list of a waiver's scope; sep before it when not the first. */
static int scope_list(struct fs_buf *b, const char *label, char *const *v, size_t n, bool *first)
{
    if (!n)
        return FS_OK;
    int rc = fs_buf_addf(b, "%s<span class=\"mute\">%s:</span> ", *first ? "" : "; ", label);
    *first = false;
    for (size_t i = 0; i < n; i++) {
        rc |= i ? fs_buf_adds(b, ", ") : FS_OK;
        rc |= fs_html_escape(b, v[i]);
    }
    return rc;
}

static int wcell(struct fs_buf *b, const char *s, bool nowrap)
{
    int rc = fs_buf_adds(b, nowrap ? "<td class=\"nw\">" : "<td>");
    rc |= fs_html_text(b, s, "\xe2\x80\x93");
    rc |= fs_buf_adds(b, "</td>");
    return rc;
}

/* The register as applied: every entry, whatever its state, so that expired, expiring, pending
 * and unused waivers are in front of the auditor (an unused one may be a rule renamed or a host
 * gone: a waiver that covers nothing should be closed). */
int fs_html_waivers(struct fs_buf *b, const struct fs_report *r)
{
    const struct fs_waivers *ws = r->waivers;
    if (!ws)
        return FS_OK;
    unsigned st[FS_WAIVER_PENDING + 1] = {0}, unused = 0, matched = 0;
    for (size_t i = 0; i < ws->n; i++) {
        if ((unsigned)ws->w[i].state <= FS_WAIVER_PENDING)
            st[ws->w[i].state]++;
        unused += ws->w[i].matched == 0;
        matched += ws->w[i].matched;
    }
    int rc = fs_buf_adds(b, "<section id=\"waivers\"><h2>Waivers</h2><p class=\"meta\">Register ");
    rc |= fs_buf_adds(b, "<code>");
    rc |= fs_html_text(b, ws->path, "(no path)");
    rc |= fs_buf_adds(b, "</code>, SHA-256 <code>");
    rc |= fs_html_text(b, ws->sha256, "not recorded (loaded from memory)");
    rc |= fs_buf_adds(b, "</code>; expiry judged against ");
    rc |= fs_html_text(b, ws->judged_on, "(not judged)");
    rc |= fs_buf_addf(b, " (UTC), warning window %d days.</p>", ws->warn_days);
    rc |= fs_buf_addf(b,
                      "<p id=\"waiver-summary\">%zu waiver%s: %u active, "
                      "<span class=\"wst wst-expiring\">%u expiring</span>, "
                      "<span class=\"wst wst-expired\">%u expired</span>, %u pending; "
                      "<span class=\"wst wst-unused\">%u unused</span> in this scan. "
                      "%u result%s waived (<a href=\"#filter=status:waived\">list them</a>). "
                      "Expired and pending waivers are not applied.</p>",
                      ws->n, ws->n == 1 ? "" : "s", st[FS_WAIVER_ACTIVE], st[FS_WAIVER_EXPIRING],
                      st[FS_WAIVER_EXPIRED], st[FS_WAIVER_PENDING], unused, matched,
                      matched == 1 ? "" : "s");
    if (!ws->n) {
        rc |= fs_buf_adds(b, "<p>The register holds no waiver.</p></section>\n");
        return rc ? FS_ERR_NOMEM : FS_OK;
    }
    rc |= fs_buf_adds(b, "<div class=\"grid\"><table class=\"wtab\"><thead><tr>"
                         "<th class=\"num\">Line</th><th>Rule</th><th>Scope</th><th>Reason</th>"
                         "<th>Requested by</th><th>Approved by</th><th>Approved</th>"
                         "<th>Expires</th><th>Ticket</th><th>Compensating control</th>"
                         "<th>Applies to</th><th>State</th>"
                         "<th class=\"num\">Results waived in this scan</th></tr></thead><tbody>");
    for (size_t i = 0; i < ws->n; i++) {
        const struct fs_waiver *w = &ws->w[i];
        const char *state = fs_waiver_state_name(w->state);
        rc |= fs_buf_addf(b, "<tr id=\"waiver-%zu\" class=\"w-%s%s\"><td class=\"num\">%d</td>", i,
                          state, w->matched ? "" : " w-unused", w->line);
        rc |= fs_buf_adds(b, "<td><code>");
        rc |= fs_html_escape(b, w->rule);
        rc |= fs_buf_adds(b, "</code></td><td>");
        bool first = true;
        rc |= scope_list(b, "hosts", w->hosts, w->nhosts, &first);
        rc |= scope_list(b, "zones", w->zones, w->nzones, &first);
        rc |= scope_list(b, "roles", w->roles, w->nroles, &first);
        rc |= fs_buf_adds(b, "</td>");
        rc |= wcell(b, w->reason, false);
        rc |= wcell(b, w->requested_by, false);
        rc |= wcell(b, w->approved_by, false);
        rc |= wcell(b, w->approved, true);
        rc |= wcell(b, w->expires, true);
        rc |= wcell(b, w->ticket, false);
        rc |= wcell(b, w->compensating, false);
        rc |=
            fs_buf_addf(b, "<td>%s%s%s</td>", w->waive_fail ? "fail" : "",
                        w->waive_fail && w->waive_error ? ", " : "", w->waive_error ? "error" : "");
        rc |= fs_buf_addf(b, "<td class=\"nw\"><span class=\"wst wst-%s\">%s</span></td>", state,
                          state);
        if (w->matched)
            rc |= fs_buf_addf(b, "<td class=\"num\">%u</td></tr>", w->matched);
        else
            rc |= fs_buf_adds(b, "<td class=\"num\">0 <span class=\"wst wst-unused\">unused"
                                 "</span></td></tr>");
    }
    rc |= fs_buf_adds(b, "</tbody></table></div></section>\n");
    return rc ? FS_ERR_NOMEM : FS_OK;
}
