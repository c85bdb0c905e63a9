/* floorscan's check system inside libopenscap: a custom engine whose callback runs the
 * pure C check of a rule against the host's facts, with evidence attached as a message. */
#include "engine_priv.h"
#include "../../checks/check_util.h"
#include "../../checks/values.h"
#include "../core/err.h"
#include "../core/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xccdf_benchmark.h>
#include <oscap_error.h>
#include <oscap_source.h>
#include <xccdf_policy.h>

struct engine {
    struct xccdf_policy_model *model;
    struct xccdf_benchmark *xb; /* owned by model */
    char *system;               /* libopenscap keeps the pointer: keep it alive */
    unsigned results_made;
    struct xccdf_result **results; /* owned by their policies; cloned on export */
    size_t nresults;
    /* state of the evaluation in progress */
    const struct fs_facts *facts;
    const struct fs_host *host;
    struct fs_host_result *out;
    struct fs_verdict verdict;
    bool have_verdict;
    const struct fs_rule *rule; /* the rule being evaluated (start callback) */
    const struct fs_benchmark *b;
};

static struct engine *E(const struct fs_benchmark *b)
{
    return b->priv;
}

static xccdf_test_result_type_t to_xccdf(enum fs_result r)
{
    switch (r) {
    case FS_RESULT_PASS:
        return XCCDF_RESULT_PASS;
    case FS_RESULT_FAIL:
        return XCCDF_RESULT_FAIL;
    case FS_RESULT_UNKNOWN:
        return XCCDF_RESULT_UNKNOWN;
    case FS_RESULT_NOTAPPLICABLE:
        return XCCDF_RESULT_NOT_APPLICABLE;
    case FS_RESULT_NOTCHECKED:
        return XCCDF_RESULT_NOT_CHECKED;
    case FS_RESULT_INFORMATIONAL:
        return XCCDF_RESULT_INFORMATIONAL;
    case FS_RESULT_NOTSELECTED:
        return XCCDF_RESULT_NOT_SELECTED;
    default:
        return XCCDF_RESULT_ERROR;
    }
}

static enum fs_result from_xccdf(xccdf_test_result_type_t r)
{
    switch (r) {
    case XCCDF_RESULT_PASS:
    case XCCDF_RESULT_FIXED:
        return FS_RESULT_PASS;
    case XCCDF_RESULT_FAIL:
        return FS_RESULT_FAIL;
    case XCCDF_RESULT_UNKNOWN:
        return FS_RESULT_UNKNOWN;
    case XCCDF_RESULT_NOT_APPLICABLE:
        return FS_RESULT_NOTAPPLICABLE;
    case XCCDF_RESULT_NOT_CHECKED:
        return FS_RESULT_NOTCHECKED;
    case XCCDF_RESULT_INFORMATIONAL:
        return FS_RESULT_INFORMATIONAL;
    case XCCDF_RESULT_NOT_SELECTED:
        return FS_RESULT_NOTSELECTED;
    default:
        return FS_RESULT_ERROR;
    }
}

static xccdf_test_result_type_t eval_cb(struct xccdf_policy *policy, const char *rule_id,
                                        const char *definition_id, const char *href,
                                        struct xccdf_value_binding_iterator *bindings,
                                        struct xccdf_check_import_iterator *imports, void *usr)
{
    (void)policy;
    (void)rule_id; /* always NULL here: the start callback tracks the rule */
    (void)href;
    (void)imports;
    struct engine *e = usr;
    struct fs_kvlist values;
    fs_kvlist_init(&values);
    e->have_verdict = true;
    if (definition_id && strcmp(definition_id, FS_CHECK_MANUAL) == 0) {
        const char *q = e->rule && e->rule->question ? e->rule->question : "";
        fs_verdict_set(&e->verdict, FS_RESULT_NOTCHECKED, "manual: %s", q);
        goto out;
    }
    const struct fs_check_def *def = definition_id ? fs_check_def_find(definition_id) : NULL;
    if (!def) {
        fs_verdict_set(&e->verdict, FS_RESULT_ERROR, "no check implementation named '%s'",
                       definition_id ? definition_id : "(none)");
        goto out;
    }
    while (xccdf_value_binding_iterator_has_more(bindings)) {
        struct xccdf_value_binding *vb = xccdf_value_binding_iterator_next(bindings);
        const char *name = xccdf_value_binding_get_name(vb);
        const char *val = xccdf_value_binding_get_setvalue(vb);
        if (!val)
            val = xccdf_value_binding_get_value(vb);
        if (name && fs_kvlist_set(&values, name, val ? val : "") != FS_OK) {
            fs_verdict_set(&e->verdict, FS_RESULT_ERROR, "out of memory binding values");
            goto out;
        }
    }
    struct fs_check_ctx ctx = {e->facts, &values, e->host ? &e->host->vars : NULL};
    fs_check_run(def, &ctx, &e->verdict);
out:
    fs_kvlist_dispose(&values);
    return to_xccdf(e->verdict.result);
}

