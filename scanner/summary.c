/* SPDX-License-Identifier: Apache-2.0 */
/* The scan summary on the terminal (see summary.h). */
#include "summary.h"
#include "core/util.h"
#include "core/xccdf_ids.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RED    "\033[31m"
#define GREEN  "\033[32m"
#define YELLOW "\033[33m"
#define BOLD   "\033[1m"
#define RESET  "\033[0m"

bool fs_summary_colour(int fd)
{
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    if (no && *no)
        return false;
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fd) == 1;
}

static int cmp_count(const void *a, const void *b)
{
    const struct fs_rule_count *x = a, *y = b;
    if (x->hosts != y->hosts)
        return x->hosts > y->hosts ? -1 : 1;
    if (x->rule->severity != y->rule->severity)
        return x->rule->severity > y->rule->severity ? -1 : 1;
    return strcmp(x->rule->short_id, y->rule->short_id);
}

size_t fs_summary_top_failed(const struct fs_report *r, struct fs_rule_count *out, size_t max)
{
    struct fs_rule_count *all = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < r->n; i++) {
        const struct fs_host_result *h = &r->hosts[i];
        /* a host cut off (timeout) keeps the verdicts of the facts it sent: its fails count */
        for (size_t k = 0; k < h->nresults; k++) {
            const struct fs_rule *rule = h->results[k].rule;
            if (h->results[k].result != FS_RESULT_FAIL || h->results[k].waiver)
                continue; /* a waived fail is on the record, not on the to-do list */
            /* by id: a rule is one rule across hosts even if two copies of it exist */
            size_t c = 0;
            while (c < n && strcmp(all[c].rule->short_id, rule->short_id) != 0)
                c++;
            if (c == n) {
                if (n == cap) {
                    size_t nc = cap ? cap * 2 : 64;
                    struct fs_rule_count *p = realloc(all, nc * sizeof *p);
                    if (!p)
                        goto out; /* a summary without the list, not a failed scan */
                    all = p;
                    cap = nc;
                }
                all[n++] = (struct fs_rule_count){rule, 0};
            }
            all[c].hosts++;
        }
    }
out:
    if (n)
        qsort(all, n, sizeof *all, cmp_count);
    if (n > max)
        n = max;
    if (n)
        memcpy(out, all, n * sizeof *out);
    free(all);
    return n;
}

/* s padded to width, coloured when colour is on (the padding stays outside the escapes' count) */
static void cell(FILE *out, bool colour, const char *code, int width, const char *s)
{
    if (colour && code)
        fprintf(out, "%s%-*s%s", code, width, s, RESET);
    else
        fprintf(out, "%-*s", width, s);
}

static const char *score_colour(bool has, double v)
{
    return !has ? NULL : v >= 90.0 ? GREEN : v >= 70.0 ? YELLOW : RED;
}

static const char *severity_colour(enum fs_severity s)
{
    return s == FS_SEV_HIGH ? RED : s == FS_SEV_MEDIUM ? YELLOW : NULL;
}

static void host_table(FILE *out, const struct fs_report *r, bool c)
{
    fprintf(out, "\n%s%-20s %-16s %-20s %6s  %4s %4s %5s  %s%s\n", c ? BOLD : "", "HOST", "STATUS",
            "PROFILE", "SCORE", "PASS", "FAIL", "OTHER", "NOTE", c ? RESET : "");
    for (size_t i = 0; i < r->n; i++) {
        const struct fs_host_result *h = &r->hosts[i];
        char score[16] = "     -", fail[16];
        if (h->score.has_score)
            snprintf(score, sizeof score, "%6.1f", h->score.score);
        /* open fails: the waived ones are counted in the note */
        unsigned open =
            h->score.fail - (h->score.waived < h->score.fail ? h->score.waived : h->score.fail);
        snprintf(fail, sizeof fail, "%4u", open);
        const char *prof = fs_after(h->profile_id, FS_XCCDF_PROFILE_TAG);
        /* inventory text on a terminal: escape sequences shown, not run */
        char *name = fs_printable_dup(h->host->name);
        char *note = fs_printable_dup(h->error ? h->error : "");
        cell(out, c, NULL, 20, name ? name : "?");
        fputc(' ', out);
        cell(out, c, h->status == FS_HOST_SCANNED ? GREEN : RED, 16,
             fs_host_status_name(h->status));
        fprintf(out, " %-20s ", prof ? prof : "-");
        cell(out, c, score_colour(h->score.has_score, h->score.score), 6, score);
        fprintf(out, "  %4u ", h->score.pass);
        cell(out, c, open ? RED : NULL, 4, fail);
        fprintf(out, " %5u  ", h->score.other + h->score.error);
        if (h->score.waived)
            fprintf(out, "%u waived (%.1f without waivers)%s", h->score.waived,
                    h->score.has_unwaived ? h->score.unwaived : 0.0, note && *note ? "; " : "");
        fprintf(out, "%s\n", note ? note : "");
        free(name);
        free(note);
    }
}

static void top_failed(FILE *out, const struct fs_report *r, bool c)
{
    struct fs_rule_count top[FS_SUMMARY_TOP];
    size_t n = fs_summary_top_failed(r, top, FS_SUMMARY_TOP);
    if (n == 0) {
        fprintf(out, "top failed rules: none\n");
        return;
    }
    fprintf(out, "top failed rules (hosts failing, severity):\n");
    for (size_t i = 0; i < n; i++) {
        char *id = fs_printable_dup(top[i].rule->short_id);
        fprintf(out, "  %-48s %4u  ", id ? id : "?", top[i].hosts);
        cell(out, c, severity_colour(top[i].rule->severity), 0,
             fs_severity_name(top[i].rule->severity));
        fputc('\n', out);
        free(id);
    }
}

