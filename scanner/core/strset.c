/* SPDX-License-Identifier: Apache-2.0 */
/* A sorted set of strings. */
#include "strset.h"
#include "err.h"

#include <stdlib.h>
#include <string.h>

void fs_strset_init(struct fs_strset *s)
{
    s->items = NULL;
    s->n = s->cap = 0;
}

void fs_strset_dispose(struct fs_strset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->items[i]);
    free(s->items);
    fs_strset_init(s);
}

/* Index of str, or where it would go; *found tells which. */
static size_t locate(const struct fs_strset *s, const char *str, bool *found)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->items[mid], str);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

int fs_strset_add(struct fs_strset *s, const char *str)
{
    bool found;
    size_t at = locate(s, str, &found);
    if (found)
        return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **p = realloc(s->items, cap * sizeof *p);
        if (!p)
            return FS_ERR_NOMEM;
        s->items = p;
        s->cap = cap;
    }
    char *copy = strdup(str);
    if (!copy)
        return FS_ERR_NOMEM;
    memmove(s->items + at + 1, s->items + at, (s->n - at) * sizeof *s->items);
    s->items[at] = copy;
    s->n++;
    return 1;
}

bool fs_strset_has(const struct fs_strset *s, const char *str)
{
    bool found;
    locate(s, str, &found);
    return found;
}

const char *fs_strset_prefixed(const struct fs_strset *s, const char *prefix)
{
    bool found;
    size_t at = locate(s, prefix, &found);
    if (at < s->n && strncmp(s->items[at], prefix, strlen(prefix)) == 0)
        return s->items[at];
    return NULL;
}
