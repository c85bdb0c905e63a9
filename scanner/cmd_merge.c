/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan merge: results.json files (the shards of one fleet run, or separate scans of the
 * same benchmark) joined into one fleet result and written in every format asked for. */
#include "cli.h"
#include "summary.h"
#include "../reports/load.h"
#include "../reports/merge.h"
#include "../reports/report.h"
#include "core/err.h"
#include "core/limits.h"
#include "core/util.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_BENCHMARK = 256, OPT_TAILORING, OPT_OUTPUT_MODE, OPT_FAIL_UNDER, OPT_FAIL_ON };

struct merge_args {
    const char *formats, *outdir, *bench, *tailoring;
    mode_t mode;
    bool gate_given; /* --fail-under or --fail-on: the merged result's gate, both members */
    bool has_fail_under;
    double fail_under;
    const char *fail_on;
};

static int bad(const char *msg, const char *arg)
{
    char *p = fs_printable_dup(arg ? arg : "");
    fprintf(stderr, "floorscan merge: %s%s%s\n", msg, arg ? ": " : "", p ? p : "");
    free(p);
    return FS_EXIT_USAGE;
}

static bool severity_known(const char *s)
{
    for (int sev = FS_SEV_INFO; sev <= FS_SEV_HIGH; sev++)
        if (strcmp(s, fs_severity_name((enum fs_severity)sev)) == 0)
            return true;
    return false;
}

static int parse_args(int argc, char **argv, struct merge_args *a)
{
    static const struct option longopts[] = {
        {"formats", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"benchmark", required_argument, NULL, OPT_BENCHMARK},
        {"tailoring", required_argument, NULL, OPT_TAILORING},
        {"output-mode", required_argument, NULL, OPT_OUTPUT_MODE},
        {"fail-under", required_argument, NULL, OPT_FAIL_UNDER},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:q", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            a->formats = optarg;
            break;
        case 'o':
            a->outdir = optarg;
            break;
        case 'q':
            fs_log_level = FS_LOG_QUIET;
            break;
        case OPT_BENCHMARK:
            a->bench = optarg;
            break;
        case OPT_TAILORING:
            a->tailoring = optarg;
            break;
        case OPT_OUTPUT_MODE:
            if (fs_output_mode_parse(optarg, &a->mode) != FS_OK)
                return bad("--output-mode is not an octal file mode readable by its owner, "
                           "without world-write or execute bits",
                           optarg);
            break;
        case OPT_FAIL_UNDER: {
            char *end;
            errno = 0;
            a->fail_under = strtod(optarg, &end);
            if (errno || end == optarg || *end || !isfinite(a->fail_under) || a->fail_under < 0 ||
                a->fail_under > 100)
                return bad("--fail-under is not a score in 0-100", optarg);
            a->has_fail_under = a->gate_given = true;
            break;
        }
        case OPT_FAIL_ON:
            if (!severity_known(optarg))
                return bad("--fail-on is not one of info, low, medium, high", optarg);
            a->fail_on = optarg;
            a->gate_given = true;
            break;
        default:
            return FS_EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return bad("give the RESULTS.json files to merge (floorscan merge A.json B.json... -o DIR)",
                   NULL);
    return FS_EXIT_OK;
}

/* Reads each input and loads it as `floorscan report` would (benchmark and tailoring by path
 * and digest, every host, result, waiver and score checked), so a broken or foreign file is
 * named with the place and reason before anything is merged. */
static int read_inputs(char **paths, size_t n, const struct merge_args *a,
                       struct fs_merge_input *in, struct fs_buf *err)
{
    for (size_t i = 0; i < n; i++) {
        struct fs_loaded *l = NULL;
        in[i].name = paths[i];
        if (!(in[i].doc = fs_report_read_json(paths[i], err)))
            return FS_ERR_PARSE;
        int rc = fs_report_load_doc(&l, in[i].doc, paths[i], a->bench, a->tailoring, err);
        fs_loaded_free(l);
        if (rc)
            return rc;
    }
    return FS_OK;
}

/* The gate given to merge, in place of the one the inputs recorded. */
static int set_gate(json_t *doc, const struct merge_args *a)
{
    json_t *g = json_pack("{s:o, s:o}", "fail_under",
                          a->has_fail_under ? json_real(a->fail_under) : json_null(), "fail_on",
                          a->fail_on ? json_string(a->fail_on) : json_null());
    return g && json_object_set_new(doc, "gate", g) == 0 ? FS_OK : FS_ERR_NOMEM;
}

static void print_error(const struct fs_buf *err)
{
    char *p = fs_printable_dup(fs_buf_cstr(err));
    fprintf(stderr, "floorscan merge: %s\n", p && *p ? p : "out of memory");
    free(p);
}

int fs_cmd_merge(int argc, char **argv)
{
    struct merge_args a = {
        .formats = "json,html", .outdir = "floorscan-results", .mode = FS_OUTPUT_MODE_DEFAULT};
    const struct fs_report_writer *writers[FS_FORMATS_MAX];
    bool written[FS_FORMATS_MAX];
    size_t nwriters = 0, n = 0;
    struct fs_merge_input *in = NULL;
    struct fs_loaded *l = NULL;
    json_t *merged = NULL;
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    int rc = parse_args(argc, argv, &a);
    if (rc || (rc = fs_cli_report_formats("merge", a.formats, writers, &nwriters)))
        goto out;
    n = (size_t)(argc - optind);
    if (!(in = calloc(n, sizeof *in))) {
        rc = bad("out of memory", NULL);
        goto out;
    }
    if (read_inputs(argv + optind, n, &a, in, &err) != FS_OK ||
        fs_results_merge(in, n, a.gate_given, &merged, &err) != FS_OK ||
        (a.gate_given && set_gate(merged, &a) != FS_OK)) {
        print_error(&err);
        rc = FS_EXIT_USAGE;
        goto out;
    }
    /* the joined document through the same reader: one benchmark, every host and waiver
     * count checked again as a whole */
    fs_buf_reset(&err);
    if (fs_report_load_doc(&l, merged, "the merged results", a.bench, a.tailoring, &err) != FS_OK) {
        print_error(&err);
        rc = FS_EXIT_USAGE;
        goto out;
    }
    int wr = fs_cli_report_write("merge", &l->report, a.outdir, a.mode, writers, written, nwriters,
                                 false);
    if (wr == FS_EXIT_USAGE) {
        rc = wr;
        goto out;
    }
    if (fs_log_level != FS_LOG_QUIET)
        fs_summary_print(stdout, &l->report, fs_summary_colour(STDOUT_FILENO), a.outdir, writers,
                         written, nwriters, NULL);
    rc = fs_cli_exit_status(&l->report);
    /* a report that cannot be written is exit 3, as in scan, and takes precedence over 1 */
    if (wr != FS_EXIT_OK && (rc == FS_EXIT_OK || rc == FS_EXIT_GATE))
        rc = FS_EXIT_NOT_SCANNED;
out:
    fs_loaded_free(l);
    json_decref(merged);
    for (size_t i = 0; in && i < n; i++)
        json_decref(in[i].doc);
    free(in);
    fs_buf_dispose(&err);
    return rc;
}
