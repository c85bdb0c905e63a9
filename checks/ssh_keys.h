/* SPDX-License-Identifier: Apache-2.0 */
/* Strength of an OpenSSH public key from its authorized_keys text (type and base64 blob),
 * measured here so that the device needs no ssh-keygen. */
#ifndef FS_SSH_KEYS_H
#define FS_SSH_KEYS_H

#include <stddef.h>

/* Writes the key's size in bits and its family ("RSA", "DSA", "ECDSA", "ED25519", "SK-...")
 * and returns 0, or a negative enum fs_err when the blob is malformed, does not match the
 * stated type, or the type is unknown. */
int fs_ssh_key_measure(const char *type, const char *b64, long *bits, char *family, size_t famlen);

#endif
