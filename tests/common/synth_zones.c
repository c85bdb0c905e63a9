/* SPDX-License-Identifier: Apache-2.0 */
/* A hand-built site model and fleet analysis for report tests (see synth_zones.h). */
#include "synth_zones.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cidr(struct fs_cidr *c, const char *s)
{
    if (!fs_cidr_parse(s, strlen(s), c))
        abort();
}

static void addr(unsigned char out[16], const char *s)
{
    if (!fs_addr_parse(s, strlen(s), out))
        abort();
}

static void zone(struct fs_zone *z, const char *name, int sl, const char *const *nets, size_t n)
{
    z->name = strdup(name);
    z->security_level = sl;
    z->nets = calloc(n, sizeof *z->nets);
    z->nnets = n;
    for (size_t i = 0; i < n; i++)
        cidr(&z->nets[i], nets[i]);
}

static void conduit(struct fs_conduit *c, size_t from, size_t to, const char *purpose,
                    const struct fs_port_range *ports, size_t n)
{
    c->from = from;
    c->to = to;
    c->purpose = strdup(purpose);
    c->ports = calloc(n, sizeof *c->ports);
    c->nports = n;
    memcpy(c->ports, ports, n * sizeof *ports);
}

static void flow(struct fs_flow *f, const char *proto, const char *client, long ch, long cz,
                 const char *cproc, const char *server, long sh, long sz, unsigned port,
                 const char *sproc, enum fs_flow_class cls, long cd)
{
    snprintf(f->proto, sizeof f->proto, "%s", proto);
    addr(f->client, client);
    addr(f->server, server);
    f->client_host = ch;
    f->server_host = sh;
    f->client_zone = cz;
    f->server_zone = sz;
    f->server_port = port;
    snprintf(f->client_process, sizeof f->client_process, "%s", cproc);
    snprintf(f->server_process, sizeof f->server_process, "%s", sproc);
    f->cls = cls;
    f->conduit = cd;
    f->both_ends = ch >= 0 && sh >= 0;
}

static void sr(struct fs_zone_summary *z, const char *name, enum fs_result met, unsigned failing)
{
    struct fs_sr_rollup *x = &z->srs[z->nsrs++];
    x->sr = strdup(name);
    x->met = met;
    x->hosts_failing = failing;
}

static void result(struct fs_fleet_result *r, enum fs_result v, const char *evidence)
{
    r->result = v;
    r->evidence = strdup(evidence);
}

struct synth_zones *synth_zones_new(bool hostile, size_t extra)
{
    struct synth_zones *z = calloc(1, sizeof *z);
    if (!z)
        return NULL;
    struct fs_site *s = &z->site;
    s->path = strdup(hostile ? "site\"<b>\\.yml" : "site.yml");
    snprintf(s->sha256, sizeof s->sha256, "%064d", 7);
    s->zones = calloc(3, sizeof *s->zones);
    s->nzones = 3;
    static const char *const eng[] = {"10.20.0.0/24"};
    static const char *const prod[] = {"10.30.0.0/24", "10.31.0.0/24", "10.32.0.0/24"};
    static const char *const lab[] = {"10.40.0.0/24"};
    zone(&s->zones[0], "engineering", 2, eng, 1);
    zone(&s->zones[1], "production", 3, prod, 3);
    zone(&s->zones[2], hostile ? SYNTH_HOSTILE_ZONE : "test-lab", 0, lab, 1);
    s->conduits = calloc(3, sizeof *s->conduits);
    s->nconduits = 3;
    static const struct fs_port_range ssh[] = {{"tcp", 22, 22}};
    static const struct fs_port_range logs[] = {{"udp", 514, 514}, {"tcp", 6514, 6514}};
    static const struct fs_port_range web[] = {{"tcp", 8000, 8080}};
    conduit(&s->conduits[0], 0, 1, "deployment", ssh, 1);
    conduit(&s->conduits[1], 1, 0, "logging", logs, 2);
    conduit(&s->conduits[2], 2, 1, hostile ? SYNTH_HOSTILE_PURPOSE : "test results", web, 1);

