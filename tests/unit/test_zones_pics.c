/* SPDX-License-Identifier: Apache-2.0 */
/* The pictures of the site model (--zones): report.html's "Zones and conduits" section (an
 * inline SVG diagram, the zone, roll-up, conduit and violation tables) and zones.dot (-f dot),
 * from a hand-built site model and fleet analysis (tests/common/synth_zones.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/synth_fleet.h"
#include "../common/synth_zones.h"
#include "reports/html.h"
#include "reports/outfile.h"
#include "reports/report.h"
#include "reports/zones_graph.h"
#include "scanner/core/err.h"

static char bench[512];

static int setup(void **state)
{
    (void)state;
    snprintf(bench, sizeof bench, "%s/floorscan-ditta-xccdf.xml", getenv("FS_PROFILES"));
    return 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The text between the first from and the following to (to included); asserts both exist. */
static char *between(const char *s, const char *from, const char *to)
{
    const char *a = strstr(s, from);
    assert_non_null(a);
    const char *z = strstr(a, to);
    assert_non_null(z);
    return strndup(a, (size_t)(z - a) + strlen(to));
}

struct page {
    struct synth_fleet *f;
    struct synth_zones *z;
    struct fs_buf html;
};

static void page_make(struct page *p, bool zones, bool hostile, size_t extra)
{
    p->f = synth_fleet_new(bench, 4, hostile);
    assert_non_null(p->f);
    p->z = NULL;
    if (zones) {
        p->z = synth_zones_new(hostile, extra);
        assert_non_null(p->z);
        synth_zones_attach(p->z, &p->f->report);
    }
    fs_buf_init(&p->html, (size_t)1 << 28);
    assert_int_equal(fs_report_html_doc(&p->f->report, &p->html), FS_OK);
}

static void page_free(struct page *p)
{
    fs_buf_dispose(&p->html);
    synth_zones_free(p->z);
    synth_fleet_free(p->f);
}

/* Without --zones the page has no zones section, no SVG, and is byte for byte the page of the
 * same fleet built before the site model existed (r->site and r->fleet NULL); zones.dot is not
 * built. */
static void without_zones_nothing(void **state)
{
    (void)state;
    struct page p;
    page_make(&p, false, true, 0);
    const char *d = fs_buf_cstr(&p.html);
    assert_null(strstr(d, "id=\"zones\""));
    assert_null(strstr(d, "<svg"));
    assert_null(strstr(d, "Zones and conduits"));
    struct fs_buf dot;
    fs_buf_init(&dot, 1 << 20);
    assert_int_equal(fs_report_dot_text(&p.f->report, &dot), FS_ERR_INVAL);
    assert_int_equal(dot.len, 0);
    /* a site without its analysis is not drawn either */
    struct synth_zones *z = synth_zones_new(false, 0);
    p.f->report.site = &z->site;
    struct fs_buf again;
    fs_buf_init(&again, (size_t)1 << 28);
    assert_int_equal(fs_report_html_doc(&p.f->report, &again), FS_OK);
    assert_string_equal(fs_buf_cstr(&again), d);
    assert_int_equal(fs_report_dot_text(&p.f->report, &dot), FS_ERR_INVAL);
    fs_buf_dispose(&again);
    fs_buf_dispose(&dot);
    synth_zones_free(z);
    page_free(&p);
}

/* The SVG: a box per zone and one for the outside, an arrow per declared conduit (the unused
 * one dashed), one violation arrow per pair of zones and kind with its count, the violation
 * colour on violations only, a title, a description and a legend of every style. */
