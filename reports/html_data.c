/* SPDX-License-Identifier: Apache-2.0 */
/* report.html's embedded data (JSON in a non-executable script block) and CSP hashes. */
#include "html.h"
#include "json_priv.h"
#include "../scanner/core/err.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fs_html_csp_hash(const char *text, char out[64])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    unsigned char b64[48]; /* 44 characters and a NUL for 32 bytes */
    if (!EVP_Digest(text, strlen(text), md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
        return FS_ERR_INVAL;
    if (EVP_EncodeBlock(b64, md, (int)mdlen) != 44)
        return FS_ERR_INVAL;
    snprintf(out, 64, "'sha256-%.44s'", (const char *)b64);
    return FS_OK;
}

/* Printable text (jansson rejects invalid UTF-8); NULL only when out of memory. */
static json_t *text(const char *s)
{
    char *p = fs_printable_dup(s ? s : "");
    json_t *j = p ? json_string(p) : NULL;
    free(p);
    return j;
}

static json_t *rules_json(const struct fs_benchmark *b)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < b->nrules; i++) {
        const struct fs_rule *r = &b->rules[i];
        json_t *refs = json_array();
        for (size_t k = 0; k < r->nrefs; k++)
            json_array_append_new(
                refs, json_pack("[o,o]", text(r->refs[k].standard), text(r->refs[k].id)));
        json_t *o =
            json_pack("{s:o, s:o, s:i, s:i, s:o, s:o, s:b, s:o}", "id", text(r->short_id), "t",
                      text(r->title), "s", (int)r->severity, "p", r->principle, "d",
                      text(r->description), "f", text(r->fix), "m", r->manual, "refs", refs);
        if (o && r->question && json_object_set_new(o, "q", text(r->question)) != 0) {
            json_decref(o);
            o = NULL;
        }
        if (!o || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* The index of w in the register, or -1 when it is not one of its entries. */
static json_int_t waiver_index(const struct fs_waivers *ws, const struct fs_waiver *w)
{
    for (size_t i = 0; ws && i < ws->n; i++)
        if (&ws->w[i] == w)
            return (json_int_t)i;
    return -1;
}

/* Each result: [rule index, raw status, evidence] and, when waived, a fourth element: the
 * waiver's index in "waivers" (-1 for a waiver the register does not hold). */
static json_t *host_json(const struct fs_report *r, const struct fs_host_result *h)
{
    json_t *res = json_array();
    for (size_t i = 0; res && i < h->nresults; i++) {
        const struct fs_rule_result *rr = &h->results[i];
        json_t *e = json_pack("[I,i,o]", (json_int_t)(rr->rule - r->benchmark->rules),
                              (int)rr->result, text(rr->evidence));
        if (e && rr->waiver &&
            json_array_append_new(e, json_integer(waiver_index(r->waivers, rr->waiver))) != 0) {
            json_decref(e);
            e = NULL;
        }
        if (!e || json_array_append_new(res, e) != 0) {
            json_decref(res);
            return NULL;
        }
    }
    /* failing since, by the result's index in res (only failed results whose start is known) */
    json_t *since = json_object();
    for (size_t i = 0; since && res && i < h->nresults; i++) {
        const struct fs_rule_result *rr = &h->results[i];
        char k[24];
        snprintf(k, sizeof k, "%zu", i);
        if (rr->result == FS_RESULT_FAIL && rr->failing_since[0] &&
            json_object_set_new(since, k, text(rr->failing_since)) != 0) {
            json_decref(since);
            since = NULL;
        }
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "n", text(h->host->name), "z",
                     text(h->host->zone), "r", text(h->host->role), "res", res, "since", since);
}

/* JSON text inside <script>: the characters that could end the block, open a comment or end a
 * line for a JavaScript parser only ever appear inside strings, where \u escapes mean the same. */
static int add_safe_json(struct fs_buf *b, const char *s)
{
    int rc = FS_OK;
    while (rc == FS_OK && *s) {
        size_t n = strcspn(s, "<>&\xe2");
        if (n)
            rc = fs_buf_add(b, s, n);
        s += n;
        if (rc != FS_OK || !*s)
            break;
        if (*s == '<')
            rc = fs_buf_adds(b, "\\u003c");
        else if (*s == '>')
            rc = fs_buf_adds(b, "\\u003e");
        else if (*s == '&')
            rc = fs_buf_adds(b, "\\u0026");
        else if (s[1] == '\x80' && (s[2] == '\xa8' || s[2] == '\xa9')) {
            rc = fs_buf_adds(b, s[2] == '\xa8' ? "\\u2028" : "\\u2029");
            s += 2;
        } else {
            rc = fs_buf_add(b, s, 1);
        }
        s++;
    }
    return rc;
}

/* The register's entries as the rows show them: [rule, reason, requested_by, approved_by,
 * approved, expires, ticket, compensating, state]; "" for an absent ticket or control. */
static json_t *waivers_json(const struct fs_waivers *ws)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && ws && i < ws->n; i++) {
        const struct fs_waiver *w = &ws->w[i];
        json_t *o =
            json_pack("[o,o,o,o,o,o,o,o,s]", text(w->rule), text(w->reason), text(w->requested_by),
                      text(w->approved_by), text(w->approved), text(w->expires), text(w->ticket),
                      text(w->compensating), fs_waiver_state_name(w->state));
        if (!o || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* One host's entry of the hosts array, made safe for the script block. */
static int add_host(struct fs_buf *b, const struct fs_report *r, size_t i)
{
    json_t *h = host_json(r, &r->hosts[i]);
    char *dump = h ? json_dumps(h, JSON_COMPACT) : NULL;
    int rc = dump ? fs_buf_adds(b, i ? "," : "") : FS_ERR_NOMEM;
    if (!rc)
        rc = add_safe_json(b, dump);
    free(dump);
    json_decref(h);
    return rc;
}

int fs_html_data(struct fs_buf *b, const struct fs_report *r, struct fs_outstream *out)
{
    int rc = FS_ERR_NOMEM;
    char *dump = NULL;
    json_t *statuses = json_array(), *sev = json_array();
    for (int i = FS_RESULT_PASS; i <= FS_RESULT_NOTSELECTED; i++)
        json_array_append_new(statuses, json_string(fs_result_name((enum fs_result)i)));
    for (int i = FS_SEV_UNKNOWN; i <= FS_SEV_HIGH; i++)
        json_array_append_new(sev, json_string(fs_severity_name((enum fs_severity)i)));
    json_t *rules = rules_json(r->benchmark);
    json_t *waivers = waivers_json(r->waivers);
    json_t *doc = json_pack("{s:o?, s:o?, s:o?, s:s, s:o?}", "statuses", statuses, "severities",
                            sev, "rules", rules, "hosts", FS_JSON_HOSTS_MARK, "waivers", waivers);
    if (!doc || !statuses || !sev || !rules || !waivers)
        goto out;
    dump = json_dumps(doc, JSON_COMPACT);
    char *mark = dump ? strstr(dump, FS_JSON_HOSTS_MARK_DUMPED) : NULL;
    if (!mark)
        goto out;
    /* the hosts a host at a time, written out as they are made when streaming */
    *mark = '\0';
    rc = add_safe_json(b, dump);
    if (!rc)
        rc = fs_buf_adds(b, "[");
    for (size_t i = 0; !rc && i < r->n; i++) {
        rc = add_host(b, r, i);
        if (!rc && out)
            rc = fs_outstream_flush(out, b);
    }
    if (!rc)
        rc = fs_buf_adds(b, "]");
    if (!rc)
        rc = add_safe_json(b, mark + strlen(FS_JSON_HOSTS_MARK_DUMPED));
out:
    free(dump);
    json_decref(doc);
    return rc;
}
