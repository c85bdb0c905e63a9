/* SPDX-License-Identifier: Apache-2.0 */
/* The waiver register: loading and validating the YAML (libyaml), judging expiry, matching. */
#include "waivers.h"
#include "../core/err.h"
#include "../core/limits.h"
#include "../core/util.h"
#include "../core/yaml_doc.h"
#include "../engine/benchmark.h"
#include "../inventory/inventory.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

/* A rule pattern is matched against every rule of the benchmark: bounded so that fnmatch's
 * backtracking stays cheap on a hostile register. */
#define RULE_MAX_LEN   200
#define RULE_MAX_STARS 4
/* Names in one scope list (hosts, zones or roles of one waiver), and in the whole register:
 * each is looked up in the inventory, so a hostile register cannot make that quadratic. */
#define SCOPE_MAX       1024
#define SCOPE_TOTAL_MAX 65536

struct loader {
    const char *name;
    yaml_document_t *doc;
    const struct fs_benchmark *b;
    const struct fs_inventory *inv;
    struct fs_buf *err;
    size_t text;  /* bytes of text copied so far (FS_WAIVERS_MAX_TEXT_BYTES) */
    size_t names; /* scope names read so far (SCOPE_TOTAL_MAX) */
};

static int fail(struct loader *ld, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct loader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fs_yaml_vfail(ld->err, ld->name, node, fmt, ap);
    va_end(ap);
    return rc;
}

static const char *scalar(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    return (const char *)n->data.scalar.value;
}

static const char *node_kind(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE:
        return "a mapping";
    case YAML_SEQUENCE_NODE:
        return "a list";
    default:
        return n->data.scalar.length ? "a single value" : "empty";
    }
}

/* Control characters (C0, DEL, C1) and bidi overrides: register text reaches terminals,
 * HTML, CSV and XML, so it is refused here rather than escaped in every writer. */
static bool has_control(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x20 || p[i] == 0x7f)
            return true;
        if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
            return true;
        if (p[i] == 0xe2 && i + 2 < n &&
            ((p[i + 1] == 0x80 && p[i + 2] >= 0xaa && p[i + 2] <= 0xae) ||
             (p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)))
            return true;
    }
    return false;
}

static const char *skip_space(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

static size_t trimmed_len(const char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    return n;
}

/* A non-empty single-line string value of key (its node k for the line). */
static int text_value(struct loader *ld, const yaml_node_t *k, const yaml_node_t *v,
                      const char *key, char **out)
{
    const char *s = scalar(v);
    if (!s)
        return fail(ld, k, "%s must be a text, not %s", key, node_kind(v));
    size_t n = v->data.scalar.length;
    if (strlen(s) != n || has_control(s, n))
        return fail(ld, k, "%s holds a control character (write it on one line, without tabs)",
                    key);
    s = skip_space(s);
    if (trimmed_len(s) == 0)
        return fail(ld, k, "%s is empty", key);
    if (n > FS_WAIVERS_MAX_TEXT_BYTES - ld->text)
        return fail(ld, k, "the register holds more than %zu bytes of text",
                    (size_t)FS_WAIVERS_MAX_TEXT_BYTES);
    ld->text += n;
    *out = fs_strndup(s, trimmed_len(s));
    return *out ? FS_OK : FS_ERR_NOMEM;
}

static bool is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool fs_waiver_date_days(const char *s, long *days)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    long y = (s[0] - '0') * 1000L + (s[1] - '0') * 100L + (s[2] - '0') * 10L + (s[3] - '0');
    long m = (s[5] - '0') * 10L + (s[6] - '0');
    long d = (s[8] - '0') * 10L + (s[9] - '0');
    if (y < 1970 || m < 1 || m > 12 || d < 1)
        return false;
    if (d > mdays[m - 1] + (m == 2 && is_leap(y)))
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

static int date_value(struct loader *ld, const yaml_node_t *k, const yaml_node_t *v,
                      const char *key, char out[11], long *days)
{
    const char *s = scalar(v);
    if (!s)
        return fail(ld, k, "%s must be a date (YYYY-MM-DD), not %s", key, node_kind(v));
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || strspn(s, "0123456789-") != 10)
        return fail(ld, k, "%s '%s' is not a date (YYYY-MM-DD)", key, s);
    if (!fs_waiver_date_days(s, days))
        return fail(ld, k, "%s '%s' is not a calendar day", key, s);
    memcpy(out, s, 11);
    return FS_OK;
}

