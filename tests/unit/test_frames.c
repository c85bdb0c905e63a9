/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for the collector script builder and the frame parser, including hostile output
 * and running the script under real shells (dash as /bin/sh, busybox sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scanner/collect/registry.h"
#include "tests/common/run_script.h"
#include "scanner/collect/script.h"
#include "scanner/core/err.h"

#define NONCE "0123456789abcdef0123456789abcdef"
#define M     "@@FS-" NONCE

static void script_holds_only_requested_facts(void **state)
{
    (void)state;
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    const char *ids[] = {"passwd", "passwd", "sshd_effective"};
    assert_int_equal(fs_script_build(&s, NONCE, ids, 3, NULL), FS_OK);
    const char *t = fs_buf_cstr(&s);
    assert_non_null(strstr(t, "fs_emit passwd "));
    assert_null(strstr(strstr(t, "fs_emit passwd ") + 1, "fs_emit passwd ")); /* once */
    assert_non_null(strstr(t, "fs_root sshd_effective "));
    assert_non_null(strstr(t, "fs_emit sys_os_release "));
    assert_null(strstr(t, "shadow_status"));
    assert_non_null(strstr(t, "M='" M "'"));
    /* slow facts (file-system walks, as the one shared walk) come after the quick ones */
    fs_buf_reset(&s);
    const char *order[] = {"find_setuid", "passwd"};
    assert_int_equal(fs_script_build(&s, NONCE, order, 2, NULL), FS_OK);
    assert_non_null(strstr(fs_buf_cstr(&s), "\nfs_emit walk "));
    assert_true(strstr(fs_buf_cstr(&s), "fs_emit passwd ") <
                strstr(fs_buf_cstr(&s), "fs_emit walk "));
    /* the per-fact time limit reaches the collector's watchdog; 30 s unless --fact-timeout */
    assert_non_null(strstr(fs_buf_cstr(&s), "\nfs_limit=30\n"));
    fs_buf_reset(&s);
    assert_int_equal(fs_script_build_timed(&s, NONCE, order, 2, NULL, 7), FS_OK);
    assert_non_null(strstr(fs_buf_cstr(&s), "\nfs_limit=7\n"));
    const char *unknown[] = {"no_such_fact"};
    fs_buf_reset(&s);
    assert_int_equal(fs_script_build(&s, NONCE, unknown, 1, NULL), FS_ERR_NOTFOUND);
    fs_buf_dispose(&s);
}

static void parses_frames(void **state)
{
    (void)state;
    static const char out[] = "\n" M " H 0\n"
                              "\n" M " B passwd\nroot:x:0:0::/root:/bin/sh\n\n" M " E passwd 0\n"
                              "\n" M " B login_defs\n\n" M " E login_defs 2\n"
                              "\n" M " S shadow_status\n"
                              "\n" M " Z\n";
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(out, sizeof out - 1, NONCE, &f), FS_OK);
    assert_true(f.started);
    assert_true(f.complete);
    assert_int_equal(f.uid, 0);
    const struct fs_fact *p = fs_facts_get(&f, "passwd");
    assert_non_null(p);
    assert_int_equal(p->rc, 0);
    assert_string_equal(p->data, "root:x:0:0::/root:/bin/sh\n");
    const struct fs_fact *l = fs_facts_get(&f, "login_defs");
    assert_int_equal(l->len, 0);
    assert_int_equal(l->rc, 2);
    assert_int_equal(fs_facts_get(&f, "shadow_status")->state, FS_FACT_NEEDS_ROOT);
    fs_facts_dispose(&f);
}

static void forged_frames_are_content(void **state)
{
    (void)state;
    /* A hostile file prints frames with a guessed nonce, and an end marker mid-line. */
    static const char out[] = "\n" M " H 0\n"
                              "\n" M " B passwd\n"
                              "@@FS-ffffffffffffffffffffffffffffffff E passwd 0\n"
                              "@@FS-ffffffffffffffffffffffffffffffff B shadow_status\nroot:empty\n"
                              "x" M " E passwd 0\n"
                              "\n" M " E other 0\n"
                              "evil:x:0:0::/:/bin/sh\n"
                              "\n" M " E passwd 0\n"
                              "\n" M " Z\n";
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(out, sizeof out - 1, NONCE, &f), FS_OK);
    const struct fs_fact *p = fs_facts_get(&f, "passwd");
    assert_non_null(p);
    assert_non_null(strstr(p->data, "evil:x:0:0"));
    assert_non_null(strstr(p->data, "x" M " E passwd 0"));
    assert_null(fs_facts_get(&f, "shadow_status"));
    assert_null(fs_facts_get(&f, "other"));
    fs_facts_dispose(&f);
}