static void svg_draws_the_model(void **state)
{
    (void)state;
    struct page p;
    page_make(&p, true, false, 0);
    char *svg = between(fs_buf_cstr(&p.html), "<svg", "</svg>");
    assert_non_null(strstr(svg, "role=\"img\" aria-labelledby=\"zones-svg-title zones-svg-desc\""));
    assert_non_null(strstr(svg, "<title id=\"zones-svg-title\">"));
    assert_non_null(strstr(svg, "<desc id=\"zones-svg-desc\">3 zones and 3 declared conduits (1 "
                                "never used). 12 flows observed: 1 inside a zone, 3 through a "
                                "declared conduit, 6 crossing zones without a conduit, 2 to or "
                                "from outside every declared network."));
    /* nodes: three zones and the outside */
    assert_int_equal(count(svg, "<g class=\"znode\""), 3);
    assert_int_equal(count(svg, "<g class=\"znode zoutside\""), 1);
    for (int i = 0; i < 3; i++) {
        char a[32];
        snprintf(a, sizeof a, "<a href=\"#zone-%d\">", i);
        assert_int_equal(count(svg, a), 1);
    }
    assert_non_null(strstr(svg, ">engineering</text>"));
    assert_non_null(strstr(svg, ">2 hosts \xc2\xb7 SL-T 2</text>"));
    assert_non_null(strstr(svg, ">3 hosts \xc2\xb7 SL-T 3</text>"));
    assert_non_null(strstr(svg, ">1 host \xc2\xb7 no SL-T</text>"));
    assert_non_null(strstr(svg, ">10.31.0.0/24</text>"));
    assert_null(strstr(svg, ">10.32.0.0/24</text>")); /* two networks, then a count */
    assert_non_null(strstr(svg, ">+1 more network</text>"));
    assert_non_null(strstr(svg, ">1 flow inside</text>"));
    assert_non_null(strstr(svg, ">verdict: error</text>"));
    /* edges: conduits 0 and 1 used, 2 unused and dashed */
    assert_int_equal(count(svg, "<g class=\"zedge z-conduit\""), 2);
    assert_int_equal(count(svg, "<g class=\"zedge z-unused\" data-from=\"2\" data-to=\"1\">"), 1);
    char *unused = between(svg, "<g class=\"zedge z-unused\"", "</g>");
    assert_non_null(strstr(unused, "stroke-dasharray=\"7 5\""));
    assert_non_null(strstr(unused, "stroke=\"#6b6b6b\""));
    assert_non_null(strstr(unused, "(test results)"));
    free(unused);
    char *used =
        between(svg, "<g class=\"zedge z-conduit\" data-from=\"0\" data-to=\"1\">", "</g>");
    assert_non_null(strstr(used, "class=\"zband\"")); /* observed flows over the conduit */
    assert_non_null(strstr(used, "stroke=\"#1a5fa0\""));
    assert_null(strstr(used, "stroke-dasharray"));
    assert_null(strstr(used, "#d55e00"));
    free(used);
    /* violations: both directions between test-lab and production, and to/from outside */
    char *cross =
        between(svg, "<g class=\"zedge z-cross-zone\" data-from=\"2\" data-to=\"1\">", "</g>");
    assert_non_null(strstr(cross, "stroke=\"#d55e00\" stroke-width=\"3.5\""));
    assert_non_null(strstr(cross, "marker-end=\"url(#zarr-cross-zone)\""));
    assert_non_null(strstr(cross, "5 flows: tcp/5432, tcp/5433, tcp/5434, more"));
    free(cross);
    assert_int_equal(count(svg, "<g class=\"zedge z-cross-zone\" data-from=\"1\" data-to=\"2\">"),
                     1);
    assert_int_equal(count(svg, "<g class=\"zedge z-cross-zone\""), 2);
    assert_int_equal(count(svg, "<g class=\"zedge z-external\" data-from=\"1\" data-to=\"3\">"), 1);
    assert_int_equal(count(svg, "<g class=\"zedge z-external\" data-from=\"3\" data-to=\"0\">"), 1);
    char *ext = between(svg, "<g class=\"zedge z-external\"", "</g>");
    assert_non_null(strstr(ext, "stroke=\"#d55e00\""));
    assert_non_null(strstr(ext, "stroke-dasharray=\"2 5\""));
    free(ext);
    /* labels say in words what each edge is */
    assert_int_equal(count(svg, ">VIOLATION: no conduit</tspan>"), 2);
    assert_int_equal(count(svg, ">VIOLATION: external</tspan>"), 2);
    assert_int_equal(count(svg, ">unused</tspan>"), 1);
    assert_non_null(strstr(svg, ">udp/514, tcp/6514</tspan>"));
    assert_non_null(strstr(svg, ">tcp/8000-8080</tspan>"));
    /* the violation colour is on violations, failed zones and the legend only */
    /* 4 violation edges (line and label), the failed zones 0 and 1, the two violation
     * markers, the legend's two violation lines and its failed zone */
    assert_int_equal(count(svg, "#d55e00"), 4 * 2 + 2 + 2 + 3);
    /* the legend explains each line style and each box */
    char *leg = between(svg, "<g class=\"zlegend\">", "</g>");
    assert_non_null(strstr(leg, "declared conduit, observed flows it allows"));
    assert_non_null(strstr(leg, "declared conduit, never used in this scan"));
    assert_non_null(strstr(leg, "violation: flows crossing zones without a conduit"));
    assert_non_null(strstr(leg, "violation: flows to or from outside every declared network"));
    assert_non_null(strstr(leg, "zone, verdict fail"));
    assert_non_null(strstr(leg, "outside every declared network (the other end"));
    assert_non_null(strstr(leg, "class=\"zleg-unused\""));
    assert_non_null(strstr(leg, "stroke-dasharray=\"7 5\""));
    free(leg);
    /* only presentation attributes: the page's CSP allows no style attribute */
    assert_null(strstr(svg, "style="));
    free(svg);
    page_free(&p);
}

