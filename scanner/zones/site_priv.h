/* SPDX-License-Identifier: Apache-2.0 */
/* What the site model's two readers (the YAML file, results.json) share: the limits and the
 * checks of one name, one port range and one network against the zones read so far. */
#ifndef FS_ZONES_SITE_PRIV_H
#define FS_ZONES_SITE_PRIV_H

#include "site.h"

#include <stdbool.h>
#include <stddef.h>

#define FS_SITE_MAX_BYTES    ((size_t)1024 * 1024) /* the model file */
#define FS_SITE_MAX_ZONES    256
#define FS_SITE_MAX_CONDUITS 1024
#define FS_SITE_MAX_NETS     64  /* networks of one zone */
#define FS_SITE_MAX_PORTS    64  /* port entries of one conduit */
#define FS_SITE_NAME_MAX     64  /* zone name: letters, digits, '-', '_', '.' */
#define FS_SITE_PURPOSE_MAX  200 /* bytes of a conduit's purpose */
#define FS_SITE_TEXT_MAX     64  /* a network or port as written */

/* Why name cannot be a zone name, or NULL when it can. */
const char *fs_site_name_problem(const char *name);
/* Why the purpose text cannot be shown (control characters, too long), or NULL. */
const char *fs_site_purpose_problem(const char *s, size_t n);
/* "tcp/22", "udp/514", "tcp/8000-8080" -> *out; NULL, or the reason it is malformed. */
const char *fs_site_port_parse(const char *s, size_t n, struct fs_port_range *out);
/* Whether c overlaps a network already read (zones[0..nzones), each its first nnets): the
 * zone and network index it overlaps. */
bool fs_site_overlap(const struct fs_site *s, const struct fs_cidr *c, size_t *zone, size_t *net);
/* A zone or conduit being read, freed with what it holds. */
void fs_site_zone_dispose(struct fs_zone *z);
void fs_site_conduit_dispose(struct fs_conduit *c);

#endif
