/* SPDX-License-Identifier: Apache-2.0 */
/* The fleet analysis: every flow observed on the fleet, seen from one end or both, classified
 * against the site model; a result for each zone and each conduit; the IEC 62443-3-3 roll-up
 * per zone. Computed after collection from the hosts' results and flows (and again by merge
 * from results.json). */
#ifndef FS_ZONES_FLEET_H
#define FS_ZONES_FLEET_H

#include "../../checks/check.h"
#include "../core/contract.h"
#include "../engine/result.h"
#include "flows.h"
#include "site.h"

#include <stdbool.h>
#include <stddef.h>

struct json_t;

/* One flow after de-duplication: initiator (client) to responder (server) on server_port. */
struct fs_flow {
    char proto[4];
    unsigned char client[16], server[16];
    unsigned server_port;
    long client_zone, server_zone; /* -1: in no zone */
    long client_host, server_host; /* index into the report's hosts; -1: not scanned */
    char client_process[32], server_process[32]; /* "" unknown */
    enum fs_flow_class cls;
    long conduit;   /* -1 unless cls is FS_FLOW_CONDUIT */
    bool both_ends; /* observed on both hosts */
};

/* The verdict on a zone or a conduit: pass, fail or error, with evidence naming the flows
 * (both ends, port, process) or the hosts behind it. */
struct fs_fleet_result {
    enum fs_result result;
    char *evidence;
};

/* An IEC 62443-3-3 SR referenced by the benchmark, judged over a zone's hosts. */
struct fs_sr_rollup {
    char *sr;           /* "SR 5.1" */
    enum fs_result met; /* pass: every host meets every rule citing it; fail: a host fails
                         * one; error: a result is error or a host was not scanned;
                         * notchecked: none of these, but a manual rule citing it awaits the
                         * auditor; notapplicable: no rule citing it applies to the zone's
                         * hosts */
    unsigned hosts_failing;
};

struct fs_zone_summary {
    size_t hosts;           /* hosts judged in the zone */
    size_t hosts_misplaced; /* whose address contradicts the zone, or in no zone */
    bool has_score;
    double score;                  /* mean of the zone's host scores */
    struct fs_fleet_result result; /* fail: a violating flow touches the zone or a host of it
                                    * is misplaced */
    struct fs_sr_rollup *srs;
    size_t nsrs;
};

struct fs_conduit_summary {
    size_t flows;                  /* observed flows it allowed */
    struct fs_fleet_result result; /* fail: declared but never used */
};

struct fs_fleet {
    const struct fs_site *site; /* not owned */
    struct fs_flow *flows;
    size_t nflows;
    struct fs_zone_summary *zones;       /* site->nzones entries */
    struct fs_conduit_summary *conduits; /* site->nconduits entries */
    size_t hosts_unread;                 /* hosts whose socket tables could not be read (or
                                          * were cut: fs_host_flows_complete) */
    size_t hosts_unzoned;                /* hosts in no zone (their flows are external) */
    size_t violations;                   /* flows classified cross-zone or external */
};

/* Over hosts[0..n) and their flows (hosts[i].flows; NULL or read false: that host's flows
 * are unknown, and the zone it belongs to is error unless a violation already fails it). */
FS_MUST_USE int fs_fleet_analyse(const struct fs_site *site, const struct fs_host_result *hosts,
                                 size_t n, struct fs_fleet **out);
void fs_fleet_free(struct fs_fleet *f);
/* results.json's "fleet" member (zones, conduits, flows, roll-up) and back. */
struct json_t *fs_fleet_to_json(const struct fs_fleet *f, const struct fs_host_result *hosts);

#endif
