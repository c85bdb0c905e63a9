/* SPDX-License-Identifier: Apache-2.0 */
/* The collector on a stripped-down device (busybox without find, ss, lastlog or df; no
 * package manager; a file only root can read), under dash, bash and busybox ash: every fact
 * either proves its result or says why not, and no check passes or says notapplicable on a
 * fact that was not proven. The chroot gets its own pid namespace and /proc: the processes of
 * this machine (a fleet of dropbear devices, say) are not the device's. Needs root (chroot);
 * exits 77 (skip) otherwise. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/check.h"
#include "scanner/collect/registry.h"
#include "scanner/collect/script.h"
#include "scanner/core/err.h"
#include "tests/common/run_script.h"
#include "tests/common/values.h"

#define NONCE "0123456789abcdef0123456789abcdef"

static char root[64];
static struct fs_kvlist values;

/* Runs the collector with every fact in the stripped root; user is "" for root. */
static void collect(const char *shell, const char *user, struct fs_facts *f)
{
    const char **ids = calloc(fs_fact_defs_count, sizeof *ids);
    assert_non_null(ids);
    for (size_t i = 0; i < fs_fact_defs_count; i++)
        ids[i] = fs_fact_defs[i].id;
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    assert_int_equal(fs_script_build(&s, NONCE, ids, fs_fact_defs_count, &values), FS_OK);
    free(ids);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "unshare --mount --pid --fork --propagation private sh -c "
             "'mount -t proc proc %s/r/proc && "
             "mount --bind /sys %s/r/sys && exec chroot %s %s/r %s -s'",
             root, root, user, root, shell);
    const char *why = fs_test_run_script(cmd, &s, NONCE, f, NULL);
    if (why)
        fail_msg("%s as %s: %s", shell, *user ? user : "root", why);
    fs_buf_dispose(&s);
}

/* The invariant: pass and notapplicable only on proven facts. Returns the violations. */
static size_t unproven_verdicts(const struct fs_facts *f, const char *shell)
{
    size_t bad = 0;
    for (size_t k = 0; k < fs_check_defs_count; k++) {
        const struct fs_check_def *d = &fs_check_defs[k];
        struct fs_check_ctx ctx = {
            .facts = f, .values = &values, .host_vars = NULL, .scan_time = 0};
        struct fs_verdict v;
        fs_verdict_init(&v);
        fs_check_run(d, &ctx, &v);
        if (v.result == FS_RESULT_PASS || v.result == FS_RESULT_NOTAPPLICABLE)
            for (size_t i = 0; i < FS_CHECK_MAX_FACTS && d->facts[i]; i++)
                if (!fs_fact_proven(fs_facts_get(f, d->facts[i]))) {
                    print_error("%s: %s is %s on unproven fact %s: %s\n", shell, d->id,
                                fs_result_name(v.result), d->facts[i], fs_buf_cstr(&v.evidence));
                    bad++;
                }
        fs_verdict_dispose(&v);
    }
    return bad;
}

static void expect_problem(const struct fs_facts *f, const char *id, const char *why)
{
    const struct fs_fact *x = fs_facts_get(f, id);
    assert_non_null(x);
    if (fs_fact_proven(x) || !x->problem || !strstr(x->problem, why))
        fail_msg("fact %s: want unproven with '%s', got %s", id, why,
                 x->problem ? x->problem : "proven");
}

static void expect_verdict(const struct fs_facts *f, const char *rule, enum fs_result want,
                           const char *evidence)
{
    const struct fs_check_def *d = fs_check_def_find(rule);
    assert_non_null(d);
    struct fs_check_ctx ctx = {.facts = f, .values = &values, .host_vars = NULL, .scan_time = 0};
    struct fs_verdict v;
    fs_verdict_init(&v);
    fs_check_run(d, &ctx, &v);
    if (v.result != want || !strstr(fs_buf_cstr(&v.evidence), evidence))
        fail_msg("%s: want %s with '%s', got %s '%s'", rule, fs_result_name(want), evidence,
                 fs_result_name(v.result), fs_buf_cstr(&v.evidence));
    fs_verdict_dispose(&v);
}

/* modprobe.d as kmod reads it (stripped-root.sh): the name masked in /etc hides /usr/lib's file
 * of that name, the files of all directories are read in one order by name, a continued line is
 * not an install line. A kernel without module support (this machine's, say) proves the rare
 * protocols cannot be loaded; one with it leaves them to the configuration, and this device has
 * no modprobe. */
static void expect_modprobe_d(const struct fs_facts *f)
{
    const struct fs_fact *x = fs_facts_get(f, "modules_blocked");
    assert_non_null(x);
    assert_true(fs_fact_proven(x));
    const char *mb = x->data;
    assert_non_null(strstr(mb, "masked /etc/modprobe.d/uncommon.conf\n"));
    assert_null(strstr(mb, "install sctp"));
    assert_null(strstr(mb, "install hfs"));
    const char *vendor = strstr(mb, "cfile /usr/lib/modprobe.d/00-vendor.conf\n");
    const char *cis = strstr(mb, "cfile /lib/modprobe.d/zz-cis.conf\n");
    assert_true(vendor && cis && vendor < cis);
    assert_non_null(strstr(mb, "modprobe none\n"));
    if (access("/proc/modules", F_OK) != 0 && access("/proc/sys/kernel/modprobe", F_OK) != 0)
        expect_verdict(f, "kernel_uncommon_net_protocols_disabled", FS_RESULT_PASS,
                       "the kernel cannot load modules (no /proc/modules, no kernel/modprobe)");
    else
        expect_verdict(f, "kernel_uncommon_net_protocols_disabled", FS_RESULT_FAIL, "sctp");
}

