/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan diff [RUN_A] [RUN_B]: what changed between two runs (stored or results.json). */
#include "cli.h"
#include "../reports/drift.h"
#include "../reports/load.h"
#include "../store/store.h"
#include "core/err.h"
#include "core/limits.h"
#include "core/util.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Evidence is cut to this many bytes (then "...") on a line of the text output. */
#define FS_DIFF_EVIDENCE 100

struct diff_opts {
    const char *db, *bench, *tailoring, *limit;
    bool json;
};

/* One side: loaded from a results.json or from the store; r is what the comparison reads. */
struct side {
    const char *ref;
    struct fs_loaded *l;
    struct fs_stored_run stored;
    struct fs_report r;
    struct fs_host_result *kept; /* shallow copies of the hosts -l keeps */
};

static int usage_error(const char *msg, const char *arg)
{
    char *p = fs_printable_dup(arg ? arg : "");
    fprintf(stderr, "floorscan diff: %s%s%s\n", msg, arg ? ": " : "", p ? p : "");
    free(p);
    return FS_EXIT_USAGE;
}

/* Prints err (made printable) after "floorscan diff: " and returns FS_EXIT_USAGE. */
static int fail_with(const struct fs_buf *err, const char *dflt)
{
    char *p = fs_printable_dup(err->len ? fs_buf_cstr(err) : dflt);
    fprintf(stderr, "floorscan diff: %s\n", p ? p : dflt);
    free(p);
    return FS_EXIT_USAGE;
}

/* A results.json rather than a run reference: ends with .json or names an existing file. */
static bool is_file(const char *ref)
{
    struct stat st;
    size_t n = strlen(ref);
    return (n > 5 && strcmp(ref + n - 5, ".json") == 0) ||
           (stat(ref, &st) == 0 && S_ISREG(st.st_mode));
}

static int open_store(struct fs_store **s, const struct diff_opts *o)
{
    if (*s)
        return FS_EXIT_OK;
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    int rc = FS_EXIT_OK;
    if (fs_store_open(s, o->db, false, &err) != FS_OK) {
        rc = fail_with(&err, "cannot open the history store");
        *s = NULL;
    }
    fs_buf_dispose(&err);
    return rc;
}

static int load_file(struct side *sd, const struct diff_opts *o)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    int rc = FS_EXIT_OK;
    if (fs_report_load(&sd->l, sd->ref, o->bench, o->tailoring, &err) != FS_OK)
        rc = fail_with(&err, "cannot read the results");
    fs_buf_dispose(&err);
    if (rc)
        return rc;
    /* a stored run's results.json names the run ("history"): the heading says which */
    json_t *doc = json_load_file(sd->ref, 0, NULL);
    json_t *h = json_object_get(doc, "history");
    json_t *id = json_object_get(h, "run"), *label = json_object_get(h, "label");
    if (json_is_integer(id) && json_integer_value(id) > 0 && json_is_string(label)) {
        sd->stored.id = json_integer_value(id);
        snprintf(sd->stored.label, sizeof sd->stored.label, "%s", json_string_value(label));
    }
    json_decref(doc);
    return FS_EXIT_OK;
}

/* Loads a stored fleet run; sd->ref names it unless ref is given (already resolved). */
static int load_stored(struct side *sd, struct fs_store *s, const struct fs_run_ref *given,
                       const struct diff_opts *o)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_run_ref ref;
    int rc = FS_EXIT_OK;
    if (given)
        ref = *given;
    else if (fs_store_find_run(s, sd->ref, &ref, &err) != FS_OK)
        rc = fail_with(&err, "no such run");
    if (!rc && fs_store_load_run(s, &ref, o->bench, o->tailoring, &sd->l, &err) != FS_OK)
        rc = fail_with(&err, "cannot load the run");
    if (!rc) {
        sd->stored.id = ref.first_id;
        snprintf(sd->stored.label, sizeof sd->stored.label, "%s", ref.label);
    }
    fs_buf_dispose(&err);
    return rc;
}