static void cut_output_keeps_finished_facts(void **state)
{
    (void)state;
    static const char out[] = "\n" M " H 1000\n"
                              "\n" M " B passwd\nroot:x:0:0::/root:/bin/sh\n\n" M " E passwd 0\n"
                              "\n" M " B proc_comm\nsshd\nrsys";
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(out, sizeof out - 1, NONCE, &f), FS_OK);
    assert_false(f.complete);
    assert_int_equal(f.uid, 1000);
    assert_non_null(fs_facts_get(&f, "passwd"));
    assert_null(fs_facts_get(&f, "proc_comm"));
    fs_facts_dispose(&f);
}

static void oversized_fact_is_truncated(void **state)
{
    (void)state;
    size_t big = FS_FACT_MAX_BYTES + 1;
    struct fs_buf b;
    fs_buf_init(&b, big + 4096);
    assert_int_equal(fs_buf_adds(&b, "\n" M " H 0\n\n" M " B login_defs\n"), FS_OK);
    for (size_t i = 0; i < big; i++)
        assert_int_equal(fs_buf_add(&b, i % 97 == 0 ? "\0" : "A", 1), FS_OK);
    assert_int_equal(fs_buf_adds(&b, "\n" M " E login_defs 141\n"), FS_OK);
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(b.data, b.len, NONCE, &f), FS_OK);
    const struct fs_fact *p = fs_facts_get(&f, "login_defs");
    assert_int_equal(p->state, FS_FACT_TRUNCATED);
    assert_int_equal(p->len, FS_FACT_MAX_BYTES);
    fs_facts_dispose(&f);
    fs_buf_dispose(&b);
}

static void junk_without_frames_is_an_error(void **state)
{
    (void)state;
    unsigned char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 131 + 7);
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse((const char *)junk, sizeof junk, NONCE, &f), FS_ERR_PARSE);
    assert_int_equal(fs_frames_parse("", 0, NONCE, &f), FS_ERR_PARSE);
    assert_int_equal(f.n, 0);
    fs_facts_dispose(&f);
}

/* Runs the real script under a shell and parses what it printed. */
static void run_under(const char *shell)
{
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    const char *ids[] = {"passwd", "net_listen", "sysctl_forwarding", "proc_comm"};
    assert_int_equal(fs_script_build(&s, NONCE, ids, 4, NULL), FS_OK);
    struct fs_facts f;
    const char *why = fs_test_run_script(shell, &s, NONCE, &f, NULL);
    if (why)
        fail_msg("%s: %s", shell, why);
    assert_true(f.complete);
    assert_int_equal(f.uid, (long)geteuid()); /* the script runs as this test */
    const struct fs_fact *pw = fs_facts_get(&f, "passwd");
    assert_non_null(pw);
    assert_int_equal(pw->rc, 0);
    assert_non_null(strstr(pw->data, "root:"));
    assert_non_null(strstr(fs_facts_get(&f, "net_listen")->data, "# tcp"));
    assert_non_null(strstr(fs_facts_get(&f, "sysctl_forwarding")->data, "ip_forward"));
    assert_non_null(fs_facts_get(&f, "sys_kernel"));
    fs_facts_dispose(&f);
    fs_buf_dispose(&s);
}

static void script_runs_under_sh(void **state)
{
    (void)state;
    run_under("/bin/sh -s");
}

static void script_runs_under_busybox(void **state)
{
    (void)state;
    /* The test command installs busybox: its absence fails here rather than skip. */
    assert_int_equal(access("/bin/busybox", X_OK), 0);
    /* busybox ash parses and runs the same script (the fleet tests a whole busybox device). */
    run_under("/bin/busybox sh -s");
}

