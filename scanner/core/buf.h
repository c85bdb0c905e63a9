/* SPDX-License-Identifier: Apache-2.0 */
/* Growable byte buffer with a hard size cap (in the spirit of curl's dynbuf). */
#ifndef FS_BUF_H
#define FS_BUF_H

#include "contract.h"

#include <stdarg.h>
#include <stdbool.h>
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
FS_MUST_USE int fs_buf_add(struct fs_buf *b, const void *p, size_t n);
FS_MUST_USE int fs_buf_adds(struct fs_buf *b, const char *s);
FS_MUST_USE int fs_buf_addf(struct fs_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
FS_MUST_USE int fs_buf_vaddf(struct fs_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Every add either appends all of it or fails (FS_ERR_LIMIT past max, FS_ERR_NOMEM) and leaves
 * the buffer exactly as it was: contents, len and the NUL. */
/* Appends s as printable text for reports and terminals: ASCII and valid printable UTF-8 as
 * they are; control bytes (C0, DEL, C1), invalid UTF-8 and a few characters that are unsafe
 * in XML or on screen (U+FFFE, U+FFFF, bidi overrides) as \xNN per byte. Whole characters
 * are added at a time. The result is valid UTF-8 and
 * valid XML 1.0 character data. */
FS_MUST_USE int fs_buf_add_printable(struct fs_buf *b, const char *s, size_t n);
/* As fs_buf_add_printable, for bounded excerpts of hostile text: what does not fit under the
 * cap is cut at a character boundary (so an escape or a UTF-8 sequence is never split) and
 * *cut (may be NULL) says so; FS_OK then. FS_ERR_NOMEM leaves the buffer as it was. */
FS_MUST_USE int fs_buf_add_printable_cut(struct fs_buf *b, const char *s, size_t n, bool *cut);
/* Best-effort adds for error and diagnostic messages only: a message that does not fit (the
 * cap, no memory) is dropped whole, and the status the caller returns still says what failed.
 * Never for data a report or a verdict is made of. */
void fs_buf_try_addf(struct fs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fs_buf_try_adds(struct fs_buf *b, const char *s);
void fs_buf_try_add_printable(struct fs_buf *b, const char *s, size_t n);
/* A malloc'd printable copy of s (as fs_buf_add_printable); NULL for NULL or no memory. */
char *fs_printable_dup(const char *s);
/* The contents as a C string ("" when empty); valid until the next change. */
const char *fs_buf_cstr(const struct fs_buf *b);
/* Hands the contents to the caller (malloc'd, NUL-terminated) and resets the buffer. */
char *fs_buf_steal(struct fs_buf *b);

/* Reads the whole file at path into b (whose cap bounds it), in one pass. FS_ERR_IO with err
 * "PATH: cannot read the WHAT: reason", or FS_ERR_INVAL "PATH: the WHAT is larger than N bytes"
 * when the file does not fit. Inputs given on the command line (inventory, waiver register). */
FS_MUST_USE int fs_buf_read_file(struct fs_buf *b, const char *path, const char *what,
                                 struct fs_buf *err);

#endif
