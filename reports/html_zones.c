/* SPDX-License-Identifier: Apache-2.0 */
/* report.html's "Zones and conduits" section (with --zones): the diagram (html_zones_svg.c),
 * then the zones, the IEC 62443-3-3 roll-up per zone, the conduits and the violating flows. */
#include "html.h"
#include "zones_graph.h"
#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Violating flows listed in the page; results.json holds every one. */
#define FLOWS_LISTED 1000

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static int verdict(struct fs_buf *b, const struct fs_fleet_result *fr)
{
    const char *n = fs_result_name(fr->result);
    int rc = fs_buf_addf(b, "<td><span class=\"st st-%s\">%s</span></td><td class=\"ev\">", n, n);
    rc |= fs_html_text(b, fr->evidence, "\xe2\x80\x93");
    return rc | fs_buf_adds(b, "</td>");
}

static int zone_name(struct fs_buf *b, const struct fs_site *s, long z)
{
    if (z < 0 || (size_t)z >= s->nzones)
        return fs_buf_adds(b, "<span class=\"mute\">outside every declared network</span>");
    return fs_html_escape(b, s->zones[z].name);
}

static int zones_table(struct fs_buf *b, const struct fs_report *r)
{
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    int rc = fs_buf_adds(b, "<h3 id=\"zones-table\">Zones</h3><div class=\"grid\"><table "
                            "class=\"ztab\"><thead><tr><th>Zone</th><th>Networks</th>"
                            "<th class=\"num\">Target SL</th><th class=\"num\">Hosts</th>"
                            "<th class=\"num\">Misplaced hosts</th><th class=\"num\">Score</th>"
                            "<th>Verdict</th><th>Evidence</th></tr></thead><tbody>");
    for (size_t i = 0; i < s->nzones; i++) {
        const struct fs_zone *z = &s->zones[i];
        const struct fs_zone_summary *zs = f->zones ? &f->zones[i] : NULL;
        rc |= fs_buf_addf(b, "<tr id=\"zone-%zu\"><th>", i);
        rc |= fs_html_escape(b, z->name);
        rc |= fs_buf_adds(b, "</th><td>");
        for (size_t k = 0; k < z->nnets; k++) {
            char net[64];
            fs_cidr_str(&z->nets[k], net, sizeof net);
            rc |= fs_buf_adds(b, k ? ", <code>" : "<code>");
            rc |= fs_html_escape(b, net);
            rc |= fs_buf_adds(b, "</code>");
        }
        if (z->security_level)
            rc |= fs_buf_addf(b, "</td><td class=\"num\">SL %d</td>", z->security_level);
        else
            rc |= fs_buf_adds(b, "</td><td class=\"num mute\">none declared</td>");
        if (!zs) {
            rc |= fs_buf_adds(b, "<td colspan=\"5\" class=\"mute\">not analysed</td></tr>");
            continue;
        }
        rc |= fs_buf_addf(b, "<td class=\"num\">%zu</td><td class=\"num%s\">%zu</td>", zs->hosts,
                          zs->hosts_misplaced ? " zbad" : "", zs->hosts_misplaced);
        rc |=
            fs_html_score_cell(b, "td", zs->has_score, zs->score, "mean score of the zone's hosts");
        rc |= verdict(b, &zs->result);
        rc |= fs_buf_adds(b, "</tr>");
    }
    rc |= fs_buf_adds(b, "</tbody></table></div>");
    return rc;
}

/* "SR 1.13" after "SR 1.2": digit runs compared as numbers. */
static int natcmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            char *ea = NULL, *eb = NULL;
            unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);
            if (x != y)
                return x < y ? -1 : 1;
            a = ea;
            b = eb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

static int by_sr(const void *a, const void *b)
{
    return natcmp(*(const char *const *)a, *(const char *const *)b);
}

static const struct fs_sr_rollup *sr_of(const struct fs_zone_summary *zs, const char *sr)
{
    for (size_t k = 0; zs && k < zs->nsrs; k++)
        if (zs->srs[k].sr && strcmp(zs->srs[k].sr, sr) == 0)
            return &zs->srs[k];
    return NULL;
}

