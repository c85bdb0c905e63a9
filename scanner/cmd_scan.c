/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan scan: inventory in, scored reports out, exit status per the contract. */
#include "cli.h"
#include "../reports/bundle.h"
#include "../reports/report.h"
#include "core/contract.h"
#include "core/err.h"
#include "core/limits.h"
#include "core/sign.h"
#include "core/util.h"
#include "engine/benchmark.h"
#include "collect/script.h"
#include "inventory/inventory.h"
#include "inventory/proxy_jump.h"
#include "inventory/shard.h"
#include "orchestrate/scan.h"
#include "progress.h"
#include "run_meta.h"
#include "scan_history.h"
#include "summary.h"
#include "transport/jump.h"
#include "zones/fleet.h"
#include "zones/site.h"
#include "waivers/waivers.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct scan_args {
    const char *inventory, *profile, *limit, *outdir, *formats, *benchmark;
    const char *known_hosts, *identity, *tailoring, *waivers;
    const char *jump;  /* --jump [user@]host[:port]: hosts without their own ProxyJump */
    const char *zones; /* --zones FILE: the site model (zones and conduits) */
    int waiver_warn_days;
    bool accept_new;
    int jobs, timeout, connect_timeout, fact_timeout;
    int auth_timeout, collect_timeout; /* collect 0: --timeout's */
    enum fs_progress_mode progress;
    bool progress_given;                     /* --progress: shown even with --quiet */
    enum fs_device_priority device_priority; /* --device-priority low|normal */
    bool has_fail_under;
    double fail_under;
    int fail_on; /* enum fs_severity, 0 = off */
    mode_t output_mode;
    const struct fs_report_writer *writers[FS_FORMATS_MAX];
    size_t nwriters;
    bool written[FS_FORMATS_MAX]; /* per writer: the file is in place */
    bool bundle;                  /* -f bundle or --bundle */
    const char *bundle_tar;       /* --bundle FILE.tar */
    const char *sign_key;         /* --sign-key KEY.pem */
    const char *db;               /* --db PATH|URL (NULL: the default store) */
    bool no_db;                   /* --no-db */
    const char *run_label;        /* --run-label LABEL: shards of one fleet run share it */
    struct fs_shard shard;        /* --shard K/N (n 0: all hosts) */
};

static int bad(const char *fmt, const char *arg) __attribute__((format(printf, 1, 0)));

/* The argument shown as printable text: an option value can hold a terminal escape. */
static int bad(const char *fmt, const char *arg)
{
    char *p = fs_printable_dup(arg ? arg : "");
    fprintf(stderr, "floorscan scan: ");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    fprintf(stderr, fmt, p ? p : "?");
#pragma GCC diagnostic pop
    fputc('\n', stderr);
    free(p);
    return FS_EXIT_USAGE;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    long v;
    if (!fs_parse_long(s, &v) || v < lo || v > hi)
        return FS_ERR_INVAL;
    *out = (int)v;
    return FS_OK;
}

/* The enum fs_severity named s (FS_ERR_INVAL for another word). */
static int parse_severity(const char *s, int *out)
{
    static const char *const names[] = {"info", "low", "medium", "high"};
    static_assert(sizeof names / sizeof names[0] == FS_SEV_HIGH - FS_SEV_INFO + 1,
                  "a name for every severity from info to high");
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = FS_SEV_INFO + i;
            return FS_OK;
        }
    }
    return FS_ERR_INVAL;
}

