/* SPDX-License-Identifier: Apache-2.0 */
/* scan --shard K/N: parsing, a stable hash, and a partition of the inventory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/core/err.h"
#include "scanner/inventory/shard.h"

static void parses_k_of_n(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        unsigned k, n;
    } good[] = {{"0/1", 0, 1}, {"3/4", 3, 4}, {"0/04", 0, 4}, {"99999/100000", 99999, 100000}};
    char why[256];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct fs_shard s = {0};
        assert_int_equal(fs_shard_parse(good[i].s, &s, why, sizeof why), FS_OK);
        assert_int_equal(s.k, good[i].k);
        assert_int_equal(s.n, good[i].n);
    }
}

static void refuses_bad_values(void **state)
{
    (void)state;
    static const struct {
        const char *s, *why;
    } bad[] = {
        {"4/4", "--shard '4/4': K must be in 0-3 (shards are numbered from 0"},
        {"7/3", "--shard '7/3': K must be in 0-2"},
        {"0/0", "--shard '0/0': N must be at least 1"},
        {"", "--shard '' is not K/N"},
        {"x", "--shard 'x' is not K/N"},
        {"1", "--shard '1' is not K/N"},
        {"1/", "--shard '1/' is not K/N"},
        {"/4", "--shard '/4' is not K/N"},
        {"-1/4", "--shard '-1/4' is not K/N"},
        {"+1/4", "--shard '+1/4' is not K/N"},
        {" 1/4", "--shard ' 1/4' is not K/N"},
        {"1/4 ", "--shard '1/4 ' is not K/N"},
        {"1/4/8", "--shard '1/4/8' is not K/N"},
        {"0x1/4", "--shard '0x1/4' is not K/N"},
        {"1/100001", "--shard '1/100001' is not K/N: two numbers, K in 0 to N-1 and N in 1-100000"},
        {"18446744073709551617/4", "--shard '18446744073709551617/4' is not K/N"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fs_shard s = {.k = 42, .n = 43};
        char why[256] = "";
        assert_int_equal(fs_shard_parse(bad[i].s, &s, why, sizeof why), FS_ERR_INVAL);
        if (strncmp(why, bad[i].why, strlen(bad[i].why)) != 0)
            fail_msg("'%s': got \"%s\", want \"%s...\"", bad[i].s, why, bad[i].why);
        assert_int_equal(s.k, 42); /* untouched */
        assert_int_equal(s.n, 43);
    }
}

/* The function is fixed: these values were computed by an independent implementation (Python)
 * of FNV-1a 64 + splitmix64's finalizer; a change here moves hosts between shards. */
static void hash_is_pinned(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        unsigned of2, of3, of4, of7, of1000;
    } pins[] = {
        {"bs01", 1, 1, 3, 3, 255},  {"bs02", 0, 2, 2, 4, 762},        {"ts01", 1, 2, 1, 4, 973},
        {"plain", 0, 0, 2, 2, 686}, {"prüfstand-3", 1, 2, 1, 3, 849}, {"", 1, 0, 3, 5, 203},
    };
    for (size_t i = 0; i < sizeof pins / sizeof pins[0]; i++) {
        assert_int_equal(fs_shard_of(pins[i].name, 2), pins[i].of2);
        assert_int_equal(fs_shard_of(pins[i].name, 3), pins[i].of3);
        assert_int_equal(fs_shard_of(pins[i].name, 4), pins[i].of4);
        assert_int_equal(fs_shard_of(pins[i].name, 7), pins[i].of7);
        assert_int_equal(fs_shard_of(pins[i].name, 1000), pins[i].of1000);
        assert_int_equal(fs_shard_of(pins[i].name, 1), 0);
    }
}

#define NHOSTS 300

/* An inventory of hosts dev000..dev299 from command-line targets, added in the given order. */
static struct fs_inventory *fleet(bool reversed)
{
    struct fs_inventory *inv = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 1024);
    assert_int_equal(fs_inventory_new(&inv), FS_OK);
    for (int i = 0; i < NHOSTS; i++) {
        char name[16];
        snprintf(name, sizeof name, "dev%03d", reversed ? NHOSTS - 1 - i : i);
        assert_int_equal(fs_inventory_add_target(inv, name, &err), FS_OK);
    }
    fs_buf_dispose(&err);
    return inv;
}

