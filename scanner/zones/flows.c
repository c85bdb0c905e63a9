/* SPDX-License-Identifier: Apache-2.0 */
/* A host's flow observations: parsing them from fact net_listen, and their classification. */
#include "flows.h"

#include <stdlib.h>

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