static const char *const shells[] = {"/bin/dash", "/bin/bash", "/bin/busybox sh"};

static void stripped_device_as_root(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shells / sizeof shells[0]; i++) {
        struct fs_facts f;
        collect(shells[i], "", &f);
        assert_int_equal(f.uid, 0);
        /* the walks need find, which this device lacks: said, not read as "nothing found" */
        static const char *const walks[] = {"find_setuid",         "find_unowned",
                                            "find_world_writable", "find_ww_dirs",
                                            "home_private_keys",   "logfiles_perm"};
        /* busybox ash runs its own applets whatever PATH holds (standalone shell): there the
         * walks use busybox find, which has no -nouser: owners are compared by id instead */
        bool bb = strstr(shells[i], "busybox") != NULL;
        for (size_t w = 0; w < sizeof walks / sizeof walks[0]; w++)
            if (bb)
                assert_true(fs_fact_proven(fs_facts_get(&f, walks[w])));
            else
                expect_problem(&f, walks[w], "find is not installed");
        if (bb)
            assert_non_null(strstr(fs_facts_get(&f, "find_unowned")->data, "# by id"));
        expect_problem(&f, "lastlog_old", "lastlog is not installed");
        /* no df, or busybox df that finds no mount point for / in this chroot */
        expect_problem(&f, "disk_usage", "df ");
        /* what the device does have is proven */
        assert_true(fs_fact_proven(fs_facts_get(&f, "passwd")));
        assert_true(fs_fact_proven(fs_facts_get(&f, "proc_comm")));
        assert_true(fs_fact_proven(fs_facts_get(&f, "net_listen")));
        if (bb)
            expect_verdict(&f, "fs_no_unowned_files", FS_RESULT_FAIL, "/usr/bin/vendor-tool");
        else
            expect_verdict(&f, "fs_no_unowned_files", FS_RESULT_ERROR, "find is not installed");
        expect_verdict(&f, "accounts_no_stale_logins", FS_RESULT_ERROR, "lastlog");
        expect_verdict(&f, "recovery_disk_headroom", FS_RESULT_ERROR, "df");
        /* no sshd program, but a configuration: judged from it, not "not applicable" */
        expect_verdict(&f, "sshd_disable_root_login", FS_RESULT_PASS, "no sshd program found");
        expect_verdict(&f, "accounts_password_max_days", FS_RESULT_PASS, "90");
        /* the masked unit is no error; the vendor unit under /usr/lib is read */
        expect_verdict(&f, "accounts_no_autologin", FS_RESULT_FAIL,
                       "/usr/lib/systemd/system/serial-getty@.service: ExecStart=-/sbin/agetty "
                       "-8 -L -aroot");
        expect_modprobe_d(&f);
        assert_int_equal(unproven_verdicts(&f, shells[i]), 0);
        fs_facts_dispose(&f);
    }
}

static void stripped_device_as_user(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof shells / sizeof shells[0]; i++) {
        struct fs_facts f;
        collect(shells[i], "--userspec=1000:1000", &f);
        assert_int_equal(f.uid, 1000);
        /* a file that exists but cannot be read is not an absent setting */
        expect_problem(&f, "login_defs", "grep exited 2");
        expect_verdict(&f, "accounts_password_max_days", FS_RESULT_ERROR, "grep exited 2");
        assert_int_equal(fs_facts_get(&f, "shadow_status")->state, FS_FACT_NEEDS_ROOT);
        expect_verdict(&f, "accounts_no_empty_passwords", FS_RESULT_ERROR, "needs root");
        assert_int_equal(unproven_verdicts(&f, shells[i]), 0);
        fs_facts_dispose(&f);
    }
}

int main(void)
{
    if (geteuid() != 0) {
        /* CI runs as root (FS_CI=1 from scripts/test.sh): there a skip would hide a broken
         * setup. */
        const char *ci = getenv("FS_CI");
        if (ci && strcmp(ci, "1") == 0) {
            fprintf(stderr, "test_stripped: needs root (chroot), and FS_CI=1\n");
            return 1;
        }
        printf("test_stripped: needs root (chroot); skipped\n");
        return 77;
    }
    const char *mk = getenv("FS_STRIPPED_ROOT");
    if (!mk) {
        fprintf(stderr, "test_stripped: FS_STRIPPED_ROOT is not set (run under ctest)\n");
        return 1;
    }
    snprintf(root, sizeof root, "/tmp/fs-stripped-XXXXXX");
    if (!mkdtemp(root))
        return 1;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "sh %s %s/r", mk, root);
    int rc = system(cmd);
    fs_kvlist_init(&values);
    if (rc == 0 && fs_test_bind_all_values(&values, "build-server") == 0) {
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(stripped_device_as_root),
            cmocka_unit_test(stripped_device_as_user),
        };
        rc = cmocka_run_group_tests(tests, NULL, NULL);
    } else {
        fprintf(stderr, "test_stripped: could not build the stripped root\n");
        rc = 1;
    }
    fs_kvlist_dispose(&values);
    snprintf(cmd, sizeof cmd, "rm -rf --one-file-system %s", root);
    if (system(cmd) != 0)
        fprintf(stderr, "test_stripped: could not remove %s\n", root);
    return rc;
}
