/* SPDX-License-Identifier: Apache-2.0 */
/* Jump hosts: ProxyJump values and --jump parsed strictly, the option picked out of
 * ansible_ssh_common_args (others ignored with one warning), inventory errors with file and
 * line, and a bastion that cannot be reached tried once for every host behind it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "scanner/core/err.h"
#include "scanner/core/util.h"
#include "scanner/inventory/inventory.h"
#include "scanner/inventory/proxy_jump.h"
#include "scanner/transport/jump.h"
#include "scanner/transport/transport.h"

static void canonical(const char *in, const char *want)
{
    struct fs_jump_spec j;
    char why[160], out[FS_JUMP_SPEC_MAX];
    if (fs_jump_spec_parse(in, &j, why, sizeof why) != FS_OK)
        fail_msg("'%s' refused: %s", in, why);
    fs_jump_spec_format(&j, out, sizeof out);
    if (strcmp(out, want) != 0)
        fail_msg("'%s' became '%s', expected '%s'", in, out, want);
}

static void refused(const char *in, const char *reason)
{
    struct fs_jump_spec j;
    char why[160] = "";
    assert_int_equal(fs_jump_spec_parse(in, &j, why, sizeof why), FS_ERR_INVAL);
    if (!strstr(why, reason))
        fail_msg("'%s': expected '%s' in '%s'", in ? in : "(null)", reason, why);
}

static void spec_values(void **state)
{
    (void)state;
    canonical("audit@10.81.0.2", "audit@10.81.0.2:22");
    canonical("audit@10.81.0.2:2222", "audit@10.81.0.2:2222");
    canonical("bastion.plant-3.example", "bastion.plant-3.example:22");
    canonical("user@[fd00::1]:2222", "user@[fd00::1]:2222");
    canonical("[fd00::1]", "[fd00::1]:22");
    canonical("fd00::1", "[fd00::1]:22"); /* bare IPv6: no port */
    canonical("jump_1@h", "jump_1@h:22");
    refused("", "empty");
    refused(NULL, "empty");
    refused("audit@", "missing host");
    refused("audit@:22", "missing host");
    refused("audit@h:", "bad port ''");
    refused("audit@h:0", "bad port '0'");
    refused("audit@h:65536", "bad port '65536'");
    refused("audit@h:22x", "bad port '22x'");
    refused("a@b,c@d", "only one jump host is supported");
    refused("a,b", "only one jump host is supported");
    refused("@h", "bad user name");
    refused("-v@h", "bad user name");
    refused("u@-v", "bad host");
    refused("u@[fd00::1", "without a closing ']'");
    refused("u@[fd00::1]x", "unexpected text after ']'");
    refused("u@[h]:22", "only an IPv6 address goes in brackets");
    refused("u@[]:22", "missing host");
    refused("a;reboot", "bad host");
    refused("ssh://a@b", "not a URL");
    /* two ':' are an IPv6 address or nothing (not an address with two ports) */
    refused("root@10.77.0.11:22:22", "more than one ':' but not an IPv6 address");
    refused("h:22:", "more than one ':'");
    canonical("fe80::1%eth0", "[fe80::1%eth0]:22");
    refused("root@[10.0.0.1:22]:22", "only an IPv6 address goes in brackets");
    refused("[host:x]", "only an IPv6 address goes in brackets");
}

static void args_refused(const char *in, const char *reason)
{
    char *v = (char *)1, why[200] = "";
    size_t ignored;
    assert_int_equal(fs_jump_from_ssh_args(in, &v, &ignored, why, sizeof why), FS_ERR_INVAL);
    assert_null(v);
    if (!strstr(why, reason))
        fail_msg("'%s': expected '%s' in '%s'", in, reason, why);
}

static void args(const char *in, const char *want, size_t want_ignored)
{
    char *v = NULL, why[160] = "";
    size_t ignored = 99;
    if (fs_jump_from_ssh_args(in, &v, &ignored, why, sizeof why) != FS_OK)
        fail_msg("'%s' refused: %s", in, why);
    if (want ? !v || strcmp(v, want) != 0 : v != NULL)
        fail_msg("'%s' gave '%s', expected '%s'", in, v ? v : "(none)", want ? want : "(none)");
    assert_int_equal(ignored, want_ignored);
    free(v);
}

