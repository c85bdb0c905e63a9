/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet analysis: a flow seen from both ends is one flow, one seen from one end, an
 * unscanned peer, misplaced and unread hosts, used and unused conduits, the IEC 62443-3-3
 * roll-up per zone, and the fleet's JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/collect/facts.h"
#include "scanner/core/err.h"
#include "scanner/zones/fleet.h"
#include "tests/unit/zones_site.h"

static struct fs_flow_obs obs(const char *proto, const char *local, unsigned lport,
                              const char *remote, unsigned rport, enum fs_flow_dir dir,
                              const char *process)
{
    struct fs_flow_obs o = {.lport = lport, .rport = rport, .dir = dir};
    snprintf(o.proto, sizeof o.proto, "%s", proto);
    snprintf(o.process, sizeof o.process, "%s", process);
    assert_true(fs_addr_parse(local, strlen(local), o.local));
    assert_true(fs_addr_parse(remote, strlen(remote), o.remote));
    return o;
}

/* The benchmark's rules: IEC 62443-3-3 references, and one that cites only NIST. */
static struct fs_ref refs[] = {
    {"IEC 62443-3-3", "SR 5.1"}, {"IEC 62443-3-3", "SR 5.1"}, {"IEC 62443-3-3", "SR 1.13"},
    {"IEC 62443-3-3", "SR 2.8"}, {"IEC 62443-3-3", "SR 7.7"}, {"NIST SP 800-53", "SC-7"},
    {"IEC 62443-3-3", "SR 1.6"},
};
static struct fs_rule rules[] = {
    {.xccdf_id = "r1", .refs = &refs[0], .nrefs = 1}, /* SR 5.1 */
    {.xccdf_id = "r2", .refs = &refs[1], .nrefs = 2}, /* SR 5.1, SR 1.13 */
    {.xccdf_id = "r3", .refs = &refs[3], .nrefs = 1}, /* SR 2.8 */
    {.xccdf_id = "r4", .refs = &refs[4], .nrefs = 1}, /* SR 7.7, manual */
    {.xccdf_id = "r5", .refs = &refs[5], .nrefs = 1}, /* NIST only */
    {.xccdf_id = "r6", .refs = &refs[6], .nrefs = 1}, /* SR 1.6 */
};
#define NRULES (sizeof rules / sizeof rules[0])

struct host {
    struct fs_host h;
    struct fs_host_flows flows;
    struct fs_flow_obs obs[4];
    struct fs_rule_result results[NRULES];
};

/* A scanned host; results in rule order, "ppfn.." as pass, fail, error (e), notapplicable
 * (n), notchecked (m). */
static void host(struct host *x, struct fs_host_result *r, const char *name, const char *address,
                 const char *zone, const char *results, double score)
{
    memset(x, 0, sizeof *x);
    memset(r, 0, sizeof *r);
    x->h.name = (char *)name;
    x->h.address = (char *)address;
    x->h.zone = (char *)zone;
    x->flows.read = true;
    x->flows.v = x->obs;
    r->host = &x->h;
    r->status = FS_HOST_SCANNED;
    r->evaluated = true;
    r->flows = &x->flows;
    r->results = x->results;
    for (size_t i = 0; results && results[i] && i < NRULES; i++) {
        static const char codes[] = "pfe?nm";
        static const enum fs_result map[] = {FS_RESULT_PASS,          FS_RESULT_FAIL,
                                             FS_RESULT_ERROR,         FS_RESULT_UNKNOWN,
                                             FS_RESULT_NOTAPPLICABLE, FS_RESULT_NOTCHECKED};
        x->results[i].rule = &rules[i];
        x->results[i].result = map[strchr(codes, results[i]) - codes];
        r->nresults++;
    }
    r->score.has_score = score >= 0;
    r->score.score = score;
}

static void add(struct host *x, struct fs_flow_obs o)
{
    x->obs[x->flows.n++] = o;
}

