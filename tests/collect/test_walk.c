/* SPDX-License-Identifier: Apache-2.0 */
/* The collector's options and its shared file-system walk: --device-priority in the script,
 * one walk for every walk-based fact with its budget, the walk's frame split into those facts
 * with its proof, and a walk cut short (by hand-made frames and by the real collector on this
 * machine with a tiny budget) making their rules error, never pass. */
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
#include "scanner/collect/walk.h"
#include "scanner/core/err.h"
#include "tests/common/run_script.h"
#include "tests/common/values.h"

#define NONCE "0123456789abcdef0123456789abcdef"
#define M     "@@FS-" NONCE

static const char *const walk_facts[] = {"find_setuid", "find_unowned", "find_world_writable",
                                         "find_ww_dirs", "logfiles_perm"};
#define NWALK (sizeof walk_facts / sizeof walk_facts[0])

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void priority_option_reaches_the_script(void **state)
{
    (void)state;
    const char *ids[] = {"passwd"};
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    struct fs_script_opts o = fs_script_opts_default();
    assert_int_equal(o.priority, FS_PRIORITY_LOW); /* low unless asked otherwise */
    assert_int_equal(fs_script_build_opts(&s, NONCE, ids, 1, NULL, &o), FS_OK);
    assert_int_equal(count(fs_buf_cstr(&s), "\nfs_priority_low\n"), 1);
    fs_buf_reset(&s);
    o.priority = FS_PRIORITY_NORMAL;
    assert_int_equal(fs_script_build_opts(&s, NONCE, ids, 1, NULL, &o), FS_OK);
    assert_int_equal(count(fs_buf_cstr(&s), "\nfs_priority_low\n"), 0);
    /* the priority and cost facts always; the cost last, after the facts asked for */
    const char *t = fs_buf_cstr(&s);
    assert_non_null(strstr(t, "fs_emit sys_collector "));
    assert_true(strstr(t, "fs_emit passwd ") < strstr(t, "fs_emit sys_cost "));
    assert_true(strstr(t, "fs_emit sys_cost ") < strstr(t, "Z\\n"));
    fs_buf_dispose(&s);
    enum fs_device_priority p;
    assert_int_equal(fs_device_priority_parse("normal", &p), FS_OK);
    assert_int_equal(p, FS_PRIORITY_NORMAL);
    assert_int_equal(fs_device_priority_parse("low", &p), FS_OK);
    assert_int_equal(p, FS_PRIORITY_LOW);
    assert_int_equal(fs_device_priority_parse("idle", &p), FS_ERR_INVAL);
    assert_int_equal(fs_device_priority_parse("", &p), FS_ERR_INVAL);
    assert_string_equal(fs_device_priority_name(FS_PRIORITY_NORMAL), "normal");
}

static void one_walk_for_every_part(void **state)
{
    (void)state;
    const char *ids[] = {"find_ww_dirs",  "passwd",       "find_setuid",
                         "logfiles_perm", "find_unowned", "find_world_writable",
                         "find_setuid"};
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    struct fs_script_opts o = fs_script_opts_default();
    o.walk_max_files = 1234;
    o.walk_max_s = 56;
    o.fact_timeout_s = 30;
    assert_int_equal(fs_script_build_opts(&s, NONCE, ids, 7, NULL, &o), FS_OK);
    const char *t = fs_buf_cstr(&s);
    assert_int_equal(count(t, "\nfs_emit walk "), 1);
    assert_int_equal(count(t, "\nfs_f_walk() {"), 1);
    for (size_t i = 0; i < NWALK; i++) { /* the parts' own functions are never sent */
        char fn[64];
        snprintf(fn, sizeof fn, "fs_f_%s()", walk_facts[i]);
        assert_null(strstr(t, fn));
    }
    assert_non_null(strstr(t, "\nfs_walk_max_files=1234\nfs_walk_max_s=56\n"));
    /* find_setuid needs no root; the others are walked only as root */
    assert_non_null(strstr(t, "\nfs_walk_tags=${fs_walk_tags}S\n"));
    assert_non_null(strstr(t, "\nfs_walk_part_root U find_unowned\n"));
    assert_non_null(strstr(t, "\nfs_walk_part_root D find_ww_dirs\n"));
    /* the walk's watchdog leaves its budget room; the facts after it get theirs back */
    assert_non_null(strstr(t, "\nfs_limit=71\nfs_emit walk "));
    assert_non_null(strstr(strstr(t, "\nfs_emit walk "), "\nfs_limit=30\n"));
    /* no walk at all when no part is asked for */
    fs_buf_reset(&s);
    const char *none[] = {"passwd"};
    assert_int_equal(fs_script_build_opts(&s, NONCE, none, 1, NULL, &o), FS_OK);
    assert_null(strstr(fs_buf_cstr(&s), "fs_emit walk"));
    fs_buf_dispose(&s);
}

