/* SPDX-License-Identifier: Apache-2.0 */
/* Jump hosts (bastions) for the SSH transport, through libssh alone: one session per distinct
 * bastion (user, host, port), opened on first use, verified and authenticated exactly like a
 * target, and shared by every target behind it. A pump thread owns that session (libssh
 * sessions are not thread-safe); a target gets a direct-tcpip channel as one end of a
 * socketpair, which its own session uses as its socket (SSH_OPTIONS_FD). */
#ifndef FS_JUMP_H
#define FS_JUMP_H

#include "../core/contract.h"

#include "transport.h"

#include <libssh/libssh.h>

struct fs_ssh;

/* The bastions of one run. Free it after the last host is done: it closes every bastion
 * session and joins its thread. */
FS_MUST_USE int fs_jumps_new(struct fs_jumps **out);
void fs_jumps_free(struct fs_jumps *j);

/* A channel through bastion spec (canonical [user@]host:port) to address:port, open by
 * until_ms (fs_now_ms clock). On success *fd is the target session's socket (the caller owns
 * it). On failure the status and a reason naming the bastion are in out: the bastion's own
 * failure (unreachable, auth-failed, hostkey-mismatch, timeout; tried once per run), or
 * unreachable when the bastion refuses the channel or time runs out. */
FS_MUST_USE int fs_jumps_open(struct fs_jumps *j, const struct fs_run_opts *o, const char *spec,
                              const char *address, int port, long long until_ms, int *fd,
                              struct fs_run_out *out);

/* For the SSH transport's connect phase: reaches host h through its jump host and hands the
 * channel to c's session (SSH_OPTIONS_FD), within c's current phase limit. Uses o->jumps, or a
 * registry of its own for this host when the caller has none. *own receives that registry, to
 * free after the session. */
FS_MUST_USE int fs_jump_attach(struct fs_ssh *c, const struct fs_host *h,
                               const struct fs_run_opts *o, struct fs_jumps **own);

/* Before ssh_disconnect of a session that fs_jump_attach gave a socket: lets libssh close it
 * (exactly once). */
void fs_jump_release(ssh_session s);

#endif
