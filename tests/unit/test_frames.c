/* Unit tests for the collector script builder and the frame parser, including hostile output
 * and running the script under real shells (dash as /bin/sh, busybox sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/collect/registry.h"
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
    assert_non_null(strstr(t, "fs_emit passwd\n"));
    assert_null(strstr(strstr(t, "fs_emit passwd\n") + 1, "fs_emit passwd\n")); /* once */
    assert_non_null(strstr(t, "fs_root sshd_effective\n"));
    assert_non_null(strstr(t, "fs_emit sys_os_release\n"));
    assert_null(strstr(t, "shadow_status"));
    assert_non_null(strstr(t, "M='" M "'"));
    /* slow facts (file-system walks) come after the quick ones */
    fs_buf_reset(&s);
    const char *order[] = {"find_setuid", "passwd"};
    assert_int_equal(fs_script_build(&s, NONCE, order, 2, NULL), FS_OK);
    assert_true(strstr(fs_buf_cstr(&s), "fs_emit passwd\n") <
                strstr(fs_buf_cstr(&s), "fs_emit find_setuid\n"));
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
    fs_buf_adds(&b, "\n" M " H 0\n\n" M " B passwd\n");
    for (size_t i = 0; i < big; i++)
        fs_buf_add(&b, i % 97 == 0 ? "\0" : "A", 1);
    fs_buf_adds(&b, "\n" M " E passwd 141\n");
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(b.data, b.len, NONCE, &f), FS_OK);
    const struct fs_fact *p = fs_facts_get(&f, "passwd");
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
    char path[] = "/tmp/fs-test-script-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, s.data, s.len), (ssize_t)s.len);
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s < %s", shell, path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct fs_buf out;
    fs_buf_init(&out, 8u << 20);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        fs_buf_add(&out, chunk, n);
    assert_int_equal(pclose(p), 0);
    unlink(path);
    struct fs_facts f;
    fs_facts_init(&f);
    assert_int_equal(fs_frames_parse(out.data, out.len, NONCE, &f), FS_OK);
    assert_true(f.complete);
    assert_true(f.uid >= 0);
    const struct fs_fact *pw = fs_facts_get(&f, "passwd");
    assert_non_null(pw);
    assert_int_equal(pw->rc, 0);
    assert_non_null(strstr(pw->data, "root:"));
    assert_non_null(strstr(fs_facts_get(&f, "net_listen")->data, "# tcp"));
    assert_non_null(strstr(fs_facts_get(&f, "sysctl_forwarding")->data, "ip_forward"));
    assert_non_null(fs_facts_get(&f, "sys_kernel"));
    fs_facts_dispose(&f);
    fs_buf_dispose(&out);
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
    if (access("/bin/busybox", X_OK) != 0) {
        print_message("busybox not installed (scripts/install-deps.sh installs it)\n");
        skip();
    }
    /* busybox ash parses and runs the same script (the fleet tests a whole busybox device). */
    run_under("/bin/busybox sh -s");
}

/* Profile values reach the script as single-quoted shell variables: nothing in them runs. */
static void values_are_quoted(void **state)
{
    (void)state;
    struct fs_kvlist v;
    fs_kvlist_init(&v);
    fs_kvlist_set(&v, "var_dirs", "/opt/a b 'q' $(touch /tmp/fs-pwned-value) `id` \\n");
    fs_kvlist_set(&v, "bad name", "ignored");
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    assert_int_equal(fs_script_build(&s, NONCE, NULL, 0, &v), FS_OK);
    assert_null(strstr(fs_buf_cstr(&s), "bad name"));
    fs_buf_adds(&s, "printf '[%s]' \"$FS_V_var_dirs\" >&4\n");
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
    assert_non_null(strstr(out, "[/opt/a b 'q' $(touch /tmp/fs-pwned-value) `id` \\n]"));
    assert_int_not_equal(access("/tmp/fs-pwned-value", F_OK), 0);
    fs_buf_dispose(&s);
    fs_kvlist_dispose(&v);
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
        cmocka_unit_test(values_are_quoted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
