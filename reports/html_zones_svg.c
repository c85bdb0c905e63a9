/* SPDX-License-Identifier: Apache-2.0 */
/* report.html's zone diagram: an inline SVG laid out by floorscan (zones on an ellipse, the
 * outside node among them, conduits and violations as curved arrows, a legend). No script,
 * no external resource; every string from the model or a device escaped and cut short. */
#include "html.h"
#include "zones_graph.h"
#include "../scanner/core/err.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 40 /* a zone name on its box; the whole name is in the box's title */
#define NETS_SHOWN     2
#define LINE_H         15.0
#define MARGIN         70.0
#define SLOT_GAP       46.0

struct box {
    double x, y, w, h; /* centre and size */
    size_t lines;
};

struct layout {
    struct box *b;
    double minx, miny, maxx, maxy;
};

static size_t zone_lines(const struct fs_zg *g, const struct fs_site *s, size_t i)
{
    if (i >= g->nzones)
        return 2 + (g->inside[i] > 0);
    size_t nets = s->zones[i].nnets;
    return 3 + (nets > NETS_SHOWN ? NETS_SHOWN + 1 : nets) + (g->inside[i] > 0);
}

static int layout(const struct fs_zg *g, const struct fs_site *s, const struct fs_fleet *f,
                  struct layout *l)
{
    l->b = calloc(g->nnodes ? g->nnodes : 1, sizeof *l->b);
    if (!l->b)
        return FS_ERR_NOMEM;
    double maxw = 0, maxh = 0;
    for (size_t i = 0; i < g->nnodes; i++) {
        struct box *b = &l->b[i];
        size_t hosts = i < g->nzones && f->zones ? f->zones[i].hosts : 0;
        /* sized for the host count: wider boxes for bigger zones, within bounds */
        b->w = 200.0 + 6.0 * sqrt((double)(hosts < 400 ? hosts : 400));
        b->lines = zone_lines(g, s, i);
        b->h = 16.0 + LINE_H * (double)b->lines;
        maxw = b->w > maxw ? b->w : maxw;
        maxh = b->h > maxh ? b->h : maxh;
    }
    double n = (double)g->nnodes, pi = acos(-1.0);
    double rx = fmax(300.0, n * (maxw + 90.0) / (2 * pi));
    double ry = fmax(190.0, n * (maxh + 80.0) / (2 * pi));
    double start = g->nnodes == 2 ? pi : -pi / 2;
    l->minx = l->miny = 1e18;
    l->maxx = l->maxy = -1e18;
    for (size_t i = 0; i < g->nnodes; i++) {
        struct box *b = &l->b[i];
        double a = start + 2 * pi * (double)i / n;
        b->x = g->nnodes == 1 ? 0 : rx * cos(a);
        b->y = g->nnodes == 1 ? 0 : ry * sin(a);
        l->minx = fmin(l->minx, b->x - b->w / 2);
        l->maxx = fmax(l->maxx, b->x + b->w / 2);
        l->miny = fmin(l->miny, b->y - b->h / 2);
        l->maxy = fmax(l->maxy, b->y + b->h / 2);
    }
    if (!g->nnodes)
        l->minx = l->miny = l->maxx = l->maxy = 0;
    /* room for self loops and labels beside the outer boxes */
    l->minx -= MARGIN;
    l->miny -= MARGIN;
    l->maxx += MARGIN;
    l->maxy += MARGIN / 2;
    return FS_OK;
}

/* Where the line from b's centre towards (tx, ty) leaves the box (4 px outside it). */
static void clip(const struct box *b, double tx, double ty, double *ox, double *oy)
{
    double dx = tx - b->x, dy = ty - b->y;
    double sx = fabs(dx) > 1e-9 ? (b->w / 2 + 4) / fabs(dx) : 1e18;
    double sy = fabs(dy) > 1e-9 ? (b->h / 2 + 4) / fabs(dy) : 1e18;
    double sc = fmin(fmin(sx, sy), 1.0);
    *ox = b->x + dx * sc;
    *oy = b->y + dy * sc;
}