static int parse_formats(struct scan_args *a)
{
    char *copy = strdup(a->formats), *save = NULL;
    int rc = FS_EXIT_OK;
    if (!copy)
        return FS_EXIT_USAGE;
    for (char *f = strtok_r(copy, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
        const struct fs_report_writer *w = fs_report_writer_find(f);
        if (strcmp(f, "bundle") == 0) {
            a->bundle = true; /* written after every other format, by reports/bundle.c */
            continue;
        }
        if (!fs_report_format_known(f)) {
            rc = bad("unknown format '%s' (json, html, xccdf, arf, junit, csv, dot, bundle)", f);
            break;
        }
        if (!w) {
            fs_log(FS_LOG_INFO,
                   "floorscan scan: format '%s' is not available in this version; "
                   "skipped",
                   f);
            continue;
        }
        bool dup = false;
        for (size_t i = 0; i < a->nwriters; i++)
            dup |= a->writers[i] == w;
        if (!dup && a->nwriters < FS_FORMATS_MAX)
            a->writers[a->nwriters++] = w;
    }
    free(copy);
    return rc;
}

enum {
    OPT_WAIVERS = 256,
    OPT_FAIL_UNDER,
    OPT_FAIL_ON,
    OPT_KNOWN_HOSTS,
    OPT_IDENTITY,
    OPT_TAILORING,
    OPT_HOST_KEY_POLICY,
    OPT_TIMEOUT,
    OPT_CONNECT_TIMEOUT,
    OPT_FACT_TIMEOUT,
    OPT_QUIET,
    OPT_VERBOSE,
    OPT_BENCHMARK,
    OPT_OUTPUT_MODE,
    OPT_WAIVER_WARN_DAYS,
    OPT_SIGN_KEY,
    OPT_BUNDLE,
    OPT_DB,
    OPT_NO_DB,
    OPT_RUN_LABEL,
    OPT_SHARD,
    OPT_JUMP,
    OPT_AUTH_TIMEOUT,
    OPT_COLLECT_TIMEOUT,
    OPT_PROGRESS,
    OPT_DEVICE_PRIORITY,
    OPT_ZONES
};

static int parse_args(int argc, char **argv, struct scan_args *a)
{
    static const struct option longopts[] = {
        {"inventory", required_argument, NULL, 'i'},
        {"profile", required_argument, NULL, 'p'},
        {"limit", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        {"formats", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"waivers", required_argument, NULL, OPT_WAIVERS},
        {"waiver-warn-days", required_argument, NULL, OPT_WAIVER_WARN_DAYS},
        {"fail-under", required_argument, NULL, OPT_FAIL_UNDER},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"known-hosts", required_argument, NULL, OPT_KNOWN_HOSTS},
        {"identity", required_argument, NULL, OPT_IDENTITY},
        {"tailoring", required_argument, NULL, OPT_TAILORING},
        {"host-key-policy", required_argument, NULL, OPT_HOST_KEY_POLICY},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"fact-timeout", required_argument, NULL, OPT_FACT_TIMEOUT},
        {"device-priority", required_argument, NULL, OPT_DEVICE_PRIORITY},
        {"connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT},
        {"auth-timeout", required_argument, NULL, OPT_AUTH_TIMEOUT},
        {"collect-timeout", required_argument, NULL, OPT_COLLECT_TIMEOUT},
        {"progress", required_argument, NULL, OPT_PROGRESS},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"verbose", no_argument, NULL, OPT_VERBOSE},
        {"benchmark", required_argument, NULL, OPT_BENCHMARK},
        {"output-mode", required_argument, NULL, OPT_OUTPUT_MODE},
        {"sign-key", required_argument, NULL, OPT_SIGN_KEY},
        {"bundle", required_argument, NULL, OPT_BUNDLE},
        {"db", required_argument, NULL, OPT_DB},
        {"no-db", no_argument, NULL, OPT_NO_DB},
        {"run-label", required_argument, NULL, OPT_RUN_LABEL},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"jump", required_argument, NULL, OPT_JUMP},
        {"zones", required_argument, NULL, OPT_ZONES},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:p:l:o:f:j:qv", longopts, NULL)) != -1) {
        switch (c) {
        case 'i':
            a->inventory = optarg;
            break;
        case 'p':
            a->profile = optarg;
            break;
        case 'l':
            a->limit = optarg;
            break;
        case 'o':
            a->outdir = optarg;
            break;
        case 'f':
            a->formats = optarg;
            break;
        case 'j':
            if (parse_int(optarg, 1, 512, &a->jobs))
                return bad("-j '%s' is not a number of jobs in 1-512", optarg);
            break;
        case OPT_FAIL_UNDER: {
            char *end;
            errno = 0;
            a->fail_under = strtod(optarg, &end);
            if (errno || *end || a->fail_under < 0 || a->fail_under > 100)
                return bad("--fail-under '%s' is not a score in 0-100", optarg);
            a->has_fail_under = true;
            break;
        }
        case OPT_FAIL_ON:
            if (parse_severity(optarg, &a->fail_on) != FS_OK)
                return bad("--fail-on '%s' is not one of info, low, medium, high", optarg);
            break;
        case OPT_KNOWN_HOSTS:
            a->known_hosts = optarg;
            break;
        case OPT_IDENTITY:
            a->identity = optarg;
            break;
        case OPT_HOST_KEY_POLICY:
            if (strcmp(optarg, "strict") == 0)
                a->accept_new = false;
            else if (strcmp(optarg, "accept-new") == 0)
                a->accept_new = true;
            else
                return bad("--host-key-policy '%s' is not strict or accept-new", optarg);
            break;
        case OPT_TIMEOUT:
            if (parse_int(optarg, 1, 86400, &a->timeout))
                return bad("--timeout '%s' is not a number of seconds in 1-86400", optarg);
            break;
        case OPT_FACT_TIMEOUT:
            if (parse_int(optarg, 0, 86400, &a->fact_timeout))
                return bad("--fact-timeout '%s' is not a number of seconds in 0-86400 (0: none)",
                           optarg);
            break;
        case OPT_DEVICE_PRIORITY:
            if (fs_device_priority_parse(optarg, &a->device_priority) != FS_OK)
                return bad("--device-priority '%s' is not low or normal", optarg);
            break;
        case OPT_CONNECT_TIMEOUT:
            if (parse_int(optarg, 1, 3600, &a->connect_timeout))
                return bad("--connect-timeout '%s' is not a number of seconds in 1-3600", optarg);
            break;
        case OPT_AUTH_TIMEOUT:
            if (parse_int(optarg, 1, 3600, &a->auth_timeout))
                return bad("--auth-timeout '%s' is not a number of seconds in 1-3600", optarg);
            break;
        case OPT_COLLECT_TIMEOUT:
            if (parse_int(optarg, 1, 86400, &a->collect_timeout))
                return bad("--collect-timeout '%s' is not a number of seconds in 1-86400", optarg);
            break;
        case OPT_PROGRESS:
            if (fs_progress_mode_parse(optarg, &a->progress) != FS_OK)
                return bad("--progress '%s' is not auto, tty, lines, json or none", optarg);
            a->progress_given = true;
            break;
        case OPT_WAIVERS:
            a->waivers = optarg;
            break;
        case OPT_WAIVER_WARN_DAYS:
            if (parse_int(optarg, 0, 3650, &a->waiver_warn_days))
                return bad("--waiver-warn-days '%s' is not a number of days in 0-3650", optarg);
            break;
        case OPT_TAILORING:
            a->tailoring = optarg;
            break;
        case 'q':
        case OPT_QUIET:
            fs_log_level = FS_LOG_QUIET;
            break;
        case 'v':
        case OPT_VERBOSE:
            fs_log_level = FS_LOG_VERBOSE;
            break;
        case OPT_BENCHMARK:
            a->benchmark = optarg;
            break;
        case OPT_OUTPUT_MODE:
            if (fs_output_mode_parse(optarg, &a->output_mode) != FS_OK)
                return bad("--output-mode '%s' is not an octal file mode readable by its owner, "
                           "without world-write or execute bits (e.g. 0600, 0640, 0644)",
                           optarg);
            break;
        case OPT_SIGN_KEY:
            a->sign_key = optarg;
            break;
        case OPT_BUNDLE:
            a->bundle_tar = optarg;
            a->bundle = true;
            break;
        case OPT_DB:
            if (!*optarg)
                return bad("--db '%s' is empty: give a file or a postgresql:// URL", optarg);
            a->db = optarg;
            break;
        case OPT_NO_DB:
            a->no_db = true;
            break;
        case OPT_RUN_LABEL:
            if (!fs_run_label_valid(optarg))
                return bad("--run-label '%s' is not " FS_RUN_LABEL_RULE, optarg);
            a->run_label = optarg;
            break;
        case OPT_SHARD: {
            char why[256];
            if (fs_shard_parse(optarg, &a->shard, why, sizeof why) != FS_OK)
                return bad("%s", why);
            break;
        }
        case OPT_JUMP: { /* checked here; applied to the inventory once it is loaded */
            struct fs_jump_spec j;
            char why[160];
            if (fs_jump_spec_parse(optarg, &j, why, sizeof why) != FS_OK) {
                char *v = fs_printable_dup(optarg);
                fprintf(stderr, "floorscan scan: --jump '%s' is not [user@]host[:port]: %s\n",
                        v ? v : "", why);
                free(v);
                return FS_EXIT_USAGE;
            }
            a->jump = optarg;
            break;
        }
        case OPT_ZONES:
            a->zones = optarg;
            break;
        default:
            return FS_EXIT_USAGE;
        }
    }
    int rc = parse_formats(a);
    const char *needs = rc ? NULL : fs_report_writers_need_site(a->writers, a->nwriters, a->zones);
    if (needs)
        rc = bad("-f %s needs --zones (a site model to draw)", needs);
    if (!rc && a->shard.n && !a->run_label && !a->no_db)
        fprintf(stderr, "floorscan scan: warning: --shard without --run-label: this shard is "
                        "stored as a fleet run of its own (give the shards one --run-label)\n");
    if (!rc && a->no_db && (a->db || a->run_label))
        return bad("%s: --no-db stores nothing", a->db ? "--db" : "--run-label");
    if (!rc && a->sign_key && !a->bundle)
        return bad("--sign-key %s signs an evidence bundle: add -f bundle or --bundle FILE.tar",
                   a->sign_key);
    return rc;
}