/* Hostile zone names, purposes, processes and paths are text in the SVG, the tables and the
 * embedded data: no element or attribute comes from them. */
static void hostile_strings_escaped(void **state)
{
    (void)state;
    struct page p;
    page_make(&p, true, true, 0);
    const char *d = fs_buf_cstr(&p.html);
    assert_int_equal(count(d, "<script"), 2);
    assert_int_equal(count(d, "</script"), 2);
    assert_null(strstr(d, "<img"));
    assert_null(strstr(d, "<b>x</b>"));
    assert_null(strstr(d, "alert(9)</script>"));
    char *svg = between(d, "<svg", "</svg>");
    /* the zone name on its box (cut short) and whole in its title, escaped */
    assert_non_null(strstr(svg, ">&lt;script&gt;alert(9)&lt;/script&gt;&quot;];evil-&gt;x [la"));
    assert_non_null(strstr(svg, "<title>Zone &lt;script&gt;alert(9)&lt;/script&gt;&quot;];evil-"
                                "&gt;x [label=&quot;\\N\\\\ &amp; &#39;z&#39;\\x01: 1 host"));
    assert_non_null(strstr(svg, "(&lt;/title&gt;&lt;img src=x onerror=alert(10)&gt;&quot;\\)"));
    free(svg);
    /* the process in the violation table, printable and escaped */
    assert_non_null(strstr(d, "<td>&lt;b&gt;x&lt;/b&gt;&quot;\\&amp;&#39;\\x1b[31m</td>"));
    assert_non_null(strstr(d, "Site model <code>site&quot;&lt;b&gt;\\.yml</code>"));
    page_free(&p);
}

/* The tables: zones (target SL, hosts, misplaced, score, verdict, evidence), the IEC 62443
 * roll-up with its disclaimer in natural SR order, conduits, and every violating flow with both
 * ends, port, processes and zones. */