static const struct fs_flow *flow_to(const struct fs_fleet *f, const char *server, unsigned port,
                                     const char *client)
{
    for (size_t i = 0; i < f->nflows; i++) {
        char s[64], c[64];
        fs_addr_str(f->flows[i].server, s, sizeof s);
        fs_addr_str(f->flows[i].client, c, sizeof c);
        if (strcmp(s, server) == 0 && f->flows[i].server_port == port && strcmp(c, client) == 0)
            return &f->flows[i];
    }
    fail_msg("no flow %s -> %s:%u", client, server, port);
    return NULL;
}

static void has(const char *evidence, const char *want)
{
    if (!evidence || !strstr(evidence, want))
        fail_msg("evidence '%s' lacks '%s'", evidence ? evidence : "(null)", want);
}

enum { H_ENG, H_PLC1, H_PLC2, H_LAB, H_HMI, NHOSTS };

/* eng-ws (engineering, known by its name only) opens ssh to plc-1 (both ends seen); plc-1
 * also shows an ssh session from eng-ws that eng-ws no longer has, a psql to an unscanned
 * engineering server (no conduit) and an https to the internet; plc-2 declares production
 * from an engineering address; lab-1's tables need root; hmi-9 was unreachable. */
static void fleet(struct host *x, struct fs_host_result *r)
{
    host(&x[H_ENG], &r[H_ENG], "eng-ws", "eng-ws.plant", "engineering", "pfnmpp", 80);
    add(&x[H_ENG], obs("tcp", "10.20.0.7", 40000, "10.30.0.5", 22, FS_FLOW_OUT, "ssh"));
    host(&x[H_PLC1], &r[H_PLC1], "plc-1", "10.30.0.5", "production", "ppemfp", 60);
    add(&x[H_PLC1], obs("tcp", "10.30.0.5", 22, "10.20.0.7", 40000, FS_FLOW_IN, "sshd"));
    add(&x[H_PLC1], obs("tcp", "10.30.0.5", 22, "10.20.0.7", 40001, FS_FLOW_IN, "sshd"));
    add(&x[H_PLC1], obs("tcp", "10.30.0.5", 41000, "10.20.0.9", 5432, FS_FLOW_OUT, "psql"));
    add(&x[H_PLC1], obs("tcp", "10.30.0.5", 41001, "8.8.8.8", 443, FS_FLOW_OUT, "curl"));
    host(&x[H_PLC2], &r[H_PLC2], "plc-2", "10.20.0.50", "production", "ppnnpp", 100);
    host(&x[H_LAB], &r[H_LAB], "lab-1", "10.40.0.3", NULL, "pppppp", 90);
    x[H_LAB].flows.read = false;
    snprintf(x[H_LAB].flows.error, sizeof x[H_LAB].flows.error, "fact net_listen needs root");
    host(&x[H_HMI], &r[H_HMI], "hmi-9", "10.30.0.77", "production", NULL, -1);
    r[H_HMI].status = FS_HOST_UNREACHABLE;
    r[H_HMI].evaluated = false;
    r[H_HMI].flows = NULL;
}

static void flows_joined(void **state)
{
    (void)state;
    struct fs_site *site = test_site_load();
    struct host x[NHOSTS];
    struct fs_host_result r[NHOSTS];
    fleet(x, r);
    struct fs_fleet *f;
    assert_int_equal(fs_fleet_analyse(site, r, NHOSTS, &f), FS_OK);
    /* ssh seen from both ends is one flow; the second session is one flow (other client
     * port, same client, server and port); psql; https */
    assert_int_equal(f->nflows, 3);
    const struct fs_flow *ssh = flow_to(f, "10.30.0.5", 22, "10.20.0.7");
    assert_true(ssh->both_ends);
    assert_int_equal(ssh->client_host, H_ENG);
    assert_int_equal(ssh->server_host, H_PLC1);
    assert_string_equal(ssh->client_process, "ssh");
    assert_string_equal(ssh->server_process, "sshd");
    assert_int_equal(ssh->cls, FS_FLOW_CONDUIT);
    assert_int_equal(ssh->conduit, 0);
    assert_int_equal(ssh->client_zone, ZONE_ENG);
    assert_int_equal(ssh->server_zone, ZONE_PROD);
    /* seen from one end, to a peer nobody scanned: its zone from its address */
    const struct fs_flow *psql = flow_to(f, "10.20.0.9", 5432, "10.30.0.5");
    assert_false(psql->both_ends);
    assert_int_equal(psql->client_host, H_PLC1);
    assert_int_equal(psql->server_host, -1);
    assert_int_equal(psql->server_zone, ZONE_ENG);
    assert_string_equal(psql->server_process, "");
    assert_int_equal(psql->cls, FS_FLOW_CROSS_ZONE);
    assert_int_equal(psql->conduit, -1);
    const struct fs_flow *web = flow_to(f, "8.8.8.8", 443, "10.30.0.5");
    assert_int_equal(web->cls, FS_FLOW_EXTERNAL);
    assert_int_equal(web->server_zone, -1);
    assert_int_equal(f->violations, 2);
    assert_int_equal(f->hosts_unread, 2); /* lab-1 (needs root), hmi-9 (unreachable) */
    assert_int_equal(f->hosts_unzoned, 0);
    fs_fleet_free(f);
    fs_site_free(site);
}

