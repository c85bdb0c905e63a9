/* SPDX-License-Identifier: Apache-2.0 */
/* Listening sockets from /proc/net/{tcp,tcp6,udp,udp6} as collected by fact net_listen. */
#ifndef FS_NET_UTIL_H
#define FS_NET_UTIL_H

#include "check_util.h"

struct fs_listener {
    char proto[5]; /* tcp or udp */
    unsigned port;
    bool loopback;
    char addr[48];
    unsigned long inode; /* the socket's inode (0 when the table has no such column) */
};

struct fs_listen_iter {
    const struct fs_fact *fact;
    size_t pos;
    char section[8];  /* tcp, tcp6, udp, udp6 */
    size_t malformed; /* data lines that could not be parsed */
    bool saw_table;   /* at least one /proc/net table header was seen */
};

void fs_listen_iter_init(struct fs_listen_iter *it, const struct fs_fact *f);
/* Next listening socket (TCP state LISTEN or unconnected UDP). */
bool fs_listen_next(struct fs_listen_iter *it, struct fs_listener *out);
/* Next established TCP connection; out->addr/port describe the remote end, and *v4 holds
 * the remote IPv4 address (host order) when it is IPv4 or IPv4-mapped, else *is_v4 false. */
bool fs_established_next(struct fs_listen_iter *it, struct fs_listener *out, unsigned long *v4,
                         bool *is_v4);
/* The command name of the process holding the socket with this inode, from the "# owner"
 * section of fact net_listen ("owner INODE PID COMM"); false when none is listed. */
bool fs_listen_owner(const struct fs_fact *f, unsigned long inode, char *comm, size_t commlen);
/* Whether fact net_listen has an "# owner" section (the collector looked for owners). */
bool fs_listen_owners_read(const struct fs_fact *f);
/* Parses "a.b.c.d/n" or "a.b.c.d" (a /32) into network and mask (host order). */
bool fs_parse_cidr(const char *s, size_t n, unsigned long *net, unsigned long *mask);
/* A /proc/net/{tcp,udp}[6] address column, "0100007F:0016" (IPv4: one 32-bit word in the
 * kernel's little-endian order) or 32 hex digits and a port (IPv6: four such words), into 16
 * bytes as the table holds them (IPv4 in b[0..3]) and the port. */
bool fs_proc_net_endpoint(struct fs_line f, bool v6, unsigned char b[16], unsigned *port);
/* Parses n (1 to 8) hex digits, as /proc/net prints them, into *out. */
bool fs_parse_hex(const char *s, size_t n, unsigned long *out);

#endif