static int build_inventory(int argc, char **argv, const struct scan_args *a,
                           struct fs_inventory **out)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_inventory *inv = NULL;
    int rc = FS_EXIT_OK;
    if (a->inventory) {
        if (fs_inventory_load(&inv, a->inventory, &err) != FS_OK) {
            fprintf(stderr, "floorscan: %s\n", fs_buf_cstr(&err));
            rc = FS_EXIT_USAGE;
            goto out;
        }
    } else if (fs_inventory_new(&inv) != FS_OK) {
        rc = FS_EXIT_USAGE;
        goto out;
    }
    for (int i = optind; i < argc; i++) {
        if (fs_inventory_find(inv, argv[i])) {
            continue; /* already in the inventory */
        }
        if (fs_inventory_add_target(inv, argv[i], &err) != FS_OK) {
            fprintf(stderr, "floorscan scan: %s\n", fs_buf_cstr(&err));
            rc = FS_EXIT_USAGE;
            goto out;
        }
    }
    if (inv->n == 0) {
        fprintf(stderr, "floorscan scan: nothing to scan: give targets or -i INVENTORY\n");
        rc = FS_EXIT_USAGE;
        goto out;
    }
out:
    fs_buf_dispose(&err);
    if (rc) {
        fs_inventory_free(inv);
        inv = NULL;
    }
    *out = inv;
    return rc;
}

