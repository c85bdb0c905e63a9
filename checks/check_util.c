/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by check implementations. */
#include "check_util.h"
#include "fact_parse.h"
#include "sshd_config.h"
#include "../scanner/core/limits.h"
#include "../scanner/core/util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FS_LIST_MAX_ITEMS 20

void fs_verdict_init(struct fs_verdict *v)
{
    v->result = FS_RESULT_ERROR;
    fs_buf_init(&v->evidence, FS_EVIDENCE_MAX + 64);
}

void fs_verdict_dispose(struct fs_verdict *v)
{
    fs_buf_dispose(&v->evidence);
}

void fs_verdict_set(struct fs_verdict *v, enum fs_result r, const char *fmt, ...)
{
    struct fs_buf raw;
    fs_buf_init(&raw, FS_VERDICT_RAW_MAX);
    va_list ap;
    va_start(ap, fmt);
    /* evidence past the raw cap (or no memory for it) is shown as cut, never silently lost */
    bool cut = fs_buf_vaddf(&raw, fmt, ap) != FS_OK;
    va_end(ap);
    size_t n = raw.len > FS_EVIDENCE_MAX ? FS_EVIDENCE_MAX : raw.len;
    fs_buf_reset(&v->evidence);
    /* Escaping may grow the text; the escaped buffer's cap bounds it either way. */
    struct fs_buf esc;
    fs_buf_init(&esc, FS_EVIDENCE_MAX);
    bool esc_cut = false;
    if (fs_buf_add_printable_cut(&esc, fs_buf_cstr(&raw), n, &esc_cut) != FS_OK)
        cut = true;
    cut |= esc_cut || raw.len > n || esc.len >= FS_EVIDENCE_MAX;
    /* the evidence buffer holds FS_EVIDENCE_MAX and the marker: only no memory fails here,
     * and then the verdict keeps what fitted */
    int rc = fs_buf_adds(&v->evidence, fs_buf_cstr(&esc));
    if (rc == FS_OK && cut)
        rc = fs_buf_adds(&v->evidence, esc.len ? " [evidence cut]" : "[evidence cut]");
    fs_best_effort(rc);
    fs_buf_dispose(&esc);
    fs_buf_dispose(&raw);
    v->result = r;
}

/* The first line of a fact's output, shortened, for the reason of an error. */
static void first_line(const struct fs_fact *f, char *out, size_t outlen)
{
    size_t n = 0;
    while (n < f->len && f->data[n] != '\n')
        n++;
    struct fs_line l = {f->data, n};
    fs_line_str(l, out, outlen);
}

const struct fs_fact *fs_check_fact(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                                    const char *id)
{
    const struct fs_fact *f = fs_facts_get(ctx->facts, id);
    if (!f) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "fact %s was not collected (the host's output ended early)", id);
        return NULL;
    }
    if (f->state == FS_FACT_NEEDS_ROOT) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "needs root: log in as root or set 'become: true' for this host "
                       "(fact %s)",
                       id);
        return NULL;
    }
    if (f->state == FS_FACT_TRUNCATED) {
        fs_verdict_set(v, FS_RESULT_ERROR, "output of fact %s exceeded its size cap", id);
        return NULL;
    }
    /* No verdict without proof: an empty result means nothing unless the probe ran. */
    if (f->problem) {
        fs_verdict_set(v, FS_RESULT_ERROR, "probe %s did not run: %s", id, f->problem);
        return NULL;
    }
    if (f->rc != 0) {
        char why[200];
        first_line(f, why, sizeof why);
        fs_verdict_set(v, FS_RESULT_ERROR, "probe %s failed (exit status %d)%s%s", id, f->rc,
                       why[0] ? ": " : "", why);
        return NULL;
    }
    /* The reports that prove the probe ran end with "end": without it some may be lost. */
    if (!f->reports_end) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "probe %s: its probe reports did not all arrive (output cut)", id);
        return NULL;
    }
    return f;
}

bool fs_next_line(const struct fs_fact *f, size_t *pos, struct fs_line *line)
{
    if (*pos >= f->len)
        return false;
    const char *s = f->data + *pos;
    const char *nl = memchr(s, '\n', f->len - *pos);
    size_t n = nl ? (size_t)(nl - s) : f->len - *pos;
    line->s = s;
    line->len = n;
    *pos += n + (nl ? 1 : 0);
    return true;
}

