/* SPDX-License-Identifier: Apache-2.0 */
/* Manifest signatures through OpenSSL 3's EVP interface (see sign.h). */
#include "sign.h"
#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* PEM password callback: an encrypted key is refused, never prompted for. */
static int no_password(char *buf, int size, int rwflag, void *u)
{
    (void)buf;
    (void)size;
    (void)rwflag;
    *(int *)u = 1;
    return -1;
}

const char *fs_sign_alg(const EVP_PKEY *k)
{
    if (!k)
        return NULL;
    if (EVP_PKEY_is_a(k, "ED25519"))
        return "Ed25519";
    if (EVP_PKEY_is_a(k, "EC")) {
        char group[64] = "";
        size_t n = 0;
        if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                           &n) == 1 &&
            (strcmp(group, "prime256v1") == 0 || strcmp(group, "P-256") == 0))
            return "ECDSA P-256";
    }
    return NULL;
}

static int read_key_file(const char *path, struct fs_buf *data, struct fs_buf *err)
{
    int rc = FS_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fs_buf_try_addf(err, "--sign-key %s: cannot read: %s", path, strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        fs_buf_try_addf(err, "--sign-key %s: not a regular file", path);
        rc = FS_ERR_INVAL;
        goto out;
    }
    /* as ssh does for its keys: a private key others can read is no longer private */
    if (st.st_mode & 077) {
        fs_buf_try_addf(err,
                        "--sign-key %s: the private key is readable or writable by group or "
                        "others (mode %04o); chmod 600 it",
                        path, (unsigned)(st.st_mode & 07777));
        rc = FS_ERR_INVAL;
        goto out;
    }
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fs_buf_try_addf(err, "--sign-key %s: cannot read: %s", path, strerror(errno));
            rc = FS_ERR_IO;
            goto out;
        }
        if (n == 0)
            break;
        if (fs_buf_add(data, chunk, (size_t)n) != FS_OK) {
            fs_buf_try_addf(err, "--sign-key %s: larger than %zu bytes: not a key file", path,
                            FS_SIGN_KEY_MAX);
            rc = FS_ERR_LIMIT;
            goto out;
        }
    }
out:
    if (fd >= 0)
        close(fd);
    return rc;
}

int fs_sign_key_load(const char *path, EVP_PKEY **out, struct fs_buf *err)
{
    struct fs_buf data;
    fs_buf_init(&data, FS_SIGN_KEY_MAX);
    EVP_PKEY *k = NULL;
    BIO *bio = NULL;
    int asked = 0;
    int rc = read_key_file(path, &data, err);
    *out = NULL;
    if (rc)
        goto out;
    bio = BIO_new_mem_buf(fs_buf_cstr(&data), (int)data.len);
    if (!bio) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    k = PEM_read_bio_PrivateKey(bio, NULL, no_password, &asked);
    ERR_clear_error();
    if (!k) {
        if (asked)
            fs_buf_try_addf(err,
                            "--sign-key %s: the key is encrypted; give an unencrypted PEM key "
                            "(keep it on protected storage instead)",
                            path);
        else
            fs_buf_try_addf(err, "--sign-key %s: not a PEM private key", path);
        rc = FS_ERR_INVAL;
        goto out;
    }
    if (!fs_sign_alg(k)) {
        fs_buf_try_addf(err, "--sign-key %s: a %s key; floorscan signs with Ed25519 or ECDSA P-256",
                        path, EVP_PKEY_get0_type_name(k) ? EVP_PKEY_get0_type_name(k) : "?");
        rc = FS_ERR_INVAL;
        goto out;
    }
    *out = k;
    k = NULL;
out:
    EVP_PKEY_free(k);
    BIO_free(bio);
    /* the key's bytes do not linger in freed memory */
    if (data.data)
        OPENSSL_cleanse(data.data, data.cap);
    fs_buf_dispose(&data);
    return rc;
}

