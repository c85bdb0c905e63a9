/* SPDX-License-Identifier: Apache-2.0 */
/* Generated from profiles/src/benchmark.toml by scripts/gen-benchmark.py: do not edit. */
/* The format of every value: what a tailoring may set it to (checks/values.c). */
#include "values.h"

/* clang-format off */
/* Sorted by id (a unit test keeps it so). */
const struct fs_value_def fs_value_defs[] = {
    {"var_allowed_peer_networks", FS_VALUE_CIDRS},
    {"var_allowed_ports", FS_VALUE_PORTS},
    {"var_allowed_setuid", FS_VALUE_PATHS},
    {"var_backup_command", FS_VALUE_COMMAND},
    {"var_backup_marker_path", FS_VALUE_PATH},
    {"var_backup_max_age_days", FS_VALUE_INTEGER},
    {"var_build_accounts", FS_VALUE_NAMES},
    {"var_config_commit_max_age_days", FS_VALUE_INTEGER},
    {"var_default_route_allowed", FS_VALUE_BOOLEAN},
    {"var_disk_max_used_percent", FS_VALUE_INTEGER},
    {"var_docker_group_allowed", FS_VALUE_NAMES},
    {"var_generic_account_names", FS_VALUE_NAMES},
    {"var_kernel_max_age_days", FS_VALUE_INTEGER},
    {"var_lockout_deny", FS_VALUE_INTEGER},
    {"var_log_host", FS_VALUE_HOST},
    {"var_max_networks", FS_VALUE_INTEGER},
    {"var_nfs_client_needed", FS_VALUE_BOOLEAN},
    {"var_ntp_servers", FS_VALUE_HOSTS},
    {"var_package_index_max_age_days", FS_VALUE_INTEGER},
    {"var_password_max_days", FS_VALUE_INTEGER},
    {"var_password_min_length", FS_VALUE_INTEGER},
    {"var_shell_idle_timeout", FS_VALUE_INTEGER},
    {"var_signing_key_dirs", FS_VALUE_PATHS},
    {"var_stale_login_days", FS_VALUE_INTEGER},
    {"var_sudo_nopasswd_allowed", FS_VALUE_NAMES},
    {"var_supported_releases", FS_VALUE_RELEASE_DATES},
    {"var_updates_managed_centrally", FS_VALUE_BOOLEAN},
    {"var_verify_packages", FS_VALUE_PACKAGES},
};
/* clang-format on */

const size_t fs_value_defs_count = sizeof fs_value_defs / sizeof fs_value_defs[0];
