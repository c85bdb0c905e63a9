/* SPDX-License-Identifier: Apache-2.0 */
/* Parts of the HTML report (reports/html*.c): escaping, the embedded data, the fleet overview. */
#ifndef FS_HTML_H
#define FS_HTML_H

#include "../scanner/core/contract.h"

#include "report.h"

#include <stdbool.h>

/* The inline style and script (generated from reports/html/ by cmake/EmbedAssets.cmake). */
extern const char fs_html_css[];
extern const char fs_html_js[];

/* Appends s made printable (fs_buf_add_printable: control bytes and invalid UTF-8 as \xNN)
 * with & < > " ' ` written as character references: safe as element text and inside a
 * quoted attribute value. NULL appends nothing. */
FS_MUST_USE int fs_html_escape(struct fs_buf *b, const char *s);
/* fs_html_escape of s, or of dflt when s is NULL or empty. */
FS_MUST_USE int fs_html_text(struct fs_buf *b, const char *s, const char *dflt);

/* The principle's title as the benchmark gives it ("P3 Hardening devices"), prefixed with
 * "P<n> " when it does not start with it; escaped. */
FS_MUST_USE int fs_html_principle(struct fs_buf *b, const struct fs_benchmark *bm, int p);

/* The CSP source for an inline block: 'sha256-BASE64' of exactly its text. */
FS_MUST_USE int fs_html_csp_hash(const char *text, char out[64]);

/* Appends the report's data as JSON for a <script type="application/json"> block: every
 * string printable, and <, >, &, U+2028 and U+2029 as \u escapes so nothing in it can end the
 * block or be read as markup. With out, b is written out (and emptied) after each host. */
FS_MUST_USE int fs_html_data(struct fs_buf *b, const struct fs_report *r, struct fs_outstream *out);

/* Appends the fleet overview section. */
FS_MUST_USE int fs_html_fleet(struct fs_buf *b, const struct fs_report *r);

/* A score cell: <TAG class="c sN" title="TITLE">12.3</TAG> with the colour bucket of the
 * score ("sn" and a dash without a score). title is escaped. */
FS_MUST_USE int fs_html_score_cell(struct fs_buf *b, const char *tag, bool has, double score,
                                   const char *title);

/* A score cell as fs_html_score_cell for s's (waived) score; when s counts waived results and
 * has an unwaived score, the cell also says "(84.5 without waivers)". */
FS_MUST_USE int fs_html_score_pair(struct fs_buf *b, const char *tag, const struct fs_score *s,
                                   const char *title);

/* Appends the waiver register section (nothing when r->waivers is NULL). */
FS_MUST_USE int fs_html_waivers(struct fs_buf *b, const struct fs_report *r);

/* Appends the "Zones and conduits" section: diagram, zones, IEC 62443 roll-up, conduits,
 * violating flows (nothing when r->site or r->fleet is NULL). */
FS_MUST_USE int fs_html_zones(struct fs_buf *b, const struct fs_report *r);
/* The zone diagram of that section: an inline SVG of the graph g built from r's site and fleet
 * (reports/zones_graph.h). */
struct fs_zg;
FS_MUST_USE int fs_html_zones_svg(struct fs_buf *b, const struct fs_report *r,
                                  const struct fs_zg *g);

/* Appends the "Since the last audit" section (nothing when r->drift is NULL). */
FS_MUST_USE int fs_html_drift(struct fs_buf *b, const struct fs_report *r);

#endif