/* Parses frames with every walk part asked for, plus passwd. */
static void parse(const char *out, struct fs_facts *f)
{
    fs_facts_init(f);
    const char *asked[] = {"find_setuid",  "find_unowned",  "find_world_writable",
                           "find_ww_dirs", "logfiles_perm", "passwd"};
    assert_int_equal(fs_facts_expect(f, asked, 6), FS_OK);
    assert_int_equal(fs_frames_parse(out, strlen(out), NONCE, f), FS_OK);
}

static enum fs_result verdict(const struct fs_facts *f, const char *rule, const char *want)
{
    const struct fs_check_def *d = fs_check_def_find(rule);
    assert_non_null(d);
    struct fs_kvlist values;
    fs_kvlist_init(&values);
    assert_int_equal(fs_kvlist_set(&values, "var_allowed_setuid", "/usr/bin/su"), FS_OK);
    struct fs_check_ctx ctx = {.facts = f, .values = &values, .host_vars = NULL, .scan_time = 0};
    struct fs_verdict v;
    fs_verdict_init(&v);
    fs_check_run(d, &ctx, &v);
    if (want && !strstr(fs_buf_cstr(&v.evidence), want))
        fail_msg("%s: want '%s' in '%s'", rule, want, fs_buf_cstr(&v.evidence));
    enum fs_result r = v.result;
    fs_verdict_dispose(&v);
    fs_kvlist_dispose(&values);
    return r;
}

static void walk_frame_splits_into_its_facts(void **state)
{
    (void)state;
    static const char out[] = "\n" M " H 0\n"
                              "\n" M " B walk\n# walk SUWDL\n"
                              "S /usr/bin/su\nS /usr/bin/sudo\nU /opt/vendor/tool\n"
                              "D /srv/drop\nS # more 3\n# walked 4242 2\n"
                              "\n" M " E walk 0\n" M " P walk run find 0\n" M " P walk end\n"
                              "\n" M " Z\n";
    struct fs_facts f;
    parse(out, &f);
    assert_null(fs_facts_get(&f, FS_WALK_FACT)); /* split, then gone */
    const struct fs_fact *x = fs_facts_get(&f, "find_setuid");
    assert_true(fs_fact_proven(x));
    assert_string_equal(x->data, "/usr/bin/su\n/usr/bin/sudo\n# more 3\n");
    assert_string_equal(fs_facts_get(&f, "find_unowned")->data, "/opt/vendor/tool\n");
    assert_string_equal(fs_facts_get(&f, "find_ww_dirs")->data, "/srv/drop\n");
    assert_true(fs_fact_proven(fs_facts_get(&f, "find_world_writable")));
    assert_string_equal(fs_facts_get(&f, "logfiles_perm")->data, "");
    assert_int_equal(verdict(&f, "fs_world_writable_bounded", "no world-writable"), FS_RESULT_PASS);
    assert_int_equal(verdict(&f, "fs_world_writable_dirs_sticky", "/srv/drop"), FS_RESULT_FAIL);
    assert_int_equal(verdict(&f, "fs_no_unowned_files", "/opt/vendor/tool"), FS_RESULT_FAIL);
    assert_int_equal(verdict(&f, "fs_setuid_expected", "/usr/bin/sudo"), FS_RESULT_FAIL);
    fs_facts_dispose(&f);
}