size_t fs_split(struct fs_line line, char sep, struct fs_line *fields, size_t max)
{
    size_t n = 0;
    const char *p = line.s, *end = line.s + line.len;
    while (n < max) {
        const char *q = n + 1 == max ? NULL : memchr(p, sep, (size_t)(end - p));
        if (!q) {
            fields[n++] = (struct fs_line){p, (size_t)(end - p)};
            break;
        }
        fields[n++] = (struct fs_line){p, (size_t)(q - p)};
        p = q + 1;
    }
    return n;
}

bool fs_line_eq(struct fs_line l, const char *s)
{
    return strlen(s) == l.len && memcmp(l.s, s, l.len) == 0;
}

bool fs_line_has_nul(struct fs_line l)
{
    return memchr(l.s, '\0', l.len) != NULL;
}

void fs_line_raw(struct fs_line l, char *out, size_t outlen)
{
    if (!outlen)
        return;
    size_t n = l.len < outlen - 1 ? l.len : outlen - 1;
    for (size_t i = 0; i < n; i++) {
        out[i] = l.s[i];
        if (out[i] == '\0')
            out[i] = '?';
    }
    out[n] = '\0';
}

void fs_line_str(struct fs_line l, char *out, size_t outlen)
{
    struct fs_buf b;
    fs_buf_init(&b, outlen ? outlen - 1 : 0);
    /* a field is shown cut to out's size; no memory leaves it "" */
    if (fs_buf_add_printable_cut(&b, l.s, l.len > outlen ? outlen : l.len, NULL) != FS_OK)
        fs_buf_reset(&b);
    snprintf(out, outlen, "%s", fs_buf_cstr(&b));
    fs_buf_dispose(&b);
}

struct expect_arg {
    const char *const *keys;
    const char *want;
};

static enum fs_result expect_judge(const struct fs_kvlist *set, const void *arg, char *ev,
                                   size_t evlen)
{
    const struct expect_arg *a = arg;
    bool ok = true;
    size_t n = 0;
    ev[0] = '\0';
    for (const char *const *k = a->keys; *k; k++) {
        const char *val = fs_kvlist_get(set, *k);
        if (!val) {
            snprintf(ev, evlen, "'%s' is missing from the sshd configuration", *k);
            return FS_RESULT_ERROR;
        }
        ok &= strcmp(val, a->want) == 0;
        int w = snprintf(ev + n, evlen - n, "%s%s %.100s", n ? ", " : "", *k, val);
        if (w > 0 && (size_t)w < evlen - n)
            n += (size_t)w;
    }
    return ok ? FS_RESULT_PASS : FS_RESULT_FAIL;
}

void fs_sshd_expect(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *const *keys,
                    const char *want)
{
    struct expect_arg a = {keys, want};
    fs_sshd_judge(ctx, v, expect_judge, &a);
}

int fs_sshd_lookup(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *key, char *out,
                   size_t outlen, bool *found)
{
    struct fs_sshd s;
    out[0] = '\0';
    *found = false;
    if (!fs_sshd_load(ctx, v, &s))
        return FS_ERR_NOTFOUND;
    const char *val = fs_kvlist_get(&s.views[0].settings, key);
    if (val)
        snprintf(out, outlen, "%s", val);
    *found = val != NULL;
    fs_sshd_dispose(&s);
    return FS_OK;
}

bool fs_sysctl_get(const struct fs_fact *f, const char *key, long *out)
{
    return fs_kv_long(f, key, out);
}

bool fs_sysctl_absent(const struct fs_fact *f, const char *key)
{
    size_t pos = 0, klen = strlen(key);
    struct fs_line l;
    while (fs_next_line(f, &pos, &l))
        if (l.len == klen + 7 && memcmp(l.s, "absent ", 7) == 0 && memcmp(l.s + 7, key, klen) == 0)
            return true;
    return false;
}

/* The error for a switch not read: the collector says "unreadable KEY" when the scan's user may
 * not read it. */
static void sysctl_unread(struct fs_verdict *v, const struct fs_fact *f, const char *key)
{
    size_t pos = 0, klen = strlen(key);
    struct fs_line l;
    bool root = false;
    while (!root && fs_next_line(f, &pos, &l))
        root = l.len == klen + 11 && memcmp(l.s, "unreadable ", 11) == 0 &&
               memcmp(l.s + 11, key, klen) == 0;
    fs_verdict_set(v, FS_RESULT_ERROR, "%s could not be read from /proc/sys%s", key,
                   root ? ": on this kernel it needs root: log in as root or set 'become: true' "
                          "for this host"
                        : "");
}

