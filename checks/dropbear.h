/* SPDX-License-Identifier: Apache-2.0 */
/* The dropbear SSH server (fact dropbear), judged by the sshd rules beside OpenSSH: the options
 * of every running dropbear process (its command line, parsed as dropbear parses it), of each
 * /etc/inetd.conf line that starts it, and of /etc/default/dropbear (what a restart by the init
 * script or systemd unit applies); where none of these exists but the program does, its
 * defaults. Each is a context; one weak context is a finding. What dropbear compiles in (its
 * algorithms, X11 forwarding) is read from the names in its binary, and the defaults of its
 * options from its usage (-h). */
#ifndef FS_DROPBEAR_H
#define FS_DROPBEAR_H

#include "check.h"

#include <stdbool.h>
#include <stddef.h>

/* One dropbear binary as the collector saw it. */
struct fs_dropbear_bin {
    char key[256];       /* its path (a running one's /proc/PID/exe target) */
    bool help;           /* its usage was read */
    char usage_opts[64]; /* the option letters its usage lists ("-w", "-s" ...) */
    long tries_default;  /* "-T ... (default N)" of its usage, -1 unknown */
    char version[40];    /* "v2022.83", "" unknown */
    char toks[2048];     /* ",name,name," compiled-in algorithm and channel names */
    size_t ntoks;
    char big[32]; /* "tokbig SIZE": too large, its names not read ("" read) */
};

/* The options of one dropbear context. */
struct fs_dropbear_opts {
    char label[240];                   /* "dropbear (pid 812) runs", ... */
    const struct fs_dropbear_bin *bin; /* NULL: its binary was not read */
    char why[240];                     /* options not read: why (the context is an error) */
    bool w, s, g, B, j, k, a;
    long T, I, K; /* -1: not given */
    char G[64];   /* -G group, "" not given */
};

/* Judges one dropbear context: pass, fail, error or notchecked, what it saw written to ev
 * (after the label: "runs without -w: root may log in"). */
typedef enum fs_result (*fs_dropbear_judge_fn)(const struct fs_dropbear_opts *o, char *ev,
                                               size_t evlen);

/* Judges every dropbear context with fn and merges the result into v, which holds the OpenSSH
 * verdict: the worse wins (fail, error, notchecked, pass, notapplicable), the evidence names
 * both. notapplicable only when both servers are proven absent. */
void fs_dropbear_merge(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                       fs_dropbear_judge_fn fn);

/* Parses dropbear's arguments (after argv[0]) as its svr-runopts.c does into o; false with
 * o->why set when one is not understood. */
bool fs_dropbear_parse_args(struct fs_dropbear_opts *o, char *const *argv, size_t argc);

/* True, with ev saying why, when the context's options were not read (the judge says error). */
bool fs_dropbear_unread(const struct fs_dropbear_opts *o, char *ev, size_t evlen);

/* True, with ev saying why, when the names compiled into the context's binary were not read
 * or hold none of the kind (prefix "aes", "hmac-" ...): a packed or foreign binary proves
 * nothing by what it lacks. */
bool fs_dropbear_toks_unread(const struct fs_dropbear_opts *o, const char *const *kinds, char *ev,
                             size_t evlen);

/* Whether the binary lists option letter c in its usage; false when the usage is unknown. */
bool fs_dropbear_offers(const struct fs_dropbear_bin *b, char c);

/* Whether name is compiled into the binary (its names were read: b->ntoks > 0). */
bool fs_dropbear_has_tok(const struct fs_dropbear_bin *b, const char *name);

#endif