static int start_cb(struct xccdf_rule *rule, void *usr)
{
    struct engine *e = usr;
    e->have_verdict = false;
    e->rule = NULL;
    const char *id = xccdf_rule_get_id(rule);
    for (size_t i = 0; id && i < e->b->nrules && !e->rule; i++)
        if (strcmp(e->b->rules[i].xccdf_id, id) == 0)
            e->rule = &e->b->rules[i];
    return 0;
}

static int output_cb(struct xccdf_rule_result *rr, void *usr)
{
    struct engine *e = usr;
    const char *idref = xccdf_rule_result_get_idref(rr);
    struct fs_host_result *out = e->out;
    if (!out || !idref)
        return 0;
    for (size_t i = 0; i < out->nresults; i++) {
        struct fs_rule_result *r = &out->results[i];
        if (strcmp(r->rule->xccdf_id, idref) != 0)
            continue;
        r->result = from_xccdf(xccdf_rule_result_get_result(rr));
        const char *ev = e->have_verdict ? fs_buf_cstr(&e->verdict.evidence) : "";
        if (!e->have_verdict && r->result == FS_RESULT_ERROR)
            ev = "the engine did not run this rule's check";
        free(r->evidence);
        r->evidence = strdup(ev);
        if (*ev) {
            struct xccdf_message *m = xccdf_message_new();
            /* libopenscap 1.3.7 exports XCCDF_MSG_ERROR as "high", which the schema
             * rejects; the rule result itself carries the error. */
            xccdf_message_set_severity(m, XCCDF_MSG_INFO);
            xccdf_message_set_content(m, ev);
            xccdf_rule_result_add_message(rr, m);
        }
        break;
    }
    e->have_verdict = false;
    return 0;
}

int fs_engine_attach(struct fs_benchmark *b, struct xccdf_benchmark *xb)
{
    struct engine *e = calloc(1, sizeof *e);
    if (!e) {
        xccdf_benchmark_free(xb);
        return FS_ERR_NOMEM;
    }
    b->priv = e;
    e->b = b;
    fs_verdict_init(&e->verdict);
    e->xb = xb;
    e->model = xccdf_policy_model_new(xb);
    e->system = strdup(FS_CHECK_SYSTEM);
    if (!e->model || !e->system) {
        if (!e->model)
            xccdf_benchmark_free(xb);
        return FS_ERR_NOMEM;
    }
    if (!xccdf_policy_model_register_engine_and_query_callback(e->model, e->system, eval_cb, e,
                                                               NULL) ||
        !xccdf_policy_model_register_start_callback(e->model, start_cb, e) ||
        !xccdf_policy_model_register_output_callback(e->model, output_cb, e))
        return FS_ERR_ENGINE;
    return FS_OK;
}

void fs_engine_detach(struct fs_benchmark *b)
{
    struct engine *e = E(b);
    if (!e)
        return;
    if (e->model)
        xccdf_policy_model_free(e->model); /* frees the benchmark too */
    fs_verdict_dispose(&e->verdict);
    free(e->results);
    free(e->system);
    free(e);
    b->priv = NULL;
}

