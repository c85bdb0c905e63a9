/* Growable byte buffer with a hard size cap (in the spirit of curl's dynbuf). */
#ifndef FS_BUF_H
#define FS_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct fs_buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    size_t max; /* bytes the buffer may hold; adding past it fails with FS_ERR_LIMIT */
};

void fs_buf_init(struct fs_buf *b, size_t max);
void fs_buf_dispose(struct fs_buf *b);
void fs_buf_reset(struct fs_buf *b);
int fs_buf_add(struct fs_buf *b, const void *p, size_t n);
int fs_buf_adds(struct fs_buf *b, const char *s);
int fs_buf_addf(struct fs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fs_buf_vaddf(struct fs_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Appends s as printable text for reports and terminals: ASCII and valid printable UTF-8 as
 * they are; control bytes (C0, DEL, C1), invalid UTF-8 and a few characters that are unsafe
 * in XML or on screen (U+FFFE, U+FFFF, bidi overrides) as \xNN per byte. Whole characters
 * are added at a time, so the buffer's cap never splits one. The result is valid UTF-8 and
 * valid XML 1.0 character data. */
int fs_buf_add_printable(struct fs_buf *b, const char *s, size_t n);
/* A malloc'd printable copy of s (as fs_buf_add_printable); NULL for NULL or no memory. */
char *fs_printable_dup(const char *s);
/* The contents as a C string ("" when empty); valid until the next change. */
const char *fs_buf_cstr(const struct fs_buf *b);
/* Hands the contents to the caller (malloc'd, NUL-terminated) and resets the buffer. */
char *fs_buf_steal(struct fs_buf *b);

#endif
