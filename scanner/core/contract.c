/* SPDX-License-Identifier: Apache-2.0 */
/* The failure path of FS_ASSERT (Debug and Asan builds) and the table check it uses. */
#include "contract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool fs_table_sorted(const void *table, size_t n, size_t size, size_t key_offset)
{
    const char *p = table;
    for (size_t i = 1; i < n; i++) {
        const char *a, *b;
        memcpy(&a, p + (i - 1) * size + key_offset, sizeof a);
        memcpy(&b, p + i * size + key_offset, sizeof b);
        if (strcmp(a, b) >= 0)
            return false;
    }
    return true;
}

#ifdef FS_DEBUG
_Noreturn void fs_assert_fail(const char *file, int line, const char *expr)
{
    fprintf(stderr, "floorscan: %s:%d: internal invariant broken: %s\n", file, line, expr);
    abort();
}
#endif
