/* SPDX-License-Identifier: Apache-2.0 */
/* Test helper: every XCCDF value of the shipped benchmark, bound. */
#include "values.h"
#include "scanner/core/buf.h"
#include "scanner/core/err.h"
#include "scanner/engine/benchmark.h"

#include <stdio.h>
#include <stdlib.h>

int fs_test_bind_all_values(struct fs_kvlist *values, const char *profile)
{
    char path[1024];
    const char *dir = getenv("FS_PROFILES");
    if (!dir)
        return FS_ERR_INVAL;
    snprintf(path, sizeof path, "%s/floorscan-ditta-xccdf.xml", dir);
    struct fs_benchmark *b = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_benchmark_load(&b, path, &err);
    if (rc)
        goto out;
    const struct fs_profile *p = fs_benchmark_profile(b, profile);
    rc = p ? fs_benchmark_profile_values(b, p, values) : FS_ERR_NOTFOUND;
    /* values empty by default (site lists) get something to work with */
    static const char *const site[][2] = {{"var_backup_marker_path", "/var/backups/last"},
                                          {"var_signing_key_dirs", "/srv/keys"},
                                          {"var_allowed_peer_networks", "10.0.0.0/8"},
                                          {"var_log_host", "logs.example"},
                                          {"var_ntp_servers", "ntp.example"},
                                          {"var_sudo_nopasswd_allowed", "deploy"},
                                          {"var_docker_group_allowed", "build"},
                                          {"var_backup_command", "rsync"}};
    for (size_t i = 0; !rc && i < sizeof site / sizeof site[0]; i++) {
        const char *v = fs_kvlist_get(values, site[i][0]);
        if (!v || !*v)
            rc = fs_kvlist_set(values, site[i][0], site[i][1]);
    }
    if (!rc && values->n < 20)
        rc = FS_ERR_PARSE; /* the benchmark has 25 values: something is not bound */
out:
    fs_benchmark_free(b);
    fs_buf_dispose(&err);
    return rc;
}