static void tables(void **state)
{
    (void)state;
    struct page p;
    page_make(&p, true, false, 0);
    const char *d = fs_buf_cstr(&p.html);
    char *sec = between(d, "<section id=\"zones\"><h2>Zones and conduits</h2>", "</section>");
    /* the section comes after the overview and before the hosts */
    assert_true(strstr(d, "<section id=\"zones\"") > strstr(d, "<section id=\"fleet\"") ||
                !strstr(d, "<section id=\"fleet\""));
    assert_true(strstr(d, "<section id=\"zones\"") < strstr(d, "<section id=\"hosts\""));
    assert_non_null(strstr(sec, "12 flows observed: 1 inside a zone, 3 through a declared "
                                "conduit, <span class=\"zbad\">6 crossing zones without a "
                                "conduit</span>, <span class=\"zbad\">2 to or from outside every "
                                "declared network</span>. 1 declared conduit never used."));
    assert_non_null(strstr(sec, "<span class=\"st st-error\">the socket tables of 1 host could "
                                "not be read</span>: their flows are unknown."));
    char *z1 = between(sec, "<tr id=\"zone-1\">", "</tr>");
    assert_non_null(strstr(z1, "<th>production</th><td><code>10.30.0.0/24</code>, "
                               "<code>10.31.0.0/24</code>, <code>10.32.0.0/24</code></td>"
                               "<td class=\"num\">SL 3</td><td class=\"num\">3</td>"
                               "<td class=\"num zbad\">1</td>"));
    assert_non_null(strstr(z1, ">64.0</td>"));
    assert_non_null(strstr(z1, "<span class=\"st st-fail\">fail</span>"));
    assert_non_null(strstr(z1, "cross-zone: 10.40.0.31 (psql) -&gt; 10.30.0.21 (postgres) "
                               "tcp/5432"));
    free(z1);
    char *z2 = between(sec, "<tr id=\"zone-2\">", "</tr>");
    assert_non_null(strstr(z2, "none declared"));
    assert_non_null(strstr(z2, "st-error"));
    free(z2);
    /* the roll-up: a disclaimer, SRs in natural order, every state in words */
    char *iec = between(sec, "<h3 id=\"zones-iec\">", "</table>");
    assert_non_null(strstr(iec, "This is a roll-up of this scan's evidence per zone, not a "
                                "certification and not a claim that a zone reaches a security "
                                "level."));
    const char *s11 = strstr(iec, "<th>SR 1.1</th>"), *s113 = strstr(iec, "<th>SR 1.13</th>");
    const char *s28 = strstr(iec, "<th>SR 2.8</th>"), *s51 = strstr(iec, "<th>SR 5.1</th>");
    assert_true(s11 && s113 && s28 && s51);
    assert_true(s11 < s113 && s113 < s28 && s28 < s51);
    char *r51 = between(iec, "<th>SR 5.1</th>", "</tr>");
    assert_non_null(strstr(r51, ">met</td>"));
    assert_non_null(strstr(r51, ">not met (2 hosts)</td>"));
    assert_non_null(strstr(r51, ">n/a</td>"));
    free(r51);
    char *r28 = between(iec, "<th>SR 2.8</th>", "</tr>");
    assert_int_equal(count(r28, "&ndash;</td>"), 2); /* not judged in zones 0 and 2 */
    assert_non_null(strstr(r28, ">not shown</td>"));
    free(r28);
    assert_non_null(strstr(iec, ">not met (1 host)</td>"));
    char *r11 = between(iec, "<th>SR 1.1</th>", "</tr>");
    assert_non_null(strstr(r11, ">auditor to answer</td>"));
    free(r11);
    assert_non_null(strstr(iec, "production<br><span class=\"mute\">SL-T 3</span></th>"));
    free(iec);
    /* conduits */
    char *c2 = between(sec, "<tr id=\"conduit-2\">", "</tr>");
    assert_non_null(strstr(c2, "<td>test-lab</td><td>production</td><td><code>tcp/8000-8080"
                               "</code></td><td>test results</td><td class=\"num\">0 <span "
                               "class=\"mute\">(unused)</span></td><td><span class=\"st "
                               "st-fail\">fail</span></td>"));
    assert_non_null(strstr(c2, "declared but never used in this scan"));
    free(c2);
    char *c1 = between(sec, "<tr id=\"conduit-1\">", "</tr>");
    assert_non_null(strstr(c1, "<code>udp/514</code>, <code>tcp/6514</code>"));
    assert_non_null(strstr(c1, "st-pass"));
    free(c1);
    /* the violating flows: 6 cross-zone and 2 external, with both ends */
    assert_non_null(strstr(sec, "<h3 id=\"zones-violations\">Violating flows (8)</h3>"));
    assert_int_equal(count(sec, "class=\"zviol\""), 8);
    char *v = between(sec, "<tr id=\"zflow-4\" class=\"zviol\">", "</tr>");
    assert_string_equal(
        v, "<tr id=\"zflow-4\" class=\"zviol\"><td><b>cross-zone</b></td><td><code>10.40.0.31"
           "</code> <a href=\"#host-2\">host-002</a></td><td>test-lab</td><td>psql</td><td>"
           "<code>10.30.0.21</code> <a href=\"#host-1\">host-001</a></td><td>production</td>"
           "<td>postgres</td><td class=\"nw\"><code>tcp/5432</code></td><td>both ends</td></tr>");
    free(v);
    char *x = between(sec, "<tr id=\"zflow-11\" class=\"zviol\">", "</tr>");
    assert_non_null(strstr(x, "<td><code>203.0.113.5</code> <span class=\"mute\">not scanned"
                              "</span></td><td><span class=\"mute\">outside every declared "
                              "network</span></td><td>\xe2\x80\x93</td>"));
    assert_non_null(strstr(x, "<td>one end</td>"));
    free(x);
    assert_null(strstr(sec, "id=\"zflow-0\"")); /* intra-zone and conduit flows not listed */
    assert_null(strstr(sec, "id=\"zflow-1\""));
    free(sec);
    page_free(&p);
}

