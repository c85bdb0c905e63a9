/* SPDX-License-Identifier: Apache-2.0 */
/* An ordered list of string key/value pairs (host variables, XCCDF values). */
#ifndef FS_KV_H
#define FS_KV_H

#include "contract.h"

#include <stddef.h>

struct fs_kv {
    char *key;
    char *val;
};

struct fs_kvlist {
    struct fs_kv *items;
    size_t n;
    size_t cap;
};

void fs_kvlist_init(struct fs_kvlist *l);
void fs_kvlist_dispose(struct fs_kvlist *l);
/* Sets key to val, replacing an existing value. */
FS_MUST_USE int fs_kvlist_set(struct fs_kvlist *l, const char *key, const char *val);
/* NULL when the key is absent. */
const char *fs_kvlist_get(const struct fs_kvlist *l, const char *key);
FS_MUST_USE int fs_kvlist_copy(struct fs_kvlist *dst, const struct fs_kvlist *src);

#endif