/* Runs the prologue plus extra shell text under a shell; returns the parsed facts. */
static void run_text(const char *shell, const char *extra, struct fs_facts *f)
{
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    assert_int_equal(fs_script_build(&s, NONCE, NULL, 0, NULL), FS_OK);
    /* Drop the final "Z" frame line, add the test's facts, end the script again. */
    char *z = strstr(s.data, "printf '\\n%s Z\\n'");
    assert_non_null(z);
    s.len = (size_t)(z - s.data);
    s.data[s.len] = '\0';
    assert_int_equal(fs_buf_adds(&s, extra), FS_OK);
    assert_int_equal(fs_buf_adds(&s, "printf '\\n%s Z\\n' \"$M\"\n"), FS_OK);
    const char *why = fs_test_run_script(shell, &s, NONCE, f, NULL);
    if (why)
        fail_msg("%s: %s", shell, why);
    fs_buf_dispose(&s);
}

/* The shells the collector must work under; busybox and dash are installed by the test
 * command, so their absence is a failure here, not a skip. */
static const char *const shells[] = {"/bin/dash -s", "/bin/bash -s", "/bin/busybox sh -s"};

/* Proof of probe: a pipe whose producer is missing, refuses an option or fails reads as
 * unproven, with the reason, although the pipe's own status (its last filter's) is 0. */
static void probes_prove_or_explain(void **state)
{
    (void)state;
    static const char text[] =
        "fs_f_t_ok() {\n  fs_run 0 cat /etc/passwd | fs_first 1\n}\nfs_emit t_ok\n"
        "fs_f_t_missing() {\n  fs_run 0 fs-no-such-tool -x | fs_first 10\n  return 0\n}\n"
        "fs_emit t_missing\n"
        "fs_f_t_badopt() {\n  fs_run 0 ls --fs-no-such-option / | fs_first 10\n  return 0\n}\n"
        "fs_emit t_badopt\n"
        "fs_f_t_nomatch() {\n  fs_grep -E 'fs-never-there' /etc/passwd\n  return 0\n}\n"
        "fs_emit t_nomatch\n"
        "fs_f_t_unreadable() {\n  fs_grep -E x /fs-no-such-file | fs_sed 's/^/x /'\n  return "
        "0\n}\nfs_emit t_unreadable\n"
        "fs_f_t_rc() {\n  echo partial\n  return 3\n}\nfs_emit t_rc\n"
        "fs_f_t_many() {\n  i=0\n  while [ $i -lt 300 ]; do fs_run 0 true; i=$((i + 1)); "
        "done\n  return 0\n}\nfs_emit t_many\n";
    for (size_t i = 0; i < sizeof shells / sizeof shells[0]; i++) {
        struct fs_facts f;
        run_text(shells[i], text, &f);
        const struct fs_fact *ok = fs_facts_get(&f, "t_ok");
        assert_non_null(ok);
        assert_true(fs_fact_proven(ok));
        assert_true(ok->probes_ran >= 2); /* cat and awk */
        assert_non_null(strstr(ok->data, "# more "));

        const struct fs_fact *miss = fs_facts_get(&f, "t_missing");
        assert_non_null(miss);
        assert_int_equal(miss->rc, 0);
        assert_int_equal(miss->len, 0);
        assert_false(fs_fact_proven(miss));
        assert_string_equal(miss->problem, "fs-no-such-tool is not installed");

        const struct fs_fact *bad = fs_facts_get(&f, "t_badopt");
        assert_false(fs_fact_proven(bad));
        assert_non_null(strstr(bad->problem, "ls exited "));
        assert_non_null(strstr(bad->problem, "fs-no-such-option")); /* ls names the option */

        assert_true(fs_fact_proven(fs_facts_get(&f, "t_nomatch"))); /* grep 1: no match */
        const struct fs_fact *unr = fs_facts_get(&f, "t_unreadable");
        assert_false(fs_fact_proven(unr));
        assert_non_null(strstr(unr->problem, "grep exited 2"));
        const struct fs_fact *rc = fs_facts_get(&f, "t_rc");
        assert_int_equal(rc->rc, 3);
        assert_false(fs_fact_proven(rc));
        /* 300 runs of one tool report once: reports cannot flood the output. */
        const struct fs_fact *many = fs_facts_get(&f, "t_many");
        assert_true(fs_fact_proven(many));
        assert_int_equal(many->probes_ran, 1);
        fs_facts_dispose(&f);
    }
}