static int text_line(struct fs_buf *b, double x, double y, const char *attrs, const char *s,
                     size_t max)
{
    struct fs_buf t;
    fs_buf_init(&t, 4096);
    int rc = fs_zg_short(&t, s, max);
    rc |= fs_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\"%s>", x, y, attrs);
    rc |= fs_html_escape(b, fs_buf_cstr(&t));
    rc |= fs_buf_adds(b, "</text>");
    fs_buf_dispose(&t);
    return rc;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static int node(struct fs_buf *b, const struct fs_zg *g, const struct fs_site *s,
                const struct fs_fleet *f, const struct layout *l, size_t i)
{
    const struct box *bx = &l->b[i];
    bool zone = i < g->nzones;
    const struct fs_zone_summary *zs = zone && f->zones ? &f->zones[i] : NULL;
    enum fs_result verdict = zs ? zs->result.result : FS_RESULT_UNKNOWN;
    const char *border = zone ? fs_zg_verdict_colour(verdict) : FS_ZG_OUTSIDE_COLOUR;
    int rc = zone ? fs_buf_addf(b, "<a href=\"#zone-%zu\">", i) : FS_OK;
    rc |= fs_buf_addf(b, "<g class=\"znode%s\" data-node=\"%zu\"><title>", zone ? "" : " zoutside",
                      i);
    if (zone) {
        rc |= fs_buf_adds(b, "Zone ");
        rc |= fs_html_escape(b, s->zones[i].name);
        rc |= fs_buf_addf(b, ": %zu host%s, %zu misplaced, ", zs ? zs->hosts : 0,
                          plural(zs ? zs->hosts : 0), zs ? zs->hosts_misplaced : 0);
        if (s->zones[i].security_level)
            rc |= fs_buf_addf(b, "target security level %d", s->zones[i].security_level);
        else
            rc |= fs_buf_adds(b, "no target security level declared");
        rc |= fs_buf_addf(b, ", verdict %s", fs_result_name(verdict));
    } else {
        rc |= fs_buf_adds(b, "Addresses outside every network the site model declares");
    }
    rc |= fs_buf_addf(b, ", %zu flow%s inside</title>", g->inside[i], plural(g->inside[i]));
    rc |= fs_buf_addf(b,
                      "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" "
                      "fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"%s/>",
                      bx->x - bx->w / 2, bx->y - bx->h / 2, bx->w, bx->h,
                      zone ? FS_ZG_ZONE_FILL : FS_ZG_OUTSIDE_FILL, border,
                      zone && verdict == FS_RESULT_FAIL ? "3" : "2",
                      zone ? "" : " stroke-dasharray=\"6 4\"");
    double y = bx->y - bx->h / 2 + 8 + LINE_H - 3;
    if (!zone) {
        rc |= text_line(b, bx->x, y, " text-anchor=\"middle\" font-weight=\"600\"", "outside every",
                        64);
        y += LINE_H;
        rc |= text_line(b, bx->x, y, " text-anchor=\"middle\" font-weight=\"600\"",
                        "declared network", 64);
    } else {
        const struct fs_zone *z = &s->zones[i];
        rc |= text_line(b, bx->x, y, " text-anchor=\"middle\" font-weight=\"600\"", z->name,
                        NAME_MAX_BYTES);
        char t[128];
        y += LINE_H;
        size_t hosts = zs ? zs->hosts : 0;
        if (z->security_level)
            snprintf(t, sizeof t, "%zu host%s \xc2\xb7 SL-T %d", hosts, plural(hosts),
                     z->security_level);
        else
            snprintf(t, sizeof t, "%zu host%s \xc2\xb7 no SL-T", hosts, plural(hosts));
        rc |= text_line(b, bx->x, y, " text-anchor=\"middle\"", t, sizeof t);
        for (size_t k = 0; k < z->nnets && k < NETS_SHOWN; k++) {
            fs_cidr_str(&z->nets[k], t, sizeof t);
            y += LINE_H;
            rc |= text_line(b, bx->x, y, " text-anchor=\"middle\" fill=\"#5a5a5a\"", t, 64);
        }
        if (z->nnets > NETS_SHOWN) {
            snprintf(t, sizeof t, "+%zu more network%s", z->nnets - NETS_SHOWN,
                     plural(z->nnets - NETS_SHOWN));
            y += LINE_H;
            rc |= text_line(b, bx->x, y, " text-anchor=\"middle\" fill=\"#5a5a5a\"", t, 64);
        }
    }
    if (g->inside[i]) {
        char t[64];
        snprintf(t, sizeof t, "%zu flow%s inside", g->inside[i], plural(g->inside[i]));
        y += LINE_H;
        rc |= text_line(b, bx->x, y, " text-anchor=\"middle\"", t, sizeof t);
    }
    if (zone) {
        char t[64];
        snprintf(t, sizeof t, "verdict: %s", fs_result_name(verdict));
        y += LINE_H;
        rc |= text_line(b, bx->x, y, " text-anchor=\"middle\" font-weight=\"600\"", t, sizeof t);
    }
    rc |= fs_buf_adds(b, zone ? "</g></a>" : "</g>");
    return rc;
}

