/* SPDX-License-Identifier: Apache-2.0 */
/* An ordered list of string key/value pairs. */
#include "kv.h"
#include "err.h"

#include <stdlib.h>
#include <string.h>

void fs_kvlist_init(struct fs_kvlist *l)
{
    l->items = NULL;
    l->n = 0;
    l->cap = 0;
}

void fs_kvlist_dispose(struct fs_kvlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].key);
        free(l->items[i].val);
    }
    free(l->items);
    fs_kvlist_init(l);
}

int fs_kvlist_set(struct fs_kvlist *l, const char *key, const char *val)
{
    char *v = strdup(val ? val : "");
    if (!v)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->items[i].key, key) == 0) {
            free(l->items[i].val);
            l->items[i].val = v;
            return FS_OK;
        }
    }
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        struct fs_kv *p = realloc(l->items, ncap * sizeof *p);
        if (!p) {
            free(v);
            return FS_ERR_NOMEM;
        }
        l->items = p;
        l->cap = ncap;
    }
    char *k = strdup(key);
    if (!k) {
        free(v);
        return FS_ERR_NOMEM;
    }
    l->items[l->n].key = k;
    l->items[l->n].val = v;
    l->n++;
    return FS_OK;
}

const char *fs_kvlist_get(const struct fs_kvlist *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return l->items[i].val;
    return NULL;
}

int fs_kvlist_copy(struct fs_kvlist *dst, const struct fs_kvlist *src)
{
    for (size_t i = 0; i < src->n; i++) {
        int rc = fs_kvlist_set(dst, src->items[i].key, src->items[i].val);
        if (rc)
            return rc;
    }
    return FS_OK;
}
