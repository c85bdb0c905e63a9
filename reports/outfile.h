/* SPDX-License-Identifier: Apache-2.0 */
/* Report files created safely in an output directory that others may share. */
#ifndef FS_OUTFILE_H
#define FS_OUTFILE_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"

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

/* Parses an --output-mode value: octal, at most 0666, readable by the owner, neither
 * world-writable nor executable. */
FS_MUST_USE int fs_output_mode_parse(const char *s, mode_t *out);

#endif
