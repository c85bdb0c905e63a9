/* SPDX-License-Identifier: Apache-2.0 */
/* A site model built by hand for the zone tests (as fs_site_load_mem would load it):
 *   engineering 10.20.0.0/24 fd00:20::/64 (SL 2), production 10.30.0.0/24 fd00:30::/64 (SL 3),
 *   test-lab 10.40.0.0/24 (SL 2);
 *   conduits 0 engineering -> production tcp/22, 1 production -> engineering udp/514 tcp/6514,
 *   2 engineering -> production tcp/8000-8080. */
#ifndef FS_TEST_ZONES_SITE_H
#define FS_TEST_ZONES_SITE_H

#include "scanner/zones/site.h"

#include <string.h>

enum { ZONE_ENG = 0, ZONE_PROD = 1, ZONE_LAB = 2 };

struct test_site {
    struct fs_site site;
    struct fs_zone zones[3];
    struct fs_cidr nets[5];
    struct fs_conduit conduits[3];
    struct fs_port_range ports[4];
};

static inline void test_cidr(struct fs_cidr *c, const char *s)
{
    assert_true(fs_cidr_parse(s, strlen(s), c));
}

static inline void test_port(struct fs_port_range *p, const char *proto, unsigned lo, unsigned hi)
{
    memset(p, 0, sizeof *p);
    memcpy(p->proto, proto, 3);
    p->lo = lo;
    p->hi = hi;
}

static inline void test_site_init(struct test_site *t)
{
    memset(t, 0, sizeof *t);
    test_cidr(&t->nets[0], "10.20.0.0/24");
    test_cidr(&t->nets[1], "fd00:20::/64");
    test_cidr(&t->nets[2], "10.30.0.0/24");
    test_cidr(&t->nets[3], "fd00:30::/64");
    test_cidr(&t->nets[4], "10.40.0.0/24");
    static char eng[] = "engineering", prod[] = "production", lab[] = "test-lab";
    static char deploy[] = "deployment", logging[] = "logging", hmi[] = "hmi";
    t->zones[0] = (struct fs_zone){eng, &t->nets[0], 2, 2, 2};
    t->zones[1] = (struct fs_zone){prod, &t->nets[2], 2, 3, 3};
    t->zones[2] = (struct fs_zone){lab, &t->nets[4], 1, 2, 4};
    test_port(&t->ports[0], "tcp", 22, 22);
    test_port(&t->ports[1], "udp", 514, 514);
    test_port(&t->ports[2], "tcp", 6514, 6514);
    test_port(&t->ports[3], "tcp", 8000, 8080);
    t->conduits[0] = (struct fs_conduit){ZONE_ENG, ZONE_PROD, &t->ports[0], 1, deploy, 6};
    t->conduits[1] = (struct fs_conduit){ZONE_PROD, ZONE_ENG, &t->ports[1], 2, logging, 7};
    t->conduits[2] = (struct fs_conduit){ZONE_ENG, ZONE_PROD, &t->ports[3], 1, hmi, 8};
    t->site.zones = t->zones;
    t->site.nzones = 3;
    t->site.conduits = t->conduits;
    t->site.nconduits = 3;
}

#endif