static void strv_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* The items of a key that takes one scalar or a list of them: *items NULL and *n 1 for a
 * scalar. An empty list or another node is an error in words the register's author knows. */
static int list_items(struct loader *ld, const yaml_node_t *k, const yaml_node_t *v,
                      const char *key, const char *expected, const char *empty_hint,
                      const yaml_node_item_t **items, size_t *n)
{
    *items = NULL;
    *n = 1;
    if (v->type == YAML_SEQUENCE_NODE) {
        *items = v->data.sequence.items.start;
        *n = (size_t)(v->data.sequence.items.top - *items);
        if (*n == 0)
            return fail(ld, k, "%s is an empty list%s", key, empty_hint);
    } else if (v->type != YAML_SCALAR_NODE) {
        return fail(ld, k, "%s must be %s, not %s", key, expected, node_kind(v));
    }
    return FS_OK;
}

/* A scope list: one name or a list of names. */
static int names_value(struct loader *ld, const yaml_node_t *k, const yaml_node_t *v,
                       const char *key, char ***out, size_t *nout)
{
    const yaml_node_item_t *items;
    size_t n;
    int rc = list_items(ld, k, v, key, "a name or a list of names", "", &items, &n);
    if (rc)
        return rc;
    if (n > SCOPE_MAX)
        return fail(ld, k, "%s names more than %d entries", key, SCOPE_MAX);
    if (n > SCOPE_TOTAL_MAX - ld->names)
        return fail(ld, k, "the register names more than %d hosts, groups, zones and roles",
                    SCOPE_TOTAL_MAX);
    ld->names += n;
    char **names = calloc(n, sizeof *names);
    if (!names)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        const yaml_node_t *item = items ? yaml_document_get_node(ld->doc, items[i]) : v;
        if (!item || item->type != YAML_SCALAR_NODE)
            rc = fail(ld, k, "%s must be a list of names, not of %s", key,
                      item ? node_kind(item) : "nothing");
        else
            rc = text_value(ld, k, item, key, &names[i]);
    }
    if (rc) {
        strv_free(names, n);
        return rc;
    }
    *out = names;
    *nout = n;
    return FS_OK;
}

static int applies_value(struct loader *ld, const yaml_node_t *k, const yaml_node_t *v,
                         struct fs_waiver *w)
{
    const yaml_node_item_t *items;
    size_t n;
    int rc = list_items(ld, k, v, "applies_to", "a list of fail and error",
                        " (fail, error or both)", &items, &n);
    if (rc)
        return rc;
    w->waive_fail = w->waive_error = false;
    for (size_t i = 0; i < n; i++) {
        const yaml_node_t *item = items ? yaml_document_get_node(ld->doc, items[i]) : v;
        const char *s = scalar(item);
        if (s && strcmp(s, "fail") == 0)
            w->waive_fail = true;
        else if (s && strcmp(s, "error") == 0)
            w->waive_error = true;
        else
            return fail(ld, k, "applies_to '%s' is not fail or error", s ? s : "(not a word)");
    }
    return FS_OK;
}

bool fs_waiver_rule_matches(const struct fs_waiver *w, const char *xccdf_id)
{
    if (!w->rule || !xccdf_id)
        return false;
    if (strcmp(w->rule, xccdf_id) == 0)
        return true;
    const char *short_id = fs_after(xccdf_id, "_rule_");
    return (short_id && fs_glob_match(w->rule, short_id)) || fs_glob_match(w->rule, xccdf_id);
}

static int check_rule(struct loader *ld, const yaml_node_t *k, const char *rule)
{
    size_t stars = 0;
    for (const char *p = rule; *p; p++)
        stars += *p == '*';
    if (strlen(rule) > RULE_MAX_LEN)
        return fail(ld, k, "rule is longer than %d characters", RULE_MAX_LEN);
    if (stars > RULE_MAX_STARS)
        return fail(ld, k, "rule '%s' holds more than %d '*'", rule, RULE_MAX_STARS);
    struct fs_waiver probe = {.rule = (char *)rule};
    for (size_t i = 0; i < ld->b->nrules; i++)
        if (fs_waiver_rule_matches(&probe, ld->b->rules[i].xccdf_id))
            return FS_OK;
    if (strpbrk(rule, "*?["))
        return fail(ld, k, "rule pattern '%s' matches no rule of the benchmark", rule);
    return fail(ld, k, "unknown rule '%s' (not in the benchmark; see floorscan rules)", rule);
}