static void parse_into(struct host *x, const char *table)
{
    struct fs_facts facts;
    fs_facts_init(&facts);
    assert_int_equal(fs_facts_put(&facts, "net_listen", table, strlen(table), 0, FS_FACT_OK), 0);
    assert_int_equal(fs_host_flows_from_fact(fs_facts_get(&facts, "net_listen"), &x->flows), FS_OK);
    fs_facts_dispose(&facts);
}

/* From the socket tables as two devices print them to one flow: eng-ws's ssh client on an
 * ephemeral port, plc-1's sshd on its listening port. */
static void both_ends_from_tables(void **state)
{
    (void)state;
    struct fs_site *site = test_site_load();
    struct host x[2];
    struct fs_host_result r[2];
    host(&x[0], &r[0], "eng-ws", "10.20.0.7", NULL, NULL, -1);
    parse_into(&x[0], "# tcp\n   0: 0700140A:9C40 05001E0A:0016 01 0 0 0 0 0 31\n"
                      "# owner\nowner 31 5000 ssh\n");
    host(&x[1], &r[1], "plc-1", "10.30.0.5", NULL, NULL, -1);
    parse_into(&x[1], "# tcp\n   0: 00000000:0016 00000000:0000 0A 0\n"
                      "   1: 05001E0A:0016 0700140A:9C40 01 0 0 0 0 0 41\n"
                      "# owner\nowner 41 700 sshd\n");
    struct fs_fleet *f;
    assert_int_equal(fs_fleet_analyse(site, r, 2, &f), FS_OK);
    assert_int_equal(f->nflows, 1);
    assert_true(f->flows[0].both_ends);
    assert_int_equal(f->flows[0].client_host, 0);
    assert_int_equal(f->flows[0].server_host, 1);
    assert_int_equal(f->flows[0].server_port, 22);
    assert_string_equal(f->flows[0].client_process, "ssh");
    assert_string_equal(f->flows[0].server_process, "sshd");
    assert_int_equal(f->flows[0].cls, FS_FLOW_CONDUIT);
    assert_int_equal(f->hosts_unread, 0);
    fs_fleet_free(f);
    fs_host_flows_dispose(&x[0].flows);
    fs_host_flows_dispose(&x[1].flows);
    fs_site_free(site);
}