static int sr_cell(struct fs_buf *b, const struct fs_sr_rollup *x)
{
    if (!x)
        return fs_buf_adds(b, "<td class=\"mute\" title=\"no rule citing it is judged in this "
                              "zone\">&ndash;</td>");
    switch (x->met) {
    case FS_RESULT_PASS:
        return fs_buf_adds(b, "<td class=\"zsr-met\" title=\"every host of the zone passes every "
                              "rule citing it\">met</td>");
    case FS_RESULT_FAIL:
        return fs_buf_addf(b,
                           "<td class=\"zsr-notmet\" title=\"a host of the zone fails a rule "
                           "citing it\">not met (%u host%s)</td>",
                           x->hosts_failing, plural(x->hosts_failing));
    case FS_RESULT_ERROR:
        return fs_buf_adds(b, "<td class=\"zsr-unknown\" title=\"a result is error or a host was "
                              "not scanned: the scan cannot show it\">not shown</td>");
    case FS_RESULT_NOTCHECKED:
        return fs_buf_adds(b, "<td class=\"zsr-unknown\" title=\"no host fails it, but a manual "
                              "rule citing it awaits the auditor's answer\">auditor to "
                              "answer</td>");
    case FS_RESULT_NOTAPPLICABLE:
        return fs_buf_adds(b, "<td class=\"mute\" title=\"no rule citing it applies to the "
                              "zone's hosts\">n/a</td>");
    default:
        return fs_buf_addf(b, "<td>%s</td>", fs_result_name(x->met));
    }
}

static int rollup(struct fs_buf *b, const struct fs_report *r)
{
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    size_t total = 0, n = 0;
    for (size_t i = 0; f->zones && i < s->nzones; i++)
        total += f->zones[i].nsrs;
    const char **srs = calloc(total ? total : 1, sizeof *srs);
    if (!srs)
        return FS_ERR_NOMEM;
    for (size_t i = 0; f->zones && i < s->nzones; i++)
        for (size_t k = 0; k < f->zones[i].nsrs; k++) {
            const char *sr = f->zones[i].srs[k].sr;
            bool dup = !sr;
            for (size_t j = 0; j < n && !dup; j++)
                dup = strcmp(srs[j], sr) == 0;
            if (!dup)
                srs[n++] = sr;
        }
    qsort(srs, n, sizeof *srs, by_sr);
    int rc = fs_buf_adds(
        b, "<h3 id=\"zones-iec\">IEC 62443-3-3 roll-up per zone</h3><p class=\"zclaim\">This is "
           "a roll-up of this scan's evidence per zone, not a certification and not a claim "
           "that a zone reaches a security level. <b>met</b>: every host of the zone passes "
           "every rule of the benchmark that cites the system requirement; <b>not met</b>: that "
           "many hosts fail one; <b>not shown</b>: a result is error or a host was not scanned, "
           "so the evidence cannot show it; <b>auditor to answer</b>: no host fails it but a "
           "manual rule citing it awaits the auditor; <b>n/a</b>: no rule citing it applies to the "
           "zone's hosts. The target security level (SL-T) is the one the site model declares "
           "for the zone.</p>");
    if (!n) {
        rc |= fs_buf_adds(b, "<p class=\"mute\">No rule of the benchmark cites an IEC 62443-3-3 "
                             "system requirement.</p>");
        goto out;
    }
    rc |= fs_buf_adds(b, "<div class=\"grid\"><table class=\"ztab zsr\"><thead><tr><th>System "
                         "requirement</th>");
    for (size_t i = 0; i < s->nzones; i++) {
        rc |= fs_buf_adds(b, "<th>");
        rc |= fs_html_escape(b, s->zones[i].name);
        if (s->zones[i].security_level)
            rc |= fs_buf_addf(b, "<br><span class=\"mute\">SL-T %d</span></th>",
                              s->zones[i].security_level);
        else
            rc |= fs_buf_adds(b, "<br><span class=\"mute\">no SL-T</span></th>");
    }
    rc |= fs_buf_adds(b, "</tr></thead><tbody><tr><th>Hosts</th>");
    for (size_t i = 0; i < s->nzones; i++)
        rc |= fs_buf_addf(b, "<td class=\"num\">%zu</td>", f->zones ? f->zones[i].hosts : 0);
    rc |= fs_buf_adds(b, "</tr><tr><th>Score</th>");
    for (size_t i = 0; i < s->nzones; i++)
        rc |=
            fs_html_score_cell(b, "td", f->zones && f->zones[i].has_score,
                               f->zones ? f->zones[i].score : 0, "mean score of the zone's hosts");
    rc |= fs_buf_adds(b, "</tr>");
    for (size_t j = 0; j < n; j++) {
        rc |= fs_buf_adds(b, "<tr><th>");
        rc |= fs_html_escape(b, srs[j]);
        rc |= fs_buf_adds(b, "</th>");
        for (size_t i = 0; i < s->nzones; i++)
            rc |= sr_cell(b, sr_of(f->zones ? &f->zones[i] : NULL, srs[j]));
        rc |= fs_buf_adds(b, "</tr>");
    }
    rc |= fs_buf_adds(b, "</tbody></table></div>");
out:
    free(srs);
    return rc;
}

