/* SPDX-License-Identifier: Apache-2.0 */
/* The zones graph shared by report.html's diagram and zones.dot (zones_graph.h). */
#include "zones_graph.h"
#include "../scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blue for what the model allows, vermillion for violations, grey for what is only declared
 * (Okabe-Ito colours, told apart with red-green colour blindness; each edge also says in words
 * what it is). */
const struct fs_zg_zone_legend fs_zg_zone_legends[FS_ZG_ZONE_LEGENDS] = {
    {FS_RESULT_PASS, "zone, verdict pass: no violation, every host placed"},
    {FS_RESULT_FAIL, "zone, verdict fail: a violating flow or a misplaced host"},
    {FS_RESULT_ERROR, "zone, verdict error: a host's flows could not be read"},
};

const struct fs_zg_style fs_zg_styles[FS_ZG_KINDS] = {
    {"conduit", "#1a5fa0", "", "solid", 2.5, "declared conduit, observed flows it allows"},
    {"unused", "#6b6b6b", "7 5", "dashed", 1.5, "declared conduit, never used in this scan"},
    {"cross-zone", "#d55e00", "", "solid", 3.5,
     "violation: flows crossing zones without a conduit"},
    {"external", "#d55e00", "2 5", "dotted", 3.5,
     "violation: flows to or from outside every declared network"},
};

const char *fs_zg_verdict_colour(enum fs_result r)
{
    switch (r) {
    case FS_RESULT_PASS:
        return "#1a5fa0";
    case FS_RESULT_FAIL:
        return "#d55e00";
    case FS_RESULT_ERROR:
        return "#8c510a";
    default:
        return "#6b6b6b";
    }
}

const char *fs_zg_node_name(const struct fs_zg *g, const struct fs_site *site, size_t node)
{
    if (node < g->nzones && node < site->nzones)
        return site->zones[node].name ? site->zones[node].name : "";
    return "outside every declared network";
}

int fs_zg_short(struct fs_buf *b, const char *s, size_t max)
{
    struct fs_buf p;
    fs_buf_init(&p, max);
    bool cut = false;
    int rc = fs_buf_add_printable_cut(&p, s ? s : "", strlen(s ? s : ""), &cut);
    if (rc == FS_OK)
        rc = fs_buf_add(b, p.data ? p.data : "", p.len);
    if (rc == FS_OK && cut)
        rc = fs_buf_adds(b, "\xe2\x80\xa6");
    fs_buf_dispose(&p);
    return rc;
}

void fs_zg_port_str(const struct fs_port_range *p, char *out, size_t n)
{
    char proto[8];
    /* proto is a fixed array that a hand-made or loaded model may not terminate */
    snprintf(proto, sizeof proto, "%.3s", p->proto);
    for (char *c = proto; *c; c++)
        if (*c < 'a' || *c > 'z')
            *c = '?';
    if (p->lo == p->hi)
        snprintf(out, n, "%s/%u", proto, p->lo);
    else
        snprintf(out, n, "%s/%u-%u", proto, p->lo, p->hi);
}

/* Appends "a, b" to an edge's port list unless it is there; beyond FS_ZG_PORTS, "+more". */
static void add_port(struct fs_zg_edge *e, size_t *nports, const char *port)
{
    size_t pl = strlen(port), len = strlen(e->ports);
    for (const char *p = e->ports; (p = strstr(p, port)); p += pl)
        if ((p == e->ports || p[-1] == ' ') && (p[pl] == ',' || p[pl] == '\0'))
            return;
    if (*nports == FS_ZG_PORTS) {
        if (len + 6 < sizeof e->ports && !strstr(e->ports, ", more"))
            snprintf(e->ports + len, sizeof e->ports - len, ", more");
        return;
    }
    snprintf(e->ports + len, sizeof e->ports - len, "%s%s", len ? ", " : "", port);
    (*nports)++;
}

/* A violating flow reduced to its edge: (from, to, kind), and its index. */
struct vkey {
    size_t from, to;
    enum fs_zg_kind kind;
    size_t flow;
};

static int by_key(const void *a, const void *b)
{
    const struct vkey *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return x->flow < y->flow ? -1 : x->flow > y->flow;
}

/* Edge indexes ordered by their unordered pair of nodes, then by index. */
static const struct fs_zg *sort_g;

static int by_pair(const void *a, const void *b)
{
    const struct fs_zg_edge *x = &sort_g->e[*(const size_t *)a];
    const struct fs_zg_edge *y = &sort_g->e[*(const size_t *)b];
    size_t xl = x->from < x->to ? x->from : x->to, xh = x->from < x->to ? x->to : x->from;
    size_t yl = y->from < y->to ? y->from : y->to, yh = y->from < y->to ? y->to : y->from;
    if (xl != yl)
        return xl < yl ? -1 : 1;
    if (xh != yh)
        return xh < yh ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static bool same_pair(const struct fs_zg_edge *x, const struct fs_zg_edge *y)
{
    return (x->from == y->from && x->to == y->to) || (x->from == y->to && x->to == y->from);
}

static int slots(struct fs_zg *g)
{
    size_t *idx = calloc(g->ne ? g->ne : 1, sizeof *idx);
    if (!idx)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < g->ne; i++)
        idx[i] = i;
    sort_g = g;
    qsort(idx, g->ne, sizeof *idx, by_pair);
    for (size_t i = 0; i < g->ne;) {
        size_t j = i + 1;
        while (j < g->ne && same_pair(&g->e[idx[i]], &g->e[idx[j]]))
            j++;
        for (size_t k = i; k < j; k++) {
            g->e[idx[k]].slot = k - i;
            g->e[idx[k]].slots = j - i;
        }
        i = j;
    }
    free(idx);
    return FS_OK;
}

