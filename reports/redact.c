/* SPDX-License-Identifier: Apache-2.0 */
/* Password hash redaction for report text (see redact.h). */
#include "redact.h"
#include "../scanner/core/err.h"

#include <stdbool.h>
#include <string.h>

/* Fewer characters after "$id$" are a scheme name or an example, not a hash. */
#define FS_HASH_MIN 8

static bool hash_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '/' || c == '$' || c == '=' || c == ',' || c == '+' || c == '-';
}

static bool des_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '/';
}

static size_t run(const char *s, size_t n, bool (*in)(unsigned char))
{
    size_t k = 0;
    while (k < n && in((unsigned char)s[k]))
        k++;
    return k;
}

/* Length of the "$id$" prefix at s, or 0. */
static size_t crypt_prefix(const char *s, size_t n)
{
    size_t k = 1;
    while (k < n && k <= 12 && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9')))
        k++;
    return k > 1 && k < n && s[k] == '$' ? k + 1 : 0;
}

int fs_redact_hashes(struct fs_buf *out, const char *s, size_t n)
{
    static const char grub[] = "grub.pbkdf2.";
    static const char mark[] = "[redacted]";
    size_t i = 0, from = 0;
    int rc = FS_OK;
    while (i < n) {
        size_t keep = 0, skip = 0;
        if (s[i] == '$' && (keep = crypt_prefix(s + i, n - i))) {
            skip = run(s + i + keep, n - i - keep, hash_char);
        } else if (s[i] == 'g' && n - i > sizeof grub - 1 &&
                   memcmp(s + i, grub, sizeof grub - 1) == 0) {
            keep = sizeof grub - 1;
            skip = run(s + i + keep, n - i - keep, hash_char);
        } else if (s[i] == ':' && n - i > 15 && run(s + i + 1, 14, des_char) == 13 &&
                   s[i + 14] == ':' && s[i + 15] >= '0' && s[i + 15] <= '9') {
            keep = 1;
            skip = 13;
        }
        if (skip < FS_HASH_MIN) {
            i++;
            continue;
        }
        if ((rc = fs_buf_add(out, s + from, i + keep - from)) ||
            (rc = fs_buf_add(out, mark, sizeof mark - 1)))
            return rc;
        i += keep + skip;
        from = i;
    }
    return fs_buf_add(out, s + from, n - from);
}
