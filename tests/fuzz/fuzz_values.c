/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: value formats (checks/values.c). The first byte picks the format, the rest is
 * the value. Beyond not crashing, it holds the property the collector relies on: a value that
 * is accepted carries no byte a shell or a tool's option parser could act on. */
#include "checks/values.h"
#include "scanner/core/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violated(enum fs_value_format f, const char *val, const char *what)
{
    fprintf(stderr, "fuzz_values: format %d accepted '%s': %s\n", (int)f, val, what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > FS_VALUE_MAX_LEN + 2)
        return 0;
    enum fs_value_format f = (enum fs_value_format)(data[0] % (FS_VALUE_RELEASES + 1));
    char *val = malloc(size);
    if (!val)
        return 0;
    memcpy(val, data + 1, size - 1);
    val[size - 1] = '\0';
    struct fs_buf why;
    fs_buf_init(&why, 1024);
    if (fs_value_check(f, val, &why) == FS_OK) {
        bool word_start = true;
        for (const char *c = val; *c; c++) {
            bool blank = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r';
            /* no shell metacharacter, quote, control byte or non-ASCII byte; no word that
             * starts with '-' (an option) */
            if ((unsigned char)*c < 0x20 && !blank)
                violated(f, val, "a control byte");
            if ((unsigned char)*c >= 0x7f || strchr("'\"`;&|<>(){}*?[]!\\#%^", *c))
                violated(f, val, "a shell metacharacter or non-ASCII byte");
            if (*c == '$' && c[1] && !(c[1] == ' ' || c[1] == '\t' || c[1] == '\n' || c[1] == '\r'))
                violated(f, val, "a '$' that is not the last byte of a word");
            if (word_start && *c == '-')
                violated(f, val, "a word starting with '-'");
            word_start = blank;
        }
    } else if (why.len == 0) {
        violated(f, val, "refused without a reason");
    }
    fs_buf_dispose(&why);
    free(val);
    return 0;
}
