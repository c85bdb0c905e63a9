/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan history: scores over time from the history store, `history verify` (the hash
 * chain) and `history import` (results made elsewhere). */
#include "cli.h"
#include "../reports/load.h"
#include "../store/store.h"
#include "core/err.h"
#include "core/limits.h"
#include "history.h"
#include "run_meta.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int usage(const char *cmd, const char *msg, const char *arg)
{
    char *p = arg ? fs_printable_dup(arg) : NULL;
    fprintf(stderr, "floorscan %s: %s%s%s\n", cmd, msg, arg ? ": " : "", p ? p : "");
    free(p);
    return FS_EXIT_USAGE;
}

/* Prints err (printable) after the command's name. */
static void say(const char *cmd, const char *what, const struct fs_buf *err)
{
    char *p = fs_printable_dup(fs_buf_cstr(err));
    fprintf(stderr, "floorscan %s: %s%s%s\n", cmd, what ? what : "", what ? ": " : "", p ? p : "");
    free(p);
}

/* The database to use: --db, else the default SQLite file (*where NULL then, path filled). */
static int store_where(const char *cmd, const char *db, char *path, size_t n)
{
    if (db)
        return FS_EXIT_OK;
    if (fs_store_default_path(path, n) != FS_OK) {
        fprintf(stderr,
                "floorscan %s: no history database: neither XDG_DATA_HOME nor HOME is set; "
                "give --db PATH\n",
                cmd);
        return FS_EXIT_USAGE;
    }
    return FS_EXIT_OK;
}

/* where NULL: the default store (made with its directory on first write). */
static int open_store(const char *cmd, const char *where, bool writable, struct fs_store **s)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    int rc = FS_EXIT_OK;
    if (fs_store_open(s, where, writable, &err) != FS_OK) {
        say(cmd, "cannot open the history database", &err);
        rc = FS_EXIT_USAGE;
        *s = NULL;
    }
    fs_buf_dispose(&err);
    return rc;
}

/* Whether where is an SQLite file that does not exist (reading it would create nothing). */
static bool sqlite_missing(const char *where)
{
    struct stat st;
    return !fs_db_is_pg(where) && stat(where, &st) != 0 && errno == ENOENT;
}

enum { OPT_SINCE = 256, OPT_BY, OPT_JSON, OPT_DB, OPT_BENCHMARK, OPT_TAILORING, OPT_LABEL };

static int history_verify(int argc, char **argv)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, OPT_DB},
                                             {NULL, 0, NULL, 0}};
    const char *db = NULL;
    char path[4096];
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c != OPT_DB)
            return FS_EXIT_USAGE;
        db = optarg;
    }
    if (optind != argc)
        return usage("history verify",
                     "unexpected argument (floorscan history verify [--db "
                     "PATH|URL])",
                     argv[optind]);
    int rc = store_where("history verify", db, path, sizeof path);
    const char *where = db ? db : path;
    if (rc)
        return rc;
    if (sqlite_missing(where)) {
        fprintf(stderr, "floorscan history verify: %s: no such history database\n", where);
        return FS_EXIT_USAGE;
    }
    struct fs_store *s = NULL;
    if ((rc = open_store("history verify", db, false, &s)))
        return rc;
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_verify_problem *pr = NULL;
    size_t npr = 0, nruns = 0;
    char head[FS_SHA256_HEX] = "";
    if (fs_store_verify(s, &pr, &npr, &nruns, head, &err) != FS_OK) {
        say("history verify", "cannot read the history database", &err);
        rc = FS_EXIT_USAGE;
    } else if (npr) {
        for (size_t i = 0; i < npr; i++) {
            char *what = fs_printable_dup(pr[i].what);
            printf("run %" PRId64 ": %s\n", pr[i].run_id, what ? what : "");
            free(what);
        }
        fprintf(stderr, "floorscan history verify: %zu problem%s in %s\n", npr, npr == 1 ? "" : "s",
                fs_db_display(s->db));
        rc = FS_EXIT_GATE;
    } else if (!nruns) {
        printf("0 runs, nothing to verify\n");
    } else {
        printf("%zu run%s, chain intact, head %s\n", nruns, nruns == 1 ? "" : "s", head);
    }
    free(pr);
    fs_buf_dispose(&err);
    fs_store_close(s);
    return rc;
}

