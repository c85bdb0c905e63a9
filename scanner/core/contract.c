/* The failure path of FS_ASSERT (Debug and Asan builds). */
#include "contract.h"

#include <stdio.h>
#include <stdlib.h>

#ifdef FS_DEBUG
_Noreturn void fs_assert_fail(const char *file, int line, const char *expr)
{
    fprintf(stderr, "floorscan: %s:%d: internal invariant broken: %s\n", file, line, expr);
    abort();
}
#endif
