/* Contracts the compiler checks: results that must be used, internal invariants. */
#ifndef FS_CONTRACT_H
#define FS_CONTRACT_H

#include <assert.h> /* static_assert (C11) */

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

/* Drops the status of a call whose failure cannot matter (an error message that is best
 * effort, a diagnostic line). GCC ignores a (void) cast on FS_MUST_USE; this says why. */
static inline void fs_best_effort(int rc)
{
    (void)rc;
}

#endif
