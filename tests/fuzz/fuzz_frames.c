/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: the collector frame parser on hostile device output. */
#include "scanner/collect/script.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fs_facts f;
    fs_facts_init(&f);
    /* The nonce every corpus file uses, so mutations reach the frame logic. */
    /* most inputs are rejected: only a crash or a sanitizer report is a finding */
    fs_best_effort(
        fs_frames_parse((const char *)data, size, "0123456789abcdef0123456789abcdef", &f));
    fs_facts_dispose(&f);
    return 0;
}
