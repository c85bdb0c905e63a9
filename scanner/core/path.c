/* SPDX-License-Identifier: Apache-2.0 */
/* Path building that reports overflow (see path.h). */
#include "path.h"
#include "err.h"

#include <string.h>

int fs_path_join(char *out, size_t n, const char *dir, const char *file)
{
    if (!out || n == 0)
        return FS_ERR_INVAL;
    out[0] = '\0';
    if (!dir || !file)
        return FS_ERR_INVAL;
    size_t dl = strlen(dir), fl = strlen(file);
    /* dir, '/', file and the NUL, without overflowing the sum */
    if (dl >= n || fl >= n - dl || n - dl - fl < 2)
        return FS_ERR_LIMIT;
    memcpy(out, dir, dl);
    out[dl] = '/';
    memcpy(out + dl + 1, file, fl + 1);
    FS_ASSERT(strlen(out) < n);
    return FS_OK;
}
