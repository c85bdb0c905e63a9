/* SPDX-License-Identifier: Apache-2.0 */
/* scan --shard K/N: a stable partition of the inventory by host name. */
#include "shard.h"

#include "../core/err.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* Digits only (no sign, no space, no leading '+'), at most FS_SHARD_MAX; *end after them. */
static bool parse_count(const char *s, const char **end, unsigned long *out)
{
    unsigned long v = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        v = v * 10 + (unsigned long)(*p - '0');
        if (v > FS_SHARD_MAX)
            return false;
    }
    *end = p;
    *out = v;
    return p != s;
}

int fs_shard_parse(const char *s, struct fs_shard *out, char *why, size_t n)
{
    const char *p = s;
    unsigned long k, count;
    if (!parse_count(p, &p, &k) || *p != '/' || !parse_count(p + 1, &p, &count) || *p) {
        snprintf(why, n,
                 "--shard '%s' is not K/N: two numbers, K in 0 to N-1 and N in 1-%u (e.g. 0/4)", s,
                 FS_SHARD_MAX);
        return FS_ERR_INVAL;
    }
    if (count == 0) {
        snprintf(why, n, "--shard '%s': N must be at least 1", s);
        return FS_ERR_INVAL;
    }
    if (k >= count) {
        snprintf(why, n,
                 "--shard '%s': K must be in 0-%lu (shards are numbered from 0, like a "
                 "Kubernetes Job's JOB_COMPLETION_INDEX)",
                 s, count - 1);
        return FS_ERR_INVAL;
    }
    out->k = (unsigned)k;
    out->n = (unsigned)count;
    return FS_OK;
}

unsigned fs_shard_of(const char *name, unsigned n)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a 64 */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    /* FNV's low bits depend only on the low bits of each byte: mix before the modulo */
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebu;
    h ^= h >> 31;
    return (unsigned)(h % n);
}

int fs_inventory_shard(struct fs_inventory *inv, const struct fs_shard *s)
{
    bool *keep = calloc(inv->n ? inv->n : 1, sizeof *keep);
    if (!keep)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < inv->n; i++)
        keep[i] = fs_shard_of(inv->hosts[i].name, s->n) == s->k;
    fs_inventory_keep(inv, keep);
    free(keep);
    return FS_OK;
}