static char *dot_of(struct page *p)
{
    struct fs_buf b;
    fs_buf_init(&b, (size_t)1 << 26);
    assert_int_equal(fs_report_dot_text(&p->f->report, &b), FS_OK);
    return fs_buf_steal(&b);
}

/* The DOT text with its quoted strings, HTML-like strings (<...>, balanced) and // comments
 * taken out: what Graphviz reads as syntax. A string that a hostile value ended early would
 * leave its rest here. */
static char *dot_syntax(const char *d)
{
    char *out = calloc(strlen(d) + 1, 1), *o = out;
    assert_non_null(out);
    while (*d) {
        if (d[0] == '/' && d[1] == '/') {
            d += strcspn(d, "\n");
        } else if (*d == '<') {
            int depth = 0;
            do {
                depth += *d == '<' ? 1 : *d == '>' ? -1 : 0;
                d++;
            } while (*d && depth > 0);
            assert_int_equal(depth, 0);
            *o++ = 'H';
        } else if (*d == '"') {
            for (d++; *d && *d != '"'; d++) {
                assert_int_not_equal(*d, '\n'); /* no string runs over a line */
                if (*d == '\\' && d[1])
                    d++;
            }
            assert_int_equal(*d, '"');
            d++;
            *o++ = 'S';
        } else {
            *o++ = *d++;
        }
    }
    return out;
}

/* zones.dot: the nodes and edges of the diagram with the same colours and styles, a legend,
 * and strings that stay strings whatever they hold. */
