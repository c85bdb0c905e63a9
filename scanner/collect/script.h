/* SPDX-License-Identifier: Apache-2.0 */
/* Builds the one read-only collector script sent to a host, and parses its framed output. */
#ifndef FS_SCRIPT_H
#define FS_SCRIPT_H

#include "../core/contract.h"

#include "../core/buf.h"
#include "../core/kv.h"
#include "../core/limits.h"
#include "facts.h"

#include <stddef.h>

/* Seconds one fact may run on the device before the collector stops it (--fact-timeout). */
#define FS_FACT_TIMEOUT_S 30
/* Length of the per-run frame nonce in hex digits. */
#define FS_NONCE_HEX 32
/* The nonce is random bytes in hex (fs_random_hex(nonce, FS_NONCE_HEX / 2)). */
static_assert(FS_NONCE_HEX % 2 == 0, "a nonce is whole bytes");

/* The CPU and I/O priority the collector runs at on the device (scan --device-priority). */
enum fs_device_priority {
    FS_PRIORITY_LOW = 0, /* nice 19 (renice) and I/O class idle (ionice -c3) where present */
    FS_PRIORITY_NORMAL   /* as the login shell started it */
};
/* Parses "low" or "normal"; FS_ERR_INVAL for anything else. */
FS_MUST_USE int fs_device_priority_parse(const char *s, enum fs_device_priority *out);
const char *fs_device_priority_name(enum fs_device_priority p);

/* How the script runs on the device. */
struct fs_script_opts {
    unsigned fact_timeout_s; /* per fact (0: none) */
    enum fs_device_priority priority;
    unsigned walk_max_files; /* the shared file-system walk's budget (walk.h) */
    unsigned walk_max_s;
};
/* The defaults: FS_FACT_TIMEOUT_S, low priority, FS_WALK_MAX_FILES and FS_WALK_MAX_S. */
struct fs_script_opts fs_script_opts_default(void);

/* Writes a POSIX-sh script gathering the given facts (ids must exist in the registry;
 * duplicates are emitted once). The system facts are always included. values (may be NULL)
 * become shell variables FS_V_<name>, single-quoted, for snippets that search where the
 * site's profile says (signing key directories, packages to verify). */
FS_MUST_USE int fs_script_build(struct fs_buf *out, const char *nonce, const char *const *fact_ids,
                                size_t n, const struct fs_kvlist *values);
/* The same with a per-fact time limit on the device (seconds, 0 for none). */
FS_MUST_USE int fs_script_build_timed(struct fs_buf *out, const char *nonce,
                                      const char *const *fact_ids, size_t n,
                                      const struct fs_kvlist *values, unsigned fact_timeout_s);
/* The same with every option (fs_script_opts_default() for the defaults). */
FS_MUST_USE int fs_script_build_opts(struct fs_buf *out, const char *nonce,
                                     const char *const *fact_ids, size_t n,
                                     const struct fs_kvlist *values,
                                     const struct fs_script_opts *opts);
/* The facts every script gathers besides those asked for (host name, kernel, os-release, the
 * collector's priority; and its cost, last). */
extern const char *const fs_system_facts[];
extern const size_t fs_system_facts_count;

/* Parses collector output framed with nonce into facts. Frames that are incomplete
 * (cut by a timeout or the host cap) are dropped; facts->complete tells whether the
 * script ran to its end. Returns FS_ERR_PARSE when no frame of this run is present. */
FS_MUST_USE int fs_frames_parse(const char *data, size_t len, const char *nonce,
                                struct fs_facts *facts);

#endif
