/* SPDX-License-Identifier: Apache-2.0 */
/* The fact registry: lookup over the table embedded from scanner/collect/facts. */
#include "registry.h"
#include "../core/contract.h"

#include <stdlib.h>
#include <string.h>

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct fs_fact_def *)elem)->id);
}

const struct fs_fact_def *fs_fact_def_find(const char *id)
{
    FS_ASSERT_SORTED_ONCE(fs_fact_defs, fs_fact_defs_count, struct fs_fact_def, id);
    return bsearch(id, fs_fact_defs, fs_fact_defs_count, sizeof fs_fact_defs[0], cmp);
}