static void dot_draws_the_same_graph(void **state)
{
    (void)state;
    struct page p;
    page_make(&p, true, false, 0);
    char *d = dot_of(&p);
    assert_non_null(strstr(d, "digraph \"floorscan zones\" {\n"));
    assert_non_null(strstr(d, "  \"z0\" [label=\"engineering\\n2 hosts \xc2\xb7 SL-T 2\\n"
                              "10.20.0.0/24\\n1 flow inside\\nverdict: fail\", color=\"#d55e00\""));
    assert_non_null(strstr(d, "  \"z1\" [label=\"production\\n3 hosts \xc2\xb7 SL-T 3\\n"
                              "10.30.0.0/24\\n10.31.0.0/24\\n10.32.0.0/24\\nverdict: fail\""));
    assert_non_null(strstr(d, "  \"z2\" [label=\"test-lab\\n1 host \xc2\xb7 no SL-T\\n"
                              "10.40.0.0/24\\nverdict: error\", color=\"#8c510a\""));
    assert_non_null(strstr(d, "  \"outside\" [label=\"outside every\\ndeclared network\", "
                              "style=\"rounded,dashed,filled\""));
    assert_non_null(strstr(d, "  \"z0\" -> \"z1\" [label=\"tcp/22\\n2 flows\", color=\"#1a5fa0\", "
                              "fontcolor=\"#1b1b1b\", style=\"solid\", penwidth=\"2.5\", "
                              "tooltip=\"declared conduit, observed flows it allows: "
                              "deployment\"];\n"));
    assert_non_null(strstr(d, "  \"z1\" -> \"z0\" [label=\"udp/514, tcp/6514\\n1 flow\""));
    assert_non_null(strstr(d, "  \"z2\" -> \"z1\" [label=\"tcp/8000-8080\\nunused\", "
                              "color=\"#6b6b6b\", fontcolor=\"#1b1b1b\", style=\"dashed\""));
    assert_non_null(strstr(d, "  \"z2\" -> \"z1\" [label=\"VIOLATION: no conduit\\n5 flows: "
                              "tcp/5432, tcp/5433, tcp/5434, more\", color=\"#d55e00\", "
                              "fontcolor=\"#d55e00\", style=\"solid\", penwidth=\"3.5\""));
    assert_non_null(strstr(d, "  \"z1\" -> \"z2\" [label=\"VIOLATION: no conduit\\n1 flow: "
                              "tcp/9100\""));
    assert_non_null(strstr(d, "  \"z1\" -> \"outside\" [label=\"VIOLATION: external\\n1 flow: "
                              "udp/53\", color=\"#d55e00\", fontcolor=\"#d55e00\", "
                              "style=\"dotted\""));
    assert_non_null(strstr(d, "  \"outside\" -> \"z0\" [label=\"VIOLATION: external\\n1 flow: "
                              "tcp/22\""));
    assert_int_equal(count(d, " -> \"z") + count(d, " -> \"outside\""), 7);
    /* a legend with every line style (its colour and pattern named) and box */
    char *leg = between(d, "  \"legend\" [shape=\"plaintext\"", ">];\n");
    for (int k = 0; k < FS_ZG_KINDS; k++) {
        char t[256];
        snprintf(t, sizeof t, "<font color=\"%s\">", fs_zg_styles[k].colour);
        assert_non_null(strstr(leg, t));
        snprintf(t, sizeof t, "%s (%s line)", fs_zg_styles[k].legend, fs_zg_styles[k].dot);
        assert_non_null(strstr(leg, t));
    }
    assert_non_null(strstr(leg, "<td border=\"3\" color=\"#d55e00\">zone</td><td "
                                "align=\"left\">zone, verdict fail"));
    assert_non_null(strstr(leg, "outside every declared network (the other end"));
    free(leg);
    char *syn = dot_syntax(d);
    assert_null(strstr(syn, "engineering"));
    free(syn);
    free(d);
    page_free(&p);
}

