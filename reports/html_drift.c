/* SPDX-License-Identifier: Apache-2.0 */
/* report.html's "Since the last audit" section: the drift against the previous run. */
#include "drift.h"
#include "html.h"
#include "../scanner/core/err.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int side(struct fs_buf *b, const struct fs_drift_side *s)
{
    int rc = FS_OK;
    if (s->stored) {
        rc |= fs_buf_addf(b, "run %lld (", (long long)s->id);
        rc |= fs_html_escape(b, s->label);
        rc |= fs_buf_adds(b, "), ");
    }
    rc |= fs_buf_adds(b, "started ");
    rc |= fs_html_text(b, s->started, "at an unknown time");
    return rc;
}

static int td(struct fs_buf *b, const char *cls, const char *s)
{
    int rc = cls ? fs_buf_addf(b, "<td class=\"%s\">", cls) : fs_buf_adds(b, "<td>");
    rc |= fs_html_text(b, s, "\xe2\x80\x93");
    rc |= fs_buf_adds(b, "</td>");
    return rc;
}

static int head(struct fs_buf *b, const char *id, const char *title, size_t n, const char *cols)
{
    int rc = fs_buf_addf(b, "<h3 id=\"drift-%s\">%s (%zu)</h3>", id, title, n);
    if (!n)
        return rc | fs_buf_adds(b, "<p class=\"mute\">None.</p>");
    return rc | fs_buf_addf(b,
                            "<div class=\"grid\"><table class=\"dtab\"><thead><tr>%s</tr>"
                            "</thead><tbody>",
                            cols);
}

static int tail(struct fs_buf *b, size_t n)
{
    return n ? fs_buf_adds(b, "</tbody></table></div>") : FS_OK;
}

static int status(struct fs_buf *b, bool has, enum fs_result r)
{
    if (!has)
        return fs_buf_adds(b, "<td class=\"mute\">not evaluated</td>");
    const char *n = fs_result_name(r);
    return fs_buf_addf(b, "<td><span class=\"st st-%s\">%s</span></td>", n, n);
}

/* Host, rule and severity: the first cells of a rule row. */
static int rule_cells(struct fs_buf *b, const struct fs_drift_rule *e)
{
    int rc = fs_buf_adds(b, "<tr><th>");
    rc |= fs_html_escape(b, e->host);
    rc |= fs_buf_adds(b, "</th><td><code>");
    rc |= fs_html_escape(b, e->rule);
    rc |= fs_buf_addf(b, "</code></td><td>%s</td>", fs_severity_name(e->severity));
    return rc;
}

static int since(struct fs_buf *b, const struct fs_drift_rule *e)
{
    int rc = fs_buf_adds(b, "<td class=\"nw\">");
    if (e->failing_since[0]) {
        rc |= fs_buf_adds(b, "failing since ");
        rc |= fs_html_escape(b, e->failing_since);
    } else {
        rc |= fs_buf_adds(b, "<span class=\"mute\">not known</span>");
    }
    if (e->waived)
        rc |= fs_buf_adds(b, " <span class=\"st st-waived badge\">waived</span>");
    return rc | fs_buf_adds(b, "</td>");
}

