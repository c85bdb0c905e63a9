/* SPDX-License-Identifier: Apache-2.0 */
/* Collected facts of one host, with the proof of probe the collector reported for each. */
#include "facts.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds on what a probe report may add: a tool name and the first line of its stderr. */
#define FS_REPORT_TOOL_MAX 64
#define FS_REPORT_WHY_MAX  160

void fs_facts_init(struct fs_facts *f)
{
    memset(f, 0, sizeof *f);
    f->uid = -1;
}

static void fact_dispose(struct fs_fact *x)
{
    free(x->id);
    free(x->data);
    free(x->problem);
    free(x->why);
}

void fs_facts_dispose(struct fs_facts *f)
{
    for (size_t i = 0; i < f->n; i++)
        fact_dispose(&f->items[i]);
    free(f->items);
    for (size_t i = 0; i < f->nasked; i++)
        free(f->asked[i]);
    free(f->asked);
    fs_facts_init(f);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int fs_facts_expect(struct fs_facts *f, const char *const *ids, size_t n)
{
    char **a = calloc(n ? n : 1, sizeof *a);
    if (!a)
        return FS_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(a[k++] = strdup(ids[i]))) {
            while (k)
                free(a[--k]);
            free(a);
            return FS_ERR_NOMEM;
        }
    }
    qsort(a, k, sizeof *a, cmp_str);
    /* once each: nasked is the number of facts the script asks for */
    size_t u = 0;
    for (size_t i = 0; i < k; i++) {
        if (u && strcmp(a[u - 1], a[i]) == 0)
            free(a[i]);
        else
            a[u++] = a[i];
    }
    k = u;
    for (size_t i = 0; i < f->nasked; i++)
        free(f->asked[i]);
    free(f->asked);
    f->asked = a;
    f->nasked = k;
    return FS_OK;
}

bool fs_facts_accepts(const struct fs_facts *f, const char *id)
{
    if (!f->asked)
        return true; /* no list given (tests, fixtures): the parser's id syntax only */
    return bsearch(&id, f->asked, f->nasked, sizeof *f->asked, cmp_str) != NULL;
}

/* Binary search; *at is where id would be inserted. */
static struct fs_fact *find_at(const struct fs_facts *f, const char *id, size_t *at)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->items[mid].id, id);
        if (c == 0) {
            *at = mid;
            return &f->items[mid];
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *at = lo;
    return NULL;
}

static struct fs_fact *find(const struct fs_facts *f, const char *id)
{
    size_t at;
    return find_at(f, id, &at);
}

int fs_facts_put(struct fs_facts *f, const char *id, const char *data, size_t len, int rc,
                 enum fs_fact_state state)
{
    char *d = fs_strndup(data ? data : "", data ? len : 0);
    if (!d)
        return FS_ERR_NOMEM;
    size_t at;
    struct fs_fact *old = find_at(f, id, &at);
    if (old) {
        char *keep = old->id;
        old->id = NULL;
        fact_dispose(old);
        *old = (struct fs_fact){
            .id = keep, .data = d, .len = data ? len : 0, .rc = rc, .state = state};
        return FS_OK;
    }
    struct fs_fact *p = realloc(f->items, (f->n + 1) * sizeof *p);
    char *i = strdup(id);
    if (!p || !i) {
        if (p)
            f->items = p;
        free(d);
        free(i);
        return FS_ERR_NOMEM;
    }
    f->items = p;
    memmove(&f->items[at + 1], &f->items[at], (f->n - at) * sizeof *p);
    f->n++;
    f->items[at] = (struct fs_fact){
        .id = i, .data = d, .len = data ? len : 0, .rc = rc, .state = state, .reports_end = true};
    return FS_OK;
}

const struct fs_fact *fs_facts_get(const struct fs_facts *f, const char *id)
{
    return find(f, id);
}

/* Printable copy of at most max bytes of s[0..n). */
static char *printable(const char *s, size_t n, size_t max)
{
    struct fs_buf b;
    fs_buf_init(&b, max * 4 + 16);
    if (fs_buf_add_printable(&b, s, n < max ? n : max) != FS_OK) {
        fs_buf_dispose(&b);
        return NULL;
    }
    return fs_buf_steal(&b);
}

/* Records the first failed probe: "TOOL exited RC (stderr)" or "TOOL is not installed". */
static int set_problem(struct fs_fact *x, const char *tool, const char *rc)
{
    if (x->problem)
        return FS_OK; /* the first failure is the reason */
    const char *why = NULL;
    size_t tl = strlen(tool);
    if (x->why && strncmp(x->why, tool, tl) == 0 && x->why[tl] == ' ')
        why = x->why + tl + 1;
    char msg[FS_REPORT_TOOL_MAX + FS_REPORT_WHY_MAX * 4 + 64];
    int n = rc ? snprintf(msg, sizeof msg, "%s exited %s", tool, rc)
               : snprintf(msg, sizeof msg, "%s is not installed", tool);
    if (n > 0 && (size_t)n < sizeof msg && why && *why)
        snprintf(msg + n, sizeof msg - (size_t)n, " (%s)", why);
    x->problem = strdup(msg);
    return x->problem ? FS_OK : FS_ERR_NOMEM;
}

void fs_facts_await_reports(struct fs_facts *f, const char *id)
{
    struct fs_fact *x = find(f, id);
    if (x)
        x->reports_end = false;
}

static int set_problem_text(struct fs_fact *x, const char *msg)
{
    if (x->problem)
        return FS_OK;
    x->problem = strdup(msg);
    return x->problem ? FS_OK : FS_ERR_NOMEM;
}

