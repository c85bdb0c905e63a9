/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet analysis: the hosts' flow observations joined into flows (a flow seen from both
 * ends is one), classified against the site model, and a verdict for each zone and conduit. */
#include "fleet.h"

#include "../core/err.h"
#include "fleet_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One observation, keyed by the flow it belongs to. */
struct half {
    char proto[4];
    unsigned char client[16], server[16];
    unsigned port;
    bool client_side; /* observed by the client (an "out" observation) */
    long host;        /* the host that observed it */
    const char *process;
};

static int cmp_key(const struct half *x, const struct half *y)
{
    int c = strcmp(x->proto, y->proto);
    if (!c)
        c = memcmp(x->client, y->client, 16);
    if (!c)
        c = memcmp(x->server, y->server, 16);
    if (!c && x->port != y->port)
        c = x->port < y->port ? -1 : 1;
    return c;
}

static int cmp_half(const void *a, const void *b)
{
    const struct half *x = a, *y = b;
    int c = cmp_key(x, y);
    if (!c && x->host != y->host)
        c = x->host < y->host ? -1 : 1;
    return c;
}

/* Address -> host, from the inventory addresses (first) and the local addresses the hosts
 * showed in their observations (only when one host alone showed it). */
struct addr_host {
    unsigned char addr[16];
    long host;
    int prio; /* 0 inventory, 1 observed */
};

static int cmp_addr_host(const void *a, const void *b)
{
    const struct addr_host *x = a, *y = b;
    int c = memcmp(x->addr, y->addr, 16);
    if (!c && x->prio != y->prio)
        c = x->prio - y->prio;
    if (!c && x->host != y->host)
        c = x->host < y->host ? -1 : 1;
    return c;
}

struct addr_map {
    struct addr_host *v;
    size_t n;
};

/* The host holding address a, or -1 (unknown, or claimed by several hosts alike). */
static long host_of(const struct addr_map *m, const unsigned char a[16])
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (memcmp(m->v[mid].addr, a, 16) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == m->n || memcmp(m->v[lo].addr, a, 16) != 0)
        return -1;
    const struct addr_host *first = &m->v[lo];
    for (size_t i = lo + 1; i < m->n && memcmp(m->v[i].addr, a, 16) == 0; i++)
        if (m->v[i].prio == first->prio && m->v[i].host != first->host)
            return -1; /* the same address on two hosts (NAT, a container bridge) */
    return first->host;
}

static int build_addr_map(const struct fs_host_result *hosts, size_t n, struct addr_map *m)
{
    size_t cap = n;
    for (size_t i = 0; i < n; i++)
        cap += hosts[i].flows ? hosts[i].flows->n : 0;
    m->v = NULL;
    m->n = 0;
    if (!cap)
        return FS_OK;
    if (!(m->v = calloc(cap, sizeof *m->v)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *a = hosts[i].host ? hosts[i].host->address : NULL;
        /* an IPv6 scope ("%eth0") is not part of the address */
        if (a && fs_addr_parse(a, strcspn(a, "%"), m->v[m->n].addr)) {
            m->v[m->n].host = (long)i;
            m->v[m->n++].prio = 0;
        }
        for (size_t k = 0; hosts[i].flows && k < hosts[i].flows->n; k++) {
            memcpy(m->v[m->n].addr, hosts[i].flows->v[k].local, 16);
            m->v[m->n].host = (long)i;
            m->v[m->n++].prio = 1;
        }
    }
    qsort(m->v, m->n, sizeof *m->v, cmp_addr_host);
    /* one entry per (address, priority, host) */
    size_t w = 0;
    for (size_t i = 0; i < m->n; i++)
        if (!w || cmp_addr_host(&m->v[w - 1], &m->v[i]) != 0)
            m->v[w++] = m->v[i];
    m->n = w;
    return FS_OK;
}

static int collect_halves(const struct fs_host_result *hosts, size_t n, struct half **out,
                          size_t *nout)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        if (hosts[i].flows && hosts[i].flows->read)
            total += hosts[i].flows->n;
    *out = NULL;
    *nout = 0;
    if (!total)
        return FS_OK;
    struct half *v = calloc(total, sizeof *v);
    if (!v)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const struct fs_host_flows *f = hosts[i].flows;
        for (size_t k = 0; f && f->read && k < f->n; k++) {
            const struct fs_flow_obs *o = &f->v[k];
            struct half *h = &v[(*nout)++];
            memcpy(h->proto, o->proto, sizeof h->proto);
            h->client_side = o->dir == FS_FLOW_OUT;
            memcpy(h->client, h->client_side ? o->local : o->remote, 16);
            memcpy(h->server, h->client_side ? o->remote : o->local, 16);
            h->port = h->client_side ? o->rport : o->lport;
            h->host = (long)i;
            h->process = o->process;
        }
    }
    qsort(v, *nout, sizeof *v, cmp_half);
    *out = v;
    return FS_OK;
}

static void set_process(char *dst, size_t n, const char *src)
{
    if (!dst[0] && src && src[0])
        snprintf(dst, n, "%s", src);
}