/* A device cannot make an unproven fact proven by forging reports in its output. */
static void reports_in_content_are_content(void **state)
{
    (void)state;
    char data[512];
    snprintf(data, sizeof data,
             "\n@@FS-%s B f1\nP f1 run find 0\n@@FS-%s P f1 run find 0\n\n@@FS-%s E f1 0\n"
             "@@FS-%s P f1 miss find\n@@FS-%s P f1 run find 0\n@@FS-%s P zz run x 0\n"
             "@@FS-%s P f1 why\n@@FS-%s Z\n",
             NONCE, NONCE, NONCE, NONCE, NONCE, NONCE, NONCE, NONCE);
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(data, strlen(data), NONCE, &f), FS_OK);
    const struct fs_fact *x = fs_facts_get(&f, "f1");
    assert_non_null(x);
    /* The forged "P" marker inside the body is body text; the real miss report counts. */
    assert_false(fs_fact_proven(x));
    assert_string_equal(x->problem, "find is not installed");
    assert_null(fs_facts_get(&f, "zz"));
    fs_facts_dispose(&f);
}

/* A cut after a fact's end frame loses its reports: without "P <fact> end" it is unproven.
 * A report that cannot be read, or one after "end", proves nothing either. */
static void lost_or_bad_reports_leave_facts_unproven(void **state)
{
    (void)state;
    char data[1024];
    snprintf(data, sizeof data,
             "\n@@FS-%s B cut\nx\n@@FS-%s E cut 0\n"
             "@@FS-%s B odd\n\n@@FS-%s E odd 0\n@@FS-%s P odd hmm find\n@@FS-%s P odd end\n"
             "@@FS-%s B late\n\n@@FS-%s E late 0\n@@FS-%s P late end\n"
             "@@FS-%s P late miss find\n"
             "@@FS-%s B big\n\n@@FS-%s E big 4294967296\n@@FS-%s P big end\n"
             "@@FS-%s B ok\n\n@@FS-%s E ok 0\n@@FS-%s P ok run cat 0\n@@FS-%s P ok end\n",
             NONCE, NONCE, NONCE, NONCE, NONCE, NONCE, NONCE, NONCE, NONCE, NONCE, NONCE, NONCE,
             NONCE, NONCE, NONCE, NONCE, NONCE);
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(data, strlen(data), NONCE, &f), FS_OK);
    assert_false(fs_fact_proven(fs_facts_get(&f, "cut")));
    assert_false(fs_fact_proven(fs_facts_get(&f, "odd")));
    assert_non_null(strstr(fs_facts_get(&f, "odd")->problem, "unreadable probe report"));
    assert_false(fs_fact_proven(fs_facts_get(&f, "late")));
    assert_int_equal(fs_facts_get(&f, "big")->rc, 255);
    assert_false(fs_fact_proven(fs_facts_get(&f, "big")));
    assert_true(fs_fact_proven(fs_facts_get(&f, "ok")));
    fs_facts_dispose(&f);
}

/* A file name cannot make a failure look like a report already given: grep's complaint
 * about the name below is the "why" line, and it holds the text of the "fail" report. */
static void file_names_cannot_hide_failures(void **state)
{
    (void)state;
    static const char text[] = "fs_f_t_spoof() {\n"
                               "  fs_grep x '/fs-no-such|fail grep 2|'\n"
                               "  return 0\n}\nfs_emit t_spoof\n";
    for (size_t i = 0; i < sizeof shells / sizeof shells[0]; i++) {
        struct fs_facts f;
        run_text(shells[i], text, &f);
        const struct fs_fact *x = fs_facts_get(&f, "t_spoof");
        assert_false(fs_fact_proven(x));
        assert_non_null(strstr(x->problem, "grep exited 2"));
        fs_facts_dispose(&f);
    }
}

/* Only declared values reach the script, each checked against its format and single-quoted:
 * a hostile value stops the build instead of reaching a root shell on the device. */
