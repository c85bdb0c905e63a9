/* SPDX-License-Identifier: Apache-2.0 */
/* Who ran floorscan and how, as a stored run records it (scan and history import). */
#ifndef FS_RUN_META_H
#define FS_RUN_META_H

#include "core/contract.h"

#include "core/buf.h"

/* $FLOORSCAN_OPERATOR when set and not empty, else the login name of the effective user, else
 * "uid N". Static storage: valid until the next call. */
const char *fs_run_meta_operator(void);

/* Appends argv[0..argc) joined by spaces, each argument printable and shell-quoted when it
 * holds anything but [A-Za-z0-9@%+=:,./_-], with the password of any database connection
 * string (the value of --db, "--db=...", or any postgresql:// argument) replaced by "***"
 * (fs_db_redact). */
FS_MUST_USE int fs_run_meta_join(struct fs_buf *out, int argc, char *const *argv);
/* fs_run_meta_join of the command line main() received (fs_cli_argv). */
FS_MUST_USE int fs_run_meta_command_line(struct fs_buf *out);

#endif
