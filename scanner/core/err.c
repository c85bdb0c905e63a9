/* SPDX-License-Identifier: Apache-2.0 */
/* Human-readable names for enum fs_err. */
#include "err.h"

const char *fs_strerror(int err)
{
    switch (err) {
    case FS_OK:
        return "success";
    case FS_ERR_NOMEM:
        return "out of memory";
    case FS_ERR_INVAL:
        return "invalid argument";
    case FS_ERR_IO:
        return "input/output error";
    case FS_ERR_PARSE:
        return "malformed input";
    case FS_ERR_LIMIT:
        return "size limit exceeded";
    case FS_ERR_TIMEOUT:
        return "timed out";
    case FS_ERR_CONNECT:
        return "connection failed";
    case FS_ERR_AUTH:
        return "authentication failed";
    case FS_ERR_HOSTKEY:
        return "host key verification failed";
    case FS_ERR_NOTFOUND:
        return "not found";
    case FS_ERR_ENGINE:
        return "evaluation engine failure";
    case FS_ERR_SUDO:
        return "privilege escalation failed";
    case FS_ERR_REMOTE:
        return "remote command failed";
    case FS_ERR_CANCELLED:
        return "cancelled";
    default:
        return "unknown error";
    }
}