static void one_end_host_by_observed_address(void **state)
{
    (void)state;
    struct fs_site *site = test_site_load();
    struct host x[2];
    struct fs_host_result r[2];
    /* eng-ws's inventory address is a name: the address it showed identifies it */
    host(&x[0], &r[0], "eng-ws", "eng-ws.plant", "engineering", NULL, -1);
    add(&x[0], obs("tcp", "10.20.0.7", 50000, "10.20.0.8", 80, FS_FLOW_OUT, "curl"));
    host(&x[1], &r[1], "plc-1", "10.30.0.5", "production", NULL, -1);
    add(&x[1], obs("tcp", "10.30.0.5", 22, "10.20.0.7", 40001, FS_FLOW_IN, "sshd"));
    struct fs_fleet *f;
    assert_int_equal(fs_fleet_analyse(site, r, 2, &f), FS_OK);
    const struct fs_flow *ssh = flow_to(f, "10.30.0.5", 22, "10.20.0.7");
    assert_false(ssh->both_ends);
    assert_int_equal(ssh->client_host, 0);
    assert_int_equal(ssh->server_host, 1);
    assert_string_equal(ssh->client_process, "");
    assert_int_equal(ssh->cls, FS_FLOW_CONDUIT);
    fs_fleet_free(f);
    /* an address two hosts showed (a container bridge) identifies neither */
    add(&x[1], obs("tcp", "10.20.0.7", 50001, "10.20.0.8", 80, FS_FLOW_OUT, "curl"));
    assert_int_equal(fs_fleet_analyse(site, r, 2, &f), FS_OK);
    assert_int_equal(flow_to(f, "10.30.0.5", 22, "10.20.0.7")->client_host, -1);
    fs_fleet_free(f);
    fs_site_free(site);
}

static void zone_and_conduit_verdicts(void **state)
{
    (void)state;
    struct fs_site *site = test_site_load();
    struct host x[NHOSTS];
    struct fs_host_result r[NHOSTS];
    fleet(x, r);
    struct fs_fleet *f;
    assert_int_equal(fs_fleet_analyse(site, r, NHOSTS, &f), FS_OK);
    /* engineering: the psql flow ends in it without a conduit */
    const struct fs_zone_summary *eng = &f->zones[ZONE_ENG];
    assert_int_equal(eng->hosts, 1);
    assert_int_equal(eng->result.result, FS_RESULT_FAIL);
    has(eng->result.evidence, "tcp 10.30.0.5 (plc-1) [psql] -> 10.20.0.9:5432, production -> "
                              "engineering, cross-zone (no conduit)");
    /* production: both violations, and plc-2 whose address is engineering's */
    const struct fs_zone_summary *prod = &f->zones[ZONE_PROD];
    assert_int_equal(prod->hosts, 3);
    assert_int_equal(prod->hosts_misplaced, 1);
    assert_int_equal(prod->result.result, FS_RESULT_FAIL);
    has(prod->result.evidence, "3 violations");
    has(prod->result.evidence, "8.8.8.8:443, production -> no zone, external");
    has(prod->result.evidence,
        "plc-2: address 10.20.0.50 is in zone engineering but the inventory declares zone "
        "production");
    /* test-lab: its one host could not be read, and nothing fails it: error, never pass */
    const struct fs_zone_summary *lab = &f->zones[ZONE_LAB];
    assert_int_equal(lab->hosts, 1);
    assert_int_equal(lab->result.result, FS_RESULT_ERROR);
    has(lab->result.evidence, "lab-1: fact net_listen needs root");
    /* deployment was used; logging and hmi were not, but hmi-9 (production) was not read */
    assert_int_equal(f->conduits[0].flows, 1); /* both ssh sessions: one flow */
    assert_int_equal(f->conduits[0].result.result, FS_RESULT_PASS);
    has(f->conduits[0].result.evidence, "1 flows: tcp 10.20.0.7 (eng-ws) [ssh] -> 10.30.0.5 "
                                        "(plc-1):22 [sshd]");
    assert_int_equal(f->conduits[1].result.result, FS_RESULT_ERROR);
    has(f->conduits[1].result.evidence, "hmi-9: not scanned: unreachable");
    fs_fleet_free(f);

    /* every host read, nothing misplaced: zones pass, unused conduits fail */
    assert_int_equal(fs_fleet_analyse(site, r, 2, &f), FS_OK);
    assert_int_equal(f->zones[ZONE_ENG].result.result, FS_RESULT_FAIL); /* psql */
    fs_fleet_free(f);
    r[H_PLC1].flows->n = 2; /* the ssh sessions only */
    assert_int_equal(fs_fleet_analyse(site, r, 2, &f), FS_OK);
    assert_int_equal(f->violations, 0);
    assert_int_equal(f->zones[ZONE_ENG].result.result, FS_RESULT_PASS);
    has(f->zones[ZONE_ENG].result.evidence, "1 hosts; 0 flows inside the zone, 1 through "
                                            "conduits");
    assert_int_equal(f->zones[ZONE_PROD].result.result, FS_RESULT_PASS);
    assert_int_equal(f->zones[ZONE_LAB].result.result, FS_RESULT_NOTAPPLICABLE);
    assert_int_equal(f->conduits[0].result.result, FS_RESULT_PASS);
    assert_int_equal(f->conduits[1].result.result, FS_RESULT_FAIL);
    has(f->conduits[1].result.evidence, "declared but no flow observed during the scan");
    assert_int_equal(f->conduits[2].result.result, FS_RESULT_FAIL);
    fs_fleet_free(f);
    /* a host cut at the bound counts as unread: its zone cannot pass */
    r[H_PLC1].flows->cut = 3;
    snprintf(r[H_PLC1].flows->error, sizeof r[H_PLC1].flows->error, "3 connections past");
    assert_int_equal(fs_fleet_analyse(site, r, 2, &f), FS_OK);
    assert_int_equal(f->hosts_unread, 1);
    assert_int_equal(f->zones[ZONE_PROD].result.result, FS_RESULT_ERROR);
    has(f->zones[ZONE_PROD].result.evidence, "plc-1: 3 connections past");
    fs_fleet_free(f);
    fs_site_free(site);
}

