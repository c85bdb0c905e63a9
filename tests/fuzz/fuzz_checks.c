/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: every check on facts cut from the input (one fact per NUL-separated part). */
#include "checks/check.h"
#include "scanner/core/kv.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    for (size_t k = 0; k < fs_check_defs_count; k++) {
        const struct fs_check_def *def = &fs_check_defs[k];
        struct fs_facts facts;
        fs_facts_init(&facts);
        const char *q = p;
        for (size_t i = 0; i < FS_CHECK_MAX_FACTS && def->facts[i]; i++) {
            const char *nul = memchr(q, '\0', (size_t)(end - q));
            const char *e = nul ? nul : end;
            /* no memory: the check then sees the fact missing, a case it must handle too */
            fs_best_effort(fs_facts_put(&facts, def->facts[i], q, (size_t)(e - q), size % 3 ? 0 : 1,
                                        FS_FACT_OK));
            q = nul ? nul + 1 : end;
        }
        struct fs_kvlist values;
        fs_kvlist_init(&values);
        /* the same: a value missing is a case the checks handle */
        fs_best_effort(fs_kvlist_set(&values, "var_password_max_days", size % 2 ? "90" : "x"));
        fs_best_effort(fs_kvlist_set(&values, "var_updates_managed_centrally", "false"));
        struct fs_check_ctx ctx = {
            .facts = &facts, .values = &values, .host_vars = NULL, .scan_time = 0};
        struct fs_verdict v;
        fs_verdict_init(&v);
        fs_check_run(def, &ctx, &v);
        fs_verdict_dispose(&v);
        fs_kvlist_dispose(&values);
        fs_facts_dispose(&facts);
    }
    return 0;
}
