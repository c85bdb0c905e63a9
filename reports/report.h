/* SPDX-License-Identifier: Apache-2.0 */
/* Report writers: one per output format, looked up in a sorted table. */
#ifndef FS_REPORT_H
#define FS_REPORT_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"
#include "../scanner/core/digest.h"
#include "../scanner/engine/benchmark.h"
#include "../scanner/engine/result.h"
#include "outfile.h"

#include <libxml/tree.h>

#include <stdbool.h>

struct fs_drift;
struct fs_stored_run;
struct fs_site;
struct fs_fleet;

struct fs_report {
    struct fs_benchmark *benchmark;
    const struct fs_host_result *hosts;
    size_t n;
    char started[32];
    char finished[32];
    /* The gate given on the command line, shown in reports. */
    bool has_fail_under;
    double fail_under;
    int fail_on; /* enum fs_severity of --fail-on; 0 without it */
    /* SHA-256 (hex) of the benchmark and tailoring files this run read; "" when unknown.
     * results.json names both by path and digest, so `floorscan report` can reload them. */
    char benchmark_sha256[FS_SHA256_HEX];
    char tailoring_sha256[FS_SHA256_HEX];
    /* The XCCDF id of the profile -p gave every host; NULL when each host's role picked its
     * own. results.json keeps it, so merge can refuse shards scanned with different -p. */
    const char *profile;
    /* The waiver register applied (--waivers), NULL without one. */
    const struct fs_waivers *waivers;
    /* Since the last audit (reports/drift.h): the comparison with the previous stored run of
     * the same hosts; NULL without history or without an earlier run. */
    const struct fs_drift *drift;
    /* The run as the history store recorded it; NULL when the run was not stored. */
    const struct fs_stored_run *stored;
    /* The run stopped early (SIGINT/SIGTERM): hosts not reached are not-scanned. Every format
     * says so; results.json as "incomplete": true and "incomplete_reason". */
    bool incomplete;
    char incomplete_reason[128];
    /* The site model (--zones) and the fleet analysis over it (scanner/zones/fleet.h); both
     * NULL without --zones. results.json keeps the model and every host's flows, so merge and
     * report recompute the analysis. */
    const struct fs_site *site;
    const struct fs_fleet *fleet;
};

struct fs_report_writer {
    const char *format; /* -f name */
    const char *file;   /* file name inside the output directory */
    /* Writes file into dir (through fs_outfile_write); on failure err says why. */
    int (*write)(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                 struct fs_buf *err);
};

/* NULL for a format this version cannot write. */
const struct fs_report_writer *fs_report_writer_find(const char *format);
/* Whether the format is part of the interface contract (written or announced). */
bool fs_report_format_known(const char *format);
/* The format of the first of w[0..n) that needs a site model (-f dot) when has_site is false,
 * else NULL: "-f dot needs --zones" is an input error (exit 2) checked before anything is
 * scanned or written. */
const char *fs_report_writers_need_site(const struct fs_report_writer *const *w, size_t n,
                                        bool has_site);

FS_MUST_USE int fs_report_csv(const struct fs_report *r, const struct fs_outdir *dir,
                              const char *file, struct fs_buf *err);
FS_MUST_USE int fs_report_html(const struct fs_report *r, const struct fs_outdir *dir,
                               const char *file, struct fs_buf *err);
FS_MUST_USE int fs_report_json(const struct fs_report *r, const struct fs_outdir *dir,
                               const char *file, struct fs_buf *err);
FS_MUST_USE int fs_report_junit(const struct fs_report *r, const struct fs_outdir *dir,
                                const char *file, struct fs_buf *err);
FS_MUST_USE int fs_report_xccdf(const struct fs_report *r, const struct fs_outdir *dir,
                                const char *file, struct fs_buf *err);
/* zones.dot: the zone graph for Graphviz; without r->site and r->fleet FS_ERR_INVAL with
 * err "... -f dot needs --zones ..." and nothing written. */