static bool host_named(const struct fs_inventory *inv, const char *name)
{
    for (size_t i = 0; i < inv->n; i++)
        if (strcmp(inv->hosts[i].name, name) == 0 || fs_host_in_group(&inv->hosts[i], name))
            return true;
    return false;
}

static bool role_is(const struct fs_host *h, const char *role)
{
    return h->role ? strcmp(h->role, role) == 0 : strcmp(role, "baseline") == 0;
}

static int check_scope(struct loader *ld, const yaml_node_t *k, const struct fs_waiver *w,
                       const char *key)
{
    const struct fs_inventory *inv = ld->inv;
    if (!inv)
        return FS_OK;
    if (strcmp(key, "hosts") == 0) {
        for (size_t i = 0; i < w->nhosts; i++)
            if (strcmp(w->hosts[i], "all") != 0 && !host_named(inv, w->hosts[i]))
                return fail(ld, k, "hosts: '%s' is no host or group of the inventory", w->hosts[i]);
    } else if (strcmp(key, "zones") == 0) {
        for (size_t i = 0; i < w->nzones; i++) {
            bool any = false;
            for (size_t h = 0; h < inv->n && !any; h++)
                any = inv->hosts[h].zone && strcmp(inv->hosts[h].zone, w->zones[i]) == 0;
            if (!any)
                return fail(ld, k, "zones: '%s' is the zone of no host of the inventory",
                            w->zones[i]);
        }
    } else {
        for (size_t i = 0; i < w->nroles; i++) {
            bool any = false;
            for (size_t h = 0; h < inv->n && !any; h++)
                any = role_is(&inv->hosts[h], w->roles[i]);
            if (!any)
                return fail(ld, k, "roles: '%s' is the role of no host of the inventory",
                            w->roles[i]);
        }
    }
    return FS_OK;
}

static void waiver_dispose(struct fs_waiver *w)
{
    free(w->rule);
    strv_free(w->hosts, w->nhosts);
    strv_free(w->zones, w->nzones);
    strv_free(w->roles, w->nroles);
    free(w->reason);
    free(w->requested_by);
    free(w->approved_by);
    free(w->ticket);
    free(w->compensating);
}

/* The keys of an entry, sorted (bsearch); each slot is where its key node is kept. */
enum key_id {
    K_APPLIES_TO,
    K_APPROVED,
    K_APPROVED_BY,
    K_COMPENSATING,
    K_EXPIRES,
    K_HOSTS,
    K_REASON,
    K_REQUESTED_BY,
    K_ROLES,
    K_RULE,
    K_TICKET,
    K_ZONES,
    K_COUNT
};

struct key_def {
    const char *name;
    enum key_id id;
};

static const struct key_def keys[] = {
    {"applies_to", K_APPLIES_TO},
    {"approved", K_APPROVED},
    {"approved_by", K_APPROVED_BY},
    {"compensating", K_COMPENSATING},
    {"expires", K_EXPIRES},
    {"hosts", K_HOSTS},
    {"reason", K_REASON},
    {"requested_by", K_REQUESTED_BY},
    {"roles", K_ROLES},
    {"rule", K_RULE},
    {"ticket", K_TICKET},
    {"zones", K_ZONES},
};

static int cmp_key(const void *key, const void *elem)
{
    return strcmp(key, ((const struct key_def *)elem)->name);
}

static const struct key_def *find_key(const char *name)
{
    FS_ASSERT_SORTED_ONCE(keys, sizeof keys / sizeof keys[0], struct key_def, name);
    return bsearch(name, keys, sizeof keys / sizeof keys[0], sizeof keys[0], cmp_key);
}

static bool same_person(const char *a, const char *b)
{
    a = skip_space(a);
    b = skip_space(b);
    size_t na = trimmed_len(a), nb = trimmed_len(b);
    return na == nb && strncasecmp(a, b, na) == 0;
}

