/* SPDX-License-Identifier: Apache-2.0 */
/* A hand-built site model and fleet analysis (scanner/zones/site.h, fleet.h) for the report
 * tests: three zones, three conduits (one never used), flows of every class, the IEC 62443
 * roll-up; attached to a synthetic fleet's report as --zones would. */
#ifndef FS_SYNTH_ZONES_H
#define FS_SYNTH_ZONES_H

#include "reports/report.h"
#include "scanner/zones/fleet.h"
#include "scanner/zones/site.h"

#include <stdbool.h>
#include <stddef.h>

/* With hostile, zone 2's name, conduit 2's purpose, the path and a process name are these. */
#define SYNTH_HOSTILE_ZONE    "<script>alert(9)</script>\"];evil->x [label=\"\\N\\\\ & 'z'\x01"
#define SYNTH_HOSTILE_PURPOSE "</title><img src=x onerror=alert(10)>\"\\"
#define SYNTH_HOSTILE_PROCESS "<b>x</b>\"\\&'\x1b[31m"

/*
 * zones:    0 engineering 10.20.0.0/24 SL 2; 1 production 10.30.0.0/24, 10.31.0.0/24,
 *           10.32.0.0/24 SL 3; 2 test-lab (or SYNTH_HOSTILE_ZONE) 10.40.0.0/24, no SL
 * conduits: 0 engineering -> production tcp/22 (2 flows); 1 production -> engineering udp/514,
 *           tcp/6514 (1 flow); 2 test-lab -> production tcp/8000-8080 (unused)
 * flows:    1 inside engineering; 3 through conduits; cross-zone: 5 test-lab -> production
 *           (tcp/5432, 5433, 5434, 5435, 80) and 1 production -> test-lab (tcp/9100);
 *           external: production -> 8.8.8.8 udp/53 and 203.0.113.5 -> engineering tcp/22
 * extra:    that many more cross-zone flows test-lab -> production (tcp/6000)
 */
struct synth_zones {
    struct fs_site site;
    struct fs_fleet fleet;
};

struct synth_zones *synth_zones_new(bool hostile, size_t extra);
/* Sets r->site and r->fleet (the report's hosts are named by index in the flows: 0, 1, 2). */
void synth_zones_attach(struct synth_zones *z, struct fs_report *r);
void synth_zones_free(struct synth_zones *z);

#endif
