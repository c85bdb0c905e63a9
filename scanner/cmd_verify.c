/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan verify BUNDLE [--pubkey KEY.pub]: checks an evidence bundle (reports/bundle.h). */
#include "cli.h"
#include "../reports/bundle.h"

#include <getopt.h>
#include <stdio.h>

int fs_cmd_verify(int argc, char **argv)
{
    static const struct option longopts[] = {{"pubkey", required_argument, NULL, 'k'},
                                             {NULL, 0, NULL, 0}};
    const char *pubkey = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c != 'k')
            return FS_EXIT_USAGE;
        pubkey = optarg;
    }
    if (optind != argc - 1) {
        fprintf(stderr, "floorscan verify: give one bundle (a directory or a .tar file): "
                        "floorscan verify BUNDLE [--pubkey KEY.pub]\n");
        return FS_EXIT_USAGE;
    }
    int rc = fs_bundle_verify(argv[optind], pubkey, stdout, stderr);
    return rc == 0 ? FS_EXIT_OK : rc == 1 ? FS_EXIT_GATE : FS_EXIT_USAGE;
}
