/* SPDX-License-Identifier: Apache-2.0 */
/* Detached signatures over an evidence bundle's manifest: Ed25519 or ECDSA P-256 (OpenSSL 3). */
#ifndef FS_SIGN_H
#define FS_SIGN_H

#include "contract.h"

#include "buf.h"
#include "digest.h"

#include <stddef.h>

struct evp_pkey_st;

/* Private key files larger than this are not keys. */
#define FS_SIGN_KEY_MAX ((size_t)64 * 1024)

/* Loads an unencrypted PEM private key for signing: a regular file readable by no one but its
 * owner, holding an Ed25519 or ECDSA P-256 key. Anything else (unreadable, group- or
 * world-readable, encrypted, another algorithm or curve) is an error with err saying why. */
FS_MUST_USE int fs_sign_key_load(const char *path, struct evp_pkey_st **out, struct fs_buf *err);
/* Parses a PEM public key (SubjectPublicKeyInfo) of either algorithm from memory. */
FS_MUST_USE int fs_sign_pubkey_parse(const char *pem, size_t len, struct evp_pkey_st **out,
                                     struct fs_buf *err);
void fs_sign_key_free(struct evp_pkey_st *k);

/* "Ed25519" or "ECDSA P-256"; NULL for a key of another kind. */
const char *fs_sign_alg(const struct evp_pkey_st *k);

/* Signs data: Ed25519 gives the raw 64-byte signature (PureEdDSA over the bytes), P-256 a DER
 * ECDSA signature over SHA-256 of the bytes. *sig is malloc'd. */
FS_MUST_USE int fs_sign(struct evp_pkey_st *k, const void *data, size_t len, unsigned char **sig,
                        size_t *siglen);
/* FS_OK when sig is k's signature over data, FS_ERR_INVAL when it is not. */
FS_MUST_USE int fs_sign_verify(struct evp_pkey_st *k, const void *data, size_t len,
                               const unsigned char *sig, size_t siglen);

/* The public half as PEM (SubjectPublicKeyInfo), appended to out. */
FS_MUST_USE int fs_sign_pubkey_pem(struct evp_pkey_st *k, struct fs_buf *out);
/* SHA-256 (hex) of the DER SubjectPublicKeyInfo: what
 * `openssl pkey -pubin -in KEY.pub -outform DER | sha256sum` prints. */
FS_MUST_USE int fs_sign_fingerprint(struct evp_pkey_st *k, char hex[FS_SHA256_HEX]);

#endif
