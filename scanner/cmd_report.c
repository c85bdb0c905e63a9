/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan report: the formats of a scan rebuilt from its saved results.json. */
#include "cli.h"
#include "../reports/load.h"
#include "../reports/report.h"
#include "core/err.h"
#include "core/limits.h"
#include "core/util.h"
#include "engine/benchmark.h"
#include "../reports/drift.h"
#include "../store/store.h"
#include "scan_history.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int fs_cli_load_benchmark(const char *path, const char *tailoring, struct fs_benchmark **out,
                          char *sha256, char *tailoring_sha256)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    char *abs = realpath(path, NULL), *tabs = tailoring ? realpath(tailoring, NULL) : NULL;
    int rc = FS_EXIT_OK;
    *out = NULL;
    if (!abs || fs_sha256_file(abs, sha256) != FS_OK) {
        fprintf(stderr, "floorscan: %s: cannot read benchmark: %s\n", path, strerror(errno));
        rc = FS_EXIT_USAGE;
    } else if (tailoring && (!tabs || fs_sha256_file(tabs, tailoring_sha256) != FS_OK)) {
        fprintf(stderr, "floorscan: %s: cannot read tailoring: %s\n", tailoring, strerror(errno));
        rc = FS_EXIT_USAGE;
    } else if (fs_benchmark_load(out, abs, &err) != FS_OK ||
               (tabs && fs_benchmark_tailor(*out, tabs, &err) != FS_OK)) {
        fprintf(stderr, "floorscan: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
    }
    if (rc) {
        fs_benchmark_free(*out);
        *out = NULL;
    }
    free(abs);
    free(tabs);
    fs_buf_dispose(&err);
    return rc;
}

static int cmd_error(const char *cmd, const char *msg, const char *arg)
{
    char *p = fs_printable_dup(arg ? arg : "");
    fprintf(stderr, "floorscan %s: %s%s%s\n", cmd, msg, arg ? ": " : "", p ? p : "");
    free(p);
    return FS_EXIT_USAGE;
}

static int usage_error(const char *msg, const char *arg)
{
    return cmd_error("report", msg, arg);
}

int fs_cli_report_formats(const char *cmd, const char *list, const struct fs_report_writer **w,
                          size_t *n)
{
    char *copy = strdup(list), *save = NULL;
    int rc = FS_EXIT_OK;
    if (!copy)
        return FS_EXIT_USAGE;
    for (char *f = strtok_r(copy, ",", &save); f && !rc; f = strtok_r(NULL, ",", &save)) {
        const struct fs_report_writer *found = fs_report_writer_find(f);
        if (strcmp(f, "bundle") == 0) {
            rc = cmd_error(cmd,
                           "an evidence bundle holds the raw facts of a scan, which saved "
                           "results do not have: make it with floorscan scan -f bundle",
                           NULL);
        } else if (!fs_report_format_known(f)) {
            rc = cmd_error(cmd, "unknown format (json, html, xccdf, arf, junit, csv, dot, bundle)",
                           f);
        } else if (!found) {
            fs_log(FS_LOG_INFO,
                   "floorscan %s: format '%s' is not available in this version; skipped", cmd, f);
        } else {
            bool dup = false;
            for (size_t i = 0; i < *n; i++)
                dup |= w[i] == found;
            if (!dup && *n < FS_FORMATS_MAX)
                w[(*n)++] = found;
        }
    }
    free(copy);
    return rc;
}