/* Reads one entry of the waivers list into w (zeroed by the caller). */
static int read_entry(struct loader *ld, const yaml_node_t *entry, struct fs_waiver *w)
{
    const yaml_node_t *kn[K_COUNT] = {0}, *vn[K_COUNT] = {0};
    int rc;
    w->line = (int)entry->start_mark.line + 1;
    w->waive_fail = true;
    if (entry->type != YAML_MAPPING_NODE)
        return fail(ld, entry, "a waiver must be a mapping (rule:, hosts:, reason: ...), not %s",
                    node_kind(entry));
    for (yaml_node_pair_t *p = entry->data.mapping.pairs.start; p < entry->data.mapping.pairs.top;
         p++) {
        const yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
        const char *name = scalar(k);
        const struct key_def *def = name ? find_key(name) : NULL;
        if (!def)
            return fail(ld, k,
                        "unknown key '%s' in a waiver (expected rule, hosts, zones, roles, "
                        "reason, requested_by, approved_by, approved, expires, ticket, "
                        "compensating, applies_to)",
                        name ? name : "(not a word)");
        if (kn[def->id])
            return fail(ld, k, "key '%s' appears twice in this waiver (first at line %zu)",
                        def->name, kn[def->id]->start_mark.line + 1);
        kn[def->id] = k;
        vn[def->id] = v;
    }
    static const struct {
        enum key_id id;
        const char *name;
    } required[] = {{K_RULE, "rule"},
                    {K_REASON, "reason"},
                    {K_REQUESTED_BY, "requested_by"},
                    {K_APPROVED_BY, "approved_by"},
                    {K_APPROVED, "approved"},
                    {K_EXPIRES, "expires"}};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!kn[required[i].id])
            return fail(ld, entry, "the waiver has no %s", required[i].name);
    if (!kn[K_HOSTS] && !kn[K_ZONES] && !kn[K_ROLES])
        return fail(ld, entry,
                    "the waiver has no scope (hosts:, zones: or roles:; hosts: all for every "
                    "host)");
    long approved, expires;
    if ((rc = text_value(ld, kn[K_RULE], vn[K_RULE], "rule", &w->rule)) ||
        (rc = check_rule(ld, kn[K_RULE], w->rule)))
        return rc;
    if (kn[K_HOSTS] &&
        ((rc = names_value(ld, kn[K_HOSTS], vn[K_HOSTS], "hosts", &w->hosts, &w->nhosts)) ||
         (rc = check_scope(ld, kn[K_HOSTS], w, "hosts"))))
        return rc;
    if (kn[K_ZONES] &&
        ((rc = names_value(ld, kn[K_ZONES], vn[K_ZONES], "zones", &w->zones, &w->nzones)) ||
         (rc = check_scope(ld, kn[K_ZONES], w, "zones"))))
        return rc;
    if (kn[K_ROLES] &&
        ((rc = names_value(ld, kn[K_ROLES], vn[K_ROLES], "roles", &w->roles, &w->nroles)) ||
         (rc = check_scope(ld, kn[K_ROLES], w, "roles"))))
        return rc;
    if ((rc = text_value(ld, kn[K_REASON], vn[K_REASON], "reason", &w->reason)) ||
        (rc = text_value(ld, kn[K_REQUESTED_BY], vn[K_REQUESTED_BY], "requested_by",
                         &w->requested_by)) ||
        (rc = text_value(ld, kn[K_APPROVED_BY], vn[K_APPROVED_BY], "approved_by", &w->approved_by)))
        return rc;
    if (same_person(w->requested_by, w->approved_by))
        return fail(ld, kn[K_APPROVED_BY],
                    "approved_by '%s' is the requester: a waiver needs a different approver",
                    w->approved_by);
    if ((rc = date_value(ld, kn[K_APPROVED], vn[K_APPROVED], "approved", w->approved, &approved)) ||
        (rc = date_value(ld, kn[K_EXPIRES], vn[K_EXPIRES], "expires", w->expires, &expires)))
        return rc;
    if (expires < approved)
        return fail(ld, kn[K_EXPIRES], "expires %s is before approved %s", w->expires, w->approved);
    if (kn[K_TICKET] && (rc = text_value(ld, kn[K_TICKET], vn[K_TICKET], "ticket", &w->ticket)))
        return rc;
    if (kn[K_COMPENSATING] && (rc = text_value(ld, kn[K_COMPENSATING], vn[K_COMPENSATING],
                                               "compensating", &w->compensating)))
        return rc;
    if (kn[K_APPLIES_TO] && (rc = applies_value(ld, kn[K_APPLIES_TO], vn[K_APPLIES_TO], w)))
        return rc;
    return FS_OK;
}

