/* P2 Understanding data types and flows: cleartext protocols, tunnels, removable media. */
#include "checks.h"
#include "check_util.h"
#include "net_util.h"

#include <stdio.h>
#include <string.h>

void fs_check_flows_no_cleartext_services(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const struct {
        const char *proto;
        unsigned port;
        const char *name;
    } ports[] = {{"tcp", 21, "ftp"},    {"tcp", 110, "pop3"},   {"tcp", 143, "imap"},
                 {"tcp", 512, "rexec"}, {"tcp", 513, "rlogin"}, {"udp", 69, "tftp"}};
    static const char *const procs[] = {"in.rshd",    "rshd",   "rlogind",
                                        "in.rlogind", "rexecd", "in.rexecd"};
    const struct fs_fact *nl = fs_check_fact(ctx, v, "net_listen");
    const struct fs_fact *pc = nl ? fs_check_fact(ctx, v, "proc_comm") : NULL;
    if (!pc)
        return;
    struct fs_list found;
    fs_list_init(&found);
    struct fs_listen_iter it;
    struct fs_listener l;
    fs_listen_iter_init(&it, nl);
    while (fs_listen_next(&it, &l)) {
        for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++) {
            if (l.port == ports[i].port && strcmp(l.proto, ports[i].proto) == 0) {
                char item[96];
                snprintf(item, sizeof item, "%s (%s/%u)", ports[i].name, l.proto, l.port);
                if (!strstr(fs_list_str(&found), item))
                    fs_list_add(&found, item);
            }
        }
    }
    for (size_t i = 0; i < sizeof procs / sizeof procs[0]; i++)
        if (fs_proc_running(pc, procs[i]))
            fs_list_add(&found, procs[i]);
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "cleartext services: %s", fs_list_str(&found));
    else if (!it.saw_table || !fs_proc_list_sane(pc))
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "could not read the listening sockets (/proc/net) or the process list");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no ftp, pop3, imap, rexec, rlogin, rsh or tftp");
    fs_list_dispose(&found);
}

void fs_check_flows_media_automount_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const procs[] = {"udisksd", "automount", "udiskie", "usbmount"};
    const struct fs_fact *pc = fs_check_fact(ctx, v, "proc_comm");
    if (!pc)
        return;
    struct fs_list found;
    fs_list_init(&found);
    for (size_t i = 0; i < sizeof procs / sizeof procs[0]; i++)
        if (fs_proc_running(pc, procs[i]))
            fs_list_add(&found, procs[i]);
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "automounter running: %s", fs_list_str(&found));
    else if (!fs_proc_list_sane(pc))
        fs_verdict_set(v, FS_RESULT_ERROR, "the process list is empty or not text");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no udisksd, automount, udiskie or usbmount runs");
    fs_list_dispose(&found);
}

/* Passes when each named sshd -T setting has the value "no". */
static void sshd_all_no(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                        const char *const *keys)
{
    struct fs_list bad, good;
    fs_list_init(&bad);
    fs_list_init(&good);
    for (; *keys; keys++) {
        char val[128], item[200];
        if (!fs_sshd_setting(ctx, v, *keys, val, sizeof val))
            goto out;
        snprintf(item, sizeof item, "%s %s", *keys, val);
        fs_list_add(strcmp(val, "no") == 0 ? &good : &bad, item);
    }
    fs_verdict_set(v, bad.count ? FS_RESULT_FAIL : FS_RESULT_PASS, "%s (sshd -T)",
                   fs_list_str(bad.count ? &bad : &good));
out:
    fs_list_dispose(&bad);
    fs_list_dispose(&good);
}

void fs_check_sshd_disable_tcp_forwarding(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"allowtcpforwarding", "gatewayports", NULL};
    sshd_all_no(ctx, v, keys);
}

void fs_check_sshd_disable_tunnel_device(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"permittunnel", NULL};
    sshd_all_no(ctx, v, keys);
}
