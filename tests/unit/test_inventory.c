/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for the YAML inventory: inheritance, limits, targets and every error path. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/core/err.h"
#include "scanner/inventory/inventory.h"

static const char good[] =
    "all:\n"
    "  vars:\n"
    "    ansible_user: audit\n"
    "    become: true\n"
    "    site_note: hall 3\n"
    "  children:\n"
    "    build_servers:\n"
    "      vars: { role: build-server, zone: engineering }\n"
    "      hosts:\n"
    "        bs01: { ansible_host: 10.20.0.11 }\n"
    "        bs02: { ansible_host: 10.20.0.12, ansible_port: 2222, become: no }\n"
    "    test_stations:\n"
    "      vars: { role: test-station, zone: test-lab }\n"
    "      children:\n"
    "        line_a:\n"
    "          vars: { zone: line-a }\n"
    "          hosts:\n"
    "            ts01: { ansible_host: 10.30.0.21, ansible_ssh_private_key_file: keys/ts.key,\n"
    "                    ansible_ssh_common_args: '-o ProxyJump=jump@10.30.0.1' }\n"
    "    loose:\n"
    "      hosts:\n"
    "        plain:\n";

static struct fs_inventory *load(const char *yaml, struct fs_buf *err)
{
    struct fs_inventory *inv = NULL;
    int rc = fs_inventory_load_mem(&inv, "/etc/fs/inv.yml", yaml, strlen(yaml), err);
    assert_true((rc == FS_OK) == (inv != NULL)); /* an inventory exactly when it loaded */
    return inv;
}

static void inherits_all_group_host(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_inventory *inv = load(good, &err);
    assert_non_null(inv);
    assert_int_equal(inv->n, 4);
    const struct fs_host *bs01 = fs_inventory_find(inv, "bs01");
    assert_string_equal(bs01->address, "10.20.0.11");
    assert_int_equal(bs01->port, 22);
    assert_string_equal(bs01->user, "audit");
    assert_true(bs01->become);
    assert_string_equal(bs01->role, "build-server");
    assert_string_equal(bs01->zone, "engineering");
    assert_string_equal(fs_kvlist_get(&bs01->vars, "site_note"), "hall 3");
    const struct fs_host *bs02 = fs_inventory_find(inv, "bs02");
    assert_int_equal(bs02->port, 2222);
    assert_false(bs02->become); /* host overrides all */
    const struct fs_host *ts01 = fs_inventory_find(inv, "ts01");
    assert_string_equal(ts01->zone, "line-a"); /* child group overrides parent group */
    assert_string_equal(ts01->role, "test-station");
    assert_string_equal(ts01->key_file, "/etc/fs/keys/ts.key");
    assert_string_equal(ts01->proxy_jump, "jump@10.30.0.1:22"); /* canonical */
    assert_true(fs_host_in_group(ts01, "test_stations"));
    assert_true(fs_host_in_group(ts01, "line_a"));
    assert_true(fs_host_in_group(ts01, "all"));
    const struct fs_host *plain = fs_inventory_find(inv, "plain");
    assert_string_equal(plain->address, "plain");
    assert_null(plain->role);
    fs_inventory_free(inv);
    fs_buf_dispose(&err);
}

struct bad_case {
    const char *yaml;
    const char *message; /* substring of the error */
};