static void cut_walk_is_an_error_never_a_pass(void **state)
{
    (void)state;
    /* the budget hit: every part unproven, even the empty ones and those with findings */
    static const char cut[] =
        "\n" M " H 0\n"
        "\n" M " B walk\n# walk SUWDL\nS /usr/bin/su\n# cut 200000 41\n"
        "\n" M " E walk 0\n" M " P walk run stat 0\n" M " P walk fail find 141\n" M " P walk end\n"
        "\n" M " Z\n";
    struct fs_facts f;
    parse(cut, &f);
    for (size_t i = 0; i < NWALK; i++) {
        const struct fs_fact *x = fs_facts_get(&f, walk_facts[i]);
        assert_non_null(x);
        assert_false(fs_fact_proven(x));
        assert_string_equal(x->problem, "file-system walk cut after 200000 files / 41 s");
    }
    static const char *const rules[] = {"fs_world_writable_bounded",
                                        "fs_world_writable_dirs_sticky", "fs_no_unowned_files",
                                        "fs_setuid_expected", "logging_logfiles_private"};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        assert_int_equal(verdict(&f, rules[i], "file-system walk cut after 200000 files / 41 s"),
                         FS_RESULT_ERROR);
    fs_facts_dispose(&f);
    /* lines the walk's awk does not write: unproven; a part that needs root stays skipped */
    static const char junk[] = "\n" M " H 1000\n"
                               "\n" M " S find_unowned\n"
                               "\n" M " B walk\n# walk S\nX what\n# walked 9 0\n"
                               "\n" M " E walk 0\n" M " P walk run find 0\n" M " P walk end\n"
                               "\n" M " Z\n";
    parse(junk, &f);
    assert_string_equal(fs_facts_get(&f, "find_setuid")->problem,
                        "unreadable output of the file-system walk");
    assert_int_equal(fs_facts_get(&f, "find_unowned")->state, FS_FACT_NEEDS_ROOT);
    assert_null(fs_facts_get(&f, "find_ww_dirs")); /* not walked: not collected */
    assert_int_equal(verdict(&f, "fs_world_writable_dirs_sticky", "not collected"),
                     FS_RESULT_ERROR);
    fs_facts_dispose(&f);
    /* a walk whose reports were lost proves none of its parts */
    static const char lost[] = "\n" M " H 0\n"
                               "\n" M " B walk\n# walk SUWDL\n# walked 9 0\n"
                               "\n" M " E walk 0\n" M " P walk run find 0\n";
    parse(lost, &f);
    for (size_t i = 0; i < NWALK; i++)
        assert_false(fs_fact_proven(fs_facts_get(&f, walk_facts[i])));
    fs_facts_dispose(&f);
}

/* The real collector on this machine: a budget of 50 entries cuts the walk of / (as root) or
 * of /usr (as anyone), and the parts' rules are errors naming the cut. */
static void real_walk_cut_by_its_budget(void **state)
{
    (void)state;
    struct fs_buf s;
    fs_buf_init(&s, 1 << 20);
    struct fs_script_opts o = fs_script_opts_default();
    o.walk_max_files = 50;
    assert_int_equal(fs_script_build_opts(&s, NONCE, walk_facts, NWALK, NULL, &o), FS_OK);
    struct fs_facts f;
    const char *why = fs_test_run_script("sh -s", &s, NONCE, &f, NULL);
    if (why)
        fail_msg("%s", why);
    const struct fs_fact *x = fs_facts_get(&f, "find_setuid");
    assert_non_null(x);
    assert_false(fs_fact_proven(x));
    /* the seconds are whole and may tick over during the walk */
    assert_non_null(strstr(x->problem, "file-system walk cut after 50 files / "));
    assert_int_equal(verdict(&f, "fs_setuid_expected", "walk cut after 50 files"), FS_RESULT_ERROR);
    if (geteuid() == 0)
        assert_int_equal(verdict(&f, "fs_world_writable_dirs_sticky", "walk cut after 50 files"),
                         FS_RESULT_ERROR);
    fs_facts_dispose(&f);
    fs_buf_dispose(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(priority_option_reaches_the_script),
        cmocka_unit_test(one_walk_for_every_part),
        cmocka_unit_test(walk_frame_splits_into_its_facts),
        cmocka_unit_test(cut_walk_is_an_error_never_a_pass),
        cmocka_unit_test(real_walk_cut_by_its_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
