/* SPDX-License-Identifier: Apache-2.0 */
/* Jump host values: parsed strictly, since they name a host whose key and login we trust. */
#include "proxy_jump.h"
#include "../core/err.h"
#include "../core/util.h"
#include "inventory.h"
#include "../core/ssh_words.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int bad(char *why, size_t n, const char *reason)
{
    snprintf(why, n, "%s", reason);
    return FS_ERR_INVAL;
}

static bool user_valid(const char *s, size_t n)
{
    if (n == 0 || s[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i]))
            return false;
    return true;
}

/* Whether s[0..n) is an IPv6 address (a zone after '%' allowed: fe80::1%eth0). */
static bool v6_address(const char *s, size_t n)
{
    char a[INET6_ADDRSTRLEN + 1];
    struct in6_addr six;
    size_t k = 0;
    while (k < n && s[k] != '%')
        k++;
    if (k >= sizeof a)
        return false;
    memcpy(a, s, k);
    a[k] = '\0';
    return inet_pton(AF_INET6, a, &six) == 1;
}

int fs_jump_spec_parse(const char *value, struct fs_jump_spec *out, char *why, size_t whylen)
{
    memset(out, 0, sizeof *out);
    out->port = 22;
    if (!value || !*value)
        return bad(why, whylen, "empty (expected [user@]host[:port])");
    if (strchr(value, ','))
        return bad(why, whylen, "only one jump host is supported (a chain 'a,b' is not)");
    if (strstr(value, "://"))
        return bad(why, whylen, "expected [user@]host[:port], not a URL");
    const char *at = strrchr(value, '@');
    const char *host = at ? at + 1 : value;
    if (at) {
        size_t ulen = (size_t)(at - value);
        if (!user_valid(value, ulen) || ulen >= sizeof out->user)
            return bad(why, whylen,
                       "bad user name before '@' (letters, digits, '.', '_', '-'; not starting "
                       "with '-')");
        memcpy(out->user, value, ulen);
    }
    const char *hs = host, *he, *colon = NULL;
    if (*host == '[') {
        const char *rb = strchr(host, ']');
        if (!rb)
            return bad(why, whylen, "'[' without a closing ']' around the IPv6 address");
        hs = host + 1;
        he = rb;
        if (rb[1] == ':')
            colon = rb + 1;
        else if (rb[1] != '\0')
            return bad(why, whylen, "unexpected text after ']' (expected :port)");
        if (he > hs && !v6_address(hs, (size_t)(he - hs)))
            return bad(why, whylen, "only an IPv6 address goes in brackets");
    } else {
        colon = strchr(host, ':');
        if (colon && strrchr(host, ':') != colon) {
            /* a bare IPv6 address, no port; anything else with two ':' is no host
             * ("10.0.0.1:22:22") */
            if (!v6_address(host, strlen(host)))
                return bad(why, whylen,
                           "more than one ':' but not an IPv6 address (a port after an IPv6 "
                           "address goes after brackets: [address]:port)");
            colon = NULL;
        }
        he = colon ? colon : host + strlen(host);
    }
    if (he == hs)
        return bad(why, whylen, "missing host");
    if (!fs_host_address_valid(hs, (size_t)(he - hs)) || (size_t)(he - hs) >= sizeof out->host)
        return bad(why, whylen,
                   "bad host (letters, digits, '.', '-', '_', ':'; not starting with '-')");
    memcpy(out->host, hs, (size_t)(he - hs));
    if (colon) {
        long port;
        if (!fs_parse_long(colon + 1, &port) || port < 1 || port > 65535) {
            snprintf(why, whylen, "bad port '%.16s' (1-65535)", colon + 1);
            return FS_ERR_INVAL;
        }
        out->port = (int)port;
    }
    return FS_OK;
}

void fs_jump_spec_format(const struct fs_jump_spec *j, char *out, size_t n)
{
    bool v6 = strchr(j->host, ':') != NULL;
    snprintf(out, n, "%s%s%s%s%s:%d", j->user, j->user[0] ? "@" : "", v6 ? "[" : "", j->host,
             v6 ? "]" : "", j->port);
}

/* The next word of args (quotes group words and are removed, as a shell would), or NULL at
 * the end. *p moves past it. */
static char *next_word(const char **p)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    if (!*s) {
        *p = s;
        return NULL;
    }
    size_t cap = strlen(s) + 1, len = 0;
    char *w = malloc(cap);
    if (!w)
        return NULL;
    char quote = 0;
    for (; *s; s++) {
        if (quote) {
            if (*s == quote)
                quote = 0;
            else
                w[len++] = *s;
        } else if (*s == '\'' || *s == '"') {
            quote = *s;
        } else if (*s == ' ' || *s == '\t' || *s == '\n') {
            break;
        } else {
            w[len++] = *s;
        }
    }
    w[len] = '\0';
    *p = s;
    return w;
}

/* ssh's short options that take a value (OpenSSH's ssh.c getopt string): in "-vJ b" the J
 * takes "b", in "-4p2222" the p takes "2222". */
static const char ssh_valued[] = "BbcDEeFIiJLlmOoPpQRSWw";

