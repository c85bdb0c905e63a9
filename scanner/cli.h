/* SPDX-License-Identifier: Apache-2.0 */
/* The sub-commands of the floorscan command line. */
#ifndef FS_CLI_H
#define FS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Exit statuses of the interface contract. */
enum fs_exit {
    FS_EXIT_OK = 0,
    FS_EXIT_GATE = 1,
    FS_EXIT_USAGE = 2,
    FS_EXIT_NOT_SCANNED = 3,
    /* SIGINT or SIGTERM stopped the scan: what finished was written, the run is marked
     * incomplete. Takes precedence over 0, 1 and 3. */
    FS_EXIT_INTERRUPTED = 4,
};

int fs_cmd_scan(int argc, char **argv);
int fs_cmd_profiles(int argc, char **argv);
int fs_cmd_rules(int argc, char **argv);
int fs_cmd_inventory(int argc, char **argv);
int fs_cmd_script(int argc, char **argv);
/* waivers check FILE: validates a waiver register and prints it for review (cmd_waivers.c). */
int fs_cmd_waivers(int argc, char **argv);

int fs_cmd_report(int argc, char **argv);
/* history [verify | import]: scores over time, the hash chain, results made elsewhere
 * (cmd_history.c). */
int fs_cmd_history(int argc, char **argv);
/* diff [RUN_A] [RUN_B]: what changed between two runs, stored or results.json (cmd_diff.c). */
int fs_cmd_diff(int argc, char **argv);
int fs_cmd_verify(int argc, char **argv);
/* merge RESULTS.json...: shard results joined into one fleet result, every format (cmd_merge.c). */
int fs_cmd_merge(int argc, char **argv);

/* The whole command line as main() received it (run.json of an evidence bundle records it). */
extern int fs_cli_argc;
extern char **fs_cli_argv;

/* One sub-command: its name, its handler (argv[0] is the name) and its line in --help; a NULL
 * usage is a planned command that is not available yet (left out of --help, exit 2). */
struct fs_cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
};

/* The sub-command table, sorted by name and unique; *n receives its length. */
const struct fs_cli_command *fs_cli_commands(size_t *n);
/* The sub-command called name, or NULL (binary search). */
const struct fs_cli_command *fs_cli_command_find(const char *name);

struct fs_benchmark;
/* Loads the benchmark (and the tailoring when given) by their absolute paths, with each file's
 * SHA-256 in the hex buffers (65 bytes each); prints the reason and returns FS_EXIT_USAGE when
 * a file cannot be read or is invalid. */
int fs_cli_load_benchmark(const char *path, const char *tailoring, struct fs_benchmark **out,
                          char *sha256, char *tailoring_sha256);

struct fs_report;
struct fs_report_writer;
/* The writers of a -f list for a command that renders saved results (report, merge; cmd is its
 * name in messages): an unknown format, and bundle (saved results have no raw facts), are
 * FS_EXIT_USAGE with the reason printed; duplicates are left out. Appends to w (*n of them,
 * at most FS_FORMATS_MAX). */
int fs_cli_report_formats(const char *cmd, const char *list, const struct fs_report_writer **w,
                          size_t *n);
/* Creates outdir if needed, opens it (fs_outdir_open, files of the given mode) and writes r in
 * each of the n formats, written[i] telling which were; "wrote DIR/FILE" on stdout for each
 * when announce. FS_EXIT_USAGE when the directory cannot be used (nothing written),
 * FS_EXIT_NOT_SCANNED when a file could not be written (as in scan), else FS_EXIT_OK. */
int fs_cli_report_write(const char *cmd, const struct fs_report *r, const char *outdir, mode_t mode,
                        const struct fs_report_writer *const *w, bool *written, size_t n,
                        bool announce);
/* The exit status of a fleet result (scan, merge): FS_EXIT_INTERRUPTED when the run is marked
 * incomplete (interrupted, or a merge of an interrupted shard), FS_EXIT_NOT_SCANNED when a host was
 * not scanned, FS_EXIT_GATE when r's gate (has_fail_under/fail_under, fail_on: a fail that is not
 * waived at or above that severity) failed, the reason logged; else FS_EXIT_OK. */
int fs_cli_exit_status(const struct fs_report *r);

/* The benchmark to use: --benchmark, $FLOORSCAN_BENCHMARK, or the installed default. */
const char *fs_cli_benchmark_path(const char *opt);

#endif
