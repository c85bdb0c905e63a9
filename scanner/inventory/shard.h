/* SPDX-License-Identifier: Apache-2.0 */
/* scan --shard K/N: one of N disjoint parts of an inventory, chosen by host name, so that N
 * scanner processes (a Kubernetes Indexed Job, JOB_COMPLETION_INDEX = K) cover every host
 * exactly once between them. */
#ifndef FS_SHARD_H
#define FS_SHARD_H

#include "../core/contract.h"

#include "inventory.h"

#include <stddef.h>
#include <stdint.h>

/* Shards are numbered from 0, like JOB_COMPLETION_INDEX; N at most this. */
#define FS_SHARD_MAX 100000u

struct fs_shard {
    unsigned k; /* 0 .. n-1 */
    unsigned n; /* 0: no sharding */
};

/* Parses "K/N" (decimal digits, 0 <= K < N <= FS_SHARD_MAX). On failure FS_ERR_INVAL and why
 * holds "--shard 'S': reason". */
FS_MUST_USE int fs_shard_parse(const char *s, struct fs_shard *out, char *why, size_t n);
/* The shard (0 .. n-1) a host of this name belongs to: FNV-1a 64 of the name's bytes, mixed by
 * splitmix64's finalizer, modulo n. Fixed: a host keeps its shard across versions. */
unsigned fs_shard_of(const char *name, unsigned n);
/* Keeps the hosts of shard s->k of s->n (none may be left: fine). FS_OK or FS_ERR_NOMEM. */
FS_MUST_USE int fs_inventory_shard(struct fs_inventory *inv, const struct fs_shard *s);

#endif
