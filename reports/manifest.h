/* SPDX-License-Identifier: Apache-2.0 */
/* An evidence bundle's manifest.sha256: "<64 hex>  <relative path>" lines sorted by path, the
 * format `sha256sum -c` reads. Paths are checked so a hostile manifest cannot point outside the
 * bundle or confuse a reader. */
#ifndef FS_MANIFEST_H
#define FS_MANIFEST_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"
#include "../scanner/core/digest.h"

#include <stddef.h>

#define FS_MANIFEST_NAME     "manifest.sha256"
#define FS_MANIFEST_SIG_NAME "manifest.sha256.sig"
#define FS_SIGNER_PUB_NAME   "signer.pub.pem"
#define FS_SIGNER_TXT_NAME   "signer.txt"

#define FS_MANIFEST_PATH_MAX    1024                       /* bytes of one relative path */
#define FS_MANIFEST_ENTRIES_MAX 100000                     /* lines */
#define FS_MANIFEST_MAX         ((size_t)16 * 1024 * 1024) /* bytes of the whole file */

struct fs_manifest_entry {
    char *path;
    char sha256[FS_SHA256_HEX];
};

struct fs_manifest {
    struct fs_manifest_entry *e;
    size_t n, cap;
};

void fs_manifest_init(struct fs_manifest *m);
void fs_manifest_dispose(struct fs_manifest *m);

/* NULL when path (n bytes) is a safe relative path inside a bundle, else why not: empty, too
 * long, absolute, an empty, "." or ".." component, a control character or backslash (which
 * sha256sum would escape), or one of the files the manifest cannot cover (itself, the
 * signature and the signer's files). */
const char *fs_manifest_path_problem(const char *path, size_t n);

/* Adds an entry (path checked as above; FS_ERR_INVAL for a bad one). */
FS_MUST_USE int fs_manifest_add(struct fs_manifest *m, const char *path,
                                const char sha256[FS_SHA256_HEX]);
/* Sorts by path (byte order) and appends the manifest text to out; FS_ERR_INVAL when two
 * entries share a path. */
FS_MUST_USE int fs_manifest_render(struct fs_manifest *m, struct fs_buf *out);
/* Parses manifest text into m (sorted by path). Any malformed line (digest not 64 lower-case
 * hex, separator not two spaces, unsafe path, duplicate path, line longer than
 * FS_MANIFEST_PATH_MAX + 66 bytes, a last line without its newline, more than
 * FS_MANIFEST_ENTRIES_MAX lines) is FS_ERR_PARSE with err saying "line N: why". */
FS_MUST_USE int fs_manifest_parse(struct fs_manifest *m, const char *data, size_t len,
                                  struct fs_buf *err);
/* The entry for path, or NULL (m sorted). */
const struct fs_manifest_entry *fs_manifest_find(const struct fs_manifest *m, const char *path);

#endif
