/* SPDX-License-Identifier: Apache-2.0 */
/* Listening sockets from /proc/net tables. */
#include "net_util.h"

#include <stdio.h>
#include <string.h>

void fs_listen_iter_init(struct fs_listen_iter *it, const struct fs_fact *f)
{
    memset(it, 0, sizeof *it);
    it->fact = f;
}

/* The digit's value, or -1 for a character that is not one (a value, not an fs_err). */
static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

bool fs_parse_hex(const char *s, size_t n, unsigned long *out)
{
    unsigned long v = 0;
    if (n == 0 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++) {
        int h = hexval(s[i]);
        if (h < 0)
            return false;
        v = v * 16 + (unsigned long)h;
    }
    *out = v;
    return true;
}

bool fs_proc_net_endpoint(struct fs_line f, bool v6, unsigned char b[16], unsigned *port)
{
    size_t alen = v6 ? 32 : 8;
    unsigned long p;
    if (f.len != alen + 5 || f.s[alen] != ':' || !fs_parse_hex(f.s + alen + 1, 4, &p))
        return false;
    for (size_t i = 0; i < alen / 8; i++) {
        unsigned long w;
        if (!fs_parse_hex(f.s + 8 * i, 8, &w))
            return false;
        /* each 32-bit word is printed in host (little-endian) order */
        for (size_t k = 0; k < 4; k++)
            b[4 * i + k] = (unsigned char)((w >> (8 * k)) & 0xff);
    }
    *port = (unsigned)p;
    return true;
}