static int rules(struct fs_buf *b, const char *id, const char *title, const struct fs_drift_rule *v,
                 size_t n, int kind)
{
    static const char *const cols[] = {
        "<th>Host</th><th>Rule</th><th>Severity</th><th>Before</th><th>Evidence</th>"
        "<th>Failing since</th>",
        "<th>Host</th><th>Rule</th><th>Severity</th><th>Now</th><th>Evidence</th>",
        "<th>Host</th><th>Rule</th><th>Severity</th><th>Before</th><th>Now</th>"
        "<th>Evidence</th>",
        "<th>Host</th><th>Rule</th><th>Severity</th><th>Evidence before</th>"
        "<th>Evidence now</th><th>Failing since</th>",
    };
    int rc = head(b, id, title, n, cols[kind]);
    for (size_t i = 0; i < n; i++) {
        const struct fs_drift_rule *e = &v[i];
        rc |= rule_cells(b, e);
        switch (kind) {
        case 0: /* new failures */
            rc |= status(b, e->has_old, e->old_status);
            rc |= td(b, "ev", e->new_evidence);
            rc |= since(b, e);
            break;
        case 1: /* fixed */
            rc |= status(b, true, e->new_status);
            rc |= td(b, "ev", e->new_evidence);
            break;
        case 2: /* to or from error */
            rc |= status(b, e->has_old, e->old_status);
            rc |= status(b, true, e->new_status);
            rc |= td(b, "ev", e->new_evidence);
            break;
        default: /* evidence changed */
            rc |= td(b, "ev", e->old_evidence);
            rc |= td(b, "ev", e->new_evidence);
            rc |= since(b, e);
            break;
        }
        rc |= fs_buf_adds(b, "</tr>");
    }
    return rc | tail(b, n);
}

static int hosts(struct fs_buf *b, const char *id, const char *title, const struct fs_drift_host *v,
                 size_t n, bool change)
{
    int rc = head(b, id, title, n,
                  change ? "<th>Host</th><th>Before</th><th>Now</th><th>Reason</th>"
                         : "<th>Host</th><th>Status</th><th>Reason</th>");
    for (size_t i = 0; i < n; i++) {
        rc |= fs_buf_adds(b, "<tr><th>");
        rc |= fs_html_escape(b, v[i].name);
        rc |= fs_buf_adds(b, "</th>");
        if (change)
            rc |= fs_buf_addf(b, "<td>%s</td>", fs_host_status_name(v[i].old_status));
        rc |= fs_buf_addf(b, "<td>%s</td>", fs_host_status_name(v[i].new_status));
        rc |= td(b, "ev", v[i].error);
        rc |= fs_buf_adds(b, "</tr>");
    }
    return rc | tail(b, n);
}

static int waivers(struct fs_buf *b, const struct fs_drift *d)
{
    int rc = head(b, "waivers", "Waivers expired since", d->n_expired_waivers,
                  "<th class=\"num\">Line</th><th>Waiver rule</th><th>Expired</th><th>Host</th>"
                  "<th>Rule</th><th>Now</th>");
    for (size_t i = 0; i < d->n_expired_waivers; i++) {
        const struct fs_drift_waiver *w = &d->expired_waivers[i];
        rc |=
            fs_buf_addf(b, "<tr class=\"w-expired\"><td class=\"num\">%d</td><td><code>", w->line);
        rc |= fs_html_escape(b, w->pattern);
        rc |= fs_buf_adds(b, "</code></td><td class=\"nw\"><span class=\"wst wst-expired\">");
        rc |= fs_html_escape(b, w->expires);
        rc |= fs_buf_adds(b, "</span></td>");
        if (w->host) {
            rc |= td(b, NULL, w->host);
            rc |= td(b, NULL, w->rule);
            rc |= status(b, true, w->new_status);
        } else {
            rc |= fs_buf_adds(b, "<td colspan=\"3\" class=\"mute\">register entry (applied in "
                                 "the earlier run)</td>");
        }
        rc |= fs_buf_adds(b, "</tr>");
    }
    return rc | tail(b, d->n_expired_waivers);
}

static int num(struct fs_buf *b, bool has, double v)
{
    return has ? fs_buf_addf(b, "<td class=\"num\">%.1f</td>", v)
               : fs_buf_adds(b, "<td class=\"num\">&ndash;</td>");
}

static int delta(struct fs_buf *b, bool ha, double a, bool hb, double v)
{
    if (!ha || !hb)
        return fs_buf_adds(b, "<td class=\"num\">&ndash;</td>");
    double x = round(v * 10.0) / 10.0 - round(a * 10.0) / 10.0;
    return fs_buf_addf(b, "<td class=\"num %s\">%+.1f</td>", x < 0 ? "down" : x > 0 ? "up" : "", x);
}