static int conduits_table(struct fs_buf *b, const struct fs_report *r)
{
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    int rc = fs_buf_addf(b, "<h3 id=\"zones-conduits\">Conduits (%zu)</h3>", s->nconduits);
    if (!s->nconduits)
        return rc | fs_buf_adds(b, "<p class=\"mute\">The site model declares no conduit: every "
                                   "flow across zones is a violation.</p>");
    rc |= fs_buf_adds(b, "<div class=\"grid\"><table class=\"ztab\"><thead><tr><th "
                         "class=\"num\">#</th><th>From (initiates)</th><th>To</th><th>Ports</th>"
                         "<th>Purpose</th><th class=\"num\">Flows</th><th>Verdict</th>"
                         "<th>Evidence</th></tr></thead><tbody>");
    for (size_t i = 0; i < s->nconduits; i++) {
        const struct fs_conduit *c = &s->conduits[i];
        rc |= fs_buf_addf(b, "<tr id=\"conduit-%zu\"><td class=\"num\">%zu</td><td>", i, i + 1);
        rc |= zone_name(b, s, (long)c->from);
        rc |= fs_buf_adds(b, "</td><td>");
        rc |= zone_name(b, s, (long)c->to);
        rc |= fs_buf_adds(b, "</td><td>");
        for (size_t k = 0; k < c->nports; k++) {
            char p[32];
            fs_zg_port_str(&c->ports[k], p, sizeof p);
            rc |= fs_buf_addf(b, "%s<code>%s</code>", k ? ", " : "", p);
        }
        rc |= fs_buf_adds(b, "</td><td>");
        rc |= fs_html_text(b, c->purpose, "\xe2\x80\x93");
        rc |= fs_buf_adds(b, "</td>");
        if (!f->conduits) {
            rc |= fs_buf_adds(b, "<td colspan=\"3\" class=\"mute\">not analysed</td></tr>");
            continue;
        }
        const struct fs_conduit_summary *cs = &f->conduits[i];
        rc |= fs_buf_addf(b, "<td class=\"num\">%zu%s</td>", cs->flows,
                          cs->flows ? "" : " <span class=\"mute\">(unused)</span>");
        rc |= verdict(b, &cs->result);
        rc |= fs_buf_adds(b, "</tr>");
    }
    rc |= fs_buf_adds(b, "</tbody></table></div>");
    return rc;
}

/* A fixed-size text field of a flow as a C string (the array may be full). */
static void field(char *out, size_t n, const char *v, size_t vn)
{
    snprintf(out, n, "%.*s", (int)strnlen(v, vn), v);
}

static int end_cells(struct fs_buf *b, const struct fs_report *r, const unsigned char addr[16],
                     long host, long zone, const char *process, size_t plen)
{
    char a[64], p[64];
    fs_addr_str(addr, a, sizeof a);
    field(p, sizeof p, process, plen);
    int rc = fs_buf_adds(b, "<td><code>");
    rc |= fs_html_escape(b, a);
    rc |= fs_buf_adds(b, "</code>");
    if (host >= 0 && (size_t)host < r->n) {
        rc |= fs_buf_addf(b, " <a href=\"#host-%ld\">", host);
        rc |= fs_html_escape(b, r->hosts[host].host->name);
        rc |= fs_buf_adds(b, "</a>");
    } else {
        rc |= fs_buf_adds(b, " <span class=\"mute\">not scanned</span>");
    }
    rc |= fs_buf_adds(b, "</td><td>");
    rc |= zone_name(b, r->site, zone);
    rc |= fs_buf_adds(b, "</td><td>");
    rc |= fs_html_text(b, p, "\xe2\x80\x93");
    return rc | fs_buf_adds(b, "</td>");
}