static void unzoned_host(void **state)
{
    (void)state;
    struct fs_site *site = test_site_load();
    struct host x[2];
    struct fs_host_result r[2];
    host(&x[0], &r[0], "stray", "192.168.7.7", NULL, NULL, -1);
    add(&x[0], obs("tcp", "192.168.7.7", 40000, "10.30.0.5", 22, FS_FLOW_OUT, "ssh"));
    host(&x[1], &r[1], "plc-1", "10.30.0.5", NULL, NULL, -1);
    add(&x[1], obs("tcp", "10.30.0.5", 22, "192.168.7.7", 40000, FS_FLOW_IN, "sshd"));
    struct fs_fleet *f;
    assert_int_equal(fs_fleet_analyse(site, r, 2, &f), FS_OK);
    assert_int_equal(f->hosts_unzoned, 1);
    assert_int_equal(f->nflows, 1);
    assert_true(f->flows[0].both_ends);
    assert_int_equal(f->flows[0].cls, FS_FLOW_EXTERNAL);
    assert_int_equal(f->zones[ZONE_PROD].hosts, 1); /* by its address */
    assert_int_equal(f->zones[ZONE_PROD].result.result, FS_RESULT_FAIL);
    has(f->zones[ZONE_PROD].result.evidence, "192.168.7.7 (stray) [ssh] -> 10.30.0.5 (plc-1):22");
    fs_fleet_free(f);
    fs_site_free(site);
}

static const struct fs_sr_rollup *sr(const struct fs_zone_summary *z, const char *name)
{
    for (size_t i = 0; i < z->nsrs; i++)
        if (strcmp(z->srs[i].sr, name) == 0)
            return &z->srs[i];
    fail_msg("no %s", name);
    return NULL;
}

