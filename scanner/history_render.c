/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan history's table, sparklines and --json document (history.h). */
#include "history.h"
#include "core/err.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KEY_WIDTH_MAX 40
#define LABEL_COL_MAX 10

int fs_history_sparkline(struct fs_buf *out, const double *v, const bool *has, size_t n)
{
    static const char *const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                         "\u2585", "\u2586", "\u2587", "\u2588"};
    double lo = 0, hi = 0;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (!has[i])
            continue;
        lo = any && lo < v[i] ? lo : v[i];
        hi = any && hi > v[i] ? hi : v[i];
        any = true;
    }
    for (size_t i = 0; i < n; i++) {
        int rc;
        if (!has[i]) {
            rc = fs_buf_adds(out, "\u00b7");
        } else {
            double x = hi - lo > 1e-9 ? (v[i] - lo) / (hi - lo) : v[i] / 100.0;
            long level = lround(x * 7.0);
            rc = fs_buf_adds(out, blocks[level < 0 ? 0 : level > 7 ? 7 : level]);
        }
        if (rc)
            return rc;
    }
    return FS_OK;
}

/* Display width of printable text: one column per UTF-8 character. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* Adds s (already printable) cut to at most max columns and padded to w. */
static int add_cell(struct fs_buf *out, const char *s, size_t w, size_t max, bool right)
{
    size_t cols = 0, bytes = 0;
    while (s[bytes] && cols < max) {
        bytes++;
        while (((unsigned char)s[bytes] & 0xC0) == 0x80)
            bytes++;
        cols++;
    }
    int rc = FS_OK;
    for (size_t i = cols; right && i < w && !rc; i++)
        rc = fs_buf_adds(out, " ");
    if (!rc)
        rc = fs_buf_add(out, s, bytes);
    for (size_t i = cols; !right && i < w && !rc; i++)
        rc = fs_buf_adds(out, " ");
    return rc;
}

static void fmt_score(char *s, size_t n, bool has, double v)
{
    if (has)
        snprintf(s, n, "%.1f", v);
    else
        snprintf(s, n, "-");
}

static int runs_table(const struct fs_history *h, bool sparkline, struct fs_buf *out)
{
    char **labels = calloc(h->nruns ? h->nruns : 1, sizeof *labels);
    size_t lw = 3;
    int rc = labels ? FS_OK : FS_ERR_NOMEM;
    for (size_t i = 0; i < h->nruns && !rc; i++) {
        if (!(labels[i] = fs_printable_dup(h->runs[i].label)))
            rc = FS_ERR_NOMEM;
        else if (width(labels[i]) > lw)
            lw = width(labels[i]) < KEY_WIDTH_MAX ? width(labels[i]) : KEY_WIDTH_MAX;
    }
    if (!rc && !(rc = add_cell(out, "RUN", lw, lw, false)))
        rc = fs_buf_addf(out, "  %6s  %-10s  %11s  %6s  %8s  %7s\n", "ID", "STARTED", "HOSTS",
                         "SCORE", "UNWAIVED", "FAILED");
    for (size_t i = 0; i < h->nruns && !rc; i++) {
        const struct fs_history_run *r = &h->runs[i];
        char hosts[48], score[16], unw[16];
        snprintf(hosts, sizeof hosts, "%zu/%zu", r->scanned, r->hosts);
        fmt_score(score, sizeof score, r->has_score, r->score);
        fmt_score(unw, sizeof unw, r->has_unwaived, r->score_unwaived);
        if (!(rc = add_cell(out, labels[i], lw, lw, false)))
            rc = fs_buf_addf(out, "  %6" PRId64 "  %-10.10s  %11s  %6s  %8s  %7lu\n", r->id,
                             r->started, hosts, score, unw, r->failed);
    }
    if (!rc && sparkline && h->nruns > 1) {
        double *v = calloc(h->nruns, sizeof *v);
        bool *has = calloc(h->nruns, sizeof *has);
        rc = v && has ? fs_buf_adds(out, "trend ") : FS_ERR_NOMEM;
        for (size_t i = 0; i < h->nruns && !rc; i++) {
            v[i] = h->runs[i].score;
            has[i] = h->runs[i].has_score;
        }
        if (!rc && !(rc = fs_history_sparkline(out, v, has, h->nruns)))
            rc = fs_buf_adds(out, "\n");
        free(v);
        free(has);
    }
    for (size_t i = 0; labels && i < h->nruns; i++)
        free(labels[i]);
    free(labels);
    return rc;
}