/* "0100007F:0016" (IPv4, little-endian words) or 32 hex digits for IPv6. */
static bool parse_endpoint(struct fs_line f, bool v6, struct fs_listener *l)
{
    unsigned char b[16];
    unsigned port;
    if (!fs_proc_net_endpoint(f, v6, b, &port))
        return false;
    l->port = port;
    if (!v6) {
        snprintf(l->addr, sizeof l->addr, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
        l->loopback = b[0] == 127;
    } else {
        static const unsigned char lo[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        static const unsigned char v4map[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        l->loopback = memcmp(b, lo, 16) == 0 || (memcmp(b, v4map, 12) == 0 && b[12] == 127);
        snprintf(l->addr, sizeof l->addr, "[%02x%02x:%02x%02x:...:%02x%02x]", b[0], b[1], b[2],
                 b[3], b[14], b[15]);
        if (memcmp(b, v4map, 12) == 0)
            snprintf(l->addr, sizeof l->addr, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
        if (memcmp(b, lo, 16) == 0)
            snprintf(l->addr, sizeof l->addr, "[::1]");
        else if (memcmp(b, lo, 15) == 0 && b[15] == 0)
            snprintf(l->addr, sizeof l->addr, "[::]");
    }
    return true;
}

static bool next_socket(struct fs_listen_iter *it, struct fs_listener *out, bool established,
                        unsigned long *v4, bool *is_v4);

bool fs_listen_next(struct fs_listen_iter *it, struct fs_listener *out)
{
    return next_socket(it, out, false, NULL, NULL);
}

bool fs_established_next(struct fs_listen_iter *it, struct fs_listener *out, unsigned long *v4,
                         bool *is_v4)
{
    return next_socket(it, out, true, v4, is_v4);
}

/* A decimal number of at most max at *p, advancing *p past it: sscanf's %u would also take a
 * sign, spaces, and numbers that overflow. */
static bool parse_dec(const char **p, unsigned long max, unsigned long *out)
{
    const char *s = *p;
    unsigned long v = 0;
    while (*s >= '0' && *s <= '9' && v <= max)
        v = v * 10 + (unsigned long)(*s++ - '0');
    if (s == *p || v > max)
        return false;
    *p = s;
    *out = v;
    return true;
}

/* A dotted quad at *p (host order), advancing *p past it. */
static bool parse_quad(const char **p, unsigned long *out)
{
    unsigned long v = 0, octet;
    for (int i = 0; i < 4; i++) {
        if (i && *(*p)++ != '.')
            return false;
        if (!parse_dec(p, 255, &octet))
            return false;
        v = v << 8 | octet;
    }
    *out = v;
    return true;
}

bool fs_parse_cidr(const char *s, size_t n, unsigned long *net, unsigned long *mask)
{
    char buf[32];
    unsigned long addr, bits = 32;
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    const char *p = buf;
    if (!parse_quad(&p, &addr))
        return false;
    if (*p == '/') {
        p++;
        if (!parse_dec(&p, 32, &bits))
            return false;
    }
    if (*p != '\0')
        return false; /* "10.0.0.0,10.1.0.0/16" is not 10.0.0.0/32 */
    *mask = bits ? (0xffffffffUL << (32 - bits)) & 0xffffffffUL : 0;
    *net = addr & *mask;
    return true;
}

static bool next_socket(struct fs_listen_iter *it, struct fs_listener *out, bool established,
                        unsigned long *v4, bool *is_v4)
{
    struct fs_line line;
    while (fs_next_line(it->fact, &it->pos, &line)) {
        if (line.len >= 2 && line.s[0] == '#') {
            fs_line_str((struct fs_line){line.s + 2, line.len - 2}, it->section,
                        sizeof it->section);
            it->saw_table |= strcmp(it->section, "tcp") == 0 || strcmp(it->section, "tcp6") == 0;
            continue;
        }
        if (!it->section[0])
            continue;
        /* Columns are separated by runs of spaces; collect the first four. */
        struct fs_line col[10];
        size_t nc = 0;
        const char *p = line.s, *end = line.s + line.len;
        while (nc < 10 && p < end) {
            while (p < end && *p == ' ')
                p++;
            const char *q = p;
            while (q < end && *q != ' ')
                q++;
            if (q > p)
                col[nc++] = (struct fs_line){p, (size_t)(q - p)};
            p = q;
        }
        if (nc < 4)
            continue;
        if (fs_line_eq(col[0], "sl"))
            continue; /* header */
        bool v6 = strchr(it->section, '6') != NULL;
        bool tcp = strncmp(it->section, "tcp", 3) == 0;
        bool udp = strncmp(it->section, "udp", 3) == 0;
        if (!tcp && !udp)
            continue;
        struct fs_listener l = {0};
        unsigned long st;
        if (!parse_endpoint(established ? col[2] : col[1], v6, &l) ||
            !fs_parse_hex(col[3].s, col[3].len, &st)) {
            it->malformed++;
            continue;
        }
        if (established) {
            if (!tcp || st != 0x01)
                continue;
            *is_v4 = !v6 || strncmp(l.addr, "[", 1) != 0;
            const char *a = l.addr;
            if (!*is_v4 || !parse_quad(&a, v4))
                *is_v4 = false;
        } else if ((tcp && st != 0x0A) || (udp && st != 0x07)) {
            continue;
        }
        snprintf(l.proto, sizeof l.proto, "%s", tcp ? "tcp" : "udp");
        if (nc == 10) {
            const char *ip = col[9].s;
            unsigned long ino;
            if (parse_dec(&ip, 0xffffffffffUL, &ino) && ip == col[9].s + col[9].len)
                l.inode = ino;
        }
        *out = l;
        return true;
    }
    return false;
}

bool fs_listen_owners_read(const struct fs_fact *f)
{
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l))
        if (fs_line_eq(l, "# owner"))
            return true;
    return false;
}

bool fs_listen_owner(const struct fs_fact *f, unsigned long inode, char *comm, size_t commlen)
{
    size_t pos = 0;
    struct fs_line l;
    bool owners = false;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len >= 1 && l.s[0] == '#') {
            owners = fs_line_eq(l, "# owner");
            continue;
        }
        struct fs_line fld[4];
        if (!owners || fs_split(l, ' ', fld, 4) != 4 || !fs_line_eq(fld[0], "owner"))
            continue;
        const char *ip = fld[1].s;
        unsigned long ino;
        if (inode && parse_dec(&ip, 0xffffffffffUL, &ino) && ip == fld[1].s + fld[1].len &&
            ino == inode) {
            fs_line_str(fld[3], comm, commlen);
            return true;
        }
    }
    return false;
}