/* An edge's path: a quadratic curve bent by its slot among the edges of its pair of nodes
 * (the bend measured on the pair's own direction, so A->B and B->A take different sides), or
 * a loop beside the box for an edge from a node to itself. (lx, ly): where its label goes. */
static void edge_path(const struct fs_zg_edge *e, const struct layout *l, char *d, size_t n,
                      double *lx, double *ly)
{
    const struct box *a = &l->b[e->from], *z = &l->b[e->to];
    if (e->from == e->to) {
        double off = 18.0 * (double)e->slot;
        double x0 = a->x + a->w / 4 + off, y0 = a->y - a->h / 2 - 2;
        double x1 = a->x + a->w / 2 + 2, y1 = a->y - a->h / 4 + off;
        snprintf(d, n, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", x0, y0, x0, y0 - 60 - off,
                 x1 + 60 + off, y1, x1, y1);
        *lx = x1 + 30 + off;
        *ly = y0 - 30 - off;
        return;
    }
    const struct box *lo = e->from < e->to ? a : z, *hi = e->from < e->to ? z : a;
    double dx = hi->x - lo->x, dy = hi->y - lo->y, len = sqrt(dx * dx + dy * dy);
    double nx = len > 0 ? -dy / len : 0, ny = len > 0 ? dx / len : 1;
    double off = ((double)e->slot - ((double)e->slots - 1) / 2) * SLOT_GAP;
    double mx = (a->x + z->x) / 2, my = (a->y + z->y) / 2;
    double cx = mx + nx * off * 2, cy = my + ny * off * 2;
    double sx, sy, ex, ey;
    clip(a, cx, cy, &sx, &sy);
    clip(z, cx, cy, &ex, &ey);
    snprintf(d, n, "M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f", sx, sy, cx, cy, ex, ey);
    *lx = 0.25 * sx + 0.5 * cx + 0.25 * ex;
    *ly = 0.25 * sy + 0.5 * cy + 0.25 * ey;
}

/* The two lines written on an edge. */
static void edge_words(const struct fs_zg_edge *e, char *l1, size_t n1, char *l2, size_t n2)
{
    switch (e->kind) {
    case FS_ZG_CONDUIT:
        snprintf(l1, n1, "%s", e->ports[0] ? e->ports : "no ports");
        snprintf(l2, n2, "%zu flow%s", e->flows, plural(e->flows));
        break;
    case FS_ZG_UNUSED:
        snprintf(l1, n1, "%s", e->ports[0] ? e->ports : "no ports");
        snprintf(l2, n2, "unused");
        break;
    case FS_ZG_CROSS:
        snprintf(l1, n1, "VIOLATION: no conduit");
        snprintf(l2, n2, "%zu flow%s: %s", e->flows, plural(e->flows), e->ports);
        break;
    default:
        snprintf(l1, n1, "VIOLATION: external");
        snprintf(l2, n2, "%zu flow%s: %s", e->flows, plural(e->flows), e->ports);
        break;
    }
}

