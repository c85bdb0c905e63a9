/* Every check implementation, one per catalog rule; registered in registry.c. */
#ifndef FS_CHECKS_H
#define FS_CHECKS_H

#include "check.h"

#define FS_CHECK(name) void fs_check_##name(const struct fs_check_ctx *ctx, struct fs_verdict *v)

FS_CHECK(accounts_default_umask);
FS_CHECK(accounts_groups_exist);
FS_CHECK(accounts_no_duplicate_names);
FS_CHECK(accounts_no_duplicate_uids);
FS_CHECK(accounts_no_empty_passwords);
FS_CHECK(accounts_no_extra_uid_zero);
FS_CHECK(accounts_no_generic_shared);
FS_CHECK(accounts_password_hashing_strong);
FS_CHECK(accounts_password_max_days);
FS_CHECK(accounts_password_min_days);
FS_CHECK(accounts_password_warn_age);
FS_CHECK(accounts_stored_hashes_strong);
FS_CHECK(accounts_system_nologin);
FS_CHECK(audit_auditd_active);
FS_CHECK(boot_loader_config_private);
FS_CHECK(flows_media_automount_disabled);
FS_CHECK(flows_no_cleartext_services);
FS_CHECK(fs_passwd_permissions);
FS_CHECK(fs_shadow_permissions);
FS_CHECK(kernel_aslr_enabled);
FS_CHECK(kernel_core_dumps_restricted);
FS_CHECK(kernel_dmesg_restricted);
FS_CHECK(kernel_kptr_restricted);
FS_CHECK(kernel_ptrace_restricted);
FS_CHECK(logging_system_logger_active);
FS_CHECK(net_icmp_redirects_ignored);
FS_CHECK(net_ip_forwarding_disabled);
FS_CHECK(net_listening_services_allowed);
FS_CHECK(net_no_bridge_interfaces);
FS_CHECK(net_no_default_route);
FS_CHECK(net_no_wireless_interfaces);
FS_CHECK(net_not_multihomed);
FS_CHECK(net_rp_filter_enabled);
FS_CHECK(net_send_redirects_disabled);
FS_CHECK(net_source_route_rejected);
FS_CHECK(net_syncookies_enabled);
FS_CHECK(recovery_disk_headroom);
FS_CHECK(recovery_escalation_contact);
FS_CHECK(recovery_readonly_root);
FS_CHECK(service_avahi_disabled);
FS_CHECK(service_cups_disabled);
FS_CHECK(service_rpcbind_disabled);
FS_CHECK(service_telnet_disabled);
FS_CHECK(sshd_access_restricted);
FS_CHECK(sshd_disable_empty_passwords);
FS_CHECK(sshd_disable_password_auth);
FS_CHECK(sshd_disable_root_login);
FS_CHECK(sshd_disable_tcp_forwarding);
FS_CHECK(sshd_disable_tunnel_device);
FS_CHECK(sshd_disable_x11_forwarding);
FS_CHECK(sshd_host_key_permissions);
FS_CHECK(sshd_idle_timeout);
FS_CHECK(sshd_login_grace_time);
FS_CHECK(sshd_max_auth_tries);
FS_CHECK(sshd_strong_ciphers);
FS_CHECK(sshd_strong_kex);
FS_CHECK(sshd_strong_macs);
FS_CHECK(time_sync_active);
FS_CHECK(updates_automatic_enabled);
FS_CHECK(updates_os_release_supported);
FS_CHECK(updates_reboot_not_pending);
FS_CHECK(updates_sources_signed);

#endif