static bool host_kept(const struct fs_host *h, const char *patterns)
{
    char *copy = strdup(patterns), *save = NULL;
    bool keep = false;
    for (char *p = copy ? strtok_r(copy, ",", &save) : NULL; p && !keep;
         p = strtok_r(NULL, ",", &save)) {
        while (*p == ' ')
            p++;
        keep = *p && (fs_glob_match(p, h->name ? h->name : "") || fs_host_in_group(h, p));
    }
    free(copy);
    return keep;
}

/* The report the comparison reads: the loaded one, with -l's hosts only; *matched counts them. */
static int prepare(struct side *sd, const struct diff_opts *o, size_t *matched)
{
    sd->r = sd->l->report;
    if (!sd->r.stored && sd->stored.label[0])
        sd->r.stored = &sd->stored;
    if (!o->limit)
        return FS_OK;
    if (!(sd->kept = calloc(sd->r.n ? sd->r.n : 1, sizeof *sd->kept)))
        return FS_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < sd->l->report.n; i++)
        if (host_kept(sd->l->report.hosts[i].host, o->limit))
            sd->kept[n++] = sd->l->report.hosts[i];
    sd->r.hosts = sd->kept;
    sd->r.n = n;
    *matched += n;
    return FS_OK;
}

/* Text for a terminal: printable (no control byte from a device reaches it), and cut at max
 * bytes (0: not cut) with "...". */
static void put_text(FILE *out, const char *s, size_t max)
{
    if (!s)
        s = "";
    if (!max) {
        char *p = fs_printable_dup(s);
        fputs(p ? p : "?", out);
        free(p);
        return;
    }
    struct fs_buf b;
    bool cut = false;
    fs_buf_init(&b, max);
    if (fs_buf_add_printable_cut(&b, s, strlen(s), &cut) != FS_OK)
        cut = true;
    fputs(fs_buf_cstr(&b), out);
    if (cut)
        fputs("...", out);
    fs_buf_dispose(&b);
}

static void side_line(FILE *out, const char *what, const struct fs_drift_side *s, const char *ref)
{
    fprintf(out, "%s: ", what);
    if (s->stored) {
        fprintf(out, "run %lld (", (long long)s->id);
        put_text(out, s->label, 0);
        fputs(")", out);
    } else {
        put_text(out, ref, 0);
    }
    fprintf(out, ", started %s\n", s->started[0] ? s->started : "at an unknown time");
}

static void section(FILE *out, const char *title, size_t n)
{
    fprintf(out, "\n%s (%zu)\n", title, n);
}

/* "host  rule  severity" of a rule row. */
static void rule_head(FILE *out, const struct fs_drift_rule *e)
{
    fputs("  ", out);
    put_text(out, e->host, 0);
    fputs("  ", out);
    put_text(out, e->rule, 0);
    fprintf(out, "  %s", fs_severity_name(e->severity));
}

static void evidence(FILE *out, const char *label, const char *ev)
{
    if (!ev || !*ev)
        return;
    fprintf(out, "  %s", label);
    put_text(out, ev, FS_DIFF_EVIDENCE);
}

static void since(FILE *out, const struct fs_drift_rule *e)
{
    if (e->failing_since[0])
        fprintf(out, "  failing since %s", e->failing_since);
    if (e->waived)
        fputs("  (waived)", out);
}

static const char *was(const struct fs_drift_rule *e)
{
    return e->has_old ? fs_result_name(e->old_status) : "not evaluated";
}

static void host_rows(FILE *out, const char *title, const struct fs_drift_host *v, size_t n,
                      bool change)
{
    section(out, title, n);
    for (size_t i = 0; i < n; i++) {
        fputs("  ", out);
        put_text(out, v[i].name, 0);
        if (change)
            fprintf(out, "  %s -> %s", fs_host_status_name(v[i].old_status),
                    fs_host_status_name(v[i].new_status));
        else
            fprintf(out, "  %s", fs_host_status_name(v[i].new_status));
        if (v[i].error && *v[i].error) {
            fputs("  ", out);
            put_text(out, v[i].error, FS_DIFF_EVIDENCE);
        }
        fputs("\n", out);
    }
}

static void score(FILE *out, bool has, double v)
{
    if (has)
        fprintf(out, "%.1f", v);
    else
        fputs("-", out);
}