static int edge(struct fs_buf *b, const struct fs_zg *g, const struct fs_site *s,
                const struct layout *l, size_t i, struct fs_buf *labels)
{
    const struct fs_zg_edge *e = &g->e[i];
    const struct fs_zg_style *st = &fs_zg_styles[e->kind];
    char d[256], l1[160], l2[192];
    double lx, ly;
    edge_path(e, l, d, sizeof d, &lx, &ly);
    edge_words(e, l1, sizeof l1, l2, sizeof l2);
    int rc = fs_buf_addf(b, "<g class=\"zedge z-%s\" data-from=\"%zu\" data-to=\"%zu\"><title>",
                         st->cls, e->from, e->to);
    rc |= fs_html_escape(b, fs_zg_node_name(g, s, e->from));
    rc |= fs_buf_adds(b, " to ");
    rc |= fs_html_escape(b, fs_zg_node_name(g, s, e->to));
    rc |= fs_buf_addf(b, ": %s", st->legend);
    if (e->conduit >= 0 && s->conduits[e->conduit].purpose && *s->conduits[e->conduit].purpose) {
        rc |= fs_buf_adds(b, " (");
        rc |= fs_html_escape(b, s->conduits[e->conduit].purpose);
        rc |= fs_buf_adds(b, ")");
    }
    rc |= fs_buf_adds(b, "; ");
    rc |= fs_html_escape(b, l1);
    rc |= fs_buf_adds(b, "; ");
    rc |= fs_html_escape(b, l2);
    rc |= fs_buf_adds(b, "</title>");
    if (e->kind == FS_ZG_CONDUIT) /* the observed flows drawn over the declared conduit */
        rc |= fs_buf_addf(b,
                          "<path class=\"zband\" d=\"%s\" fill=\"none\" stroke=\"%s\" "
                          "stroke-opacity=\"0.22\" stroke-width=\"11\" stroke-linecap=\"round\"/>",
                          d, st->colour);
    rc |= fs_buf_addf(b, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"", d,
                      st->colour, st->width);
    if (*st->dash)
        rc |= fs_buf_addf(b, " stroke-dasharray=\"%s\"%s", st->dash,
                          e->kind == FS_ZG_EXTERNAL ? " stroke-linecap=\"round\"" : "");
    rc |= fs_buf_addf(b, " marker-end=\"url(#zarr-%s)\"/></g>", st->cls);
    /* labels after every edge and box, so nothing is drawn over them */
    rc |= fs_buf_addf(labels,
                      "<text class=\"zlabel\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                      "fill=\"%s\" stroke=\"#fff\" stroke-width=\"4\" stroke-linejoin=\"round\" "
                      "paint-order=\"stroke\"%s><tspan x=\"%.1f\" dy=\"-2\">",
                      lx, ly, e->kind >= FS_ZG_CROSS ? st->colour : "#1b1b1b",
                      e->kind >= FS_ZG_CROSS ? " font-weight=\"600\"" : "", lx);
    rc |= fs_html_escape(labels, l1);
    rc |= fs_buf_addf(labels, "</tspan><tspan x=\"%.1f\" dy=\"13\">", lx);
    rc |= fs_html_escape(labels, l2);
    rc |= fs_buf_adds(labels, "</tspan></text>");
    return rc;
}

static int legend(struct fs_buf *b, double x, double y)
{
    int rc = fs_buf_addf(b,
                         "<g class=\"zlegend\"><text x=\"%.1f\" y=\"%.1f\" font-weight=\"600\">"
                         "Legend</text>",
                         x, y);
    for (int k = 0; k < FS_ZG_KINDS; k++) {
        const struct fs_zg_style *st = &fs_zg_styles[k];
        double ry = y + 20.0 * (k + 1);
        if (k == FS_ZG_CONDUIT)
            rc |= fs_buf_addf(b,
                              "<path d=\"M%.1f,%.1f h50\" stroke=\"%s\" stroke-opacity=\"0.22\" "
                              "stroke-width=\"11\" stroke-linecap=\"round\"/>",
                              x, ry - 4, st->colour);
        rc |= fs_buf_addf(b,
                          "<path class=\"zleg-%s\" d=\"M%.1f,%.1f h50\" stroke=\"%s\" "
                          "stroke-width=\"%.1f\"",
                          st->cls, x, ry - 4, st->colour, st->width);
        if (*st->dash)
            rc |= fs_buf_addf(b, " stroke-dasharray=\"%s\"%s", st->dash,
                              k == FS_ZG_EXTERNAL ? " stroke-linecap=\"round\"" : "");
        rc |= fs_buf_addf(b, " marker-end=\"url(#zarr-%s)\"/><text x=\"%.1f\" y=\"%.1f\">", st->cls,
                          x + 64, ry);
        rc |= fs_html_escape(b, st->legend);
        rc |= fs_buf_adds(b, "</text>");
    }
    const struct fs_zg_zone_legend *zones = fs_zg_zone_legends;
    for (size_t k = 0; k < (size_t)FS_ZG_ZONE_LEGENDS; k++) {
        double ry = y + 20.0 * (double)(FS_ZG_KINDS + 1 + k);
        rc |= fs_buf_addf(b,
                          "<rect x=\"%.1f\" y=\"%.1f\" width=\"50\" height=\"14\" rx=\"4\" "
                          "fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/><text x=\"%.1f\" "
                          "y=\"%.1f\">%s</text>",
                          x, ry - 12, FS_ZG_ZONE_FILL, fs_zg_verdict_colour(zones[k].r),
                          zones[k].r == FS_RESULT_FAIL ? "3" : "2", x + 64, ry, zones[k].what);
    }
    size_t rows = FS_ZG_KINDS + 1 + (size_t)FS_ZG_ZONE_LEGENDS;
    double ry = y + 20.0 * (double)rows;
    rc |= fs_buf_addf(b,
                      "<rect x=\"%.1f\" y=\"%.1f\" width=\"50\" height=\"14\" rx=\"4\" fill=\"%s\" "
                      "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text "
                      "x=\"%.1f\" y=\"%.1f\">outside every declared network (the other end of "
                      "external flows)</text></g>",
                      x, ry - 12, FS_ZG_OUTSIDE_FILL, FS_ZG_OUTSIDE_COLOUR, x + 64, ry);
    return rc;
}

