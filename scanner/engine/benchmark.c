/* SPDX-License-Identifier: Apache-2.0 */
/* Loading the XCCDF benchmark through libopenscap and reading its rules and profiles. */
#include "benchmark.h"
#include "../../checks/values.h"
#include "engine_priv.h"
#include "../core/limits.h"
#include "../core/util.h"
#include "../core/xccdf_ids.h"
#include "../../checks/check.h"
#include "../core/err.h"
#include "../core/util.h"

#include <errno.h>
#include <oscap.h>
#include <oscap_error.h>
#include <oscap_reference.h>
#include <oscap_source.h>
#include <oscap_text.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xccdf_benchmark.h>
#include <xccdf_policy.h>

static char *first_text(struct oscap_text_iterator *it)
{
    char *s = NULL;
    if (it && oscap_text_iterator_has_more(it)) {
        const char *t = oscap_text_get_text(oscap_text_iterator_next(it));
        s = strdup(t ? t : "");
    }
    oscap_text_iterator_free(it);
    return s ? s : strdup("");
}

/* The rule's first fixtext ("" without one), for reports. */
static char *fix_text(struct xccdf_rule *xr)
{
    char *s = NULL;
    struct xccdf_fixtext_iterator *it = xccdf_rule_get_fixtexts(xr);
    if (it && xccdf_fixtext_iterator_has_more(it)) {
        struct oscap_text *t = xccdf_fixtext_get_text(xccdf_fixtext_iterator_next(it));
        const char *txt = t ? oscap_text_get_text(t) : NULL;
        s = strdup(txt ? txt : "");
    } else {
        s = strdup("");
    }
    xccdf_fixtext_iterator_free(it);
    return s;
}

