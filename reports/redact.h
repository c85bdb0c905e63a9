/* SPDX-License-Identifier: Apache-2.0 */
/* Password hashes kept out of every report, whatever text carried them there. */
#ifndef FS_REDACT_H
#define FS_REDACT_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"

#include <stddef.h>

/* Appends s[0..n) to out with password hash material replaced by "[redacted]": crypt(3)
 * strings ("$6$salt$hash", "$y$...", "$2b$...", "$argon2id$..."; the "$id$" prefix is kept,
 * so "root ($1$)" stays as it is), GRUB PBKDF2 hashes, and DES hashes in the shape of a
 * shadow or passwd field (":13 chars:digit"). */
FS_MUST_USE int fs_redact_hashes(struct fs_buf *out, const char *s, size_t n);

#endif
