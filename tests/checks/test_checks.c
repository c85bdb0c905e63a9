/* Fixture tests for every check: pass, fail and malformed or missing facts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "scanner/core/kv.h"

struct fix {
    const char *id;
    const char *data;
    int rc;
    enum fs_fact_state state;
};

struct tcase {
    const char *rule;
    const char *name;
    struct fix facts[4];
    const char *values; /* "name=value;name=value" */
    const char *role;
    enum fs_result expect;
    const char *evidence; /* substring the evidence must hold */
};

#define SSHD_OK                                                                                    \
    "port 22\npermitrootlogin no\npasswordauthentication no\nkbdinteractiveauthentication no\n"    \
    "permitemptypasswords no\n"
#define SSHD_BAD                                                                                   \
    "permitrootlogin yes\npasswordauthentication yes\nkbdinteractiveauthentication no\n"           \
    "permitemptypasswords yes\n"
#define TCP_HDR                                                                                    \
    "# tcp\n  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
#define LISTEN22 "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0\n"
#define LISTEN23 "   1: 0100000A:0017 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0\n"
#define CONN23   "   2: 0100000A:0017 0200000A:C350 01 00000000:00000000 00:00000000 00000000 0\n"

static const struct tcase cases[] = {
    /* sshd_disable_root_login */
    {"sshd_disable_root_login",
     "pass",
     {{"sshd_effective", SSHD_OK, 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "permitrootlogin no"},
    {"sshd_disable_root_login",
     "fail yes",
     {{"sshd_effective", SSHD_BAD, 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "permitrootlogin yes"},
    {"sshd_disable_root_login",
     "fail prohibit-password",
     {{"sshd_effective", "permitrootlogin prohibit-password\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "prohibit-password"},
    {"sshd_disable_root_login",
     "malformed: key missing",
     {{"sshd_effective", "\x01\x02garbage\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "missing"},
    {"sshd_disable_root_login",
     "sshd -T failed",
     {{"sshd_effective", "Missing privilege separation directory: /run/sshd\r\n", 255, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "privilege separation"},
    {"sshd_disable_root_login",
     "no sshd",
     {{"sshd_effective", "", 127, 0}},
     NULL,
     NULL,
     FS_RESULT_NOTAPPLICABLE,
     "no OpenSSH"},
    {"sshd_disable_root_login",
     "not root",
     {{"sshd_effective", "", -1, FS_FACT_NEEDS_ROOT}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "become: true"},
    {"sshd_disable_root_login",
     "fact absent",
     {{NULL, NULL, 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "not collected"},
    {"sshd_disable_root_login",
     "truncated",
     {{"sshd_effective", "permitrootlogin no\n", 141, FS_FACT_TRUNCATED}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "size cap"},
    /* sshd_disable_password_auth */
    {"sshd_disable_password_auth",
     "pass",
     {{"sshd_effective", SSHD_OK, 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "kbdinteractiveauthentication no"},
    {"sshd_disable_password_auth",
     "fail",
     {{"sshd_effective", SSHD_BAD, 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "passwordauthentication yes"},
    {"sshd_disable_password_auth",
     "fail kbdinteractive",
     {{"sshd_effective", "passwordauthentication no\nkbdinteractiveauthentication yes\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "kbdinteractiveauthentication yes"},
    {"sshd_disable_password_auth",
     "legacy openssh",
     {{"sshd_effective", "passwordauthentication no\nchallengeresponseauthentication no\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "challengeresponseauthentication no"},
    {"sshd_disable_password_auth",
     "malformed",
     {{"sshd_effective", "passwordauth", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "missing"},
    /* sshd_disable_empty_passwords */
    {"sshd_disable_empty_passwords",
     "pass",
     {{"sshd_effective", SSHD_OK, 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "permitemptypasswords no"},
    {"sshd_disable_empty_passwords",
     "fail",
     {{"sshd_effective", SSHD_BAD, 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "permitemptypasswords yes"},
    {"sshd_disable_empty_passwords",
     "malformed",
     {{"sshd_effective", "", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "missing"},
    /* service_telnet_disabled */
    {"service_telnet_disabled",
     "pass",
     {{"net_listen", TCP_HDR LISTEN22 CONN23, 0, 0},
      {"telnet_config", "xinetd disabled\n", 0, 0},
      {"pkg_telnet", "# dpkg\ntelnetd deinstall ok config-files\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "no telnet server"},
    {"service_telnet_disabled",
     "fail listening",
     {{"net_listen", TCP_HDR LISTEN22 LISTEN23, 0, 0},
      {"telnet_config", "", 0, 0},
      {"pkg_telnet", "", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "tcp/23 listening on 10.0.0.1"},
    {"service_telnet_disabled",
     "fail inetd",
     {{"net_listen", TCP_HDR LISTEN22, 0, 0},
      {"telnet_config", "inetd telnet stream tcp nowait root /usr/sbin/in.telnetd\n", 0, 0},
      {"pkg_telnet", "# rpm\ntelnet-server installed\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "package telnet-server installed"},
    {"service_telnet_disabled",
     "fail xinetd",
     {{"net_listen", TCP_HDR, 0, 0},
      {"telnet_config", "xinetd enabled\n", 0, 0},
      {"pkg_telnet", "# dpkg\ninetutils-telnetd install ok installed\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "xinetd telnet service enabled"},
    {"service_telnet_disabled",
     "malformed sockets",
     {{"net_listen", TCP_HDR "   0: ZZZZ:0017 junk 0A\n", 0, 0},
      {"telnet_config", "", 0, 0},
      {"pkg_telnet", "", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "could not parse"},
    {"service_telnet_disabled",
     "fact missing",
     {{"net_listen", TCP_HDR, 0, 0}, {"telnet_config", "", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "pkg_telnet"},
    /* net_ip_forwarding_disabled */
    {"net_ip_forwarding_disabled",
     "pass",
     {{"sysctl_forwarding",
       "/proc/sys/net/ipv4/ip_forward 0\n/proc/sys/net/ipv6/conf/all/forwarding 0\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "net/ipv4/ip_forward=0"},
    {"net_ip_forwarding_disabled",
     "pass without ipv6",
     {{"sysctl_forwarding", "/proc/sys/net/ipv4/ip_forward 0\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "ip_forward=0"},
    {"net_ip_forwarding_disabled",
     "fail v6",
     {{"sysctl_forwarding",
       "/proc/sys/net/ipv4/ip_forward 0\n/proc/sys/net/ipv6/conf/all/forwarding 1\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "net/ipv6/conf/all/forwarding=1"},
    {"net_ip_forwarding_disabled",
     "router role",
     {{"sysctl_forwarding", "/proc/sys/net/ipv4/ip_forward 1\n", 0, 0}},
     NULL,
     "router",
     FS_RESULT_NOTAPPLICABLE,
     "router"},
    {"net_ip_forwarding_disabled",
     "malformed",
     {{"sysctl_forwarding", "/proc/sys/net/ipv4/ip_forward $(reboot)\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "could not read"},
    /* accounts_no_empty_passwords */
    {"accounts_no_empty_passwords",
     "pass",
     {{"shadow_status", "root:$y$\ndaemon:locked\naudit:$6$\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "3 accounts"},
    {"accounts_no_empty_passwords",
     "fail",
     {{"shadow_status", "root:$y$\noperator:empty\nqa:empty\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "operator, qa"},
    {"accounts_no_empty_passwords",
     "malformed",
     {{"shadow_status", "root$y$\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "malformed"},
    {"accounts_no_empty_passwords",
     "unreadable",
     {{"shadow_status", "", 2, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "could not be read"},
    {"accounts_no_empty_passwords",
     "hostile name",
     {{"shadow_status", "root:$y$\n\x1b[31mx$(id):empty\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "\\x1b[31mx$(id)"},
    /* accounts_no_extra_uid_zero */
    {"accounts_no_extra_uid_zero",
     "pass",
     {{"passwd", "root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/:/usr/sbin/nologin\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "2 accounts"},
    {"accounts_no_extra_uid_zero",
     "fail",
     {{"passwd", "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "toor"},
    {"accounts_no_extra_uid_zero",
     "malformed",
     {{"passwd", "root:x:0:0\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "malformed"},
    /* accounts_password_max_days */
    {"accounts_password_max_days",
     "pass",
     {{"login_defs", "PASS_MAX_DAYS\t60\nPASS_MIN_DAYS 1\n", 0, 0}},
     "var_password_max_days=90",
     NULL,
     FS_RESULT_PASS,
     "PASS_MAX_DAYS 60"},
    {"accounts_password_max_days",
     "fail",
     {{"login_defs", "PASS_MAX_DAYS 99999\n", 0, 0}},
     "var_password_max_days=365",
     NULL,
     FS_RESULT_FAIL,
     "99999 exceeds the limit of 365"},
    {"accounts_password_max_days",
     "last setting wins",
     {{"login_defs", "PASS_MAX_DAYS 30\n  PASS_MAX_DAYS 400\n", 0, 0}},
     "var_password_max_days=365",
     NULL,
     FS_RESULT_FAIL,
     "400"},
    {"accounts_password_max_days",
     "not set",
     {{"login_defs", "PASS_MIN_DAYS 1\n", 0, 0}},
     "var_password_max_days=365",
     NULL,
     FS_RESULT_FAIL,
     "not set"},
    {"accounts_password_max_days",
     "no login.defs",
     {{"login_defs", "# missing /etc/login.defs\n", 0, 0}},
     "var_password_max_days=365",
     NULL,
     FS_RESULT_FAIL,
     "no /etc/login.defs"},
    {"accounts_password_max_days",
     "malformed",
     {{"login_defs", "PASS_MAX_DAYS ninety\n", 0, 0}},
     "var_password_max_days=365",
     NULL,
     FS_RESULT_ERROR,
     "not a number"},
    {"accounts_password_max_days",
     "value unbound",
     {{"login_defs", "PASS_MAX_DAYS 30\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "var_password_max_days"},
    /* updates_automatic_enabled */
    {"updates_automatic_enabled",
     "pass debian",
     {{"updates_auto",
       "dpkg unattended-upgrades install ok installed\napt APT::Periodic \"\";\n"
       "apt APT::Periodic::Update-Package-Lists \"1\";\n"
       "apt APT::Periodic::Unattended-Upgrade \"1\";\n",
       0, 0}},
     "var_updates_managed_centrally=false",
     NULL,
     FS_RESULT_PASS,
     "Unattended-Upgrade \"1\""},
    {"updates_automatic_enabled",
     "pass dnf",
     {{"updates_auto", "timer dnf-automatic-install.timer enabled\n", 0, 0}},
     "var_updates_managed_centrally=false",
     NULL,
     FS_RESULT_PASS,
     "dnf-automatic"},
    {"updates_automatic_enabled",
     "fail disabled",
     {{"updates_auto",
       "dpkg unattended-upgrades install ok installed\n"
       "apt APT::Periodic::Unattended-Upgrade \"0\";\n",
       0, 0}},
     "var_updates_managed_centrally=false",
     NULL,
     FS_RESULT_FAIL,
     "\"0\""},
    {"updates_automatic_enabled",
     "fail absent",
     {{"updates_auto", "dpkg unattended-upgrades \n", 0, 0}},
     "var_updates_managed_centrally=false",
     NULL,
     FS_RESULT_FAIL,
     "no automatic update"},
    {"updates_automatic_enabled",
     "managed centrally",
     {{"updates_auto", "", 0, 0}},
     "var_updates_managed_centrally=true",
     NULL,
     FS_RESULT_NOTAPPLICABLE,
     "change control"},
    {"updates_automatic_enabled",
     "fact missing",
     {{NULL, NULL, 0, 0}},
     "var_updates_managed_centrally=false",
     NULL,
     FS_RESULT_ERROR,
     "not collected"},
    {"updates_automatic_enabled",
     "malformed",
     {{"updates_auto", "\xff\xfe apt APT::Periodic::Unattended-Upgrade \"1\n", 0, 0}},
     "var_updates_managed_centrally=false",
     NULL,
     FS_RESULT_FAIL,
     "no automatic update"},
    /* logging_system_logger_active */
    {"logging_system_logger_active",
     "pass",
     {{"proc_comm", "init\nsshd\nrsyslogd\nsystemd-journal\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "rsyslogd, systemd-journal"},
    {"logging_system_logger_active",
     "pass busybox",
     {{"proc_comm", "init\nsyslogd\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_PASS,
     "syslogd"},
    {"logging_system_logger_active",
     "fail",
     {{"proc_comm", "init\nsshd\nrsyslogd-not\n", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_FAIL,
     "3 processes"},
    {"logging_system_logger_active",
     "malformed empty",
     {{"proc_comm", "", 0, 0}},
     NULL,
     NULL,
     FS_RESULT_ERROR,
     "empty"},
};

static void run_case(const struct tcase *c)
{
    struct fs_facts facts;
    struct fs_kvlist values, host;
    fs_facts_init(&facts);
    fs_kvlist_init(&values);
    fs_kvlist_init(&host);
    for (size_t i = 0; i < 4 && c->facts[i].id; i++)
        fs_facts_put(&facts, c->facts[i].id, c->facts[i].data, strlen(c->facts[i].data),
                     c->facts[i].rc, c->facts[i].state);
    if (c->values) {
        char *copy = strdup(c->values), *save = NULL;
        for (char *kv = strtok_r(copy, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(kv, '=');
            *eq = '\0';
            fs_kvlist_set(&values, kv, eq + 1);
        }
        free(copy);
    }
    if (c->role)
        fs_kvlist_set(&host, "role", c->role);
    const struct fs_check_def *def = fs_check_def_find(c->rule);
    if (!def)
        fail_msg("no check %s", c->rule);
    struct fs_check_ctx ctx = {&facts, &values, &host};
    struct fs_verdict v;
    fs_verdict_init(&v);
    fs_check_run(def, &ctx, &v);
    const char *ev = fs_buf_cstr(&v.evidence);
    if (v.result != c->expect || !strstr(ev, c->evidence))
        fail_msg("%s [%s]: got %s '%s', want %s containing '%s'", c->rule, c->name,
                 fs_result_name(v.result), ev, fs_result_name(c->expect), c->evidence);
    for (const char *p = ev; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            fail_msg("%s [%s]: evidence holds a raw control byte", c->rule, c->name);
    fs_verdict_dispose(&v);
    fs_facts_dispose(&facts);
    fs_kvlist_dispose(&values);
    fs_kvlist_dispose(&host);
}

static void all_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
}

/* Every check has a passing, a failing and an error case above. */
static void every_check_covered_both_ways(void **state)
{
    (void)state;
    for (size_t k = 0; k < fs_check_defs_count; k++) {
        bool pass = false, fail = false, error = false;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            if (strcmp(cases[i].rule, fs_check_defs[k].id) != 0)
                continue;
            pass |= cases[i].expect == FS_RESULT_PASS;
            fail |= cases[i].expect == FS_RESULT_FAIL;
            error |= cases[i].expect == FS_RESULT_ERROR;
        }
        if (!pass || !fail || !error)
            fail_msg("check %s lacks a pass, fail or error fixture", fs_check_defs[k].id);
    }
}

/* Megabytes of junk with NUL bytes and huge lines never crash a check. */
static void junk_facts_never_crash(void **state)
{
    (void)state;
    size_t n = 3u << 20;
    char *junk = malloc(n);
    for (size_t i = 0; i < n; i++)
        junk[i] = (char)((i * 2654435761u) >> 13);
    for (size_t k = 0; k < fs_check_defs_count; k++) {
        struct fs_facts facts;
        fs_facts_init(&facts);
        for (size_t f = 0; f < FS_CHECK_MAX_FACTS && fs_check_defs[k].facts[f]; f++)
            fs_facts_put(&facts, fs_check_defs[k].facts[f], junk, n, 0, FS_FACT_OK);
        struct fs_kvlist values;
        fs_kvlist_init(&values);
        fs_kvlist_set(&values, "var_password_max_days", "365");
        struct fs_check_ctx ctx = {&facts, &values, NULL};
        struct fs_verdict v;
        fs_verdict_init(&v);
        fs_check_run(&fs_check_defs[k], &ctx, &v);
        assert_true(v.evidence.len <= FS_EVIDENCE_MAX + 64);
        if (v.result == FS_RESULT_PASS)
            fail_msg("check %s passed on junk facts", fs_check_defs[k].id);
        fs_verdict_dispose(&v);
        fs_kvlist_dispose(&values);
        fs_facts_dispose(&facts);
    }
    free(junk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(all_cases),
        cmocka_unit_test(every_check_covered_both_ways),
        cmocka_unit_test(junk_facts_never_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
