/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet analysis's parts: the hosts' places, the zone and conduit verdicts, the roll-up. */
#ifndef FS_ZONES_FLEET_PRIV_H
#define FS_ZONES_FLEET_PRIV_H

#include "fleet.h"

/* Each host's place in the model (hosts[i]), and the zone it is judged in (-1: none). */
struct fleet_hosts {
    struct fs_membership *place;
    long *zone;
};

/* The verdicts on every zone and conduit (fleet_judge.c). */
FS_MUST_USE int fs_fleet_judge(struct fs_fleet *f, const struct fs_host_result *hosts, size_t n,
                               const struct fleet_hosts *fh);
/* The IEC 62443-3-3 roll-up and the score of every zone (fleet_rollup.c). */
FS_MUST_USE int fs_fleet_rollup(struct fs_fleet *f, const struct fs_host_result *hosts, size_t n,
                                const struct fleet_hosts *fh);
/* "10.0.0.1" / "fe80::1" for an address, and a host's name ("10.0.0.1 (plc-1)"). */
void fs_fleet_end_str(const unsigned char a[16], long host, const struct fs_host_result *hosts,
                      char *out, size_t n);

#endif
