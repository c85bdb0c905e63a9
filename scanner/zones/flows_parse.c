/* SPDX-License-Identifier: Apache-2.0 */
/* A host's flow observations from fact net_listen: the kernel's socket tables (# tcp, # tcp6,
 * # udp, # udp6) and the "# owner" section ("owner INODE PID COMM"). Which side listens
 * decides the direction; the output is hostile and bounded. */
#include "flows.h"

#include "../../checks/check_util.h"
#include "../../checks/net_util.h"
#include "../core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* TCP states (include/net/tcp_states.h) of a connection that carries or carried traffic:
 * ESTABLISHED, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE_WAIT, LAST_ACK, CLOSING. SYN_SENT (an
 * attempt nobody answered yet), SYN_RECV and CLOSE are not flows; LISTEN (0A) is a listener. */
static bool tcp_flow_state(unsigned long st)
{
    return st == 0x01 || st == 0x04 || st == 0x05 || st == 0x06 || st == 0x08 || st == 0x09 ||
           st == 0x0B;
}

struct sock {
    bool tcp;
    unsigned char local[16], remote[16];
    unsigned lport, rport;
    unsigned long st, inode;
};

struct listener {
    bool tcp;
    unsigned port;
    unsigned char addr[16];
};

struct owner {
    unsigned long inode;
    unsigned pid;
    char comm[32];
};

struct parse {
    struct listener *ls;
    size_t nls, capls;
    struct owner *os;
    size_t nos, capos;
    size_t bad, cut_listen, cut_flows;
    bool saw_table;
};

