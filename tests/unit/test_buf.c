/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for the capped buffer and small helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scanner/core/buf.h"
#include "scanner/core/contract.h"
#include "scanner/core/err.h"
#include "scanner/core/kv.h"
#include "scanner/core/path.h"
#include "scanner/core/strset.h"
#include "checks/check_util.h"
#include "scanner/core/util.h"
#include "scanner/core/xccdf_ids.h"

static void cap_is_enforced(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 8);
    assert_int_equal(fs_buf_adds(&b, "12345678"), FS_OK);
    assert_int_equal(fs_buf_add(&b, "9", 1), FS_ERR_LIMIT);
    assert_int_equal(b.len, 8);
    assert_string_equal(fs_buf_cstr(&b), "12345678");
    assert_int_equal(fs_buf_addf(&b, "%d", 1), FS_ERR_LIMIT);
    fs_buf_dispose(&b);
}

static void printable_escapes_control_bytes(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 100);
    assert_int_equal(fs_buf_add_printable(&b, "a\nb\x01\xff$(x)\x7f", 10), FS_OK);
    assert_string_equal(fs_buf_cstr(&b), "a\\x0ab\\x01\\xff$(x)\\x7f");
    fs_buf_dispose(&b);
}

/* Every add is all or nothing: filled to the cap, a failing add of each kind leaves the
 * contents, the length and the terminating NUL exactly as they were. */
static void failed_add_keeps_content(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 16);
    assert_int_equal(fs_buf_adds(&b, "0123456789"), FS_OK);
    /* room for 6 more: each of these needs 7 or more */
    assert_int_equal(fs_buf_add(&b, "abcdefg", 7), FS_ERR_LIMIT);
    assert_int_equal(fs_buf_adds(&b, "abcdefg"), FS_ERR_LIMIT);
    assert_int_equal(fs_buf_addf(&b, "%s-%d", "abcde", 42), FS_ERR_LIMIT);
    /* the first characters fit (escaped \x01 is 4 bytes): a partial add would keep them */
    assert_int_equal(fs_buf_add_printable(&b, "ab\x01\x02", 4), FS_ERR_LIMIT);
    assert_int_equal(b.len, 10);
    assert_string_equal(fs_buf_cstr(&b), "0123456789");
    assert_int_equal(b.data[b.len], '\0');
    /* filled exactly to the cap, then one byte more */
    assert_int_equal(fs_buf_adds(&b, "abcdef"), FS_OK);
    assert_int_equal(b.len, 16);
    assert_int_equal(fs_buf_add_printable(&b, "x", 1), FS_ERR_LIMIT);
    assert_int_equal(fs_buf_addf(&b, "%c", 'x'), FS_ERR_LIMIT);
    assert_int_equal(b.len, 16);
    assert_string_equal(fs_buf_cstr(&b), "0123456789abcdef");
    /* the best-effort adds for messages drop what does not fit, whole */
    fs_buf_reset(&b);
    fs_buf_try_adds(&b, "0123456789");
    fs_buf_try_addf(&b, "%s", "too long for the rest");
    fs_buf_try_add_printable(&b, "\x1b\x1b", 2);
    assert_string_equal(fs_buf_cstr(&b), "0123456789");
    fs_buf_dispose(&b);
}

/* Paths that do not fit are an error, never a path cut short. */
static void path_join_reports_overflow(void **state)
{
    (void)state;
    char out[17];
    assert_int_equal(fs_path_join(out, sizeof out, "/out", "report.html"), FS_OK);
    assert_string_equal(out, "/out/report.html"); /* 17 bytes with the NUL: fits exactly */
    assert_int_equal(fs_path_join(out, sizeof out, "/out", "report.htmlx"), FS_ERR_LIMIT);
    assert_string_equal(out, "");
    assert_int_equal(fs_path_join(out, sizeof out, "/a-directory-too-long", "x"), FS_ERR_LIMIT);
    assert_string_equal(out, "");
    assert_int_equal(fs_path_join(out, sizeof out, "", "x"), FS_OK);
    assert_string_equal(out, "/x");
    assert_int_equal(fs_path_join(out, 2, "", ""), FS_OK);
    assert_string_equal(out, "/");
    assert_int_equal(fs_path_join(out, 1, "", ""), FS_ERR_LIMIT);
    assert_int_equal(fs_path_join(out, sizeof out, NULL, "x"), FS_ERR_INVAL);
    assert_int_equal(fs_path_join(out, 0, "a", "b"), FS_ERR_INVAL);
}

