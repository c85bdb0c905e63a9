/* SPDX-License-Identifier: Apache-2.0 */
/* A host's flow observations: parsing them from fact net_listen, and their classification. */
#include "flows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fs_host_flows_dispose(struct fs_host_flows *f)
{
    if (!f)
        return;
    free(f->v);
    f->v = NULL;
    f->n = 0;
}

const char *fs_flow_class_name(enum fs_flow_class c)
{
    static const char *const names[] = {"intra-zone", "conduit", "cross-zone", "external"};
    return (unsigned)c < sizeof names / sizeof names[0] ? names[c] : "unknown";
}

bool fs_host_flows_complete(const struct fs_host_flows *f)
{
    return f && f->read && f->cut == 0;
}

enum fs_flow_class fs_flow_classify_zones(const struct fs_site *s, long client_zone,
                                          long server_zone, const char *proto, unsigned server_port,
                                          long *conduit)
{
    *conduit = -1;
    if (client_zone < 0 || server_zone < 0)
        return FS_FLOW_EXTERNAL;
    if (client_zone == server_zone)
        return FS_FLOW_INTRA_ZONE;
    *conduit = fs_site_conduit_for(s, (size_t)client_zone, (size_t)server_zone, proto, server_port);
    return *conduit >= 0 ? FS_FLOW_CONDUIT : FS_FLOW_CROSS_ZONE;
}

enum fs_flow_class fs_flow_classify(const struct fs_site *s, long host_zone,
                                    const struct fs_flow_obs *o, long *conduit)
{
    /* the address the host used, where the model places it: a host declared in one zone (or
     * known by a DNS name) that talks from another zone's address is judged where it talks */
    long local = fs_site_zone_of(s, o->local);
    if (local < 0)
        local = host_zone;
    long remote = fs_site_zone_of(s, o->remote);
    if (o->dir == FS_FLOW_IN)
        return fs_flow_classify_zones(s, remote, local, o->proto, o->lport, conduit);
    return fs_flow_classify_zones(s, local, remote, o->proto, o->rport, conduit);
}

void fs_flow_endpoint_str(const unsigned char a[16], unsigned port, char *out, size_t n)
{
    char addr[64];
    fs_addr_str(a, addr, sizeof addr);
    bool v6 = strchr(addr, ':') != NULL;
    snprintf(out, n, "%s%s%s:%u", v6 ? "[" : "", addr, v6 ? "]" : "", port);
}