static int load_doc(struct loader *ld, struct fs_waivers *ws)
{
    yaml_node_t *root = yaml_document_get_root_node(ld->doc);
    if (!root)
        return fail(ld, NULL,
                    "the register is empty (expected 'waivers:' with a list; "
                    "'waivers: []' for none)");
    if (root->type != YAML_MAPPING_NODE)
        return fail(ld, root, "the top level must be a mapping with 'waivers:', not %s",
                    node_kind(root));
    const yaml_node_t *list = NULL, *list_key = NULL;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        const yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        const char *name = scalar(k);
        if (!name || strcmp(name, "waivers") != 0)
            return fail(ld, k, "unknown key '%s' at the top level (expected waivers)",
                        name ? name : "(not a word)");
        if (list_key)
            return fail(ld, k, "key 'waivers' appears twice (first at line %zu)",
                        list_key->start_mark.line + 1);
        list_key = k;
        list = yaml_document_get_node(ld->doc, p->value);
    }
    if (!list)
        return fail(ld, root, "the register has no 'waivers:' list ('waivers: []' for none)");
    if (list->type != YAML_SEQUENCE_NODE)
        return fail(ld, list_key, "waivers must be a list ('waivers: []' for none), not %s",
                    node_kind(list));
    const yaml_node_item_t *items = list->data.sequence.items.start;
    size_t n = (size_t)(list->data.sequence.items.top - items);
    if (n > FS_WAIVERS_MAX)
        return fail(ld, list_key, "the register holds more than %d waivers", FS_WAIVERS_MAX);
    if (n && !(ws->w = calloc(n, sizeof *ws->w)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const yaml_node_t *entry = yaml_document_get_node(ld->doc, items[i]);
        if (!entry)
            return fail(ld, list, "a waiver is missing");
        int rc = read_entry(ld, entry, &ws->w[i]);
        ws->n = i + 1; /* freed with the register, complete or not */
        if (rc)
            return rc;
    }
    return FS_OK;
}

int fs_waivers_new(struct fs_waivers **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return FS_ERR_NOMEM;
    (*out)->warn_days = FS_WAIVER_WARN_DAYS;
    return FS_OK;
}

void fs_waivers_free(struct fs_waivers *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        waiver_dispose(&w->w[i]);
    free(w->w);
    free(w->path);
    free(w);
}

int fs_waivers_load_mem(struct fs_waivers **out, const char *name, const char *yaml, size_t len,
                        const struct fs_benchmark *b, const struct fs_inventory *inv,
                        struct fs_buf *err)
{
    yaml_document_t doc;
    bool have_doc = false;
    struct loader ld = {.name = name, .b = b, .inv = inv, .err = err};
    struct fs_waivers *ws = NULL;
    *out = NULL;
    FS_ASSERT(b != NULL);
    int rc = fs_waivers_new(&ws);
    if (rc)
        return rc;
    if (len > FS_WAIVERS_MAX_BYTES) {
        rc = fail(&ld, NULL, "the register is larger than %zu bytes", (size_t)FS_WAIVERS_MAX_BYTES);
        goto out;
    }
    if ((rc = fs_yaml_doc_load(&doc, name, yaml, len, err)))
        goto out;
    have_doc = true;
    ld.doc = &doc;
    if ((rc = load_doc(&ld, ws)))
        goto out;
    if (!(ws->path = strdup(name)))
        rc = FS_ERR_NOMEM;
out:
    if (have_doc)
        yaml_document_delete(&doc);
    if (rc) {
        fs_waivers_free(ws);
        ws = NULL;
    }
    *out = ws;
    return rc;
}

int fs_waivers_load(struct fs_waivers **out, const char *path, const struct fs_benchmark *b,
                    const struct fs_inventory *inv, struct fs_buf *err)
{
    struct fs_buf data;
    char sha[FS_SHA256_HEX];
    fs_buf_init(&data, FS_WAIVERS_MAX_BYTES);
    int rc = FS_OK;
    *out = NULL;
    if ((rc = fs_buf_read_file(&data, path, "waiver register", err)))
        goto out;
    /* One read: the digest is of exactly the bytes that were parsed and judged. */
    if ((rc = fs_sha256_mem(fs_buf_cstr(&data), data.len, sha)))
        goto out;
    if ((rc = fs_waivers_load_mem(out, path, fs_buf_cstr(&data), data.len, b, inv, err)))
        goto out;
    memcpy((*out)->sha256, sha, sizeof sha);
out:
    fs_buf_dispose(&data);
    return rc;
}