static void after_takes_ids_apart(void **state)
{
    (void)state;
    const char *id = "xccdf_org.floorscan_profile_baseline";
    assert_string_equal(fs_after(id, FS_XCCDF_PROFILE_TAG), "baseline");
    assert_null(fs_after(id, FS_XCCDF_VALUE_TAG));
    assert_null(fs_after(NULL, FS_XCCDF_VALUE_TAG));
    assert_string_equal(fs_after_prefix(id, FS_XCCDF_ID_PREFIX), "profile_baseline");
    assert_null(fs_after_prefix("xccdf_org.other_profile_x", FS_XCCDF_ID_PREFIX));
    assert_null(fs_after_prefix("xccdf_org.floorscan", FS_XCCDF_ID_PREFIX));
    assert_null(fs_after_prefix(NULL, FS_XCCDF_ID_PREFIX));
}

/* FS_ASSERT aborts with file:line and the expression in Debug and Asan builds; in release
 * builds the expression is not even evaluated. */
static void assert_is_checked_in_debug_only(void **state)
{
    (void)state;
    int calls = 0;
#ifdef FS_DEBUG
    int err[2];
    assert_int_equal(pipe(err), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(err[1], STDERR_FILENO);
        FS_ASSERT(++calls == 0);
        _exit(0);
    }
    close(err[1]);
    char msg[256] = "";
    ssize_t n = read(err[0], msg, sizeof msg - 1);
    close(err[0]);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    assert_true(n > 0);
    assert_non_null(strstr(msg, "test_buf.c:"));
    assert_non_null(strstr(msg, "++calls == 0"));
#else
    FS_ASSERT(++calls == 0);
    assert_int_equal(calls, 0);
#endif
}

struct entry {
    int n; /* the key at a non-zero offset */
    const char *id;
};

static void table_sorted_finds_disorder(void **state)
{
    (void)state;
    static const struct entry ok[] = {{1, "a"}, {2, "b"}, {3, "c"}};
    static const struct entry dup[] = {{1, "a"}, {2, "b"}, {3, "b"}};
    static const struct entry bad[] = {{1, "b"}, {2, "a"}};
    assert_true(ok[2].n == 3 && strcmp(ok[2].id, "c") == 0);
    assert_true(fs_table_sorted(ok, 3, sizeof ok[0], offsetof(struct entry, id)));
    assert_true(fs_table_sorted(ok, 0, sizeof ok[0], offsetof(struct entry, id)));
    assert_false(fs_table_sorted(dup, 3, sizeof dup[0], offsetof(struct entry, id)));
    assert_false(fs_table_sorted(bad, 2, sizeof bad[0], offsetof(struct entry, id)));
}

static const char *printable(struct fs_buf *b, const char *s)
{
    fs_buf_reset(b);
    assert_int_equal(fs_buf_add_printable(b, s, strlen(s)), FS_OK);
    return fs_buf_cstr(b);
}

/* Valid printable UTF-8 stays as it is; what would break JSON, XML or a terminal does not. */
static void printable_keeps_utf8_text(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 200);
    assert_string_equal(printable(&b, "M\xc3\xbcller \xe6\x97\xa5\xf0\x9f\x94\x92"),
                        "M\xc3\xbcller \xe6\x97\xa5\xf0\x9f\x94\x92"); /* ü, 日, U+1F512 */
    assert_string_equal(printable(&b, "c1 \xc2\x85 \xc2\x9b"), "c1 \\xc2\\x85 \\xc2\\x9b");
    assert_string_equal(printable(&b, "\xc0\xaf"), "\\xc0\\xaf");          /* overlong / */
    assert_string_equal(printable(&b, "\xed\xa0\x80"), "\\xed\\xa0\\x80"); /* surrogate */
    assert_string_equal(printable(&b, "\xef\xbf\xbf"), "\\xef\\xbf\\xbf"); /* U+FFFF */
    assert_string_equal(printable(&b, "\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
    assert_string_equal(printable(&b, "\xe2\x80\xae"), "\\xe2\\x80\\xae"); /* RLO */
    /* a cut sequence: the lead byte escaped, the ASCII after it kept */
    assert_string_equal(printable(&b, "\xe6\x97x"), "\\xe6\\x97x");
    fs_buf_dispose(&b);
    /* a failed add leaves nothing; the cut variant keeps whole characters up to the cap */
    fs_buf_init(&b, 4);
    assert_int_equal(fs_buf_add_printable(&b, "ab\xe6\x97\xa5", 5), FS_ERR_LIMIT);
    assert_string_equal(fs_buf_cstr(&b), "");
    bool cut = false;
    assert_int_equal(fs_buf_add_printable_cut(&b, "ab\xe6\x97\xa5", 5, &cut), FS_OK);
    assert_true(cut);
    assert_string_equal(fs_buf_cstr(&b), "ab");
    fs_buf_reset(&b);
    assert_int_equal(fs_buf_add_printable_cut(&b, "abc", 3, &cut), FS_OK);
    assert_false(cut);
    fs_buf_dispose(&b);
    char *dup = fs_printable_dup("x\x1b[2J");
    assert_string_equal(dup, "x\\x1b[2J");
    free(dup);
    assert_null(fs_printable_dup(NULL));
}

static void steal_hands_over(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 100);
    char *empty = fs_buf_steal(&b);
    assert_string_equal(empty, "");
    free(empty);
    assert_int_equal(fs_buf_adds(&b, "x"), FS_OK);
    char *s = fs_buf_steal(&b);
    assert_string_equal(s, "x");
    assert_null(b.data);
    free(s);
}

