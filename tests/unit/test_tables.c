/* SPDX-License-Identifier: Apache-2.0 */
/* Registration tables stay sorted and unique, and checks, facts and rules agree. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "reports/report.h"
#include "scanner/cli.h"
#include "scanner/collect/registry.h"
#include "scanner/core/err.h"
#include "scanner/engine/benchmark.h"
#include "scanner/transport/transport.h"

static void fact_registry_sorted_unique(void **state)
{
    (void)state;
    for (size_t i = 1; i < fs_fact_defs_count; i++)
        if (strcmp(fs_fact_defs[i - 1].id, fs_fact_defs[i].id) >= 0)
            fail_msg("facts out of order: %s, %s", fs_fact_defs[i - 1].id, fs_fact_defs[i].id);
    for (size_t i = 0; i < fs_fact_defs_count; i++)
        assert_ptr_equal(fs_fact_def_find(fs_fact_defs[i].id), &fs_fact_defs[i]);
}

static void check_registry_sorted_and_facts_exist(void **state)
{
    (void)state;
    for (size_t i = 1; i < fs_check_defs_count; i++)
        if (strcmp(fs_check_defs[i - 1].id, fs_check_defs[i].id) >= 0)
            fail_msg("checks out of order: %s, %s", fs_check_defs[i - 1].id, fs_check_defs[i].id);
    for (size_t i = 0; i < fs_check_defs_count; i++) {
        assert_ptr_equal(fs_check_def_find(fs_check_defs[i].id), &fs_check_defs[i]);
        for (size_t k = 0; k < FS_CHECK_MAX_FACTS && fs_check_defs[i].facts[k]; k++)
            if (!fs_fact_def_find(fs_check_defs[i].facts[k]))
                fail_msg("check %s reads unknown fact %s", fs_check_defs[i].id,
                         fs_check_defs[i].facts[k]);
    }
}

static void transports_and_writers_found(void **state)
{
    (void)state;
    assert_ptr_equal(fs_transport_find("local"), &fs_transport_local);
    assert_ptr_equal(fs_transport_find("ssh"), &fs_transport_ssh);
    assert_null(fs_transport_find("telnet"));
    assert_string_equal(fs_report_writer_find("json")->file, "results.json");
    assert_string_equal(fs_report_writer_find("xccdf")->file, "results-xccdf.xml");
    assert_string_equal(fs_report_writer_find("junit")->file, "results-junit.xml");
    assert_string_equal(fs_report_writer_find("csv")->file, "results.csv");
    assert_string_equal(fs_report_writer_find("arf")->file, "results-arf.xml");
    assert_null(fs_report_writer_find("pdf"));
    assert_true(fs_report_format_known("html"));
    assert_false(fs_report_format_known("pdf"));
}

/* The sub-command table of scanner/commands.c: bsearch finds every command only while the
 * table is sorted and unique. A command without a usage line is one not available yet: it
 * exits 2 (tests/cli/run.sh checks its message and that --help leaves it out). */
static void commands_sorted_unique_and_found(void **state)
{
    (void)state;
    size_t n = 0;
    const struct fs_cli_command *c = fs_cli_commands(&n);
    assert_true(n >= 7);
    for (size_t i = 1; i < n; i++)
        if (strcmp(c[i - 1].name, c[i].name) >= 0)
            fail_msg("sub-commands out of order or repeated: %s, %s", c[i - 1].name, c[i].name);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(c[i].run);
        assert_ptr_equal(fs_cli_command_find(c[i].name), &c[i]);
        if (c[i].usage && strncmp(c[i].usage, c[i].name, strlen(c[i].name)) != 0)
            fail_msg("usage of %s does not start with its name: %s", c[i].name, c[i].usage);
    }
    const char *available[] = {"inventory", "merge", "profiles", "report",
                               "rules",     "scan",  "script",   "verify"};
    for (size_t i = 0; i < sizeof available / sizeof available[0]; i++) {
        const struct fs_cli_command *f = fs_cli_command_find(available[i]);
        assert_non_null(f);
        assert_non_null(f->usage);
    }
    assert_null(fs_cli_command_find("scans"));
    assert_null(fs_cli_command_find(""));
    assert_null(fs_cli_command_find("zzz"));
}

static void every_rule_has_a_check_and_every_check_a_rule(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_benchmark *b = NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/floorscan-ditta-xccdf.xml", getenv("FS_PROFILES"));
    assert_int_equal(fs_benchmark_load(&b, path, &err), FS_OK);
    static const char *const fixed[] = {
        "sshd_disable_root_login",     "sshd_disable_password_auth", "sshd_disable_empty_passwords",
        "service_telnet_disabled",     "net_ip_forwarding_disabled", "accounts_no_empty_passwords",
        "accounts_no_extra_uid_zero",  "accounts_password_max_days", "updates_automatic_enabled",
        "logging_system_logger_active"};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (!fs_benchmark_rule(b, fixed[i]))
            fail_msg("fixed rule %s is missing from the benchmark", fixed[i]);
    for (size_t i = 0; i < b->nrules; i++) {
        if (b->rules[i].manual) {
            if (!b->rules[i].question || !b->rules[i].question[0])
                fail_msg("manual rule %s has no question", b->rules[i].short_id);
            continue;
        }
        if (!b->rules[i].check)
            fail_msg("rule %s has no check implementation", b->rules[i].short_id);
        assert_string_equal(b->rules[i].check->id, b->rules[i].short_id);
        if (b->rules[i].nrefs == 0)
            fail_msg("rule %s has no reference", b->rules[i].short_id);
    }
    for (size_t i = 0; i < fs_check_defs_count; i++)
        if (!fs_benchmark_rule(b, fs_check_defs[i].id))
            fail_msg("check %s has no rule in the benchmark", fs_check_defs[i].id);
    fs_benchmark_free(b);
    fs_buf_dispose(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fact_registry_sorted_unique),
        cmocka_unit_test(check_registry_sorted_and_facts_exist),
        cmocka_unit_test(transports_and_writers_found),
        cmocka_unit_test(commands_sorted_unique_and_found),
        cmocka_unit_test(every_rule_has_a_check_and_every_check_a_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
