/* SPDX-License-Identifier: Apache-2.0 */
/* Applies a judged waiver register to a scan's results and re-scores the hosts. */
#include "waivers.h"
#include "../engine/result.h"

void fs_waivers_apply_host(struct fs_waivers *w, struct fs_host_result *hr)
{
    if (!hr->evaluated || !hr->host)
        return;
    for (size_t r = 0; r < hr->nresults; r++) {
        struct fs_rule_result *rr = &hr->results[r];
        rr->waiver = w ? fs_waivers_match(w, hr->host, rr->rule->xccdf_id, (int)rr->result) : NULL;
        if (rr->waiver) {
            /* the register owns its waivers: count through it, not the const pointer */
            size_t k = (size_t)(rr->waiver - w->w);
            FS_ASSERT(k < w->n);
            w->w[k].matched++;
        }
    }
    fs_score_host(hr);
}

void fs_waivers_apply(struct fs_waivers *w, struct fs_host_result *hosts, size_t n)
{
    for (size_t i = 0; w && i < w->n; i++)
        w->w[i].matched = 0;
    for (size_t i = 0; i < n; i++)
        fs_waivers_apply_host(w, &hosts[i]);
}
