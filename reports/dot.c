/* SPDX-License-Identifier: Apache-2.0 */
/* zones.dot (-f dot, with --zones): the zone graph of report.html's diagram for Graphviz, with
 * the same nodes, edges, colours and line styles (reports/zones_graph.h) and a legend. Every
 * string is printable, cut short and quoted for DOT (\ and " escaped), so a hostile zone name,
 * purpose or path cannot end its string or reach Graphviz's label escapes. */
#include "report.h"
#include "zones_graph.h"
#include "../scanner/core/err.h"
#include "../scanner/core/limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_BYTES ((size_t)64)
#define TEXT_BYTES ((size_t)200)
#define FONT       "DejaVu Sans"

/* Appends s as the inside of a DOT quoted string: printable, at most max bytes. */
static int dot_text(struct fs_buf *b, const char *s, size_t max)
{
    struct fs_buf t;
    fs_buf_init(&t, (size_t)-1);
    int rc = fs_zg_short(&t, s, max);
    for (const char *p = fs_buf_cstr(&t); rc == FS_OK && *p; p++) {
        if (*p == '"' || *p == '\\')
            rc = fs_buf_add(b, "\\", 1);
        if (rc == FS_OK)
            rc = fs_buf_add(b, p, 1);
    }
    fs_buf_dispose(&t);
    return rc;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static int node(struct fs_buf *b, const struct fs_zg *g, const struct fs_site *s,
                const struct fs_fleet *f, size_t i)
{
    int rc = FS_OK;
    if (i >= g->nzones) {
        rc |= fs_buf_addf(b, "  \"outside\" [label=\"outside every\\ndeclared network%s",
                          g->inside[i] ? "\\n" : "");
        if (g->inside[i])
            rc |= fs_buf_addf(b, "%zu flow%s inside", g->inside[i], plural(g->inside[i]));
        return rc | fs_buf_addf(b,
                                "\", style=\"rounded,dashed,filled\", fillcolor=\"%s\", "
                                "color=\"%s\", tooltip=\"Addresses outside every network the "
                                "site model declares\"];\n",
                                FS_ZG_OUTSIDE_FILL, FS_ZG_OUTSIDE_COLOUR);
    }
    const struct fs_zone *z = &s->zones[i];
    const struct fs_zone_summary *zs = f->zones ? &f->zones[i] : NULL;
    enum fs_result v = zs ? zs->result.result : FS_RESULT_UNKNOWN;
    size_t hosts = zs ? zs->hosts : 0;
    rc |= fs_buf_addf(b, "  \"z%zu\" [label=\"", i);
    rc |= dot_text(b, z->name, NAME_BYTES);
    rc |= fs_buf_addf(b, "\\n%zu host%s \xc2\xb7 ", hosts, plural(hosts));
    if (z->security_level)
        rc |= fs_buf_addf(b, "SL-T %d", z->security_level);
    else
        rc |= fs_buf_adds(b, "no SL-T");
    for (size_t k = 0; k < z->nnets && k < 4; k++) {
        char net[64];
        fs_cidr_str(&z->nets[k], net, sizeof net);
        rc |= fs_buf_addf(b, "\\n%s", net);
    }
    if (z->nnets > 4)
        rc |= fs_buf_addf(b, "\\n+%zu more networks", z->nnets - 4);
    if (g->inside[i])
        rc |= fs_buf_addf(b, "\\n%zu flow%s inside", g->inside[i], plural(g->inside[i]));
    rc |= fs_buf_addf(b, "\\nverdict: %s\", color=\"%s\", penwidth=\"%s\", tooltip=\"",
                      fs_result_name(v), fs_zg_verdict_colour(v), v == FS_RESULT_FAIL ? "3" : "2");
    rc |= dot_text(b, zs && zs->result.evidence ? zs->result.evidence : "", TEXT_BYTES);
    return rc | fs_buf_adds(b, "\"];\n");
}

static int edge(struct fs_buf *b, const struct fs_zg *g, const struct fs_site *s, size_t i)
{
    const struct fs_zg_edge *e = &g->e[i];
    const struct fs_zg_style *st = &fs_zg_styles[e->kind];
    char from[32], to[32];
    if (e->from < g->nzones)
        snprintf(from, sizeof from, "z%zu", e->from);
    else
        snprintf(from, sizeof from, "outside");
    if (e->to < g->nzones)
        snprintf(to, sizeof to, "z%zu", e->to);
    else
        snprintf(to, sizeof to, "outside");
    int rc = fs_buf_addf(b, "  \"%s\" -> \"%s\" [label=\"", from, to);
    switch (e->kind) {
    case FS_ZG_CONDUIT:
        rc |= fs_buf_addf(b, "%s\\n%zu flow%s", e->ports, e->flows, plural(e->flows));
        break;
    case FS_ZG_UNUSED:
        rc |= fs_buf_addf(b, "%s\\nunused", e->ports);
        break;
    case FS_ZG_CROSS:
        rc |= fs_buf_addf(b, "VIOLATION: no conduit\\n%zu flow%s: %s", e->flows, plural(e->flows),
                          e->ports);
        break;
    default:
        rc |= fs_buf_addf(b, "VIOLATION: external\\n%zu flow%s: %s", e->flows, plural(e->flows),
                          e->ports);
        break;
    }
    rc |= fs_buf_addf(b,
                      "\", color=\"%s\", fontcolor=\"%s\", style=\"%s\", penwidth=\"%.1f\", "
                      "tooltip=\"%s",
                      st->colour, e->kind >= FS_ZG_CROSS ? st->colour : "#1b1b1b", st->dot,
                      st->width, st->legend);
    if (e->conduit >= 0 && s->conduits[e->conduit].purpose && *s->conduits[e->conduit].purpose) {
        rc |= fs_buf_adds(b, ": ");
        rc |= dot_text(b, s->conduits[e->conduit].purpose, TEXT_BYTES);
    }
    return rc | fs_buf_adds(b, "\"];\n");
}

/* A line style drawn in text for the legend's table (Graphviz draws no edge in a label). */
static const char *sample(const struct fs_zg_style *st)
{
    if (strcmp(st->dot, "dashed") == 0)
        return "\xe2\x95\x8c \xe2\x95\x8c \xe2\x95\x8c \xe2\x96\xb6"; /* dashes, arrow */
    if (strcmp(st->dot, "dotted") == 0)
        return "\xe2\x80\xa2 \xe2\x80\xa2 \xe2\x80\xa2 \xe2\x80\xa2 \xe2\x96\xb6";
    return "\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x96\xb6";
}

/* The legend: one node holding a table (an HTML-like label of fixed text only), with each
 * edge style in its colour and line pattern and each kind of box with its border. */
static int legend(struct fs_buf *b)
{
    int rc = fs_buf_adds(b, "  \"legend\" [shape=\"plaintext\", style=\"\", label=<<table "
                            "border=\"1\" color=\"#6b6b6b\" cellborder=\"0\" cellspacing=\"3\" "
                            "cellpadding=\"2\"><tr><td colspan=\"2\"><b>Legend</b></td></tr>");
    for (int k = 0; k < FS_ZG_KINDS; k++) {
        const struct fs_zg_style *st = &fs_zg_styles[k];
        rc |= fs_buf_addf(b,
                          "<tr><td><font color=\"%s\">%s</font></td><td align=\"left\">%s "
                          "(%s line)</td></tr>",
                          st->colour, sample(st), st->legend, st->dot);
    }
    const struct fs_zg_zone_legend *zones = fs_zg_zone_legends;
    for (size_t k = 0; k < (size_t)FS_ZG_ZONE_LEGENDS; k++)
        rc |= fs_buf_addf(b,
                          "<tr><td border=\"%s\" color=\"%s\">zone</td><td align=\"left\">%s"
                          "</td></tr>",
                          zones[k].r == FS_RESULT_FAIL ? "3" : "2",
                          fs_zg_verdict_colour(zones[k].r), zones[k].what);
    rc |= fs_buf_addf(b,
                      "<tr><td border=\"1\" color=\"%s\" bgcolor=\"%s\">outside</td><td "
                      "align=\"left\">outside every declared network (the other end of "
                      "external flows; dashed box)</td></tr></table>>];\n",
                      FS_ZG_OUTSIDE_COLOUR, FS_ZG_OUTSIDE_FILL);
    return rc;
}

int fs_report_dot_text(const struct fs_report *r, struct fs_buf *b)
{
    if (!r->site || !r->fleet)
        return FS_ERR_INVAL;
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    struct fs_zg *g = NULL;
    int rc = fs_zg_build(s, f, &g);
    if (rc)
        return rc;
    rc |= fs_buf_addf(b,
                      "// floorscan %s: zones, declared conduits and the flows observed in the "
                      "scan (render: dot -Tsvg zones.dot -o zones.svg)\ndigraph \"floorscan "
                      "zones\" {\n  graph [label=\"Zones and conduits of ",
                      FS_VERSION);
    rc |= dot_text(b, s->path ? s->path : "the site model", NAME_BYTES * 2);
    rc |= fs_buf_addf(b,
                      "\\n%zu flow%s: %zu inside a zone, %zu through a conduit, %zu crossing "
                      "zones without a conduit, %zu external; %zu conduit%s never used\", "
                      "labelloc=\"t\", fontname=\"" FONT "\", fontsize=\"12\", rankdir=\"LR\", "
                      "nodesep=\"0.5\", ranksep=\"1.2\"];\n  node [fontname=\"" FONT "\", "
                      "fontsize=\"10\", shape=\"box\", style=\"rounded,filled\", "
                      "fillcolor=\"" FS_ZG_ZONE_FILL "\"];\n  edge [fontname=\"" FONT "\", "
                      "fontsize=\"9\", arrowsize=\"0.8\"];\n",
                      f->nflows, plural(f->nflows), g->flows[FS_FLOW_INTRA_ZONE],
                      g->flows[FS_FLOW_CONDUIT], g->flows[FS_FLOW_CROSS_ZONE],
                      g->flows[FS_FLOW_EXTERNAL], g->unused, plural(g->unused));
    for (size_t i = 0; i < g->nnodes && !rc; i++)
        rc |= node(b, g, s, f, i);
    for (size_t i = 0; i < g->ne && !rc; i++)
        rc |= edge(b, g, s, i);
    rc |= legend(b);
    rc |= fs_buf_adds(b, "}\n");
    fs_zg_free(g);
    return rc ? FS_ERR_NOMEM : FS_OK;
}

int fs_report_dot(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                  struct fs_buf *err)
{
    if (!r->site || !r->fleet) {
        fs_buf_try_addf(err,
                        "%s/%s: -f dot needs --zones: these results hold no site model to draw; "
                        "not written",
                        dir->path, file);
        return FS_ERR_INVAL;
    }
    struct fs_buf b;
    fs_buf_init(&b, FS_REPORT_HTML_MAX);
    int rc = fs_report_dot_text(r, &b);
    if (rc)
        fs_buf_try_addf(err, "%s/%s: cannot build the zone graph: %s", dir->path, file,
                        fs_strerror(rc));
    else
        rc = fs_outfile_write(dir, file, b.data ? b.data : "", b.len, err);
    fs_buf_dispose(&b);
    return rc;
}
