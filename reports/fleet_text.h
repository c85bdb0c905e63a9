/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet analysis (scanner/zones/fleet.h) as the text formats name it: a zone's and a
 * conduit's label, the roll-up beside a zone's verdict. results.json, JUnit, CSV and XCCDF
 * share these, so every format names a conduit the same way. */
#ifndef FS_REPORTS_FLEET_TEXT_H
#define FS_REPORTS_FLEET_TEXT_H

#include "../scanner/core/buf.h"
#include "../scanner/core/contract.h"
#include "../scanner/zones/fleet.h"
#include "../scanner/zones/site.h"

#include <stddef.h>

/* "engineering -> production tcp/22,tcp/8000-8080" (zone names printable). */
FS_MUST_USE int fs_fleet_conduit_label(struct fs_buf *b, const struct fs_site *s, size_t i);
/* "tcp/22,udp/514" alone. */
FS_MUST_USE int fs_fleet_conduit_ports(struct fs_buf *b, const struct fs_conduit *c);
/* The model's file name without its directory ("zones.yaml"), or "site model" when the model
 * does not say which file it came from. */
const char *fs_fleet_site_name(const struct fs_site *s);
/* A zone's roll-up in one line: "target SL 3; 4 hosts (1 misplaced); score 82.5; IEC 62443-3-3:
 * SR 1.1 pass, SR 5.1 fail (2 hosts)" - a roll-up of evidence, not a certification. */
FS_MUST_USE int fs_fleet_zone_rollup(struct fs_buf *b, const struct fs_zone *z,
                                     const struct fs_zone_summary *zs);
/* A conduit's summary in one line: "purpose: deployment; 2 flows observed". */
FS_MUST_USE int fs_fleet_conduit_summary(struct fs_buf *b, const struct fs_conduit *c,
                                         const struct fs_conduit_summary *cs);

#endif