FS_MUST_USE int fs_report_dot(const struct fs_report *r, const struct fs_outdir *dir,
                              const char *file, struct fs_buf *err);
/* The zones.dot text into b (exposed for tests); FS_ERR_INVAL without a site model. */
FS_MUST_USE int fs_report_dot_text(const struct fs_report *r, struct fs_buf *b);
FS_MUST_USE int fs_report_arf(const struct fs_report *r, const struct fs_outdir *dir,
                              const char *file, struct fs_buf *err);

/* The XCCDF results document (xccdf_results.c): a copy of the benchmark with one TestResult
 * per evaluated host of r, built from r alone (rule results with evidence as messages, target,
 * address, facts, identity, profile, set values, scores). The XCCDF and ARF writers share it.
 * Caller xmlFreeDoc()s *out. */
FS_MUST_USE int fs_xccdf_results_doc(const struct fs_report *r, xmlDoc **out, struct fs_buf *err);
/* The id of host i's TestResult: by profile, name and place in the report (stable). */
/* Writes results-xccdf.xml into out a host's TestResult at a time (the same document as
 * fs_xccdf_results_doc, laid out by libxml the same way). */
FS_MUST_USE int fs_xccdf_results_write(const struct fs_report *r, struct fs_outstream *out,
                                       struct fs_buf *err);
void fs_xccdf_result_id(char *out, size_t n, const struct fs_report *r, size_t i);
/* With a site model, the fleet analysis is one more TestResult, after the hosts' (target
 * "site:FILE", a remark per zone and conduit verdict); its id: */
#define FS_XCCDF_SITE_RESULT_ID "xccdf_org.floorscan_testresult_site"
/* Writes doc indented (as oscap writes its own files) through fs_outfile_write. */
FS_MUST_USE int fs_report_xml_write(xmlDoc *doc, const struct fs_outdir *dir, const char *file,
                                    struct fs_buf *err);

/* Appends one printable line for a waived result: "waived (register line N, rule R): reason;
 * requested by ...; approved by ... on D; expires D[; ticket T][; compensating control: C]". */
FS_MUST_USE int fs_report_waiver_line(struct fs_buf *b, const struct fs_waiver *w);

/* Builds the results.json document (exposed for tests); NULL when it cannot be built. Every
 * string from a device or the inventory in it is printable text (fs_buf_add_printable), and
 * of the inventory's host variables only the allow-listed ones appear. Caller json_decref()s
 * it. */
/* Builds report.html into b (exposed for tests). */
FS_MUST_USE int fs_report_html_doc(const struct fs_report *r, struct fs_buf *b);

struct json_t;
struct json_t *fs_report_json_doc(const struct fs_report *r);
/* The same without its hosts (the member "hosts" holds a mark the streaming writer replaces),
 * and one host's object: results.json's two parts, built a host at a time. */
struct json_t *fs_report_json_top(const struct fs_report *r);
struct json_t *fs_report_json_host(const struct fs_benchmark *b, const struct fs_host_result *h);

/* The results.csv text (exposed for tests): a header row, then one row per host and rule
 * (a host without results: one row in error), RFC 4180 with CRLF line ends. Every cell is
 * printable text; a cell starting with =, +, -, @, tab or CR gets a leading ' inside its
 * quotes, so a spreadsheet shows it instead of running it as a formula. */
FS_MUST_USE int fs_report_csv_text(const struct fs_report *r, struct fs_buf *out);
/* Appends s as one CSV field: quoted when it holds a comma, quote, CR or LF or starts like a
 * formula (then neutralised with a leading '), quotes doubled. */
FS_MUST_USE int fs_csv_add_field(struct fs_buf *out, const char *s);

/* The results-junit.xml document in memory (exposed for tests; *data malloc'd, the caller
 * frees it): one testsuite per host, one testcase per rule, host text printable. */
FS_MUST_USE int fs_report_junit_text(const struct fs_report *r, char **data, size_t *len);

#endif