/* mkdir -p: FS_ERR_IO with errno set when a component cannot be made. */
static int make_dir(const char *path)
{
    int rc = FS_OK;
    char *tmp = strdup(path); /* any length: a long path is the file system's to refuse */
    if (!tmp) {
        errno = ENOMEM;
        return FS_ERR_NOMEM;
    }
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0755) != 0 && errno != EEXIST) {
            rc = FS_ERR_IO;
            goto out;
        }
        *p = '/';
    }
    if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
        rc = FS_ERR_IO;
out:
    free(tmp);
    return rc;
}

/* The waiver register, checked against the whole inventory (a -l limit does not make a waiver
 * for another host invalid) and the benchmark before any host is contacted. */
static int load_waivers(const struct scan_args *a, const struct fs_benchmark *b,
                        const struct fs_inventory *inv, struct fs_waivers **out)
{
    struct fs_buf err;
    int rc = FS_EXIT_OK;
    *out = NULL;
    if (!a->waivers)
        return FS_EXIT_OK;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    if (fs_waivers_load(out, a->waivers, b, inv, &err) != FS_OK) {
        fprintf(stderr, "floorscan scan: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
    }
    fs_buf_dispose(&err);
    return rc;
}

/* Printed with --quiet too: --quiet leaves the final summary and errors. */
static void print_summary(const struct fs_report *r, const struct scan_args *a,
                          const struct fs_summary_bundle *bundle)
{
    fs_summary_print(stdout, r, fs_summary_colour(STDOUT_FILENO), a->outdir, a->writers, a->written,
                     a->nwriters, bundle);
}

/* The evidence bundle, after every other format: copies of the files this run wrote. */
static int write_bundle(const struct fs_report *r, const struct scan_args *a,
                        const struct fs_outdir *dir, struct evp_pkey_st *key,
                        const struct fs_inventory *inv, const char *inv_sha256,
                        char hex[FS_SHA256_HEX])
{
    const char *files[FS_FORMATS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < a->nwriters; i++)
        if (a->written[i])
            files[n++] = a->writers[i]->file;
    struct fs_bundle_opts bo = {.dir = dir,
                                .files = files,
                                .nfiles = n,
                                .tar = a->bundle_tar,
                                .key = key,
                                .argc = fs_cli_argc,
                                .argv = fs_cli_argv,
                                .inventory = inv->path};
    memcpy(bo.inventory_sha256, inv_sha256, FS_SHA256_HEX);
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    int rc = fs_bundle_write(r, &bo, hex, &err);
    if (rc)
        fprintf(stderr, "floorscan: %s\n", fs_buf_cstr(&err));
    fs_sign_key_free(key);
    fs_buf_dispose(&err);
    return rc;
}

/* The first SIGINT or SIGTERM of the scan: its number (the scan stops starting hosts). */
static volatile sig_atomic_t interrupted;

/* Async-signal-safe only: the first signal sets the flag; a second one exits at once. Files
 * are written under a temporary name and renamed, and the signals are held while they are
 * written (see fs_cmd_scan), so no file is ever left half-written. */
static void on_signal(int sig)
{
    if (interrupted) {
        static const char msg[] = "\nfloorscan: interrupted again: exiting at once\n";
        ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
        (void)w; /* nothing to do about a failed write here */
        _exit(FS_EXIT_INTERRUPTED);
    }
    interrupted = sig;
}

struct signals {
    struct sigaction intr, term;
};

static void catch_signals(struct signals *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old->intr);
    sigaction(SIGTERM, &sa, &old->term);
}

