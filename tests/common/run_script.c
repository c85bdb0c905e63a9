/* SPDX-License-Identifier: Apache-2.0 */
/* Test helper: runs a collector script and parses its frames. */
#include "run_script.h"
#include "scanner/collect/script.h"
#include "scanner/core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const char *fs_test_run_script(const char *cmd, const struct fs_buf *script, const char *nonce,
                               struct fs_facts *facts, struct fs_buf *out)
{
    const char *why = NULL;
    struct fs_buf own;
    fs_buf_init(&own, 32u << 20);
    struct fs_buf *o = out ? out : &own;
    fs_facts_init(facts);
    char path[] = "/tmp/fs-test-script-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return "mkstemp failed";
    if (write(fd, script->data, script->len) != (ssize_t)script->len)
        why = "cannot write the script";
    close(fd);
    char line[1024];
    snprintf(line, sizeof line, "%s < %s", cmd, path);
    FILE *p = why ? NULL : popen(line, "r");
    if (!why && !p)
        why = "popen failed";
    if (p) {
        char chunk[8192];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
            if (fs_buf_add(o, chunk, n) != FS_OK)
                why = "output over 32 MiB";
        if (pclose(p) != 0 && !why)
            why = "the shell exited with an error";
    }
    unlink(path);
    if (!why && fs_frames_parse(o->data, o->len, nonce, facts) != FS_OK)
        why = "no frame in the output";
    if (!why && !facts->complete)
        why = "the script did not run to its end";
    fs_buf_dispose(&own);
    return why;
}
