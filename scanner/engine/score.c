/* SPDX-License-Identifier: Apache-2.0 */
/* Scores as the catalog defines them: severity-weighted share of passing rules. */
#include "result.h"

#include "../zones/flows.h"

#include <stdlib.h>
#include <string.h>

static double weight(enum fs_severity s)
{
    switch (s) {
    case FS_SEV_HIGH:
        return 3;
    case FS_SEV_MEDIUM:
        return 2;
    case FS_SEV_LOW:
        return 1;
    default:
        return 0;
    }
}

/* fail_w and error_w leave waived results out; raw_fail_w counts every fail. */
struct acc {
    double pass_w, fail_w, error_w, raw_fail_w;
    unsigned pass, fail, error, other, manual, waived;
};

static void acc_add(struct acc *a, const struct fs_rule_result *rr)
{
    double w = weight(rr->rule->severity);
    if (rr->waiver)
        a->waived++;
    switch (rr->result) {
    case FS_RESULT_PASS:
        a->pass++;
        a->pass_w += w;
        break;
    case FS_RESULT_FAIL:
        a->fail++;
        a->raw_fail_w += w;
        if (!rr->waiver)
            a->fail_w += w;
        break;
    case FS_RESULT_ERROR:
    case FS_RESULT_UNKNOWN:
        a->error++;
        if (!rr->waiver)
            a->error_w += w;
        break;
    case FS_RESULT_NOTCHECKED:
        a->manual++;
        a->other++;
        break;
    default:
        a->other++;
        break;
    }
}

static void acc_score(const struct acc *a, struct fs_score *s)
{
    memset(s, 0, sizeof *s);
    s->pass = a->pass;
    s->fail = a->fail;
    s->error = a->error;
    s->other = a->other;
    s->manual = a->manual;
    s->waived = a->waived;
    if (a->pass_w + a->raw_fail_w > 0) {
        s->has_unwaived = true;
        s->unwaived = 100.0 * a->pass_w / (a->pass_w + a->raw_fail_w);
    }
    if (a->pass_w + a->fail_w > 0) {
        s->has_score = true;
        s->score = 100.0 * a->pass_w / (a->pass_w + a->fail_w);
    }
    if (a->pass_w + a->fail_w + a->error_w > 0) {
        s->has_strict = true;
        s->strict = 100.0 * a->pass_w / (a->pass_w + a->fail_w + a->error_w);
    }
}

void fs_score_host(struct fs_host_result *r)
{
    struct acc all = {0}, per[FS_PRINCIPLES];
    memset(per, 0, sizeof per);
    for (size_t i = 0; i < r->nresults; i++) {
        const struct fs_rule_result *rr = &r->results[i];
        acc_add(&all, rr);
        if (rr->rule->principle >= 0 && rr->rule->principle < FS_PRINCIPLES)
            acc_add(&per[rr->rule->principle], rr);
    }
    acc_score(&all, &r->score);
    for (int p = 0; p < FS_PRINCIPLES; p++)
        acc_score(&per[p], &r->principles[p]);
}

/* Sums of host scores and how many hosts had each, for the fleet means. */
static void mean_into(struct fs_score *dst, const struct fs_score *src, struct fs_score_means *m)
{
    dst->pass += src->pass;
    dst->fail += src->fail;
    dst->error += src->error;
    dst->other += src->other;
    dst->manual += src->manual;
    dst->waived += src->waived;
    if (src->has_score) {
        m->sum += src->score;
        m->n++;
    }
    if (src->has_strict) {
        m->ssum += src->strict;
        m->sn++;
    }
    if (src->has_unwaived) {
        m->usum += src->unwaived;
        m->un++;
    }
}

static void mean_out(struct fs_score *s, const struct fs_score_means *m)
{
    if ((s->has_score = m->n > 0))
        s->score = m->sum / m->n;
    if ((s->has_strict = m->sn > 0))
        s->strict = m->ssum / m->sn;
    if ((s->has_unwaived = m->un > 0))
        s->unwaived = m->usum / m->un;
}

bool fs_score_acc_add(struct fs_score_acc *a, const struct fs_host_result *h)
{
    if (h->status != FS_HOST_SCANNED && h->nresults == 0)
        return false;
    mean_into(&a->fleet, &h->score, &a->all);
    for (int p = 0; p < FS_PRINCIPLES; p++)
        mean_into(&a->principles[p], &h->principles[p], &a->per[p]);
    return true;
}

void fs_score_acc_out(struct fs_score_acc *a, struct fs_score *fleet,
                      struct fs_score principles[FS_PRINCIPLES])
{
    mean_out(&a->fleet, &a->all);
    for (int p = 0; p < FS_PRINCIPLES; p++)
        mean_out(&a->principles[p], &a->per[p]);
    if (fleet)
        *fleet = a->fleet;
    if (principles)
        memcpy(principles, a->principles, sizeof a->principles);
}

void fs_score_fleet(const struct fs_host_result *hosts, size_t n, struct fs_score *fleet,
                    struct fs_score principles[FS_PRINCIPLES], long *worst)
{
    struct fs_score_acc a;
    memset(&a, 0, sizeof a);
    *worst = -1;
    for (size_t i = 0; i < n; i++) {
        const struct fs_host_result *h = &hosts[i];
        if (fs_score_acc_add(&a, h) && h->score.has_score &&
            (*worst < 0 || h->score.score < hosts[*worst].score.score))
            *worst = (long)i;
    }
    fs_score_acc_out(&a, fleet, principles);
}

const char *fs_severity_name(enum fs_severity s)
{
    static const char *const names[] = {"unknown", "info", "low", "medium", "high"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "unknown";
}

void fs_host_result_dispose(struct fs_host_result *r)
{
    for (size_t i = 0; i < r->nresults; i++)
        free(r->results[i].evidence);
    free(r->results);
    free(r->error);
    free(r->os);
    free(r->kernel);
    free(r->hostname);
    free(r->device_priority);
    r->device_priority = NULL;
    fs_kvlist_dispose(&r->unproven);
    fs_host_flows_dispose(r->flows);
    free(r->flows);
    r->flows = NULL;
    free(r->raw);
    r->raw = NULL;
    r->raw_len = 0;
    r->results = NULL;
    r->nresults = 0;
    r->error = r->os = r->kernel = r->hostname = NULL;
}
