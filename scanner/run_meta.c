/* SPDX-License-Identifier: Apache-2.0 */
/* Who ran floorscan and how, for the history store. */
#include "run_meta.h"

#include "../store/db.h"
#include "cli.h"
#include "core/err.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool fs_run_label_valid(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 100 &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:") == n;
}

void fs_run_meta_operator(char *out, size_t n)
{
    const char *env = getenv("FLOORSCAN_OPERATOR");
    if (env && *env) {
        char *p = fs_printable_dup(env);
        snprintf(out, n, "%s", p ? p : "");
        free(p);
        return;
    }
    struct passwd pwd, *pw = NULL;
    char buf[4096];
    if (getpwuid_r(geteuid(), &pwd, buf, sizeof buf, &pw) == 0 && pw && pw->pw_name)
        snprintf(out, n, "%s", pw->pw_name);
    else
        snprintf(out, n, "uid %u", (unsigned)geteuid());
}

int fs_run_meta_command_line(struct fs_buf *out)
{
    int rc = FS_OK;
    bool db_next = false;
    for (int i = 0; i < fs_cli_argc && fs_cli_argv && !rc; i++) {
        const char *w = fs_cli_argv[i];
        char red[1024];
        if (db_next) {
            fs_db_redact(w, red, sizeof red);
            w = red;
        } else if (strncmp(w, "--db=", 5) == 0) {
            char url[1000];
            fs_db_redact(w + 5, url, sizeof url);
            snprintf(red, sizeof red, "--db=%s", url);
            w = red;
        }
        db_next = strcmp(fs_cli_argv[i], "--db") == 0;
        if (i)
            rc = fs_buf_adds(out, " ");
        if (!rc)
            rc = fs_buf_add_printable(out, w, strlen(w));
    }
    return rc;
}
