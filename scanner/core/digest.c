/* SPDX-License-Identifier: Apache-2.0 */
/* SHA-256 of a file through OpenSSL's EVP interface. */
#include "digest.h"
#include "err.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>

static void to_hex(const unsigned char md[32], char hex[FS_SHA256_HEX])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
}

int fs_sha256_file(const char *path, char hex[FS_SHA256_HEX])
{
    hex[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return FS_ERR_IO;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int rc = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 ? FS_OK : FS_ERR_NOMEM;
    unsigned char chunk[65536], md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    size_t n;
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (EVP_DigestUpdate(ctx, chunk, n) != 1)
            rc = FS_ERR_NOMEM;
    if (!rc && ferror(f)) {
        rc = FS_ERR_IO;
        errno = EIO;
    }
    if (!rc && (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 || mdlen != 32))
        rc = FS_ERR_NOMEM;
    EVP_MD_CTX_free(ctx);
    (void)fclose(f); /* read only: nothing to lose */
    if (rc)
        return rc;
    to_hex(md, hex);
    return FS_OK;
}

int fs_sha256_mem(const void *p, size_t n, char hex[FS_SHA256_HEX])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    hex[0] = '\0';
    if (EVP_Digest(p, n, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
        return FS_ERR_NOMEM;
    to_hex(md, hex);
    return FS_OK;
}
