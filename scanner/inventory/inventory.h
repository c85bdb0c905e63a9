/* SPDX-License-Identifier: Apache-2.0 */
/* The hosts to scan: an Ansible-style YAML inventory or command-line targets. */
#ifndef FS_INVENTORY_H
#define FS_INVENTORY_H

#include "../core/contract.h"

#include "../core/buf.h"
#include "../core/kv.h"

#include <stdbool.h>
#include <stddef.h>

struct fs_host {
    char *name;
    char *address;
    int port;
    char *user;     /* NULL: the invoking user */
    char *key_file; /* NULL: only --identity and the agent */
    bool become;    /* gain root facts through sudo -n */
    bool local;     /* the "local" target: no SSH */
    char *role;     /* NULL: baseline */
    char *zone;
    char *proxy_jump; /* jump host, canonical [user@]host:port (ansible_ssh_common_args
                       * -o ProxyJump=..., or scan --jump); NULL: direct */
    bool jump_none;   /* ProxyJump=none: direct, as ssh reads it; --jump does not apply */
    int line;         /* line of the host in the inventory, 0 on the command line */
    long index;       /* place in the inventory (or target list) as loaded, before -l and --shard:
                       * results.json keeps it, so merged shards take a full scan's order; -1 when
                       * not known (results written before floorscan 0.3) */
    char **groups;    /* every group the host belongs to, outermost first */
    size_t ngroups;
    struct fs_kvlist vars; /* every variable after all -> group -> host inheritance */
};

struct fs_inventory {
    char *path; /* NULL when built from command-line targets */
    struct fs_host *hosts;
    size_t n;
};

FS_MUST_USE int fs_inventory_new(struct fs_inventory **out);
void fs_inventory_free(struct fs_inventory *inv);
/* Frees what a host owns (not the host itself). */
void fs_host_dispose(struct fs_host *h);
/* Loads a YAML inventory; on failure err holds "FILE:LINE: reason". */
FS_MUST_USE int fs_inventory_load(struct fs_inventory **out, const char *path, struct fs_buf *err);
/* Parses from memory; name is used in error messages and to resolve relative key paths. */
FS_MUST_USE int fs_inventory_load_mem(struct fs_inventory **out, const char *name, const char *yaml,
                                      size_t len, struct fs_buf *err);
/* Adds "[user@]host[:port]", "ssh://[user@]host[:port]" or "local". */
FS_MUST_USE int fs_inventory_add_target(struct fs_inventory *inv, const char *target,
                                        struct fs_buf *err);
/* Keeps the hosts matched by a comma list of host names, group names or shell patterns. */
FS_MUST_USE int fs_inventory_limit(struct fs_inventory *inv, const char *patterns,
                                   struct fs_buf *err);
/* Keeps the hosts i with keep[i] (inv->n entries), in their order; frees the others. */
void fs_inventory_keep(struct fs_inventory *inv, const bool *keep);
const struct fs_host *fs_inventory_find(const struct fs_inventory *inv, const char *name);
bool fs_host_in_group(const struct fs_host *h, const char *group);
/* An address that is safe to hand to ssh and to a ProxyCommand: a host name, IPv4 or IPv6
 * address (letters, digits, '.', '-', '_', ':', and '%' for an IPv6 zone), not starting with
 * '-' (it would be read as an option). Checked here, whatever the libssh version. */
bool fs_host_address_valid(const char *s, size_t n);
/* A ProxyJump value [user@]host[:port] that fs_jump_spec_parse (proxy_jump.h) accepts. */
bool fs_proxy_jump_valid(const char *s);
/* scan --jump: every host that is not local and has no ProxyJump of its own goes through
 * jump (checked first; on failure err holds "--jump 'x' is not ...: reason"). */
FS_MUST_USE int fs_inventory_set_jump(struct fs_inventory *inv, const char *jump,
                                      struct fs_buf *err);

#endif