/* The register: what it waived, and each entry the quality engineer must look at again. */
static void waivers_lines(FILE *out, const struct fs_waivers *w, bool c)
{
    if (!w)
        return;
    unsigned results = 0, applied = 0, n[4] = {0}, unused = 0;
    for (size_t i = 0; i < w->n; i++) {
        results += w->w[i].matched;
        applied += w->w[i].matched > 0;
        if ((unsigned)w->w[i].state < sizeof n / sizeof n[0])
            n[w->w[i].state]++;
        unused += w->w[i].matched == 0 && w->w[i].state <= FS_WAIVER_EXPIRING;
    }
    char *path = fs_printable_dup(w->path);
    fprintf(out, "\nwaivers %s (SHA-256 %s), judged on %s: %u of %zu applied to %u results",
            path ? path : "?", w->sha256[0] ? w->sha256 : "-", w->judged_on, applied, w->n,
            results);
    free(path);
    if (n[FS_WAIVER_EXPIRED] || n[FS_WAIVER_EXPIRING] || n[FS_WAIVER_PENDING] || unused)
        fprintf(out, "; %u expired, %u expiring within %d days, %u pending, %u unused",
                n[FS_WAIVER_EXPIRED], n[FS_WAIVER_EXPIRING], w->warn_days, n[FS_WAIVER_PENDING],
                unused);
    for (size_t i = 0; i < w->n; i++) {
        const struct fs_waiver *x = &w->w[i];
        const char *what = x->state == FS_WAIVER_EXPIRED ? "expired, not applied"
                           : x->state == FS_WAIVER_PENDING
                               ? "approved after the scan day, not applied"
                           : x->matched == 0                ? "unused: matched nothing"
                           : x->state == FS_WAIVER_EXPIRING ? "expiring"
                                                            : NULL;
        if (!what)
            continue;
        char *rule = fs_printable_dup(x->rule);
        fprintf(out, "\n  line %-5d %-40s expires %s  ", x->line, rule ? rule : "?", x->expires);
        cell(out, c, x->state == FS_WAIVER_EXPIRING || x->matched == 0 ? YELLOW : RED, 0, what);
        free(rule);
    }
}

void fs_summary_print(FILE *out, const struct fs_report *r, bool c, const char *outdir,
                      const struct fs_report_writer *const *writers, const bool *written,
                      size_t nwriters, const struct fs_summary_bundle *bundle)
{
    struct fs_score fleet, pr[FS_PRINCIPLES];
    long worst;
    fs_score_fleet(r->hosts, r->n, &fleet, pr, &worst);
    host_table(out, r, c);
    if (r->incomplete) {
        /* the reason may come from a results.json reloaded: printable */
        char *why = fs_printable_dup(r->incomplete_reason);
        fprintf(out, "\n%sINCOMPLETE: %s%s", c ? RED BOLD : "", why ? why : "?", c ? RESET : "");
        free(why);
    }
    if (fleet.has_score) {
        char s[16];
        snprintf(s, sizeof s, "%.1f", fleet.score);
        fprintf(out, "\nfleet score ");
        cell(out, c, score_colour(true, fleet.score), 0, s);
        fprintf(out, " (mean of host scores");
        if (fleet.waived && fleet.has_unwaived)
            fprintf(out, "; %.1f without the %u waived results", fleet.unwaived, fleet.waived);
        fprintf(out, ")");
    } else {
        fprintf(out, "\nfleet score -");
    }
    if (worst >= 0) {
        char *name = fs_printable_dup(r->hosts[worst].host->name);
        fprintf(out, ", worst host %s %.1f", name ? name : "?", r->hosts[worst].score.score);
        free(name);
    }
    if (r->benchmark->tailoring_path) {
        char *path = fs_printable_dup(r->benchmark->tailoring_path);
        char *id = fs_printable_dup(r->benchmark->tailoring_id ? r->benchmark->tailoring_id : "");
        fprintf(out, "\ntailoring %s (%s) applied", path ? path : "?", id ? id : "");
        free(path);
        free(id);
    }
    waivers_lines(out, r->waivers, c);
    fprintf(out, "\nprinciples:");
    for (int p = 0; p < FS_PRINCIPLES; p++) {
        if (pr[p].has_score)
            fprintf(out, "  P%d %.1f", p + 1, pr[p].score);
        else
            fprintf(out, "  P%d -", p + 1);
    }
    fprintf(out, "\n");
    top_failed(out, r, c);
    /* "wrote" only for a file that is in place; the reason of a failure went to stderr */
    const char *html = NULL;
    for (size_t i = 0; i < nwriters; i++) {
        if (written[i]) {
            fprintf(out, "wrote %s/%s\n", outdir, writers[i]->file);
            if (strcmp(writers[i]->format, "html") == 0)
                html = writers[i]->file;
        } else {
            fprintf(out, "%sFAILED to write %s/%s (see the error above)%s\n", c ? RED : "", outdir,
                    writers[i]->file, c ? RESET : "");
        }
    }
    if (bundle && bundle->failed) {
        fprintf(out, "%sFAILED to write the evidence bundle (see the error above)%s\n",
                c ? RED : "", c ? RESET : "");
    } else if (bundle) {
        if (bundle->path)
            fprintf(out, "wrote evidence bundle %s\n", bundle->path);
        else
            fprintf(out, "wrote evidence bundle %s/bundle/\n", bundle->outdir);
        /* the digest to copy into the paper or electronic record */
        fprintf(out, "evidence manifest SHA-256: %s%s%s\n", c ? BOLD : "", bundle->sha256,
                c ? RESET : "");
    }
    if (html)
        fprintf(out, "report: %s%s/%s%s\n", c ? BOLD : "", outdir, html, c ? RESET : "");
}
