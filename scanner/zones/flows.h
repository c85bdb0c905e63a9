/* SPDX-License-Identifier: Apache-2.0 */
/* Flow observations of one host (from fact net_listen: the kernel's socket tables and the
 * processes that own the sockets) and their judgement against the site model. */
#ifndef FS_ZONES_FLOWS_H
#define FS_ZONES_FLOWS_H

#include "../collect/facts.h"
#include "../core/contract.h"
#include "site.h"

#include <stdbool.h>
#include <stddef.h>

struct json_t;

enum fs_flow_dir {
    FS_FLOW_IN = 0, /* the host listens on the local port: the peer initiated */
    FS_FLOW_OUT,    /* the host initiated (its local port is not a listening one) */
};

/* One connected socket as a host sees it: a TCP connection (established and its relatives
 * that carry traffic) or a UDP socket with a peer. Listening sockets are not flows. */
struct fs_flow_obs {
    char proto[4]; /* tcp or udp */
    unsigned char local[16], remote[16];
    unsigned lport, rport;
    enum fs_flow_dir dir;
    char process[32]; /* the owning command, "" when the device does not show it */
    unsigned pid;     /* 0 when unknown */
};

struct fs_host_flows {
    bool read; /* the socket tables were read; false: error says why and flow rules err */
    char error[160];
    struct fs_flow_obs *v;
    size_t n;
    /* Table lines left out (read stays true, error says why): connections past
     * FS_FLOWS_MAX, listeners past FS_FLOWS_MAX_LISTEN (their direction unknown), or lines
     * that are not socket-table lines. A cut list is not the whole truth: the flow rules do
     * not pass on it, and the fleet analysis counts the host as unread. */
    size_t cut;
};

/* The bounds on one host's tables (a hostile device may print millions of lines). */
#define FS_FLOWS_MAX        20000
#define FS_FLOWS_MAX_LISTEN 20000
#define FS_FLOWS_MAX_OWNERS 8192

/* Parses fact net_listen (NULL or failed: read false with the reason). Loopback flows are
 * left out. Returns FS_ERR_NOMEM only; an unreadable table is data (read false). */
FS_MUST_USE int fs_host_flows_from_fact(const struct fs_fact *net_listen,
                                        struct fs_host_flows *out);
void fs_host_flows_dispose(struct fs_host_flows *f);
/* results.json's per-host "flows" member and back (merge recomputes the fleet from them). */
struct json_t *fs_host_flows_to_json(const struct fs_host_flows *f);
FS_MUST_USE int fs_host_flows_from_json(const struct json_t *j, struct fs_host_flows *out,
                                        struct fs_buf *err);

enum fs_flow_class {
    FS_FLOW_INTRA_ZONE = 0, /* both ends in the same zone */
    FS_FLOW_CONDUIT,        /* across zones, allowed by a conduit (direction and port) */
    FS_FLOW_CROSS_ZONE,     /* across zones without a conduit: a violation */
    FS_FLOW_EXTERNAL,       /* one end in no declared network: a violation */
};

const char *fs_flow_class_name(enum fs_flow_class c); /* "intra-zone", "conduit", ... */

/* "10.0.0.1:22", "[fd00::1]:22" (64 bytes hold any). */
void fs_flow_endpoint_str(const unsigned char a[16], unsigned port, char *out, size_t n);

/* Whether the host's flows are known in full: read, and nothing cut. */
bool fs_host_flows_complete(const struct fs_host_flows *f);

/* Classifies a flow from a client in zone client_zone to a server in zone server_zone (-1:
 * in no zone) on proto/server_port; *conduit is the conduit's index or -1. */
enum fs_flow_class fs_flow_classify_zones(const struct fs_site *s, long client_zone,
                                          long server_zone, const char *proto, unsigned server_port,
                                          long *conduit);

/* Classifies one observation of a host in zone host_zone (-1: unknown) against the model;
 * *conduit is the conduit's index or -1. The initiator is the side that does not listen. */
enum fs_flow_class fs_flow_classify(const struct fs_site *s, long host_zone,
                                    const struct fs_flow_obs *o, long *conduit);

#endif