int fs_benchmark_profile_values(struct fs_benchmark *b, const struct fs_profile *p,
                                struct fs_kvlist *out)
{
    struct engine *e = E(b);
    struct xccdf_policy *pol = xccdf_policy_model_get_policy_by_id(e->model, p->id);
    if (!pol)
        return FS_ERR_NOTFOUND;
    for (size_t i = 0; i < b->nvalues; i++) {
        struct xccdf_item *item = xccdf_benchmark_get_item(e->xb, b->value_ids[i]);
        const char *val = item ? xccdf_policy_get_value_of_item(pol, item) : NULL;
        const char *name = strstr(b->value_ids[i], "_value_");
        if (!val || !name || !fs_value_def_find(name + 7))
            continue; /* only declared values, whose format is checked, reach a device */
        int rc = fs_kvlist_set(out, name + 7, val);
        if (rc)
            return rc;
    }
    return FS_OK;
}

int fs_engine_tailor(struct fs_benchmark *b, struct oscap_source *src, struct fs_buf *err)
{
    struct engine *e = E(b);
    if (xccdf_policy_model_get_tailoring(e->model)) {
        fs_buf_addf(err, "only one tailoring file can be applied");
        return FS_ERR_INVAL;
    }
    struct xccdf_tailoring *t = xccdf_tailoring_import_source(src, e->xb);
    if (!t) {
        fs_buf_addf(err, "%s: cannot load tailoring: %s", oscap_source_readable_origin(src),
                    oscap_err() ? oscap_err_desc() : "unknown error");
        return FS_ERR_PARSE;
    }
    const char *tid = xccdf_tailoring_get_id(t);
    b->tailoring_id = strdup(tid ? tid : "");
    if (!xccdf_policy_model_set_tailoring(e->model, t)) {
        xccdf_tailoring_free(t);
        return FS_ERR_ENGINE;
    }
    return fs_benchmark_add_profiles(b, xccdf_tailoring_get_profiles(t));
}

bool fs_benchmark_selected(struct fs_benchmark *b, const struct fs_profile *p,
                           const struct fs_rule *r)
{
    struct xccdf_policy *pol = xccdf_policy_model_get_policy_by_id(E(b)->model, p->id);
    return pol && xccdf_policy_is_item_selected(pol, r->xccdf_id);
}

static void add_score(struct xccdf_result *xr, const char *system, const struct fs_score *s)
{
    if (!s->has_score)
        return;
    struct xccdf_score *sc = xccdf_score_new();
    xccdf_score_set_system(sc, system);
    xccdf_score_set_score(sc, (xccdf_numeric)s->score);
    xccdf_score_set_maximum(sc, 100);
    xccdf_result_add_score(xr, sc);
}

/* Device and inventory text goes into the XML printable: one control byte or invalid UTF-8
 * byte would make the whole document invalid. */
static void add_fact(struct xccdf_result *xr, const char *name, const char *val)
{
    char *p = fs_printable_dup(val);
    if (p && *p) {
        struct xccdf_target_fact *f = xccdf_target_fact_new();
        xccdf_target_fact_set_name(f, name);
        xccdf_target_fact_set_string(f, p);
        xccdf_result_add_target_fact(xr, f);
    }
    free(p);
}

static void add_target(struct xccdf_result *xr, const char *name, const char *address)
{
    char *n = fs_printable_dup(name), *a = fs_printable_dup(address);
    if (n)
        xccdf_result_add_target(xr, n);
    if (a)
        xccdf_result_add_target_address(xr, a);
    free(n);
    free(a);
}

/* TestResult ids must be NCNames: keep [A-Za-z0-9._-] of the host name. */
static void result_id(char *out, size_t n, const struct fs_host *h, const struct fs_profile *p,
                      unsigned seq)
{
    char name[80];
    size_t w = 0;
    for (const char *s = h->name; *s && w < sizeof name - 1; s++) {
        char c = *s;
        if (!isalnum((unsigned char)c) && c != '.' && c != '-')
            c = '_';
        name[w++] = c;
    }
    name[w] = '\0';
    snprintf(out, n, "xccdf_org.floorscan_testresult_%s_%s_%u", p->short_name, name, seq);
}

