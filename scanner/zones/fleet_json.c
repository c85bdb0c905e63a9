/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet analysis in results.json ("fleet": zones, conduits, flows, roll-up), with host
 * names rather than indexes. */
#include "fleet_priv.h"

#include <jansson.h>
#include <stdio.h>

static json_t *host_json(const struct fs_host_result *hosts, long i)
{
    return i >= 0 && hosts[i].host && hosts[i].host->name ? json_string(hosts[i].host->name)
                                                          : json_null();
}

static json_t *zone_json(const struct fs_site *s, long z)
{
    return z >= 0 ? json_string(s->zones[z].name) : json_null();
}

static json_t *result_json(const struct fs_fleet_result *r)
{
    return json_string(fs_result_name(r->result));
}

static json_t *zones_json(const struct fs_fleet *f)
{
    json_t *a = json_array();
    for (size_t z = 0; a && z < f->site->nzones; z++) {
        const struct fs_zone_summary *zs = &f->zones[z];
        json_t *srs = json_array();
        for (size_t k = 0; srs && k < zs->nsrs; k++)
            if (json_array_append_new(srs,
                                      json_pack("{s:s, s:s, s:I}", "sr", zs->srs[k].sr, "met",
                                                fs_result_name(zs->srs[k].met), "hosts_failing",
                                                (json_int_t)zs->srs[k].hosts_failing))) {
                json_decref(srs);
                srs = NULL;
            }
        int sl = f->site->zones[z].security_level;
        json_t *o =
            srs ? json_pack("{s:s, s:o, s:I, s:I, s:o, s:o, s:s, s:o}", "name",
                            f->site->zones[z].name, "security_level",
                            sl ? json_integer(sl) : json_null(), "hosts", (json_int_t)zs->hosts,
                            "hosts_misplaced", (json_int_t)zs->hosts_misplaced, "score",
                            zs->has_score ? json_real(zs->score) : json_null(), "result",
                            result_json(&zs->result), "evidence",
                            zs->result.evidence ? zs->result.evidence : "", "srs", srs)
                : NULL;
        if (!o || json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *conduits_json(const struct fs_fleet *f)
{
    json_t *a = json_array();
    for (size_t c = 0; a && c < f->site->nconduits; c++) {
        const struct fs_conduit *cd = &f->site->conduits[c];
        const struct fs_conduit_summary *cs = &f->conduits[c];
        json_t *ports = fs_site_ports_json(cd);
        json_t *o =
            ports ? json_pack("{s:s, s:s, s:o, s:s, s:I, s:o, s:s}", "from",
                              f->site->zones[cd->from].name, "to", f->site->zones[cd->to].name,
                              "ports", ports, "purpose", cd->purpose ? cd->purpose : "", "flows",
                              (json_int_t)cs->flows, "result", result_json(&cs->result), "evidence",
                              cs->result.evidence ? cs->result.evidence : "")
                  : NULL;
        if (!o || json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *flow_json(const struct fs_fleet *f, const struct fs_flow *x,
                         const struct fs_host_result *hosts)
{
    char c[64], s[64];
    fs_addr_str(x->client, c, sizeof c);
    fs_addr_str(x->server, s, sizeof s);
    return json_pack(
        "{s:s, s:s, s:o, s:o, s:s, s:s, s:i, s:o, s:o, s:s, s:s, s:o, s:b}", "proto", x->proto,
        "client", c, "client_zone", zone_json(f->site, x->client_zone), "client_host",
        host_json(hosts, x->client_host), "client_process", x->client_process, "server", s,
        "server_port", (int)x->server_port, "server_zone", zone_json(f->site, x->server_zone),
        "server_host", host_json(hosts, x->server_host), "server_process", x->server_process,
        "class", fs_flow_class_name(x->cls), "conduit",
        x->conduit >= 0 ? json_integer(x->conduit) : json_null(), "both_ends", x->both_ends);
}

json_t *fs_fleet_to_json(const struct fs_fleet *f, const struct fs_host_result *hosts)
{
    json_t *flows = json_array();
    for (size_t i = 0; flows && i < f->nflows; i++)
        if (json_array_append_new(flows, flow_json(f, &f->flows[i], hosts))) {
            json_decref(flows);
            flows = NULL;
        }
    json_t *zones = zones_json(f), *conduits = conduits_json(f);
    if (!flows || !zones || !conduits) {
        json_decref(flows);
        json_decref(zones);
        json_decref(conduits);
        return NULL;
    }
    return json_pack("{s:o, s:o, s:o, s:I, s:I, s:I}", "zones", zones, "conduits", conduits,
                     "flows", flows, "hosts_unread", (json_int_t)f->hosts_unread, "hosts_unzoned",
                     (json_int_t)f->hosts_unzoned, "violations", (json_int_t)f->violations);
}