static void values_are_checked_and_quoted(void **state)
{
    (void)state;
    struct fs_kvlist v;
    fs_kvlist_init(&v);
    assert_int_equal(fs_kvlist_set(&v, "var_signing_key_dirs", "/opt/a /srv/b+c"), FS_OK);
    assert_int_equal(fs_kvlist_set(&v, "var_undeclared", "$(touch /tmp/fs-pwned-value)"), FS_OK);
    assert_int_equal(fs_kvlist_set(&v, "bad name", "ignored"), FS_OK);
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    assert_int_equal(fs_script_build(&s, NONCE, NULL, 0, &v), FS_OK);
    assert_null(strstr(fs_buf_cstr(&s), "bad name"));
    assert_null(strstr(fs_buf_cstr(&s), "var_undeclared"));
    assert_int_equal(fs_buf_adds(&s, "printf '[%s]' \"$FS_V_var_signing_key_dirs\" >&4\n"), FS_OK);
    char path[] = "/tmp/fs-test-values-XXXXXX";
    int fd = mkstemp(path);
    assert_int_equal(write(fd, s.data, s.len), (ssize_t)s.len);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "/bin/sh -s < %s", path);
    FILE *p = popen(cmd, "r");
    char out[8192] = "";
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    unlink(path);
    assert_non_null(strstr(out, "[/opt/a /srv/b+c]"));
    assert_int_not_equal(access("/tmp/fs-pwned-value", F_OK), 0);

    static const char *const hostile[][2] = {
        {"var_verify_packages", "sudo --pipe=touch${IFS}/tmp/x"},
        {"var_verify_packages", "--admindir=/tmp"},
        {"var_signing_key_dirs", "/opt/a $(id)"},
        {"var_signing_key_dirs", "relative/dir"},
        {"var_backup_marker_path", "/tmp/x'y"},
        {"var_stale_login_days", "90; reboot"},
    };
    fs_kvlist_dispose(&v);
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        fs_kvlist_init(&v);
        assert_int_equal(fs_kvlist_set(&v, hostile[i][0], hostile[i][1]), FS_OK);
        fs_buf_reset(&s);
        assert_int_equal(fs_script_build(&s, NONCE, NULL, 0, &v), FS_ERR_INVAL);
        fs_kvlist_dispose(&v);
    }
    fs_buf_dispose(&s);
}

/* A hostile device's files cost the facts that read them, not the host: a FIFO (whose open()
 * would block), a link to /dev/zero, a link loop and a link a user planted are reported and
 * never opened; a tool that hangs anyway is stopped by the per-fact time limit, and the facts
 * after it are still collected. */
