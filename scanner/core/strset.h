/* SPDX-License-Identifier: Apache-2.0 */
/* A set of strings (sorted, binary search): exact membership, for de-duplicating findings. */
#ifndef FS_STRSET_H
#define FS_STRSET_H

#include "contract.h"

#include <stdbool.h>
#include <stddef.h>

struct fs_strset {
    char **items; /* sorted, owned */
    size_t n;
    size_t cap;
};

void fs_strset_init(struct fs_strset *s);
void fs_strset_dispose(struct fs_strset *s);
/* Adds a copy of str: 1 when it was new, 0 when already there, FS_ERR_NOMEM. */
FS_MUST_USE int fs_strset_add(struct fs_strset *s, const char *str);
bool fs_strset_has(const struct fs_strset *s, const char *str);
/* The first (smallest) member that starts with prefix, or NULL: a set of "key\tvalue"
 * strings works as a map. */
const char *fs_strset_prefixed(const struct fs_strset *s, const char *prefix);

#endif