static int series_row(const struct fs_history *h, const struct fs_history_series *s, size_t kw,
                      size_t first, const size_t *cw, bool sparkline, struct fs_buf *out)
{
    char *key = fs_printable_dup(s->key);
    long lo = -1, hi = -1;
    char latest[16], change[16];
    int rc = key ? FS_OK : FS_ERR_NOMEM;
    for (size_t i = 0; i < h->nruns; i++) {
        if (s->has[i]) {
            lo = lo < 0 ? (long)i : lo;
            hi = (long)i;
        }
    }
    fmt_score(latest, sizeof latest, hi >= 0, hi >= 0 ? s->score[hi] : 0);
    if (hi > lo)
        snprintf(change, sizeof change, "%+.1f", s->score[hi] - s->score[lo]);
    else
        snprintf(change, sizeof change, "-");
    if (!rc && !(rc = add_cell(out, key, kw, kw, false)))
        rc = fs_buf_addf(out, "  %6s  %6s", latest, change);
    for (size_t i = first; i < h->nruns && !rc; i++) {
        char v[16];
        fmt_score(v, sizeof v, s->has[i], s->score[i]);
        if (!(rc = fs_buf_adds(out, "  ")))
            rc = add_cell(out, v, cw[i - first], 16, true);
    }
    if (!rc && sparkline && !(rc = fs_buf_adds(out, "  ")))
        rc = fs_history_sparkline(out, s->score, s->has, h->nruns);
    if (!rc)
        rc = fs_buf_adds(out, "\n");
    free(key);
    return rc;
}

static int series_table(const struct fs_history *h, bool sparkline, struct fs_buf *out)
{
    static const char *const heads[] = {"RUN", "HOST", "PRINCIPLE", "ROLE", "ZONE"};
    const char *head = heads[(unsigned)h->by < 5 ? h->by : 0];
    size_t first = h->nruns > FS_HISTORY_COLUMNS ? h->nruns - FS_HISTORY_COLUMNS : 0;
    size_t kw = width(head), cw[FS_HISTORY_COLUMNS];
    char *labels[FS_HISTORY_COLUMNS] = {0};
    int rc = FS_OK;
    for (size_t i = 0; i < h->nseries && !rc; i++) {
        char *k = fs_printable_dup(h->series[i].key);
        if (!k)
            rc = FS_ERR_NOMEM;
        else if (width(k) > kw)
            kw = width(k) < KEY_WIDTH_MAX ? width(k) : KEY_WIDTH_MAX;
        free(k);
    }
    for (size_t i = first; i < h->nruns && !rc; i++) {
        if (!(labels[i - first] = fs_printable_dup(h->runs[i].label)))
            rc = FS_ERR_NOMEM;
        else
            cw[i - first] = width(labels[i - first]) < 5               ? 5
                            : width(labels[i - first]) > LABEL_COL_MAX ? LABEL_COL_MAX
                                                                       : width(labels[i - first]);
    }
    if (!rc && !(rc = add_cell(out, head, kw, kw, false)))
        rc = fs_buf_addf(out, "  %6s  %6s", "LATEST", "CHANGE");
    for (size_t i = first; i < h->nruns && !rc; i++)
        if (!(rc = fs_buf_adds(out, "  ")))
            rc = add_cell(out, labels[i - first], cw[i - first], LABEL_COL_MAX, true);
    if (!rc && sparkline)
        rc = fs_buf_adds(out, "  TREND");
    if (!rc)
        rc = fs_buf_adds(out, "\n");
    for (size_t i = 0; i < h->nseries && !rc; i++)
        rc = series_row(h, &h->series[i], kw, first, cw, sparkline, out);
    for (size_t i = 0; i < FS_HISTORY_COLUMNS; i++)
        free(labels[i]);
    return rc;
}

int fs_history_table(const struct fs_history *h, bool sparkline, struct fs_buf *out)
{
    return h->by == FS_HISTORY_RUNS ? runs_table(h, sparkline, out)
                                    : series_table(h, sparkline, out);
}

static json_t *score_json(bool has, double v)
{
    return has ? json_real(round(v * 10.0) / 10.0) : json_null();
}

/* Appends v to a (stolen); false when it cannot. */
static bool push(json_t *a, json_t *v)
{
    return v && json_array_append_new(a, v) == 0;
}

char *fs_history_json(const struct fs_history *h)
{
    json_t *runs = json_array(), *series = json_array();
    json_t *doc =
        json_pack("{s:o, s:o, s:o}", "runs", runs, "by",
                  h->by == FS_HISTORY_RUNS ? json_null() : json_string(fs_history_by_name(h->by)),
                  "series", series);
    bool ok = doc != NULL;
    for (size_t i = 0; i < h->nruns && ok; i++) {
        const struct fs_history_run *r = &h->runs[i];
        ok = push(runs, json_pack("{s:I, s:s?, s:s?, s:I, s:I, s:o, s:o, s:I}", "id",
                                  (json_int_t)r->id, "label", r->label, "started", r->started,
                                  "hosts", (json_int_t)r->hosts, "scanned", (json_int_t)r->scanned,
                                  "score", score_json(r->has_score, r->score), "score_unwaived",
                                  score_json(r->has_unwaived, r->score_unwaived), "failed",
                                  (json_int_t)r->failed));
    }
    for (size_t k = 0; k < h->nseries && ok; k++) {
        const struct fs_history_series *s = &h->series[k];
        json_t *points = json_array();
        ok = push(series, json_pack("{s:s?, s:o}", "key", s->key, "points", points));
        for (size_t i = 0; i < h->nruns && ok; i++)
            if (s->has[i])
                ok = push(points, json_pack("{s:s?, s:o}", "run", h->runs[i].label, "score",
                                            score_json(true, s->score[i])));
    }
    char *text = ok ? json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(doc);
    return text;
}
