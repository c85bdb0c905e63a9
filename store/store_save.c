/* SPDX-License-Identifier: Apache-2.0 */
/* Storing a run: the results.json document of the report, split into rows (run, hosts,
 * principle scores, results, shared evidence texts), in one write transaction that assigns
 * the run id and links the run into the hash chain. The store holds what the reports hold. */
#include "store_priv.h"

#include "../reports/json_priv.h"
#include "../scanner/core/err.h"
#include "../scanner/core/util.h"

#include <openssl/evp.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Rows per multi-row INSERT (SQLite allows 32766 parameters, PostgreSQL 65535). */
#define BATCH       100
#define RESULT_COLS 9

/* A text column from a JSON value: strings as they are, numbers and booleans as text,
 * null as NULL. */
static const char *text_of(json_t *v, char *tmp, size_t n)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(tmp, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return tmp;
    }
    if (json_is_real(v)) {
        snprintf(tmp, n, "%.17g", json_real_value(v));
        return tmp;
    }
    return NULL;
}

/* Stored documents: compact, in the order results.json has them (the writer builds every
 * document in one order, and a loaded results.json is rebuilt byte for byte). */
static char *dump(const json_t *doc)
{
    return json_dumps(doc, JSON_COMPACT | JSON_ENSURE_ASCII);
}

/* The evidence id: the first 63 bits of the text's SHA-256. */
static int64_t evidence_id(const char *text)
{
    char hex[FS_SHA256_HEX];
    if (fs_sha256_mem(text, strlen(text), hex) != FS_OK)
        return 0;
    hex[16] = '\0';
    return (int64_t)(strtoull(hex, NULL, 16) >> 1);
}

/* A multi-row INSERT of rows x cols parameters: "INSERT ... VALUES ($1,..),($k,..) tail". */
static int insert_sql(struct fs_buf *sql, const char *head, size_t rows, size_t cols,
                      const char *tail)
{
    fs_buf_reset(sql);
    int rc = fs_buf_adds(sql, head);
    for (size_t r = 0; r < rows && !rc; r++) {
        rc |= fs_buf_adds(sql, r ? ",(" : " VALUES (");
        for (size_t c = 0; c < cols; c++)
            rc |= fs_buf_addf(sql, c ? ",$%zu" : "$%zu", r * cols + c + 1);
        rc |= fs_buf_adds(sql, ")");
    }
    return rc ? rc : fs_buf_adds(sql, tail);
}

struct saver {
    struct fs_store *s;
    /* The results' key as they are stored: SHA-256 over what results.json holds of them
     * (times, benchmark, hosts, statuses, evidence, waivers), without what the store derives
     * (failing since, history, drift): the same results stored again, or imported from the
     * results.json a stored scan wrote, give the same key. */
    EVP_MD_CTX *key;
    bool key_failed;
    struct fs_buf *err;
    struct fs_buf sql;
    char run_id[24];
    const char *params[BATCH * RESULT_COLS];
    char nums[BATCH * RESULT_COLS][32];
};

/* One value into the key, length-prefixed (NULL apart). */
static void key_add(struct saver *sv, const char *v)
{
    char head[32];
    int w = v ? snprintf(head, sizeof head, "S%zu:", strlen(v)) : snprintf(head, sizeof head, "N;");
    if (EVP_DigestUpdate(sv->key, head, (size_t)w) != 1 ||
        (v && EVP_DigestUpdate(sv->key, v, strlen(v)) != 1))
        sv->key_failed = true;
}