/* ssh options that decide where the connection goes: ignoring them would reach the host by
 * another path than ssh would (past a bastion, to another address or port), so a host that
 * has one is refused. Sorted. "ProxyCommand none" is ssh's direct connection. */
static const char *const routing_options[] = {"HostName", "Port", "ProxyCommand", "ProxyUseFdpass"};

struct ssh_args {
    char *value;    /* the jump host: the first ProxyJump or -J, as ssh keeps it */
    bool by_flag;   /* value came from -J (ssh refuses a second -J) */
    size_t ignored; /* words of options floorscan does not use */
    char *why;
    size_t whylen;
};

static int refuse(struct ssh_args *a, const char *why)
{
    snprintf(a->why, a->whylen, "%s", why);
    return FS_ERR_INVAL;
}

/* An option that would route the connection elsewhere ("-o ProxyCommand", "-p"). */
static int refuse_routing(struct ssh_args *a, const char *opt)
{
    snprintf(a->why, a->whylen,
             "%s is not supported: floorscan connects directly or through ProxyJump (-J) only, "
             "and would reach the host by another path than ssh",
             opt);
    return FS_ERR_INVAL;
}

/* A jump host from -J or ProxyJump: ssh keeps the first; a -J after any is its error. */
static int set_jump(struct ssh_args *a, const char *v, bool flag)
{
    if (a->value) {
        if (flag)
            return refuse(a, "a second jump host after -J or ProxyJump (ssh refuses it)");
        return FS_OK; /* a later -o ProxyJump: ssh keeps the first value */
    }
    if (!(a->value = strdup(v)))
        return FS_ERR_NOMEM;
    a->by_flag = flag;
    return FS_OK;
}

/* -o VALUE, read as ssh reads a configuration line. */
static int option(struct ssh_args *a, const char *opt)
{
    char buf[1024];
    if (strlen(opt) >= sizeof buf)
        return refuse(a, "an -o option longer than 1023 bytes");
    snprintf(buf, sizeof buf, "%s", opt);
    char *rest = buf;
    char *kw = fs_ssh_keyword(&rest);
    if (!kw) {
        a->ignored++;
        return FS_OK;
    }
    /* the value as ssh's argv_split gives it: up to white space, a quoted part whole */
    char *val = rest;
    if (val && *val == '"') {
        char *q = strchr(++val, '"');
        if (q)
            *q = '\0';
    } else if (val) {
        val[strcspn(val, FS_SSH_WS)] = '\0';
    }
    if (strcasecmp(kw, "proxyjump") == 0) {
        if (!val || !*val)
            return refuse(a, "ProxyJump without a value (write -o ProxyJump=user@host)");
        return set_jump(a, val, false);
    }
    for (size_t i = 0; i < sizeof routing_options / sizeof routing_options[0]; i++) {
        if (strcasecmp(kw, routing_options[i]) != 0)
            continue;
        if (strcasecmp(kw, "ProxyCommand") == 0 && val && strcasecmp(val, "none") == 0)
            break; /* ProxyCommand none: direct, as floorscan connects */
        char name[64];
        snprintf(name, sizeof name, "-o %s", routing_options[i]);
        return refuse_routing(a, name);
    }
    a->ignored++;
    return FS_OK;
}

/* One short option f with its value v (NULL for a flag). */
static int short_option(struct ssh_args *a, char f, const char *v)
{
    switch (f) {
    case 'J':
        return set_jump(a, v, true);
    case 'o':
        return option(a, v);
    case 'p':
    case 'W':
        return refuse_routing(a, f == 'p' ? "-p" : "-W");
    case 'F':
        return refuse(a, "-F is not supported: an ssh configuration file may route the connection "
                         "(ProxyJump, ProxyCommand) where floorscan cannot follow");
    default:
        a->ignored++;
        return FS_OK;
    }
}

int fs_jump_from_ssh_args(const char *args, char **value, size_t *ignored, char *why, size_t whylen)
{
    struct ssh_args a = {.why = why, .whylen = whylen};
    const char *p = args;
    int rc = FS_OK;
    char *w;
    while (!rc && (w = next_word(&p))) {
        if (w[0] != '-' || w[1] == '\0' || strcmp(w, "--") == 0) {
            a.ignored++; /* not an option: ssh would take it for the destination or command */
            free(w);
            continue;
        }
        /* a run of flags, the first one that takes a value ending it ("-vJ b", "-4p2222") */
        for (size_t k = 1; !rc && w[k]; k++) {
            if (!strchr(ssh_valued, w[k])) {
                rc = short_option(&a, w[k], NULL);
                continue;
            }
            char *arg = NULL;
            if (!w[k + 1] && !(arg = next_word(&p))) {
                snprintf(why, whylen, "'-%c' without a value", w[k]);
                rc = *p ? FS_ERR_NOMEM : FS_ERR_INVAL;
                break;
            }
            rc = short_option(&a, w[k], arg ? arg : w + k + 1);
            free(arg);
            break;
        }
        free(w);
    }
    if (!rc && *p)
        rc = FS_ERR_NOMEM; /* next_word stopped on an allocation, not at the end */
    if (rc) {
        free(a.value);
        a.value = NULL;
    }
    *value = a.value;
    *ignored = a.ignored;
    return rc;
}