static void dot_hostile_strings_stay_strings(void **state)
{
    (void)state;
    struct page p;
    page_make(&p, true, true, 0);
    char *d = dot_of(&p);
    /* the name printable, cut to 64 bytes, " and \ escaped: \N is no Graphviz escape here */
    assert_non_null(strstr(d, "  \"z2\" [label=\"<script>alert(9)</script>\\\"];evil->x [label="
                              "\\\"\\\\N\\\\\\\\ & 'z'\\\\x01\\n1 host"));
    assert_non_null(strstr(d, "tooltip=\"declared conduit, never used in this scan: </title><img "
                              "src=x onerror=alert(10)>\\\"\\\\\"]"));
    assert_non_null(strstr(d, "Zones and conduits of site\\\"<b>\\\\.yml\\n"));
    char *syn = dot_syntax(d);
    assert_null(strstr(syn, "evil"));
    assert_null(strstr(syn, "<"));
    assert_null(strstr(syn, "alert"));
    /* statements only: every string is followed by syntax, never by another string */
    assert_null(strstr(syn, "SS"));
    free(syn);
    free(d);
    page_free(&p);
}

/* Thousands of flows between the same two zones are one edge with their count: the picture's
 * size does not grow with the flows. */
static void many_flows_one_edge(void **state)
{
    (void)state;
    struct page small, big;
    page_make(&small, true, false, 0);
    page_make(&big, true, false, 20000);
    char *s1 = between(fs_buf_cstr(&small.html), "<svg", "</svg>");
    char *s2 = between(fs_buf_cstr(&big.html), "<svg", "</svg>");
    assert_int_equal(count(s2, "<g class=\"zedge z-cross-zone\""), 2);
    assert_non_null(strstr(s2, "20005 flows: tcp/5432, tcp/5433, tcp/5434, more"));
    assert_true(strlen(s2) < strlen(s1) + 64);
    /* the table of violating flows stops at 1000 rows and says so */
    assert_int_equal(count(fs_buf_cstr(&big.html), "class=\"zviol\""), 1000);
    assert_non_null(strstr(fs_buf_cstr(&big.html), "The first 1000 of 20008 violating flows; "
                                                   "results.json lists every one."));
    char *d = dot_of(&big);
    assert_true(strlen(d) < 8000);
    assert_non_null(strstr(d, "20005 flows: tcp/5432"));
    free(d);
    free(s1);
    free(s2);
    page_free(&small);
    page_free(&big);
}

/* -f dot: in the writer table; needs a site model (an input error before anything is written,
 * and the writer itself refuses without one); writes zones.dot. */
static void dot_writer(void **state)
{
    (void)state;
    const struct fs_report_writer *w = fs_report_writer_find("dot");
    assert_non_null(w);
    assert_string_equal(w->file, "zones.dot");
    assert_true(fs_report_format_known("dot"));
    const struct fs_report_writer *ws[2] = {fs_report_writer_find("json"), w};
    assert_string_equal(fs_report_writers_need_site(ws, 2, false), "dot");
    assert_null(fs_report_writers_need_site(ws, 2, true));
    assert_null(fs_report_writers_need_site(ws, 1, false));

    char tmp[] = "/tmp/fs-zones-dot-XXXXXX";
    assert_non_null(mkdtemp(tmp));
    struct fs_outdir dir = {.fd = -1};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    assert_int_equal(fs_outdir_open(&dir, tmp, 0640, &err), FS_OK);
    struct page p;
    page_make(&p, false, false, 0);
    char path[600];
    snprintf(path, sizeof path, "%s/zones.dot", tmp);
    assert_int_equal(w->write(&p.f->report, &dir, w->file, &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "-f dot needs --zones"));
    assert_int_not_equal(access(path, F_OK), 0);
    page_free(&p);

    page_make(&p, true, false, 0);
    fs_buf_reset(&err);
    assert_int_equal(w->write(&p.f->report, &dir, w->file, &err), FS_OK);
    struct fs_buf got;
    fs_buf_init(&got, 1 << 20);
    assert_int_equal(fs_buf_read_file(&got, path, "zone graph", &err), FS_OK);
    char *want = dot_of(&p);
    assert_string_equal(fs_buf_cstr(&got), want);
    free(want);
    fs_buf_dispose(&got);
    page_free(&p);
    assert_int_equal(unlink(path), 0);
    fs_outdir_dispose(&dir);
    assert_int_equal(rmdir(tmp), 0);
    fs_buf_dispose(&err);
}

