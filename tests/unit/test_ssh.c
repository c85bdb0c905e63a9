/* SPDX-License-Identifier: Apache-2.0 */
/* The SSH transport refuses what must never reach an ssh command line, before any
 * connection, and every message it or fs_log writes is printable. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/core/err.h"
#include "scanner/core/util.h"
#include "scanner/transport/transport.h"

static const struct fs_run_opts opts = {
    .connect_timeout_s = 2, .timeout_s = 2, .max_output = 1u << 20};

static struct fs_host ssh_host(char *address, char *jump)
{
    struct fs_host h;
    memset(&h, 0, sizeof h);
    h.name = "dev1";
    h.address = address;
    h.port = 22;
    h.proxy_jump = jump;
    return h;
}

static void refused(char *address, char *jump, int port, const char *reason)
{
    struct fs_host h = ssh_host(address, jump);
    h.port = port;
    struct fs_run_out out;
    fs_run_out_init(&out, opts.max_output);
    long long t0 = fs_now_ms();
    assert_int_equal(fs_transport_ssh.run(&h, &opts, "sh -s", "", 0, &out), FS_ERR_INVAL);
    assert_true(fs_now_ms() - t0 < 500); /* nothing was tried */
    assert_int_equal(out.status, FS_HOST_ERROR);
    if (!strstr(out.reason, reason) || strchr(out.reason, 0x1b))
        fail_msg("expected '%s' in '%s'", reason, out.reason);
    fs_run_out_dispose(&out);
}

static void bad_jump_and_address_never_reach_ssh(void **state)
{
    (void)state;
    unlink("/tmp/fs-test-ssh-pwned");
    refused("127.0.0.1", "-oProxyCommand=touch /tmp/fs-test-ssh-pwned", 22,
            "host 'dev1': ProxyJump '-oProxyCommand=touch /tmp/fs-test-ssh-pwned'");
    refused("127.0.0.1", "-oProxyCommand=x", 22, "ProxyJump '-oProxyCommand=x'");
    refused("127.0.0.1", "jump@-v", 22, "ProxyJump 'jump@-v'");
    refused("x';touch /tmp/fs-test-ssh-pwned;'", "jump@127.0.0.1", 22,
            "address 'x';touch /tmp/fs-test-ssh-pwned;'' is not a host name or IP address");
    refused("-oProxyCommand=x", NULL, 22, "address '-oProxyCommand=x'");
    refused("127.0.0.1", NULL, 0, "port 0 is not in 1-65535");
    refused("evil\x1b]0;pwned\x07", NULL, 22, "address 'evil\\x1b]0;pwned\\x07'");
    assert_int_equal(access("/tmp/fs-test-ssh-pwned", F_OK), -1);
}

static void run_out_reason_is_printable(void **state)
{
    (void)state;
    struct fs_run_out out;
    fs_run_out_init(&out, 1024);
    fs_run_out_fail(&out, FS_HOST_UNREACHABLE, "banner: %s", "SSH-2.0-x\x1b]0;t\x07\r\nnext\x9b");
    assert_string_equal(out.reason, "banner: SSH-2.0-x\\x1b]0;t\\x07  next\\x9b");
    assert_int_equal(out.status, FS_HOST_UNREACHABLE);
    char longer[2000];
    memset(longer, 0x1b, sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    fs_run_out_fail(&out, FS_HOST_ERROR, "%s", longer);
    assert_int_equal(strlen(out.reason), sizeof out.reason - 1); /* cut, still printable */
    assert_null(strchr(out.reason, 0x1b));
    fs_run_out_dispose(&out);
}

static void log_is_printable(void **state)
{
    (void)state;
    char path[] = "/tmp/fs-test-log.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(fflush(stderr), 0);
    int saved = dup(2);
    assert_true(saved >= 0 && dup2(fd, 2) == 2);
    fs_log(FS_LOG_INFO, "host %s says %s", "bs\x1b[2J01", "\x1b]0;pwned\x07");
    assert_int_equal(fflush(stderr), 0);
    assert_int_equal(dup2(saved, 2), 2);
    close(saved);
    char buf[256] = {0};
    assert_true(pread(fd, buf, sizeof buf - 1, 0) > 0);
    close(fd);
    unlink(path);
    assert_string_equal(buf, "host bs\\x1b[2J01 says \\x1b]0;pwned\\x07\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_jump_and_address_never_reach_ssh),
        cmocka_unit_test(run_out_reason_is_printable),
        cmocka_unit_test(log_is_printable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
