/* SPDX-License-Identifier: Apache-2.0 */
/* Error codes shared by every floorscan module: negative values, 0 is success. */
#ifndef FS_ERR_H
#define FS_ERR_H

enum fs_err {
    FS_OK = 0,
    FS_ERR_NOMEM = -1,
    FS_ERR_INVAL = -2,
    FS_ERR_IO = -3,
    FS_ERR_PARSE = -4,
    FS_ERR_LIMIT = -5,
    FS_ERR_TIMEOUT = -6,
    FS_ERR_CONNECT = -7,
    FS_ERR_AUTH = -8,
    FS_ERR_HOSTKEY = -9,
    FS_ERR_NOTFOUND = -10,
    FS_ERR_ENGINE = -11,
    FS_ERR_SUDO = -12,
    FS_ERR_REMOTE = -13,
    FS_ERR_CANCELLED = -14,
};

const char *fs_strerror(int err);

#endif
