/* SPDX-License-Identifier: Apache-2.0 */
/* Contracts the compiler checks: results that must be used, internal invariants. */
#ifndef FS_CONTRACT_H
#define FS_CONTRACT_H

#include <assert.h> /* static_assert (C11) */
#include <stdbool.h>
#include <stddef.h>

/* On a fallible function: ignoring its status is a compile error under -Werror. */
#define FS_MUST_USE __attribute__((warn_unused_result))

/* Internal invariants (bugs, never bad input): in Debug and Asan builds (FS_DEBUG, set by
 * CMakeLists.txt) a broken one aborts with file:line and the expression; in release builds the
 * expression is compiled out but still type-checked. */
#ifdef FS_DEBUG
_Noreturn void fs_assert_fail(const char *file, int line, const char *expr);
#define FS_ASSERT(cond) ((cond) ? (void)0 : fs_assert_fail(__FILE__, __LINE__, #cond))
#else
#define FS_ASSERT(cond) ((void)sizeof((cond) ? 1 : 0))
#endif

/* Whether a table of n elements of size bytes is in strictly increasing strcmp order of the
 * string pointer at key_offset (registration tables are searched with bsearch). */
bool fs_table_sorted(const void *table, size_t n, size_t size, size_t key_offset);

/* Debug and Asan builds check at a table's first lookup that it is sorted and unique. */
#ifdef FS_DEBUG
#include <stdatomic.h>
#define FS_ASSERT_SORTED_ONCE(table, n, type, field)                                               \
    do {                                                                                           \
        static atomic_bool fs_checked_;                                                            \
        if (!atomic_exchange(&fs_checked_, true))                                                  \
            FS_ASSERT(fs_table_sorted((table), (n), sizeof(type), offsetof(type, field)));         \
    } while (0)
#else
#define FS_ASSERT_SORTED_ONCE(table, n, type, field) ((void)(table), (void)(n))
#endif

/* Drops the status of a call whose failure cannot matter (an error message that is best
 * effort, a diagnostic line). GCC ignores a (void) cast on FS_MUST_USE; this says why. */
static inline void fs_best_effort(int rc)
{
    (void)rc;
}

#endif
