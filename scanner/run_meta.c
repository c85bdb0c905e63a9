/* SPDX-License-Identifier: Apache-2.0 */
/* Who ran floorscan and how, as a stored run records it (run_meta.h). */
#include "run_meta.h"
#include "cli.h"
#include "../store/db.h"
#include "core/err.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *fs_run_meta_operator(void)
{
    static char name[256];
    const char *env = getenv("FLOORSCAN_OPERATOR");
    if (env && *env) {
        snprintf(name, sizeof name, "%s", env);
        return name;
    }
    struct passwd pwd, *pw = NULL;
    char pwbuf[4096];
    if (getpwuid_r(geteuid(), &pwd, pwbuf, sizeof pwbuf, &pw) != 0)
        pw = NULL;
    if (pw && pw->pw_name && *pw->pw_name)
        snprintf(name, sizeof name, "%s", pw->pw_name);
    else
        snprintf(name, sizeof name, "uid %lu", (unsigned long)geteuid());
    return name;
}

static int add_arg(struct fs_buf *out, const char *arg)
{
    char *p = fs_printable_dup(arg);
    int rc = FS_ERR_NOMEM;
    if (!p)
        return rc;
    bool plain = *p != '\0';
    for (const char *c = p; *c && plain; c++)
        plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-",
                       *c) != NULL;
    if (plain) {
        rc = fs_buf_adds(out, p);
        goto out;
    }
    if ((rc = fs_buf_adds(out, "'")))
        goto out;
    for (const char *c = p; *c; c++)
        if ((rc = *c == '\'' ? fs_buf_adds(out, "'\\''") : fs_buf_add(out, c, 1)))
            goto out;
    rc = fs_buf_adds(out, "'");
out:
    free(p);
    return rc;
}

int fs_run_meta_join(struct fs_buf *out, int argc, char *const *argv)
{
    int rc = FS_OK;
    bool db_value = false;
    for (int i = 0; i < argc && !rc; i++) {
        const char *a = argv[i] ? argv[i] : "";
        char red[1024];
        if (i && (rc = fs_buf_adds(out, " ")))
            break;
        if (db_value || fs_db_is_pg(a)) {
            fs_db_redact(a, red, sizeof red);
            rc = add_arg(out, red);
        } else if (strncmp(a, "--db=", 5) == 0) {
            fs_db_redact(a + 5, red, sizeof red);
            rc = fs_buf_adds(out, "--db=");
            if (!rc)
                rc = add_arg(out, red);
        } else {
            rc = add_arg(out, a);
        }
        db_value = strcmp(a, "--db") == 0;
    }
    return rc;
}

int fs_run_meta_command_line(struct fs_buf *out)
{
    return fs_run_meta_join(out, fs_cli_argc, fs_cli_argv);
}
