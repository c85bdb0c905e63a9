/* SPDX-License-Identifier: Apache-2.0 */
/* The sub-command table: sorted by name, looked up by binary search (test_tables keeps it so). */
#include "cli.h"
#include "zones/site.h"

#include <stdlib.h>
#include <string.h>

int fs_cli_argc;
char **fs_cli_argv;

/* Sorted by name, names unique (test_tables). A NULL usage keeps a planned command out of
 * --help (its handler then says it is not available yet and exits 2); none is planned now. */
static const struct fs_cli_command commands[] = {
    {"diff", fs_cmd_diff,
     "diff [RUN_A] [RUN_B] [--db PATH|URL] [--json] [-l HOSTS] [--benchmark FILE]\n"
     "                [--tailoring FILE]   what changed (runs or RESULTS.json files)"},
    {"history", fs_cmd_history,
     "history [-l HOSTS] [--since YYYY-MM-DD] [--by host|principle|zone|role] [--json]\n"
     "                [--db PATH|URL]   scores over time (-l: stored host names, roles, zones;\n"
     "                inventory groups are not stored)\n"
     "  floorscan history verify [--db PATH|URL]   check the stored runs' hash chain\n"
     "  floorscan history import RESULTS.json... [--db PATH|URL] [--benchmark FILE]\n"
     "                [--tailoring FILE] [--run-label LABEL]"},
    {"inventory", fs_cmd_inventory, "inventory check INVENTORY"},
    {"merge", fs_cmd_merge,
     "merge RESULTS.json... [-o DIR] [-f FORMATS] [--fail-under SCORE]\n"
     "                [--fail-on SEVERITY] [--benchmark FILE] [--tailoring FILE]\n"
     "                [--output-mode MODE] [--quiet]   join results (shards of one run,\n"
     "                --shard K/N) into one fleet result and its reports"},
    {"profiles", fs_cmd_profiles, "profiles [--benchmark FILE]"},
    {"report", fs_cmd_report,
     "report RESULTS.json [-f FORMATS] [-o DIR] [--benchmark FILE] [--tailoring FILE]\n"
     "  floorscan report --db PATH|URL (--run ID|--latest) [-f FORMATS] [-o DIR]"},
    {"rules", fs_cmd_rules, "rules [-p PROFILE] [--benchmark FILE]"},
    {"scan", fs_cmd_scan,
     "scan [TARGET...] [-i INVENTORY] [-p PROFILE] [-l PATTERN] [-o DIR] [-f FORMATS]\n"
     "                [-j JOBS] [--fail-under SCORE] [--fail-on SEVERITY] [--known-hosts FILE]\n"
     "                [--identity FILE] [--host-key-policy strict|accept-new] [--jump USER@HOST]\n"
     "                [--timeout SECONDS] [--connect-timeout SECONDS] [--auth-timeout SECONDS]\n"
     "                [--collect-timeout SECONDS] [--fact-timeout SECONDS]\n"
     "                [--benchmark FILE] [--waivers FILE] [--waiver-warn-days DAYS]\n"
     "                [--sign-key KEY.pem] [--bundle FILE.tar]\n"
     "                [--db PATH|postgresql://...] [--no-db] [--run-label LABEL]\n"
     "                [--shard K/N] [--output-mode MODE] [--quiet|--verbose]\n"
     "                [--progress auto|tty|lines|json|none]\n"
     "                [--device-priority low|normal]"},
    {"script", fs_cmd_script,
     "script [-p PROFILE] [--device-priority low|normal]   print the read-only collector "
     "script"},
    {"verify", fs_cmd_verify, "verify BUNDLE [--pubkey KEY.pub]   check an evidence bundle"},
    {"waivers", fs_cmd_waivers,
     "waivers check FILE [-i INVENTORY] [--benchmark FILE] [--tailoring FILE]\n"
     "                [--waiver-warn-days N] [--date YYYY-MM-DD]"},
    {"zones", fs_cmd_zones,
     "zones check FILE [-i INVENTORY]   validate a site model (--zones); with an inventory,\n"
     "                each host's zone"},
};

const struct fs_cli_command *fs_cli_commands(size_t *n)
{
    *n = sizeof commands / sizeof commands[0];
    return commands;
}

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct fs_cli_command *)elem)->name);
}

const struct fs_cli_command *fs_cli_command_find(const char *name)
{
    return bsearch(name, commands, sizeof commands / sizeof commands[0], sizeof commands[0], cmp);
}
