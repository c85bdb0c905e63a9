/* Collected facts of one host. */
#include "facts.h"
#include "../core/err.h"
#include "../core/util.h"

#include <stdlib.h>
#include <string.h>

void fs_facts_init(struct fs_facts *f)
{
    memset(f, 0, sizeof *f);
    f->uid = -1;
}

void fs_facts_dispose(struct fs_facts *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->items[i].id);
        free(f->items[i].data);
    }
    free(f->items);
    fs_facts_init(f);
}

int fs_facts_put(struct fs_facts *f, const char *id, const char *data, size_t len, int rc,
                 enum fs_fact_state state)
{
    char *d = fs_strndup(data ? data : "", data ? len : 0);
    if (!d)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->items[i].id, id) == 0) {
            free(f->items[i].data);
            f->items[i] = (struct fs_fact){f->items[i].id, d, data ? len : 0, rc, state};
            return FS_OK;
        }
    }
    struct fs_fact *p = realloc(f->items, (f->n + 1) * sizeof *p);
    char *i = strdup(id);
    if (!p || !i) {
        if (p)
            f->items = p;
        free(d);
        free(i);
        return FS_ERR_NOMEM;
    }
    f->items = p;
    f->items[f->n++] = (struct fs_fact){i, d, data ? len : 0, rc, state};
    return FS_OK;
}

const struct fs_fact *fs_facts_get(const struct fs_facts *f, const char *id)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->items[i].id, id) == 0)
            return &f->items[i];
    return NULL;
}