static void rollup(void **state)
{
    (void)state;
    struct fs_site *site = test_site_load();
    struct host x[NHOSTS];
    struct fs_host_result r[NHOSTS];
    fleet(x, r);
    struct fs_fleet *f;
    assert_int_equal(fs_fleet_analyse(site, r, NHOSTS, &f), FS_OK);
    /* every SR the rules cite, in numeric order; NIST's SC-7 is not one */
    const struct fs_zone_summary *eng = &f->zones[ZONE_ENG];
    assert_int_equal(eng->nsrs, 5);
    static const char *const order[] = {"SR 1.6", "SR 1.13", "SR 2.8", "SR 5.1", "SR 7.7"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(eng->srs[i].sr, order[i]);
    /* eng-ws: r1 pass, r2 fail (SR 5.1, SR 1.13), r3 notapplicable, r4 notchecked, r6 pass */
    assert_int_equal(sr(eng, "SR 5.1")->met, FS_RESULT_FAIL);
    assert_int_equal(sr(eng, "SR 5.1")->hosts_failing, 1);
    assert_int_equal(sr(eng, "SR 1.13")->met, FS_RESULT_FAIL);
    assert_int_equal(sr(eng, "SR 2.8")->met, FS_RESULT_NOTAPPLICABLE);
    assert_int_equal(sr(eng, "SR 7.7")->met, FS_RESULT_NOTCHECKED);
    assert_int_equal(sr(eng, "SR 1.6")->met, FS_RESULT_PASS);
    assert_true(eng->has_score);
    assert_true(eng->score == 80);
    /* production: plc-1 errs on r3 (SR 2.8) and fails r5 (NIST only); plc-2 passes; hmi-9
     * was not scanned: nothing that fails, so error where a pass would otherwise be */
    const struct fs_zone_summary *prod = &f->zones[ZONE_PROD];
    assert_int_equal(sr(prod, "SR 5.1")->met, FS_RESULT_ERROR);
    assert_int_equal(sr(prod, "SR 2.8")->met, FS_RESULT_ERROR);
    assert_int_equal(sr(prod, "SR 2.8")->hosts_failing, 0);
    assert_true(prod->score == 80); /* mean of 60 and 100; hmi-9 has no score */
    /* a failure on any host counts that host, whatever the others show */
    r[H_PLC2].results[0].result = FS_RESULT_FAIL;
    r[H_PLC1].results[1].result = FS_RESULT_FAIL;
    fs_fleet_free(f);
    assert_int_equal(fs_fleet_analyse(site, r, NHOSTS, &f), FS_OK);
    prod = &f->zones[ZONE_PROD];
    assert_int_equal(sr(prod, "SR 5.1")->met, FS_RESULT_FAIL);
    assert_int_equal(sr(prod, "SR 5.1")->hosts_failing, 2);
    assert_int_equal(sr(prod, "SR 1.13")->hosts_failing, 1);
    fs_fleet_free(f);
    /* without hmi-9, production's SR 1.6 passes on both scanned hosts */
    struct fs_host_result two[2] = {r[H_PLC1], r[H_PLC2]};
    assert_int_equal(fs_fleet_analyse(site, two, 2, &f), FS_OK);
    assert_int_equal(sr(&f->zones[ZONE_PROD], "SR 1.6")->met, FS_RESULT_PASS);
    assert_int_equal(sr(&f->zones[ZONE_PROD], "SR 2.8")->met, FS_RESULT_ERROR);
    /* a zone without hosts: nothing applies */
    assert_int_equal(sr(&f->zones[ZONE_LAB], "SR 1.6")->met, FS_RESULT_NOTAPPLICABLE);
    assert_false(f->zones[ZONE_LAB].has_score);
    fs_fleet_free(f);
    fs_site_free(site);
}

static void fleet_json(void **state)
{
    (void)state;
    struct fs_site *site = test_site_load();
    struct host x[NHOSTS];
    struct fs_host_result r[NHOSTS];
    fleet(x, r);
    struct fs_fleet *f;
    assert_int_equal(fs_fleet_analyse(site, r, NHOSTS, &f), FS_OK);
    json_t *j = fs_fleet_to_json(f, r);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "violations")), 2);
    assert_int_equal(json_integer_value(json_object_get(j, "hosts_unread")), 2);
    json_t *prod = json_array_get(json_object_get(j, "zones"), ZONE_PROD);
    assert_string_equal(json_string_value(json_object_get(prod, "name")), "production");
    assert_int_equal(json_integer_value(json_object_get(prod, "security_level")), 3);
    assert_int_equal(json_integer_value(json_object_get(prod, "hosts")), 3);
    assert_int_equal(json_integer_value(json_object_get(prod, "hosts_misplaced")), 1);
    assert_string_equal(json_string_value(json_object_get(prod, "result")), "fail");
    assert_true(json_real_value(json_object_get(prod, "score")) == 80);
    json_t *sr0 = json_array_get(json_object_get(prod, "srs"), 0);
    assert_string_equal(json_string_value(json_object_get(sr0, "sr")), "SR 1.6");
    assert_string_equal(json_string_value(json_object_get(sr0, "met")), "error");
    json_t *c1 = json_array_get(json_object_get(j, "conduits"), 1);
    assert_string_equal(json_string_value(json_object_get(c1, "from")), "production");
    assert_string_equal(json_string_value(json_object_get(c1, "to")), "engineering");
    assert_string_equal(json_string_value(json_array_get(json_object_get(c1, "ports"), 1)),
                        "tcp/6514");
    json_t *c2 = json_array_get(json_object_get(j, "conduits"), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(c2, "ports"), 0)),
                        "tcp/8000-8080");
    assert_string_equal(json_string_value(json_object_get(c1, "purpose")), "logging");
    /* flows name hosts, not indexes; an unscanned end is null */
    bool seen_ssh = false, seen_psql = false;
    size_t i;
    json_t *fl;
    json_array_foreach(json_object_get(j, "flows"), i, fl)
    {
        const char *server = json_string_value(json_object_get(fl, "server"));
        if (strcmp(server, "10.30.0.5") == 0) {
            seen_ssh = true;
            assert_string_equal(json_string_value(json_object_get(fl, "client_host")), "eng-ws");
            assert_string_equal(json_string_value(json_object_get(fl, "server_host")), "plc-1");
            assert_true(json_is_true(json_object_get(fl, "both_ends")));
            assert_string_equal(json_string_value(json_object_get(fl, "class")), "conduit");
            assert_int_equal(json_integer_value(json_object_get(fl, "conduit")), 0);
        } else if (strcmp(server, "10.20.0.9") == 0) {
            seen_psql = true;
            assert_true(json_is_null(json_object_get(fl, "server_host")));
            assert_string_equal(json_string_value(json_object_get(fl, "server_zone")),
                                "engineering");
            assert_string_equal(json_string_value(json_object_get(fl, "client_process")), "psql");
            assert_string_equal(json_string_value(json_object_get(fl, "class")), "cross-zone");
            assert_true(json_is_null(json_object_get(fl, "conduit")));
            assert_int_equal(json_integer_value(json_object_get(fl, "server_port")), 5432);
        }
    }
    assert_true(seen_ssh && seen_psql);
    json_decref(j);
    fs_fleet_free(f);
    fs_site_free(site);
}