#define LEGEND_ROWS (FS_ZG_KINDS + 5)
#define LEGEND_W    560.0

int fs_html_zones_svg(struct fs_buf *b, const struct fs_report *r, const struct fs_zg *g)
{
    const struct fs_site *s = r->site;
    const struct fs_fleet *f = r->fleet;
    struct layout l = {0};
    struct fs_buf labels;
    fs_buf_init(&labels, FS_REPORT_HTML_MAX);
    int rc = layout(g, s, f, &l);
    if (rc)
        goto out;
    double dw = l.maxx - l.minx, w = fmax(dw, LEGEND_W + 40);
    double ox = -l.minx + (w - dw) / 2, oy = -l.miny;
    double h = l.maxy - l.miny + 20.0 * LEGEND_ROWS + 20;
    rc |= fs_buf_addf(b,
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"zones-svg\" class=\"zsvg\" "
                      "role=\"img\" aria-labelledby=\"zones-svg-title zones-svg-desc\" "
                      "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
                      "font-family=\"system-ui, 'DejaVu Sans', sans-serif\" font-size=\"12\">"
                      "<title id=\"zones-svg-title\">Zones and conduits: the site model with "
                      "the flows observed in this scan</title><desc id=\"zones-svg-desc\">",
                      w, h, w, h);
    rc |= fs_buf_addf(b,
                      "%zu zone%s and %zu declared conduit%s (%zu never used). %zu flow%s "
                      "observed: %zu inside a zone, %zu through a declared conduit, %zu crossing "
                      "zones without a conduit, %zu to or from outside every declared network. "
                      "Each zone is a box with its networks, host count and target security "
                      "level; each conduit an arrow from the initiating zone, labelled with its "
                      "ports; violations are arrows labelled VIOLATION.</desc><defs>",
                      s->nzones, plural(s->nzones), s->nconduits, plural(s->nconduits), g->unused,
                      f->nflows, plural(f->nflows), g->flows[FS_FLOW_INTRA_ZONE],
                      g->flows[FS_FLOW_CONDUIT], g->flows[FS_FLOW_CROSS_ZONE],
                      g->flows[FS_FLOW_EXTERNAL]);
    for (int k = 0; k < FS_ZG_KINDS; k++)
        rc |= fs_buf_addf(b,
                          "<marker id=\"zarr-%s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                          "markerWidth=\"11\" markerHeight=\"11\" markerUnits=\"userSpaceOnUse\" "
                          "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/>"
                          "</marker>",
                          fs_zg_styles[k].cls, fs_zg_styles[k].colour);
    rc |=
        fs_buf_addf(b, "</defs><g transform=\"translate(%.1f,%.1f)\"><g class=\"zedges\">", ox, oy);
    for (size_t i = 0; i < g->ne && !rc; i++)
        rc |= edge(b, g, s, &l, i, &labels);
    rc |= fs_buf_adds(b, "</g><g class=\"znodes\">");
    for (size_t i = 0; i < g->nnodes && !rc; i++)
        rc |= node(b, g, s, f, &l, i);
    rc |= fs_buf_adds(b, "</g><g class=\"zlabels\" font-size=\"11\">");
    if (!rc)
        rc |= fs_buf_add(b, labels.data ? labels.data : "", labels.len);
    rc |= fs_buf_adds(b, "</g></g>");
    rc |= legend(b, 20.0, l.maxy - l.miny + 24.0);
    rc |= fs_buf_adds(b, "</svg>");
out:
    fs_buf_dispose(&labels);
    free(l.b);
    return rc ? FS_ERR_NOMEM : FS_OK;
}