/* Over K = 0..N-1, every host is in exactly one shard, whatever the inventory's order; the
 * shards are of similar size. */
static void shards_partition_the_inventory(void **state)
{
    (void)state;
    static const unsigned ns[] = {1, 2, 3, 4, 5, 8, 16};
    for (size_t t = 0; t < sizeof ns / sizeof ns[0]; t++) {
        unsigned n = ns[t];
        int seen[NHOSTS] = {0};
        for (unsigned k = 0; k < n; k++) {
            struct fs_inventory *inv = fleet(k % 2 == 1);
            struct fs_shard s = {.k = k, .n = n};
            assert_int_equal(fs_inventory_shard(inv, &s), FS_OK);
            /* a fair share: within four standard deviations of a binomial's mean */
            double mean = (double)NHOSTS / n, sd = sqrt(mean * (1.0 - 1.0 / n));
            if (fabs((double)inv->n - mean) > 4 * sd + 0.5)
                fail_msg("shard %u/%u holds %zu of %d hosts", k, n, inv->n, NHOSTS);
            for (size_t i = 0; i < inv->n; i++) {
                long idx = strtol(inv->hosts[i].name + 3, NULL, 10);
                assert_in_range(idx, 0, NHOSTS - 1);
                seen[idx]++;
                assert_int_equal(fs_shard_of(inv->hosts[i].name, n), k);
                if (i > 0) /* the inventory's order is kept */
                    assert_true((strcmp(inv->hosts[i - 1].name, inv->hosts[i].name) < 0) ==
                                (k % 2 == 0));
            }
            fs_inventory_free(inv);
        }
        for (int i = 0; i < NHOSTS; i++)
            if (seen[i] != 1)
                fail_msg("N=%u: dev%03d is in %d shards", n, i, seen[i]);
    }
}

/* A host's shard depends on its name only: not on the other hosts or their order. */
static void shard_is_stable(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 1024);
    struct fs_inventory *small = NULL;
    assert_int_equal(fs_inventory_new(&small), FS_OK);
    assert_int_equal(fs_inventory_add_target(small, "dev123", &err), FS_OK);
    assert_int_equal(fs_inventory_add_target(small, "other", &err), FS_OK);
    unsigned k = fs_shard_of("dev123", 5);
    struct fs_shard s = {.k = k, .n = 5};
    assert_int_equal(fs_inventory_shard(small, &s), FS_OK);
    assert_non_null(fs_inventory_find(small, "dev123"));
    struct fs_inventory *big = fleet(true);
    assert_int_equal(fs_inventory_shard(big, &s), FS_OK);
    assert_non_null(fs_inventory_find(big, "dev123"));
    fs_inventory_free(small);
    fs_inventory_free(big);
    fs_buf_dispose(&err);
}

/* One host over five shards: four are empty, which is no error. */
static void empty_shards_are_fine(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 1024);
    unsigned kept = 0;
    for (unsigned k = 0; k < 5; k++) {
        struct fs_inventory *inv = NULL;
        assert_int_equal(fs_inventory_new(&inv), FS_OK);
        assert_int_equal(fs_inventory_add_target(inv, "audit@plc-gw:2222", &err), FS_OK);
        struct fs_shard s = {.k = k, .n = 5};
        assert_int_equal(fs_inventory_shard(inv, &s), FS_OK);
        kept += (unsigned)inv->n;
        fs_inventory_free(inv);
    }
    assert_int_equal(kept, 1);
    fs_buf_dispose(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_k_of_n),   cmocka_unit_test(refuses_bad_values),
        cmocka_unit_test(hash_is_pinned),  cmocka_unit_test(shards_partition_the_inventory),
        cmocka_unit_test(shard_is_stable), cmocka_unit_test(empty_shards_are_fine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
