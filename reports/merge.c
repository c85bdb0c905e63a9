/* SPDX-License-Identifier: Apache-2.0 */
/* results.json documents joined into one fleet result (see merge.h). */
#include "merge.h"
#include "json_priv.h"

#include "../scanner/core/err.h"
#include "../scanner/core/util.h"

#include <stdlib.h>
#include <string.h>

/* One host of one input, where it came from and where it goes. */
struct merge_host {
    json_t *host;
    const char *name;
    size_t input, pos;
    json_int_t index; /* inventory_index; -1 when absent */
};

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static const char *or_none(const char *s, const char *none)
{
    return s ? s : none;
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* "A and B differ in WHAT: VA in A, VB in B". */
static int differ(const struct fs_merge_input *a, const struct fs_merge_input *b, const char *what,
                  const char *va, const char *vb, struct fs_buf *err)
{
    fs_buf_reset(err);
    fs_buf_try_addf(err, "%s and %s cannot be merged: different %s (%s in %s, %s in %s)", a->name,
                    b->name, what, va, a->name, vb, b->name);
    return FS_ERR_INVAL;
}

/* Benchmark and tailoring: the same files by id and digest. */
static int check_benchmark(const struct fs_merge_input *a, const struct fs_merge_input *b,
                           struct fs_buf *err)
{
    json_t *ba = json_object_get(a->doc, "benchmark"), *bb = json_object_get(b->doc, "benchmark");
    const char *ia = str(ba, "id"), *ib = str(bb, "id");
    if (!same(ia, ib))
        return differ(a, b, "benchmarks", or_none(ia, "none"), or_none(ib, "none"), err);
    const char *sa = str(ba, "sha256"), *sb = str(bb, "sha256");
    if (!same(sa, sb))
        return differ(a, b, "benchmark files (SHA-256)", or_none(sa, "none"), or_none(sb, "none"),
                      err);
    json_t *ta = json_object_get(a->doc, "tailoring"), *tb = json_object_get(b->doc, "tailoring");
    sa = str(ta, "sha256");
    sb = str(tb, "sha256");
    if (json_is_object(ta) != json_is_object(tb) || !same(sa, sb))
        return differ(a, b, "tailorings (SHA-256)",
                      json_is_object(ta) ? or_none(sa, "unknown") : "no tailoring",
                      json_is_object(tb) ? or_none(sb, "unknown") : "no tailoring", err);
    return FS_OK;
}

/* The profile -p gave every host, where both runs record it (files before floorscan 0.3 do
 * not: their hosts' profiles are checked against the benchmark when loaded, not compared). */
static int check_profile(const struct fs_merge_input *a, const struct fs_merge_input *b,
                         struct fs_buf *err)
{
    json_t *pa = json_object_get(a->doc, "profile"), *pb = json_object_get(b->doc, "profile");
    if (!pa || !pb || json_equal(pa, pb))
        return FS_OK;
    return differ(a, b, "profiles (-p)", or_none(json_string_value(pa), "each host's role"),
                  or_none(json_string_value(pb), "each host's role"), err);
}

/* The waiver register: the same file, and every entry standing the same on both judging days
 * (a run that crossed midnight may judge on two days, which is fine while nothing changes). */
static int check_waivers(const struct fs_merge_input *a, const struct fs_merge_input *b,
                         struct fs_buf *err)
{
    json_t *wa = json_object_get(a->doc, "waivers"), *wb = json_object_get(b->doc, "waivers");
    const char *sa = str(wa, "sha256"), *sb = str(wb, "sha256");
    if (json_is_object(wa) != json_is_object(wb) || !same(sa, sb))
        return differ(a, b, "waiver registers (SHA-256)",
                      json_is_object(wa) ? or_none(sa, "unknown") : "no register",
                      json_is_object(wb) ? or_none(sb, "unknown") : "no register", err);
    if (!json_is_object(wa))
        return FS_OK;
    json_t *ea = json_object_get(wa, "entries"), *eb = json_object_get(wb, "entries");
    if (json_array_size(ea) != json_array_size(eb))
        return differ(a, b, "waiver registers", "another number of entries",
                      "another number of entries", err);
    for (size_t i = 0; i < json_array_size(ea); i++) {
        json_t *xa = json_array_get(ea, i), *xb = json_array_get(eb, i);
        const char *sta = str(xa, "state"), *stb = str(xb, "state");
        if (!same(sta, stb)) {
            fs_buf_reset(err);
            fs_buf_try_addf(err,
                            "%s and %s cannot be merged: the waiver at line %lld of the register "
                            "is %s on %s in %s but %s on %s in %s",
                            a->name, b->name,
                            (long long)json_integer_value(json_object_get(xa, "line")),
                            or_none(sta, "?"), or_none(str(wa, "judged_on"), "?"), a->name,
                            or_none(stb, "?"), or_none(str(wb, "judged_on"), "?"), b->name);
            return FS_ERR_INVAL;
        }
    }
    return FS_OK;
}

/* The site model (--zones): every input with the same one (by the file's SHA-256; by the
 * model itself where a digest is missing), or none of them with one - a fleet analysis over
 * hosts judged against two models, or half of them against none, would mean nothing. */
static int check_site(const struct fs_merge_input *a, const struct fs_merge_input *b,
                      struct fs_buf *err)
{
    json_t *sa = json_object_get(a->doc, "site"), *sb = json_object_get(b->doc, "site");
    bool ha = json_is_object(sa), hb = json_is_object(sb);
    if (!ha && !hb)
        return FS_OK;
    const char *da = str(sa, "sha256"), *db = str(sb, "sha256");
    if (ha != hb)
        return differ(a, b, "site models (--zones)",
                      ha ? or_none(da && *da ? da : NULL, "a model") : "no site model",
                      hb ? or_none(db && *db ? db : NULL, "a model") : "no site model", err);
    if (da && *da && db && *db) {
        if (strcmp(da, db) != 0)
            return differ(a, b, "site models (--zones, SHA-256)", da, db, err);
        return FS_OK;
    }
    /* without both digests: the zones and conduits themselves (where the file was may differ) */
    if (!json_equal(json_object_get(sa, "zones"), json_object_get(sb, "zones")) ||
        !json_equal(json_object_get(sa, "conduits"), json_object_get(sb, "conduits")))
        return differ(a, b, "site models (--zones)", "one set of zones and conduits", "another",
                      err);
    return FS_OK;
}

/* "fail_under 80, fail_on high" (or "no gate") into buf. */
static const char *gate_text(json_t *g, char *buf, size_t n)
{
    json_t *fu = json_object_get(g, "fail_under");
    const char *fo = str(g, "fail_on");
    if (!json_is_number(fu) && !fo) {
        snprintf(buf, n, "no gate");
    } else {
        char under[32] = "none";
        if (json_is_number(fu))
            snprintf(under, sizeof under, "%.1f", json_number_value(fu));
        snprintf(buf, n, "--fail-under %s, --fail-on %s", under, or_none(fo, "none"));
    }
    return buf;
}

static int check_gate(const struct fs_merge_input *a, const struct fs_merge_input *b,
                      struct fs_buf *err)
{
    json_t *ga = json_object_get(a->doc, "gate"), *gb = json_object_get(b->doc, "gate");
    json_t *fa = json_object_get(ga, "fail_under"), *fb = json_object_get(gb, "fail_under");
    bool under_same = (!json_is_number(fa) && !json_is_number(fb)) ||
                      (json_is_number(fa) && json_is_number(fb) &&
                       json_number_value(fa) == json_number_value(fb));
    if (under_same && same(str(ga, "fail_on"), str(gb, "fail_on")))
        return FS_OK;
    char ta[96], tb[96];
    int rc = differ(a, b, "gates", gate_text(ga, ta, sizeof ta), gate_text(gb, tb, sizeof tb), err);
    fs_buf_try_adds(err, "; give merge --fail-under/--fail-on to set the merged result's gate");
    return rc;
}

static int cmp_name(const void *x, const void *y)
{
    const struct merge_host *a = x, *b = y;
    int c = strcmp(a->name, b->name);
    if (c)
        return c;
    return a->input < b->input ? -1 : a->input > b->input;
}

/* A full scan's order: by place in the inventory, ties (separate inventories) by argument. */
static int cmp_place(const void *x, const void *y)
{
    const struct merge_host *a = x, *b = y;
    if (a->index != b->index)
        return a->index < b->index ? -1 : 1;
    if (a->input != b->input)
        return a->input < b->input ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Every host of every input, in argument order; a name in two inputs is refused. */
static int gather(const struct fs_merge_input *in, size_t n, struct merge_host **out, size_t *nh,
                  bool *indexed, struct fs_buf *err)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += json_array_size(json_object_get(in[i].doc, "hosts"));
    struct merge_host *h = calloc(total ? total : 1, sizeof *h), *byname = NULL;
    int rc = FS_OK;
    *indexed = true;
    if (!h) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *hosts = json_object_get(in[i].doc, "hosts"), *hj;
        size_t pos;
        json_array_foreach(hosts, pos, hj)
        {
            json_t *ix = json_object_get(hj, "inventory_index");
            const char *name = str(hj, "name");
            h[k] = (struct merge_host){hj, name ? name : "", i, pos,
                                       json_is_integer(ix) ? json_integer_value(ix) : -1};
            *indexed &= h[k].index >= 0;
            k++;
        }
    }
    if (!(byname = malloc((total ? total : 1) * sizeof *byname))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    memcpy(byname, h, total * sizeof *h);
    qsort(byname, total, sizeof *byname, cmp_name);
    for (size_t j = 1; j < total; j++) {
        if (strcmp(byname[j - 1].name, byname[j].name) == 0) {
            const char *a = in[byname[j - 1].input].name, *b = in[byname[j].input].name;
            fs_buf_reset(err);
            if (byname[j - 1].input == byname[j].input)
                fs_buf_try_addf(err, "%s: host '%s' is listed twice", a, byname[j].name);
            else
                fs_buf_try_addf(err,
                                "%s and %s cannot be merged: both hold host '%s' (a host may be "
                                "in one input only)",
                                a, b, byname[j].name);
            rc = FS_ERR_INVAL;
            goto out;
        }
    }
    *out = h;
    *nh = total;
    h = NULL;
out:
    free(byname);
    free(h);
    return rc;
}

/* started: the earliest; finished: the latest (RFC 3339 UTC; unreadable ones are skipped). */
static int merge_times(const struct fs_merge_input *in, size_t n, json_t *out)
{
    const char *keys[] = {"started", "finished"};
    for (size_t k = 0; k < 2; k++) {
        json_t *best = NULL;
        long long bt = 0;
        for (size_t i = 0; i < n; i++) {
            json_t *v = json_object_get(in[i].doc, keys[k]);
            long long t;
            if (!json_is_string(v) || !fs_parse_rfc3339(json_string_value(v), &t))
                continue;
            if (!best || (k == 0 ? t < bt : t > bt)) {
                best = v;
                bt = t;
            }
        }
        if (best && json_object_set(out, keys[k], best) != 0)
            return FS_ERR_NOMEM;
    }
    return FS_OK;
}

/* The register of the earliest judging day (the run's start day, as a full scan judges), each
 * entry's matched count the sum over the inputs. The registers were checked to be one file
 * whose entries stand the same in every input. */
static int merge_waivers(const struct fs_merge_input *in, size_t n, json_t *out)
{
    size_t first = 0;
    for (size_t i = 1; i < n; i++) {
        const char *d = str(json_object_get(in[i].doc, "waivers"), "judged_on");
        const char *f = str(json_object_get(in[first].doc, "waivers"), "judged_on");
        if (d && f && strcmp(d, f) < 0)
            first = i;
    }
    json_t *src = json_object_get(in[first].doc, "waivers");
    if (!json_is_object(src))
        return FS_OK;
    json_t *w = json_deep_copy(src), *e;
    size_t k;
    if (!w)
        return FS_ERR_NOMEM;
    json_t *entries = json_object_get(w, "entries");
    json_array_foreach(entries, k, e)
    {
        json_int_t sum = 0;
        for (size_t i = 0; i < n; i++) {
            json_t *ei = json_array_get(
                json_object_get(json_object_get(in[i].doc, "waivers"), "entries"), k);
            sum += json_integer_value(json_object_get(ei, "matched"));
        }
        if (json_object_set_new(e, "matched", json_integer(sum)) != 0) {
            json_decref(w);
            return FS_ERR_NOMEM;
        }
    }
    return json_object_set_new(out, "waivers", w) == 0 ? FS_OK : FS_ERR_NOMEM;
}

int fs_results_merge(const struct fs_merge_input *in, size_t n, bool gate_given, json_t **out,
                     struct fs_buf *err)
{
    struct merge_host *h = NULL;
    size_t nh = 0;
    bool indexed = false;
    json_t *doc = NULL, *hosts = NULL;
    int rc = FS_OK;
    *out = NULL;
    FS_ASSERT(n >= 1);
    for (size_t i = 1; i < n && !rc; i++) {
        if ((rc = check_benchmark(&in[0], &in[i], err)) ||
            (rc = check_profile(&in[0], &in[i], err)) ||
            (rc = check_waivers(&in[0], &in[i], err)) || (rc = check_site(&in[0], &in[i], err)) ||
            (!gate_given && (rc = check_gate(&in[0], &in[i], err))))
            goto out;
    }
    if ((rc = gather(in, n, &h, &nh, &indexed, err)))
        goto out;
    if (indexed)
        qsort(h, nh, sizeof *h, cmp_place);
    if (!(doc = json_object()) || !(hosts = json_array())) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    /* the first input's members (schema, scanner, benchmark, tailoring, gate, profile, ...)
     * are shared, not copied: nothing below changes them */
    const char *key;
    json_t *v;
    json_object_foreach(in[0].doc, key, v)
    {
        if (strcmp(key, "summary") != 0 && strcmp(key, "history") != 0 &&
            strcmp(key, "drift") != 0 && strcmp(key, "hosts") != 0 && strcmp(key, "waivers") != 0 &&
            strcmp(key, "fleet") != 0 && json_object_set(doc, key, v) != 0) {
            rc = FS_ERR_NOMEM;
            goto out;
        }
    }
    for (size_t i = 0; i < nh; i++) {
        if (json_array_append(hosts, h[i].host) != 0) {
            rc = FS_ERR_NOMEM;
            goto out;
        }
    }
    /* incomplete when any input is, with the reason it gave (the merged reason names how many
     * inputs were cut short; cut by bytes, so made printable text again: fs_json_text) */
    size_t incomplete = 0;
    const char *first_why = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!json_is_true(json_object_get(in[i].doc, "incomplete")))
            continue;
        if (!incomplete++)
            first_why = json_string_value(json_object_get(in[i].doc, "incomplete_reason"));
    }
    char why[128];
    if (incomplete == 1)
        snprintf(why, sizeof why, "%.80s (1 of %zu merged results)",
                 first_why && *first_why ? first_why : "no reason recorded", n);
    else
        snprintf(why, sizeof why, "%zu of %zu merged results incomplete, the first: %.60s",
                 incomplete, n, first_why && *first_why ? first_why : "no reason recorded");
    if (json_object_set(doc, "hosts", hosts) != 0 || (rc = merge_times(in, n, doc)) ||
        (rc = merge_waivers(in, n, doc)) ||
        (incomplete && (json_object_set_new(doc, "incomplete", json_true()) != 0 ||
                        json_object_set_new(doc, "incomplete_reason", fs_json_text(why)) != 0))) {
        rc = rc ? rc : FS_ERR_NOMEM;
        goto out;
    }
    *out = doc;
    doc = NULL;
out:
    if (rc == FS_ERR_NOMEM) {
        fs_buf_reset(err);
        fs_buf_try_adds(err, "out of memory while merging the results");
    }
    json_decref(hosts);
    json_decref(doc);
    free(h);
    return rc;
}
