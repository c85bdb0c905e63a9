/* The fact registry: every fact the collector can gather, as a POSIX-sh function body. */
#ifndef FS_REGISTRY_H
#define FS_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

struct fs_fact_def {
    const char *id;      /* [a-z0-9_]+, also the name of the shell function fs_f_<id> */
    bool needs_root;     /* skipped (and reported) when not running as root */
    bool slow;           /* walks file systems or package databases: collected last, so a
                            host timeout costs the fewest facts */
    const char *snippet; /* body of the shell function; must not read stdin or write files */
};

extern const struct fs_fact_def fs_fact_defs[];
extern const size_t fs_fact_defs_count;

const struct fs_fact_def *fs_fact_def_find(const char *id);

#endif
