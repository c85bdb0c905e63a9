/* SPDX-License-Identifier: Apache-2.0 */
/* Jump host values: parsed strictly, since they name a host whose key and login we trust. */
#include "proxy_jump.h"
#include "../core/err.h"
#include "../core/util.h"
#include "inventory.h"

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
        if (he > hs && !memchr(hs, ':', (size_t)(he - hs)))
            return bad(why, whylen, "only an IPv6 address goes in brackets");
    } else {
        colon = strchr(host, ':');
        if (colon && strrchr(host, ':') != colon) {
            /* a bare IPv6 address, no port; anything else with two ':' is no host
             * ("10.0.0.1:22:22") */
            char a[INET6_ADDRSTRLEN + 1];
            struct in6_addr six;
            size_t n = strcspn(host, "%"); /* a zone (fe80::1%eth0) is not inet_pton's */
            if (n >= sizeof a)
                return bad(why, whylen, "bad host (too long for an IPv6 address)");
            memcpy(a, host, n);
            a[n] = '\0';
            if (inet_pton(AF_INET6, a, &six) != 1)
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

/* Whether opt ("Name=V", "Name V" or "Name") is option key (ssh option names ignore case). */
static bool option_is(const char *opt, const char *key)
{
    size_t n = strlen(key);
    return strncasecmp(opt, key, n) == 0 && strchr("= \t", opt[n]);
}

/* "ProxyJump=V" or "ProxyJump V": V ("" when the option has no value), else NULL. */
static const char *proxy_jump_option(const char *opt)
{
    if (!option_is(opt, "ProxyJump"))
        return NULL;
    const char *v = opt + strlen("ProxyJump");
    while (*v == ' ' || *v == '\t' || *v == '=')
        v++;
    return v;
}

/* ssh options that decide where the connection goes: ignoring them would reach the host by
 * another path than ssh would (past a bastion, to another address or port), so a host that
 * has one is refused. Sorted. */
static const char *const routing_options[] = {"HostName", "Port", "ProxyCommand", "ProxyUseFdpass"};
static const char *const routing_flags[] = {"-W", "-p"};

/* The routing option or flag word w (with its value arg) names, or NULL. */
static const char *routing(const char *w, const char *arg)
{
    const char *opt = strcmp(w, "-o") == 0 ? arg : strncmp(w, "-o", 2) == 0 ? w + 2 : NULL;
    for (size_t i = 0; opt && i < sizeof routing_options / sizeof routing_options[0]; i++)
        if (option_is(opt, routing_options[i]))
            return routing_options[i];
    for (size_t i = 0; i < sizeof routing_flags / sizeof routing_flags[0]; i++)
        if (strncmp(w, routing_flags[i], 2) == 0)
            return routing_flags[i];
    return NULL;
}

int fs_jump_from_ssh_args(const char *args, char **value, size_t *ignored, char *why, size_t whylen)
{
    *value = NULL;
    *ignored = 0;
    const char *p = args;
    int rc = FS_OK;
    char *w;
    while ((w = next_word(&p))) {
        char *arg = NULL;
        const char *v = NULL, *r;
        bool wants_value = strcmp(w, "-o") == 0 || strcmp(w, "-J") == 0 || strcmp(w, "-W") == 0 ||
                           strcmp(w, "-p") == 0;
        if (wants_value && !(arg = next_word(&p))) {
            snprintf(why, whylen, "'%s' without a value", w);
            free(w);
            rc = *p ? FS_ERR_NOMEM : FS_ERR_INVAL;
            goto out;
        }
        if (strcmp(w, "-J") == 0)
            v = arg;
        else if (strncmp(w, "-J", 2) == 0)
            v = w + 2;
        else if (strcmp(w, "-o") == 0)
            v = proxy_jump_option(arg);
        else if (strncmp(w, "-o", 2) == 0)
            v = proxy_jump_option(w + 2);
        if ((r = routing(w, arg))) {
            snprintf(why, whylen,
                     "%s%s is not supported: floorscan connects directly or through ProxyJump "
                     "(-J) only, and would reach the host by another path than ssh",
                     r[0] == '-' ? "" : "-o ", r);
            rc = FS_ERR_INVAL;
        } else if (v && !*v && strcasecmp(strcmp(w, "-o") == 0 ? arg : w + 2, "ProxyJump") == 0) {
            snprintf(why, whylen, "ProxyJump without a value (write -o ProxyJump=user@host)");
            rc = FS_ERR_INVAL;
        } else if (v) {
            free(*value);
            *value = strdup(v);
            if (!*value)
                rc = FS_ERR_NOMEM;
        } else {
            (*ignored)++;
        }
        free(arg);
        free(w);
        if (rc)
            goto out;
    }
    if (*p)
        rc = FS_ERR_NOMEM; /* next_word stopped on an allocation, not at the end */
out:
    if (rc) {
        free(*value);
        *value = NULL;
    }
    return rc;
}
