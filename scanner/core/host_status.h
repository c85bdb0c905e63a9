/* SPDX-License-Identifier: Apache-2.0 */
/* Why a host could or could not be scanned: set by transports, read by the engine, the
 * orchestrator and the report writers (so a transport needs nothing of the engine). */
#ifndef FS_HOST_STATUS_H
#define FS_HOST_STATUS_H

enum fs_host_status {
    FS_HOST_SCANNED = 0,
    FS_HOST_UNREACHABLE,
    FS_HOST_AUTH_FAILED,
    FS_HOST_HOSTKEY_MISMATCH,
    FS_HOST_TIMEOUT,
    FS_HOST_ERROR,
    FS_HOST_NOT_SCANNED, /* the run was interrupted before or while this host was scanned */
};

/* The last status: loops over every status run from FS_HOST_SCANNED to it. */
#define FS_HOST_STATUS_LAST FS_HOST_NOT_SCANNED

/* "scanned", "unreachable", "auth-failed", "hostkey-mismatch", "timeout", "error" or
 * "not-scanned". */
const char *fs_host_status_name(enum fs_host_status s);

#endif
