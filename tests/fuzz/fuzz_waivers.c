/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: the waiver register loader, then judging and matching what it accepted. */
#include "scanner/core/err.h"
#include "scanner/engine/benchmark.h"
#include "scanner/inventory/inventory.h"
#include "scanner/waivers/waivers.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char inventory_yaml[] = "all:\n"
                                     "  children:\n"
                                     "    build_servers:\n"
                                     "      vars: { role: build-server, zone: engineering }\n"
                                     "      hosts: { bs01: , bs02: }\n"
                                     "    test_stations:\n"
                                     "      vars: { role: test-station, zone: test-lab }\n"
                                     "      hosts: { ts01: }\n";

/* Loaded once: the benchmark (FS_FUZZ_BENCHMARK, set by tests/CMakeLists.txt) and an
 * inventory to resolve scopes against. Left to the process exit. */
static struct fs_benchmark *bench;
static struct fs_inventory *inv;

static void load_fixtures(void)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    if (fs_benchmark_load(&bench, FS_FUZZ_BENCHMARK, &err) != FS_OK ||
        fs_inventory_load_mem(&inv, "inv.yml", inventory_yaml, strlen(inventory_yaml), &err) !=
            FS_OK) {
        fprintf(stderr, "fuzz_waivers: %s\n", fs_buf_cstr(&err));
        abort();
    }
    fs_buf_dispose(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!bench)
        load_fixtures();
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_waivers *w = NULL;
    /* with and without an inventory: scopes checked, then not */
    const struct fs_inventory *invs[] = {inv, NULL};
    for (size_t k = 0; k < 2; k++) {
        if (fs_waivers_load_mem(&w, "fuzz.yml", (const char *)data, size, bench, invs[k], &err) !=
            FS_OK)
            continue;
        fs_waivers_judge(w, (time_t)(size * 86400 * 97), (int)(size % 60));
        for (size_t h = 0; h < inv->n; h++)
            for (size_t r = 0; r < bench->nrules; r++)
                (void)fs_waivers_match(w, &inv->hosts[h], bench->rules[r].xccdf_id,
                                       (int)((h + r) % 8));
        for (size_t i = 0; i < w->n; i++)
            (void)fs_waiver_days_left(w, &w->w[i]);
        fs_waivers_free(w);
        w = NULL;
    }
    fs_buf_dispose(&err);
    return 0;
}
