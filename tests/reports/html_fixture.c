/* SPDX-License-Identifier: Apache-2.0 */
/* Writes report.html for a synthetic fleet: the browser test's page and the size/speed bench.
 *   html_fixture BENCHMARK OUT.html HOSTS [hostile] [waivers]
 *       waivers: with the register of tests/reports/synth_waivers.h (HOSTS >= 3)
 *   html_fixture BENCHMARK OUT.html RESULTS.json     (the hosts of a saved scan)
 * Prints the time to build the document and its size. */
#include "common/synth_fleet.h"
#include "reports/synth_waivers.h"
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

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: html_fixture BENCHMARK OUT.html HOSTS [hostile] [waivers]\n");
        return 2;
    }
    int rc = 1;
    struct fs_waivers *ws = NULL;
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
    synth_fleet_free(f);
    synth_waivers_free(ws);
    fs_buf_dispose(&b);
    return rc;
}