void fs_sysctl_expect(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                      const struct fs_sysctl_want *w, size_t n)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "sysctl_hardening");
    if (!f)
        return;
    struct fs_list bad, good;
    fs_list_init(&bad);
    fs_list_init(&good);
    const char *missing = NULL;
    for (size_t i = 0; i < n; i++) {
        long val;
        char item[160];
        if (!fs_sysctl_get(f, w[i].key, &val)) {
            /* optional keys may be absent, but only proven absent ("absent KEY") */
            if (w[i].optional && fs_sysctl_absent(f, w[i].key)) {
                snprintf(item, sizeof item, "%s absent", w[i].key);
                fs_list_add(&good, item);
            } else if (!missing) {
                missing = w[i].key;
            }
            continue;
        }
        snprintf(item, sizeof item, "%s=%ld", w[i].key, val);
        fs_list_add(val >= w[i].min && val <= w[i].max ? &good : &bad, item);
    }
    if (bad.count) /* a setting that is wrong is a finding, whatever else was unreadable */
        fs_verdict_set(v, FS_RESULT_FAIL, "%s", fs_list_str(&bad));
    else if (missing)
        sysctl_unread(v, f, missing);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s", fs_list_str(&good));
    fs_list_dispose(&bad);
    fs_list_dispose(&good);
}

bool fs_sysctl_feature(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *key,
                       const char *lacks, long *out)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "sysctl_hardening");
    if (!f)
        return false;
    if (fs_sysctl_get(f, key, out))
        return true;
    if (fs_sysctl_absent(f, key))
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "the kernel has no %s (no /proc/sys/%s)", lacks,
                       key);
    else
        sysctl_unread(v, f, key);
    return false;
}

bool fs_line_long(struct fs_line l, long *out)
{
    char num[32];
    if (l.len == 0 || l.len >= sizeof num || fs_line_has_nul(l))
        return false;
    memcpy(num, l.s, l.len);
    num[l.len] = '\0';
    return fs_parse_long(num, out);
}

bool fs_next_pwent(const struct fs_fact *f, size_t *pos, struct fs_pwent *e, size_t *malformed)
{
    struct fs_line l;
    while (fs_next_line(f, pos, &l)) {
        struct fs_line fld[7];
        if (l.len == 0)
            continue;
        if (fs_split(l, ':', fld, 7) != 7 || fld[0].len == 0 || !fs_line_long(fld[2], &e->uid) ||
            !fs_line_long(fld[3], &e->gid)) {
            (*malformed)++;
            continue;
        }
        e->name = fld[0];
        e->home = fld[5];
        e->shell = fld[6];
        return true;
    }
    return false;
}

bool fs_shell_can_login(struct fs_line shell)
{
    static const char *const no[] = {"nologin", "false", "sync", "shutdown", "halt"};
    const char *base = shell.s;
    for (size_t i = 0; i < shell.len; i++)
        if (shell.s[i] == '/')
            base = shell.s + i + 1;
    struct fs_line b = {base, shell.len - (size_t)(base - shell.s)};
    if (b.len == 0)
        return true; /* an empty shell field means /bin/sh */
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (fs_line_eq(b, no[i]))
            return false;
    return true;
}

bool fs_fact_is_text(const struct fs_fact *f)
{
    return memchr(f->data, '\0', f->len) == NULL;
}

bool fs_lines_prefixed(const struct fs_fact *f, const char *const *prefixes)
{
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len == 0)
            continue;
        bool ok = false;
        for (const char *const *p = prefixes; *p && !ok; p++)
            ok = l.len >= strlen(*p) && memcmp(l.s, *p, strlen(*p)) == 0;
        if (!ok)
            return false;
    }
    return true;
}

void fs_paths_absent(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *fact,
                     const char *what)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, fact);
    if (!f)
        return;
    struct fs_list found;
    fs_list_init(&found);
    size_t pos = 0, more = 0;
    struct fs_line l;
    bool junk = false;
    while (fs_next_line(f, &pos, &l)) {
        long n;
        char raw[64];
        if (l.len == 0 || fs_line_eq(l, "# by id") || fs_line_eq(l, "# none"))
            continue; /* how the walk was done, or the place searched does not exist */
        fs_line_raw(l, raw, sizeof raw);
        if (strncmp(raw, "# more ", 7) == 0 && fs_parse_long(raw + 7, &n) && n > 0) {
            more += (size_t)n; /* the list was cut, the walk was not */
            continue;
        }
        if (l.s[0] != '/') {
            junk = true; /* a name with a newline continues here, or junk */
            continue;
        }
        char path[300];
        fs_line_str(l, path, sizeof path);
        fs_list_add(&found, path);
    }
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%zu %s: %s", found.count + more, what,
                       fs_list_str(&found));
    else if (junk)
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output while searching for %s", what);
    else if (more)
        fs_verdict_set(v, FS_RESULT_ERROR, "the search for %s was cut short: not judged", what);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no %s", what);
    fs_list_dispose(&found);
}

