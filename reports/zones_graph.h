/* SPDX-License-Identifier: Apache-2.0 */
/* The zones graph that report.html's diagram (html_zones.c) and zones.dot (dot.c) draw: one
 * node per zone and one for "outside every declared network", one edge per declared conduit
 * (its observed flows counted on it) and one per pair of nodes and kind of violation (the
 * flows between them counted, a few ports named). The same colours and line styles in both. */
#ifndef FS_ZONES_GRAPH_H
#define FS_ZONES_GRAPH_H

#include "../scanner/core/buf.h"
#include "../scanner/core/contract.h"
#include "../scanner/zones/fleet.h"
#include "../scanner/zones/site.h"

#include <stdbool.h>
#include <stddef.h>

enum fs_zg_kind {
    FS_ZG_CONDUIT = 0, /* a declared conduit that carried observed flows */
    FS_ZG_UNUSED,      /* a declared conduit no observed flow used */
    FS_ZG_CROSS,       /* flows across zones without a conduit: a violation */
    FS_ZG_EXTERNAL,    /* flows to or from outside every declared network: a violation */
    FS_ZG_KINDS
};

/* How an edge kind is drawn: colour, SVG dash pattern ("" solid) and DOT style, width, the
 * word written on the edge and the legend's explanation. */
struct fs_zg_style {
    const char *cls;    /* "conduit", "unused", "cross-zone", "external" */
    const char *colour; /* "#rrggbb" */
    const char *dash;   /* SVG stroke-dasharray, "" for a solid line */
    const char *dot;    /* DOT style: "solid", "dashed", "dotted" */
    double width;
    const char *legend;
};

extern const struct fs_zg_style fs_zg_styles[FS_ZG_KINDS];

/* The legend's rows for a zone's verdict (pass, fail, error): the SVG and DOT draw the same. */
struct fs_zg_zone_legend {
    enum fs_result r;
    const char *what;
};
#define FS_ZG_ZONE_LEGENDS 3
extern const struct fs_zg_zone_legend fs_zg_zone_legends[FS_ZG_ZONE_LEGENDS];

/* The colour of a zone's border by its verdict (pass, fail, error, anything else). */
const char *fs_zg_verdict_colour(enum fs_result r);
#define FS_ZG_OUTSIDE_COLOUR "#6b6b6b"
#define FS_ZG_OUTSIDE_FILL   "#f4f4f4"
#define FS_ZG_ZONE_FILL      "#ffffff"

#define FS_ZG_PORTS 3 /* distinct ports a violation edge names before "+more" */

struct fs_zg_edge {
    size_t from, to; /* node indexes; the initiating side first */
    enum fs_zg_kind kind;
    long conduit;       /* conduit index for FS_ZG_CONDUIT and FS_ZG_UNUSED, else -1 */
    size_t flows;       /* observed flows on the edge */
    char ports[128];    /* "tcp/22, udp/514" (conduit: declared; violation: observed) */
    size_t slot, slots; /* place among the edges between the same two nodes, and how many */
};

struct fs_zg {
    size_t nzones;  /* nodes 0..nzones-1 are the site's zones */
    size_t outside; /* index of the outside node (== nzones) */
    bool has_outside;
    size_t nnodes;  /* nzones, + 1 with the outside node */
    size_t *inside; /* per node: flows with both ends in it (not drawn as edges) */
    struct fs_zg_edge *e;
    size_t ne;
    size_t flows[4]; /* by enum fs_flow_class */
    size_t unused;   /* declared conduits without an observed flow */
};

/* Builds the graph of site and fleet (both non-NULL). FS_ERR_NOMEM. */
FS_MUST_USE int fs_zg_build(const struct fs_site *site, const struct fs_fleet *fleet,
                            struct fs_zg **out);
void fs_zg_free(struct fs_zg *g);

/* A node's name: the zone's, or "outside every declared network". */
const char *fs_zg_node_name(const struct fs_zg *g, const struct fs_site *site, size_t node);

/* Appends s as printable text (fs_buf_add_printable) cut to at most max bytes at a character
 * boundary, "..." (U+2026) marking a cut. Into a scratch buffer: callers escape it after. */
FS_MUST_USE int fs_zg_short(struct fs_buf *b, const char *s, size_t max);

/* "tcp/22" or "tcp/8000-8080". */
void fs_zg_port_str(const struct fs_port_range *p, char *out, size_t n);

#endif
