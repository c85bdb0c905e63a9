/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan zones check FILE [-i INVENTORY]: validates a site model and prints it for review;
 * with an inventory, every host's zone as the scan will judge it. */
#include "cli.h"
#include "core/err.h"
#include "core/limits.h"
#include "core/util.h"
#include "inventory/inventory.h"
#include "zones/site.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZONES_USAGE "usage: floorscan zones check FILE [-i INVENTORY]\n"

/* Prints "floorscan zones: MSG 'ARG'" (when msg is given) and the usage; exit 2. */
static int usage_error(const char *msg, const char *arg)
{
    if (msg) {
        char *p = arg ? fs_printable_dup(arg) : NULL;
        fprintf(stderr, "floorscan zones: %s%s%s%s\n", msg, arg ? " '" : "", p ? p : "",
                arg ? "'" : "");
        free(p);
    }
    fputs(ZONES_USAGE, stderr);
    return FS_EXIT_USAGE;
}

/* argv[0] is "zones", argv[1] "check"; getopt names argv[0] in its messages. */
static int parse_args(int argc, char **argv, const char **file, const char **inventory)
{
    static const struct option longopts[] = {{"inventory", required_argument, NULL, 'i'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "i:", longopts, NULL)) != -1) {
        if (c != 'i')
            return usage_error(NULL, NULL);
        *inventory = optarg;
    }
    if (optind >= argc)
        return usage_error("check needs the site model FILE", NULL);
    if (optind + 1 < argc)
        return usage_error("unexpected argument", argv[optind + 1]);
    *file = argv[optind];
    return FS_EXIT_OK;
}

static void print_site(const struct fs_site *s)
{
    char *path = fs_printable_dup(s->path); /* a file name may hold any byte */
    printf("%s: %zu zone%s, %zu conduit%s\n", path ? path : "?", s->nzones,
           s->nzones == 1 ? "" : "s", s->nconduits, s->nconduits == 1 ? "" : "s");
    free(path);
    printf("%-5s %-24s %-3s %s\n", "LINE", "ZONE", "SL", "NETWORKS");
    for (size_t i = 0; i < s->nzones; i++) {
        const struct fs_zone *z = &s->zones[i];
        printf("%-5d %-24s ", z->line, z->name);
        if (z->security_level)
            printf("%-3d ", z->security_level);
        else
            printf("%-3s ", "-");
        for (size_t k = 0; k < z->nnets; k++) {
            char net[64];
            fs_cidr_str(&z->nets[k], net, sizeof net);
            printf("%s%s", k ? ", " : "", net);
        }
        printf("\n");
    }
    if (s->nconduits)
        printf("%-5s %-24s %-24s %-32s %s\n", "LINE", "FROM", "TO", "PORTS", "PURPOSE");
    for (size_t i = 0; i < s->nconduits; i++) {
        const struct fs_conduit *c = &s->conduits[i];
        struct fs_buf ports;
        fs_buf_init(&ports, FS_LIST_TEXT_MAX);
        for (size_t k = 0; k < c->nports; k++) {
            char port[32];
            fs_site_port_str(&c->ports[k], port, sizeof port);
            fs_buf_try_addf(&ports, "%s%s", k ? ", " : "", port);
        }
        printf("%-5d %-24s %-24s %-32s %s\n", c->line, s->zones[c->from].name, s->zones[c->to].name,
               fs_buf_cstr(&ports), c->purpose[0] ? c->purpose : "-");
        fs_buf_dispose(&ports);
    }
    printf("sha256 %s\n", s->sha256);
}

/* Every host's membership; FS_EXIT_GATE when one is not consistent. */
static int print_hosts(const struct fs_site *s, const struct fs_inventory *inv)
{
    unsigned count[FS_ZONE_UNKNOWN_NAME + 1] = {0};
    printf("%-20s %-26s %-24s %-24s %-12s %s\n", "HOST", "ADDRESS", "DECLARED", "ZONE", "STATE",
           "EVIDENCE");
    for (size_t i = 0; i < inv->n; i++) {
        const struct fs_host *h = &inv->hosts[i];
        struct fs_membership m;
        fs_site_membership(s, h->zone, h->address, &m);
        count[m.state]++;
        char *name = fs_printable_dup(h->name), *zone = fs_printable_dup(h->zone ? h->zone : "-");
        printf("%-20s %-26s %-24s %-24s %-12s %s\n", name ? name : "?", h->address,
               zone ? zone : "?", m.zone >= 0 ? s->zones[m.zone].name : "-",
               fs_zone_state_name(m.state), m.evidence);
        free(name);
        free(zone);
    }
    printf("%zu host%s: %u consistent, %u contradict their zone, %u in no zone, %u name an "
           "unknown zone\n",
           inv->n, inv->n == 1 ? "" : "s", count[FS_ZONE_CONSISTENT], count[FS_ZONE_CONTRADICTS],
           count[FS_ZONE_NONE], count[FS_ZONE_UNKNOWN_NAME]);
    return count[FS_ZONE_CONSISTENT] == inv->n ? FS_EXIT_OK : FS_EXIT_GATE;
}

int fs_cmd_zones(int argc, char **argv)
{
    const char *file = NULL, *inventory = NULL;
    if (argc < 2 || strcmp(argv[1], "check") != 0)
        return usage_error(argc < 2 ? NULL : "expected 'check', not", argc < 2 ? NULL : argv[1]);
    int rc = parse_args(argc, argv, &file, &inventory);
    if (rc)
        return rc;
    struct fs_site *s = NULL;
    struct fs_inventory *inv = NULL;
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    if (fs_site_load(&s, file, &err) != FS_OK ||
        (inventory && fs_inventory_load(&inv, inventory, &err) != FS_OK)) {
        fprintf(stderr, "floorscan zones: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    print_site(s);
    if (inv)
        rc = print_hosts(s, inv);
    if (fflush(stdout) != 0)
        rc = FS_EXIT_USAGE;
out:
    fs_inventory_free(inv);
    fs_site_free(s);
    fs_buf_dispose(&err);
    return rc;
}
