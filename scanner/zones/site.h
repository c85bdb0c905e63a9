/* SPDX-License-Identifier: Apache-2.0 */
/* The site model (--zones FILE): the plant's zones with their networks and target security
 * levels, and the conduits declared between them (IEC 62443-3-2). Addresses are kept as 16
 * bytes: IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d) with the prefix length + 96, so an IPv4
 * zone matches a peer an IPv6 socket shows as ::ffff:a.b.c.d. */
#ifndef FS_ZONES_SITE_H
#define FS_ZONES_SITE_H

#include "../core/buf.h"
#include "../core/contract.h"
#include "../core/digest.h"

#include <stdbool.h>
#include <stddef.h>

struct fs_inventory;
struct json_t;

struct fs_cidr {
    unsigned char addr[16]; /* network address, host bits cleared */
    unsigned prefix;        /* 0..128 in the 16-byte space (IPv4 /n is n + 96) */
};

struct fs_port_range {
    char proto[4];   /* "tcp" or "udp" */
    unsigned lo, hi; /* 1..65535, lo <= hi ("tcp/22" is 22..22, "tcp/8000-8080" a range) */
};

struct fs_zone {
    char *name;
    struct fs_cidr *nets;
    size_t nnets;
    int security_level; /* declared target SL 1..4; 0 when the model gives none */
    int line;           /* line in the site model file (0 when loaded from results.json) */
};

struct fs_conduit {
    size_t from, to; /* zone indexes; the from side initiates */
    struct fs_port_range *ports;
    size_t nports;
    char *purpose; /* "" when none */
    int line;
};

struct fs_site {
    char *path;                 /* as given, or as results.json recorded it; NULL when unknown */
    char sha256[FS_SHA256_HEX]; /* of the file; "" when unknown */
    struct fs_zone *zones;      /* in file order */
    size_t nzones;
    struct fs_conduit *conduits; /* in file order */
    size_t nconduits;
};

/* Loads and validates a site model. Any problem (YAML syntax, unknown key, unknown zone in a
 * conduit, malformed CIDR or port, overlapping zone networks, duplicate zone) is
 * FS_ERR_INVAL with err "FILE:LINE: reason"; a file that cannot be read FS_ERR_IO. */
FS_MUST_USE int fs_site_load(struct fs_site **out, const char *path, struct fs_buf *err);
FS_MUST_USE int fs_site_load_mem(struct fs_site **out, const char *name, const char *yaml,
                                 size_t len, struct fs_buf *err);
void fs_site_free(struct fs_site *s);

/* The model as JSON for results.json ({"path", "sha256", "zones": [...], "conduits": [...]})
 * and back (merge and report re-render read it from there). NULL / FS_ERR_INVAL with err. */
struct json_t *fs_site_to_json(const struct fs_site *s);
/* A conduit's ports as a JSON array of "tcp/22", "udp/8000-8080" (results.json's site and
 * fleet members). NULL without memory. */
struct json_t *fs_site_ports_json(const struct fs_conduit *c);
FS_MUST_USE int fs_site_from_json(struct fs_site **out, const struct json_t *j, struct fs_buf *err);

/* "10.0.0.1", "fe80::1", "::ffff:10.0.0.1" -> 16 bytes (IPv4 mapped). */
bool fs_addr_parse(const char *s, size_t n, unsigned char out[16]);
/* The address as text: IPv4-mapped as dotted quad, IPv6 compressed. */
void fs_addr_str(const unsigned char a[16], char *out, size_t n);
bool fs_addr_is_loopback(const unsigned char a[16]);
/* "a.b.c.d/n", "a.b.c.d" (/32), "x::/n", "x::" (/128); host bits set is an error. */
bool fs_cidr_parse(const char *s, size_t n, struct fs_cidr *out);
bool fs_cidr_contains(const struct fs_cidr *c, const unsigned char a[16]);
bool fs_cidr_overlap(const struct fs_cidr *a, const struct fs_cidr *b);
void fs_cidr_str(const struct fs_cidr *c, char *out, size_t n);
/* "tcp/22" or "tcp/8000-8080" (32 bytes hold any). */
void fs_site_port_str(const struct fs_port_range *p, char *out, size_t n);

/* Index of a zone by name, or -1. */
long fs_site_zone_find(const struct fs_site *s, const char *name);
/* Index of the zone whose networks hold a, or -1 (zones never overlap). */
long fs_site_zone_of(const struct fs_site *s, const unsigned char a[16]);
/* Index of the first conduit from zone `from` to zone `to` whose ports hold proto/port, or
 * -1. */
long fs_site_conduit_for(const struct fs_site *s, size_t from, size_t to, const char *proto,
                         unsigned port);

/* A host's place in the model, from its `zone` variable and its address. */
enum fs_zone_state {
    FS_ZONE_CONSISTENT = 0, /* the declared zone holds the address (or the address is a name) */
    FS_ZONE_CONTRADICTS,    /* the address is outside the declared zone's networks */
    FS_ZONE_NONE,           /* no declared zone and the address is in no zone */
    FS_ZONE_UNKNOWN_NAME,   /* the declared zone is not in the model */
};

struct fs_membership {
    enum fs_zone_state state;
    long zone;      /* the zone the host is judged in: declared if known, else by address; -1 */
    long addr_zone; /* the zone its address falls in; -1 when none or the address is a name */
    char evidence[256];
};

/* zone_var may be NULL; address is the inventory address (a name gives addr_zone -1). */
void fs_site_membership(const struct fs_site *s, const char *zone_var, const char *address,
                        struct fs_membership *out);
/* "consistent", "contradicts", "no-zone", "unknown-zone" (zones check, reports). */
const char *fs_zone_state_name(enum fs_zone_state st);

/* `floorscan zones check FILE [-i INVENTORY]`: validates the model; with an inventory also
 * every host's membership (printed one line a host). Exit 0 valid and consistent, 1 when a
 * host is in no zone or contradicts its zone, 2 for an invalid model or inventory. */
int fs_cmd_zones(int argc, char **argv);

#endif