static void kvlist_replaces(void **state)
{
    (void)state;
    struct fs_kvlist l;
    fs_kvlist_init(&l);
    assert_int_equal(fs_kvlist_set(&l, "a", "1"), FS_OK);
    assert_int_equal(fs_kvlist_set(&l, "a", "2"), FS_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(fs_kvlist_get(&l, "a"), "2");
    assert_null(fs_kvlist_get(&l, "b"));
    fs_kvlist_dispose(&l);
}

static void parse_long_rejects_junk(void **state)
{
    (void)state;
    long v;
    assert_true(fs_parse_long("42", &v));
    assert_int_equal(v, 42);
    assert_false(fs_parse_long("42x", &v));
    assert_false(fs_parse_long("", &v));
    assert_false(fs_parse_long(NULL, &v));
    assert_false(fs_parse_long("99999999999999999999999", &v));
}

static void nonce_is_hex_and_fresh(void **state)
{
    (void)state;
    char a[33], b[33];
    assert_int_equal(fs_random_hex(a, 16), FS_OK);
    assert_int_equal(fs_random_hex(b, 16), FS_OK);
    assert_int_equal(strlen(a), 32);
    assert_int_equal(strspn(a, "0123456789abcdef"), 32);
    assert_string_not_equal(a, b);
}

/* Exact membership: "10.0.0.1" is not in a set holding "10.0.0.10". */
static void strset_is_exact(void **state)
{
    (void)state;
    struct fs_strset set;
    fs_strset_init(&set);
    assert_int_equal(fs_strset_add(&set, "tcp/22 on 10.0.0.10"), 1);
    assert_false(fs_strset_has(&set, "tcp/22 on 10.0.0.1"));
    assert_int_equal(fs_strset_add(&set, "tcp/22 on 10.0.0.1"), 1);
    assert_int_equal(fs_strset_add(&set, "tcp/22 on 10.0.0.10"), 0);
    char item[32];
    for (int i = 0; i < 500; i++) {
        snprintf(item, sizeof item, "item %d", (i * 7919) % 500);
        assert_int_equal(fs_strset_add(&set, item), 1);
    }
    assert_int_equal(set.n, 502);
    for (size_t i = 1; i < set.n; i++)
        assert_true(strcmp(set.items[i - 1], set.items[i]) < 0);
    fs_strset_dispose(&set);
    /* the evidence list remembers items past what it shows */
    struct fs_list l;
    fs_list_init(&l);
    for (int i = 0; i < 30; i++) {
        snprintf(item, sizeof item, "10.0.0.%d", i);
        fs_list_add(&l, item);
    }
    assert_true(fs_list_has(&l, "10.0.0.29"));
    assert_false(fs_list_has(&l, "10.0.0.2 "));
    assert_false(fs_list_has(&l, "10.0.0.30"));
    fs_list_dispose(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cap_is_enforced),
        cmocka_unit_test(failed_add_keeps_content),
        cmocka_unit_test(path_join_reports_overflow),
        cmocka_unit_test(after_takes_ids_apart),
        cmocka_unit_test(assert_is_checked_in_debug_only),
        cmocka_unit_test(table_sorted_finds_disorder),
        cmocka_unit_test(printable_escapes_control_bytes),
        cmocka_unit_test(printable_keeps_utf8_text),
        cmocka_unit_test(steal_hands_over),
        cmocka_unit_test(kvlist_replaces),
        cmocka_unit_test(parse_long_rejects_junk),
        cmocka_unit_test(nonce_is_hex_and_fresh),
        cmocka_unit_test(strset_is_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
