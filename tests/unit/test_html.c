/* SPDX-License-Identifier: Apache-2.0 */
/* report.html: untrusted text only ever escaped, the CSP hashes match the inline blocks, the
 * embedded data cannot end its block, and the fleet overview holds what auditors look for. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/synth_fleet.h"
#include "../reports/synth_waivers.h"
#include "reports/html.h"
#include "reports/report.h"
#include "scanner/core/err.h"

static struct synth_fleet *fleet;
static struct fs_buf doc;

static int setup(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/floorscan-ditta-xccdf.xml", getenv("FS_PROFILES"));
    fleet = synth_fleet_new(path, 4, true);
    if (!fleet)
        return -1;
    fs_buf_init(&doc, (size_t)1 << 28);
    return fs_report_html_doc(&fleet->report, &doc) == FS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fs_buf_dispose(&doc);
    synth_fleet_free(fleet);
    return 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static char *escaped(const char *s)
{
    struct fs_buf b;
    fs_buf_init(&b, 1 << 16);
    assert_int_equal(fs_html_escape(&b, s), FS_OK);
    return fs_buf_steal(&b);
}

static void escape_covers_text_and_attributes(void **state)
{
    (void)state;
    char *e = escaped("<a href=\"x\" onclick='y'>&`");
    assert_string_equal(e, "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;");
    free(e);
    /* control bytes and invalid UTF-8 become visible text; valid UTF-8 stays */
    e = escaped("a\x01\x1b[31m\xff\xc3\xa9z");
    assert_string_equal(e, "a\\x01\\x1b[31m\\xff\xc3\xa9z");
    free(e);
    e = escaped(NULL);
    assert_string_equal(e, "");
    free(e);
}

/* The only script elements are the page's own two; the hostile name and evidence appear only
 * escaped, in the markup and in the embedded data. */
static void hostile_text_only_escaped(void **state)
{
    (void)state;
    const char *d = fs_buf_cstr(&doc);
    assert_int_equal(count(d, "<script"), 2);
    assert_int_equal(count(d, "</script"), 2);
    assert_int_equal(count(d, "<img"), 0);
    assert_null(strstr(d, "<!--"));
    assert_non_null(strstr(d, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x "
                              "onerror=alert(2)&gt;&#39;x"));
    /* the unscanned host's reason, escaped */
    assert_non_null(strstr(d, "No route to host &lt;b&gt;x&lt;/b&gt;"));
    /* embedded data: markup characters and line separators as \u escapes */
    assert_non_null(strstr(d, "\\u003c/script\\u003e\\u003cscript\\u003ealert(3)"));
    assert_non_null(strstr(d, "\\u003cimg src=x onerror=alert(4)\\u003e"));
    assert_non_null(strstr(d, "\\u2028"));
    assert_non_null(strstr(d, "\\u0026 amp"));
    assert_non_null(strstr(d, "\\\\x01\\\\x1b[31m \\\\xff\\\\xfe bad"));
    /* nothing raw: no control byte (but newline), no invalid UTF-8 lead, no U+2028 */
    for (const unsigned char *p = (const unsigned char *)d; *p; p++) {
        assert_false(*p < 0x20 && *p != '\n');
        assert_false(*p == 0xff || *p == 0xfe);
    }
    assert_null(strstr(d, "\xe2\x80\xa8"));
}

/* Every host name, whatever it holds, in every place it is written. */
static void hostile_name_in_every_place(void **state)
{
    (void)state;
    const char *d = fs_buf_cstr(&doc);
    char *e = escaped(SYNTH_HOSTILE_NAME);
    /* heat map, worst hosts, host section, zone filter option and zone table, hostname */
    assert_true(count(d, e) >= 6);
    free(e);
    assert_null(strstr(d, SYNTH_HOSTILE_NAME));
    assert_null(strstr(d, "<script>alert"));
}

static char *between(const char *d, const char *open, const char *close)
{
    const char *a = strstr(d, open);
    assert_non_null(a);
    a += strlen(open);
    const char *z = strstr(a, close);
    assert_non_null(z);
    return strndup(a, (size_t)(z - a));
}