/* Edge cases of the model: no zone at all, one zone, a flow whose zone indexes are out of
 * range (drawn at the outside node, never read past the zones), an analysis without zone or
 * conduit summaries: the section and zones.dot are built, Graphviz-safe and bounded. */
static void degenerate_models(void **state)
{
    (void)state;
    struct page p;
    page_make(&p, false, false, 0);
    struct fs_site empty = {0};
    struct fs_fleet none = {.site = &empty};
    p.f->report.site = &empty;
    p.f->report.fleet = &none;
    struct fs_buf b;
    fs_buf_init(&b, (size_t)1 << 28);
    assert_int_equal(fs_report_html_doc(&p.f->report, &b), FS_OK);
    char *svg = between(fs_buf_cstr(&b), "<svg", "</svg>");
    assert_int_equal(count(svg, "class=\"znode\""), 0);
    assert_int_equal(count(svg, "class=\"znode zoutside\""), 0);
    assert_non_null(strstr(svg, "0 zones and 0 declared conduits"));
    free(svg);
    assert_non_null(strstr(fs_buf_cstr(&b), "The site model declares no conduit"));
    char *d = dot_of(&p);
    assert_non_null(strstr(d, "\"legend\""));
    free(d);

    /* one zone, its flows' zone indexes partly out of range, no summaries */
    struct synth_zones *z = synth_zones_new(false, 0);
    z->site.nzones = 1;
    z->site.nconduits = 0;
    struct fs_flow flows[2];
    memcpy(flows, &z->fleet.flows[4], sizeof flows);
    flows[0].client_zone = 0;
    flows[0].server_zone = 7; /* not a zone of the model */
    flows[1].client_zone = -5;
    flows[1].server_zone = 0;
    struct fs_fleet odd = {.site = &z->site, .flows = flows, .nflows = 2};
    p.f->report.site = &z->site;
    p.f->report.fleet = &odd;
    fs_buf_reset(&b);
    assert_int_equal(fs_report_html_doc(&p.f->report, &b), FS_OK);
    svg = between(fs_buf_cstr(&b), "<svg", "</svg>");
    assert_int_equal(count(svg, "<g class=\"znode\""), 1);
    assert_int_equal(count(svg, "<g class=\"znode zoutside\""), 1);
    assert_int_equal(count(svg, "<g class=\"zedge z-external\" data-from=\"0\" data-to=\"1\">"), 1);
    assert_int_equal(count(svg, "<g class=\"zedge z-external\" data-from=\"1\" data-to=\"0\">"), 1);
    free(svg);
    assert_non_null(strstr(fs_buf_cstr(&b), "<td colspan=\"5\" class=\"mute\">not analysed</td>"));
    d = dot_of(&p);
    assert_non_null(strstr(d, "  \"z0\" -> \"outside\""));
    assert_non_null(strstr(d, "  \"outside\" -> \"z0\""));
    free(d);
    z->site.nzones = 3;
    z->site.nconduits = 3;
    synth_zones_free(z);
    fs_buf_dispose(&b);
    p.f->report.site = NULL;
    p.f->report.fleet = NULL;
    page_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(without_zones_nothing),
        cmocka_unit_test(svg_draws_the_model),
        cmocka_unit_test(hostile_strings_escaped),
        cmocka_unit_test(tables),
        cmocka_unit_test(dot_draws_the_same_graph),
        cmocka_unit_test(dot_hostile_strings_stay_strings),
        cmocka_unit_test(many_flows_one_edge),
        cmocka_unit_test(dot_writer),
        cmocka_unit_test(degenerate_models),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