static void bounded_evidence(void **state)
{
    (void)state;
    struct fs_site *site = test_site_load();
    enum { N = 200 };
    struct host *x = calloc(N, sizeof *x);
    struct fs_host_result *r = calloc(N, sizeof *r);
    char(*names)[16] = calloc(N, sizeof *names), (*addrs)[16] = calloc(N, sizeof *addrs);
    assert_true(x && r && names && addrs);
    for (size_t i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "plc-%zu", i);
        snprintf(addrs[i], sizeof addrs[i], "10.30.0.%zu", i + 1);
        host(&x[i], &r[i], names[i], addrs[i], NULL, NULL, -1);
        add(&x[i], obs("tcp", addrs[i], 40000, "8.8.4.4", 443, FS_FLOW_OUT, "curl"));
    }
    struct fs_fleet *f;
    assert_int_equal(fs_fleet_analyse(site, r, N, &f), FS_OK);
    assert_int_equal(f->violations, N);
    const char *ev = f->zones[ZONE_PROD].result.evidence;
    assert_true(strlen(ev) <= FS_EVIDENCE_MAX + 64);
    has(ev, "200 violations");
    has(ev, "more)");
    fs_fleet_free(f);
    free(x);
    free(r);
    free(names);
    free(addrs);
    fs_site_free(site);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flows_joined),
        cmocka_unit_test(both_ends_from_tables),
        cmocka_unit_test(one_end_host_by_observed_address),
        cmocka_unit_test(zone_and_conduit_verdicts),
        cmocka_unit_test(unzoned_host),
        cmocka_unit_test(rollup),
        cmocka_unit_test(fleet_json),
        cmocka_unit_test(bounded_evidence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
