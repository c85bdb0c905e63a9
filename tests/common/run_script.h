/* SPDX-License-Identifier: Apache-2.0 */
/* Test helper: runs a collector script through a shell command line and parses its frames. */
#ifndef FS_TEST_RUN_SCRIPT_H
#define FS_TEST_RUN_SCRIPT_H

#include "scanner/collect/facts.h"
#include "scanner/core/buf.h"

/* Writes script to a temporary file, runs "cmd < file" (cmd must exit 0), and parses the
 * output framed with nonce into facts (initialised here); the raw output goes to out when
 * non-NULL. Returns 0, or a message on failure (a static string). */
const char *fs_test_run_script(const char *cmd, const struct fs_buf *script, const char *nonce,
                               struct fs_facts *facts, struct fs_buf *out);

#endif