int fs_benchmark_evaluate(struct fs_benchmark *b, const struct fs_profile *p,
                          const struct fs_host *host, const struct fs_facts *facts,
                          struct fs_host_result *out)
{
    struct engine *e = E(b);
    struct xccdf_policy *pol = xccdf_policy_model_get_policy_by_id(e->model, p->id);
    if (!pol)
        return FS_ERR_NOTFOUND;
    size_t n = 0;
    out->results = calloc(b->nrules ? b->nrules : 1, sizeof *out->results);
    if (!out->results)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < b->nrules; i++) {
        if (!xccdf_policy_is_item_selected(pol, b->rules[i].xccdf_id))
            continue;
        out->results[n].rule = &b->rules[i];
        out->results[n].result = FS_RESULT_ERROR;
        n++;
    }
    out->nresults = n;
    out->profile_id = p->id;
    e->facts = facts;
    e->host = host;
    e->out = out;
    struct xccdf_result *xr = xccdf_policy_evaluate(pol);
    e->out = NULL;
    e->facts = NULL;
    e->host = NULL;
    if (!xr)
        return FS_ERR_ENGINE;
    for (size_t i = 0; i < n; i++)
        if (!out->results[i].evidence && !(out->results[i].evidence = strdup("")))
            return FS_ERR_NOMEM;
    fs_score_host(out);

    char id[200];
    result_id(id, sizeof id, host, p, ++e->results_made);
    xccdf_result_set_id(xr, id);
    xccdf_result_set_test_system(xr, "floorscan " FS_VERSION);
    if (out->started[0])
        xccdf_result_set_start_time(xr, out->started);
    if (out->finished[0])
        xccdf_result_set_end_time(xr, out->finished);
    add_target(xr, host->name, host->address);
    if (host->user || host->local) {
        struct xccdf_identity *ident = xccdf_identity_new();
        char *user = fs_printable_dup(host->user ? host->user : "local");
        xccdf_identity_set_name(ident, user ? user : "");
        free(user);
        xccdf_identity_set_authenticated(ident, !host->local);
        xccdf_identity_set_privileged(ident, facts->uid == 0);
        xccdf_result_add_identity(xr, ident);
    }
    add_fact(xr, "urn:xccdf:fact:asset:identifier:host_name", out->hostname);
    add_fact(xr, "urn:floorscan:fact:os", out->os);
    add_fact(xr, "urn:floorscan:fact:kernel", out->kernel);
    add_fact(xr, "urn:floorscan:fact:role", host->role);
    add_fact(xr, "urn:floorscan:fact:zone", host->zone);
    add_score(xr, "urn:floorscan:scoring:severity-weighted", &out->score);
    for (int i = 0; i < FS_PRINCIPLES; i++) {
        char sys[64];
        snprintf(sys, sizeof sys, "urn:floorscan:scoring:severity-weighted:P%d", i + 1);
        add_score(xr, sys, &out->principles[i]);
    }
    struct xccdf_score *def = xccdf_policy_get_score(pol, xr, "urn:xccdf:scoring:default");
    if (def)
        xccdf_result_add_score(xr, def);
    /* The policy owns xr; remember it for the export. */
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers, sized per pointer */
    struct xccdf_result **list = realloc(e->results, (e->nresults + 1) * sizeof *list);
    if (!list)
        return FS_ERR_NOMEM;
    e->results = list;
    e->results[e->nresults++] = xr;
    out->xccdf_result = xr;
    return FS_OK;
}

int fs_benchmark_export_mem(struct fs_benchmark *b, char **data, size_t *len)
{
    struct engine *e = E(b);
    *data = NULL;
    *len = 0;
    struct xccdf_benchmark *clone = xccdf_benchmark_clone(e->xb);
    if (!clone)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < e->nresults; i++)
        xccdf_benchmark_add_result(clone, xccdf_result_clone(e->results[i]));
    int rc = FS_ERR_IO;
    struct oscap_source *src = xccdf_benchmark_export_source(clone, "results-xccdf.xml");
    if (src && oscap_source_get_raw_memory(src, data, len) == 0 && *data)
        rc = FS_OK;
    oscap_source_free(src);
    xccdf_benchmark_free(clone);
    return rc;
}
