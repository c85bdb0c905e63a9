/* SPDX-License-Identifier: Apache-2.0 */
/* Jump hosts: a ProxyJump value ([user@]host[:port]) and the ProxyJump option out of an
 * inventory's ansible_ssh_common_args. */
#ifndef FS_PROXY_JUMP_H
#define FS_PROXY_JUMP_H

#include "../core/contract.h"

#include <stdbool.h>
#include <stddef.h>

/* Room for fs_jump_spec_format's text. */
#define FS_JUMP_SPEC_MAX 340

struct fs_jump_spec {
    char user[64];  /* "" when not given: the invoking user */
    char host[254]; /* name or address, IPv6 without brackets */
    int port;
};

/* Parses [user@]host[:port] (host may be [IPv6] with a port after it, or a bare IPv6 address
 * without one). On failure why holds the reason ("bad port '99999'", "only one jump host is
 * supported ..."). */
FS_MUST_USE int fs_jump_spec_parse(const char *value, struct fs_jump_spec *out, char *why,
                                   size_t whylen);
/* The canonical form: [user@]host:port, an IPv6 host in brackets ("audit@[fd00::1]:22"). */
void fs_jump_spec_format(const struct fs_jump_spec *j, char *out, size_t n);

/* What ansible_ssh_common_args holds for floorscan: the ProxyJump value (-o ProxyJump=V,
 * -oProxyJump=V, -o "ProxyJump V", -J V, -JV; last one wins), or NULL when there is none, and
 * in *ignored how many other words (options floorscan does not use) it has. Returns FS_OK,
 * FS_ERR_NOMEM, or FS_ERR_INVAL with why set (an option without its value). */
FS_MUST_USE int fs_jump_from_ssh_args(const char *args, char **value, size_t *ignored, char *why,
                                      size_t whylen);

#endif
