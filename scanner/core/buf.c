/* Growable byte buffer with a hard size cap. */
#include "buf.h"
#include "err.h"

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

static int grow(struct fs_buf *b, size_t extra)
{
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
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
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

int fs_buf_add_printable(struct fs_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int rc;
        if (c >= 0x20 && c < 0x7f) {
            rc = fs_buf_add(b, &s[i], 1);
        } else {
            char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            rc = fs_buf_add(b, esc, sizeof esc);
        }
        if (rc)
            return rc;
    }
    return FS_OK;
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
