/* SPDX-License-Identifier: Apache-2.0 */
/* The evidence bundle (-f bundle, --bundle FILE.tar): every output file of the run, the raw
 * facts per host, the input files, run.json and manifest.sha256 over them, optionally signed. */
#ifndef FS_BUNDLE_H
#define FS_BUNDLE_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"
#include "../scanner/core/digest.h"
#include "outfile.h"
#include "report.h"

#include <stddef.h>
#include <stdio.h>

#define FS_BUNDLE_DIR    "bundle"
#define FS_BUNDLE_SCHEMA "floorscan-bundle/1"
/* An output file copied into the bundle is read with this cap. */
#define FS_BUNDLE_FILE_MAX ((size_t)1 << 30)

struct evp_pkey_st;

struct fs_bundle_opts {
    const struct fs_outdir *dir; /* the run's output directory: outputs are copied from it */
    const char *const *files;    /* output files this run wrote into dir */
    size_t nfiles;
    const char *tar;         /* --bundle FILE.tar; NULL: the directory dir/bundle/ */
    struct evp_pkey_st *key; /* --sign-key; NULL: unsigned */
    int argc;                /* the command line, for run.json */
    char *const *argv;
    const char *inventory; /* -i path, NULL without one */
    char inventory_sha256[FS_SHA256_HEX];
};

/* Refuses, before a scan, a bundle that could not be written afterwards: dir/bundle exists and
 * is not an empty directory, or the tar file exists (a bundle is evidence: it is never
 * overwritten), or the tar file's directory is unsafe (fs_outdir_open's rules). err says why. */
FS_MUST_USE int fs_bundle_check(const struct fs_outdir *dir, const char *tar, mode_t mode,
                                struct fs_buf *err);

/* Writes the bundle after every other format. The bundle directory is built under a temporary
 * name and renamed into place, so it appears whole or not at all; a tar file is written the
 * same way (outfile.h). An input file whose bytes no longer match the digest recorded when it
 * was loaded is an error. manifest_sha256 receives the SHA-256 of manifest.sha256. */
FS_MUST_USE int fs_bundle_write(const struct fs_report *r, const struct fs_bundle_opts *o,
                                char manifest_sha256[FS_SHA256_HEX], struct fs_buf *err);

/* A safe, unique file name for an inventory host name (exposed for tests): [A-Za-z0-9._-]
 * kept, any other byte '_', no leading '.', at most 100 bytes; "~N" added when taken[] (n
 * names) already holds it. Caller frees. */
char *fs_bundle_name(const char *name, const char *suffix, char *const *taken, size_t n);

/* Checks an evidence bundle (a directory or a tar file made by floorscan): every manifest
 * entry's digest, files changed, missing or added, and the signature (with pubkey, a PEM
 * public key file, when given: the pinned signer). Prints one line per finding on out and a
 * verdict; problems that make the bundle unreadable go to errf. Returns 0 when everything
 * matches, 1 when anything does not, 2 for an unreadable or malformed bundle. */
int fs_bundle_verify(const char *path, const char *pubkey, FILE *out, FILE *errf);

#endif
