/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan entry point: global options and the sub-command table. */
#include "cli.h"
#include "core/util.h"

#include <libssh/libssh.h>
#include <oscap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "floorscan %s: agentless cyber-hygiene scanner for factory-floor devices\n\n",
            FS_VERSION);
    fprintf(f, "usage:\n");
    size_t n;
    const struct fs_cli_command *commands = fs_cli_commands(&n);
    for (size_t i = 0; i < n; i++)
        if (commands[i].usage)
            fprintf(f, "  floorscan %s\n", commands[i].usage);
    fprintf(f, "  floorscan --version | --help\n\n"
               "TARGET is [user@]host[:port], ssh://[user@]host[:port] or local.\n"
               "Exit status: 0 scanned and gate passed, 1 gate failed, 2 usage or input error,\n"
               "3 at least one host could not be scanned, 4 interrupted (SIGINT/SIGTERM).\n");
}

int main(int argc, char **argv)
{
    /* A target that closes its channel early must not kill the scanner. SIGPIPE with SIG_IGN
     * cannot fail. */
    (void)signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return FS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("floorscan %s (libopenscap %s, libssh %s)\n", FS_VERSION, oscap_get_version(),
               ssh_version(0));
        return FS_EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return FS_EXIT_OK;
    }
    const struct fs_cli_command *c = fs_cli_command_find(argv[1]);
    if (!c) {
        fprintf(stderr, "floorscan: unknown command '%s' (see floorscan --help)\n", argv[1]);
        return FS_EXIT_USAGE;
    }
    /* "floorscan COMMAND --help": that command's usage (no option or value is "--help") */
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--help") == 0 && c->usage) {
            printf("usage:\n  floorscan %s\n\nREADME.md describes every option; exit statuses: "
                   "floorscan --help\n",
                   c->usage);
            return FS_EXIT_OK;
        }
    }
    /* getopt_long permutes argv: run.json records the command line as it was typed */
    char **typed = calloc((size_t)argc + 1, sizeof *typed);
    if (typed)
        memcpy(typed, argv, (size_t)argc * sizeof *typed);
    fs_cli_argc = typed ? argc : 0;
    fs_cli_argv = typed;
    ssh_init();
    int rc = c->run(argc - 1, argv + 1);
    free(typed);
    ssh_finalize();
    oscap_cleanup();
    return rc;
}
