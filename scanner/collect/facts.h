/* Collected facts of one host: the parsed frames of the collector's output. */
#ifndef FS_FACTS_H
#define FS_FACTS_H

#include <stdbool.h>
#include <stddef.h>

enum fs_fact_state {
    FS_FACT_OK = 0,        /* complete output, rc is the snippet's exit status */
    FS_FACT_TRUNCATED = 1, /* output hit the per-fact cap; data holds the first bytes */
    FS_FACT_NEEDS_ROOT = 2 /* skipped: the login account is not root and become is off */
};

struct fs_fact {
    char *id;
    char *data; /* NUL-terminated; may hold NUL bytes before len (hostile output) */
    size_t len;
    int rc;
    enum fs_fact_state state;
};

struct fs_facts {
    struct fs_fact *items;
    size_t n;
    long uid;      /* uid the collector ran as; -1 when unknown */
    bool started;  /* the script's hello frame arrived */
    bool complete; /* the script's final frame arrived */
};

void fs_facts_init(struct fs_facts *f);
void fs_facts_dispose(struct fs_facts *f);
/* Records a fact; an existing fact with the same id is replaced. */
int fs_facts_put(struct fs_facts *f, const char *id, const char *data, size_t len, int rc,
                 enum fs_fact_state state);
const struct fs_fact *fs_facts_get(const struct fs_facts *f, const char *id);

#endif
