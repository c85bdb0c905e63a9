/* SPDX-License-Identifier: Apache-2.0 */
/* The exit status of a fleet result, for scan and merge (see cli.h and the contract's table). */
#include "cli.h"
#include "../reports/report.h"
#include "core/util.h"
#include "engine/result.h"

#include <stdlib.h>

int fs_cli_exit_status(const struct fs_report *r)
{
    if (r->incomplete)
        return FS_EXIT_INTERRUPTED;
    for (size_t i = 0; i < r->n; i++)
        if (r->hosts[i].status != FS_HOST_SCANNED)
            return FS_EXIT_NOT_SCANNED;
    struct fs_score fleet, pr[FS_PRINCIPLES];
    long worst;
    fs_score_fleet(r->hosts, r->n, &fleet, pr, &worst);
    /* a fleet without a score fails the gate (nothing proven), but a run of no hosts (an empty
     * shard) has nothing to gate: the merge of the shards is gated */
    if (r->has_fail_under && r->n > 0 && (!fleet.has_score || fleet.score < r->fail_under)) {
        fs_log(FS_LOG_INFO, "gate failed: fleet score below %.1f", r->fail_under);
        return FS_EXIT_GATE;
    }
    if (r->fail_on) {
        for (size_t i = 0; i < r->n; i++) {
            for (size_t k = 0; k < r->hosts[i].nresults; k++) {
                const struct fs_rule_result *rr = &r->hosts[i].results[k];
                /* a waived fail was accepted, with a reason and an approver, until its expiry */
                if (rr->result == FS_RESULT_FAIL && !rr->waiver &&
                    (int)rr->rule->severity >= r->fail_on) {
                    /* the name may come from a results.json: printable text only */
                    char *name = fs_printable_dup(r->hosts[i].host->name);
                    fs_log(FS_LOG_INFO, "gate failed: %s fails %s (severity %s)", name ? name : "?",
                           rr->rule->short_id, fs_severity_name(rr->rule->severity));
                    free(name);
                    return FS_EXIT_GATE;
                }
            }
        }
    }
    return FS_EXIT_OK;
}