bool fs_fact_first_line(const struct fs_fact *f, const char *line)
{
    size_t pos = 0;
    struct fs_line l;
    return fs_next_line(f, &pos, &l) && fs_line_eq(l, line);
}

const struct fs_fact *fs_sudoers_fact(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "sudoers");
    if (f && f->len >= 6 && memcmp(f->data, "# none", 6) == 0) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "sudo is not installed");
        return NULL;
    }
    if (f && !fs_fact_is_text(f)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "sudoers output is not text");
        return NULL;
    }
    if (f && fs_sudoers_unread(f, v))
        return NULL;
    return f;
}

bool fs_sudoers_unread(const struct fs_fact *f, struct fs_verdict *v)
{
    static const char marker[] = "# unread include ";
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len < sizeof marker - 1 || memcmp(l.s, marker, sizeof marker - 1) != 0)
            continue;
        char shown[200];
        fs_line_str((struct fs_line){l.s + sizeof marker - 1, l.len - (sizeof marker - 1)}, shown,
                    sizeof shown);
        fs_verdict_set(v, FS_RESULT_ERROR, "sudoers includes %s, which was not read", shown);
        return true;
    }
    return false;
}

bool fs_proc_list_sane(const struct fs_fact *f)
{
    return f->len > 0 && memchr(f->data, '\0', f->len) == NULL;
}

bool fs_proc_running(const struct fs_fact *f, const char *comm)
{
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l))
        if (fs_line_eq(l, comm))
            return true;
    return false;
}

bool fs_word_in(const char *list, const char *word, size_t wlen)
{
    const char *p = list;
    while (p && *p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        size_t n = strcspn(p, " \t,");
        if (n == wlen && n && memcmp(p, word, n) == 0)
            return true;
        p += n;
    }
    return false;
}

const char *fs_check_value(const struct fs_check_ctx *ctx, const char *name)
{
    return ctx->values ? fs_kvlist_get(ctx->values, name) : NULL;
}

bool fs_value_true(const char *s)
{
    return s && (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0);
}

void fs_list_init(struct fs_list *l)
{
    fs_buf_init(&l->buf, FS_LIST_TEXT_MAX);
    fs_strset_init(&l->items);
    l->count = 0;
}

bool fs_list_has(const struct fs_list *l, const char *item)
{
    return fs_strset_has(&l->items, item);
}

void fs_list_add(struct fs_list *l, const char *item)
{
    /* Remembered whole, even past what the evidence shows: fs_list_has is exact. An item
     * that cannot be remembered (no memory) is still counted and shown. */
    fs_best_effort(fs_strset_add(&l->items, item));
    /* The shown list is bounded by its buffer's cap as well: an item past it is counted (the
     * verdict says how many), not shown. */
    if (l->count < FS_LIST_MAX_ITEMS)
        fs_best_effort(fs_buf_addf(&l->buf, "%s%s", l->count ? ", " : "", item));
    else if (l->count == FS_LIST_MAX_ITEMS)
        fs_best_effort(fs_buf_adds(&l->buf, ", ..."));
    l->count++;
}

void fs_list_dispose(struct fs_list *l)
{
    fs_strset_dispose(&l->items);
    fs_buf_dispose(&l->buf);
}

const char *fs_list_str(const struct fs_list *l)
{
    return fs_buf_cstr(&l->buf);
}

const char *fs_result_name(enum fs_result r)
{
    static const char *const names[] = {"pass",          "fail",          "error",
                                        "unknown",       "notapplicable", "notchecked",
                                        "informational", "notselected"};
    return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "unknown";
}

void fs_check_run(const struct fs_check_def *def, const struct fs_check_ctx *ctx,
                  struct fs_verdict *v)
{
    fs_buf_reset(&v->evidence);
    v->result = FS_RESULT_ERROR;
    def->fn(ctx, v);
    if (v->evidence.len == 0 && v->result == FS_RESULT_ERROR)
        fs_verdict_set(v, FS_RESULT_ERROR, "check %s gave no verdict", def->id);
}