/* Joins the sorted halves into flows: one per protocol, client, server and port. */
static int join_flows(struct fs_fleet *f, const struct fleet_hosts *fh, const struct half *v,
                      size_t nv, const struct addr_map *m)
{
    size_t nf = 0;
    for (size_t i = 0; i < nv; i++)
        nf += !i || cmp_key(&v[i - 1], &v[i]) != 0;
    f->flows = nf ? calloc(nf, sizeof *f->flows) : NULL;
    if (nf && !f->flows)
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < nv;) {
        struct fs_flow *x = &f->flows[f->nflows++];
        memcpy(x->proto, v[i].proto, sizeof x->proto);
        memcpy(x->client, v[i].client, 16);
        memcpy(x->server, v[i].server, 16);
        x->server_port = v[i].port;
        x->client_host = x->server_host = -1;
        bool seen_client = false, seen_server = false;
        size_t j = i;
        for (; j < nv && cmp_key(&v[i], &v[j]) == 0; j++) {
            if (v[j].client_side) {
                if (!seen_client)
                    x->client_host = v[j].host;
                seen_client = true;
                set_process(x->client_process, sizeof x->client_process, v[j].process);
            } else {
                if (!seen_server)
                    x->server_host = v[j].host;
                seen_server = true;
                set_process(x->server_process, sizeof x->server_process, v[j].process);
            }
        }
        x->both_ends = seen_client && seen_server;
        if (!seen_client)
            x->client_host = host_of(m, x->client);
        if (!seen_server)
            x->server_host = host_of(m, x->server);
        /* an end's zone is where the model places its address; the host's zone (declared, or
         * by its inventory address) only where the model places that address nowhere */
        x->client_zone = fs_site_zone_of(f->site, x->client);
        if (x->client_zone < 0 && x->client_host >= 0)
            x->client_zone = fh->zone[x->client_host];
        x->server_zone = fs_site_zone_of(f->site, x->server);
        if (x->server_zone < 0 && x->server_host >= 0)
            x->server_zone = fh->zone[x->server_host];
        x->cls = fs_flow_classify_zones(f->site, x->client_zone, x->server_zone, x->proto,
                                        x->server_port, &x->conduit);
        i = j;
    }
    return FS_OK;
}

void fs_fleet_free(struct fs_fleet *f)
{
    if (!f)
        return;
    for (size_t z = 0; f->zones && z < f->site->nzones; z++) {
        free(f->zones[z].result.evidence);
        for (size_t k = 0; k < f->zones[z].nsrs; k++)
            free(f->zones[z].srs[k].sr);
        free(f->zones[z].srs);
    }
    for (size_t c = 0; f->conduits && c < f->site->nconduits; c++)
        free(f->conduits[c].result.evidence);
    free(f->zones);
    free(f->conduits);
    free(f->flows);
    free(f);
}

int fs_fleet_analyse(const struct fs_site *site, const struct fs_host_result *hosts, size_t n,
                     struct fs_fleet **out)
{
    int rc = FS_ERR_NOMEM;
    struct half *halves = NULL;
    size_t nhalves = 0;
    struct addr_map map = {0};
    struct fleet_hosts fh = {0};
    struct fs_fleet *f = calloc(1, sizeof *f);
    *out = NULL;
    if (!f)
        goto out;
    f->site = site;
    f->zones = site->nzones ? calloc(site->nzones, sizeof *f->zones) : NULL;
    f->conduits = site->nconduits ? calloc(site->nconduits, sizeof *f->conduits) : NULL;
    fh.zone = n ? calloc(n, sizeof *fh.zone) : NULL;
    fh.place = n ? calloc(n, sizeof *fh.place) : NULL;
    if ((site->nzones && !f->zones) || (site->nconduits && !f->conduits) ||
        (n && (!fh.zone || !fh.place)))
        goto out;
    for (size_t i = 0; i < n; i++) {
        const struct fs_host *h = hosts[i].host;
        fs_site_membership(site, h ? h->zone : NULL, h ? h->address : NULL, &fh.place[i]);
        fh.zone[i] = fh.place[i].zone;
        if (!fs_host_flows_complete(hosts[i].flows))
            f->hosts_unread++;
        if (fh.zone[i] < 0)
            f->hosts_unzoned++;
    }
    if ((rc = build_addr_map(hosts, n, &map)) || (rc = collect_halves(hosts, n, &halves, &nhalves)))
        goto out;
    if ((rc = join_flows(f, &fh, halves, nhalves, &map)))
        goto out;
    for (size_t i = 0; i < f->nflows; i++) {
        if (f->flows[i].cls == FS_FLOW_CROSS_ZONE || f->flows[i].cls == FS_FLOW_EXTERNAL)
            f->violations++;
        if (f->flows[i].conduit >= 0)
            f->conduits[f->flows[i].conduit].flows++;
    }
    if ((rc = fs_fleet_judge(f, hosts, n, &fh)) || (rc = fs_fleet_rollup(f, hosts, n, &fh)))
        goto out;
    *out = f;
    f = NULL;
    rc = FS_OK;
out:
    fs_fleet_free(f);
    free(halves);
    free(map.v);
    free(fh.zone);
    free(fh.place);
    return rc;
}