struct import_opts {
    const char *db, *benchmark, *tailoring, *label;
};

/* Imports one file: FS_EXIT_OK stored, FS_EXIT_GATE already stored, FS_EXIT_USAGE bad. */
static int import_one(struct fs_store *s, const struct import_opts *o, const char *file,
                      const char *cmdline)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_loaded *l = NULL;
    int rc = FS_EXIT_OK, e;
    char *shown = fs_printable_dup(file);
    if (fs_report_load(&l, file, o->benchmark, o->tailoring, &err) != FS_OK) {
        say("history import", NULL, &err);
        fprintf(stderr, "floorscan history import: %s: not stored\n", shown ? shown : "");
        rc = FS_EXIT_USAGE;
        goto out;
    }
    if (fs_store_failing_since(s, l->hosts, l->report.n, l->report.started, &err) != FS_OK) {
        say("history import", shown, &err);
        rc = FS_EXIT_USAGE;
        goto out;
    }
    char *abs = realpath(file, NULL), op[256];
    fs_run_meta_operator(op, sizeof op);
    struct fs_run_meta m = {
        .label = o->label,
        .source = "import",
        .source_file = abs ? abs : file,
        .operator_name = op,
        .command_line = cmdline,
        .waivers_sha256 = l->waivers && l->waivers->sha256[0] ? l->waivers->sha256 : NULL,
    };
    struct fs_stored_run run;
    e = fs_store_save(s, &l->report, &m, &run, &err);
    free(abs);
    if (e == FS_ERR_INVAL) {
        char *why = fs_printable_dup(fs_buf_cstr(&err));
        fprintf(stderr, "floorscan history import: %s: not stored again: %s\n", shown ? shown : "",
                why ? why : "");
        free(why);
        rc = FS_EXIT_GATE;
    } else if (e != FS_OK) {
        say("history import", shown, &err);
        rc = FS_EXIT_USAGE;
    } else {
        char *label = fs_printable_dup(run.label);
        printf("stored %s as run %" PRId64 " (%s)\n", shown ? shown : "", run.id,
               label ? label : "");
        free(label);
    }
out:
    free(shown);
    fs_loaded_free(l);
    fs_buf_dispose(&err);
    return rc;
}

static int history_import(int argc, char **argv)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, OPT_DB},
                                             {"benchmark", required_argument, NULL, OPT_BENCHMARK},
                                             {"tailoring", required_argument, NULL, OPT_TAILORING},
                                             {"run-label", required_argument, NULL, OPT_LABEL},
                                             {NULL, 0, NULL, 0}};
    struct import_opts o = {0};
    char path[4096];
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            o.db = optarg;
            break;
        case OPT_BENCHMARK:
            o.benchmark = optarg;
            break;
        case OPT_TAILORING:
            o.tailoring = optarg;
            break;
        case OPT_LABEL:
            if (!fs_run_label_valid(optarg))
                return usage("history import", "--run-label is not " FS_RUN_LABEL_RULE, optarg);
            o.label = optarg;
            break;
        default:
            return FS_EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return usage("history import",
                     "give one or more results.json files (floorscan history import "
                     "RESULTS.json... [--db PATH|URL])",
                     NULL);
    int rc = store_where("history import", o.db, path, sizeof path);
    if (rc)
        return rc;
    struct fs_buf cmdline;
    fs_buf_init(&cmdline, FS_ERRBUF_MAX);
    struct fs_store *s = NULL;
    if (fs_run_meta_command_line(&cmdline) != FS_OK)
        fs_buf_reset(&cmdline); /* a command line beyond the cap is recorded as empty */
    if ((rc = open_store("history import", o.db, true, &s)))
        goto out;
    size_t dup = 0, bad = 0;
    for (int i = optind; i < argc; i++) {
        int r = import_one(s, &o, argv[i], fs_buf_cstr(&cmdline));
        dup += r == FS_EXIT_GATE;
        bad += r == FS_EXIT_USAGE;
    }
    size_t n = (size_t)(argc - optind);
    if (bad || dup)
        fprintf(stderr,
                "floorscan history import: %zu of %zu file%s stored; %zu already stored, %zu "
                "could not be stored\n",
                n - bad - dup, n, n == 1 ? "" : "s", dup, bad);
    rc = bad ? FS_EXIT_USAGE : dup ? FS_EXIT_GATE : FS_EXIT_OK;
