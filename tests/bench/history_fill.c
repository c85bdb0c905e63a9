/* SPDX-License-Identifier: Apache-2.0 */
/* Benchmark helper for scripts/bench-history.sh (not a test):
 *   history_fill fill DB BENCHMARK RUNS HOSTS    stores RUNS weekly runs of HOSTS synthetic
 *                                                hosts (statuses drifting week by week, a few
 *                                                hosts missing some weeks), from 2026-01-05
 *   history_fill save DB BENCHMARK HOSTS OUTDIR  times storing one HOSTS-host run (failing
 *                                                since + save) against writing its
 *                                                results.json and report.html into OUTDIR
 *   history_fill drift DB BENCHMARK HOSTS        stores the next week's HOSTS-host run as a
 *                                                scan does (failing since, save, compared
 *                                                with the previous stored run) and prints
 *                                                the process's peak RSS */
#include "reports/report.h"
#include "scanner/core/err.h"
#include "reports/drift.h"
#include "scanner/run_meta.h"
#include "scanner/scan_history.h"
#include "store/store.h"
#include "tests/common/synth_fleet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void stamp(char *out, size_t n, int week, int second)
{
    struct tm tm = {.tm_year = 2026 - 1900,
                    .tm_mon = 0,
                    .tm_mday = 5 + 7 * week,
                    .tm_hour = 9,
                    .tm_sec = second};
    time_t t = timegm(&tm);
    if (!gmtime_r(&t, &tm) || strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, n, "1970-01-01T00:00:00Z");
}

/* Week w's statuses: each rule of each host passes, fails or errs by a hash of (host, rule,
 * week / 4), with the share of fails falling over the year; every 13th host is unreachable
 * in the weeks where (host + week) % 9 == 0. */
static void drift(struct synth_fleet *f, int week)
{
    for (size_t i = 0; i < f->report.n; i++) {
        struct fs_host_result *r = &f->results[i];
        stamp(r->started, sizeof r->started, week, (int)(i % 60));
        stamp(r->finished, sizeof r->finished, week, (int)(i % 60) + 1);
        r->status =
            (i % 13 == 0 && (i + (size_t)week) % 9 == 0) ? FS_HOST_UNREACHABLE : FS_HOST_SCANNED;
        r->evaluated = r->status == FS_HOST_SCANNED;
        for (size_t k = 0; k < r->nresults; k++) {
            struct fs_rule_result *rr = &r->results[k];
            if (rr->rule->manual)
                continue;
            unsigned h = (unsigned)(i * 2654435761u) ^ (unsigned)(k * 40503u) ^
                         (unsigned)((week / 4) * 9973u);
            h = (h ^ (h >> 13)) * 0x5bd1e995u;
            unsigned pct = (h >> 8) % 100, fail_pct = 40 - (unsigned)week * 30 / 52;
            rr->result = pct < fail_pct       ? FS_RESULT_FAIL
                         : pct < fail_pct + 5 ? FS_RESULT_ERROR
                                              : FS_RESULT_PASS;
        }
        for (size_t k = 0; r->status != FS_HOST_SCANNED && k < r->nresults; k++)
            r->results[k].result = FS_RESULT_ERROR; /* as a scan records a host not scanned */
        fs_score_host(r);
    }
    stamp(f->report.started, sizeof f->report.started, week, 0);
    stamp(f->report.finished, sizeof f->report.finished, week, 59);
}

/* Each host gets the profile of its role and only the rules that profile selects, as a scan
 * has (synth_fleet gives every host every rule; `diff` reloads runs through the results loader,
 * which refuses a rule the profile does not select). */
static int profile_by_role(struct synth_fleet *f)
{
    for (size_t i = 0; i < f->report.n; i++) {
        struct fs_host_result *r = &f->results[i];
        const struct fs_profile *p = fs_benchmark_profile(f->b, f->hosts[i].role);
        if (!p)
            return FS_ERR_NOTFOUND;
        r->profile_id = p->id;
        size_t w = 0;
        for (size_t k = 0; k < r->nresults; k++) {
            if (fs_benchmark_selected(f->b, p, r->results[k].rule))
                r->results[w++] = r->results[k];
            else
                free(r->results[k].evidence);
        }
        r->nresults = w;
    }
    return FS_OK;
}

