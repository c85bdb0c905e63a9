/* SPDX-License-Identifier: Apache-2.0 */
/* SHA-256 digests of input files (benchmark, tailoring), recorded in results.json. */
#ifndef FS_DIGEST_H
#define FS_DIGEST_H

#include "contract.h"

#include <stddef.h>

#define FS_SHA256_HEX 65 /* 64 hex digits and the NUL */

/* The SHA-256 of the file at path as lower-case hex; FS_ERR_IO (errno set) when unreadable. */
FS_MUST_USE int fs_sha256_file(const char *path, char hex[FS_SHA256_HEX]);
/* The SHA-256 of n bytes at p as lower-case hex. */
FS_MUST_USE int fs_sha256_mem(const void *p, size_t n, char hex[FS_SHA256_HEX]);

#endif