static void ssh_common_args(void **state)
{
    (void)state;
    args("-o ProxyJump=audit@10.81.0.2:22", "audit@10.81.0.2:22", 0);
    args("-oProxyJump=audit@b", "audit@b", 0);
    args("-J audit@b:2222", "audit@b:2222", 0);
    args("-Jaudit@b", "audit@b", 0);
    args("-o 'ProxyJump audit@b'", "audit@b", 0);
    args("-o proxyjump=b", "b", 0); /* ssh option names ignore case */
    args("-o \"ProxyJump=b\" -o StrictHostKeyChecking=no -i /k", "b", 2); /* options, not words */
    args("-o StrictHostKeyChecking=no", NULL, 1);
    args("", NULL, 0);
    args_refused("-o ProxyJump=", "ProxyJump without a value");
    args("-o ProxyJump=none -o ServerAliveInterval=5", "none", 1); /* the inventory: direct */
    /* what would route the connection elsewhere is refused, never ignored */
    args_refused("-o ProxyJump root@10.77.0.11", "ProxyJump without a value");
    args_refused("-oProxyJump", "ProxyJump without a value");
    args_refused("-o ProxyCommand=\"ssh -W %h:%p root@10.77.0.11\"",
                 "-o ProxyCommand is not supported");
    args_refused("-o 'proxycommand nc b 22'", "-o ProxyCommand is not supported");
    args_refused("-o HostName=10.0.0.9", "-o HostName is not supported");
    args_refused("-oPort=2222", "-o Port is not supported");
    args_refused("-o ProxyUseFdpass=yes", "-o ProxyUseFdpass is not supported");
    args_refused("-p 2222", "-p is not supported");
    args_refused("-W h:22", "-W is not supported");
    args("-o PortForwarding=no -o HostNameX=1", NULL, 2); /* names that only begin alike */
    /* ssh keeps the first jump host; a -J after one is its error, not the last one's win */
    args("-J bast -o ProxyJump=none", "bast", 0);
    args("-o ProxyJump=a -o ProxyJump=b", "a", 0);
    args_refused("-o ProxyJump=x -J y", "a second jump host");
    args_refused("-J x -J y", "a second jump host");
    /* words as ssh's getopt and configuration reader cut them */
    args("-vJ bast", "bast", 1);    /* -v, then -J's value */
    args("-CJbast -q", "bast", 2);  /* -C, -J, -q */
    args("-qoProxyJump=b", "b", 1); /* -q, then -o's value */
    args("-o=ProxyJump=b", "b", 0); /* a first empty token, as ssh reads it */
    args("-o ' ProxyJump=b'", "b", 0);
    args("-o '\"ProxyJump\" b'", "b", 0);
    args_refused("-4p2222", "-p is not supported");
    args_refused("-o ' ProxyCommand=nc %h %p'", "-o ProxyCommand is not supported");
    args_refused("-o '=Port=2222'", "-o Port is not supported");
    args_refused("-F /etc/ssh/other_config", "-F is not supported");
    args("-o ProxyCommand=none", NULL, 1); /* ssh's direct connection */
    args("-o ProxyJump=NONE", "NONE", 0);  /* the inventory reads none in any case (below) */
    char *v = (char *)1, why[160] = "";
    size_t ignored;
    assert_int_equal(fs_jump_from_ssh_args("-v -o", &v, &ignored, why, sizeof why), FS_ERR_INVAL);
    assert_null(v);
    assert_string_equal(why, "'-o' without a value");
}

/* Loads yaml with stderr captured into *log (the warning goes there). */
static struct fs_inventory *load(const char *yaml, struct fs_buf *err, char *log, size_t n)
{
    char path[] = "/tmp/fs-test-jump-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    (void)fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    int old = fs_log_level;
    fs_log_level = FS_LOG_INFO;
    struct fs_inventory *inv = NULL;
    int rc = fs_inventory_load_mem(&inv, "/etc/fs/inv.yml", yaml, strlen(yaml), err);
    fs_log_level = old;
    (void)fflush(stderr);
    dup2(saved, 2);
    close(saved);
    ssize_t got = pread(fd, log, n - 1, 0);
    log[got > 0 ? got : 0] = '\0';
    close(fd);
    assert_true((rc == FS_OK) == (inv != NULL));
    return inv;
}