static int save_principles(struct saver *sv, const char *idx, json_t *arr)
{
    size_t i, n = 0;
    json_t *p;
    json_array_foreach(arr, i, p)
    {
        if (n == BATCH)
            return FS_ERR_LIMIT;
        const char **row = &sv->params[n * 7];
        row[0] = sv->run_id;
        row[1] = idx;
        row[2] = json_string_value(json_object_get(p, "id"));
        row[3] = text_of(json_object_get(p, "score"), sv->nums[n * 7 + 3], 32);
        row[4] = text_of(json_object_get(p, "pass"), sv->nums[n * 7 + 4], 32);
        row[5] = text_of(json_object_get(p, "fail"), sv->nums[n * 7 + 5], 32);
        row[6] = text_of(json_object_get(p, "other"), sv->nums[n * 7 + 6], 32);
        if (!row[2] || !row[4] || !row[5] || !row[6])
            return FS_ERR_INVAL;
        n++;
    }
    if (!n)
        return FS_OK;
    int rc = insert_sql(&sv->sql,
                        "INSERT INTO host_principles (run_id, idx, principle, score, pass, fail,"
                        " other)",
                        n, 7, "");
    return rc ? rc
              : fs_db_exec(sv->s->db, fs_buf_cstr(&sv->sql), n * 7, sv->params, NULL, NULL,
                           sv->err);
}

static int flush_results(struct saver *sv, size_t n)
{
    if (!n)
        return FS_OK;
    int rc = insert_sql(&sv->sql,
                        "INSERT INTO results (run_id, idx, rule, status, severity, principle,"
                        " evidence, waiver_line, failing_since)",
                        n, RESULT_COLS, "");
    return rc ? rc
              : fs_db_exec(sv->s->db, fs_buf_cstr(&sv->sql), n * RESULT_COLS, sv->params, NULL,
                           NULL, sv->err);
}

static int flush_evidence(struct saver *sv, size_t n)
{
    if (!n)
        return FS_OK;
    int rc = insert_sql(&sv->sql, "INSERT INTO evidence (id, text)", n, 2,
                        " ON CONFLICT (id) DO NOTHING");
    return rc ? rc
              : fs_db_exec(sv->s->db, fs_buf_cstr(&sv->sql), n * 2, sv->params, NULL, NULL,
                           sv->err);
}

/* The evidence texts of a host's results, each once (ON CONFLICT: stored by an earlier run). */
static int save_evidence(struct saver *sv, json_t *results)
{
    size_t i, n = 0;
    json_t *rj;
    int rc = FS_OK;
    json_array_foreach(results, i, rj)
    {
        const char *ev = json_string_value(json_object_get(rj, "evidence"));
        if (!ev || !*ev)
            continue;
        snprintf(sv->nums[n * 2], 32, "%" PRId64, evidence_id(ev));
        sv->params[n * 2] = sv->nums[n * 2];
        sv->params[n * 2 + 1] = ev;
        if (++n == BATCH && (rc = flush_evidence(sv, n)))
            return rc;
        n %= BATCH;
    }
    rc = flush_evidence(sv, n);
    return rc;
}

static int save_results(struct saver *sv, const char *idx, json_t *results,
                        const struct fs_host_result *h)
{
    size_t i, n = 0;
    json_t *rj;
    int rc = save_evidence(sv, results);
    json_array_foreach(results, i, rj)
    {
        if (rc)
            return rc;
        const char **row = &sv->params[n * RESULT_COLS];
        char *num = sv->nums[n * RESULT_COLS];
        const char *ev = json_string_value(json_object_get(rj, "evidence"));
        json_t *w = json_object_get(rj, "waiver");
        row[0] = sv->run_id;
        row[1] = idx;
        row[2] = json_string_value(json_object_get(rj, "rule"));
        row[3] = json_string_value(json_object_get(rj, "status"));
        row[4] = json_string_value(json_object_get(rj, "severity"));
        row[5] = json_string_value(json_object_get(rj, "principle"));
        row[6] = NULL;
        if (ev && *ev) {
            snprintf(num, 32, "%" PRId64, evidence_id(ev));
            row[6] = num;
        }
        row[7] = text_of(json_object_get(w, "line"), sv->nums[n * RESULT_COLS + 7], 32);
        /* as the store worked it out (fs_store_failing_since), results in the report's order */
        row[8] = i < h->nresults && h->results[i].result == FS_RESULT_FAIL &&
                         h->results[i].failing_since[0]
                     ? h->results[i].failing_since
                     : NULL;
        if (!row[2] || !row[3] || !row[4])
            return FS_ERR_INVAL;
        key_add(sv, row[2]);
        key_add(sv, row[3]);
        key_add(sv, ev ? ev : "");
        key_add(sv, row[7]);
        if (++n == BATCH) {
            rc = flush_results(sv, n);
            n = 0;
        }
    }
    return rc ? rc : flush_results(sv, n);
}

