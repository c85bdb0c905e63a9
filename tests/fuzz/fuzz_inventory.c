/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: the YAML inventory loader. */
#include "scanner/inventory/inventory.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_inventory *inv = NULL;
    if (fs_inventory_load_mem(&inv, "fuzz.yml", (const char *)data, size, &err) == 0)
        fs_best_effort(fs_inventory_limit(inv, "a*,g", &err)); /* no match is fine here */
    fs_inventory_free(inv);
    fs_buf_dispose(&err);
    return 0;
}
