/* SPDX-License-Identifier: Apache-2.0 */
/* Names of host statuses, as results.json and the summary print them. */
#include "host_status.h"

#include <assert.h>

const char *fs_host_status_name(enum fs_host_status s)
{
    static const char *const names[] = {"scanned", "unreachable", "auth-failed", "hostkey-mismatch",
                                        "timeout", "error",       "not-scanned"};
    static_assert(sizeof names / sizeof names[0] == FS_HOST_STATUS_LAST + 1,
                  "a name for every host status");
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "error";
}