static int store_one(struct fs_store *s, struct synth_fleet *f, double *secs)
{
    struct fs_buf err;
    fs_buf_init(&err, 8192);
    char op[256];
    fs_run_meta_operator(op, sizeof op);
    struct fs_run_meta m = {.source = "scan", .operator_name = op, .command_line = "history_fill"};
    struct fs_stored_run run;
    double t0 = now_s();
    int rc = fs_store_failing_since(s, f->results, f->report.n, f->report.started, &err);
    if (!rc)
        rc = fs_store_save(s, &f->report, &m, &run, &err);
    *secs = now_s() - t0;
    if (rc)
        fprintf(stderr, "history_fill: %s\n", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return rc;
}

static struct fs_store *open_store(const char *db)
{
    struct fs_store *s = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 8192);
    if (fs_store_open(&s, db, true, &err) != FS_OK)
        fprintf(stderr, "history_fill: %s\n", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return s;
}

static int fill(const char *db, const char *bench, int runs, size_t hosts)
{
    struct synth_fleet *f = synth_fleet_new(bench, hosts, false);
    if (f && profile_by_role(f) != FS_OK) {
        fprintf(stderr, "history_fill: a host's role names no profile of %s\n", bench);
        synth_fleet_free(f);
        return 1;
    }
    struct fs_store *s = f ? open_store(db) : NULL;
    int rc = s ? FS_OK : FS_ERR_IO;
    double total = 0;
    if (!rc)
        rc = fs_sha256_file(bench, f->report.benchmark_sha256);
    for (int w = 0; w < runs && !rc; w++) {
        double t;
        drift(f, w);
        rc = store_one(s, f, &t);
        total += t;
    }
    if (!rc)
        printf("fill: %d runs of %zu hosts x %zu rules stored in %.1f s (%.0f ms per run)\n", runs,
               hosts, f->b->nrules, total, 1000 * total / runs);
    fs_store_close(s);
    synth_fleet_free(f);
    return rc ? 1 : 0;
}

static int save(const char *db, const char *bench, size_t hosts, const char *outdir)
{
    struct synth_fleet *f = synth_fleet_new(bench, hosts, false);
    if (f && profile_by_role(f) != FS_OK) {
        fprintf(stderr, "history_fill: a host's role names no profile of %s\n", bench);
        synth_fleet_free(f);
        return 1;
    }
    struct fs_store *s = f ? open_store(db) : NULL;
    struct fs_outdir d = {.fd = -1};
    struct fs_buf err;
    fs_buf_init(&err, 8192);
    int rc = s ? fs_sha256_file(bench, f->report.benchmark_sha256) : FS_ERR_IO;
    double store_s = 0, files_s = 0;
    if (!rc) {
        drift(f, 60); /* a week after the filled year */
        rc = store_one(s, f, &store_s);
    }
    if (!rc && mkdir(outdir, 0700) != 0)
        rc = FS_ERR_IO;
    if (!rc)
        rc = fs_outdir_open(&d, outdir, FS_OUTPUT_MODE_DEFAULT, &err);
    double t0 = now_s();
    if (!rc)
        rc = fs_report_json(&f->report, &d, "results.json", &err);
    if (!rc)
        rc = fs_report_html(&f->report, &d, "report.html", &err);
    files_s = now_s() - t0;
    if (rc) {
        fprintf(stderr, "history_fill: %s\n", fs_buf_cstr(&err));
    } else {
        printf("save: %zu hosts: store %.0f ms (failing since + save), results.json + "
               "report.html %.0f ms, ratio %.2f\n",
               hosts, 1000 * store_s, 1000 * files_s, store_s / files_s);
        printf("save: store time as a share of a 60 s scan of %zu hosts: %.2f %%\n", hosts,
               100 * store_s / 60.0);
    }
    fs_outdir_dispose(&d);
    fs_buf_dispose(&err);
    fs_store_close(s);
    synth_fleet_free(f);
    return rc ? 1 : 0;
}

/* The week after a `fill DB BENCHMARK 1 HOSTS`, stored and compared by the scan's own path
 * (fs_scan_history_record): what a scan with a history store adds to its peak memory. */
static int drift_rss(const char *db, const char *bench, size_t hosts)
{
    struct synth_fleet *f = synth_fleet_new(bench, hosts, false);
    if (!f || profile_by_role(f) != FS_OK || fs_sha256_file(bench, f->report.benchmark_sha256)) {
        fprintf(stderr, "history_fill: cannot make the fleet of %s\n", bench);
        synth_fleet_free(f);
        return 1;
    }
    drift(f, 1);
    struct fs_scan_history h;
    double t0 = now_s();
    fs_scan_history_open(&h, db, false);
    fs_scan_history_record(&h, &f->report, f->results, NULL, NULL, NULL);
    double secs = now_s() - t0;
    const struct fs_drift *d = h.drift;
    int rc = h.stored && d ? 0 : 1;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (rc)
        fs_scan_history_warn(&h, stderr, "history_fill: not stored or not compared: ");
    else
        printf("drift: %zu hosts: stored and compared in %.0f ms (%zu hosts compared, %zu new "
               "failures, %zu fixed): peak RSS %ld kB\n",
               hosts, 1000 * secs, d->hosts_compared, d->n_new_failures, d->n_fixed, ru.ru_maxrss);
    fs_scan_history_dispose(&h);
    synth_fleet_free(f);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 6 && strcmp(argv[1], "fill") == 0)
        return fill(argv[2], argv[3], (int)strtol(argv[4], NULL, 10),
                    (size_t)strtoul(argv[5], NULL, 10));
    if (argc == 6 && strcmp(argv[1], "save") == 0)
        return save(argv[2], argv[3], (size_t)strtoul(argv[4], NULL, 10), argv[5]);
    if (argc == 5 && strcmp(argv[1], "drift") == 0)
        return drift_rss(argv[2], argv[3], (size_t)strtoul(argv[4], NULL, 10));
    fprintf(stderr, "usage: history_fill fill DB BENCHMARK RUNS HOSTS\n"
                    "       history_fill save DB BENCHMARK HOSTS OUTDIR\n"
                    "       history_fill drift DB BENCHMARK HOSTS\n");
    return 2;
}
