/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan's check system inside libopenscap: a custom engine whose callback runs the
 * pure C check of a rule against the host's facts; verdicts and evidence go into the host's
 * results, from which the writers in reports/ build every document (XCCDF included). */
#include "engine_priv.h"
#include "../../checks/check_util.h"
#include "../../checks/values.h"
#include "../core/err.h"
#include "../core/util.h"
#include "../core/xccdf_ids.h"

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

int fs_result_xccdf(enum fs_result r)
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
    /* the scan's start by the scanner's clock: "today" for rules that judge an age */
    long long scan_time = 0;
    if (!e->out || !fs_parse_rfc3339(e->out->started, &scan_time))
        scan_time = 0;
    struct fs_check_ctx ctx = {.facts = e->facts,
                               .values = &values,
                               .host_vars = e->host ? &e->host->vars : NULL,
                               .scan_time = scan_time,
                               .site = e->b->site,
                               .address = e->host ? e->host->address : NULL};
    fs_check_run(def, &ctx, &e->verdict);
out:
    fs_kvlist_dispose(&values);
    return (xccdf_test_result_type_t)fs_result_xccdf(e->verdict.result);
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
        const char *name = fs_after(b->value_ids[i], FS_XCCDF_VALUE_TAG);
        if (!val || !name || !fs_value_def_find(name))
            continue; /* only declared values, whose format is checked, reach a device */
        int rc = fs_kvlist_set(out, name, val);
        if (rc)
            return rc;
    }
    return FS_OK;
}

int fs_engine_tailor(struct fs_benchmark *b, struct oscap_source *src, struct fs_buf *err)
{
    struct engine *e = E(b);
    if (xccdf_policy_model_get_tailoring(e->model)) {
        fs_buf_try_addf(err, "only one tailoring file can be applied");
        return FS_ERR_INVAL;
    }
    struct xccdf_tailoring *t = xccdf_tailoring_import_source(src, e->xb);
    if (!t) {
        fs_buf_try_addf(err, "%s: cannot load tailoring: %s", oscap_source_readable_origin(src),
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

/* libopenscap keeps every TestResult it evaluates in the policy; the host's results were
 * copied out by output_cb, so the TestResult is freed at once (memory flat in fleet size). */
static void drop_result(struct xccdf_policy *pol, const struct xccdf_result *xr)
{
    struct xccdf_result_iterator *it = xccdf_policy_get_results(pol);
    while (xccdf_result_iterator_has_more(it)) {
        if (xccdf_result_iterator_next(it) == xr) {
            xccdf_result_iterator_remove(it); /* frees it */
            break;
        }
    }
    xccdf_result_iterator_free(it);
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
    drop_result(pol, xr);
    for (size_t i = 0; i < n; i++)
        if (!out->results[i].evidence && !(out->results[i].evidence = strdup("")))
            return FS_ERR_NOMEM;
    fs_score_host(out);
    out->evaluated = true;
    out->privileged = facts->uid == 0;
    return FS_OK;
}

struct xccdf_benchmark *fs_benchmark_xccdf(const struct fs_benchmark *b)
{
    return E(b)->xb;
}

struct xccdf_policy *fs_benchmark_policy(const struct fs_benchmark *b, const char *profile_id)
{
    return profile_id ? xccdf_policy_model_get_policy_by_id(E(b)->model, profile_id) : NULL;
}