static void hostile_files_cost_one_fact(void **state)
{
    (void)state;
    char dir[] = "/tmp/fs-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[256];
    snprintf(p, sizeof p, "%s/fifo", dir);
    assert_int_equal(mkfifo(p, 0600), 0);
    snprintf(p, sizeof p, "%s/zero", dir);
    assert_int_equal(symlink("/dev/zero", p), 0);
    snprintf(p, sizeof p, "%s/loop", dir);
    assert_int_equal(symlink(p, p), 0);
    snprintf(p, sizeof p, "%s/ok.conf", dir);
    FILE *ok = fopen(p, "w");
    assert_non_null(ok);
    assert_true(fputs("x = 1\n", ok) >= 0);
    assert_int_equal(fclose(ok), 0);
    bool root = geteuid() == 0;
    if (root) { /* a link owned by a user: root must not follow it */
        snprintf(p, sizeof p, "%s/userlink", dir);
        assert_int_equal(symlink("/etc/hostname", p), 0);
        assert_int_equal(lchown(p, 65534, 65534), 0);
    }
    char text[2048];
    snprintf(text, sizeof text,
             "D=%s\nfs_limit=2\n"
             "fs_f_t_fifo() {\n  fs_grep -h x \"$D/fifo\" \"$D/ok.conf\"\n  return 0\n}\n"
             "fs_emit t_fifo\n"
             "fs_f_t_zero() {\n  fs_cat \"$D/zero\"\n}\nfs_emit t_zero\n"
             "fs_f_t_loop() {\n  fs_cat \"$D/loop\"\n}\nfs_emit t_loop\n"
             "fs_f_t_user() {\n  fs_cat \"$D/userlink\"\n}\n%s"
             "fs_f_t_okcat() {\n  fs_cat \"$D/ok.conf\"\n}\nfs_emit t_okcat\n"
             "fs_f_t_stuck() {\n  echo before\n  fs_run 0 cat \"$D/fifo\"\n}\nfs_emit t_stuck\n"
             "fs_f_t_after() {\n  echo after\n}\nfs_emit t_after\n",
             dir, root ? "fs_emit t_user\n" : "");
    /* as the script runs its facts (fs_ticked: the watchdogs wake at the ticker's lines) and
     * alone (no ticker: each watchdog sleeps itself) */
    char ticked[sizeof text + 64];
    snprintf(ticked, sizeof ticked, "fs_t_facts() {\n%s:\n}\nfs_ticked fs_t_facts\n", text);
    for (size_t k = 0; k < 2 * sizeof shells / sizeof shells[0]; k++) {
        size_t i = k % (sizeof shells / sizeof shells[0]);
        struct fs_facts f;
        run_text(shells[i], k < sizeof shells / sizeof shells[0] ? text : ticked, &f);
        const struct fs_fact *x = fs_facts_get(&f, "t_fifo");
        assert_false(fs_fact_proven(x));
        assert_non_null(strstr(x->problem, "/fifo is not a regular file"));
        assert_non_null(strstr(x->data, "x = 1")); /* the safe file is still read */
        x = fs_facts_get(&f, "t_zero");
        assert_false(fs_fact_proven(x));
        assert_int_equal(x->len, 0);
        assert_non_null(strstr(x->problem, "/zero is not a regular file"));
        x = fs_facts_get(&f, "t_loop");
        assert_false(fs_fact_proven(x));
        assert_non_null(strstr(x->problem, "/loop is not a regular file"));
        if (root) {
            x = fs_facts_get(&f, "t_user");
            assert_false(fs_fact_proven(x));
            assert_int_equal(x->len, 0);
            assert_non_null(strstr(x->problem, "/userlink is a symbolic link a user owns"));
        }
        assert_true(fs_fact_proven(fs_facts_get(&f, "t_okcat")));
        x = fs_facts_get(&f, "t_stuck");
        assert_non_null(x);
        assert_false(fs_fact_proven(x));
        assert_int_equal(x->rc, 124);
        assert_non_null(strstr(x->problem, "time limit of 2 s"));
        x = fs_facts_get(&f, "t_after");
        assert_true(fs_fact_proven(x));
        assert_non_null(strstr(x->data, "after"));
        assert_true(f.complete);
        fs_facts_dispose(&f);
    }
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* The run's ticker (fs_ticked): the facts read its process id, then a line a second on fd 8,
 * and it is gone when they return, under each shell. */
static void ticker_ticks_and_stops(void **state)
{
    (void)state;
    static const char probe[] = "fs_t_probe() {\n  read -r a <&8 && read -r b <&8 && "
                                "echo \"ticker $fs_tick $a$b\"\n}\nfs_ticked fs_t_probe\n";
    for (size_t i = 0; i < sizeof shells / sizeof shells[0]; i++) {
        struct fs_buf s, out;
        fs_buf_init(&s, 1 << 20);
        fs_buf_init(&out, 1 << 20);
        assert_int_equal(fs_script_build(&s, NONCE, NULL, 0, NULL), FS_OK);
        assert_int_equal(fs_buf_adds(&s, probe), FS_OK);
        struct fs_facts f;
        const char *why = fs_test_run_script(shells[i], &s, NONCE, &f, &out);
        if (why)
            fail_msg("%s: %s", shells[i], why);
        const char *t = strstr(fs_buf_cstr(&out), "ticker ");
        assert_non_null(t);
        char *end = NULL;
        long pid = strtol(t + 7, &end, 10);
        assert_true(pid > 1);
        assert_int_equal(strncmp(end, " tt\n", 4), 0); /* two ticks read */
        errno = 0;
        assert_int_equal(kill((pid_t)pid, 0), -1); /* stopped when the facts returned */
        assert_int_equal(errno, ESRCH);
        fs_facts_dispose(&f);
        fs_buf_dispose(&out);
        fs_buf_dispose(&s);
    }
}

/* Ticks that waited in the pipe while no fact ran (the shell held between facts, as by a stalled
 * channel) count for nothing: a fact after such a gap gets its whole time limit. */
static void waiting_ticks_stop_no_fact(void **state)
{
    (void)state;
    static const char text[] = "fs_t_facts() {\nfs_limit=3\n"
                               "fs_f_t_one() {\n  echo one\n}\nfs_emit t_one\n"
                               "sleep 6\n"
                               "fs_f_t_two() {\n  fs_run 0 sleep 2\n  echo two\n}\nfs_emit t_two\n"
                               ":\n}\nfs_ticked fs_t_facts\n";
    for (size_t i = 0; i < sizeof shells / sizeof shells[0]; i++) {
        struct fs_facts f;
        run_text(shells[i], text, &f);
        const struct fs_fact *x = fs_facts_get(&f, "t_two");
        assert_non_null(x);
        if (!fs_fact_proven(x))
            fail_msg("%s: t_two stopped: %s", shells[i], x->problem ? x->problem : "?");
        assert_int_equal(x->rc, 0);
        assert_non_null(strstr(x->data, "two"));
        fs_facts_dispose(&f);
    }
}

/* The parser keeps only the facts the script asked for, and a flood of frames is cut at
 * FS_FRAMES_MAX marker lines: what a device sends costs linear, bounded work. */
static void frame_floods_are_bounded(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 64u << 20);
    assert_int_equal(fs_buf_addf(&b, "\n%s H 0\n", M), FS_OK);
    /* 200 000 distinct ids nobody asked for, then the asked fact */
    for (unsigned i = 0; i < 100000; i++)
        assert_int_equal(fs_buf_addf(&b, "%s B x%u\n\n%s E x%u 0\n", M, i, M, i), FS_OK);
    assert_int_equal(
        fs_buf_addf(&b, "%s B login_defs\nUMASK 027\n%s E login_defs 0\n%s P login_defs end\n", M,
                    M, M),
        FS_OK);
    struct fs_facts f;
    fs_facts_init(&f);
    const char *asked[] = {"passwd", "login_defs"};
    assert_int_equal(fs_facts_expect(&f, asked, 2), FS_OK);
    assert_int_equal(fs_frames_parse(b.data, b.len, NONCE, &f), FS_OK);
    assert_int_equal(f.n, 1); /* only login_defs: the 100 000 others were not asked for */
    assert_true(fs_fact_proven(fs_facts_get(&f, "login_defs")));
    assert_null(fs_facts_get(&f, "x7"));
    assert_false(f.flooded);
    fs_facts_dispose(&f);

    /* past the frame cap the rest is ignored and the run is marked */
    fs_buf_reset(&b);
    assert_int_equal(fs_buf_addf(&b, "\n%s H 0\n", M), FS_OK);
    for (unsigned i = 0; i <= FS_FRAMES_MAX; i++)
        assert_int_equal(fs_buf_addf(&b, "%s P passwd run cat 0\n", M), FS_OK);
    assert_int_equal(
        fs_buf_addf(&b, "%s B passwd\nroot::0:0:::/bin/sh\n%s E passwd 0\n%s P passwd end\n", M, M,
                    M),
        FS_OK);
    fs_facts_init(&f);
    assert_int_equal(fs_facts_expect(&f, asked, 2), FS_OK);
    assert_int_equal(fs_frames_parse(b.data, b.len, NONCE, &f), FS_OK);
    assert_true(f.flooded);
    assert_null(fs_facts_get(&f, "passwd"));
    fs_facts_dispose(&f);

    /* one fact sending more reports than FS_FACT_MAX_REPORTS is unproven */
    fs_buf_reset(&b);
    assert_int_equal(
        fs_buf_addf(&b, "\n%s H 0\n%s B passwd\nroot::0:0:::/bin/sh\n%s E passwd 0\n", M, M, M),
        FS_OK);
    for (unsigned i = 0; i <= FS_FACT_MAX_REPORTS; i++)
        assert_int_equal(fs_buf_addf(&b, "%s P passwd run cat%u 0\n", M, i), FS_OK);
    assert_int_equal(fs_buf_addf(&b, "%s P passwd end\n", M), FS_OK);
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(b.data, b.len, NONCE, &f), FS_OK);
    assert_false(fs_fact_proven(fs_facts_get(&f, "passwd")));
    assert_non_null(strstr(fs_facts_get(&f, "passwd")->problem, "more probe reports"));
    fs_facts_dispose(&f);
    fs_buf_dispose(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(script_holds_only_requested_facts),
        cmocka_unit_test(parses_frames),
        cmocka_unit_test(forged_frames_are_content),
        cmocka_unit_test(cut_output_keeps_finished_facts),
        cmocka_unit_test(oversized_fact_is_truncated),
        cmocka_unit_test(junk_without_frames_is_an_error),
        cmocka_unit_test(script_runs_under_sh),
        cmocka_unit_test(script_runs_under_busybox),
        cmocka_unit_test(values_are_checked_and_quoted),
        cmocka_unit_test(hostile_files_cost_one_fact),
        cmocka_unit_test(ticker_ticks_and_stops),
        cmocka_unit_test(waiting_ticks_stop_no_fact),
        cmocka_unit_test(frame_floods_are_bounded),
        cmocka_unit_test(probes_prove_or_explain),
        cmocka_unit_test(reports_in_content_are_content),
        cmocka_unit_test(lost_or_bad_reports_leave_facts_unproven),
        cmocka_unit_test(file_names_cannot_hide_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
