/* SPDX-License-Identifier: Apache-2.0 */
/* Sub-commands that describe content: profiles, rules, inventory check. */
#include "cli.h"
#include "core/err.h"
#include "core/limits.h"
#include "core/util.h"
#include "core/xccdf_ids.h"
#include "engine/benchmark.h"
#include "collect/script.h"
#include "inventory/inventory.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *fs_cli_benchmark_path(const char *opt)
{
    if (opt)
        return opt;
    const char *env = getenv("FLOORSCAN_BENCHMARK");
    if (env && *env)
        return env;
    static const char *const candidates[] = {FS_SOURCE_PROFILES "/floorscan-ditta-xccdf.xml",
                                             FS_INSTALL_PROFILES "/floorscan-ditta-xccdf.xml"};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (access(candidates[i], R_OK) == 0)
            return candidates[i];
    return candidates[1];
}

static const char *tailoring_opt;

static struct fs_benchmark *load_benchmark(const char *opt)
{
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_benchmark *b = NULL;
    if (fs_benchmark_load(&b, fs_cli_benchmark_path(opt), &err) != FS_OK ||
        (tailoring_opt && fs_benchmark_tailor(b, tailoring_opt, &err) != FS_OK)) {
        fprintf(stderr, "floorscan: %s\n", fs_buf_cstr(&err));
        fs_benchmark_free(b);
        b = NULL;
    }
    fs_buf_dispose(&err);
    return b;
}

