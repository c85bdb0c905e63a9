/* Every check implementation, one per catalog rule; registered in registry.c. */
#ifndef FS_CHECKS_H
#define FS_CHECKS_H

#include "check.h"

#define FS_CHECK(name) void fs_check_##name(const struct fs_check_ctx *ctx, struct fs_verdict *v)

FS_CHECK(accounts_no_empty_passwords);
FS_CHECK(accounts_no_extra_uid_zero);
FS_CHECK(accounts_password_max_days);
FS_CHECK(logging_system_logger_active);
FS_CHECK(net_ip_forwarding_disabled);
FS_CHECK(service_telnet_disabled);
FS_CHECK(sshd_disable_empty_passwords);
FS_CHECK(sshd_disable_password_auth);
FS_CHECK(sshd_disable_root_login);
FS_CHECK(updates_automatic_enabled);

#endif
