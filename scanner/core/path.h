/* SPDX-License-Identifier: Apache-2.0 */
/* Building file paths into fixed buffers without ever cutting one short. */
#ifndef FS_PATH_H
#define FS_PATH_H

#include "contract.h"

#include <stddef.h>

/* Writes "dir/file" into out (n bytes, NUL included): FS_ERR_LIMIT when it does not fit and
 * FS_ERR_INVAL for a NULL argument or n == 0; out is then "" (when n > 0), never a cut path. */
FS_MUST_USE int fs_path_join(char *out, size_t n, const char *dir, const char *file);

#endif
