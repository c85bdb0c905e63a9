/* SPDX-License-Identifier: Apache-2.0 */
/* The fact registry: every fact the collector can gather. Each fact is a shell function in
 * scanner/collect/facts/<id>.sh, embedded at build time (cmake/EmbedFacts.cmake). */
#ifndef FS_REGISTRY_H
#define FS_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

struct fs_fact_def {
    const char *id;      /* [a-z0-9_]+; the file defines the shell function fs_f_<id> */
    bool needs_root;     /* skipped (and reported) when not running as root */
    bool slow;           /* walks file systems or package databases: collected last, so a
                            host timeout costs the fewest facts */
    bool big;            /* account databases, reduced on the device but one line per account:
                            output capped at FS_FACT_MAX_BIG_BYTES instead of FS_FACT_MAX_BYTES */
    const char *snippet; /* the function definition; reads only, no stdin, no files written */
};

/* Sorted by id (file name order; a unit test keeps it so). */
extern const struct fs_fact_def fs_fact_defs[];
extern const size_t fs_fact_defs_count;
/* The helpers every fact uses (scanner/collect/prologue.sh), with @FS_NONCE@ and @FS_CAP@
 * still to be replaced. */
extern const char fs_collector_prologue[];

const struct fs_fact_def *fs_fact_def_find(const char *id);

#endif