/* "odd KIND PATH": a file the collector would not read. */
static int odd_file(struct fs_fact *x, const char *kind, const char *path)
{
    char msg[FS_REPORT_WHY_MAX * 4 + 96];
    if (strcmp(kind, "notfile") == 0)
        snprintf(msg, sizeof msg, "%s is not a regular file (not read)", path);
    else if (strcmp(kind, "userlink") == 0)
        snprintf(msg, sizeof msg, "%s is a symbolic link a user owns (not followed)", path);
    else
        snprintf(msg, sizeof msg, "%s was not read (%s)", path, kind);
    return set_problem_text(x, msg);
}

/* A report that cannot be read is a problem of its own. */
static int bad_report(struct fs_fact *x, const char *report, size_t len)
{
    if (x->problem)
        return FS_OK;
    char *shown = printable(report, len, 60);
    if (!shown)
        return FS_ERR_NOMEM;
    char msg[320];
    snprintf(msg, sizeof msg, "unreadable probe report '%s'", shown);
    free(shown);
    x->problem = strdup(msg);
    return x->problem ? FS_OK : FS_ERR_NOMEM;
}

/* Whether s[0..n) is exactly word. */
static bool word_is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(s, word, n) == 0;
}

int fs_facts_add_report(struct fs_facts *f, const char *id, const char *report, size_t len)
{
    struct fs_fact *x = find(f, id);
    if (!x)
        return FS_OK; /* a report for a fact that never closed: nothing to prove */
    if (word_is(report, len, "end")) {
        x->reports_end = true;
        return FS_OK;
    }
    if (x->reports_end)
        return bad_report(x, report, len); /* nothing may follow "end" */
    if (++x->reports > FS_FACT_MAX_REPORTS)
        return set_problem_text(x, "more probe reports than floorscan reads ("
                                   "a report per file?): not judged");
    const char *sp = memchr(report, ' ', len);
    if (!sp)
        return bad_report(x, report, len);
    size_t kl = (size_t)(sp - report);
    FS_ASSERT(kl < len); /* the space is inside the report */
    const char *rest = sp + 1;
    size_t rl = len - kl - 1;
    const char *sp2 = memchr(rest, ' ', rl);
    size_t tl = sp2 ? (size_t)(sp2 - rest) : rl;
    if (tl == 0 || tl > FS_REPORT_TOOL_MAX)
        return bad_report(x, report, len);
    char *tool = printable(rest, tl, FS_REPORT_TOOL_MAX);
    char *arg =
        sp2 ? printable(sp2 + 1, len - (size_t)(sp2 + 1 - report), FS_REPORT_WHY_MAX) : strdup("");
    int rc = FS_OK;
    if (!tool || !arg) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    if (word_is(report, kl, "run") && sp2) {
        x->probes_ran++;
    } else if (word_is(report, kl, "fail")) {
        rc = set_problem(x, tool, sp2 ? arg : "with no status");
    } else if (word_is(report, kl, "miss")) {
        rc = set_problem(x, tool, NULL);
    } else if (word_is(report, kl, "odd") && sp2) {
        rc = odd_file(x, tool, arg);
    } else if (word_is(report, kl, "time")) {
        char msg[FS_REPORT_TOOL_MAX * 4 + 96];
        snprintf(msg, sizeof msg,
                 "did not finish within its time limit of %s s on the device "
                 "(stopped there)",
                 tool);
        rc = set_problem_text(x, msg);
    } else if (word_is(report, kl, "cut") && sp2) {
        /* "cut FILES SECONDS": the shared file-system walk hit its budget (walk.c) */
        char msg[FS_REPORT_TOOL_MAX * 4 + FS_REPORT_WHY_MAX * 4 + 64];
        snprintf(msg, sizeof msg, FS_WALK_CUT_FMT, tool, arg);
        rc = set_problem_text(x, msg);
    } else if (word_is(report, kl, "why")) {
        free(x->why);
        size_t n = strlen(tool) + strlen(arg) + 2;
        x->why = malloc(n);
        if (!x->why) {
            rc = FS_ERR_NOMEM;
            goto out;
        }
        snprintf(x->why, n, "%s %s", tool, arg);
    } else {
        rc = bad_report(x, report, len);
    }
out:
    free(tool);
    free(arg);
    return rc;
}

void fs_facts_remove(struct fs_facts *f, const char *id)
{
    size_t at;
    struct fs_fact *x = find_at(f, id, &at);
    if (!x)
        return;
    fact_dispose(x);
    memmove(&f->items[at], &f->items[at + 1], (f->n - at - 1) * sizeof *f->items);
    f->n--;
}

int fs_facts_derive(struct fs_facts *f, const char *from, const char *id, const char *data,
                    size_t len, const char *problem_first)
{
    const struct fs_fact *src = find(f, from);
    if (!src)
        return FS_ERR_NOTFOUND;
    /* copied before the put: the put may move the items */
    int rc_src = src->rc;
    enum fs_fact_state st = src->state;
    unsigned ran = src->probes_ran, reports = src->reports;
    bool end = src->reports_end;
    const char *why = problem_first ? problem_first : src->problem;
    char *problem = why ? strdup(why) : NULL;
    if (why && !problem)
        return FS_ERR_NOMEM;
    int rc = fs_facts_put(f, id, data, len, rc_src, st);
    if (rc) {
        free(problem);
        return rc;
    }
    struct fs_fact *x = find(f, id);
    FS_ASSERT(x);
    free(x->problem);
    x->problem = problem;
    x->probes_ran = ran;
    x->reports = reports;
    x->reports_end = end;
    return FS_OK;
}

bool fs_fact_proven(const struct fs_fact *f)
{
    return f && f->state == FS_FACT_OK && f->rc == 0 && !f->problem && f->reports_end;
}
