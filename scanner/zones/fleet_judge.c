/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet's verdicts: a zone fails when a violating flow touches it or a host of it is
 * misplaced, errs when a host of it could not be read; a conduit fails when no flow used it. */
#include "fleet_priv.h"

#include "../core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Evidence items joined with "; ", bounded: what does not fit is counted ("and N more"). */
struct items {
    struct fs_buf b;
    size_t more;
    bool nomem;
};

static void items_init(struct items *it)
{
    fs_buf_init(&it->b, FS_EVIDENCE_MAX - 32);
    it->more = 0;
    it->nomem = false;
}

static void items_add(struct items *it, const char *s)
{
    size_t len = it->b.len;
    int rc = len ? fs_buf_adds(&it->b, "; ") : FS_OK;
    if (!rc)
        rc = fs_buf_add_printable(&it->b, s, strlen(s));
    if (rc) {
        /* take the separator back: the buffer keeps whole items only */
        it->b.len = len;
        if (it->b.data)
            it->b.data[len] = '\0';
        it->more++;
        it->nomem |= rc == FS_ERR_NOMEM;
    }
}

/* The evidence (malloc'd) after a lead text; NULL without memory. */
static char *items_done(struct items *it, const char *lead)
{
    struct fs_buf out;
    fs_buf_init(&out, FS_EVIDENCE_MAX + 256);
    int rc = fs_buf_adds(&out, lead);
    if (!rc && it->b.len)
        rc = fs_buf_addf(&out, ": %s", fs_buf_cstr(&it->b));
    if (!rc && it->more)
        rc = fs_buf_addf(&out, " (and %zu more)", it->more);
    fs_buf_dispose(&it->b);
    char *s = rc || it->nomem ? NULL : fs_buf_steal(&out);
    fs_buf_dispose(&out);
    return s;
}

static const char *host_name(const struct fs_host_result *hosts, long i)
{
    return i >= 0 && hosts[i].host && hosts[i].host->name ? hosts[i].host->name : "";
}

void fs_fleet_end_str(const unsigned char a[16], long host, const struct fs_host_result *hosts,
                      char *out, size_t n)
{
    char addr[64];
    fs_addr_str(a, addr, sizeof addr);
    const char *name = host_name(hosts, host);
    bool v6 = strchr(addr, ':') != NULL;
    char shown[72];
    snprintf(shown, sizeof shown, "%s%s%s", v6 ? "[" : "", addr, v6 ? "]" : "");
    if (name[0] && strcmp(name, addr) != 0)
        snprintf(out, n, "%s (%.64s)", shown, name);
    else
        snprintf(out, n, "%s", shown);
}

static const char *zone_name(const struct fs_site *s, long z)
{
    return z >= 0 ? s->zones[z].name : "no zone";
}

/* "tcp 10.30.0.5 (plc-1, psql) -> 10.20.0.7:5432 (postgres) production -> engineering,
 * cross-zone" */
static void flow_str(const struct fs_fleet *f, const struct fs_flow *x,
                     const struct fs_host_result *hosts, char *out, size_t n)
{
    char c[128], s[128], cp[48] = "", sp[48] = "";
    fs_fleet_end_str(x->client, x->client_host, hosts, c, sizeof c);
    fs_fleet_end_str(x->server, x->server_host, hosts, s, sizeof s);
    if (x->client_process[0])
        snprintf(cp, sizeof cp, " [%s]", x->client_process);
    if (x->server_process[0])
        snprintf(sp, sizeof sp, " [%s]", x->server_process);
    snprintf(out, n, "%s %s%s -> %s:%u%s, %.64s -> %.64s, %s%s", x->proto, c, cp, s, x->server_port,
             sp, zone_name(f->site, x->client_zone), zone_name(f->site, x->server_zone),
             fs_flow_class_name(x->cls), x->cls == FS_FLOW_CROSS_ZONE ? " (no conduit)" : "");
}

/* Why a host's flows are unknown, or NULL when they are known in full. */
static const char *unread_why(const struct fs_host_result *h, char *buf, size_t n)
{
    if (h->status != FS_HOST_SCANNED)
        snprintf(buf, n, "not scanned: %s", fs_host_status_name(h->status));
    else if (!h->flows)
        snprintf(buf, n, "its flows were not collected");
    else if (!fs_host_flows_complete(h->flows))
        snprintf(buf, n, "%s", h->flows->error[0] ? h->flows->error : "socket tables not read");
    else
        return NULL;
    return buf;
}

static void misplaced_str(const struct fs_host_result *h, const struct fs_membership *m, char *out,
                          size_t n)
{
    snprintf(out, n, "%.64s: %s", h->host && h->host->name ? h->host->name : "?", m->evidence);
}

static bool violates(const struct fs_flow *x)
{
    return x->cls == FS_FLOW_CROSS_ZONE || x->cls == FS_FLOW_EXTERNAL;
}

