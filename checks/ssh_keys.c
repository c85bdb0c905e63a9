/* SPDX-License-Identifier: Apache-2.0 */
/* Measures OpenSSH public keys (RFC 4253 section 6.6 wire format, base64 in the file). */
#include "ssh_keys.h"
#include "../scanner/core/err.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Keys are at most a few kB; a longer blob is not a key this code needs to read. */
#define FS_KEY_BLOB_MAX 8192

/* The digit's value, or -1 for a character that is not one (a value, not an fs_err). */
static int b64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static int b64_decode(const char *s, unsigned char *out, size_t max, size_t *outlen)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (; *s && *s != '='; s++) {
        int v = b64_value(*s);
        if (v < 0)
            return FS_ERR_PARSE;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n == max)
                return FS_ERR_LIMIT;
            out[n++] = (unsigned char)(acc >> bits);
        }
    }
    *outlen = n;
    return n ? FS_OK : FS_ERR_PARSE;
}

/* One length-prefixed string of the blob. */
static int next_string(const unsigned char *b, size_t len, size_t *pos, const unsigned char **s,
                       size_t *slen)
{
    if (len - *pos < 4)
        return FS_ERR_PARSE;
    uint32_t n = (uint32_t)b[*pos] << 24 | (uint32_t)b[*pos + 1] << 16 |
                 (uint32_t)b[*pos + 2] << 8 | b[*pos + 3];
    *pos += 4;
    if (n > len - *pos)
        return FS_ERR_PARSE;
    *s = b + *pos;
    *slen = n;
    *pos += n;
    return FS_OK;
}

int fs_ssh_key_measure(const char *type, const char *b64, long *bits, char *family, size_t famlen)
{
    unsigned char blob[FS_KEY_BLOB_MAX];
    size_t len, pos = 0, slen;
    const unsigned char *s;
    int rc = b64_decode(b64, blob, sizeof blob, &len);
    if (rc)
        return rc;
    /* the blob names its own type: it must be the one the line states */
    if ((rc = next_string(blob, len, &pos, &s, &slen)))
        return rc;
    if (slen != strlen(type) || memcmp(s, type, slen) != 0)
        return FS_ERR_PARSE;
    if (strcmp(type, "ssh-rsa") == 0) {
        const unsigned char *e, *n;
        size_t elen, nlen;
        if ((rc = next_string(blob, len, &pos, &e, &elen)) ||
            (rc = next_string(blob, len, &pos, &n, &nlen)))
            return rc;
        while (nlen && *n == 0) {
            n++;
            nlen--;
        }
        if (!nlen)
            return FS_ERR_PARSE;
        long b = (long)nlen * 8;
        for (unsigned char top = n[0]; !(top & 0x80); top = (unsigned char)(top << 1))
            b--;
        *bits = b;
        snprintf(family, famlen, "RSA");
    } else if (strcmp(type, "ssh-dss") == 0) {
        const unsigned char *p;
        size_t plen;
        if ((rc = next_string(blob, len, &pos, &p, &plen)))
            return rc;
        while (plen && *p == 0) {
            p++;
            plen--;
        }
        *bits = (long)plen * 8;
        snprintf(family, famlen, "DSA");
    } else if (strncmp(type, "ecdsa-sha2-nistp", 16) == 0) {
        long b = 0;
        if (strcmp(type + 16, "256") == 0)
            b = 256;
        else if (strcmp(type + 16, "384") == 0)
            b = 384;
        else if (strcmp(type + 16, "521") == 0)
            b = 521;
        else
            return FS_ERR_PARSE;
        *bits = b;
        snprintf(family, famlen, "ECDSA");
    } else if (strcmp(type, "ssh-ed25519") == 0) {
        *bits = 256;
        snprintf(family, famlen, "ED25519");
    } else if (strcmp(type, "sk-ssh-ed25519@openssh.com") == 0) {
        *bits = 256;
        snprintf(family, famlen, "ED25519-SK");
    } else if (strcmp(type, "sk-ecdsa-sha2-nistp256@openssh.com") == 0) {
        *bits = 256;
        snprintf(family, famlen, "ECDSA-SK");
    } else {
        return FS_ERR_NOTFOUND;
    }
    return FS_OK;
}
