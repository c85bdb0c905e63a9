/* SPDX-License-Identifier: Apache-2.0 */
/* Generated from profiles/src/benchmark.toml by scripts/gen-benchmark.py: do not edit. */
/* The check registration table: rule id -> implementation and the facts it reads. */
#include "checks.h"
#include "../scanner/core/contract.h"

#include <stdlib.h>
#include <string.h>

/* clang-format off */
#define ENTRY(name, ...) {#name, fs_check_##name, {__VA_ARGS__}}
#define ENTRY0(name) {#name, fs_check_##name, {NULL}}

/* Sorted by id (a unit test keeps it so). */
const struct fs_check_def fs_check_defs[] = {
    ENTRY(accounts_build_user_unprivileged, "passwd", "group", "sudoers"),
    ENTRY(accounts_credential_files_private, "home_credentials"),
    ENTRY(accounts_default_umask, "login_defs"),
    ENTRY(accounts_docker_group_restricted, "group"),
    ENTRY(accounts_groups_exist, "passwd", "group"),
    ENTRY(accounts_home_dirs_private, "home_modes"),
    ENTRY(accounts_inactive_lock, "useradd_defaults"),
    ENTRY(accounts_lockout_failed_logins, "faillock"),
    ENTRY(accounts_no_autologin, "autologin"),
    ENTRY(accounts_no_duplicate_names, "passwd", "group"),
    ENTRY(accounts_no_duplicate_uids, "passwd"),
    ENTRY(accounts_no_empty_passwords, "shadow_status"),
    ENTRY(accounts_no_extra_uid_zero, "passwd"),
    ENTRY(accounts_no_generic_shared, "passwd"),
    ENTRY(accounts_no_stale_logins, "lastlog_old", "passwd", "shadow_status", "sshd_effective"),
    ENTRY(accounts_password_ageing_existing, "shadow_ageing"),
    ENTRY(accounts_password_hashing_strong, "login_defs"),
    ENTRY(accounts_password_max_days, "login_defs"),
    ENTRY(accounts_password_min_days, "login_defs"),
    ENTRY(accounts_password_min_length, "pwquality"),
    ENTRY(accounts_password_warn_age, "login_defs"),
    ENTRY(accounts_passwords_shadowed, "passwd_secrets"),
    ENTRY(accounts_shell_timeout, "shell_timeout", "passwd"),
    ENTRY(accounts_stored_hashes_strong, "shadow_status"),
    ENTRY(accounts_system_nologin, "passwd", "login_defs"),
    ENTRY(audit_auditd_active, "proc_comm"),
    ENTRY(audit_rules_identity, "audit_rules"),
    ENTRY(audit_rules_immutable, "audit_rules"),
    ENTRY(audit_rules_signing_keys, "audit_rules"),
    ENTRY(backup_job_scheduled, "backup_schedule"),
    ENTRY(backup_recent, "backup_marker"),
    ENTRY(boot_loader_config_private, "grub_modes"),
    ENTRY(boot_loader_password, "grub_password"),
    ENTRY(cron_jobs_root_only, "cron_perms"),
    ENTRY(firewall_default_deny_inbound, "firewall"),
    ENTRY(firewall_default_deny_outbound, "firewall"),
    ENTRY(firewall_enabled, "firewall"),
    ENTRY(flows_established_within_conduits, "net_listen"),
    ENTRY(flows_media_automount_disabled, "proc_comm"),
    ENTRY(flows_nfs_exports_restricted, "exports"),
    ENTRY(flows_no_cleartext_services, "net_listen", "proc_comm"),
    ENTRY(flows_no_remote_access_agents, "remote_agents", "net_listen"),
    ENTRY(flows_smb_no_guest, "smb_conf"),
    ENTRY(flows_snmp_v1v2_disabled, "proc_comm", "snmpd_conf"),
    ENTRY(fs_no_unowned_files, "find_unowned"),
    ENTRY(fs_passwd_permissions, "file_modes"),
    ENTRY(fs_setuid_expected, "find_setuid"),
    ENTRY(fs_shadow_permissions, "file_modes"),
    ENTRY(fs_tmp_hardened, "proc_mounts"),
    ENTRY(fs_uncommon_filesystems_disabled, "modules_blocked"),
    ENTRY(fs_world_writable_bounded, "find_world_writable"),
    ENTRY(fs_world_writable_dirs_sticky, "find_ww_dirs"),
    ENTRY(kernel_aslr_enabled, "sysctl_hardening"),
    ENTRY(kernel_core_dumps_restricted, "sysctl_hardening"),
    ENTRY(kernel_dmesg_restricted, "sysctl_hardening"),
    ENTRY(kernel_kptr_restricted, "sysctl_hardening"),
    ENTRY(kernel_ptrace_restricted, "sysctl_hardening"),
    ENTRY(kernel_uncommon_net_protocols_disabled, "modules_blocked"),
    ENTRY(logging_auth_events_recorded, "auth_logs"),
    ENTRY(logging_journald_persistent, "journald_conf"),
    ENTRY(logging_logfiles_private, "logfiles_perm"),
    ENTRY(logging_login_records, "login_records"),
    ENTRY(logging_remote_forwarding, "log_forwarding"),
    ENTRY(logging_rotation_configured, "logrotate", "journald_conf"),
    ENTRY(logging_system_logger_active, "proc_comm"),
    ENTRY(monitoring_integrity_scheduled, "integrity_tools"),
    ENTRY(monitoring_integrity_tool, "integrity_tools"),
    ENTRY(net_icmp_redirects_ignored, "sysctl_hardening"),
    ENTRY(net_ip_forwarding_disabled, "sysctl_forwarding"),
    ENTRY(net_ipv6_filtered, "sysctl_hardening", "firewall"),
    ENTRY(net_listening_services_allowed, "net_listen"),
    ENTRY(net_no_bridge_interfaces, "net_ifaces"),
    ENTRY(net_no_default_route, "proc_net_route"),
    ENTRY(net_no_wireless_interfaces, "net_ifaces"),
    ENTRY(net_not_multihomed, "proc_net_route"),
    ENTRY(net_rp_filter_enabled, "sysctl_hardening"),
    ENTRY(net_send_redirects_disabled, "sysctl_hardening"),
    ENTRY(net_source_route_rejected, "sysctl_hardening"),
    ENTRY(net_syncookies_enabled, "sysctl_hardening"),
    ENTRY0(net_zone_membership_consistent), /* reads no facts, only values and inventory variables */
    ENTRY(pam_su_restricted, "pam_su"),
    ENTRY(pkg_integrity_verified, "pkg_verify"),
    ENTRY(pkg_inventory, "pkg_count"),
    ENTRY(pkg_no_compilers_on_production, "compilers"),
    ENTRY(pkg_toolchain_verified, "toolchain_integrity"),
    ENTRY(recovery_config_versioned, "etc_vcs"),
    ENTRY(recovery_disk_headroom, "disk_usage"),
    ENTRY0(recovery_escalation_contact), /* reads no facts, only values and inventory variables */
    ENTRY(recovery_readonly_root, "proc_mounts"),
    ENTRY(service_avahi_disabled, "proc_comm", "net_listen"),
    ENTRY(service_cups_disabled, "proc_comm", "net_listen"),
    ENTRY(service_rpcbind_disabled, "proc_comm", "net_listen"),
    ENTRY(service_telnet_disabled, "net_listen", "telnet_config", "pkg_telnet"),
    ENTRY(signing_gnupg_private, "gnupg_dirs"),
    ENTRY(signing_keys_not_in_home, "home_private_keys"),
    ENTRY(signing_keys_not_readable, "signing_keys"),
    ENTRY(ssh_authorized_keys_private, "authorized_keys"),
    ENTRY(ssh_authorized_keys_strong, "authorized_keys"),
    ENTRY(ssh_disabled_account_keys, "authorized_keys", "shadow_ageing", "passwd", "sshd_effective"),
    ENTRY(ssh_root_keys_restricted, "authorized_keys"),
    ENTRY(sshd_access_restricted, "sshd_effective", "dropbear"),
    ENTRY(sshd_disable_empty_passwords, "sshd_effective", "dropbear"),
    ENTRY(sshd_disable_password_auth, "sshd_effective", "dropbear"),
    ENTRY(sshd_disable_root_login, "sshd_effective", "dropbear"),
    ENTRY(sshd_disable_tcp_forwarding, "sshd_effective", "dropbear"),
    ENTRY(sshd_disable_tunnel_device, "sshd_effective", "dropbear"),
    ENTRY(sshd_disable_x11_forwarding, "sshd_effective", "dropbear"),
    ENTRY(sshd_host_key_permissions, "file_modes"),
    ENTRY(sshd_idle_timeout, "sshd_effective", "dropbear"),
    ENTRY(sshd_login_grace_time, "sshd_effective", "dropbear"),
    ENTRY(sshd_max_auth_tries, "sshd_effective", "dropbear"),
    ENTRY(sshd_strong_ciphers, "sshd_effective", "dropbear"),
    ENTRY(sshd_strong_kex, "sshd_effective", "dropbear"),
    ENTRY(sshd_strong_macs, "sshd_effective", "dropbear"),
    ENTRY(sudo_commands_logged, "sudoers"),
    ENTRY(sudo_nopasswd_restricted, "sudoers"),
    ENTRY(sudo_use_pty, "sudoers"),
    ENTRY(time_sync_active, "time_sync", "proc_comm"),
    ENTRY(time_sync_servers_configured, "ntp_conf"),
    ENTRY(updates_automatic_enabled, "updates_auto"),
    ENTRY(updates_kernel_build_recent, "pkg_count", "kernel_build"),
    ENTRY(updates_kernel_current, "kernels"),
    ENTRY(updates_os_release_supported, "sys_os_release"),
    ENTRY(updates_package_index_recent, "pkg_index"),
    ENTRY(updates_reboot_not_pending, "reboot_required"),
    ENTRY(updates_security_pending_none, "security_pending"),
    ENTRY(updates_sources_signed, "pkg_sources"),
    ENTRY(usb_storage_disabled, "modules_usb"),
};
/* clang-format on */

const size_t fs_check_defs_count = sizeof fs_check_defs / sizeof fs_check_defs[0];

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct fs_check_def *)elem)->id);
}

const struct fs_check_def *fs_check_def_find(const char *id)
{
    FS_ASSERT_SORTED_ONCE(fs_check_defs, fs_check_defs_count, struct fs_check_def, id);
    return bsearch(id, fs_check_defs, fs_check_defs_count, sizeof fs_check_defs[0], cmp);
}
