/* The check registration table: rule id -> implementation and the facts it reads. */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

/* clang-format off */
#define ENTRY(name, ...) {#name, fs_check_##name, {__VA_ARGS__}}
/* clang-format on */

/* Sorted by id (a unit test keeps it so). */
const struct fs_check_def fs_check_defs[] = {
    ENTRY(accounts_no_empty_passwords, "shadow_status"),
    ENTRY(accounts_no_extra_uid_zero, "passwd"),
    ENTRY(accounts_password_max_days, "login_defs"),
    ENTRY(logging_system_logger_active, "proc_comm"),
    ENTRY(net_ip_forwarding_disabled, "sysctl_forwarding"),
    ENTRY(service_telnet_disabled, "net_listen", "telnet_config", "pkg_telnet"),
    ENTRY(sshd_disable_empty_passwords, "sshd_effective"),
    ENTRY(sshd_disable_password_auth, "sshd_effective"),
    ENTRY(sshd_disable_root_login, "sshd_effective"),
    ENTRY(updates_automatic_enabled, "updates_auto"),
};

const size_t fs_check_defs_count = sizeof fs_check_defs / sizeof fs_check_defs[0];

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct fs_check_def *)elem)->id);
}

const struct fs_check_def *fs_check_def_find(const char *id)
{
    return bsearch(id, fs_check_defs, fs_check_defs_count, sizeof fs_check_defs[0], cmp);
}
