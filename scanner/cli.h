/* The sub-commands of the floorscan command line. */
#ifndef FS_CLI_H
#define FS_CLI_H

/* Exit statuses of the interface contract. */
enum fs_exit {
    FS_EXIT_OK = 0,
    FS_EXIT_GATE = 1,
    FS_EXIT_USAGE = 2,
    FS_EXIT_NOT_SCANNED = 3,
};

int fs_cmd_scan(int argc, char **argv);
int fs_cmd_profiles(int argc, char **argv);
int fs_cmd_rules(int argc, char **argv);
int fs_cmd_inventory(int argc, char **argv);
int fs_cmd_script(int argc, char **argv);

/* The benchmark to use: --benchmark, $FLOORSCAN_BENCHMARK, or the installed default. */
const char *fs_cli_benchmark_path(const char *opt);

#endif