    struct fs_fleet *f = &z->fleet;
    f->site = s;
    f->flows = calloc(14 + extra, sizeof *f->flows);
    struct fs_flow *v = f->flows;
    size_t n = 0;
    const char *proc = hostile ? SYNTH_HOSTILE_PROCESS : "psql";
    flow(&v[n++], "tcp", "10.20.0.11", 0, 0, "ssh", "10.20.0.12", -1, 0, 22, "sshd",
         FS_FLOW_INTRA_ZONE, -1);
    flow(&v[n++], "tcp", "10.20.0.11", 0, 0, "ansible", "10.30.0.21", 1, 1, 22, "sshd",
         FS_FLOW_CONDUIT, 0);
    flow(&v[n++], "tcp", "10.20.0.12", -1, 0, "ssh", "10.30.0.21", 1, 1, 22, "sshd",
         FS_FLOW_CONDUIT, 0);
    flow(&v[n++], "udp", "10.30.0.21", 1, 1, "rsyslogd", "10.20.0.12", -1, 0, 514, "",
         FS_FLOW_CONDUIT, 1);
    static const unsigned cross[] = {5432, 5433, 5434, 5435, 80};
    for (size_t i = 0; i < sizeof cross / sizeof cross[0]; i++)
        flow(&v[n++], "tcp", "10.40.0.31", 2, 2, proc, "10.30.0.21", 1, 1, cross[i], "postgres",
             FS_FLOW_CROSS_ZONE, -1);
    flow(&v[n++], "tcp", "10.30.0.21", 1, 1, "prometheus", "10.40.0.31", 2, 2, 9100,
         "node_exporter", FS_FLOW_CROSS_ZONE, -1);
    flow(&v[n++], "udp", "10.30.0.21", 1, 1, "systemd-resolve", "8.8.8.8", -1, -1, 53, "",
         FS_FLOW_EXTERNAL, -1);
    flow(&v[n++], "tcp", "203.0.113.5", -1, -1, "", "10.20.0.11", 0, 0, 22, "sshd",
         FS_FLOW_EXTERNAL, -1);
    for (size_t i = 0; i < extra; i++)
        flow(&v[n++], "tcp", "10.40.0.31", 2, 2, "loadgen", "10.30.0.21", 1, 1, 6000, "",
             FS_FLOW_CROSS_ZONE, -1);
    f->nflows = n;
    f->violations = n - 4;

    f->zones = calloc(3, sizeof *f->zones);
    for (size_t i = 0; i < 3; i++)
        f->zones[i].srs = calloc(4, sizeof *f->zones[i].srs);
    f->zones[0].hosts = 2;
    f->zones[0].has_score = true;
    f->zones[0].score = 91.5;
    result(&f->zones[0].result, FS_RESULT_FAIL,
           "external: 203.0.113.5 -> 10.20.0.11 (host-000, sshd) tcp/22");
    sr(&f->zones[0], "SR 5.1", FS_RESULT_PASS, 0);
    sr(&f->zones[0], "SR 1.13", FS_RESULT_FAIL, 1);
    sr(&f->zones[0], "SR 1.1", FS_RESULT_PASS, 0);
    f->zones[1].hosts = 3;
    f->zones[1].hosts_misplaced = 1;
    f->zones[1].has_score = true;
    f->zones[1].score = 64.0;
    result(&f->zones[1].result, FS_RESULT_FAIL,
           hostile ? "cross-zone: 10.40.0.31 (" SYNTH_HOSTILE_PROCESS ") -> 10.30.0.21 tcp/5432"
                   : "cross-zone: 10.40.0.31 (psql) -> 10.30.0.21 (postgres) tcp/5432");
    sr(&f->zones[1], "SR 5.1", FS_RESULT_FAIL, 2);
    sr(&f->zones[1], "SR 2.8", FS_RESULT_ERROR, 0);
    f->zones[2].hosts = 1;
    result(&f->zones[2].result, FS_RESULT_ERROR, "host-002: the socket tables could not be read");
    sr(&f->zones[2], "SR 5.1", FS_RESULT_NOTAPPLICABLE, 0);
    sr(&f->zones[2], "SR 1.1", FS_RESULT_NOTCHECKED, 0);
    f->hosts_unread = 1;

    f->conduits = calloc(3, sizeof *f->conduits);
    f->conduits[0].flows = 2;
    result(&f->conduits[0].result, FS_RESULT_PASS,
           "2 flows, e.g. 10.20.0.11 (ansible) -> "
           "10.30.0.21 (sshd) tcp/22");
    f->conduits[1].flows = 1;
    result(&f->conduits[1].result, FS_RESULT_PASS,
           "1 flow: 10.30.0.21 (rsyslogd) -> "
           "10.20.0.12 udp/514");
    result(&f->conduits[2].result, FS_RESULT_FAIL, "declared but never used in this scan");
    return z;
}

void synth_zones_attach(struct synth_zones *z, struct fs_report *r)
{
    r->site = &z->site;
    r->fleet = &z->fleet;
}

void synth_zones_free(struct synth_zones *z)
{
    if (!z)
        return;
    for (size_t i = 0; i < z->site.nzones; i++) {
        free(z->site.zones[i].name);
        free(z->site.zones[i].nets);
    }
    for (size_t i = 0; i < z->site.nconduits; i++) {
        free(z->site.conduits[i].purpose);
        free(z->site.conduits[i].ports);
    }
    free(z->site.zones);
    free(z->site.conduits);
    free(z->site.path);
    for (size_t i = 0; z->fleet.zones && i < z->site.nzones; i++) {
        for (size_t k = 0; k < z->fleet.zones[i].nsrs; k++)
            free(z->fleet.zones[i].srs[k].sr);
        free(z->fleet.zones[i].srs);
        free(z->fleet.zones[i].result.evidence);
    }
    for (size_t i = 0; z->fleet.conduits && i < z->site.nconduits; i++)
        free(z->fleet.conduits[i].result.evidence);
    free(z->fleet.zones);
    free(z->fleet.conduits);
    free(z->fleet.flows);
    free(z);
}
