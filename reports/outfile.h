/* SPDX-License-Identifier: Apache-2.0 */
/* Report files created safely in an output directory that others may share. */
#ifndef FS_OUTFILE_H
#define FS_OUTFILE_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"

#include "../scanner/core/limits.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define FS_OUTPUT_MODE_DEFAULT 0600

/* An output directory held open from the check before the scan to the last write, so the
 * directory that was checked is the one written into. */
struct fs_outdir {
    int fd;
    char *path;  /* as given, for messages */
    mode_t mode; /* of every file written */
};

/* Opens path (which must exist) as a directory without following a symlink and refuses it
 * when it is a symlink, not owned by the effective user or root, or writable by group or
 * others without the sticky bit; err says which and why. */
FS_MUST_USE int fs_outdir_open(struct fs_outdir *d, const char *path, mode_t mode,
                               struct fs_buf *err);
void fs_outdir_dispose(struct fs_outdir *d);

/* Writes data as the file name inside d: a new file with a random name (O_EXCL|O_NOFOLLOW,
 * so nothing planted is followed or reused), given d's mode, written in full, fsynced and
 * renamed over name (a symlink at name is replaced, never followed). Password hashes are
 * redacted on the way (redact.h). On failure nothing is left behind and err says why. */
FS_MUST_USE int fs_outfile_write(const struct fs_outdir *d, const char *name, const char *data,
                                 size_t len, struct fs_buf *err);

/* The same without redaction: the bytes are written exactly as given. Only for bytes that
 * were redacted already or that must stay byte for byte (the evidence bundle's copies). */
FS_MUST_USE int fs_outfile_write_raw(const struct fs_outdir *d, const char *name, const char *data,
                                     size_t len, struct fs_buf *err);

/* A report file written piece by piece (a host at a time) under the same rules as
 * fs_outfile_write: a random temporary name in d, d's mode, fsynced and renamed over name by
 * fs_outstream_commit; fs_outstream_dispose removes the temporary file of a stream that was
 * not committed. Each write is redacted on its own when redact is set, so a piece must hold
 * whole values (a host's fragment, never half a line). The first failure sticks: later writes
 * and the commit return it, and err says what failed. */
#define FS_OUTSTREAM_CHUNK_MAX ((size_t)1 << 30)

struct fs_outstream {
    const struct fs_outdir *d;
    char name[FS_OUTFILE_NAME_MAX + 1];
    char tmp[FS_OUTFILE_NAME_MAX + 32];
    int fd;
    bool redact;
    int rc;
    struct fs_buf red; /* the redacted copy of the piece being written */
    struct fs_buf *err;
};

FS_MUST_USE int fs_outstream_open(struct fs_outstream *s, const struct fs_outdir *d,
                                  const char *name, bool redact, struct fs_buf *err);
FS_MUST_USE int fs_outstream_write(struct fs_outstream *s, const char *data, size_t len);
/* Writes b's contents and empties b (b keeps its allocation for the next piece). */
FS_MUST_USE int fs_outstream_flush(struct fs_outstream *s, struct fs_buf *b);
FS_MUST_USE int fs_outstream_commit(struct fs_outstream *s);
void fs_outstream_dispose(struct fs_outstream *s);

/* Parses an --output-mode value: octal, at most 0666, readable by the owner, neither
 * world-writable nor executable. */
FS_MUST_USE int fs_output_mode_parse(const char *s, mode_t *out);

#endif