static int violations(struct fs_buf *b, const struct fs_report *r)
{
    const struct fs_fleet *f = r->fleet;
    size_t n = 0;
    for (size_t i = 0; i < f->nflows; i++)
        n += f->flows[i].cls == FS_FLOW_CROSS_ZONE || f->flows[i].cls == FS_FLOW_EXTERNAL;
    int rc = fs_buf_addf(b, "<h3 id=\"zones-violations\">Violating flows (%zu)</h3>", n);
    if (!n)
        return rc | fs_buf_adds(b, "<p>No observed flow crosses zones without a conduit or "
                                   "leaves the declared networks.</p>");
    rc |= fs_buf_adds(b, "<div class=\"grid\"><table class=\"ztab zflows\"><thead><tr>"
                         "<th>Class</th><th>Client (initiates)</th><th>Client zone</th>"
                         "<th>Client process</th><th>Server</th><th>Server zone</th>"
                         "<th>Server process</th><th>Port</th><th>Seen from</th></tr></thead>"
                         "<tbody>");
    size_t shown = 0;
    for (size_t i = 0; i < f->nflows && shown < FLOWS_LISTED; i++) {
        const struct fs_flow *x = &f->flows[i];
        if (x->cls != FS_FLOW_CROSS_ZONE && x->cls != FS_FLOW_EXTERNAL)
            continue;
        shown++;
        char proto[8];
        field(proto, sizeof proto, x->proto, sizeof x->proto);
        rc |= fs_buf_addf(b, "<tr id=\"zflow-%zu\" class=\"zviol\"><td><b>%s</b></td>", i,
                          fs_flow_class_name(x->cls));
        rc |= end_cells(b, r, x->client, x->client_host, x->client_zone, x->client_process,
                        sizeof x->client_process);
        rc |= end_cells(b, r, x->server, x->server_host, x->server_zone, x->server_process,
                        sizeof x->server_process);
        rc |= fs_buf_adds(b, "<td class=\"nw\"><code>");
        rc |= fs_html_escape(b, proto);
        rc |= fs_buf_addf(b, "/%u</code></td><td>%s</td></tr>", x->server_port,
                          x->both_ends ? "both ends" : "one end");
    }
    rc |= fs_buf_adds(b, "</tbody></table></div>");
    if (shown < n)
        rc |= fs_buf_addf(b,
                          "<p class=\"mute\">The first %zu of %zu violating flows; results.json "
                          "lists every one.</p>",
                          shown, n);
    return rc;
}

int fs_html_zones(struct fs_buf *b, const struct fs_report *r)
{
    if (!r->site || !r->fleet)
        return FS_OK;
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    struct fs_zg *g = NULL;
    int rc = fs_zg_build(s, f, &g);
    if (rc)
        return rc;
    rc |= fs_buf_adds(b, "\n<section id=\"zones\"><h2>Zones and conduits</h2><p class=\"meta\">"
                         "Site model <code>");
    rc |= fs_html_text(b, s->path, "(no path)");
    rc |= fs_buf_adds(b, "</code>, SHA-256 <code>");
    rc |= fs_html_text(b, s->sha256, "not recorded");
    rc |= fs_buf_addf(b, "</code>: %zu zone%s, %zu conduit%s.</p>", s->nzones, plural(s->nzones),
                      s->nconduits, plural(s->nconduits));
    rc |= fs_buf_addf(b,
                      "<p id=\"zones-summary\">%zu flow%s observed: %zu inside a zone, %zu through "
                      "a declared conduit, <span class=\"zbad\">%zu crossing zones without a "
                      "conduit</span>, <span class=\"zbad\">%zu to or from outside every "
                      "declared network</span>. %zu declared conduit%s never used.",
                      f->nflows, plural(f->nflows), g->flows[FS_FLOW_INTRA_ZONE],
                      g->flows[FS_FLOW_CONDUIT], g->flows[FS_FLOW_CROSS_ZONE],
                      g->flows[FS_FLOW_EXTERNAL], g->unused, plural(g->unused));
    if (f->hosts_unread)
        rc |= fs_buf_addf(b,
                          " <span class=\"st st-error\">the socket tables of %zu host%s could not "
                          "be read</span>: their flows are unknown.",
                          f->hosts_unread, plural(f->hosts_unread));
    rc |= fs_buf_adds(b, "</p><figure class=\"zdiag\">");
    if (!rc)
        rc = fs_html_zones_svg(b, r, g);
    rc |= fs_buf_adds(b, "<figcaption class=\"mute\">Zones as boxes (networks, hosts, target "
                         "security level, verdict), declared conduits as arrows from the "
                         "initiating zone labelled with their ports, observed flows drawn over "
                         "them; violations in orange-red and labelled VIOLATION. Many flows "
                         "between the same two zones are one arrow with their count. Select a "
                         "zone for its row below.</figcaption></figure>");
    rc |= zones_table(b, r);
    rc |= rollup(b, r);
    rc |= conduits_table(b, r);
    rc |= violations(b, r);
    rc |= fs_buf_adds(b, "</section>\n");
    fs_zg_free(g);
    return rc ? FS_ERR_NOMEM : FS_OK;
}