static int save_host(struct saver *sv, size_t i, json_t *hj, const struct fs_host_result *h)
{
    char idx[24], nums[8][32];
    snprintf(idx, sizeof idx, "%zu", i);
    json_t *results = json_incref(json_object_get(hj, "results"));
    json_t *principles = json_object_get(hj, "principles");
    json_t *copy = json_copy(hj);
    if (!copy) {
        json_decref(results);
        return FS_ERR_NOMEM;
    }
    json_object_del(copy, "results");
    char *doc = dump(copy);
    /* pass, fail, error and waived over the results, as the host's score counts them */
    unsigned pass = 0, fail = 0, error = 0, waived = 0;
    size_t k;
    json_t *rj;
    json_array_foreach(results, k, rj)
    {
        const char *st = json_string_value(json_object_get(rj, "status"));
        pass += st && strcmp(st, "pass") == 0;
        fail += st && strcmp(st, "fail") == 0;
        error += st && strcmp(st, "error") == 0;
        waived += json_is_object(json_object_get(rj, "waiver"));
    }
    snprintf(nums[0], 32, "%u", pass);
    snprintf(nums[1], 32, "%u", fail);
    snprintf(nums[2], 32, "%u", error);
    snprintf(nums[3], 32, "%u", waived);
    const char *p[] = {sv->run_id,
                       idx,
                       json_string_value(json_object_get(hj, "name")),
                       json_string_value(json_object_get(hj, "address")),
                       json_string_value(json_object_get(hj, "role")),
                       json_string_value(json_object_get(hj, "zone")),
                       json_string_value(json_object_get(hj, "profile")),
                       json_string_value(json_object_get(hj, "status")),
                       json_string_value(json_object_get(hj, "started")),
                       text_of(json_object_get(hj, "score"), nums[4], 32),
                       text_of(json_object_get(hj, "score_unwaived"), nums[5], 32),
                       nums[0],
                       nums[1],
                       nums[2],
                       nums[3],
                       doc};
    int rc = !doc ? FS_ERR_NOMEM : !p[2] || !p[6] || !p[7] ? FS_ERR_INVAL : FS_OK;
    key_add(sv, "host");
    for (size_t c = 2; c <= 8; c++) /* name, address, role, zone, profile, status, started */
        key_add(sv, p[c]);
    key_add(sv, json_string_value(json_object_get(hj, "finished")));
    key_add(sv, json_string_value(json_object_get(hj, "error")));
    if (!rc)
        rc = fs_db_exec(sv->s->db,
                        "INSERT INTO hosts (run_id, idx, name, address, role, zone, profile,"
                        " status, started, score, score_unwaived, pass, fail, error, waived, doc)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
                        " $15, $16)",
                        sizeof p / sizeof p[0], p, NULL, NULL, sv->err);
    if (!rc)
        rc = save_principles(sv, idx, principles);
    if (!rc)
        rc = save_results(sv, idx, results, h);
    free(doc);
    json_decref(copy);
    json_decref(results);
    return rc;
}

static int find_key(void *ud, size_t n, const char *const *v)
{
    snprintf(ud, 160, "run %s (%s)", n > 0 && v[0] ? v[0] : "?", n > 1 && v[1] ? v[1] : "?");
    return FS_OK;
}

