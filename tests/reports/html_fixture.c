/* SPDX-License-Identifier: Apache-2.0 */
/* Writes report.html for a synthetic fleet: the browser test's page and the size/speed bench.
 *   html_fixture BENCHMARK OUT.html HOSTS [hostile] [waivers] [drift] [zones]
 *       waivers: with the register of tests/reports/synth_waivers.h (HOSTS >= 3)
 *       drift: compared with an earlier run of the same fleet (one pass of host 0 now fails,
 *              host 1's first fail fixed; every fail failing since a date): "Since the last
 *              audit" and "failing since" in the host tables
 *       zones: with the site model and fleet analysis of tests/common/synth_zones.h (hostile
 *              names with hostile): the "Zones and conduits" section, and OUT.html's directory
 *              gets zones.dot (-f dot's text)
 *   html_fixture BENCHMARK OUT.html RESULTS.json     (the hosts of a saved scan)
 * Prints the time to build the document and its size. */
#include "common/synth_fleet.h"
#include "common/synth_zones.h"
#include "reports/synth_waivers.h"
#include "reports/drift.h"
#include "store/store.h"
#include "scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The earlier run: the same fleet, before host 0's first pass failed and host 1's first fail
 * was fixed; f's fails get a failing since, f->report.drift the comparison. */
static int drift_from(struct synth_fleet *f, char **argv, struct synth_fleet **prev,
                      struct fs_drift **d)
{
    static const struct fs_stored_run earlier = {.id = 41, .label = "weekly <b>41</b>"};
    static const struct fs_stored_run now = {.id = 42, .label = "weekly-42"};
    if (!(*prev = synth_fleet_new(argv[1], f->report.n, strcmp(argv[4], "hostile") == 0)))
        return -1;
    snprintf((*prev)->report.started, sizeof(*prev)->report.started, "2026-11-22T09:00:00Z");
    (*prev)->report.stored = &earlier;
    f->report.stored = &now;
    for (size_t i = 0; i < f->report.n && i < 2; i++) {
        enum fs_result from = i == 0 ? FS_RESULT_PASS : FS_RESULT_FAIL;
        for (size_t k = 0; k < f->results[i].nresults; k++) {
            if (f->results[i].results[k].result == from) {
                f->results[i].results[k].result = i == 0 ? FS_RESULT_FAIL : FS_RESULT_PASS;
                break;
            }
        }
        fs_score_host(&f->results[i]);
    }
    for (size_t i = 0; i < f->report.n; i++)
        for (size_t k = 0; k < f->results[i].nresults; k++)
            if (f->results[i].results[k].result == FS_RESULT_FAIL)
                snprintf(f->results[i].results[k].failing_since, 32, "2026-11-%02zuT09:00:00Z",
                         1 + (i + k) % 28);
    if (fs_drift_compute(&(*prev)->report, &f->report, d) != FS_OK)
        return -1;
    f->report.drift = *d;
    return 0;
}

/* zones.dot beside the page. */
static int write_dot(struct synth_fleet *f, const char *html)
{
    struct fs_buf b;
    fs_buf_init(&b, (size_t)1 << 26);
    char path[4096];
    const char *slash = strrchr(html, '/');
    snprintf(path, sizeof path, "%.*szones.dot", slash ? (int)(slash - html + 1) : 0, html);
    int rc = fs_report_dot_text(&f->report, &b) == FS_OK ? 0 : -1;
    FILE *o = rc ? NULL : fopen(path, "wb");
    if (!o || fwrite(b.data, 1, b.len, o) != b.len)
        rc = -1;
    if (o && fclose(o) != 0)
        rc = -1;
    fs_buf_dispose(&b);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(
            stderr,
            "usage: html_fixture BENCHMARK OUT.html HOSTS [hostile] [waivers] [drift] [zones]\n");
        return 2;
    }
    int rc = 1;
    struct fs_waivers *ws = NULL;
    struct synth_fleet *prev = NULL;
    struct fs_drift *d = NULL;
    struct synth_zones *z = NULL;
    struct fs_buf b;
    fs_buf_init(&b, (size_t)1 << 30);
    double t0 = now_ms();
    size_t len = strlen(argv[3]);
    struct synth_fleet *f = len > 5 && strcmp(argv[3] + len - 5, ".json") == 0
                                ? synth_fleet_from_json(argv[1], argv[3])
                                : synth_fleet_new(argv[1], strtoul(argv[3], NULL, 10),
                                                  argc > 4 && !strcmp(argv[4], "hostile"));
    bool waivers = false;
    for (int i = 4; i < argc; i++)
        waivers |= strcmp(argv[i], "waivers") == 0;
    if (f && waivers && !(ws = synth_waivers_apply(f)))
        goto out;
    for (int i = 4; i < argc && f; i++)
        if (strcmp(argv[i], "drift") == 0 && drift_from(f, argv, &prev, &d) != 0)
            goto out;
    for (int i = 4; i < argc && f; i++) {
        if (strcmp(argv[i], "zones") != 0)
            continue;
        if (!(z = synth_zones_new(strcmp(argv[4], "hostile") == 0, 0)))
            goto out;
        synth_zones_attach(z, &f->report);
        if (write_dot(f, argv[2]) != 0)
            goto out;
    }
    double t1 = now_ms();
    if (!f || fs_report_html_doc(&f->report, &b) != FS_OK)
        goto out;
    double t2 = now_ms();
    FILE *o = fopen(argv[2], "wb");
    if (!o || fwrite(b.data, 1, b.len, o) != b.len || fclose(o) != 0)
        goto out;
    printf("hosts %zu rules %zu fleet %.1f ms html %.1f ms bytes %zu\n", f->report.n, f->b->nrules,
           t1 - t0, t2 - t1, b.len);
    rc = 0;
out:
    fs_drift_free(d);
    synth_zones_free(z);
    synth_fleet_free(prev);
    synth_fleet_free(f);
    synth_waivers_free(ws);
    fs_buf_dispose(&b);
    return rc;
}