static size_t node_of(const struct fs_zg *g, long zone)
{
    return zone >= 0 && (size_t)zone < g->nzones ? (size_t)zone : g->outside;
}

/* One edge per declared conduit, its flows from the fleet's conduit summary. */
static void conduit_edges(struct fs_zg *g, const struct fs_site *site, const struct fs_fleet *fleet)
{
    for (size_t c = 0; c < site->nconduits; c++) {
        const struct fs_conduit *cd = &site->conduits[c];
        struct fs_zg_edge *e = &g->e[g->ne++];
        e->from = cd->from < g->nzones ? cd->from : g->outside;
        e->to = cd->to < g->nzones ? cd->to : g->outside;
        g->has_outside |= e->from == g->outside || e->to == g->outside;
        e->conduit = (long)c;
        if (fleet->conduits) {
            e->flows = fleet->conduits[c].flows;
        } else {
            for (size_t i = 0; i < fleet->nflows; i++)
                e->flows +=
                    fleet->flows[i].cls == FS_FLOW_CONDUIT && fleet->flows[i].conduit == (long)c;
        }
        e->kind = e->flows ? FS_ZG_CONDUIT : FS_ZG_UNUSED;
        g->unused += !e->flows;
        size_t np = 0;
        for (size_t k = 0; k < cd->nports; k++) {
            char p[32];
            fs_zg_port_str(&cd->ports[k], p, sizeof p);
            add_port(e, &np, p);
        }
    }
}

int fs_zg_build(const struct fs_site *site, const struct fs_fleet *fleet, struct fs_zg **out)
{
    *out = NULL;
    struct fs_zg *g = calloc(1, sizeof *g);
    struct vkey *keys = calloc(fleet->nflows ? fleet->nflows : 1, sizeof *keys);
    int rc = FS_ERR_NOMEM;
    if (!g || !keys)
        goto out;
    g->nzones = site->nzones;
    g->outside = site->nzones;
    g->nnodes = site->nzones + 1; /* trimmed below when nothing touches the outside */
    g->inside = calloc(g->nnodes, sizeof *g->inside);
    g->e = calloc(site->nconduits + fleet->nflows + 1, sizeof *g->e);
    if (!g->inside || !g->e)
        goto out;
    conduit_edges(g, site, fleet);
    size_t nk = 0;
    for (size_t i = 0; i < fleet->nflows; i++) {
        const struct fs_flow *f = &fleet->flows[i];
        size_t from = node_of(g, f->client_zone), to = node_of(g, f->server_zone);
        if ((unsigned)f->cls < 4)
            g->flows[f->cls]++;
        if (f->cls == FS_FLOW_CONDUIT)
            continue;
        g->has_outside |= from == g->outside || to == g->outside;
        if (f->cls == FS_FLOW_INTRA_ZONE || from == to) {
            g->inside[from]++;
            continue;
        }
        keys[nk++] = (struct vkey){
            from, to,
            f->cls == FS_FLOW_CROSS_ZONE && from != g->outside && to != g->outside ? FS_ZG_CROSS
                                                                                   : FS_ZG_EXTERNAL,
            i};
    }
    qsort(keys, nk, sizeof *keys, by_key);
    size_t np = 0;
    struct fs_zg_edge *e = NULL;
    for (size_t k = 0; k < nk; k++) {
        if (!e || e->from != keys[k].from || e->to != keys[k].to || e->kind != keys[k].kind) {
            e = &g->e[g->ne++];
            *e = (struct fs_zg_edge){
                .from = keys[k].from, .to = keys[k].to, .kind = keys[k].kind, .conduit = -1};
            np = 0;
        }
        const struct fs_flow *f = &fleet->flows[keys[k].flow];
        struct fs_port_range p = {.lo = f->server_port, .hi = f->server_port};
        memcpy(p.proto, f->proto, sizeof p.proto);
        char ps[32];
        fs_zg_port_str(&p, ps, sizeof ps);
        e->flows++;
        add_port(e, &np, ps);
    }
    if (!g->has_outside)
        g->nnodes = g->nzones;
    rc = slots(g);
out:
    free(keys);
    if (rc)
        fs_zg_free(g);
    else
        *out = g;
    return rc;
}

void fs_zg_free(struct fs_zg *g)
{
    if (!g)
        return;
    free(g->inside);
    free(g->e);
    free(g);
}