out:
    fs_store_close(s);
    fs_buf_dispose(&cmdline);
    return rc;
}

static bool stdout_tty(void)
{
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) == 1 && !(term && strcmp(term, "dumb") == 0);
}

static int history_show(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"limit", required_argument, NULL, 'l'}, {"since", required_argument, NULL, OPT_SINCE},
        {"by", required_argument, NULL, OPT_BY}, {"json", no_argument, NULL, OPT_JSON},
        {"db", required_argument, NULL, OPT_DB}, {NULL, 0, NULL, 0}};
    struct fs_history_opts o = {0};
    const char *db = NULL;
    bool json = false;
    char path[4096];
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "l:", longopts, NULL)) != -1) {
        switch (c) {
        case 'l':
            o.limit = optarg;
            break;
        case OPT_SINCE:
            if (!fs_history_date_valid(optarg))
                return usage("history", "--since takes a date YYYY-MM-DD", optarg);
            o.since = optarg;
            break;
        case OPT_BY:
            if (!fs_history_by_parse(optarg, &o.by))
                return usage("history", "--by takes host, principle, zone or role", optarg);
            break;
        case OPT_JSON:
            json = true;
            break;
        case OPT_DB:
            db = optarg;
            break;
        default:
            return FS_EXIT_USAGE;
        }
    }
    if (optind != argc &&
        (strcmp(argv[optind], "verify") == 0 || strcmp(argv[optind], "import") == 0))
        return usage("history",
                     "give the sub-command first (floorscan history verify|import [--db "
                     "PATH|URL] ...)",
                     argv[optind]);
    if (optind != argc)
        return usage("history",
                     "unknown sub-command or argument (history, history verify, "
                     "history import)",
                     argv[optind]);
    int rc = store_where("history", db, path, sizeof path);
    const char *where = db ? db : path;
    if (rc)
        return rc;
    struct fs_buf err, out;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    fs_buf_init(&out, FS_HISTORY_OUT_MAX);
    struct fs_store *s = NULL;
    struct fs_history *h = NULL, empty = {.by = o.by};
    if (sqlite_missing(where)) {
        if (db) {
            fprintf(stderr, "floorscan history: %s: no such history database\n", where);
            rc = FS_EXIT_USAGE;
            goto out;
        }
        /* Nothing stored yet on this machine: an empty history, not an error. */
        fprintf(stderr, "floorscan history: no runs stored yet (%s does not exist)\n", where);
    } else if ((rc = open_store("history", db, false, &s))) {
        goto out;
    } else if (fs_history_load(s, &o, &h, &err) != FS_OK) {
        say("history", "cannot read the history database", &err);
        rc = FS_EXIT_USAGE;
        goto out;
    }
    const struct fs_history *show = h ? h : &empty;
    if (json) {
        char *text = fs_history_json(show);
        if (!text) {
            fprintf(stderr, "floorscan history: cannot build the JSON document (out of memory, "
                            "or a label that is not UTF-8)\n");
            rc = FS_EXIT_USAGE;
            goto out;
        }
        puts(text);
        free(text);
    } else if (!show->nruns) {
        if (s)
            fprintf(stderr, "floorscan history: no runs in %s%s%s\n", fs_db_display(s->db),
                    o.since ? " since " : "", o.since ? o.since : "");
    } else if (fs_history_table(show, stdout_tty(), &out) != FS_OK) {
        fprintf(stderr,
                "floorscan history: the table is larger than %zu bytes; narrow it with "
                "-l or --since\n",
                FS_HISTORY_OUT_MAX);
        rc = FS_EXIT_USAGE;
    } else {
        fputs(fs_buf_cstr(&out), stdout);
    }
out:
    fs_history_free(h);
    fs_store_close(s);
    fs_buf_dispose(&out);
    fs_buf_dispose(&err);
    return rc;
}

int fs_cmd_history(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return history_verify(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "import") == 0)
        return history_import(argc - 1, argv + 1);
    return history_show(argc, argv);
}
