/* SPDX-License-Identifier: Apache-2.0 */
/* Who ran floorscan and how: recorded with every stored run (history). */
#ifndef FS_RUN_META_H
#define FS_RUN_META_H

#include "core/contract.h"

#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* The operator: $FLOORSCAN_OPERATOR when set (printable text), else the login name of the
 * effective user, else "uid N". */
void fs_run_meta_operator(char *out, size_t n);
/* The command line as main() received it (fs_cli_argv), words joined by spaces, each one
 * printable; the value of --db (and of --db=...) with any password replaced by "***". */
FS_MUST_USE int fs_run_meta_command_line(struct fs_buf *out);

/* A run label (--run-label of scan and history import): 1-100 letters, digits and . _ - :
 * (a Kubernetes Job name fits; nothing a terminal or a report could take for markup). */
bool fs_run_label_valid(const char *s);
#define FS_RUN_LABEL_RULE "1-100 letters, digits, '.', '_', '-' or ':'"

#endif
