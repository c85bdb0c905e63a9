/* SPDX-License-Identifier: Apache-2.0 */
/* Growable byte buffer with a hard size cap. */
#include "buf.h"
#include "err.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fs_buf_init(struct fs_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void fs_buf_dispose(struct fs_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void fs_buf_reset(struct fs_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* Room for extra more bytes and the NUL; on failure the buffer is untouched. */
static int grow(struct fs_buf *b, size_t extra)
{
    FS_ASSERT(b->data ? b->len < b->cap : b->len == 0);
    if (extra > b->max || b->len > b->max - extra)
        return FS_ERR_LIMIT;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return FS_OK;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    char *p = realloc(b->data, ncap);
    if (!p)
        return FS_ERR_NOMEM;
    b->data = p;
    b->cap = ncap;
    return FS_OK;
}

int fs_buf_add(struct fs_buf *b, const void *p, size_t n)
{
    int rc = grow(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    FS_ASSERT(b->len < b->cap && b->len <= b->max);
    return FS_OK;
}

int fs_buf_adds(struct fs_buf *b, const char *s)
{
    return fs_buf_add(b, s, strlen(s));
}

int fs_buf_vaddf(struct fs_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return FS_ERR_INVAL;
    int rc = grow(b, (size_t)n);
    if (rc)
        return rc;
    /* the same format and arguments: the same length as measured above */
    int w = vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    if (w != n) {
        b->data[b->len] = '\0';
        return FS_ERR_INVAL;
    }
    b->len += (size_t)n;
    return FS_OK;
}

int fs_buf_addf(struct fs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fs_buf_vaddf(b, fmt, ap);
    va_end(ap);
    return rc;
}

/* Length of the well-formed UTF-8 sequence at s (at most n bytes) that is printable text,
 * or 0: invalid or overlong sequences, surrogates, C1 controls, code points XML 1.0 forbids
 * (U+FFFE, U+FFFF) and bidirectional overrides and isolates (which make a report display
 * text other than what it holds). */
static size_t utf8_printable(const unsigned char *s, size_t n)
{
    size_t len;
    uint32_t cp;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        cp = s[0] & 0x1fu;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        cp = s[0] & 0x0fu;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3fu);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    if (cp <= 0x9f || cp == 0xfffe || cp == 0xffff || (cp >= 0x202a && cp <= 0x202e) ||
        (cp >= 0x2066 && cp <= 0x2069))
        return 0;
    return len;
}

/* Appends s[0..n) printable, whole characters at a time; stops at the first failing add and
 * returns its status (what was added before stays: the callers decide). */
static int add_printable(struct fs_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        size_t len = c >= 0x20 && c < 0x7f ? 1 : c >= 0x80 ? utf8_printable(u + i, n - i) : 0;
        int rc;
        if (len) {
            rc = fs_buf_add(b, s + i, len);
            i += len;
        } else {
            char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            rc = fs_buf_add(b, esc, sizeof esc);
            i++;
        }
        if (rc)
            return rc;
        FS_ASSERT(i <= n);
    }
    return FS_OK;
}

/* Back to len old after a failed add: no half-escaped text left behind. */
static void truncate_to(struct fs_buf *b, size_t old)
{
    FS_ASSERT(old <= b->len);
    b->len = old;
    if (b->data)
        b->data[old] = '\0';
}

int fs_buf_add_printable(struct fs_buf *b, const char *s, size_t n)
{
    size_t old = b->len;
    int rc = add_printable(b, s, n);
    if (rc)
        truncate_to(b, old);
    return rc;
}

int fs_buf_add_printable_cut(struct fs_buf *b, const char *s, size_t n, bool *cut)
{
    size_t old = b->len;
    int rc = add_printable(b, s, n);
    if (cut)
        *cut = rc == FS_ERR_LIMIT;
    if (rc == FS_ERR_LIMIT)
        return FS_OK; /* whole characters up to the cap: the cut is the point */
    if (rc)
        truncate_to(b, old);
    return rc;
}

void fs_buf_try_addf(struct fs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fs_best_effort(fs_buf_vaddf(b, fmt, ap));
    va_end(ap);
}

void fs_buf_try_adds(struct fs_buf *b, const char *s)
{
    fs_best_effort(fs_buf_adds(b, s));
}

void fs_buf_try_add_printable(struct fs_buf *b, const char *s, size_t n)
{
    fs_best_effort(fs_buf_add_printable(b, s, n));
}

char *fs_printable_dup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    struct fs_buf b;
    fs_buf_init(&b, n > SIZE_MAX / 4 - 1 ? SIZE_MAX : n * 4 + 1);
    if (fs_buf_add_printable(&b, s, n) != FS_OK) {
        fs_buf_dispose(&b);
        return NULL;
    }
    return fs_buf_steal(&b);
}

const char *fs_buf_cstr(const struct fs_buf *b)
{
    return b->data ? b->data : "";
}

char *fs_buf_steal(struct fs_buf *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    return p;
}

int fs_buf_read_file(struct fs_buf *b, const char *path, const char *what, struct fs_buf *err)
{
    int rc = FS_OK;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fs_buf_reset(err);
        fs_buf_try_addf(err, "%s: cannot open the %s: %s", path, what, strerror(errno));
        return FS_ERR_IO;
    }
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (fs_buf_add(b, chunk, n) != FS_OK) {
            fs_buf_reset(err);
            fs_buf_try_addf(err, "%s: the %s is larger than %zu bytes", path, what, b->max);
            rc = FS_ERR_INVAL;
            goto out;
        }
    }
    if (ferror(f)) {
        fs_buf_reset(err);
        fs_buf_try_addf(err, "%s: cannot read the %s: %s", path, what, strerror(errno));
        rc = FS_ERR_IO;
    }
out:
    (void)fclose(f); /* read only: nothing to lose */
    return rc;
}