int fs_sign_pubkey_parse(const char *pem, size_t len, EVP_PKEY **out, struct fs_buf *err)
{
    *out = NULL;
    if (len > FS_SIGN_KEY_MAX) {
        fs_buf_try_adds(err, "public key file too large");
        return FS_ERR_LIMIT;
    }
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    if (!bio)
        return FS_ERR_NOMEM;
    int asked = 0;
    EVP_PKEY *k = PEM_read_bio_PUBKEY(bio, NULL, no_password, &asked);
    ERR_clear_error();
    BIO_free(bio);
    if (!k) {
        fs_buf_try_adds(err, "not a PEM public key");
        return FS_ERR_INVAL;
    }
    if (!fs_sign_alg(k)) {
        fs_buf_try_addf(err, "a %s public key, not Ed25519 or ECDSA P-256",
                        EVP_PKEY_get0_type_name(k) ? EVP_PKEY_get0_type_name(k) : "?");
        EVP_PKEY_free(k);
        return FS_ERR_INVAL;
    }
    *out = k;
    return FS_OK;
}

void fs_sign_key_free(EVP_PKEY *k)
{
    EVP_PKEY_free(k);
}

/* Ed25519 signs the message itself (no digest); ECDSA signs its SHA-256. */
static const EVP_MD *md_for(const EVP_PKEY *k)
{
    return EVP_PKEY_is_a(k, "ED25519") ? NULL : EVP_sha256();
}

int fs_sign(EVP_PKEY *k, const void *data, size_t len, unsigned char **sig, size_t *siglen)
{
    *sig = NULL;
    *siglen = 0;
    if (!fs_sign_alg(k))
        return FS_ERR_INVAL;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char *s = NULL;
    size_t n = 0;
    int rc = FS_ERR_ENGINE;
    if (!ctx || EVP_DigestSignInit(ctx, NULL, md_for(k), NULL, k) != 1 ||
        EVP_DigestSign(ctx, NULL, &n, data, len) != 1)
        goto out;
    if (!(s = malloc(n ? n : 1))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    if (EVP_DigestSign(ctx, s, &n, data, len) != 1)
        goto out;
    *sig = s;
    *siglen = n;
    s = NULL;
    rc = FS_OK;
out:
    ERR_clear_error();
    free(s);
    EVP_MD_CTX_free(ctx);
    return rc;
}

int fs_sign_verify(EVP_PKEY *k, const void *data, size_t len, const unsigned char *sig,
                   size_t siglen)
{
    if (!fs_sign_alg(k))
        return FS_ERR_INVAL;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int rc = FS_ERR_INVAL;
    if (ctx && EVP_DigestVerifyInit(ctx, NULL, md_for(k), NULL, k) == 1 &&
        EVP_DigestVerify(ctx, sig, siglen, data, len) == 1)
        rc = FS_OK;
    ERR_clear_error();
    EVP_MD_CTX_free(ctx);
    return rc;
}

int fs_sign_pubkey_pem(EVP_PKEY *k, struct fs_buf *out)
{
    BIO *bio = BIO_new(BIO_s_mem());
    char *p = NULL;
    int rc = FS_ERR_NOMEM;
    if (bio && PEM_write_bio_PUBKEY(bio, k) == 1) {
        long n = BIO_get_mem_data(bio, &p);
        if (n > 0)
            rc = fs_buf_add(out, p, (size_t)n);
    }
    ERR_clear_error();
    BIO_free(bio);
    return rc;
}

int fs_sign_fingerprint(EVP_PKEY *k, char hex[FS_SHA256_HEX])
{
    unsigned char *der = NULL;
    hex[0] = '\0';
    int n = i2d_PUBKEY(k, &der);
    if (n <= 0) {
        ERR_clear_error();
        return FS_ERR_NOMEM;
    }
    int rc = fs_sha256_mem(der, (size_t)n, hex);
    OPENSSL_free(der);
    return rc;
}