void fs_waivers_judge(struct fs_waivers *ws, time_t start, int warn_days)
{
    struct tm tm;
    /* a time before 1970 or past 9999 (no YYYY-MM-DD for it) is judged as 1970-01-01 */
    if (!gmtime_r(&start, &tm) || tm.tm_year < 70 || tm.tm_year > 8099) {
        memset(&tm, 0, sizeof tm);
        tm.tm_year = 70;
        tm.tm_mday = 1;
    }
    long day = days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1L, tm.tm_mday);
    if (strftime(ws->judged_on, sizeof ws->judged_on, "%Y-%m-%d", &tm) != 10)
        ws->judged_on[0] = '\0'; /* cannot happen for years 1970-9999 */
    ws->warn_days = warn_days;
    for (size_t i = 0; i < ws->n; i++) {
        struct fs_waiver *w = &ws->w[i];
        long approved = 0, expires = 0;
        bool dates = fs_waiver_date_days(w->approved, &approved) &&
                     fs_waiver_date_days(w->expires, &expires);
        FS_ASSERT(dates); /* validated at load */
        w->matched = 0;
        if (day > expires)
            w->state = FS_WAIVER_EXPIRED;
        else if (day < approved)
            w->state = FS_WAIVER_PENDING;
        else if (expires - day < warn_days)
            w->state = FS_WAIVER_EXPIRING;
        else
            w->state = FS_WAIVER_ACTIVE;
    }
}

long fs_waiver_days_left(const struct fs_waivers *ws, const struct fs_waiver *w)
{
    long day, expires;
    if (!fs_waiver_date_days(ws->judged_on, &day) || !fs_waiver_date_days(w->expires, &expires))
        return 0;
    return expires - day;
}

static bool in_scope(const struct fs_waiver *w, const struct fs_host *h)
{
    for (size_t i = 0; i < w->nhosts; i++)
        if (strcmp(w->hosts[i], "all") == 0 || strcmp(w->hosts[i], h->name) == 0 ||
            fs_host_in_group(h, w->hosts[i]))
            return true;
    for (size_t i = 0; i < w->nzones; i++)
        if (h->zone && strcmp(w->zones[i], h->zone) == 0)
            return true;
    for (size_t i = 0; i < w->nroles; i++)
        if (role_is(h, w->roles[i]))
            return true;
    return false;
}

const struct fs_waiver *fs_waivers_match(const struct fs_waivers *ws, const struct fs_host *h,
                                         const char *xccdf_id, int result)
{
    if (!ws || !h || !xccdf_id || !ws->judged_on[0])
        return NULL; /* not judged yet: no waiver's state is known */
    bool is_fail = result == FS_RESULT_FAIL;
    bool is_error = result == FS_RESULT_ERROR || result == FS_RESULT_UNKNOWN;
    if (!is_fail && !is_error)
        return NULL;
    for (size_t i = 0; i < ws->n; i++) {
        const struct fs_waiver *w = &ws->w[i];
        if (w->state != FS_WAIVER_ACTIVE && w->state != FS_WAIVER_EXPIRING)
            continue;
        if ((is_fail && !w->waive_fail) || (is_error && !w->waive_error))
            continue;
        if (fs_waiver_rule_matches(w, xccdf_id) && in_scope(w, h))
            return w;
    }
    return NULL;
}

const char *fs_waiver_state_name(enum fs_waiver_state s)
{
    switch (s) {
    case FS_WAIVER_ACTIVE:
        return "active";
    case FS_WAIVER_EXPIRING:
        return "expiring";
    case FS_WAIVER_EXPIRED:
        return "expired";
    case FS_WAIVER_PENDING:
        return "pending";
    }
    return "unknown";
}

int fs_waiver_state_parse(const char *name, enum fs_waiver_state *out)
{
    static const enum fs_waiver_state all[] = {FS_WAIVER_ACTIVE, FS_WAIVER_EXPIRING,
                                               FS_WAIVER_EXPIRED, FS_WAIVER_PENDING};
    for (size_t i = 0; name && i < sizeof all / sizeof all[0]; i++) {
        if (strcmp(name, fs_waiver_state_name(all[i])) == 0) {
            *out = all[i];
            return FS_OK;
        }
    }
    return FS_ERR_INVAL;
}
