/* P1 Segmenting networks: checks of routing and exposure. */
#include "checks.h"
#include "check_util.h"

#include <stdio.h>
#include <string.h>

void fs_check_net_ip_forwarding_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *role = ctx->host_vars ? fs_kvlist_get(ctx->host_vars, "role") : NULL;
    if (role && (strcmp(role, "router") == 0 || strcmp(role, "gateway") == 0)) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "the host's role is %s", role);
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "sysctl_forwarding");
    if (!f)
        return;
    struct fs_list on, seen;
    fs_list_init(&on);
    fs_list_init(&seen);
    bool v4 = false, bad = false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line kv[2];
        if (fs_split(l, ' ', kv, 2) != 2 || kv[1].len != 1 ||
            (kv[1].s[0] != '0' && kv[1].s[0] != '1')) {
            bad = true;
            continue;
        }
        char name[128];
        fs_line_str(kv[0], name, sizeof name);
        if (strcmp(name, "/proc/sys/net/ipv4/ip_forward") == 0)
            v4 = true;
        else if (strcmp(name, "/proc/sys/net/ipv6/conf/all/forwarding") != 0) {
            bad = true;
            continue;
        }
        char item[160];
        snprintf(item, sizeof item, "%s=%c", name + strlen("/proc/sys/"), kv[1].s[0]);
        fs_list_add(kv[1].s[0] == '1' ? &on : &seen, item);
    }
    if (bad || !v4)
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read net.ipv4.ip_forward from /proc/sys");
    else if (on.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "forwarding enabled: %s", fs_list_str(&on));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "forwarding disabled: %s", fs_list_str(&seen));
    fs_list_dispose(&on);
    fs_list_dispose(&seen);
}