/* Collapses runs of whitespace (XML indentation) into single spaces. */
static void squeeze(char *s)
{
    char *w = s;
    bool space = true;
    for (char *r = s; *r; r++) {
        bool ws = *r == ' ' || *r == '\n' || *r == '\t' || *r == '\r';
        if (ws && space)
            continue;
        *w++ = *r;
        if (ws)
            w[-1] = ' ';
        space = ws;
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

static enum fs_severity severity_of(xccdf_level_t l)
{
    switch (l) {
    case XCCDF_HIGH:
        return FS_SEV_HIGH;
    case XCCDF_MEDIUM:
        return FS_SEV_MEDIUM;
    case XCCDF_LOW:
        return FS_SEV_LOW;
    case XCCDF_INFO:
        return FS_SEV_INFO;
    default:
        return FS_SEV_UNKNOWN;
    }
}

static int read_refs(struct fs_rule *r, struct xccdf_rule *xr)
{
    struct oscap_reference_iterator *it = xccdf_rule_get_references(xr);
    int rc = FS_OK;
    while (oscap_reference_iterator_has_more(it)) {
        struct oscap_reference *ref = oscap_reference_iterator_next(it);
        const char *std = oscap_reference_get_title(ref);
        const char *id = oscap_reference_get_identifier(ref);
        if (!oscap_reference_get_is_dublincore(ref)) {
            id = std;
            std = oscap_reference_get_href(ref);
        }
        struct fs_ref *p = realloc(r->refs, (r->nrefs + 1) * sizeof *p);
        if (!p) {
            rc = FS_ERR_NOMEM;
            break;
        }
        r->refs = p;
        p[r->nrefs].standard = strdup(std ? std : "");
        p[r->nrefs].id = strdup(id ? id : "");
        r->nrefs++;
        if (!p[r->nrefs - 1].standard || !p[r->nrefs - 1].id) {
            rc = FS_ERR_NOMEM;
            break;
        }
    }
    oscap_reference_iterator_free(it);
    return rc;
}

static const char *check_name(struct xccdf_rule *xr)
{
    const char *name = NULL;
    struct xccdf_check_iterator *ci = xccdf_rule_get_checks(xr);
    while (!name && xccdf_check_iterator_has_more(ci)) {
        struct xccdf_check *c = xccdf_check_iterator_next(ci);
        const char *sys = xccdf_check_get_system(c);
        if (!sys || strcmp(sys, FS_CHECK_SYSTEM) != 0)
            continue;
        struct xccdf_check_content_ref_iterator *ri = xccdf_check_get_content_refs(c);
        if (xccdf_check_content_ref_iterator_has_more(ri))
            name = xccdf_check_content_ref_get_name(xccdf_check_content_ref_iterator_next(ri));
        xccdf_check_content_ref_iterator_free(ri);
    }
    xccdf_check_iterator_free(ci);
    return name;
}

/* Groups nest at most this deep (the shipped benchmark: 1); deeper is refused, not recursed. */
#define FS_GROUP_DEPTH_MAX 32

/* NOLINTNEXTLINE(misc-no-recursion): bounded by FS_GROUP_DEPTH_MAX */
static int walk(struct fs_benchmark *b, struct xccdf_item_iterator *it, int principle, int depth,
                struct fs_buf *err)
{
    int rc = FS_OK;
    if (depth > FS_GROUP_DEPTH_MAX) {
        xccdf_item_iterator_free(it);
        fs_buf_try_addf(err, "groups nested deeper than %d levels", FS_GROUP_DEPTH_MAX);
        return FS_ERR_PARSE;
    }
    while (!rc && xccdf_item_iterator_has_more(it)) {
        struct xccdf_item *item = xccdf_item_iterator_next(it);
        const char *id = xccdf_item_get_id(item);
        if (xccdf_item_get_type(item) == XCCDF_GROUP) {
            struct xccdf_group *g = xccdf_item_to_group(item);
            const char *suffix = fs_after(id, FS_XCCDF_GROUP_TAG);
            int p = principle;
            if (suffix && suffix[0] == 'P' && suffix[1] >= '1' && suffix[1] <= '7' && !suffix[2]) {
                p = suffix[1] - '1';
                free(b->principle_titles[p]);
                b->principle_titles[p] = first_text(xccdf_group_get_title(g));
            }
            rc = walk(b, xccdf_group_get_content(g), p, depth + 1, err);
            continue;
        }
        if (xccdf_item_get_type(item) != XCCDF_RULE)
            continue;
        struct xccdf_rule *xr = xccdf_item_to_rule(item);
        const char *short_id = fs_after(id, FS_XCCDF_RULE_TAG);
        if (!short_id || !*short_id) {
            fs_buf_try_addf(err, "rule id '%s' does not end in _rule_<id>", id);
            rc = FS_ERR_PARSE;
            break;
        }
        if (principle < 0) {
            fs_buf_try_addf(err, "rule '%s' is not inside a principle group (_group_P1.._group_P7)",
                            id);
            rc = FS_ERR_PARSE;
            break;
        }
        struct fs_rule *p = realloc(b->rules, (b->nrules + 1) * sizeof *p);
        if (!p) {
            rc = FS_ERR_NOMEM;
            break;
        }
        b->rules = p;
        struct fs_rule *r = &b->rules[b->nrules++];
        memset(r, 0, sizeof *r);
        r->xccdf_id = strdup(id);
        r->title = first_text(xccdf_rule_get_title(xr));
        if (!r->xccdf_id || !r->title) {
            rc = FS_ERR_NOMEM;
            break;
        }
        squeeze(r->title);
        r->description = first_text(xccdf_rule_get_description(xr));
        r->fix = fix_text(xr);
        if (!r->description || !r->fix) {
            rc = FS_ERR_NOMEM;
            break;
        }
        squeeze(r->description);
        squeeze(r->fix);
        struct oscap_text_iterator *qi = xccdf_rule_get_question(xr);
        if (oscap_text_iterator_has_more(qi)) {
            r->question = first_text(qi);
            if (!r->question) {
                rc = FS_ERR_NOMEM;
                break;
            }
            squeeze(r->question);
        } else {
            oscap_text_iterator_free(qi);
        }
        r->short_id = fs_after(r->xccdf_id, FS_XCCDF_RULE_TAG);
        r->principle = principle;
        r->severity = severity_of(xccdf_rule_get_severity(xr));
        const char *cn = check_name(xr);
        r->manual = cn && strcmp(cn, FS_CHECK_MANUAL) == 0;
        r->check = cn && !r->manual ? fs_check_def_find(cn) : NULL;
        rc = read_refs(r, xr);
    }
    xccdf_item_iterator_free(it);
    return rc;
}

static int read_values(struct fs_benchmark *b, struct xccdf_value_iterator *it)
{
    int rc = FS_OK;
    while (!rc && xccdf_value_iterator_has_more(it)) {
        const char *id = xccdf_value_get_id(xccdf_value_iterator_next(it));
        char **v = realloc(b->value_ids, (b->nvalues + 1) * sizeof *v);
        if (!v) {
            rc = FS_ERR_NOMEM;
            break;
        }
        b->value_ids = v;
        if (!(v[b->nvalues] = strdup(id ? id : "")))
            rc = FS_ERR_NOMEM;
        else
            b->nvalues++;
    }
    xccdf_value_iterator_free(it);
    return rc;
}

static int read_profiles(struct fs_benchmark *b, struct xccdf_profile_iterator *it)
{
    int rc = FS_OK;
    while (xccdf_profile_iterator_has_more(it)) {
        struct xccdf_profile *xp = xccdf_profile_iterator_next(it);
        struct fs_profile *p = realloc(b->profiles, (b->nprofiles + 1) * sizeof *p);
        if (!p) {
            rc = FS_ERR_NOMEM;
            break;
        }
        b->profiles = p;
        struct fs_profile *np = &p[b->nprofiles++];
        np->id = strdup(xccdf_profile_get_id(xp));
        np->title = first_text(xccdf_profile_get_title(xp));
        if (!np->id || !np->title) {
            rc = FS_ERR_NOMEM;
            break;
        }
        squeeze(np->title);
        np->short_name = fs_after(np->id, FS_XCCDF_PROFILE_TAG);
        if (!np->short_name)
            np->short_name = np->id;
    }
    xccdf_profile_iterator_free(it);
    return rc;
}

struct validation {
    struct fs_buf *err;
    int problems;
};

static int on_invalid(const char *file, int line, const char *msg, void *arg)
{
    struct validation *v = arg;
    if (v->problems++ < 3) {
        size_t n = strlen(msg);
        while (n && msg[n - 1] == '\n')
            n--;
        fs_buf_try_addf(v->err, "%s%s:%d: %.*s", v->problems > 1 ? "; " : "", file ? file : "?",
                        line, (int)n, msg);
    }
    return 0;
}

/* Opens and schema-validates an XCCDF document of the wanted type; err names the problem. */
static struct oscap_source *open_valid(const char *path, oscap_document_type_t type,
                                       const char *what, struct fs_buf *err)
{
    if (access(path, R_OK) != 0) {
        fs_buf_try_addf(err, "%s: cannot read %s: %s", path, what, strerror(errno));
        return NULL;
    }
    struct oscap_source *src = oscap_source_new_from_file(path);
    if (!src || oscap_source_get_scap_type(src) != type) {
        fs_buf_try_addf(err, "%s: not an XCCDF %s (or not well-formed XML)", path, what);
        oscap_source_free(src);
        return NULL;
    }
    struct validation val = {err, 0};
    fs_buf_try_addf(err, "%s: invalid XCCDF %s: ", path, what);
    if (oscap_source_validate(src, on_invalid, &val) != 0) {
        if (val.problems == 0)
            fs_buf_try_adds(err, oscap_err() ? oscap_err_desc() : "validation failed");
        oscap_source_free(src);
        return NULL;
    }
    fs_buf_reset(err);
    return src;
}

int fs_benchmark_check_values(struct fs_benchmark *b, const char *origin, struct fs_buf *err)
{
    int rc = FS_OK;
    for (size_t p = 0; !rc && p < b->nprofiles; p++) {
        struct fs_kvlist vals;
        fs_kvlist_init(&vals);
        rc = fs_benchmark_profile_values(b, &b->profiles[p], &vals);
        for (size_t i = 0; !rc && i < vals.n; i++) {
            const struct fs_value_def *d = fs_value_def_find(vals.items[i].key);
            struct fs_buf why;
            fs_buf_init(&why, FS_VALUE_WHY_MAX);
            if (d && fs_value_check(d->format, vals.items[i].val, &why) != FS_OK) {
                fs_buf_try_addf(err, "%s: profile %s, value %s: %s", origin,
                                b->profiles[p].short_name, vals.items[i].key, fs_buf_cstr(&why));
                rc = FS_ERR_INVAL;
            }
            fs_buf_dispose(&why);
        }
        fs_kvlist_dispose(&vals);
    }
    return rc;
}

int fs_benchmark_tailor(struct fs_benchmark *b, const char *path, struct fs_buf *err)
{
    fs_buf_reset(err);
    struct oscap_source *src = open_valid(path, OSCAP_DOCUMENT_XCCDF_TAILORING, "tailoring", err);
    if (!src)
        return FS_ERR_PARSE;
    int rc = fs_engine_tailor(b, src, err);
    oscap_source_free(src);
    if (!rc)
        rc = fs_benchmark_check_values(b, path, err);
    if (rc && !err->len)
        fs_buf_try_addf(err, "%s: cannot apply tailoring: %s", path, fs_strerror(rc));
    if (!rc && !(b->tailoring_path = strdup(path)))
        rc = FS_ERR_NOMEM;
    return rc;
}

int fs_benchmark_add_profiles(struct fs_benchmark *b, void *profile_iterator)
{
    return read_profiles(b, profile_iterator);
}

int fs_benchmark_load(struct fs_benchmark **out, const char *path, struct fs_buf *err)
{
    struct fs_benchmark *b = calloc(1, sizeof *b);
    struct oscap_source *src = NULL;
    struct xccdf_benchmark *xb = NULL;
    int rc = FS_OK;
    *out = NULL;
    fs_buf_reset(err);
    if (!b)
        return FS_ERR_NOMEM;
    src = open_valid(path, OSCAP_DOCUMENT_XCCDF, "benchmark", err);
    if (!src) {
        rc = FS_ERR_PARSE;
        goto out;
    }
    xb = xccdf_benchmark_import_source(src);
    if (!xb) {
        fs_buf_try_addf(err, "%s: cannot load benchmark: %s", path,
                        oscap_err() ? oscap_err_desc() : "unknown error");
        rc = FS_ERR_PARSE;
        goto out;
    }
    b->path = strdup(path);
    b->id = strdup(xccdf_benchmark_get_id(xb));
    const char *ver = xccdf_benchmark_get_version(xb);
    b->version = strdup(ver ? ver : "");
    if (!b->path || !b->id || !b->version) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    if ((rc = walk(b, xccdf_benchmark_get_content(xb), -1, 0, err))) {
        if (err->len) {
            struct fs_buf tmp;
            fs_buf_init(&tmp, FS_ERRBUF_NESTED_MAX);
            /* prefixed with the path when it fits; the reason alone otherwise */
            if (fs_buf_addf(&tmp, "%s: %s", path, fs_buf_cstr(err)) == FS_OK) {
                fs_buf_reset(err);
                fs_buf_try_adds(err, fs_buf_cstr(&tmp));
            }
            fs_buf_dispose(&tmp);
        }
        goto out;
    }
    if ((rc = read_profiles(b, xccdf_benchmark_get_profiles(xb))) ||
        (rc = read_values(b, xccdf_benchmark_get_values(xb))))
        goto out;
    for (int p = 0; p < FS_PRINCIPLES; p++) {
        if (!b->principle_titles[p]) {
            fs_buf_try_addf(err, "%s: no group for principle P%d (id ending in _group_P%d)", path,
                            p + 1, p + 1);
            rc = FS_ERR_PARSE;
            goto out;
        }
    }
    rc = fs_engine_attach(b, xb);
    xb = NULL; /* owned by the policy model now (or freed on failure) */
    if (!rc)
        rc = fs_benchmark_check_values(b, path, err);
out:
    oscap_source_free(src);
    if (xb)
        xccdf_benchmark_free(xb);
    if (rc) {
        if (!err->len)
            fs_buf_try_addf(err, "%s: %s", path, fs_strerror(rc));
        fs_benchmark_free(b);
        b = NULL;
    }
    *out = b;
    return rc;
}

void fs_benchmark_free(struct fs_benchmark *b)
{
    if (!b)
        return;
    fs_engine_detach(b);
    for (size_t i = 0; i < b->nrules; i++) {
        for (size_t j = 0; j < b->rules[i].nrefs; j++) {
            free(b->rules[i].refs[j].standard);
            free(b->rules[i].refs[j].id);
        }
        free(b->rules[i].refs);
        free(b->rules[i].xccdf_id);
        free(b->rules[i].title);
        free(b->rules[i].question);
        free(b->rules[i].description);
        free(b->rules[i].fix);
    }
    free(b->rules);
    for (size_t i = 0; i < b->nvalues; i++)
        free(b->value_ids[i]);
    free(b->value_ids);
    for (size_t i = 0; i < b->nprofiles; i++) {
        free(b->profiles[i].id);
        free(b->profiles[i].title);
    }
    free(b->profiles);
    for (int p = 0; p < FS_PRINCIPLES; p++)
        free(b->principle_titles[p]);
    free(b->path);
    free(b->tailoring_path);
    free(b->tailoring_id);
    free(b->id);
    free(b->version);
    free(b);
}

const struct fs_profile *fs_benchmark_profile(const struct fs_benchmark *b, const char *name)
{
    /* Backwards: a tailored profile (added last) wins over the benchmark profile of the
     * same short name, so roles map to the site's tailoring. */
    for (size_t i = b->nprofiles; i-- > 0;)
        if (strcmp(b->profiles[i].id, name) == 0 || strcmp(b->profiles[i].short_name, name) == 0)
            return &b->profiles[i];
    return NULL;
}

const struct fs_rule *fs_benchmark_rule(const struct fs_benchmark *b, const char *short_id)
{
    for (size_t i = 0; i < b->nrules; i++)
        if (strcmp(b->rules[i].short_id, short_id) == 0)
            return &b->rules[i];
    return NULL;
}

int fs_benchmark_profile_facts(struct fs_benchmark *b, const struct fs_profile *p,
                               const char ***ids, size_t *n)
{
    size_t cap = b->nrules * FS_CHECK_MAX_FACTS + 1, cnt = 0;
    const char **v = calloc(cap, sizeof *v);
    if (!v)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < b->nrules; i++) {
        const struct fs_rule *r = &b->rules[i];
        if (!r->check || !fs_benchmark_selected(b, p, r))
            continue; /* manual rules read no facts */
        for (size_t k = 0; k < FS_CHECK_MAX_FACTS && r->check->facts[k]; k++) {
            bool dup = false;
            for (size_t j = 0; j < cnt && !dup; j++)
                dup = strcmp(v[j], r->check->facts[k]) == 0;
            if (!dup)
                v[cnt++] = r->check->facts[k];
        }
    }
    /* the fleet analysis reads every host's flows, whatever rules the profile selects */
    bool have = false;
    for (size_t j = 0; b->site && j < cnt && !have; j++)
        have = strcmp(v[j], "net_listen") == 0;
    if (b->site && !have)
        v[cnt++] = "net_listen";
    *ids = v;
    *n = cnt;
    return FS_OK;
}