static int prev_row(void *ud, size_t n, const char *const *v)
{
    struct fs_stored_run *o = ud;
    o->id = n && v[0] ? strtoll(v[0], NULL, 10) + 1 : 1;
    snprintf(o->prev_sha256, sizeof o->prev_sha256, "%s",
             n > 1 && v[1] ? v[1] : FS_STORE_ZERO_SHA256);
    return FS_OK;
}

/* The run row (content digest filled in after every other row is in). */
static int save_run(struct saver *sv, json_t *doc, const struct fs_run_meta *m,
                    const struct fs_stored_run *o, const char *pending)
{
    json_t *copy = json_copy(doc);
    if (!copy)
        return FS_ERR_NOMEM;
    json_object_del(copy, "hosts");
    char *top = dump(copy);
    json_t *summary = json_object_get(doc, "summary");
    json_t *bench = json_object_get(doc, "benchmark");
    json_t *tail = json_object_get(doc, "tailoring");
    char nums[4][32], stored[32];
    fs_rfc3339(time(NULL), stored, sizeof stored);
    const char *p[] = {sv->run_id,
                       o->label,
                       m->shard,
                       m->source ? m->source : "scan",
                       m->source_file,
                       json_string_value(json_object_get(doc, "started")),
                       json_string_value(json_object_get(doc, "finished")),
                       stored,
                       m->operator_name ? m->operator_name : "",
                       m->command_line ? m->command_line : "",
                       FS_VERSION,
                       json_string_value(json_object_get(bench, "id")),
                       json_string_value(json_object_get(bench, "sha256")),
                       json_string_value(json_object_get(tail, "sha256")),
                       m->waivers_sha256,
                       text_of(json_object_get(summary, "hosts"), nums[0], 32),
                       text_of(json_object_get(summary, "scanned"), nums[1], 32),
                       text_of(json_object_get(summary, "score"), nums[2], 32),
                       text_of(json_object_get(summary, "score_unwaived"), nums[3], 32),
                       top,
                       pending,
                       o->prev_sha256};
    int rc = !top ? FS_ERR_NOMEM : !p[5] || !p[6] || !p[11] || !p[15] ? FS_ERR_INVAL : FS_OK;
    for (size_t k = 5; k <= 6; k++) /* started, finished */
        key_add(sv, p[k]);
    for (size_t k = 11; k <= 13; k++) /* benchmark id and digest, tailoring digest */
        key_add(sv, p[k]);
    key_add(sv, json_string_value(json_object_get(json_object_get(doc, "waivers"), "sha256")));
    if (!rc && !p[12])
        p[12] = "";
    if (!rc)
        rc = fs_db_exec(sv->s->db,
                        "INSERT INTO runs (id, label, shard, source, source_file, started,"
                        " finished, stored, operator, command_line, scanner_version,"
                        " benchmark_id, benchmark_sha256, tailoring_sha256, waivers_sha256,"
                        " hosts, scanned, score, score_unwaived, doc, results_key,"
                        " content_sha256, prev_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                        " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, '',"
                        " $22)",
                        sizeof p / sizeof p[0], p, NULL, NULL, sv->err);
    free(top);
    json_decref(copy);
    return rc;
}