int fs_cli_report_write(const char *cmd, const struct fs_report *r, const char *outdir, mode_t mode,
                        const struct fs_report_writer *const *w, bool *written, size_t n,
                        bool announce)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_outdir dir = {.fd = -1};
    int rc = FS_EXIT_OK;
    for (size_t i = 0; i < n; i++)
        written[i] = false;
    const char *need = fs_report_writers_need_site(w, n, r->site && r->fleet);
    if (need) {
        /* an input error, found before any file is written */
        fprintf(stderr,
                "floorscan %s: -f %s needs --zones: these results were scanned without a site "
                "model; nothing written\n",
                cmd, need);
        rc = FS_EXIT_USAGE;
        goto out;
    }
    if (!outdir || !*outdir) {
        rc = cmd_error(cmd, "-o names no directory", NULL);
        goto out;
    }
    if (mkdir(outdir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "floorscan %s: cannot create output directory %s: %s\n", cmd, outdir,
                strerror(errno));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    if (fs_outdir_open(&dir, outdir, mode, &err) != FS_OK) {
        fprintf(stderr, "floorscan %s: %s\n", cmd, fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        fs_buf_reset(&err);
        written[i] = w[i]->write(r, &dir, w[i]->file, &err) == FS_OK;
        if (!written[i]) {
            fprintf(stderr, "floorscan %s: %s\n", cmd, fs_buf_cstr(&err));
            rc = FS_EXIT_NOT_SCANNED; /* as in scan: a report that cannot be written */
        } else if (announce) {
            printf("wrote %s/%s\n", outdir, w[i]->file);
        }
    }
out:
    fs_outdir_dispose(&dir);
    fs_buf_dispose(&err);
    return rc;
}

enum { OPT_BENCHMARK = 256, OPT_TAILORING, OPT_OUTPUT_MODE, OPT_DB, OPT_RUN, OPT_LATEST };

/* What a stored run brings besides its results: its chain record (a run of one shard) and the
 * comparison with the previous run of its hosts, as the scan's own reports had them. */
struct stored {
    struct fs_stored_run run, prev_run;
    struct fs_drift *drift;
};

/* A fleet run from the history store (--db URL --run ID | --latest): every shard of it. */
static int load_stored(const char *db, const char *run, const char *bench, const char *tailoring,
                       struct fs_loaded **l, struct stored *st, struct fs_buf *err)
{
    struct fs_store *s = NULL;
    struct fs_run_ref ref = {0};
    int rc = fs_store_open(&s, db, false, err);
    if (!rc)
        rc = fs_store_find_run(s, run, &ref, err);
    if (!rc)
        rc = fs_store_load_run(s, &ref, bench, tailoring, l, err);
    if (!rc && ref.nruns == 1 && fs_store_run_record(s, ref.first_id, &st->run, err) == FS_OK)
        (*l)->report.stored = &st->run;
    if (!rc) {
        struct fs_buf why;
        fs_buf_init(&why, FS_ERRBUF_MAX);
        int cr = fs_history_compare(s, &(*l)->report, &st->prev_run, &st->drift, &why);
        if (!cr)
            (*l)->report.drift = st->drift;
        else if (cr != FS_ERR_NOTFOUND)
            fs_log(FS_LOG_INFO, "floorscan report: not compared with the previous run: %s",
                   fs_buf_cstr(&why));
        fs_buf_dispose(&why);
        fs_buf_reset(err);
    }
    if (!rc && fs_log_level != FS_LOG_QUIET) {
        char *label = fs_printable_dup(ref.label), *started = fs_printable_dup(ref.started);
        printf("run %s: %zu stored run%s, %zu hosts, started %s\n", label ? label : "?", ref.nruns,
               ref.nruns == 1 ? "" : "s (shards)", ref.hosts, started ? started : "?");
        free(label);
        free(started);
    }
    fs_store_close(s);
    return rc;
}

int fs_cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"formats", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"benchmark", required_argument, NULL, OPT_BENCHMARK},
        {"tailoring", required_argument, NULL, OPT_TAILORING},
        {"output-mode", required_argument, NULL, OPT_OUTPUT_MODE},
        {"quiet", no_argument, NULL, 'q'},
        {"db", required_argument, NULL, OPT_DB},
        {"run", required_argument, NULL, OPT_RUN},
        {"latest", no_argument, NULL, OPT_LATEST},
        {NULL, 0, NULL, 0}};
    const char *formats = "json,html", *outdir = "floorscan-results", *bench = NULL,
               *tailoring = NULL, *db = NULL, *run = NULL;
    mode_t mode = FS_OUTPUT_MODE_DEFAULT;
    const struct fs_report_writer *writers[FS_FORMATS_MAX];
    size_t nwriters = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:q", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            formats = optarg;
            break;
        case 'o':
            outdir = optarg;
            break;
        case 'q':
            fs_log_level = FS_LOG_QUIET;
            break;
        case OPT_BENCHMARK:
            bench = optarg;
            break;
        case OPT_TAILORING:
            tailoring = optarg;
            break;
        case OPT_OUTPUT_MODE:
            if (fs_output_mode_parse(optarg, &mode) != FS_OK)
                return usage_error("--output-mode is not an octal file mode readable by its "
                                   "owner, without world-write or execute bits",
                                   optarg);
            break;
        case OPT_DB:
            db = optarg;
            break;
        case OPT_RUN:
        case OPT_LATEST:
            if (run)
                return usage_error("give one of --run ID and --latest", NULL);
            run = c == OPT_LATEST ? "latest" : optarg;
            break;
        default:
            return FS_EXIT_USAGE;
        }
    }
    if (db && (!run || optind != argc))
        return usage_error("with --db, give --run ID or --latest and no RESULTS.json", NULL);
    if (!db && run)
        return usage_error("--run and --latest read the history store: add --db PATH|URL", NULL);
    if (!db && optind != argc - 1)
        return usage_error("give exactly one RESULTS.json (floorscan report RESULTS.json -f "
                           "FORMATS -o DIR)",
                           NULL);
    int rc = fs_cli_report_formats("report", formats, writers, &nwriters);
    if (rc)
        return rc;
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_loaded *l = NULL;
    struct stored st = {0};
    bool written[FS_FORMATS_MAX];
    if ((db ? load_stored(db, run, bench, tailoring, &l, &st, &err)
            : fs_report_load(&l, argv[optind], bench, tailoring, &err)) != FS_OK) {
        char *p = fs_printable_dup(fs_buf_cstr(&err));
        fprintf(stderr, "floorscan report: %s\n", p ? p : "cannot read the results");
        free(p);
        rc = FS_EXIT_USAGE;
        goto out;
    }
    rc = fs_cli_report_write("report", &l->report, outdir, mode, writers, written, nwriters,
                             fs_log_level != FS_LOG_QUIET);
out:
    fs_loaded_free(l);
    fs_drift_free(st.drift);
    fs_buf_dispose(&err);
    return rc;
}