static int judge_zone(struct fs_fleet *f, long z, const struct fs_host_result *hosts, size_t n,
                      const struct fleet_hosts *fh)
{
    struct fs_zone_summary *zs = &f->zones[z];
    struct items bad, unread;
    items_init(&bad);
    items_init(&unread);
    size_t nbad = 0, nunread = 0, intra = 0, conduit = 0;
    char item[640], why[200];
    for (size_t i = 0; i < f->nflows; i++) {
        const struct fs_flow *x = &f->flows[i];
        if (x->client_zone != z && x->server_zone != z)
            continue;
        intra += x->cls == FS_FLOW_INTRA_ZONE;
        conduit += x->cls == FS_FLOW_CONDUIT;
        if (violates(x)) {
            flow_str(f, x, hosts, item, sizeof item);
            items_add(&bad, item);
            nbad++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (fh->zone[i] != z)
            continue;
        zs->hosts++;
        if (fh->place[i].state != FS_ZONE_CONSISTENT) {
            zs->hosts_misplaced++;
            misplaced_str(&hosts[i], &fh->place[i], item, sizeof item);
            items_add(&bad, item);
            nbad++;
        }
        if (unread_why(&hosts[i], why, sizeof why)) {
            snprintf(item, sizeof item, "%.64s: %s", host_name(hosts, (long)i), why);
            items_add(&unread, item);
            nunread++;
        }
    }
    char lead[200];
    if (nbad) {
        zs->result.result = FS_RESULT_FAIL;
        snprintf(lead, sizeof lead,
                 "%zu violations (flows without a conduit or leaving every "
                 "zone, misplaced hosts)",
                 nbad);
        zs->result.evidence = items_done(&bad, lead);
        fs_buf_dispose(&unread.b);
    } else if (nunread) {
        zs->result.result = FS_RESULT_ERROR;
        snprintf(lead, sizeof lead, "the flows of %zu of %zu hosts are not known", nunread,
                 zs->hosts);
        zs->result.evidence = items_done(&unread, lead);
        fs_buf_dispose(&bad.b);
    } else {
        zs->result.result = zs->hosts ? FS_RESULT_PASS : FS_RESULT_NOTAPPLICABLE;
        if (zs->hosts)
            snprintf(lead, sizeof lead,
                     "%zu hosts; %zu flows inside the zone, %zu through conduits", zs->hosts, intra,
                     conduit);
        else
            snprintf(lead, sizeof lead, "no scanned host is in this zone");
        fs_buf_dispose(&bad.b);
        fs_buf_dispose(&unread.b);
        zs->result.evidence = strdup(lead);
    }
    return zs->result.evidence ? FS_OK : FS_ERR_NOMEM;
}

static int judge_conduit(struct fs_fleet *f, size_t c, const struct fs_host_result *hosts, size_t n,
                         const struct fleet_hosts *fh)
{
    const struct fs_conduit *cd = &f->site->conduits[c];
    struct fs_conduit_summary *cs = &f->conduits[c];
    struct items it;
    items_init(&it);
    char item[640], why[200], lead[200];
    if (cs->flows) {
        for (size_t i = 0; i < f->nflows; i++) {
            if (f->flows[i].conduit != (long)c)
                continue;
            flow_str(f, &f->flows[i], hosts, item, sizeof item);
            items_add(&it, item);
        }
        cs->result.result = FS_RESULT_PASS;
        snprintf(lead, sizeof lead, "%zu flows", cs->flows);
        cs->result.evidence = items_done(&it, lead);
        return cs->result.evidence ? FS_OK : FS_ERR_NOMEM;
    }
    size_t nunread = 0;
    for (size_t i = 0; i < n; i++) {
        if ((fh->zone[i] != (long)cd->from && fh->zone[i] != (long)cd->to) ||
            !unread_why(&hosts[i], why, sizeof why))
            continue;
        snprintf(item, sizeof item, "%.64s: %s", host_name(hosts, (long)i), why);
        items_add(&it, item);
        nunread++;
    }
    if (nunread) {
        cs->result.result = FS_RESULT_ERROR;
        snprintf(lead, sizeof lead,
                 "no flow observed, and the flows of %zu hosts in its zones are not known",
                 nunread);
        cs->result.evidence = items_done(&it, lead);
    } else {
        cs->result.result = FS_RESULT_FAIL;
        fs_buf_dispose(&it.b);
        cs->result.evidence = strdup("declared but no flow observed during the scan");
    }
    return cs->result.evidence ? FS_OK : FS_ERR_NOMEM;
}

int fs_fleet_judge(struct fs_fleet *f, const struct fs_host_result *hosts, size_t n,
                   const struct fleet_hosts *fh)
{
    int rc = FS_OK;
    for (size_t z = 0; !rc && z < f->site->nzones; z++)
        rc = judge_zone(f, (long)z, hosts, n, fh);
    for (size_t c = 0; !rc && c < f->site->nconduits; c++)
        rc = judge_conduit(f, c, hosts, n, fh);
    return rc;
}
