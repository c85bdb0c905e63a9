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

struct subcommand {
    /* cppcheck-suppress unusedStructMember ; read by cmp() through bsearch: cppcheck misses it */
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
};

static int not_yet(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "floorscan %s: not available in floorscan %s yet\n", argv[0], FS_VERSION);
    return FS_EXIT_USAGE;
}

/* Sorted by name (a unit test keeps it so). */
static const struct subcommand commands[] = {
    {"inventory", fs_cmd_inventory, "inventory check INVENTORY"},
    {"merge", not_yet, "merge RESULTS.json... -o DIR"},
    {"profiles", fs_cmd_profiles, "profiles [--benchmark FILE]"},
    {"report", fs_cmd_report,
     "report RESULTS.json [-f FORMATS] [-o DIR] [--benchmark FILE] [--tailoring FILE]"},
    {"rules", fs_cmd_rules, "rules [-p PROFILE] [--benchmark FILE]"},
    {"scan", fs_cmd_scan,
     "scan [TARGET...] [-i INVENTORY] [-p PROFILE] [-l PATTERN] [-o DIR] [-f FORMATS]\n"
     "                [-j JOBS] [--fail-under SCORE] [--fail-on SEVERITY] [--known-hosts FILE]\n"
     "                [--identity FILE] [--host-key-policy strict|accept-new]\n"
     "                [--timeout SECONDS] [--connect-timeout SECONDS] [--fact-timeout SECONDS]\n"
     "                [--benchmark FILE]\n"
     "                [--output-mode MODE] [--quiet|--verbose]"},
    {"script", fs_cmd_script, "script [-p PROFILE]        print the read-only collector script"},
    {"verify", not_yet, "verify BUNDLE"},
};

static void usage(FILE *f)
{
    fprintf(f, "floorscan %s: agentless cyber-hygiene scanner for factory-floor devices\n\n",
            FS_VERSION);
    fprintf(f, "usage:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  floorscan %s\n", commands[i].usage);
    fprintf(f, "  floorscan --version | --help\n\n"
               "TARGET is [user@]host[:port], ssh://[user@]host[:port] or local.\n"
               "Exit status: 0 scanned and gate passed, 1 gate failed, 2 usage or input error,\n"
               "3 at least one host could not be scanned.\n");
}

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct subcommand *)elem)->name);
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
    const struct subcommand *c =
        bsearch(argv[1], commands, sizeof commands / sizeof commands[0], sizeof commands[0], cmp);
    if (!c) {
        fprintf(stderr, "floorscan: unknown command '%s' (see floorscan --help)\n", argv[1]);
        return FS_EXIT_USAGE;
    }
    ssh_init();
    int rc = c->run(argc - 1, argv + 1);
    ssh_finalize();
    oscap_cleanup();
    return rc;
}
