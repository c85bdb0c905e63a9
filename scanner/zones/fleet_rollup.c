/* SPDX-License-Identifier: Apache-2.0 */
/* The IEC 62443-3-3 roll-up per zone: for each SR the benchmark's rules reference, whether
 * every host of the zone meets every rule citing it; and the zone's score. A roll-up of the
 * scan's evidence, not a certification claim. */
#include "fleet_priv.h"

#include "../core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether a reference is an IEC 62443-3-3 system requirement ("SR 5.1", "SR 1.13 RE 1"). */
static bool is_sr(const struct fs_ref *r)
{
    return r->standard && r->id && strstr(r->standard, "62443") && strncmp(r->id, "SR ", 3) == 0;
}

static bool cites(const struct fs_rule *rule, const char *sr)
{
    for (size_t i = 0; rule && i < rule->nrefs; i++)
        if (is_sr(&rule->refs[i]) && strcmp(rule->refs[i].id, sr) == 0)
            return true;
    return false;
}

/* "SR 1.13" after "SR 1.6": numbers compared as numbers, the rest as text. */
static int cmp_sr(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    while (*x && *y) {
        if (*x >= '0' && *x <= '9' && *y >= '0' && *y <= '9') {
            char *ex, *ey;
            unsigned long nx = strtoul(x, &ex, 10), ny = strtoul(y, &ey, 10);
            if (nx != ny)
                return nx < ny ? -1 : 1;
            x = ex;
            y = ey;
            continue;
        }
        if (*x != *y)
            return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
        x++;
        y++;
    }
    return (unsigned char)*x - (unsigned char)*y;
}

/* Every SR the rules behind the hosts' results reference, sorted, each once (not owned). */
static int sr_set(const struct fs_host_result *hosts, size_t n, const char ***out, size_t *nout)
{
    size_t cap = 0, k = 0;
    const char **v = NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < hosts[i].nresults; r++) {
            const struct fs_rule *rule = hosts[i].results[r].rule;
            for (size_t j = 0; rule && j < rule->nrefs; j++) {
                if (!is_sr(&rule->refs[j]))
                    continue;
                if (k == cap) {
                    size_t c = cap ? cap * 2 : 16;
                    const char **nv = realloc(v, c * sizeof *nv);
                    if (!nv) {
                        free(v);
                        return FS_ERR_NOMEM;
                    }
                    v = nv;
                    cap = c;
                }
                v[k++] = rule->refs[j].id;
            }
        }
    if (k)
        qsort(v, k, sizeof *v, cmp_sr);
    size_t w = 0;
    for (size_t i = 0; i < k; i++)
        if (!w || strcmp(v[w - 1], v[i]) != 0)
            v[w++] = v[i];
    *out = v;
    *nout = w;
    return FS_OK;
}

/* The SR over the hosts of zone z. */
static void judge_sr(struct fs_sr_rollup *sr, long z, const struct fs_host_result *hosts, size_t n,
                     const struct fleet_hosts *fh)
{
    bool error = false, manual = false, pass = false;
    sr->hosts_failing = 0;
    for (size_t i = 0; i < n; i++) {
        if (fh->zone[i] != z)
            continue;
        const struct fs_host_result *h = &hosts[i];
        if (h->status != FS_HOST_SCANNED || !h->evaluated) {
            error = true; /* what the host would have shown is not known */
            continue;
        }
        bool fails = false;
        for (size_t r = 0; r < h->nresults; r++) {
            if (!cites(h->results[r].rule, sr->sr))
                continue;
            switch (h->results[r].result) {
            case FS_RESULT_PASS:
                pass = true;
                break;
            case FS_RESULT_FAIL: /* raw: a waiver accepts a risk, it does not meet the SR */
                fails = true;
                break;
            case FS_RESULT_ERROR:
            case FS_RESULT_UNKNOWN:
                error = true;
                break;
            case FS_RESULT_NOTCHECKED:
                manual = true;
                break;
            default: /* notapplicable, informational, notselected */
                break;
            }
        }
        sr->hosts_failing += fails;
    }
    if (sr->hosts_failing)
        sr->met = FS_RESULT_FAIL;
    else if (error)
        sr->met = FS_RESULT_ERROR;
    else if (manual)
        sr->met = FS_RESULT_NOTCHECKED;
    else
        sr->met = pass ? FS_RESULT_PASS : FS_RESULT_NOTAPPLICABLE;
}

int fs_fleet_rollup(struct fs_fleet *f, const struct fs_host_result *hosts, size_t n,
                    const struct fleet_hosts *fh)
{
    const char **srs = NULL;
    size_t nsrs = 0;
    int rc = sr_set(hosts, n, &srs, &nsrs);
    for (size_t z = 0; !rc && z < f->site->nzones; z++) {
        struct fs_zone_summary *zs = &f->zones[z];
        double sum = 0;
        size_t scored = 0;
        for (size_t i = 0; i < n; i++)
            if (fh->zone[i] == (long)z && hosts[i].score.has_score) {
                sum += hosts[i].score.score;
                scored++;
            }
        zs->has_score = scored > 0;
        zs->score = scored ? sum / (double)scored : 0;
        if (!nsrs)
            continue;
        if (!(zs->srs = calloc(nsrs, sizeof *zs->srs))) {
            rc = FS_ERR_NOMEM;
            break;
        }
        for (size_t k = 0; k < nsrs; k++) {
            if (!(zs->srs[k].sr = strdup(srs[k]))) {
                rc = FS_ERR_NOMEM;
                break;
            }
            zs->nsrs++;
            judge_sr(&zs->srs[k], (long)z, hosts, n, fh);
        }
    }
    free(srs);
    return rc;
}
