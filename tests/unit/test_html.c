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
    return cmocka_run_group_tests(tests, setup, teardown);
}