/* Parses the options shared by profiles, rules and script: -p, --benchmark, --tailoring. */
/* prio: --device-priority for the script command (NULL: no such option). */
static int parse_content_opts(int argc, char **argv, const char **profile, const char **bench,
                              enum fs_device_priority *prio)
{
    static const struct option longopts[] = {{"profile", required_argument, NULL, 'p'},
                                             {"benchmark", required_argument, NULL, 'b'},
                                             {"tailoring", required_argument, NULL, 't'},
                                             {"device-priority", required_argument, NULL, 'd'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:", longopts, NULL)) != -1) {
        if (c == 'p' && profile)
            *profile = optarg;
        else if (c == 'b')
            *bench = optarg;
        else if (c == 't')
            tailoring_opt = optarg;
        else if (c == 'd' && prio) {
            if (fs_device_priority_parse(optarg, prio) != FS_OK) {
                char *shown = fs_printable_dup(optarg);
                fprintf(stderr, "floorscan %s: --device-priority '%s' is not low or normal\n",
                        argv[0], shown ? shown : "");
                free(shown);
                return FS_EXIT_USAGE;
            }
        } else
            return FS_EXIT_USAGE;
    }
    if (optind < argc) {
        fprintf(stderr, "floorscan %s: unexpected argument '%s'\n", argv[0], argv[optind]);
        return FS_EXIT_USAGE;
    }
    return FS_EXIT_OK;
}

int fs_cmd_profiles(int argc, char **argv)
{
    const char *bench = NULL;
    int rc = parse_content_opts(argc, argv, NULL, &bench, NULL);
    if (rc)
        return rc;
    struct fs_benchmark *b = load_benchmark(bench);
    if (!b)
        return FS_EXIT_USAGE;
    printf("%-20s %5s  %-3s %-3s %-3s %-3s %-3s %-3s %-3s  %s\n", "PROFILE", "RULES", "P1", "P2",
           "P3", "P4", "P5", "P6", "P7", "TITLE");
    for (size_t i = 0; i < b->nprofiles; i++) {
        const struct fs_profile *p = &b->profiles[i];
        unsigned per[FS_PRINCIPLES] = {0}, total = 0;
        for (size_t r = 0; r < b->nrules; r++) {
            if (fs_benchmark_selected(b, p, &b->rules[r])) {
                per[b->rules[r].principle]++;
                total++;
            }
        }
        /* Site profiles from a tailoring are shown by full id: short names may repeat. */
        bool ours = fs_after_prefix(p->id, FS_XCCDF_ID_PREFIX) != NULL;
        printf("%-20s %5u ", ours ? p->short_name : p->id, total);
        for (int k = 0; k < FS_PRINCIPLES; k++)
            printf(" %-3u", per[k]);
        printf("  %s\n", p->title);
    }
    fs_benchmark_free(b);
    return FS_EXIT_OK;
}

int fs_cmd_rules(int argc, char **argv)
{
    const char *bench = NULL, *profile = NULL;
    int rc = parse_content_opts(argc, argv, &profile, &bench, NULL);
    if (rc)
        return rc;
    struct fs_benchmark *b = load_benchmark(bench);
    if (!b)
        return FS_EXIT_USAGE;
    const struct fs_profile *p = profile ? fs_benchmark_profile(b, profile) : NULL;
    if (profile && !p) {
        fprintf(stderr, "floorscan rules: no profile '%s' in %s (see floorscan profiles)\n",
                profile, b->path);
        fs_benchmark_free(b);
        return FS_EXIT_USAGE;
    }
    printf("%-36s %-3s %-7s %s\n", "RULE", "P", "SEV", "TITLE");
    for (size_t i = 0; i < b->nrules; i++) {
        const struct fs_rule *r = &b->rules[i];
        if (p && !fs_benchmark_selected(b, p, r))
            continue;
        printf("%-36s P%d  %-7s %s\n", r->short_id, r->principle + 1, fs_severity_name(r->severity),
               r->title);
    }
    fs_benchmark_free(b);
    return FS_EXIT_OK;
}

int fs_cmd_inventory(int argc, char **argv)
{
    if (argc != 3 || strcmp(argv[1], "check") != 0) {
        fprintf(stderr, "usage: floorscan inventory check INVENTORY\n");
        return FS_EXIT_USAGE;
    }
    struct fs_buf err;
    fs_buf_init(&err, FS_ERRBUF_MAX);
    struct fs_inventory *inv = NULL;
    if (fs_inventory_load(&inv, argv[2], &err) != FS_OK) {
        fprintf(stderr, "floorscan: %s\n", fs_buf_cstr(&err));
        fs_buf_dispose(&err);
        return FS_EXIT_USAGE;
    }
    printf("%-20s %-26s %-12s %-18s %-14s %s\n", "HOST", "ADDRESS", "USER", "ROLE", "ZONE",
           "GROUPS");
    for (size_t i = 0; i < inv->n; i++) {
        const struct fs_host *h = &inv->hosts[i];
        char addr[300];
        snprintf(addr, sizeof addr, "%s:%d", h->address, h->port);
        printf("%-20s %-26s %-12s %-18s %-14s ", h->name, addr, h->user ? h->user : "-",
               h->role ? h->role : "(baseline)", h->zone ? h->zone : "-");
        for (size_t g = 0; g < h->ngroups; g++)
            printf("%s%s", g ? "," : "", h->groups[g]);
        printf("%s\n", h->become ? "  [become]" : "");
    }
    printf("%zu hosts\n", inv->n);
    fs_inventory_free(inv);
    fs_buf_dispose(&err);
    return FS_EXIT_OK;
}

int fs_cmd_script(int argc, char **argv)
{
    const char *bench = NULL, *profile = "baseline";
    struct fs_script_opts so = fs_script_opts_default();
    int rc = parse_content_opts(argc, argv, &profile, &bench, &so.priority);
    if (rc)
        return rc;
    struct fs_benchmark *b = load_benchmark(bench);
    if (!b)
        return FS_EXIT_USAGE;
    const struct fs_profile *p = fs_benchmark_profile(b, profile);
    const char **ids = NULL;
    size_t n = 0;
    char nonce[FS_NONCE_HEX + 1];
    struct fs_buf s;
    struct fs_kvlist values;
    fs_kvlist_init(&values);
    fs_buf_init(&s, FS_SCRIPT_MAX);
    if (!p) {
        fprintf(stderr, "floorscan script: no profile '%s' in %s\n", profile, b->path);
        rc = FS_EXIT_USAGE;
    } else if (fs_benchmark_profile_facts(b, p, &ids, &n) != FS_OK ||
               fs_benchmark_profile_values(b, p, &values) != FS_OK ||
               fs_random_hex(nonce, FS_NONCE_HEX / 2) != FS_OK ||
               fs_script_build_opts(&s, nonce, ids, n, &values, &so) != FS_OK) {
        fprintf(stderr, "floorscan script: cannot build the collector script\n");
        rc = FS_EXIT_USAGE;
    } else if (fwrite(s.data, 1, s.len, stdout) != s.len || fflush(stdout) != 0) {
        fprintf(stderr, "floorscan script: cannot write the script: %s\n", strerror(errno));
        rc = FS_EXIT_USAGE;
    }
    free(ids);
    fs_kvlist_dispose(&values);
    fs_buf_dispose(&s);
    fs_benchmark_free(b);
    return rc;
}