/* A /proc/net address column -> 16 bytes, IPv4 mapped. */
static bool endpoint(struct fs_line f, bool v6, unsigned char out[16], unsigned *port)
{
    unsigned char b[16];
    if (!fs_proc_net_endpoint(f, v6, b, port))
        return false;
    if (v6) {
        memcpy(out, b, 16);
    } else {
        static const unsigned char map[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        memcpy(out, map, 12);
        memcpy(out + 12, b, 4);
    }
    return true;
}

static bool all_zero(const unsigned char a[16], size_t from)
{
    for (size_t i = from; i < 16; i++)
        if (a[i])
            return false;
    return true;
}

/* The unspecified address of either family (0.0.0.0 mapped, or ::). */
static bool wildcard(const unsigned char a[16])
{
    static const unsigned char map[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return all_zero(a, 0) || (memcmp(a, map, 12) == 0 && all_zero(a, 12));
}

static bool dec(struct fs_line f, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;
    if (f.len == 0 || f.len > 12)
        return false;
    for (size_t i = 0; i < f.len; i++) {
        if (f.s[i] < '0' || f.s[i] > '9')
            return false;
        v = v * 10 + (unsigned long)(f.s[i] - '0');
    }
    if (v > max)
        return false;
    *out = v;
    return true;
}

/* Splits at runs of spaces (the tables align their columns with them). */
static size_t columns(struct fs_line l, struct fs_line *col, size_t max)
{
    size_t nc = 0;
    const char *p = l.s, *end = l.s + l.len;
    while (nc < max && p < end) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        const char *q = p;
        while (q < end && *q != ' ' && *q != '\t')
            q++;
        if (q > p)
            col[nc++] = (struct fs_line){p, (size_t)(q - p)};
        p = q;
    }
    return nc;
}

enum section { SEC_NONE, SEC_TCP, SEC_TCP6, SEC_UDP, SEC_UDP6, SEC_OWNER };

static enum section section_of(struct fs_line l)
{
    static const struct {
        const char *name;
        enum section s;
    } names[] = {{"# owner", SEC_OWNER},
                 {"# tcp", SEC_TCP},
                 {"# tcp6", SEC_TCP6},
                 {"# udp", SEC_UDP},
                 {"# udp6", SEC_UDP6}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (fs_line_eq(l, names[i].name))
            return names[i].s;
    return SEC_NONE;
}

/* A table line: 1 when parsed into *s, 0 for the header, -1 when malformed. */
static int table_line(struct fs_line l, enum section sec, struct sock *s)
{
    struct fs_line col[10];
    size_t nc = columns(l, col, 10);
    if (nc == 0)
        return 0;
    if (fs_line_eq(col[0], "sl"))
        return 0;
    bool v6 = sec == SEC_TCP6 || sec == SEC_UDP6;
    memset(s, 0, sizeof *s);
    s->tcp = sec == SEC_TCP || sec == SEC_TCP6;
    if (nc < 4 || !endpoint(col[1], v6, s->local, &s->lport) ||
        !endpoint(col[2], v6, s->remote, &s->rport) || col[3].len != 2 ||
        !fs_parse_hex(col[3].s, 2, &s->st))
        return -1;
    if (nc == 10 && !dec(col[9], 0xffffffffffUL, &s->inode))
        return -1;
    return 1;
}

static bool is_listener(const struct sock *s)
{
    return s->tcp ? s->st == 0x0A : s->rport == 0 && wildcard(s->remote);
}

static bool is_flow(const struct sock *s)
{
    if (s->rport == 0 || wildcard(s->remote))
        return false;
    return s->tcp ? tcp_flow_state(s->st) : true;
}

static int add_listener(struct parse *p, const struct sock *s)
{
    if (p->nls == FS_FLOWS_MAX_LISTEN) {
        p->cut_listen++;
        return FS_OK;
    }
    if (p->nls == p->capls) {
        size_t cap = p->capls ? p->capls * 2 : 16;
        struct listener *n = realloc(p->ls, cap * sizeof *n);
        if (!n)
            return FS_ERR_NOMEM;
        p->ls = n;
        p->capls = cap;
    }
    struct listener *l = &p->ls[p->nls++];
    l->tcp = s->tcp;
    l->port = s->lport;
    memcpy(l->addr, s->local, 16);
    return FS_OK;
}

static int add_owner(struct parse *p, struct fs_line l)
{
    struct fs_line fld[4];
    unsigned long ino, pid;
    if (fs_split(l, ' ', fld, 4) != 4 || !fs_line_eq(fld[0], "owner") ||
        !dec(fld[1], 0xffffffffffUL, &ino) || !dec(fld[2], 0x7fffffffUL, &pid) || ino == 0)
        return FS_OK; /* an owner unknown, not a flow lost */
    if (p->nos == FS_FLOWS_MAX_OWNERS)
        return FS_OK; /* an owner left out is an owner unknown, not a flow lost */
    if (p->nos == p->capos) {
        size_t cap = p->capos ? p->capos * 2 : 16;
        struct owner *n = realloc(p->os, cap * sizeof *n);
        if (!n)
            return FS_ERR_NOMEM;
        p->os = n;
        p->capos = cap;
    }
    struct owner *o = &p->os[p->nos++];
    o->inode = ino;
    o->pid = (unsigned)pid;
    fs_line_str(fld[3], o->comm, sizeof o->comm);
    return FS_OK;
}

static int cmp_owner(const void *a, const void *b)
{
    const struct owner *x = a, *y = b;
    if (x->inode != y->inode)
        return x->inode < y->inode ? -1 : 1;
    return x->pid < y->pid ? -1 : x->pid > y->pid; /* the lowest pid: the parent, usually */
}

static const struct owner *owner_of(const struct parse *p, unsigned long inode)
{
    size_t lo = 0, hi = p->nos;
    while (inode && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->os[mid].inode < inode)
            lo = mid + 1;
        else
            hi = mid;
    }
    return inode && lo < p->nos && p->os[lo].inode == inode ? &p->os[lo] : NULL;
}

/* The host listens on the socket's local port (same protocol; the listener's address is the
 * local one or a wildcard). */
static int cmp_listener(const void *a, const void *b)
{
    const struct listener *x = a, *y = b;
    if (x->tcp != y->tcp)
        return x->tcp ? 1 : -1;
    if (x->port != y->port)
        return x->port < y->port ? -1 : 1;
    return memcmp(x->addr, y->addr, 16);
}

static bool has_listener(const struct parse *p, const struct listener *key)
{
    return p->nls && bsearch(key, p->ls, p->nls, sizeof *p->ls, cmp_listener) != NULL;
}

static bool listens(const struct parse *p, const struct sock *s)
{
    static const unsigned char any4[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    struct listener key = {.tcp = s->tcp, .port = s->lport};
    if (has_listener(p, &key)) /* :: */
        return true;
    memcpy(key.addr, any4, 16);
    if (has_listener(p, &key)) /* 0.0.0.0 */
        return true;
    memcpy(key.addr, s->local, 16);
    return has_listener(p, &key);
}

static int add_flow(struct fs_host_flows *out, size_t *cap, const struct parse *p,
                    const struct sock *s)
{
    if (out->n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        struct fs_flow_obs *n = realloc(out->v, c * sizeof *n);
        if (!n)
            return FS_ERR_NOMEM;
        out->v = n;
        *cap = c;
    }
    struct fs_flow_obs *o = &out->v[out->n++];
    memset(o, 0, sizeof *o);
    snprintf(o->proto, sizeof o->proto, "%s", s->tcp ? "tcp" : "udp");
    memcpy(o->local, s->local, 16);
    memcpy(o->remote, s->remote, 16);
    o->lport = s->lport;
    o->rport = s->rport;
    o->dir = listens(p, s) ? FS_FLOW_IN : FS_FLOW_OUT;
    const struct owner *ow = owner_of(p, s->inode);
    if (ow) {
        snprintf(o->process, sizeof o->process, "%s", ow->comm);
        o->pid = ow->pid;
    }
    return FS_OK;
}

/* One pass over the fact: kind 0 collects listeners and owners, kind 1 the flows. */
static int pass(const struct fs_fact *f, struct parse *p, struct fs_host_flows *out, size_t *cap,
                int kind)
{
    size_t pos = 0;
    struct fs_line l;
    enum section sec = SEC_NONE;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len >= 1 && l.s[0] == '#') {
            sec = section_of(l);
            p->saw_table |= sec == SEC_TCP || sec == SEC_TCP6;
            continue;
        }
        if (sec == SEC_NONE || l.len == 0)
            continue;
        if (sec == SEC_OWNER) {
            int rc = kind == 0 ? add_owner(p, l) : FS_OK;
            if (rc)
                return rc;
            continue;
        }
        struct sock s;
        int r = table_line(l, sec, &s);
        if (r < 0 && kind == 0)
            p->bad++;
        if (r <= 0)
            continue;
        int rc = FS_OK;
        if (kind == 0 && is_listener(&s))
            rc = add_listener(p, &s);
        else if (kind == 1 && is_flow(&s) && !fs_addr_is_loopback(s.local) &&
                 !fs_addr_is_loopback(s.remote)) {
            if (out->n == FS_FLOWS_MAX)
                p->cut_flows++;
            else
                rc = add_flow(out, cap, p, &s);
        }
        if (rc)
            return rc;
    }
    return FS_OK;
}