/* The CSP allows exactly the inline style and script the page holds, and nothing else. */
static void csp_hashes_match_inline_blocks(void **state)
{
    (void)state;
    const char *d = fs_buf_cstr(&doc);
    char *csp = between(d, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\"");
    char *style = between(d, "<style>", "</style>");
    char *script = between(d, "</script>\n<script>", "</script>");
    char hs[64], hj[64], want[256];
    assert_int_equal(fs_html_csp_hash(style, hs), FS_OK);
    assert_int_equal(fs_html_csp_hash(script, hj), FS_OK);
    snprintf(want, sizeof want,
             "default-src 'none'; style-src %s; script-src %s; base-uri 'none'; "
             "form-action 'none'",
             hs, hj);
    assert_string_equal(csp, want);
    /* a known vector: sha256("") */
    assert_int_equal(fs_html_csp_hash("", hs), FS_OK);
    assert_string_equal(hs, "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    /* the CSP comes before any style or script, and no markup carries an inline handler */
    assert_true(strstr(d, "Content-Security-Policy") < strstr(d, "<style>"));
    assert_null(strstr(d, " onclick="));
    assert_null(strstr(d, " style=\""));
    assert_null(strstr(d, "http://"));
    assert_null(strstr(d, "https://"));
    free(csp);
    free(style);
    free(script);
}

static void fleet_overview_and_hosts(void **state)
{
    (void)state;
    const char *d = fs_buf_cstr(&doc);
    for (int p = 0; p < FS_PRINCIPLES; p++) {
        char *e = escaped(fleet->b->principle_titles[p]);
        assert_non_null(strstr(d, e));
        free(e);
    }
    assert_non_null(strstr(d, "host-000"));
    assert_non_null(strstr(d, "host-002"));
    assert_non_null(strstr(d, "Gate<b>failed</b>"));
    assert_non_null(strstr(d, "--fail-under 80.0"));
    assert_non_null(strstr(d, "--fail-on high"));
    assert_non_null(strstr(d, "Hosts not scanned (1)"));
    assert_non_null(strstr(d, "Most failed rules"));
    assert_non_null(strstr(d, "Worst hosts"));
    assert_non_null(strstr(d, "By zone"));
    assert_non_null(strstr(d, "By role"));
    assert_non_null(strstr(d, "st-waived"));
    /* no register: no Waivers section, no second score, no waiver in the embedded data */
    assert_null(strstr(d, "<section id=\"waivers\""));
    assert_null(strstr(d, "without waivers"));
    assert_null(strstr(d, "id=\"waived-card\""));
    assert_non_null(strstr(d, ",\"waivers\":[]"));
    assert_non_null(strstr(d, "@media print"));
    /* every heat map cell carries its number */
    assert_null(strstr(d, "\"></td>"));
    /* the profile and the rules' fix texts and references reach the page */
    assert_non_null(strstr(d, fleet->b->profiles[0].id));
    const struct fs_rule *r = fs_benchmark_rule(fleet->b, "net_ip_forwarding_disabled");
    assert_non_null(r);
    assert_true(strlen(r->fix) > 20);
    assert_true(strlen(r->description) > 20);
    assert_non_null(strstr(d, "Set net.ipv4.ip_forward = 0"));
    assert_non_null(strstr(d, "IEC 62443-3-3"));
}

/* A fleet with a register: one waiver in each state, one applied to a fail, one to an error. */
struct waived {
    struct synth_fleet *f;
    struct fs_waivers *ws;
    struct fs_buf doc;
};

static int waived_setup(void **state)
{
    char path[512];
    snprintf(path, sizeof path, "%s/floorscan-ditta-xccdf.xml", getenv("FS_PROFILES"));
    struct waived *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    *state = w;
    fs_buf_init(&w->doc, (size_t)1 << 28);
    w->f = synth_fleet_new(path, 4, false);
    w->ws = w->f ? synth_waivers_apply(w->f) : NULL;
    if (!w->ws)
        return -1;
    return fs_report_html_doc(&w->f->report, &w->doc) == FS_OK ? 0 : -1;
}

static int waived_teardown(void **state)
{
    struct waived *w = *state;
    if (!w)
        return 0;
    fs_buf_dispose(&w->doc);
    synth_fleet_free(w->f);
    synth_waivers_free(w->ws);
    free(w);
    return 0;
}

/* The result a waiver was applied to, found through the register. */
static const struct fs_rule_result *waived_result(const struct waived *w, size_t host, int k)
{
    const struct fs_host_result *h = &w->f->results[host];
    for (size_t i = 0; i < h->nresults; i++)
        if (h->results[i].waiver == &w->ws->w[k])
            return &h->results[i];
    fail_msg("no result carries waiver %d", k);
    return NULL;
}

/* The waived results keep their raw status in the embedded data, with the index of their
 * waiver, and the register's entries (reason, requester, approver, dates, ticket, control,
 * state) are there for the row to show, escaped for the script block. */
static void waived_results_keep_raw_status(void **state)
{
    const struct waived *w = *state;
    const char *d = fs_buf_cstr(&w->doc);
    const struct fs_rule_result *rr = waived_result(w, 0, SYNTH_W_ACTIVE);
    char want[512];
    snprintf(want, sizeof want, "[%td,%d,\"%s\",%d]", rr->rule - w->f->b->rules,
             (int)FS_RESULT_FAIL, rr->evidence, SYNTH_W_ACTIVE);
    assert_non_null(strstr(d, want));
    rr = waived_result(w, 2, SYNTH_W_EXPIRING);
    snprintf(want, sizeof want, "[%td,%d,\"%s\",%d]", rr->rule - w->f->b->rules,
             (int)FS_RESULT_ERROR, rr->evidence, SYNTH_W_EXPIRING);
    assert_non_null(strstr(d, want));
    /* exactly two results carry a waiver index: 4 hosts, so ",0]" and ",2]" once each */
    assert_int_equal(count(d, "\",0]"), 1);
    assert_int_equal(count(d, "\",2]"), 1);
    /* the applied waiver, as the row shows it */
    snprintf(want, sizeof want,
             "[\"%s\",\"Vendor patch due \\u003cscript\\u003ealert(7)\\u003c/script\\u003e "
             "\\\"Q1\\\" \\u0026 'CAPA' \\u003cimg src=x onerror=alert(8)\\u003e\",\"%s\",\"%s\","
             "\"2026-10-01\",\"%s\",\"CAPA-2026-041\",\"Line isolated on its own VLAN; weekly "
             "log review\",\"active\"]",
             w->ws->w[SYNTH_W_ACTIVE].rule, SYNTH_WAIVER_REQUESTER, SYNTH_WAIVER_APPROVER,
             SYNTH_WAIVER_EXPIRES);
    assert_non_null(strstr(d, want));
    assert_non_null(strstr(d, "\"2026-12-10\",\"\",\"\",\"expiring\"]"));
    /* the script shows the raw status and a waived badge (checked in Chromium too) */
    assert_non_null(strstr(d, "'st st-waived badge', 'waived'"));
    assert_non_null(strstr(d, "<option>waived</option>"));
    assert_non_null(strstr(d, "<option value=\"open\">"));
}

static void score_pair(const char *d, const struct fs_score *s)
{
    char want[128];
    assert_true(s->waived > 0);
    assert_true(s->has_unwaived);
    snprintf(want, sizeof want, "%.1f <span class=\"uw\">(%.1f without waivers)</span>", s->score,
             s->unwaived);
    assert_non_null(strstr(d, want));
}

/* Fleet, host and principle scores: the waived score and, beside it, the score without waivers;
 * the numbers are fs_score_host's and fs_score_fleet's. */
static void scores_with_and_without_waivers(void **state)
{
    const struct waived *w = *state;
    const char *d = fs_buf_cstr(&w->doc);
    const struct fs_host_result *h0 = &w->f->results[0], *h1 = &w->f->results[1];
    /* the waived fail has a weight: the host's two scores differ */
    assert_true(h0->score.unwaived < h0->score.score);
    score_pair(d, &h0->score);
    const struct fs_rule_result *rr = waived_result(w, 0, SYNTH_W_ACTIVE);
    score_pair(d, &h0->principles[rr->rule->principle]);
    struct fs_score fl, pr[FS_PRINCIPLES];
    long worst;
    fs_score_fleet(w->f->results, w->f->report.n, &fl, pr, &worst);
    char want[256];
    snprintf(want, sizeof want,
             "Fleet score<b>%.1f <span class=\"uw\">(%.1f without waivers)</span></b>", fl.score,
             fl.unwaived);
    assert_non_null(strstr(d, want));
    score_pair(d, &pr[rr->rule->principle]);
    /* a host without waived results has one score only */
    assert_int_equal(h1->score.waived, 0);
    snprintf(want, sizeof want, "title=\"host score\">%.1f</span>", h1->score.score);
    assert_non_null(strstr(d, want));
    /* waived counts: fleet card, results by status, the host's line */
    assert_non_null(strstr(d, "<a href=\"#filter=status:waived\">2</a></b><span class=\"mute\">"
                              "results on 2 hosts"));
    assert_non_null(strstr(d, "class=\"st st-waived\">waived</a></th><td class=\"num\">2</td>"));
    assert_int_equal(count(d, "<span class=\"st st-waived\">waived 1</span>"), 2);
}

/* The register: its file, digest and day; every waiver with its scope, people, dates and state;
 * the unused ones labelled; the hostile reason escaped. */
static void register_section(void **state)
{
    const struct waived *w = *state;
    const char *d = fs_buf_cstr(&w->doc);
    const char *sec = strstr(d, "<section id=\"waivers\"><h2>Waivers</h2>");
    assert_non_null(sec);
    /* before the hosts */
    assert_true(sec < strstr(d, "<section id=\"hosts\">"));
    assert_non_null(strstr(sec, "<code>/etc/floorscan/waivers.yml</code>"));
    assert_non_null(strstr(sec, w->ws->sha256));
    assert_non_null(strstr(sec, "expiry judged against 2026-11-29 (UTC), warning window 30 days"));
    assert_non_null(strstr(sec, "5 waivers: 2 active, <span class=\"wst wst-expiring\">1 expiring"
                                "</span>, <span class=\"wst wst-expired\">1 expired</span>, 1 "
                                "pending; <span class=\"wst wst-unused\">3 unused</span>"));
    static const char *const states[] = {"active", "expired", "expiring", "pending", "active"};
    static const bool used[] = {true, false, true, false, false};
    for (int k = 0; k < SYNTH_W_COUNT; k++) {
        char want[128];
        snprintf(want, sizeof want, "<tr id=\"waiver-%d\" class=\"w-%s%s\"><td class=\"num\">%d<",
                 k, states[k], used[k] ? "" : " w-unused", w->ws->w[k].line);
        assert_non_null(strstr(sec, want));
        snprintf(want, sizeof want, "<td class=\"nw\"><span class=\"wst wst-%s\">%s</span></td>",
                 states[k], states[k]);
        assert_non_null(strstr(sec, want));
        char *e = escaped(w->ws->w[k].rule);
        snprintf(want, sizeof want, "<td><code>%s</code></td>", e);
        free(e);
        assert_non_null(strstr(sec, want));
    }
    assert_int_equal(count(sec, "<td class=\"num\">1</td></tr>"), 2);
    assert_int_equal(count(sec, "<td class=\"num\">0 <span class=\"wst wst-unused\">unused"), 3);
    /* the applied waiver's row: scope, reason (escaped), people, dates, ticket, control */
    char *reason = escaped(SYNTH_WAIVER_REASON);
    assert_non_null(strstr(reason, "&lt;script&gt;alert(7)&lt;/script&gt; &quot;Q1&quot; &amp; "
                                   "&#39;CAPA&#39; &lt;img"));
    char want[1024];
    snprintf(want, sizeof want,
             "<td><span class=\"mute\">hosts:</span> host-000</td><td>%s</td><td>%s</td>"
             "<td>%s</td><td class=\"nw\">2026-10-01</td><td class=\"nw\">%s</td>"
             "<td>CAPA-2026-041</td><td>Line "
             "isolated on its own VLAN; weekly log review</td><td>fail</td>",
             reason, SYNTH_WAIVER_REQUESTER, SYNTH_WAIVER_APPROVER, SYNTH_WAIVER_EXPIRES);
    free(reason);
    assert_non_null(strstr(sec, want));
    assert_non_null(strstr(sec, "<span class=\"mute\">zones:</span> zone-a</td>"));
    assert_non_null(strstr(sec, "<span class=\"mute\">roles:</span> build-server</td>"));
    assert_non_null(strstr(sec, "<td class=\"nw\">2026-11-01</td><td>\xe2\x80\x93</td>"));
    assert_non_null(
        strstr(sec, "<td>error</td><td class=\"nw\"><span class=\"wst wst-expiring\">"));
    /* nothing of the register is markup: the page's two scripts only, no img, no handler */
    assert_int_equal(count(d, "<script"), 2);
    assert_null(strstr(d, "<img"));
    assert_null(strstr(d, "alert(7)</script>"));
    assert_null(strstr(d, "<img src=x onerror=alert(8)>"));
    assert_null(strstr(d, " style=\""));
}

static void writer_registered(void **state)
{
    (void)state;
    const struct fs_report_writer *w = fs_report_writer_find("html");
    assert_non_null(w);
    assert_string_equal(w->file, "report.html");
    assert_ptr_equal(w->write, fs_report_html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escape_covers_text_and_attributes),
        cmocka_unit_test(hostile_text_only_escaped),
        cmocka_unit_test(hostile_name_in_every_place),
        cmocka_unit_test(csp_hashes_match_inline_blocks),
        cmocka_unit_test(fleet_overview_and_hosts),
        cmocka_unit_test(writer_registered),
    };
    const struct CMUnitTest waived[] = {
        cmocka_unit_test(waived_results_keep_raw_status),
        cmocka_unit_test(scores_with_and_without_waivers),
        cmocka_unit_test(register_section),
    };
    int fails = cmocka_run_group_tests(tests, setup, teardown);
    return fails + cmocka_run_group_tests_name("waivers", waived, waived_setup, waived_teardown);
}
