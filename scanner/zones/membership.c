/* SPDX-License-Identifier: Apache-2.0 */
/* A host's place in the site model: the zone its inventory declares against the zone its
 * address falls in, with evidence an auditor can read. */
#include "site.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Inventory text quoted in evidence: at most 64 bytes ("..." after them when cut), anything
 * but printable ASCII as '?'. */
static void quote(const char *s, char out[68])
{
    size_t n = 0;
    for (; s && s[n] && n < 64; n++) {
        out[n] = s[n];
        if (s[n] < 0x20 || s[n] > 0x7e)
            out[n] = '?';
    }
    out[n] = '\0';
    if (s && s[n])
        memcpy(out + n, "...", 4);
}

static void say(struct fs_membership *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The evidence, "..." at its end when it does not fit. */
static void say(struct fs_membership *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(m->evidence, sizeof m->evidence, fmt, ap);
    va_end(ap);
    if (w < 0)
        m->evidence[0] = '\0';
    else if ((size_t)w >= sizeof m->evidence)
        memcpy(m->evidence + sizeof m->evidence - 4, "...", 4);
}

/* The address parsed (an IPv6 scope "%eth0" left out); false for a host name. */
static bool parse_address(const char *address, unsigned char a[16])
{
    if (!address)
        return false;
    size_t n = strcspn(address, "%");
    return fs_addr_parse(address, n, a);
}

void fs_site_membership(const struct fs_site *s, const char *zone_var, const char *address,
                        struct fs_membership *out)
{
    unsigned char a[16];
    char addr[68], decl[68];
    bool parsed = parse_address(address, a);
    bool declared = zone_var && zone_var[0];
    long dz = declared ? fs_site_zone_find(s, zone_var) : -1;
    out->addr_zone = parsed ? fs_site_zone_of(s, a) : -1;
    quote(address ? address : "(none)", addr);
    quote(zone_var, decl);
    const char *az = out->addr_zone >= 0 ? s->zones[out->addr_zone].name : "";
    if (declared && dz < 0) {
        out->state = FS_ZONE_UNKNOWN_NAME;
        out->zone = out->addr_zone;
        if (out->addr_zone >= 0)
            say(out,
                "the inventory declares zone %s, which the site model does not define "
                "(address %s is in zone %.64s)",
                decl, addr, az);
        else
            say(out, "the inventory declares zone %s, which the site model does not define", decl);
    } else if (declared) {
        const char *dn = s->zones[dz].name;
        out->zone = dz;
        out->state = FS_ZONE_CONSISTENT;
        if (out->addr_zone == dz)
            say(out, "declared zone %.64s, address %s is in %.64s", dn, addr, dn);
        else if (out->addr_zone >= 0) {
            out->state = FS_ZONE_CONTRADICTS;
            say(out, "address %s is in zone %.64s but the inventory declares zone %.64s", addr, az,
                dn);
        } else if (parsed)
            say(out, "declared zone %.64s (address %s is in no network of the site model)", dn,
                addr);
        else
            say(out,
                "declared zone %.64s (address %s is a host name, not matched against the "
                "zone networks)",
                dn, addr);
    } else if (out->addr_zone >= 0) {
        out->state = FS_ZONE_CONSISTENT;
        out->zone = out->addr_zone;
        say(out, "address %s is in zone %.64s (no zone declared)", addr, az);
    } else {
        out->state = FS_ZONE_NONE;
        out->zone = -1;
        if (parsed)
            say(out, "address %s is in no zone of the site model and no zone is declared", addr);
        else
            say(out,
                "address %s is a host name, so its zone cannot be told from the zone "
                "networks, and no zone is declared",
                addr);
    }
}

const char *fs_zone_state_name(enum fs_zone_state st)
{
    switch (st) {
    case FS_ZONE_CONSISTENT:
        return "consistent";
    case FS_ZONE_CONTRADICTS:
        return "contradicts";
    case FS_ZONE_NONE:
        return "no-zone";
    case FS_ZONE_UNKNOWN_NAME:
        return "unknown-zone";
    }
    return "unknown";
}
