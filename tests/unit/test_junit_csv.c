/* SPDX-License-Identifier: Apache-2.0 */
/* The JUnit and CSV writers and the terminal summary, with hostile host names and evidence:
 * markup, quotes, control characters, invalid UTF-8 and spreadsheet formula prefixes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/report.h"
#include "scanner/core/err.h"
#include "scanner/engine/benchmark.h"
#include "scanner/summary.h"

/* Formula prefixes (OWASP CSV injection), markup, quotes, control bytes, invalid UTF-8. */
static const char *const hostile[] = {
    "=cmd|' /C calc'!A0",
    "+1",
    "-2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "</failure><x a=\"1\">&amp;]]>'\"",
    "ctl\x01\x1b[31m\x7f end",
    "bad utf8 \xff\xfe \xc3( \xed\xa0\x80",
    "a,b \"quoted\"\r\nnext line",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

struct fixture {
    struct fs_benchmark b;
    struct fs_rule rules[5];
    struct fs_host hosts[NHOSTILE + 1];
    struct fs_host_result results[NHOSTILE + 1];
    struct fs_report rep;
    char dir[64];
};

static void rule(struct fs_rule *r, const char *xid, int principle, enum fs_severity sev,
                 const char *title)
{
    memset(r, 0, sizeof *r);
    r->xccdf_id = (char *)xid;
    r->short_id = strstr(xid, "_rule_") + 6;
    r->principle = principle;
    r->severity = sev;
    r->title = (char *)title;
}

/* Host i is named hostile[i] and carries it in every piece of evidence; one host more is
 * unreachable, its reason hostile too. Results: fail, error, notapplicable, notchecked
 * (manual, with its question), pass. */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    static char *titles[FS_PRINCIPLES] = {"P1 Segmenting networks",
                                          "P2 Flows",
                                          "P3 Hardening devices",
                                          "P4 Monitoring",
                                          "P5 Users",
                                          "P6 Updates",
                                          "P7 Recovery"};
    f->b.id = "xccdf_org.floorscan_benchmark_test";
    f->b.version = "1";
    for (int i = 0; i < FS_PRINCIPLES; i++)
        f->b.principle_titles[i] = titles[i];
    rule(&f->rules[0], "xccdf_t_rule_sshd_disable_root_login", 2, FS_SEV_HIGH,
         "Root <cannot> log in & \"quoted\"");
    rule(&f->rules[1], "xccdf_t_rule_logging_remote", 3, FS_SEV_MEDIUM, "=Logs leave the device");
    rule(&f->rules[2], "xccdf_t_rule_wifi_disabled", 0, FS_SEV_LOW, "Wi-Fi is off");
    rule(&f->rules[3], "xccdf_t_rule_backup_tested", 6, FS_SEV_MEDIUM, "Backups are tested");
    f->rules[3].manual = true;
    f->rules[3].question = "Was a restore tested < 1 year ago & \"documented\"?";
    rule(&f->rules[4], "xccdf_t_rule_accounts_no_empty_passwords", 4, FS_SEV_HIGH,
         "No empty passwords");
    static const enum fs_result res[5] = {FS_RESULT_FAIL, FS_RESULT_ERROR, FS_RESULT_NOTAPPLICABLE,
                                          FS_RESULT_NOTCHECKED, FS_RESULT_PASS};
    for (size_t i = 0; i <= NHOSTILE; i++) {
        struct fs_host *h = &f->hosts[i];
        struct fs_host_result *r = &f->results[i];
        const char *text = i < NHOSTILE ? hostile[i] : "dead\x01<&>";
        h->name = strdup(text);
        h->address = strdup(i < NHOSTILE ? "10.0.0.1" : "10.0.0.2\xff");
        h->port = 22;
        h->role = "build-server";
        h->zone = (char *)(i % 2 ? "-zone" : "@zone");
        r->host = h;
        r->profile_id = "xccdf_t_profile_build-server";
        r->status = i < NHOSTILE ? FS_HOST_SCANNED : FS_HOST_UNREACHABLE;
        snprintf(r->started, sizeof r->started, "2026-11-24T03:53:02Z");
        snprintf(r->finished, sizeof r->finished, "2026-11-24T03:53:04Z");
        r->results = calloc(5, sizeof *r->results);
        assert_non_null(r->results);
        r->nresults = 5;
        for (size_t k = 0; k < 5; k++) {
            r->results[k].rule = &f->rules[k];
            r->results[k].result = i < NHOSTILE ? res[k] : FS_RESULT_ERROR;
            r->results[k].evidence = strdup(i < NHOSTILE ? text : "host not scanned");
        }
        if (i == NHOSTILE) {
            r->error = strdup("cannot connect: \"refused\" <\x02>");
        } else {
            r->hostname = strdup(text);
            r->score.has_score = true;
            r->score.score = 50.0;
            r->score.pass = 1;
            r->score.fail = 1;
        }
    }
    f->rep.benchmark = &f->b;
    f->rep.hosts = f->results;
    f->rep.n = NHOSTILE + 1;
    snprintf(f->rep.started, sizeof f->rep.started, "2026-11-24T03:53:00Z");
    snprintf(f->rep.finished, sizeof f->rep.finished, "2026-11-24T03:53:09Z");
    snprintf(f->dir, sizeof f->dir, "/tmp/fs-junitcsv-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    for (size_t i = 0; i <= NHOSTILE; i++) {
        for (size_t k = 0; k < f->results[i].nresults; k++)
            free(f->results[i].results[k].evidence);
        free(f->results[i].results);
        free(f->results[i].error);
        free(f->results[i].hostname);
        free(f->hosts[i].name);
        free(f->hosts[i].address);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static void write_report(struct fixture *f, const char *format, char *path, size_t n)
{
    const struct fs_report_writer *w = fs_report_writer_find(format);
    assert_non_null(w);
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_outdir d;
    assert_int_equal(fs_outdir_open(&d, f->dir, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    if (w->write(&f->rep, &d, w->file, &err) != FS_OK)
        fail_msg("%s: %s", format, fs_buf_cstr(&err));
    fs_outdir_dispose(&d);
    fs_buf_dispose(&err);
    snprintf(path, n, "%s/%s", f->dir, w->file);
}

static char *xpath_str(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    assert_non_null(ctx);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(o);
    xmlChar *s = xmlXPathCastToString(o);
    char *r = strdup((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    return r;
}

static void expect_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
    char *got = xpath_str(doc, expr);
    if (strcmp(got, want) != 0)
        fail_msg("%s: got '%s', want '%s'", expr, got, want);
    free(got);
}

/* The document validates against the committed JUnit schema, and every hostile string is
 * in it, escaped (as printable text), in the right place, with the right counts. */
static void junit_validates_and_holds_hostile_text(void **state)
{
    struct fixture *f = *state;
    char path[128], xsd[1024], expr[512];
    write_report(f, "junit", path, sizeof path);
    snprintf(xsd, sizeof xsd, "%s/junit.xsd", getenv("FS_FIXTURES"));
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    assert_non_null(schema);
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!doc)
        fail_msg("%s is not well-formed XML", path);
    if (xmlSchemaValidateDoc(vc, doc) != 0)
        fail_msg("%s does not validate against %s", path, xsd);
    expect_xpath(doc, "count(/testsuites/testsuite)", "11");
    expect_xpath(doc, "/testsuites/@tests", "56");
    expect_xpath(doc, "/testsuites/@failures", "10");
    expect_xpath(doc, "/testsuites/@errors", "16");
    for (size_t i = 0; i < NHOSTILE; i++) {
        char *want = fs_printable_dup(hostile[i]);
        char ts[64];
        snprintf(ts, sizeof ts, "/testsuites/testsuite[%zu]", i + 1);
        snprintf(expr, sizeof expr, "%s/@name", ts);
        expect_xpath(doc, expr, want);
        snprintf(expr, sizeof expr, "%s/@hostname", ts);
        expect_xpath(doc, expr, want);
        snprintf(expr, sizeof expr, "concat(%s/@tests,%s/@failures,%s/@errors,%s/@skipped)", ts, ts,
                 ts, ts);
        expect_xpath(doc, expr, "5112");
        snprintf(expr, sizeof expr, "%s/@timestamp", ts);
        expect_xpath(doc, expr, "2026-11-24T03:53:02");
        snprintf(expr, sizeof expr, "%s/@time", ts);
        expect_xpath(doc, expr, "2.000");
        /* failure: classname the principle, message and text carry evidence, severity, title */
        snprintf(expr, sizeof expr, "%s/testcase[@name='sshd_disable_root_login']/@classname", ts);
        expect_xpath(doc, expr, "P3 Hardening devices");
        snprintf(expr, sizeof expr, "%s/testcase[@name='sshd_disable_root_login']/failure/@type",
                 ts);
        expect_xpath(doc, expr, "high");
        snprintf(expr, sizeof expr, "%s/testcase[@name='sshd_disable_root_login']/failure/@message",
                 ts);
        char *msg = xpath_str(doc, expr);
        if (!strstr(msg, want) || !strstr(msg, "[high] Root <cannot> log in & \"quoted\""))
            fail_msg("failure message '%s' lacks '%s'", msg, want);
        free(msg);
        snprintf(expr, sizeof expr, "%s/testcase[@name='sshd_disable_root_login']/failure", ts);
        char *body = xpath_str(doc, expr);
        if (strncmp(body, want, strlen(want)) != 0 || !strstr(body, "\nseverity: high\n") ||
            !strstr(body, "\ntitle: Root <cannot> log in & \"quoted\"\n"))
            fail_msg("failure text '%s' lacks '%s'", body, want);
        free(body);
        snprintf(expr, sizeof expr, "%s/testcase[@name='logging_remote']/error", ts);
        body = xpath_str(doc, expr);
        if (strncmp(body, want, strlen(want)) != 0 || !strstr(body, "severity: medium"))
            fail_msg("error text '%s' lacks '%s'", body, want);
        free(body);
        snprintf(expr, sizeof expr, "%s/testcase[@name='wifi_disabled']/skipped/@message", ts);
        char na[256];
        snprintf(na, sizeof na, "notapplicable: %s", want);
        expect_xpath(doc, expr, na);
        snprintf(expr, sizeof expr, "%s/testcase[@name='backup_tested']/skipped/@message", ts);
        expect_xpath(doc, expr, "notchecked: Was a restore tested < 1 year ago & \"documented\"?");
        snprintf(expr, sizeof expr,
                 "count(%s/testcase[@name='accounts_no_empty_passwords']/*[name()!='system-out'])",
                 ts);
        expect_xpath(doc, expr, "0");
        free(want);
    }
    /* the host not scanned: its status and reason, and every rule in error */
    const char *dead = "/testsuites/testsuite[11]";
    snprintf(expr, sizeof expr, "concat(%s/@name,'|',%s/@tests,%s/@errors,%s/@failures)", dead,
             dead, dead, dead);
    expect_xpath(doc, expr, "dead\\x01<&>|660");
    snprintf(expr, sizeof expr, "%s/testcase[1]/error/@type", dead);
    expect_xpath(doc, expr, "unreachable");
    snprintf(expr, sizeof expr, "%s/testcase[1]/error/@message", dead);
    expect_xpath(doc, expr, "host not scanned: unreachable: cannot connect: \"refused\" <\\x02>");
    snprintf(expr, sizeof expr, "count(%s/testcase/error[@type='unreachable'])", dead);
    expect_xpath(doc, expr, "6");
    snprintf(expr, sizeof expr, "%s/properties/property[@name='address']/@value", dead);
    expect_xpath(doc, expr, "10.0.0.2\\xff");
    xmlFreeDoc(doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
}

/* What a cell must hold after the writer: printable, and a leading ' when it starts like a
 * formula. */
static char *expected_cell(const char *raw)
{
    char *p = fs_printable_dup(raw);
    assert_non_null(p);
    if (p[0] && strchr("=+-@\t\r", p[0])) {
        size_t n = strlen(p);
        char *q = malloc(n + 2);
        assert_non_null(q);
        q[0] = '\'';
        memcpy(q + 1, p, n + 1);
        free(p);
        return q;
    }
    return p;
}

/* python3's csv module reads the file back (RFC 4180, CRLF rows) to the values written, and
 * no cell starts with a formula character. */
static void csv_parses_back_neutralised(void **state)
{
    struct fixture *f = *state;
    char path[128], json[160], cmd[1024];
    snprintf(f->results[0].results[0].failing_since, 32, "2026-11-01T09:00:00Z");
    snprintf(f->results[0].results[1].failing_since, 32, "2026-10-01T09:00:00Z");
    write_report(f, "csv", path, sizeof path);
    snprintf(json, sizeof json, "%s/rows.json", f->dir);
    snprintf(cmd, sizeof cmd,
             "python3 -c '\n"
             "import csv, json, sys\n"
             "raw = open(sys.argv[1], \"rb\").read()\n"
             "assert raw.endswith(b\"\\r\\n\"), \"no CRLF at the end\"\n"
             "assert raw.count(b\"\\n\") == raw.count(b\"\\r\\n\"), \"a bare LF\"\n"
             "rows = list(csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\"), "
             "strict=True))\n"
             "bad = [c for r in rows for c in r if c[:1] in (\"=\", \"+\", \"-\", \"@\", \"\\t\", "
             "\"\\r\")]\n"
             "assert not bad, bad\n"
             "json.dump(rows, open(sys.argv[2], \"w\"))\n"
             "' '%s' '%s'",
             path, json);
    assert_int_equal(system(cmd), 0);
    json_error_t je;
    json_t *rows = json_load_file(json, 0, &je);
    if (!rows)
        fail_msg("%s: %s", json, je.text);
    assert_int_equal(json_array_size(rows), 1 + (NHOSTILE + 1) * 5);
    static const char *const head[] = {"host",
                                       "address",
                                       "zone",
                                       "role",
                                       "profile",
                                       "host_status",
                                       "host_error",
                                       "rule",
                                       "principle",
                                       "severity",
                                       "status",
                                       "title",
                                       "evidence",
                                       "waived",
                                       "waiver_reason",
                                       "waiver_requested_by",
                                       "waiver_approved_by",
                                       "waiver_approved",
                                       "waiver_expires",
                                       "waiver_ticket",
                                       "failing_since"};
    json_t *row = json_array_get(rows, 0);
    assert_int_equal(json_array_size(row), 21);
    for (size_t c = 0; c < 21; c++)
        assert_string_equal(json_string_value(json_array_get(row, c)), head[c]);
    for (size_t i = 0; i <= NHOSTILE; i++) {
        for (size_t k = 0; k < 5; k++) {
            const struct fs_host_result *h = &f->results[i];
            char principle[16];
            snprintf(principle, sizeof principle, "P%d", h->results[k].rule->principle + 1);
            const char *raw[13] = {h->host->name,
                                   h->host->address,
                                   h->host->zone,
                                   "build-server",
                                   "build-server",
                                   i < NHOSTILE ? "scanned" : "unreachable",
                                   h->error ? h->error : "",
                                   h->results[k].rule->short_id,
                                   principle,
                                   fs_severity_name(h->results[k].rule->severity),
                                   fs_result_name(h->results[k].result),
                                   h->results[k].rule->title,
                                   h->results[k].evidence};
            row = json_array_get(rows, 1 + i * 5 + k);
            assert_int_equal(json_array_size(row), 21);
            assert_string_equal(json_string_value(json_array_get(row, 13)), "no");
            /* failing since: set on host 0's failed result and on its error result (which must
             * not show it) below */
            assert_string_equal(json_string_value(json_array_get(row, 20)),
                                i == 0 && k == 0 ? "2026-11-01T09:00:00Z" : "");
            for (size_t c = 0; c < 13; c++) {
                char *want = expected_cell(raw[c]);
                const char *got = json_string_value(json_array_get(row, c));
                if (strcmp(got, want) != 0)
                    fail_msg("row %zu cell %zu: got '%s', want '%s'", 1 + i * 5 + k, c, got, want);
                free(want);
            }
        }
    }
    /* the formula cells are there, neutralised inside their quotes */
    assert_string_equal(json_string_value(json_array_get(json_array_get(rows, 1), 0)),
                        "'=cmd|' /C calc'!A0");
    assert_string_equal(json_string_value(json_array_get(json_array_get(rows, 6), 0)), "'+1");
    assert_string_equal(json_string_value(json_array_get(json_array_get(rows, 11), 0)), "'-2");
    assert_string_equal(json_string_value(json_array_get(json_array_get(rows, 1), 2)), "'@zone");
    assert_string_equal(json_string_value(json_array_get(json_array_get(rows, 2), 11)),
                        "'=Logs leave the device");
    json_decref(rows);
}

/* A failed result with a known streak start says so in its failure message (before the
 * evidence, so a long evidence never cuts it off) and text; an error result does not. */
static void junit_failing_since(void **state)
{
    struct fixture *f = *state;
    snprintf(f->results[0].results[0].failing_since, 32, "2026-11-01T09:00:00Z");
    snprintf(f->results[0].results[1].failing_since, 32, "2026-10-01T09:00:00Z");
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(fs_report_junit_text(&f->rep, &data, &len), FS_OK);
    xmlDocPtr doc = xmlReadMemory(data, (int)len, "junit.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    char *msg = xpath_str(
        doc, "/testsuites/testsuite[1]/testcase[@name='sshd_disable_root_login']/failure/@message");
    if (!strstr(msg, "\"quoted\" (failing since 2026-11-01T09:00:00Z): "))
        fail_msg("failure message '%s' does not say failing since", msg);
    free(msg);
    char *body = xpath_str(
        doc, "/testsuites/testsuite[1]/testcase[@name='sshd_disable_root_login']/failure");
    assert_non_null(strstr(body, "\nfailing since: 2026-11-01T09:00:00Z\n"));
    free(body);
    /* the other hosts have no start known: no "failing since" anywhere else */
    size_t n = 0;
    for (const char *p = strstr(data, "failing since"); p; p = strstr(p + 1, "failing since"))
        n++;
    assert_int_equal(n, 2); /* message and text of the one result */
    assert_null(strstr(data, "2026-10-01"));
    xmlFreeDoc(doc);
    free(data);
}

static const char *field(struct fs_buf *b, const char *s)
{
    fs_buf_reset(b);
    assert_int_equal(fs_csv_add_field(b, s), FS_OK);
    return fs_buf_cstr(b);
}

/* Raw fields (the writer makes them printable first, the field quoting holds without that). */
static void csv_fields_quoted_and_neutralised(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 4096);
    assert_string_equal(field(&b, "plain text"), "plain text");
    assert_string_equal(field(&b, ""), "");
    assert_string_equal(field(&b, "a,b"), "\"a,b\"");
    assert_string_equal(field(&b, "say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_string_equal(field(&b, "x\r\ny"), "\"x\r\ny\"");
    assert_string_equal(field(&b, "x\ny"), "\"x\ny\"");
    assert_string_equal(field(&b, "=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"");
    assert_string_equal(field(&b, "+1"), "\"'+1\"");
    assert_string_equal(field(&b, "-2"), "\"'-2\"");
    assert_string_equal(field(&b, "@SUM(A1)"), "\"'@SUM(A1)\"");
    assert_string_equal(field(&b, "\t=1"), "\"'\t=1\"");
    assert_string_equal(field(&b, "\r=1"), "\"'\r=1\"");
    assert_string_equal(field(&b, "=\"a\",b"), "\"'=\"\"a\"\",b\"");
    assert_string_equal(field(&b, "a=1"), "a=1");
    fs_buf_dispose(&b);
}

/* The rules failed on most hosts: by hosts, then severity, then id; at most five. A host cut
 * off before the end (timeout) counts with the verdicts it has; "error" never counts. */
static void top_failed_rules(void **state)
{
    struct fixture *f = *state;
    struct fs_rule_count top[FS_SUMMARY_TOP];
    /* every scanned host fails sshd_disable_root_login; two more fail logging_remote, one
     * more wifi_disabled; the timed-out host fails accounts_no_empty_passwords, so does one
     * scanned host */
    f->results[0].results[1].result = FS_RESULT_FAIL;
    f->results[1].results[1].result = FS_RESULT_FAIL;
    f->results[2].results[2].result = FS_RESULT_FAIL;
    f->results[3].results[4].result = FS_RESULT_FAIL;
    f->results[NHOSTILE].status = FS_HOST_TIMEOUT;
    f->results[NHOSTILE].results[4].result = FS_RESULT_FAIL;
    size_t n = fs_summary_top_failed(&f->rep, top, FS_SUMMARY_TOP);
    assert_int_equal(n, 4);
    assert_string_equal(top[0].rule->short_id, "sshd_disable_root_login");
    assert_int_equal(top[0].hosts, NHOSTILE);
    /* two hosts each: high before medium */
    assert_string_equal(top[1].rule->short_id, "accounts_no_empty_passwords");
    assert_int_equal(top[1].hosts, 2);
    assert_string_equal(top[2].rule->short_id, "logging_remote");
    assert_int_equal(top[2].hosts, 2);
    assert_string_equal(top[3].rule->short_id, "wifi_disabled");
    assert_int_equal(top[3].hosts, 1);
    assert_int_equal(fs_summary_top_failed(&f->rep, top, 2), 2);
    /* ties on hosts and severity: by id */
    f->results[1].results[1].result = FS_RESULT_ERROR;
    f->results[2].results[2].result = FS_RESULT_PASS;
    f->results[4].results[2].result = FS_RESULT_FAIL;
    f->rules[2].severity = FS_SEV_MEDIUM;
    n = fs_summary_top_failed(&f->rep, top, FS_SUMMARY_TOP);
    assert_int_equal(n, 4);
    assert_string_equal(top[2].rule->short_id, "logging_remote");
    assert_string_equal(top[3].rule->short_id, "wifi_disabled");
    /* seven failing rules on one host: the first five by severity and id */
    static const char *const ids[7] = {"xccdf_t_rule_g", "xccdf_t_rule_f", "xccdf_t_rule_e",
                                       "xccdf_t_rule_d", "xccdf_t_rule_c", "xccdf_t_rule_b",
                                       "xccdf_t_rule_a"};
    struct fs_rule rules[7];
    struct fs_rule_result rr[7];
    for (size_t k = 0; k < 7; k++) {
        rule(&rules[k], ids[k], 0, k == 6 ? FS_SEV_LOW : FS_SEV_MEDIUM, "t");
        rr[k] = (struct fs_rule_result){.rule = &rules[k], .result = FS_RESULT_FAIL};
    }
    struct fs_host_result one = {.host = &f->hosts[0], .results = rr, .nresults = 7};
    struct fs_report rep = {.benchmark = &f->b, .hosts = &one, .n = 1};
    assert_int_equal(fs_summary_top_failed(&rep, top, FS_SUMMARY_TOP), 5);
    static const char *const want[5] = {"b", "c", "d", "e", "f"};
    for (size_t k = 0; k < 5; k++)
        assert_string_equal(top[k].rule->short_id, want[k]);
}

static char *summary_b(struct fixture *f, bool colour, bool html_written,
                       const struct fs_summary_bundle *bundle)
{
    static const struct fs_report_writer html = {"html", "report.html", NULL};
    const struct fs_report_writer *w[2] = {fs_report_writer_find("csv"), &html};
    bool written[2] = {true, html_written};
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    fs_summary_print(out, &f->rep, colour, "/o", w, written, 2, bundle);
    assert_int_equal(fclose(out), 0);
    return text;
}

static char *summary(struct fixture *f, bool colour, bool html_written)
{
    return summary_b(f, colour, html_written, NULL);
}

/* Colour only when asked for; never a raw escape from a host name; the top list; the report
 * path last when the HTML report was written. */
static void summary_text(void **state)
{
    struct fixture *f = *state;
    char *plain = summary(f, false, true);
    assert_null(strchr(plain, '\033'));
    assert_non_null(strstr(plain, "\nHOST "));
    assert_non_null(strstr(plain, "top failed rules (hosts failing, severity):\n"
                                  "  sshd_disable_root_login "));
    assert_non_null(strstr(plain, "  10  high\n"));
    assert_non_null(strstr(plain, "wrote /o/results.csv\n"));
    assert_non_null(strstr(plain, "ctl\\x01\\x1b[31m\\x7f end"));
    const char *last = "wrote /o/report.html\nreport: /o/report.html\n";
    assert_string_equal(plain + strlen(plain) - strlen(last), last);
    free(plain);
    char *coloured = summary(f, true, false);
    assert_non_null(strstr(coloured, "\033[1mHOST"));
    assert_non_null(strstr(coloured, "\033[31mhigh\033[0m"));
    /* the escape in the host name is still shown, not run */
    assert_non_null(strstr(coloured, "ctl\\x01\\x1b[31m"));
    assert_null(strstr(coloured, "report: "));
    assert_non_null(strstr(coloured, "FAILED to write /o/report.html"));
    free(coloured);
    /* the evidence bundle and its manifest digest come before the report path, which stays
     * last; a bundle that failed says so */
    const char *hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    struct fs_summary_bundle b = {.outdir = "/o", .sha256 = hex};
    char *bundled = summary_b(f, false, true, &b);
    char want[512];
    snprintf(want, sizeof want,
             "wrote /o/report.html\nwrote evidence bundle /o/bundle/\n"
             "evidence manifest SHA-256: %s\nreport: /o/report.html\n",
             hex);
    assert_string_equal(bundled + strlen(bundled) - strlen(want), want);
    free(bundled);
    b.failed = true;
    bundled = summary_b(f, false, true, &b);
    assert_non_null(strstr(bundled, "FAILED to write the evidence bundle"));
    assert_null(strstr(bundled, "SHA-256"));
    free(bundled);
}

/* The colour decision: a terminal, and neither NO_COLOR (non-empty) nor TERM=dumb. */
static void colour_only_on_a_terminal(void **state)
{
    (void)state;
    int master, slave;
    assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    unsetenv("NO_COLOR");
    setenv("TERM", "xterm-256color", 1);
    assert_true(fs_summary_colour(slave));
    assert_false(fs_summary_colour(fds[1]));
    setenv("NO_COLOR", "1", 1);
    assert_false(fs_summary_colour(slave));
    setenv("NO_COLOR", "", 1); /* no-color.org: set and not empty */
    assert_true(fs_summary_colour(slave));
    unsetenv("NO_COLOR");
    setenv("TERM", "dumb", 1);
    assert_false(fs_summary_colour(slave));
    unsetenv("TERM");
    assert_true(fs_summary_colour(slave));
    close(master);
    close(slave);
    close(fds[0]);
    close(fds[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(junit_validates_and_holds_hostile_text, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_parses_back_neutralised, setup, teardown),
        cmocka_unit_test_setup_teardown(junit_failing_since, setup, teardown),
        cmocka_unit_test(csv_fields_quoted_and_neutralised),
        cmocka_unit_test_setup_teardown(top_failed_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(summary_text, setup, teardown),
        cmocka_unit_test(colour_only_on_a_terminal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
