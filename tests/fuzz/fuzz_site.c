/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: the site model loader (YAML), and for a model it accepts the results.json round
 * trip (what from_json refuses of to_json's output is a bug) and every host's membership. */
#include "scanner/zones/site.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const addrs[] = {"10.20.0.9", "fd00:30::1", "::ffff:10.30.0.5", "plc1",
                                        NULL};
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_site *s = NULL, *back = NULL;
    if (fs_site_load_mem(&s, "fuzz.yml", (const char *)data, size, &err) == 0) {
        json_t *j = fs_site_to_json(s);
        if (j && fs_site_from_json(&back, j, &err) != 0)
            abort(); /* the model as written must read back */
        if (back && (back->nzones != s->nzones || back->nconduits != s->nconduits))
            abort();
        for (size_t i = 0; addrs[i]; i++) {
            struct fs_membership m;
            fs_site_membership(s, s->zones[0].name, addrs[i], &m);
            fs_site_membership(s, NULL, addrs[i], &m);
        }
        json_decref(j);
    }
    fs_site_free(back);
    fs_site_free(s);
    fs_buf_dispose(&err);
    return 0;
}
