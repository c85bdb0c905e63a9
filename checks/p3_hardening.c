/* P3 Hardening devices: sshd settings from sshd -T and needless network services. */
#include "checks.h"
#include "check_util.h"
#include "net_util.h"

#include <stdio.h>
#include <string.h>

/* Passes when every named sshd -T setting has the wanted value. */
static void sshd_expect(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                        const char *const *keys, const char *want)
{
    struct fs_list bad, good;
    fs_list_init(&bad);
    fs_list_init(&good);
    for (; *keys; keys++) {
        char val[128];
        if (!fs_sshd_setting(ctx, v, *keys, val, sizeof val))
            goto out;
        char item[300];
        snprintf(item, sizeof item, "%s %s", *keys, val);
        fs_list_add(strcmp(val, want) == 0 ? &good : &bad, item);
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s (sshd -T)", fs_list_str(&bad));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s (sshd -T)", fs_list_str(&good));
out:
    fs_list_dispose(&bad);
    fs_list_dispose(&good);
}

void fs_check_sshd_disable_root_login(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"permitrootlogin", NULL};
    sshd_expect(ctx, v, keys, "no");
}

void fs_check_sshd_disable_password_auth(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    /* OpenSSH before 8.7 names keyboard-interactive "challengeresponseauthentication". */
    static const char *const modern[] = {"passwordauthentication", "kbdinteractiveauthentication",
                                         NULL};
    static const char *const legacy[] = {"passwordauthentication",
                                         "challengeresponseauthentication", NULL};
    const struct fs_fact *f = fs_facts_get(ctx->facts, "sshd_effective");
    bool has_modern = f && f->data && strstr(f->data, "kbdinteractiveauthentication ");
    sshd_expect(ctx, v, has_modern ? modern : legacy, "no");
}

void fs_check_sshd_disable_empty_passwords(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"permitemptypasswords", NULL};
    sshd_expect(ctx, v, keys, "no");
}

void fs_check_service_telnet_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *listen = fs_check_fact(ctx, v, "net_listen");
    const struct fs_fact *conf = listen ? fs_check_fact(ctx, v, "telnet_config") : NULL;
    const struct fs_fact *pkg = conf ? fs_check_fact(ctx, v, "pkg_telnet") : NULL;
    if (!pkg)
        return;
    struct fs_list found;
    fs_list_init(&found);
    struct fs_listen_iter it;
    struct fs_listener l;
    size_t sockets = 0;
    fs_listen_iter_init(&it, listen);
    while (fs_listen_next(&it, &l)) {
        sockets++;
        if (strcmp(l.proto, "tcp") == 0 && l.port == 23) {
            char item[96];
            snprintf(item, sizeof item, "tcp/23 listening on %s", l.addr);
            fs_list_add(&found, item);
        }
    }
    size_t pos = 0;
    struct fs_line line;
    while (fs_next_line(conf, &pos, &line)) {
        if (fs_line_eq(line, "xinetd enabled"))
            fs_list_add(&found, "xinetd telnet service enabled");
        else if (line.len > 6 && memcmp(line.s, "inetd ", 6) == 0)
            fs_list_add(&found, "telnet entry in /etc/inetd.conf");
    }
    pos = 0;
    while (fs_next_line(pkg, &pos, &line)) {
        struct fs_line w[2];
        if (line.len == 0 || line.s[0] == '#' || fs_split(line, ' ', w, 2) != 2)
            continue;
        /* dpkg: "<pkg> install ok installed"; rpm: "<pkg> installed" */
        if (fs_line_eq(w[1], "install ok installed") || fs_line_eq(w[1], "installed")) {
            char name[64], item[96];
            fs_line_str(w[0], name, sizeof name);
            snprintf(item, sizeof item, "package %s installed", name);
            fs_list_add(&found, item);
        }
    }
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s", fs_list_str(&found));
    else if (!it.saw_table || (sockets == 0 && it.malformed))
        fs_verdict_set(v, FS_RESULT_ERROR, "could not parse the listening sockets (/proc/net)");
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "no telnet server: nothing on tcp/23, no inetd/xinetd entry, no package");
    fs_list_dispose(&found);
}
