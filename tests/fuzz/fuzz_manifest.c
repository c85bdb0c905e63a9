/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: manifest.sha256 parsing (reports/manifest.c), the first thing floorscan verify
 * reads from a hostile bundle. Beyond not crashing: every accepted entry has a safe path and a
 * digest of 64 lower-case hex digits, and rendering the parsed manifest gives the input back
 * when the input was already sorted. */
#include "reports/manifest.h"
#include "scanner/core/err.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fs_manifest m;
    struct fs_buf err, again;
    fs_manifest_init(&m);
    fs_buf_init(&err, 1024);
    fs_buf_init(&again, size + 1024);
    if (fs_manifest_parse(&m, (const char *)data, size, &err) == FS_OK) {
        for (size_t i = 0; i < m.n; i++) {
            if (fs_manifest_path_problem(m.e[i].path, strlen(m.e[i].path)) ||
                strspn(m.e[i].sha256, "0123456789abcdef") != 64)
                abort();
            if (i && strcmp(m.e[i - 1].path, m.e[i].path) >= 0)
                abort(); /* sorted and unique */
        }
        if (fs_manifest_render(&m, &again) != FS_OK || again.len != size)
            abort(); /* same lines, same bytes count */
    }
    fs_buf_dispose(&again);
    fs_buf_dispose(&err);
    fs_manifest_dispose(&m);
    return 0;
}