static void restore_signals(const struct signals *old)
{
    sigaction(SIGINT, &old->intr, NULL);
    sigaction(SIGTERM, &old->term, NULL);
}

/* Holds (or lets through again) SIGINT and SIGTERM while results are stored and written. */
static void hold_signals(bool hold)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* An interrupted scan that left hosts not scanned: the run is marked incomplete. */
static void mark_incomplete(struct fs_report *rep)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->n; i++)
        n += rep->hosts[i].status == FS_HOST_NOT_SCANNED;
    if (!interrupted || !n)
        return;
    rep->incomplete = true;
    snprintf(rep->incomplete_reason, sizeof rep->incomplete_reason,
             "interrupted (%s), %zu host%s not scanned",
             interrupted == SIGTERM ? "SIGTERM" : "SIGINT", n, n == 1 ? "" : "s");
}

int fs_cmd_scan(int argc, char **argv)
{
    struct scan_args a = {.outdir = "floorscan-results",
                          .formats = "json,html",
                          .output_mode = FS_OUTPUT_MODE_DEFAULT,
                          .jobs = 16,
                          .timeout = 300,
                          .connect_timeout = 10,
                          .auth_timeout = 30,
                          .fact_timeout = FS_FACT_TIMEOUT_S,
                          .waiver_warn_days = FS_WAIVER_WARN_DAYS};
    struct fs_inventory *inv = NULL;
    struct fs_benchmark *b = NULL;
    struct fs_host_result *results = NULL;
    struct fs_waivers *waivers = NULL;
    struct fs_outdir dir = {.fd = -1};
    struct fs_report rep = {0};
    struct evp_pkey_st *key = NULL;
    struct fs_scan_history hist = {0}; /* disposable as it is, before fs_scan_history_open */
    struct fs_jumps *jumps = NULL;
    struct fs_site *site = NULL;
    struct fs_fleet *fleet = NULL;
    int fr = FS_OK;
    struct fs_progress *progress = NULL;
    const char **names = NULL; /* the hosts' names, for the progress display */
    struct signals old_signals;
    bool caught = false;
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    int rc = parse_args(argc, argv, &a);
    if (rc)
        goto out;
    /* a key that cannot sign is found before any host is scanned, not after */
    if (a.sign_key && fs_sign_key_load(a.sign_key, &key, &err) != FS_OK) {
        fprintf(stderr, "floorscan scan: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    if ((rc = build_inventory(argc, argv, &a, &inv)))
        goto out;
    if (a.jump && fs_inventory_set_jump(inv, a.jump, &err) != FS_OK) {
        fprintf(stderr, "floorscan scan: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    /* the site model before any host is contacted: an invalid one is exit 2 */
    if (a.zones && fs_site_load(&site, a.zones, &err) != FS_OK) {
        fprintf(stderr, "floorscan scan: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    /* the inventory as loaded, for the bundle's run.json ("" when it cannot be read again) */
    char inv_sha256[FS_SHA256_HEX] = "";
    if (a.bundle && inv->path && fs_sha256_file(inv->path, inv_sha256) != FS_OK)
        inv_sha256[0] = '\0';
    /* by absolute path and digest: results.json names the files `floorscan report` reloads */
    if ((rc = fs_cli_load_benchmark(fs_cli_benchmark_path(a.benchmark), a.tailoring, &b,
                                    rep.benchmark_sha256, rep.tailoring_sha256)))
        goto out;
    b->site = site;
    rep.site = site;
    if (a.profile && !fs_benchmark_profile(b, a.profile)) {
        fprintf(stderr, "floorscan scan: no profile '%s' in %s (see floorscan profiles)\n",
                a.profile, b->path);
        rc = FS_EXIT_USAGE;
        goto out;
    }
    if ((rc = load_waivers(&a, b, inv, &waivers)))
        goto out;
    if (a.limit && fs_inventory_limit(inv, a.limit, &err) != FS_OK) {
        fprintf(stderr, "floorscan scan: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    size_t all = inv->n; /* after -l: the shards split what -l selected */
    if (a.shard.n && fs_inventory_shard(inv, &a.shard) != FS_OK) {
        rc = FS_EXIT_USAGE;
        goto out;
    }
    /* An empty shard is nothing wrong: its results (no hosts) are written all the same, so
     * that the directory holds this run's and not an earlier one's, and a merge of every
     * shard's results finds each. */
    if (inv->n == 0)
        fprintf(stderr, "floorscan scan: shard %u/%u holds none of the %zu hosts\n", a.shard.k,
                a.shard.n, all);
    for (size_t i = 0; i < inv->n; i++) {
        if (!fs_scan_profile_for(b, &inv->hosts[i], a.profile)) {
            fprintf(stderr, "floorscan scan: %s has no baseline profile for host %s\n", b->path,
                    inv->hosts[i].name);
            rc = FS_EXIT_USAGE;
            goto out;
        }
    }
    if (make_dir(a.outdir) != FS_OK) {
        fprintf(stderr, "floorscan scan: cannot create output directory %s: %s\n", a.outdir,
                strerror(errno));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    /* Checked before the scan and held open to the last write: a directory others can swap
     * files in is refused before any host is touched. */
    fs_buf_reset(&err);
    if (fs_outdir_open(&dir, a.outdir, a.output_mode, &err) != FS_OK) {
        fprintf(stderr, "floorscan scan: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    if (a.bundle && fs_bundle_check(&dir, a.bundle_tar, a.output_mode, &err) != FS_OK) {
        fprintf(stderr, "floorscan scan: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    /* The history store, opened before any host is contacted; one that cannot be used does
     * not stop the scan (the reports are written and the summary says why). */
    fs_scan_history_open(&hist, a.db, a.no_db);
    if (hist.enabled && !hist.store)
        fs_scan_history_warn(&hist, stderr,
                             "floorscan scan: warning: history will not be stored: ");
    results = calloc(inv->n ? inv->n : 1, sizeof *results);
    if (!results) {
        rc = FS_EXIT_USAGE;
        goto out;
    }
    struct fs_scan_opts so = {
        .run = {.known_hosts = a.known_hosts,
                .identity = a.identity,
                .accept_new = a.accept_new,
                .connect_timeout_s = a.connect_timeout,
                .auth_timeout_s = a.auth_timeout,
                .collect_timeout_s = a.collect_timeout ? a.collect_timeout : a.timeout,
                .timeout_s = a.timeout,
                .max_output = FS_HOST_OUTPUT_MAX},
        .jobs = a.jobs,
        .fact_timeout_s = a.fact_timeout,
        .device_priority = a.device_priority,
        .profile = a.profile,
        .keep_raw = a.bundle,
        .interrupt = &interrupted,
        .grace_s = FS_INTERRUPT_GRACE_S};
    /* --quiet: no progress, unless --progress asks for it */
    if (a.progress_given || fs_log_level > FS_LOG_QUIET) {
        names = calloc(inv->n ? inv->n : 1, sizeof *names);
        for (size_t i = 0; names && i < inv->n; i++)
            names[i] = inv->hosts[i].name;
        /* no memory for it: a scan without progress */
        progress = names ? fs_progress_new(a.progress, stderr, inv->n,
                                           a.jobs < (int)inv->n ? a.jobs : (int)inv->n, names)
                         : NULL;
        so.progress = progress;
    }
    rep.benchmark = b;
    rep.hosts = results;
    rep.n = inv->n;
    rep.has_fail_under = a.has_fail_under;
    rep.fail_under = a.fail_under;
    rep.fail_on = a.fail_on;
    rep.profile = a.profile ? fs_benchmark_profile(b, a.profile)->id : NULL;
    time_t start = time(NULL);
    fs_rfc3339(start, rep.started, sizeof rep.started);
    /* expiry is judged on the scan's start day (UTC), whatever the clock says later */
    if (waivers)
        fs_waivers_judge(waivers, start, a.waiver_warn_days);
    so.waivers = waivers;
    /* One session per bastion, shared by the hosts behind it, closed when the scan ends
     * (without memory for it, each host behind a bastion opens its own). */
    if (fs_jumps_new(&jumps) != FS_OK)
        jumps = NULL;
    so.run.jumps = jumps;
    interrupted = 0;
    catch_signals(&old_signals);
    caught = true;
    int sr = fs_scan_fleet(b, inv, &so, results);
    /* every worker has returned: the bastion sessions can go */
    fs_jumps_free(jumps);
    jumps = NULL;
    /* from here to the last file written a signal waits: a second one then exits at once */
    hold_signals(true);
    fs_progress_free(progress);
    progress = NULL;
    fs_rfc3339(time(NULL), rep.finished, sizeof rep.finished);
    mark_incomplete(&rep);
    /* applied to each host as it finished (fs_scan_opts.waivers), counted from the judging */
    rep.waivers = waivers;
    if (sr != FS_OK)
        fprintf(stderr, "floorscan scan: internal error during the scan: %s\n", fs_strerror(sr));
    /* the zones and conduits: every host's flows against the site model, in every format */
    if (site && (fr = fs_fleet_analyse(site, results, inv->n, &fleet)) != FS_OK) {
        fprintf(stderr, "floorscan scan: the fleet analysis failed: %s\n", fs_strerror(fr));
        fleet = NULL;
    }
    rep.fleet = fleet;
    /* stored before the reports are written: results.json carries failing since and the run */
    char shard[48] = "";
    if (a.shard.n)
        snprintf(shard, sizeof shard, "%u/%u", a.shard.k, a.shard.n);
    fs_scan_history_record(&hist, &rep, results, a.run_label, a.shard.n ? shard : NULL,
                           waivers ? waivers->sha256 : NULL);
    if (hist.store && !hist.stored)
        fs_scan_history_warn(&hist, stderr, "floorscan scan: warning: history not stored: ");
    bool write_failed = false;
    for (size_t i = 0; i < a.nwriters; i++) {
        fs_buf_reset(&err);
        a.written[i] = a.writers[i]->write(&rep, &dir, a.writers[i]->file, &err) == FS_OK;
        if (!a.written[i]) {
            fprintf(stderr, "floorscan: %s\n", fs_buf_cstr(&err));
            write_failed = true;
        }
    }
    char manifest[FS_SHA256_HEX] = "";
    struct fs_summary_bundle sb = {.path = a.bundle_tar, .outdir = a.outdir, .sha256 = manifest};
    if (a.bundle) {
        sb.failed = write_bundle(&rep, &a, &dir, key, inv, inv_sha256, manifest) != FS_OK;
        write_failed |= sb.failed;
    }
    hold_signals(false); /* a second signal held meanwhile exits here */
    print_summary(&rep, &a, a.bundle ? &sb : NULL);
    fs_scan_history_print(&hist, stdout);
    rc = fs_cli_exit_status(&rep);
    /* A report that cannot be written is exit 3, like a host that could not be scanned, and
     * takes precedence over a failed gate (not over an interrupted run: exit 4). */
    if ((write_failed || sr != FS_OK || fr != FS_OK) && (rc == FS_EXIT_OK || rc == FS_EXIT_GATE))
        rc = FS_EXIT_NOT_SCANNED;
out:
    if (caught)
        restore_signals(&old_signals);
    fs_progress_free(progress);
    free(names);
    fs_scan_history_dispose(&hist);
    fs_outdir_dispose(&dir);
    if (results)
        for (size_t i = 0; inv && i < inv->n; i++)
            fs_host_result_dispose(&results[i]);
    free(results);
    fs_waivers_free(waivers);
    fs_fleet_free(fleet);
    fs_benchmark_free(b);
    fs_site_free(site);
    fs_inventory_free(inv);
    fs_buf_dispose(&err);
    return rc;
}