static void inventory_jump(void **state)
{
    (void)state;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    char log[4096];
    struct fs_inventory *inv =
        load("all:\n"
             "  children:\n"
             "    segment:\n"
             "      vars: { ansible_ssh_common_args: '-o ProxyJump=audit@[fd00::1]:2222 "
             "-o StrictHostKeyChecking=no -i /srv/keys/secret.key' }\n"
             "      hosts:\n"
             "        t1: { ansible_host: 10.82.0.11 }\n"
             "        t2: { ansible_host: 10.82.0.12 }\n"
             "        t3: { ansible_ssh_common_args: '-J b2' }\n"
             "        t4: { ansible_ssh_common_args: '-o ProxyJump=None' }\n"
             "        t5: { ansible_ssh_common_args: '', ansible_ssh_extra_args: '-J x5' }\n"
             "    office:\n"
             "      hosts:\n"
             "        o1:\n"
             "        here: { ansible_connection: local }\n",
             &err, log, sizeof log);
    assert_non_null(inv);
    assert_string_equal(fs_inventory_find(inv, "t1")->proxy_jump, "audit@[fd00::1]:2222");
    assert_string_equal(fs_inventory_find(inv, "t2")->proxy_jump, "audit@[fd00::1]:2222");
    assert_string_equal(fs_inventory_find(inv, "t3")->proxy_jump, "b2:22"); /* host wins */
    assert_null(fs_inventory_find(inv, "o1")->proxy_jump);
    /* a jump host in ansible_ssh_extra_args is one too (Ansible passes it to ssh) */
    assert_string_equal(fs_inventory_find(inv, "t5")->proxy_jump, "x5:22");
    /* ProxyJump=none: out of the group's jump host, and out of --jump's */
    assert_null(fs_inventory_find(inv, "t4")->proxy_jump);
    assert_true(fs_inventory_find(inv, "t4")->jump_none);
    /* one warning, naming the first host and its line, not the values (a key path) */
    if (!strstr(log, "/etc/fs/inv.yml:6: warning: host 't1': ansible_ssh_common_args: 2 option(s)"))
        fail_msg("warning: '%s'", log);
    assert_null(strstr(strstr(log, "host 't1'") + 1, "warning"));
    assert_null(strstr(log, "secret"));
    /* --jump: hosts without their own jump host, except the local one */
    assert_int_equal(fs_inventory_set_jump(inv, "scan@10.81.0.2", &err), FS_OK);
    assert_string_equal(fs_inventory_find(inv, "o1")->proxy_jump, "scan@10.81.0.2:22");
    assert_string_equal(fs_inventory_find(inv, "t3")->proxy_jump, "b2:22");
    assert_null(fs_inventory_find(inv, "here")->proxy_jump);
    assert_null(fs_inventory_find(inv, "t4")->proxy_jump);
    assert_int_equal(fs_inventory_set_jump(inv, "a@b,c@d", &err), FS_ERR_INVAL);
    assert_string_equal(fs_buf_cstr(&err), "--jump 'a@b,c@d' is not [user@]host[:port]: only "
                                           "one jump host is supported (a chain 'a,b' is not)");
    assert_int_equal(fs_inventory_set_jump(inv, "u@h:99999", &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "bad port '99999'"));
    fs_inventory_free(inv);

    static const struct {
        const char *yaml, *message;
    } bad[] = {
        {"all:\n  hosts:\n    j1: { ansible_ssh_common_args: '-o ProxyJump=' }\n",
         "/etc/fs/inv.yml:3: host 'j1': ansible_ssh_common_args: ProxyJump without a value"},
        {"all:\n  hosts:\n\n    j2: { ansible_ssh_common_args: '-J audit@' }\n",
         "/etc/fs/inv.yml:4: host 'j2': ProxyJump 'audit@' is not [user@]host[:port]: missing "
         "host"},
        {"all:\n  hosts:\n    j3: { ansible_ssh_common_args: '-oProxyJump=a@b:70000' }\n",
         "/etc/fs/inv.yml:3: host 'j3': ProxyJump 'a@b:70000' is not [user@]host[:port]: bad "
         "port '70000'"},
        {"all:\n  hosts:\n    j4: { ansible_ssh_common_args: '-o ProxyJump=a@b,c@d' }\n",
         "/etc/fs/inv.yml:3: host 'j4': ProxyJump 'a@b,c@d' is not [user@]host[:port]: only one "
         "jump host is supported"},
        {"all:\n  hosts:\n    j5: { ansible_ssh_common_args: '-o' }\n",
         "/etc/fs/inv.yml:3: host 'j5': ansible_ssh_common_args: '-o' without a value"},
        {"all:\n  hosts:\n    j7: { ansible_ssh_common_args: '-o ProxyCommand=\"nc b 22\"' }\n",
         "/etc/fs/inv.yml:3: host 'j7': ansible_ssh_common_args: -o ProxyCommand is not "
         "supported: floorscan connects directly or through ProxyJump (-J) only"},
        {"all:\n  hosts:\n    j9: { ansible_ssh_extra_args: '-o ProxyCommand=\"nc b 22\"' }\n",
         "/etc/fs/inv.yml:3: host 'j9': ansible_ssh_extra_args: -o ProxyCommand is not supported"},
        {"all:\n  hosts:\n    j10: { ansible_ssh_common_args: '-J a', ansible_ssh_extra_args: '-J "
         "b' }\n",
         "host 'j10': ansible_ssh_args, _common_args and _extra_args: a second jump host"},
        {"all:\n  hosts:\n    j8: { ansible_ssh_common_args: '-o ProxyJump=r@h:22:22' }\n",
         "host 'j8': ProxyJump 'r@h:22:22' is not [user@]host[:port]: more than one ':'"},
        {"all:\n  vars: { ansible_ssh_common_args: '-J u@[fd00::1' }\n  hosts:\n    j6:\n",
         "host 'j6': ProxyJump 'u@[fd00::1' is not [user@]host[:port]: '[' without a closing "
         "']'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        inv = load(bad[i].yaml, &err, log, sizeof log);
        if (inv || !strstr(fs_buf_cstr(&err), bad[i].message))
            fail_msg("case %zu: expected '%s', got '%s'", i, bad[i].message, fs_buf_cstr(&err));
    }
    fs_buf_dispose(&err);
}

static int open_fds(void)
{
    int n = 0;
    char path[64];
    for (int fd = 0; fd < 1024; fd++) {
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        n += access(path, F_OK) == 0;
    }
    return n;
}

/* A "bastion" that accepts TCP connections and never speaks SSH: both hosts behind it are
 * unreachable with a reason naming it, and it was connected to once (its backlog holds one
 * connection), not once per host. */
static void bastion_tried_once(void **state)
{
    (void)state;
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t sl = sizeof sa;
    assert_int_equal(bind(ls, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(ls, 8), 0);
    assert_int_equal(getsockname(ls, (struct sockaddr *)&sa, &sl), 0);
    char spec[64];
    snprintf(spec, sizeof spec, "audit@127.0.0.1:%d", ntohs(sa.sin_port));
    struct fs_run_opts o = {.known_hosts = "/dev/null", .connect_timeout_s = 1, .timeout_s = 5};
    int fds = open_fds();
    struct fs_jumps *reg = NULL;
    assert_int_equal(fs_jumps_new(&reg), FS_OK);
    o.jumps = reg;
    for (int host = 0; host < 2; host++) {
        struct fs_run_out out;
        fs_run_out_init(&out, 1024);
        int fd = 7;
        long long t0 = fs_now_ms();
        int rc = fs_jumps_open(reg, &o, spec, "10.82.0.11", 22, t0 + 3000, &fd, &out);
        assert_true(rc != FS_OK);
        assert_int_equal(fd, -1);
        assert_int_equal(out.status, FS_HOST_UNREACHABLE);
        char want[128];
        snprintf(want, sizeof want, "bastion %s: no SSH handshake from 127.0.0.1 port %d", spec,
                 ntohs(sa.sin_port));
        if (!strstr(out.reason, want))
            fail_msg("host %d: expected '%s' in '%s'", host, want, out.reason);
        /* the first waits for the connect timeout, the second is told at once */
        assert_true(fs_now_ms() - t0 < (host == 0 ? 2500 : 200));
        fs_run_out_dispose(&out);
    }
    fs_jumps_free(reg);
    assert_int_equal(open_fds(), fds); /* the bastion's socket and wake-up pipe are closed */
    fcntl(ls, F_SETFL, O_NONBLOCK);
    int accepted = 0, c;
    while ((c = accept(ls, NULL, NULL)) >= 0) {
        accepted++;
        close(c);
    }
    assert_int_equal(accepted, 1);
    close(ls);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spec_values),
        cmocka_unit_test(ssh_common_args),
        cmocka_unit_test(inventory_jump),
        cmocka_unit_test(bastion_tried_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
