/* SPDX-License-Identifier: Apache-2.0 */
/* Value formats: what a tailoring may set each value to, and a hostile tailoring refused. */
#include "../../checks/values.h"
#include "../../scanner/core/err.h"
#include "../../scanner/engine/benchmark.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static bool fits(enum fs_value_format f, const char *v)
{
    struct fs_buf why;
    fs_buf_init(&why, 1024);
    int rc = fs_value_check(f, v, &why);
    assert_true(rc == FS_OK ? why.len == 0 : why.len > 0); /* a refusal always says why */
    fs_buf_dispose(&why);
    return rc == FS_OK;
}

static void table_is_sorted_and_complete(void **state)
{
    (void)state;
    assert_true(fs_value_defs_count >= 25);
    for (size_t i = 1; i < fs_value_defs_count; i++)
        assert_true(strcmp(fs_value_defs[i - 1].id, fs_value_defs[i].id) < 0);
    for (size_t i = 0; i < fs_value_defs_count; i++)
        assert_ptr_equal(fs_value_def_find(fs_value_defs[i].id), &fs_value_defs[i]);
    assert_null(fs_value_def_find("var_not_declared"));
}

static void formats_admit_what_sites_write(void **state)
{
    (void)state;
    assert_true(fits(FS_VALUE_PACKAGES, "openssh-server libc6:amd64 g++ python3.11 glibc-common"));
    assert_true(fits(FS_VALUE_PATHS, "/opt/signing  /srv/sign_keys/v2\t/"));
    assert_true(fits(FS_VALUE_PATH, ""));
    assert_true(fits(FS_VALUE_CIDRS, "10.20.0.0/24 192.168.1.7 0.0.0.0/0"));
    assert_true(fits(FS_VALUE_PORTS, "tcp/22 udp/123 tcp/65535"));
    assert_true(fits(FS_VALUE_NAMES, "gitlab-runner build_1 machine$ svc.user"));
    assert_true(fits(FS_VALUE_HOST, "logs.example.com"));
    assert_true(fits(FS_VALUE_HOSTS, "10.0.0.1 fe80::1 ntp-1.site"));
    assert_true(fits(FS_VALUE_RELEASES, "debian:10 ubuntu:18.04 rhel:7"));
    assert_true(
        fits(FS_VALUE_PROGRAMS, "sudo /usr/lib/dbus-1.0/dbus-daemon-launch-helper Xorg.wrap"));
    assert_true(fits(FS_VALUE_INTEGER, "0"));
    assert_true(fits(FS_VALUE_INTEGER, "999999999"));
    assert_true(fits(FS_VALUE_BOOLEAN, "true"));
    assert_true(fits(FS_VALUE_COMMAND, "restic"));
}

static void formats_refuse_injection(void **state)
{
    (void)state;
    /* option injection into dpkg/rpm, find, stat, lastlog */
    assert_false(fits(FS_VALUE_PACKAGES, "sudo --pipe=touch${IFS}/tmp/x"));
    assert_false(fits(FS_VALUE_PACKAGES, "--admindir=/tmp/fake"));
    assert_false(fits(FS_VALUE_PACKAGES, "-r"));
    assert_false(fits(FS_VALUE_PATHS, "/opt/a -delete"));
    assert_false(fits(FS_VALUE_PATHS, "opt/relative"));
    assert_false(fits(FS_VALUE_PATH, "/a /b"));
    assert_false(fits(FS_VALUE_PATH, "/tmp/$(id)"));
    assert_false(fits(FS_VALUE_PATH, "/tmp/x'y"));
    assert_false(fits(FS_VALUE_PATH, "/tmp/a\x1b[2J"));
    assert_false(fits(FS_VALUE_INTEGER, "90; reboot"));
    assert_false(fits(FS_VALUE_INTEGER, "-1"));
    assert_false(fits(FS_VALUE_INTEGER, "1000000000"));
    assert_false(fits(FS_VALUE_INTEGER, ""));
    assert_false(fits(FS_VALUE_BOOLEAN, "yes"));
    assert_false(fits(FS_VALUE_CIDRS, "10.0.0.0/33"));
    assert_false(fits(FS_VALUE_CIDRS, "10.0.0.256"));
    assert_false(fits(FS_VALUE_CIDRS, "10.0.0/8"));
    assert_false(fits(FS_VALUE_PORTS, "tcp/0"));
    assert_false(fits(FS_VALUE_PORTS, "tcp/65536"));
    assert_false(fits(FS_VALUE_PORTS, "sctp/22"));
    assert_false(fits(FS_VALUE_NAMES, "-root"));
    assert_false(fits(FS_VALUE_NAMES, "ro$ot"));
    assert_false(fits(FS_VALUE_NAMES, "A$$")); /* found by the values fuzz target */
    assert_false(fits(FS_VALUE_HOST, "a.example b.example"));
    assert_false(fits(FS_VALUE_HOST, "-oProxyCommand=x"));
    assert_false(fits(FS_VALUE_HOSTS, "`reboot`"));
    assert_false(fits(FS_VALUE_RELEASES, "debian"));
    assert_false(fits(FS_VALUE_COMMAND, "rsync -a"));
    assert_false(fits(FS_VALUE_PROGRAMS, "su*"));
    char big[FS_VALUE_MAX_LEN + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_false(fits(FS_VALUE_PACKAGES, big));
    /* the reason shows the offending word, escaped */
    struct fs_buf why;
    fs_buf_init(&why, 1024);
    assert_int_equal(fs_value_check(FS_VALUE_PATH, "/tmp/\x1b]0;x\x07", &why), FS_ERR_INVAL);
    assert_null(strchr(fs_buf_cstr(&why), '\x1b'));
    assert_non_null(strstr(fs_buf_cstr(&why), "absolute path"));
    fs_buf_dispose(&why);
}

/* A tailoring whose value would become rpm options is refused before anything is scanned,
 * naming the file, the profile and the value; the shipped profiles all pass the same check. */
static void hostile_tailoring_is_refused(void **state)
{
    (void)state;
    char bench[4096], bad[4096];
    snprintf(bench, sizeof bench, "%s/floorscan-ditta-xccdf.xml", getenv("FS_PROFILES"));
    snprintf(bad, sizeof bad, "%s/tailoring-hostile.xml", getenv("FS_FIXTURES"));
    struct fs_benchmark *b = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 8192);
    assert_int_equal(fs_benchmark_load(&b, bench, &err), FS_OK);
    assert_int_equal(fs_benchmark_check_values(b, bench, &err), FS_OK);
    assert_int_equal(fs_benchmark_tailor(b, bad, &err), FS_ERR_INVAL);
    const char *msg = fs_buf_cstr(&err);
    assert_non_null(strstr(msg, "tailoring-hostile.xml"));
    assert_non_null(strstr(msg, "var_verify_packages"));
    assert_non_null(strstr(msg, "build-server"));
    assert_non_null(strstr(msg, "--pipe=touch${IFS}/tmp/x' is not a list of package names"));
    fs_benchmark_free(b);
    fs_buf_dispose(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_is_sorted_and_complete),
        cmocka_unit_test(formats_admit_what_sites_write),
        cmocka_unit_test(formats_refuse_injection),
        cmocka_unit_test(hostile_tailoring_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