/* Why a fact cannot be judged ("" when it can), as fs_check_fact says it. */
static void unusable(const struct fs_fact *f, char *why, size_t n)
{
    why[0] = '\0';
    if (!f)
        snprintf(why, n, "fact net_listen was not collected");
    else if (f->state == FS_FACT_NEEDS_ROOT)
        snprintf(why, n, "fact net_listen needs root");
    else if (f->state == FS_FACT_TRUNCATED)
        snprintf(why, n, "the socket tables exceeded the fact's size cap");
    else if (f->problem)
        snprintf(why, n, "probe net_listen did not run: %.100s", f->problem);
    else if (f->rc != 0)
        snprintf(why, n, "probe net_listen failed (exit status %d)", f->rc);
    else if (!f->reports_end)
        snprintf(why, n, "the probe reports of net_listen did not all arrive (output cut)");
}

int fs_host_flows_from_fact(const struct fs_fact *net_listen, struct fs_host_flows *out)
{
    struct parse p = {0};
    size_t cap = 0;
    int rc = FS_OK;
    memset(out, 0, sizeof *out);
    unusable(net_listen, out->error, sizeof out->error);
    if (out->error[0])
        goto out;
    if ((rc = pass(net_listen, &p, out, &cap, 0)))
        goto out;
    if (!p.saw_table) {
        snprintf(out->error, sizeof out->error, "no socket table (/proc/net/tcp) in the output");
        goto out;
    }
    if (p.nos)
        qsort(p.os, p.nos, sizeof *p.os, cmp_owner);
    if (p.nls)
        qsort(p.ls, p.nls, sizeof *p.ls, cmp_listener);
    if ((rc = pass(net_listen, &p, out, &cap, 1)))
        goto out;
    out->read = true;
    out->cut = p.bad + p.cut_listen + p.cut_flows;
    if (out->cut)
        snprintf(out->error, sizeof out->error,
                 "%zu connections past the first %d, %zu listeners past the first %d and %zu "
                 "malformed lines left out",
                 p.cut_flows, FS_FLOWS_MAX, p.cut_listen, FS_FLOWS_MAX_LISTEN, p.bad);
out:
    if (rc) {
        fs_host_flows_dispose(out);
        out->read = false;
        snprintf(out->error, sizeof out->error, "out of memory");
    }
    free(p.ls);
    free(p.os);
    return rc;
}