static int score_row(struct fs_buf *b, const struct fs_drift_score *s)
{
    int rc = fs_buf_adds(b, "<tr><th>");
    rc |= s->host ? fs_html_escape(b, s->host) : fs_buf_adds(b, "Fleet");
    rc |= fs_buf_adds(b, "</th>");
    rc |= num(b, s->has_old, s->old_score);
    rc |= num(b, s->has_new, s->new_score);
    rc |= delta(b, s->has_old, s->old_score, s->has_new, s->new_score);
    rc |= num(b, s->has_old_unwaived, s->old_unwaived);
    rc |= num(b, s->has_new_unwaived, s->new_unwaived);
    rc |= delta(b, s->has_old_unwaived, s->old_unwaived, s->has_new_unwaived, s->new_unwaived);
    return rc | fs_buf_adds(b, "</tr>");
}

static int scores(struct fs_buf *b, const struct fs_drift *d)
{
    int rc = fs_buf_addf(b,
                         "<h3 id=\"drift-scores\">Scores (fleet, and %zu host%s changed)</h3>"
                         "<div class=\"grid\"><table class=\"dtab\"><thead><tr><th>Host</th>"
                         "<th class=\"num\">Before</th><th class=\"num\">Now</th>"
                         "<th class=\"num\">Change</th><th class=\"num\">Before, without "
                         "waivers</th><th class=\"num\">Now, without waivers</th>"
                         "<th class=\"num\">Change</th></tr></thead><tbody>",
                         d->n_scores, d->n_scores == 1 ? "" : "s");
    rc |= score_row(b, &d->fleet);
    for (size_t i = 0; i < d->n_scores; i++)
        rc |= score_row(b, &d->scores[i]);
    return rc | fs_buf_adds(b, "</tbody></table></div>");
}

int fs_html_drift(struct fs_buf *b, const struct fs_report *r)
{
    const struct fs_drift *d = r->drift;
    if (!d)
        return FS_OK;
    int rc = fs_buf_adds(b, "<section id=\"drift\"><h2>Since the last audit</h2>"
                            "<p class=\"meta\">Compared with ");
    rc |= side(b, &d->a);
    rc |= fs_buf_adds(b, "; this run: ");
    rc |= side(b, &d->b);
    rc |= fs_buf_addf(b,
                      ".</p><p id=\"drift-summary\">%zu new failure%s, %zu fixed, %zu change%s "
                      "to or from error, %zu with changed evidence (%zu still failing), %zu new "
                      "host%s, %zu vanished, %zu host status change%s, %zu expired "
                      "waiver%s; %zu host%s in both runs.</p>",
                      d->n_new_failures, d->n_new_failures == 1 ? "" : "s", d->n_fixed, d->n_errors,
                      d->n_errors == 1 ? "" : "s", d->n_evidence, d->still_failing, d->n_new_hosts,
                      d->n_new_hosts == 1 ? "" : "s", d->n_vanished_hosts, d->n_host_status,
                      d->n_host_status == 1 ? "" : "s", d->n_expired_waivers,
                      d->n_expired_waivers == 1 ? "" : "s", d->hosts_compared,
                      d->hosts_compared == 1 ? "" : "s");
    rc |= rules(b, "new", "New failures", d->new_failures, d->n_new_failures, 0);
    rc |= rules(b, "fixed", "Fixed", d->fixed, d->n_fixed, 1);
    rc |= rules(b, "errors", "Changes to or from error", d->errors, d->n_errors, 2);
    rc |= rules(b, "evidence", "Still failing, evidence changed", d->evidence, d->n_evidence, 3);
    rc |= hosts(b, "new-hosts", "New hosts", d->new_hosts, d->n_new_hosts, false);
    rc |=
        hosts(b, "vanished-hosts", "Vanished hosts", d->vanished_hosts, d->n_vanished_hosts, false);
    rc |= hosts(b, "host-status", "Host status changes", d->host_status, d->n_host_status, true);
    rc |= waivers(b, d);
    rc |= scores(b, d);
    rc |= fs_buf_adds(b, "</section>\n");
    return rc ? FS_ERR_NOMEM : FS_OK;
}
