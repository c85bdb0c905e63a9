/* SPDX-License-Identifier: Apache-2.0 */
/* Addresses and networks in one 16-byte space (IPv4 as IPv4-mapped IPv6), and the site
 * model's lookups: a zone by name or address, a conduit by zones, protocol and port. */
#include "site.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static bool is_v4(const unsigned char a[16])
{
    return memcmp(a, v4mapped, sizeof v4mapped) == 0;
}

bool fs_addr_parse(const char *s, size_t n, unsigned char out[16])
{
    char buf[64];
    if (!s || n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    struct in_addr v4;
    if (inet_pton(AF_INET, buf, &v4) == 1) {
        memcpy(out, v4mapped, sizeof v4mapped);
        memcpy(out + 12, &v4, 4);
        return true;
    }
    struct in6_addr v6;
    if (inet_pton(AF_INET6, buf, &v6) == 1) {
        memcpy(out, &v6, 16);
        return true;
    }
    return false;
}

void fs_addr_str(const unsigned char a[16], char *out, size_t n)
{
    char buf[INET6_ADDRSTRLEN];
    const char *r = is_v4(a) ? inet_ntop(AF_INET, a + 12, buf, sizeof buf)
                             : inet_ntop(AF_INET6, a, buf, sizeof buf);
    snprintf(out, n, "%s", r ? r : "?");
}

bool fs_addr_is_loopback(const unsigned char a[16])
{
    static const unsigned char v6lo[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return (is_v4(a) && a[12] == 127) || memcmp(a, v6lo, 16) == 0;
}

static bool prefix_match(const unsigned char *a, const unsigned char *b, unsigned bits)
{
    unsigned whole = bits / 8, rest = bits % 8;
    if (memcmp(a, b, whole) != 0)
        return false;
    if (!rest)
        return true;
    unsigned char m = (unsigned char)(0xffu << (8 - rest));
    return (a[whole] & m) == (b[whole] & m);
}

bool fs_cidr_parse(const char *s, size_t n, struct fs_cidr *out)
{
    const char *slash = memchr(s, '/', n);
    size_t alen = slash ? (size_t)(slash - s) : n;
    if (!fs_addr_parse(s, alen, out->addr))
        return false;
    bool v4 = is_v4(out->addr) && memchr(s, ':', alen) == NULL;
    unsigned max = v4 ? 32 : 128, len = max;
    if (slash) {
        const char *p = slash + 1, *end = s + n;
        if (p == end || end - p > 3)
            return false;
        len = 0;
        for (; p < end; p++) {
            if (*p < '0' || *p > '9')
                return false;
            len = len * 10 + (unsigned)(*p - '0');
        }
        if (len > max)
            return false;
    }
    out->prefix = v4 ? len + 96 : len;
    /* host bits set ("10.0.0.1/24") is a typo more often than a network: refuse it */
    for (unsigned bit = out->prefix; bit < 128; bit++)
        if (out->addr[bit / 8] & (0x80u >> (bit % 8)))
            return false;
    return true;
}

bool fs_cidr_contains(const struct fs_cidr *c, const unsigned char a[16])
{
    return prefix_match(c->addr, a, c->prefix);
}

bool fs_cidr_overlap(const struct fs_cidr *a, const struct fs_cidr *b)
{
    return prefix_match(a->addr, b->addr, a->prefix < b->prefix ? a->prefix : b->prefix);
}

void fs_cidr_str(const struct fs_cidr *c, char *out, size_t n)
{
    char a[INET6_ADDRSTRLEN];
    fs_addr_str(c->addr, a, sizeof a);
    bool v4 = is_v4(c->addr) && c->prefix >= 96;
    snprintf(out, n, "%s/%u", a, v4 ? c->prefix - 96 : c->prefix);
}

long fs_site_zone_find(const struct fs_site *s, const char *name)
{
    for (size_t i = 0; s && name && i < s->nzones; i++)
        if (strcmp(s->zones[i].name, name) == 0)
            return (long)i;
    return -1;
}

long fs_site_zone_of(const struct fs_site *s, const unsigned char a[16])
{
    for (size_t i = 0; s && i < s->nzones; i++)
        for (size_t k = 0; k < s->zones[i].nnets; k++)
            if (fs_cidr_contains(&s->zones[i].nets[k], a))
                return (long)i;
    return -1;
}

long fs_site_conduit_for(const struct fs_site *s, size_t from, size_t to, const char *proto,
                         unsigned port)
{
    for (size_t i = 0; s && i < s->nconduits; i++) {
        const struct fs_conduit *c = &s->conduits[i];
        if (c->from != from || c->to != to)
            continue;
        for (size_t k = 0; k < c->nports; k++)
            if (strcmp(c->ports[k].proto, proto) == 0 && port >= c->ports[k].lo &&
                port <= c->ports[k].hi)
                return (long)i;
    }
    return -1;
}
