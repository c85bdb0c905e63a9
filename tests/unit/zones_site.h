/* SPDX-License-Identifier: Apache-2.0 */
/* The site model of the zone tests, loaded as --zones would load it. */
#ifndef FS_TEST_ZONES_SITE_H
#define FS_TEST_ZONES_SITE_H

#include "scanner/core/err.h"
#include "scanner/zones/site.h"

#include <string.h>

enum { ZONE_ENG = 0, ZONE_PROD = 1, ZONE_LAB = 2 };

/* conduits: 0 deployment, 1 logging, 2 hmi */
#define TEST_SITE_YAML                                                                             \
    "zones:\n"                                                                                     \
    "  engineering: { networks: [10.20.0.0/24, \"fd00:20::/64\"], security_level: 2 }\n"           \
    "  production: { networks: [10.30.0.0/24, \"fd00:30::/64\"], security_level: 3 }\n"            \
    "  test-lab: { networks: [10.40.0.0/24], security_level: 2 }\n"                                \
    "conduits:\n"                                                                                  \
    "  - { from: engineering, to: production, ports: [tcp/22], purpose: deployment }\n"            \
    "  - { from: production, to: engineering, ports: [udp/514, tcp/6514], purpose: logging }\n"    \
    "  - { from: engineering, to: production, ports: [tcp/8000-8080], purpose: hmi }\n"

static inline struct fs_site *test_site_load(void)
{
    struct fs_site *s = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 1024);
    if (fs_site_load_mem(&s, "site.yml", TEST_SITE_YAML, strlen(TEST_SITE_YAML), &err) != FS_OK)
        fail_msg("site model: %s", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    return s;
}

#endif