static void score_row(FILE *out, const struct fs_drift_score *s)
{
    fputs("  ", out);
    if (s->host)
        put_text(out, s->host, 0);
    else
        fputs("fleet", out);
    fputs("  ", out);
    score(out, s->has_old, s->old_score);
    fputs(" -> ", out);
    score(out, s->has_new, s->new_score);
    if (s->has_old && s->has_new)
        fprintf(out, " (%+.1f)",
                round(s->new_score * 10.0) / 10.0 - round(s->old_score * 10.0) / 10.0);
    fputs("  without waivers ", out);
    score(out, s->has_old_unwaived, s->old_unwaived);
    fputs(" -> ", out);
    score(out, s->has_new_unwaived, s->new_unwaived);
    fputs("\n", out);
}

static void print_text(FILE *out, const struct fs_drift *d, const char *ref_a, const char *ref_b)
{
    fputs("floorscan diff\n", out);
    side_line(out, "from", &d->a, ref_a);
    side_line(out, "to  ", &d->b, ref_b);
    fprintf(out, "hosts in both runs: %zu; results failing in both: %zu\n", d->hosts_compared,
            d->still_failing);
    section(out, "New failures", d->n_new_failures);
    for (size_t i = 0; i < d->n_new_failures; i++) {
        const struct fs_drift_rule *e = &d->new_failures[i];
        rule_head(out, e);
        fprintf(out, "  was %s", was(e));
        since(out, e);
        evidence(out, "", e->new_evidence);
        fputs("\n", out);
    }
    section(out, "Fixed", d->n_fixed);
    for (size_t i = 0; i < d->n_fixed; i++) {
        rule_head(out, &d->fixed[i]);
        fprintf(out, "  now %s", fs_result_name(d->fixed[i].new_status));
        evidence(out, "", d->fixed[i].new_evidence);
        fputs("\n", out);
    }
    section(out, "Changes to or from error", d->n_errors);
    for (size_t i = 0; i < d->n_errors; i++) {
        rule_head(out, &d->errors[i]);
        fprintf(out, "  %s -> %s", was(&d->errors[i]), fs_result_name(d->errors[i].new_status));
        evidence(out, "", d->errors[i].new_evidence);
        fputs("\n", out);
    }
    section(out, "Still failing, evidence changed", d->n_evidence);
    for (size_t i = 0; i < d->n_evidence; i++) {
        rule_head(out, &d->evidence[i]);
        since(out, &d->evidence[i]);
        fputs("\n", out);
        evidence(out, "  was: ", d->evidence[i].old_evidence);
        fputs("\n", out);
        evidence(out, "  now: ", d->evidence[i].new_evidence);
        fputs("\n", out);
    }
    host_rows(out, "New hosts", d->new_hosts, d->n_new_hosts, false);
    host_rows(out, "Vanished hosts", d->vanished_hosts, d->n_vanished_hosts, false);
    host_rows(out, "Host status changes", d->host_status, d->n_host_status, true);
    section(out, "Waivers expired since", d->n_expired_waivers);
    for (size_t i = 0; i < d->n_expired_waivers; i++) {
        const struct fs_drift_waiver *w = &d->expired_waivers[i];
        fputs("  ", out);
        if (w->host) {
            put_text(out, w->host, 0);
            fputs("  ", out);
            put_text(out, w->rule, 0);
            fprintf(out, "  %s, no longer waived:", fs_result_name(w->new_status));
        } else {
            fputs("register", out);
        }
        fprintf(out, " waiver line %d (", w->line);
        put_text(out, w->pattern, 0);
        fputs(") expired ", out);
        put_text(out, w->expires, 0);
        fputs("\n", out);
    }
    fprintf(out, "\nScores (the fleet, and %zu host%s changed)\n", d->n_scores,
            d->n_scores == 1 ? "" : "s");
    score_row(out, &d->fleet);
    for (size_t i = 0; i < d->n_scores; i++)
        score_row(out, &d->scores[i]);
}