static void errors_name_file_line_and_reason(void **state)
{
    (void)state;
    static const struct bad_case cases[] = {
        {"all:\n  hosts:\n    a: {ansible_host: [\n", "/etc/fs/inv.yml:4"},
        {"- a\n- b\n", "top level must be a mapping"},
        {"all:\n  hostz:\n    a:\n", "/etc/fs/inv.yml:2: unknown key 'hostz'"},
        {"all:\n  hosts:\n    a:\n    a: { role: x }\n",
         "/etc/fs/inv.yml:4: duplicate host 'a' in group 'all' (first listed at line 3)"},
        {"all:\n  hosts:\n    a: [1, 2]\n", "vars of host 'a' must be a mapping"},
        {"all:\n  hosts:\n    a: { ansible_port: 70000 }\n", "ansible_port '70000'"},
        {"all:\n  hosts:\n    a: { ansible_port: ssh }\n", "/etc/fs/inv.yml:3"},
        {"all:\n  hosts: [a, b]\n", "hosts of group 'all' must be a mapping"},
        {"all:\n  vars: 3\n  hosts:\n    a:\n", "vars of group 'all' must be a mapping"},
        {"all: 5\n", "group 'all' must be a mapping"},
        {"", "the inventory is empty"},
        {"all:\n  children:\n    g:\n", "defines no hosts"},
        {"all:\n  hosts:\n    a:\n  hosts:\n    b:\n", "key 'hosts' appears twice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fs_buf err;
        fs_buf_init(&err, 4096);
        struct fs_inventory *inv = load(cases[i].yaml, &err);
        if (inv || !strstr(fs_buf_cstr(&err), cases[i].message))
            fail_msg("case %zu: expected error containing '%s', got '%s'", i, cases[i].message,
                     fs_buf_cstr(&err));
        fs_buf_dispose(&err);
    }
}

/* As in Ansible: a host may sit in several groups; deeper groups win over shallower ones,
 * groups of equal depth apply in name order, and host variables win over all of them. */
static void host_in_several_groups_merges(void **state)
{
    (void)state;
    static const char yaml[] = "all:\n"
                               "  vars: { zone: plant, role: baseline }\n"
                               "  hosts:\n"
                               "    h1: { ansible_host: 10.0.0.1 }\n"
                               "  children:\n"
                               "    zeta: { vars: { role: test-station }, hosts: { h1: } }\n"
                               "    alpha:\n"
                               "      vars: { role: build-server, ansible_port: 2200 }\n"
                               "      hosts: { h1: { ansible_user: audit } }\n"
                               "      children:\n"
                               "        deep: { vars: { zone: cell-7 }, hosts: { h1: } }\n";
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_inventory *inv = load(yaml, &err);
    if (!inv) {
        fail_msg("%s", fs_buf_cstr(&err));
        return; /* fail_msg does not return, but the analysers cannot tell */
    }
    assert_int_equal(inv->n, 1);
    const struct fs_host *h = &inv->hosts[0];
    assert_string_equal(h->address, "10.0.0.1");
    assert_string_equal(h->role, "test-station"); /* zeta sorts after alpha */
    assert_string_equal(h->zone, "cell-7");       /* deeper group wins */
    assert_int_equal(h->port, 2200);
    assert_string_equal(h->user, "audit");
    assert_int_equal(h->ngroups, 4);
    assert_true(fs_host_in_group(h, "deep"));
    assert_true(fs_host_in_group(h, "zeta"));
    fs_inventory_free(inv);
    fs_buf_dispose(&err);
}

static void unreadable_file_is_named(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_inventory *inv = NULL;
    assert_int_equal(fs_inventory_load(&inv, "/nonexistent/inv.yml", &err), FS_ERR_IO);
    assert_null(inv);
    assert_non_null(strstr(fs_buf_cstr(&err), "/nonexistent/inv.yml"));
    fs_buf_dispose(&err);
}

static void limit_by_name_group_and_pattern(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_inventory *inv = load(good, &err);
    assert_int_equal(fs_inventory_limit(inv, "bs0*,line_a", &err), FS_OK);
    assert_int_equal(inv->n, 3);
    assert_null(fs_inventory_find(inv, "plain"));
    assert_int_equal(fs_inventory_limit(inv, "nothing*", &err), FS_ERR_NOTFOUND);
    assert_non_null(strstr(fs_buf_cstr(&err), "nothing*"));
    fs_inventory_free(inv);
    fs_buf_dispose(&err);
}

static void targets_parse(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_inventory *inv = NULL;
    assert_int_equal(fs_inventory_new(&inv), FS_OK);
    assert_int_equal(fs_inventory_add_target(inv, "audit@10.20.0.11", &err), FS_OK);
    assert_int_equal(fs_inventory_add_target(inv, "ssh://root@bs02:2222", &err), FS_OK);
    assert_int_equal(fs_inventory_add_target(inv, "[fd00::1]:2200", &err), FS_OK);
    assert_int_equal(fs_inventory_add_target(inv, "local", &err), FS_OK);
    assert_string_equal(inv->hosts[0].user, "audit");
    assert_int_equal(inv->hosts[0].port, 22);
    assert_string_equal(inv->hosts[1].address, "bs02");
    assert_int_equal(inv->hosts[1].port, 2222);
    assert_string_equal(inv->hosts[2].address, "fd00::1");
    assert_int_equal(inv->hosts[2].port, 2200);
    assert_true(inv->hosts[3].local);
    assert_int_equal(fs_inventory_add_target(inv, "host:0", &err), FS_ERR_INVAL);
    assert_int_equal(fs_inventory_add_target(inv, "h$(reboot)", &err), FS_ERR_INVAL);
    assert_int_equal(fs_inventory_add_target(inv, "@host", &err), FS_ERR_INVAL);
    assert_int_equal(fs_inventory_add_target(inv, "-oProxyCommand=x", &err), FS_ERR_INVAL);
    assert_int_equal(inv->n, 4);
    fs_inventory_free(inv);
    fs_buf_dispose(&err);
}

/* What reaches libssh (an address, a jump host) is checked at load time: a value that ssh
 * would read as an option, or sh as code, is an error naming the host and the value. */
static void ssh_command_values_are_checked(void **state)
{
    (void)state;
    static const struct bad_case cases[] = {
        {"all:\n  hosts:\n    j1: { ansible_host: 10.0.0.1,\n"
         "          ansible_ssh_common_args: '-o ProxyJump=-oProxyCommand=x' }\n",
         "/etc/fs/inv.yml:3: host 'j1': ProxyJump '-oProxyCommand=x'"},
        {"all:\n  hosts:\n    j2: { ansible_ssh_common_args: '-J -oProxyCommand=x' }\n",
         "host 'j2': ProxyJump '-oProxyCommand=x'"},
        {"all:\n  hosts:\n    j3: { ansible_ssh_common_args: '-oProxyJump=jump@-F/tmp/x' }\n",
         "host 'j3': ProxyJump 'jump@-F/tmp/x'"},
        {"all:\n  hosts:\n    j4: { ansible_ssh_common_args: '-o ProxyJump=a;reboot' }\n",
         "host 'j4': ProxyJump 'a;reboot'"},
        {"all:\n  hosts:\n    a1: { ansible_host: \"10.0.0.1';touch /tmp/fs-pwned;'\" }\n",
         "host 'a1': ansible_host '10.0.0.1';touch /tmp/fs-pwned;''"},
        {"all:\n  hosts:\n    a2: { ansible_host: '$(reboot)' }\n",
         "host 'a2': ansible_host '$(reboot)'"},
        {"all:\n  hosts:\n    a3: { ansible_host: -oProxyCommand=x }\n",
         "host 'a3': ansible_host '-oProxyCommand=x'"},
        {"all:\n  hosts:\n    a4: { ansible_host: 'bs 01' }\n", "host 'a4': ansible_host"},
        {"all:\n  hosts:\n    \"bs01\\x1b]0;pwned\\x07\":\n",
         "host name 'bs01\\x1b]0;pwned\\x07' in group 'all' holds a control character"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fs_buf err;
        fs_buf_init(&err, 4096);
        struct fs_inventory *inv = load(cases[i].yaml, &err);
        if (inv || !strstr(fs_buf_cstr(&err), cases[i].message) || strchr(fs_buf_cstr(&err), 0x1b))
            fail_msg("case %zu: expected error containing '%s', got '%s'", i, cases[i].message,
                     fs_buf_cstr(&err));
        fs_inventory_free(inv);
        fs_buf_dispose(&err);
    }
    /* What a fleet really uses still loads. */
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_inventory *inv =
        load("all:\n  hosts:\n    v6: { ansible_host: 'fe80::1%eth0' }\n"
             "    n: { ansible_host: bs01.plant-3.example, ansible_ssh_common_args: "
             "'-o ProxyJump=jump_1@10.30.0.1' }\n    local:\n",
             &err);
    assert_non_null(inv);
    assert_int_equal(inv->n, 3);
    fs_inventory_free(inv);
    fs_buf_dispose(&err);
}

static void address_and_jump_validators(void **state)
{
    (void)state;
    static const char *const ok[] = {"10.0.0.1", "bs01", "a.b-c_d", "::1", "fe80::1%eth0"};
    static const char *const bad[] = {"",    "-x",         "a b", "a;b",  "a'b",
                                      "a$b", "10.0.0.1%x", "a@b", "a\x1b"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(fs_host_address_valid(ok[i], strlen(ok[i])));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(fs_host_address_valid(bad[i], strlen(bad[i])));
    assert_true(fs_proxy_jump_valid("jump@10.30.0.1"));
    assert_true(fs_proxy_jump_valid("[::1]:2222"));
    assert_false(fs_proxy_jump_valid("-oProxyCommand=x"));
    assert_false(fs_proxy_jump_valid("-v"));
    assert_false(fs_proxy_jump_valid("u@-v"));
    assert_false(fs_proxy_jump_valid("[-v]"));
    assert_false(fs_proxy_jump_valid("a b"));
    assert_false(fs_proxy_jump_valid(""));
    assert_false(fs_proxy_jump_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inherits_all_group_host),
        cmocka_unit_test(errors_name_file_line_and_reason),
        cmocka_unit_test(host_in_several_groups_merges),
        cmocka_unit_test(unreadable_file_is_named),
        cmocka_unit_test(limit_by_name_group_and_pattern),
        cmocka_unit_test(targets_parse),
        cmocka_unit_test(ssh_command_values_are_checked),
        cmocka_unit_test(address_and_jump_validators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
