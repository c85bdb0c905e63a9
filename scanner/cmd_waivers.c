/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan waivers check: validates a waiver register and prints it for review and signing. */
#include "cli.h"
#include "core/digest.h"
#include "core/err.h"
#include "core/limits.h"
#include "core/util.h"
#include "engine/benchmark.h"
#include "inventory/inventory.h"
#include "waivers/waivers.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WAIVERS_USAGE                                                                              \
    "usage: floorscan waivers check FILE [-i INVENTORY] [--benchmark FILE] [--tailoring FILE]\n"   \
    "                               [--waiver-warn-days N] [--date YYYY-MM-DD]\n"

enum { OPT_BENCHMARK = 256, OPT_TAILORING, OPT_WARN_DAYS, OPT_DATE };

struct args {
    const char *file, *inventory, *benchmark, *tailoring, *date;
    int warn_days;
};

/* Prints "floorscan waivers: MSG 'ARG'" (when msg is given) and the usage; exit 2. */
static int usage_error(const char *msg, const char *arg)
{
    if (msg) {
        char *p = arg ? fs_printable_dup(arg) : NULL;
        fprintf(stderr, "floorscan waivers: %s%s%s%s\n", msg, arg ? " '" : "", p ? p : "",
                arg ? "'" : "");
        free(p);
    }
    fputs(WAIVERS_USAGE, stderr);
    return FS_EXIT_USAGE;
}

/* argv[0] is "waivers", argv[1] "check"; getopt names argv[0] in its messages. */
static int parse_args(int argc, char **argv, struct args *a)
{
    static const struct option longopts[] = {
        {"inventory", required_argument, NULL, 'i'},
        {"benchmark", required_argument, NULL, OPT_BENCHMARK},
        {"tailoring", required_argument, NULL, OPT_TAILORING},
        {"waiver-warn-days", required_argument, NULL, OPT_WARN_DAYS},
        {"date", required_argument, NULL, OPT_DATE},
        {NULL, 0, NULL, 0}};
    int c;
    long v;
    optind = 2;
    while ((c = getopt_long(argc, argv, "i:", longopts, NULL)) != -1) {
        switch (c) {
        case 'i':
            a->inventory = optarg;
            break;
        case OPT_BENCHMARK:
            a->benchmark = optarg;
            break;
        case OPT_TAILORING:
            a->tailoring = optarg;
            break;
        case OPT_WARN_DAYS:
            if (!fs_parse_long(optarg, &v) || v < 0 || v > 3650)
                return usage_error("--waiver-warn-days is a number of days (0-3650), not", optarg);
            a->warn_days = (int)v;
            break;
        case OPT_DATE:
            if (!fs_waiver_date_days(optarg, &v))
                return usage_error("--date is a calendar day (YYYY-MM-DD), not", optarg);
            a->date = optarg;
            break;
        default:
            return usage_error(NULL, NULL);
        }
    }
    if (optind >= argc)
        return usage_error("check needs the register FILE", NULL);
    if (optind + 1 < argc)
        return usage_error("unexpected argument", argv[optind + 1]);
    a->file = argv[optind];
    return FS_EXIT_OK;
}

static size_t rules_matched(const struct fs_benchmark *b, const struct fs_waiver *w)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nrules; i++)
        n += fs_waiver_rule_matches(w, b->rules[i].xccdf_id);
    return n;
}

static void print_names(const char *key, char *const *names, size_t n, bool *first)
{
    if (!n)
        return;
    printf("%s%s: ", *first ? "" : "; ", key);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", names[i]);
    *first = false;
}

static void print_waiver(const struct fs_waivers *ws, const struct fs_waiver *w,
                         const struct fs_benchmark *b)
{
    printf("%-5d %-36s %5zu  %-8s %6ld  %-10s  %-10s  %-12s ", w->line, w->rule,
           rules_matched(b, w), fs_waiver_state_name(w->state), fs_waiver_days_left(ws, w),
           w->approved, w->expires, w->ticket ? w->ticket : "-");
    bool first = true;
    print_names("hosts", w->hosts, w->nhosts, &first);
    print_names("zones", w->zones, w->nzones, &first);
    print_names("roles", w->roles, w->nroles, &first);
    printf("\n");
    printf("      requested by: %s\n", w->requested_by);
    printf("      approved by:  %s\n", w->approved_by);
    printf("      applies to:   %s\n", w->waive_fail && w->waive_error ? "fail, error"
                                       : w->waive_error                ? "error"
                                                                       : "fail");
    if (w->compensating)
        printf("      compensating: %s\n", w->compensating);
    printf("      reason:       %s\n", w->reason);
}

/* The scan day to judge against: --date, or today (UTC). */
static time_t judge_time(const char *date)
{
    long days;
    if (date && fs_waiver_date_days(date, &days))
        return (time_t)days * 86400;
    return time(NULL);
}

int fs_cmd_waivers(int argc, char **argv)
{
    struct args a = {.warn_days = FS_WAIVER_WARN_DAYS};
    if (argc < 2 || strcmp(argv[1], "check") != 0)
        return usage_error(argc < 2 ? NULL : "expected 'check', not", argc < 2 ? NULL : argv[1]);
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    struct fs_benchmark *b = NULL;
    struct fs_inventory *inv = NULL;
    struct fs_waivers *ws = NULL;
    struct fs_buf err;
    char sha[FS_SHA256_HEX], tsha[FS_SHA256_HEX];
    fs_buf_init(&err, FS_ERRBUF_MAX);
    if ((rc =
             fs_cli_load_benchmark(fs_cli_benchmark_path(a.benchmark), a.tailoring, &b, sha, tsha)))
        goto out;
    if (a.inventory && fs_inventory_load(&inv, a.inventory, &err) != FS_OK) {
        fprintf(stderr, "floorscan waivers: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    if (fs_waivers_load(&ws, a.file, b, inv, &err) != FS_OK) {
        fprintf(stderr, "floorscan waivers: %s\n", fs_buf_cstr(&err));
        rc = FS_EXIT_USAGE;
        goto out;
    }
    fs_waivers_judge(ws, judge_time(a.date), a.warn_days);
    printf("%s: judged on %s (UTC)%s\n", ws->path, ws->judged_on,
           inv ? "" : "; scopes not checked (no -i INVENTORY)");
    if (ws->n)
        printf("%-5s %-36s %5s  %-8s %6s  %-10s  %-10s  %-12s %s\n", "LINE", "RULE", "RULES",
               "STATE", "DAYS", "APPROVED", "EXPIRES", "TICKET", "SCOPE");
    unsigned count[FS_WAIVER_PENDING + 1] = {0};
    for (size_t i = 0; i < ws->n; i++) {
        print_waiver(ws, &ws->w[i], b);
        count[ws->w[i].state]++;
    }
    printf("%zu waiver%s: %u active, %u expiring within %d days, %u expired, %u pending\n", ws->n,
           ws->n == 1 ? "" : "s", count[FS_WAIVER_ACTIVE], count[FS_WAIVER_EXPIRING], ws->warn_days,
           count[FS_WAIVER_EXPIRED], count[FS_WAIVER_PENDING]);
    printf("sha256 %s\n", ws->sha256);
out:
    fs_waivers_free(ws);
    fs_inventory_free(inv);
    fs_benchmark_free(b);
    fs_buf_dispose(&err);
    return rc;
}