static int save_doc(struct fs_store *s, const struct fs_report *r, json_t *doc,
                    const struct fs_run_meta *m, struct fs_stored_run *o, struct fs_buf *err)
{
    struct saver sv = {.s = s, .err = err, .key = EVP_MD_CTX_new()};
    char key[FS_SHA256_HEX], pending[64], earlier[160] = "";
    fs_buf_init(&sv.sql, 1u << 20);
    int rc = sv.key && EVP_DigestInit_ex(sv.key, EVP_sha256(), NULL) == 1 ? FS_OK : FS_ERR_NOMEM;
    if (rc || (rc = fs_db_begin(s->db, true, err)))
        goto out;
    /* a shard of a labelled fleet run once: a second one would list its hosts twice */
    if (m->shard && m->label && *m->label) {
        const char *sp[] = {m->label, m->shard};
        if ((rc = fs_db_exec(s->db, "SELECT id, label FROM runs WHERE label = $1 AND shard = $2", 2,
                             sp, find_key, earlier, err)))
            goto out;
        if (earlier[0]) {
            fs_buf_try_addf(err, "shard %s of '%s' is stored already as %s", m->shard, m->label,
                            earlier);
            rc = FS_ERR_INVAL;
            goto out;
        }
    }
    if ((rc = fs_db_exec(s->db,
                         "SELECT id, content_sha256 FROM runs WHERE id = (SELECT max(id) FROM"
                         " runs)",
                         0, NULL, prev_row, o, err)))
        goto out;
    if (!o->id) {
        o->id = 1;
        snprintf(o->prev_sha256, sizeof o->prev_sha256, "%s", FS_STORE_ZERO_SHA256);
    }
    fs_store_id_text(o->id, sv.run_id, sizeof sv.run_id);
    if (m->label && *m->label)
        snprintf(o->label, sizeof o->label, "%s", m->label);
    else
        snprintf(o->label, sizeof o->label, "run-%" PRId64, o->id);
    snprintf(pending, sizeof pending, "pending-%s", sv.run_id);
    if ((rc = save_run(&sv, doc, m, o, pending)))
        goto out;
    /* a host's JSON at a time: the store never holds the whole run as one document */
    for (size_t i = 0; i < r->n; i++) {
        json_t *hj = fs_report_json_host(r->benchmark, &r->hosts[i]);
        rc = hj ? save_host(&sv, i, hj, &r->hosts[i]) : FS_ERR_NOMEM;
        json_decref(hj);
        if (rc)
            goto out;
    }
    unsigned char kv[EVP_MAX_MD_SIZE];
    unsigned kn = 0;
    if (sv.key_failed || EVP_DigestFinal_ex(sv.key, kv, &kn) != 1) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    for (size_t k = 0; k < kn && k < 32; k++)
        snprintf(key + 2 * k, 3, "%02x", kv[k]);
    /* the same results stored before (the same scan, or its results.json imported) */
    const char *kp[] = {key};
    if ((rc = fs_db_exec(s->db, "SELECT id, label FROM runs WHERE results_key = $1", 1, kp,
                         find_key, earlier, err)))
        goto out;
    if (earlier[0]) {
        fs_buf_try_addf(err, "these results are stored already as %s", earlier);
        rc = FS_ERR_INVAL;
        goto out;
    }
    const char *kup[] = {key, sv.run_id};
    if ((rc = fs_db_exec(s->db, "UPDATE runs SET results_key = $1 WHERE id = $2", 2, kup, NULL,
                         NULL, err)) ||
        (rc = fs_store_run_digest(s, o->id, o->content_sha256, err)))
        goto out;
    const char *up[] = {o->content_sha256, sv.run_id};
    if ((rc = fs_db_exec(s->db, "UPDATE runs SET content_sha256 = $1 WHERE id = $2", 2, up, NULL,
                         NULL, err)) ||
        (rc = fs_db_commit(s->db, err)))
        goto out;
out:
    if (rc) {
        fs_db_rollback(s->db);
        if (rc == FS_ERR_INVAL && !err->len)
            fs_buf_try_addf(err, "%s: the results miss a field the store needs",
                            fs_db_display(s->db));
        else if (rc == FS_ERR_NOMEM && !err->len)
            fs_buf_try_addf(err, "%s: out of memory", fs_db_display(s->db));
    }
    fs_buf_dispose(&sv.sql);
    EVP_MD_CTX_free(sv.key);
    return rc;
}

int fs_store_save(struct fs_store *s, const struct fs_report *r, const struct fs_run_meta *m,
                  struct fs_stored_run *out, struct fs_buf *err)
{
    memset(out, 0, sizeof *out);
    json_t *doc = fs_report_json_top(r);
    if (!doc)
        return FS_ERR_NOMEM;
    int rc = save_doc(s, r, doc, m, out, err);
    json_decref(doc);
    return rc;
}