static int print_json(const struct fs_drift *d)
{
    json_t *doc = fs_drift_json(d);
    char *s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(doc);
    if (!s) {
        fprintf(stderr, "floorscan diff: cannot build the JSON document (out of memory)\n");
        return FS_EXIT_NOT_SCANNED;
    }
    puts(s);
    free(s);
    return FS_EXIT_OK;
}

static int parse(int argc, char **argv, struct diff_opts *o)
{
    enum { OPT_DB = 256, OPT_JSON, OPT_BENCHMARK, OPT_TAILORING };
    static const struct option longopts[] = {{"db", required_argument, NULL, OPT_DB},
                                             {"json", no_argument, NULL, OPT_JSON},
                                             {"benchmark", required_argument, NULL, OPT_BENCHMARK},
                                             {"tailoring", required_argument, NULL, OPT_TAILORING},
                                             {"limit", required_argument, NULL, 'l'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "l:", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            o->db = optarg;
            break;
        case OPT_JSON:
            o->json = true;
            break;
        case OPT_BENCHMARK:
            o->bench = optarg;
            break;
        case OPT_TAILORING:
            o->tailoring = optarg;
            break;
        case 'l':
            o->limit = optarg;
            break;
        default:
            return FS_EXIT_USAGE;
        }
    }
    if (argc - optind > 2)
        return usage_error("give at most two runs (floorscan diff [RUN_A] [RUN_B])", NULL);
    if (o->limit && !*o->limit)
        return usage_error("-l needs host names, groups or patterns", NULL);
    return FS_EXIT_OK;
}

/* Resolves and loads both sides: with no argument the latest stored run and the previous one
 * covering the same hosts; with one, that run against the latest. */
static int load_ref(struct side *sd, struct fs_store **s, const struct diff_opts *o)
{
    if (is_file(sd->ref))
        return load_file(sd, o);
    int rc = open_store(s, o);
    return rc ? rc : load_stored(sd, *s, NULL, o);
}

static int load_sides(struct side *a, struct side *b, struct fs_store **s,
                      const struct diff_opts *o)
{
    int rc;
    if (!b->ref)
        b->ref = "latest";
    if ((rc = load_ref(b, s, o)))
        return rc;
    if (a->ref)
        return load_ref(a, s, o);
    if ((rc = open_store(s, o)))
        return rc;
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_run_ref prev;
    const struct fs_report *rb = &b->l->report;
    if (fs_store_find_previous(*s, rb->started, b->stored.id ? b->stored.id : INT64_MAX, rb->hosts,
                               rb->n, &prev, &err) != FS_OK)
        rc = fail_with(&err, "no earlier run of these hosts in the history store");
    else
        rc = load_stored(a, *s, &prev, o);
    a->ref = "previous";
    fs_buf_dispose(&err);
    return rc;
}

int fs_cmd_diff(int argc, char **argv)
{
    struct diff_opts o = {0};
    struct side a = {0}, b = {0};
    struct fs_store *s = NULL;
    struct fs_drift *d = NULL;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    if (argc - optind >= 1)
        a.ref = argv[optind];
    if (argc - optind == 2)
        b.ref = argv[optind + 1];
    if ((rc = load_sides(&a, &b, &s, &o)))
        goto out;
    size_t matched = 0;
    if (prepare(&a, &o, &matched) != FS_OK || prepare(&b, &o, &matched) != FS_OK ||
        fs_drift_compute(&a.r, &b.r, &d) != FS_OK) {
        fprintf(stderr, "floorscan diff: out of memory\n");
        rc = FS_EXIT_NOT_SCANNED;
        goto out;
    }
    if (o.limit && !matched) {
        rc = usage_error("-l matches no host of either run", o.limit);
        goto out;
    }
    if (o.json)
        rc = print_json(d);
    else
        print_text(stdout, d, a.ref, b.ref);
    /* for pipelines: 1 when something got worse (new failures, new errors) */
    if (!rc && fs_drift_regressions(d))
        rc = FS_EXIT_GATE;
out:
    fs_drift_free(d);
    fs_loaded_free(a.l);
    fs_loaded_free(b.l);
    free(a.kept);
    free(b.kept);
    fs_store_close(s);
    return rc;
}
