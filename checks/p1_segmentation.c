/* SPDX-License-Identifier: Apache-2.0 */
/* P1 Segmenting networks: checks of routing and exposure. */
#include "checks.h"
#include "check_util.h"
#include "net_util.h"
#include "../scanner/core/util.h"
#include "../scanner/zones/site.h"

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

/* DHCP clients by process name (comm, at most 15 characters): ISC dhclient, dhcpcd, busybox
 * udhcpc, systemd-networkd ("systemd-network"), NetworkManager's internal client. */
static bool dhcp_client(const char *comm)
{
    static const char *const names[] = {"dhclient",        "dhcpcd",         "udhcpc",
                                        "systemd-network", "NetworkManager", NULL};
    for (size_t i = 0; names[i]; i++)
        if (strcmp(comm, names[i]) == 0)
            return true;
    return false;
}

void fs_check_net_listening_services_allowed(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *allowed = fs_check_value(ctx, "var_allowed_ports");
    const struct fs_fact *f = fs_check_fact(ctx, v, "net_listen");
    if (!f)
        return;
    if (!allowed) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_allowed_ports is not bound");
        return;
    }
    struct fs_list bad, seen, unknown;
    fs_list_init(&bad);
    fs_list_init(&seen);
    fs_list_init(&unknown);
    struct fs_listen_iter it;
    struct fs_listener l;
    fs_listen_iter_init(&it, f);
    while (fs_listen_next(&it, &l)) {
        if (l.loopback)
            continue;
        char pp[32], item[96];
        snprintf(pp, sizeof pp, "%s/%u", l.proto, l.port);
        snprintf(item, sizeof item, "%s on %s", pp, l.addr);
        if (fs_list_has(&bad, item) || fs_list_has(&seen, item) || fs_list_has(&unknown, item))
            continue; /* the same socket in tcp and tcp6 tables */
        if (fs_word_in(allowed, pp, strlen(pp))) {
            fs_list_add(&seen, item);
            continue;
        }
        /* udp/68 is the DHCP client's port: allowed when a DHCP client holds it */
        char comm[64], withp[200];
        if (strcmp(pp, "udp/68") != 0) {
            fs_list_add(&bad, item);
        } else if (!fs_listen_owner(f, l.inode, comm, sizeof comm)) {
            fs_list_add(&unknown, item);
        } else {
            snprintf(withp, sizeof withp, "%s (%s%s)", item, comm,
                     dhcp_client(comm) ? ", a DHCP client" : "");
            fs_list_add(dhcp_client(comm) ? &seen : &bad, withp);
        }
    }
    if (!it.saw_table)
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read the listening sockets (/proc/net)");
    else if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "not in var_allowed_ports (%s): %s", allowed,
                       fs_list_str(&bad));
    else if (unknown.count)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "%s listens, and the process holding it could not be read (%s): a DHCP "
                       "client's port is allowed only for a DHCP client",
                       fs_list_str(&unknown),
                       fs_listen_owners_read(f) ? "its /proc/PID/fd needs root"
                                                : "no owner was collected");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "listening: %s (allowed: %s)",
                       seen.count ? fs_list_str(&seen) : "nothing", allowed);
    fs_list_dispose(&bad);
    fs_list_dispose(&seen);
    fs_list_dispose(&unknown);
}

/* Interfaces as "name bridge wireless" lines (fact net_ifaces); col 1 or 2 selects. */
static void iface_absent(const struct fs_check_ctx *ctx, struct fs_verdict *v, int col,
                         const char *what)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "net_ifaces");
    if (!f)
        return;
    struct fs_list found;
    fs_list_init(&found);
    size_t pos = 0, n = 0;
    struct fs_line l;
    bool bad = false;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[3];
        if (fs_split(l, ' ', fld, 3) != 3 || fld[1].len != 1 || fld[2].len != 1) {
            bad = true;
            continue;
        }
        n++;
        if (fld[col].s[0] == '1') {
            char name[64];
            fs_line_str(fld[0], name, sizeof name);
            fs_list_add(&found, name);
        }
    }
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s: %s", what, fs_list_str(&found));
    else if (bad || n == 0)
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read /sys/class/net");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no %s among %zu interfaces", what, n);
    fs_list_dispose(&found);
}

void fs_check_net_no_bridge_interfaces(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    iface_absent(ctx, v, 1, "bridge interfaces");
}

void fs_check_net_no_wireless_interfaces(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    iface_absent(ctx, v, 2, "wireless interfaces");
}

/* /proc/net/route: Iface Destination Gateway Flags RefCnt Use Metric Mask ... (hex, LE). */
struct route {
    char iface[32];
    unsigned long dest, gw, flags, mask;
};

static bool next_route(const struct fs_fact *f, size_t *pos, struct route *r, bool *bad)
{
    struct fs_line l;
    while (fs_next_line(f, pos, &l)) {
        char line[256], iface[32], hd[16], hg[16], hfl[16], hm[16];
        unsigned long d, g, fl, m;
        fs_line_raw(l, line, sizeof line); /* tab-separated: not escaped */
        if (strncmp(line, "Iface", 5) == 0 || line[0] == '\0')
            continue;
        if (sscanf(line, "%31s %15s %15s %15s %*s %*s %*s %15s", iface, hd, hg, hfl, hm) != 5 ||
            !fs_parse_hex(hd, strlen(hd), &d) || !fs_parse_hex(hg, strlen(hg), &g) ||
            !fs_parse_hex(hfl, strlen(hfl), &fl) || !fs_parse_hex(hm, strlen(hm), &m)) {
            *bad = true;
            continue;
        }
        for (char *c = iface; *c; c++)
            if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
                *c = '?';
        snprintf(r->iface, sizeof r->iface, "%s", iface);
        r->dest = d;
        r->gw = g;
        r->flags = fl;
        r->mask = m;
        return true;
    }
    return false;
}

/* /proc/net/route always starts with its header: without it the table was not read. */
static bool route_table_read(const struct fs_fact *f, struct fs_verdict *v)
{
    if (f->len >= 5 && memcmp(f->data, "Iface", 5) == 0)
        return true;
    fs_verdict_set(v, FS_RESULT_ERROR, "/proc/net/route is empty or has no header: not read");
    return false;
}

void fs_check_net_not_multihomed(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long max;
    if (!fs_parse_long(fs_check_value(ctx, "var_max_networks"), &max)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_max_networks is not a number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "proc_net_route");
    if (!f || !route_table_read(f, v))
        return;
    struct route r, nets[64];
    size_t pos = 0, n = 0;
    bool bad = false;
    struct fs_list list;
    fs_list_init(&list);
    while (next_route(f, &pos, &r, &bad)) {
        /* directly connected networks: up, no gateway, not the default route, not lo */
        if (!(r.flags & 1) || r.gw != 0 || r.mask == 0 || strcmp(r.iface, "lo") == 0)
            continue;
        bool dup = false;
        for (size_t i = 0; i < n && !dup; i++)
            dup = nets[i].dest == r.dest && nets[i].mask == r.mask;
        if (dup || n == sizeof nets / sizeof nets[0])
            continue;
        nets[n++] = r;
        char item[96];
        unsigned long d = r.dest;
        int bits = __builtin_popcountl(r.mask);
        snprintf(item, sizeof item, "%lu.%lu.%lu.%lu/%d on %s", d & 255, (d >> 8) & 255,
                 (d >> 16) & 255, (d >> 24) & 255, bits, r.iface);
        fs_list_add(&list, item);
    }
    if (bad)
        fs_verdict_set(v, FS_RESULT_ERROR, "malformed /proc/net/route");
    else if ((long)n > max)
        fs_verdict_set(v, FS_RESULT_FAIL, "%zu networks (at most %ld): %s", n, max,
                       fs_list_str(&list));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%zu network%s (at most %ld): %s", n, n == 1 ? "" : "s",
                       max, n ? fs_list_str(&list) : "none");
    fs_list_dispose(&list);
}

void fs_check_net_no_default_route(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    if (fs_value_true(fs_check_value(ctx, "var_default_route_allowed"))) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "a default route is allowed (var_default_route_allowed)");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "proc_net_route");
    if (!f || !route_table_read(f, v))
        return;
    struct route r;
    size_t pos = 0;
    bool bad = false, found = false;
    char via[96] = "";
    while (next_route(f, &pos, &r, &bad)) {
        if (r.dest == 0 && r.mask == 0 && (r.flags & 1)) {
            unsigned long g = r.gw;
            snprintf(via, sizeof via, "via %lu.%lu.%lu.%lu on %s", g & 255, (g >> 8) & 255,
                     (g >> 16) & 255, (g >> 24) & 255, r.iface);
            found = true;
        }
    }
    if (found)
        fs_verdict_set(v, FS_RESULT_FAIL, "default route %s", via);
    else if (bad)
        fs_verdict_set(v, FS_RESULT_ERROR, "malformed /proc/net/route");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no default route");
}

/* The firewall fact: "# nft", "# iptables" (+ "# ip6tables"), "# proc" or "# none". */
struct ruleset {
    bool nft, ipt, none;
    const struct fs_fact *f;
};

static bool read_ruleset(const struct fs_check_ctx *ctx, struct fs_verdict *v, struct ruleset *r)
{
    memset(r, 0, sizeof *r);
    r->f = fs_check_fact(ctx, v, "firewall");
    if (!r->f)
        return false;
    const char *d = r->f->data;
    r->nft = strncmp(d, "# nft", 5) == 0;
    r->ipt = strncmp(d, "# iptables", 10) == 0;
    r->none = !r->nft && !r->ipt;
    return true;
}

/* Whether an nft rule (trimmed) denies every packet that reaches it: "drop", "reject" or
 * "reject with ...", after statements that match nothing ("counter [packets N bytes N]"). A rule
 * with a match ("iifname "eth0" reject", "tcp dport 23 drop") is conditional. */
static bool nft_rule_denies_all(const char *r)
{
    if (strncmp(r, "counter", 7) == 0 && (r[7] == ' ' || r[7] == '\0')) {
        r += 7;
        while (*r == ' ')
            r++;
        /* "packets N bytes N" */
        static const char *const words[] = {"packets ", "bytes ", NULL};
        const char *q = r;
        bool counted = true;
        for (size_t i = 0; words[i] && counted; i++) {
            size_t wl = strlen(words[i]);
            counted = strncmp(q, words[i], wl) == 0 && q[wl] >= '0' && q[wl] <= '9';
            if (!counted)
                break;
            q += wl;
            while (*q >= '0' && *q <= '9')
                q++;
            while (*q == ' ')
                q++;
        }
        if (counted)
            r = q;
    }
    if (strcmp(r, "drop") == 0 || strcmp(r, "reject") == 0)
        return true;
    /* "reject with icmpx admin-prohibited", "reject with icmp type host-prohibited" ... */
    return strncmp(r, "reject with ", 12) == 0 && !strstr(r, " drop") && !strstr(r, " accept");
}

static const char *skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Whether a base chain hooked at hook (input/output) denies by default, in the IPv4 or IPv6
 * families: policy drop, or an unconditional drop/reject as its last rule (firewalld's chains
 * end in "reject with icmpx admin-prohibited" under policy accept). Every base chain at a hook
 * sees every packet, so one that denies by default is enough. For iptables the built-in
 * chain's policy (":INPUT DROP") or a last "-A INPUT -j DROP|REJECT" of the filter table, in
 * the v4 or v6 part. how (may be NULL) says which. */
static bool chain_denies(const struct ruleset *r, const char *hook, bool v6, char *how,
                         size_t howlen)
{
    const struct fs_fact *f = r->f;
    size_t pos = 0;
    struct fs_line l;
    char family[16] = "", table[64] = "", chain[64] = "", last[512] = "";
    bool in_chain = false, hooked = false, in_v6 = false, filter = false;
    char want[64];
    snprintf(want, sizeof want, "hook %s ", hook);
    const char *ipt = strcmp(hook, "input") == 0 ? "INPUT" : "OUTPUT";
    while (fs_next_line(f, &pos, &l)) {
        char raw[512];
        fs_line_raw(l, raw, sizeof raw);
        const char *line = skip_blanks(raw);
        if (r->nft) {
            char fam[16], name[64];
            if (!in_chain && sscanf(line, "table %15s %63s", fam, name) == 2) {
                snprintf(family, sizeof family, "%s", fam);
                snprintf(table, sizeof table, "%s", name);
                continue;
            }
            bool fam_ok = v6 ? (strcmp(family, "ip6") == 0 || strcmp(family, "inet") == 0)
                             : (strcmp(family, "ip") == 0 || strcmp(family, "inet") == 0);
            if (!in_chain) {
                if (sscanf(line, "chain %63s {", name) == 1) {
                    in_chain = true;
                    hooked = false;
                    last[0] = '\0';
                    snprintf(chain, sizeof chain, "%s", name);
                }
                continue;
            }
            if (strcmp(line, "}") == 0) {
                in_chain = false;
                if (fam_ok && hooked && nft_rule_denies_all(last)) {
                    if (how)
                        snprintf(how, howlen, "%s (table %s %s) ends in '%s'", chain, family, table,
                                 last);
                    return true;
                }
                continue;
            }
            if (strncmp(line, "type ", 5) == 0) {
                hooked = strstr(line, want) != NULL;
                if (fam_ok && hooked && strstr(line, "policy drop")) {
                    if (how)
                        snprintf(how, howlen, "%s (table %s %s) has policy drop", chain, family,
                                 table);
                    return true;
                }
                continue;
            }
            if (*line)
                snprintf(last, sizeof last, "%s", line);
        } else if (r->ipt) {
            if (strcmp(line, "# ip6tables") == 0)
                in_v6 = true;
            if (line[0] == '*')
                filter = strcmp(line, "*filter") == 0;
            if (in_v6 != v6)
                continue;
            char pol[32];
            snprintf(pol, sizeof pol, ":%s DROP", ipt);
            if (strncmp(line, pol, strlen(pol)) == 0) {
                if (how)
                    snprintf(how, howlen, "%s policy DROP (%s)", ipt,
                             v6 ? "ip6tables" : "iptables");
                return true;
            }
            char app[32];
            snprintf(app, sizeof app, "-A %s ", ipt);
            if (filter && strncmp(line, app, strlen(app)) == 0)
                snprintf(last, sizeof last, "%s", line);
            if (filter && strcmp(line, "COMMIT") == 0) {
                const char *rule = last + strlen(app);
                if (last[0] && (strcmp(rule, "-j DROP") == 0 || strcmp(rule, "-j REJECT") == 0 ||
                                strncmp(rule, "-j REJECT --reject-with ", 24) == 0)) {
                    if (how)
                        snprintf(how, howlen, "%s ends in '%s' (%s)", ipt, last,
                                 v6 ? "ip6tables" : "iptables");
                    return true;
                }
                last[0] = '\0';
            }
        }
    }
    return false;
}

void fs_check_firewall_enabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    struct ruleset r;
    if (!read_ruleset(ctx, v, &r))
        return;
    if (r.none) {
        fs_verdict_set(v, FS_RESULT_FAIL, "no packet filter (neither nft nor iptables)");
        return;
    }
    size_t pos = 0, rules = 0;
    struct fs_line l;
    bool policy = false;
    while (fs_next_line(r.f, &pos, &l)) {
        char line[512];
        fs_line_raw(l, line, sizeof line);
        if (r.nft) {
            policy |= strstr(line, "policy drop") != NULL;
            rules +=
                (strstr(line, " drop") || strstr(line, " reject") || strstr(line, " accept")) &&
                !strstr(line, "policy");
        } else if (r.ipt) {
            policy |= line[0] == ':' && strstr(line, " DROP");
            rules += strncmp(line, "-A ", 3) == 0;
        } else if (line[0] != '#' && line[0]) {
            rules++; /* /proc/net/ip_tables_names: a loaded table */
        }
    }
    if (rules || policy)
        fs_verdict_set(v, FS_RESULT_PASS, "%s: %zu filtering rules%s",
                       r.nft   ? "nftables"
                       : r.ipt ? "iptables"
                               : "ip_tables",
                       rules, policy ? ", a dropping policy" : "");
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "%s is present but filters nothing",
                       r.nft ? "nftables" : "iptables");
}

void fs_check_firewall_default_deny_inbound(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    struct ruleset r;
    if (!read_ruleset(ctx, v, &r))
        return;
    char how[400];
    if (r.none || !(r.nft || r.ipt))
        fs_verdict_set(v, FS_RESULT_FAIL, "no packet filter ruleset to deny inbound traffic");
    else if (chain_denies(&r, "input", false, how, sizeof how))
        fs_verdict_set(v, FS_RESULT_PASS, "the input chain drops by default: %s", how);
    else
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "the input chain accepts by default (no policy drop, no final "
                       "unconditional drop or reject)");
}

void fs_check_firewall_default_deny_outbound(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    struct ruleset r;
    if (!read_ruleset(ctx, v, &r))
        return;
    char how[400];
    if (r.none || !(r.nft || r.ipt))
        fs_verdict_set(v, FS_RESULT_FAIL, "no packet filter ruleset to limit outbound traffic");
    else if (chain_denies(&r, "output", false, how, sizeof how))
        fs_verdict_set(v, FS_RESULT_PASS, "the output chain drops by default: %s", how);
    else
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "the output chain accepts by default (no policy drop, no final "
                       "unconditional drop or reject)");
}

/* One interface of fact sysctl_hardening: "if6 NAME DISABLE_IPV6 ACCEPT_RA FORWARDING", "-" for
 * a switch not read. The kernel reads each interface's own switches: writing conf/all/accept_ra
 * changes no existing interface, and conf/all/disable_ipv6 can be undone per interface. */
struct if6 {
    char name[16]; /* IFNAMSIZ: 15 bytes and the NUL */
    long dis, ra, fwd;
    bool dis_read; /* disable_ipv6 read */
    bool read;     /* all three switches read */
};

static bool if6_name_ok(struct fs_line n)
{
    if (n.len == 0 || n.len > 15)
        return false;
    for (size_t i = 0; i < n.len; i++) {
        char c = n.s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '@' || c == ':' || c == '-'))
            return false;
    }
    return true;
}

/* The next interface the collector listed, lo included; *gap says why the list is not the whole
 * of them ("if6 more": past its bound; "if6 badname": a name it does not print; a line that does
 * not parse). */
static bool if6_next(const struct fs_fact *s, size_t *pos, struct if6 *e, const char **gap)
{
    struct fs_line l;
    while (fs_next_line(s, pos, &l)) {
        struct fs_line fld[6];
        if (l.len < 4 || memcmp(l.s, "if6 ", 4) != 0)
            continue;
        if (fs_line_eq(l, "if6 more")) {
            *gap = "more than 256 interfaces (the collector lists no more)";
            continue;
        }
        if (fs_line_eq(l, "if6 badname")) {
            *gap = "an interface name outside [A-Za-z0-9_.@:-] (not listed)";
            continue;
        }
        if (fs_split(l, ' ', fld, 6) != 5 || !if6_name_ok(fld[1])) {
            *gap = "a malformed interface line";
            continue;
        }
        memcpy(e->name, fld[1].s, fld[1].len);
        e->name[fld[1].len] = '\0';
        e->dis_read = fs_line_long(fld[2], &e->dis);
        e->read = e->dis_read && fs_line_long(fld[3], &e->ra) && fs_line_long(fld[4], &e->fwd);
        return true;
    }
    return false;
}

static bool if6_is_lo(const struct if6 *e)
{
    return strcmp(e->name, "lo") == 0;
}

enum ipv6_state { IPV6_ON, IPV6_OFF, IPV6_JUDGED };

/* IPv6 by fact sysctl_hardening: on when an interface other than lo has it on
 * (disable_ipv6 = 0); off when every interface but lo has disable_ipv6 set (then *off says so,
 * naming them); or judged here: notapplicable when the kernel has none, error when neither is
 * proven. */
static enum ipv6_state ipv6_state(struct fs_verdict *v, const struct fs_fact *s, char *off,
                                  size_t offlen)
{
    size_t pos = 0;
    struct fs_line l;
    /* Only the collector's "noipv6" (no /proc/sys/net/ipv6) proves there is no IPv6. */
    while (fs_next_line(s, &pos, &l))
        if (fs_line_eq(l, "noipv6")) {
            fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                           "the kernel has no IPv6 (no /proc/sys/net/ipv6)");
            return IPV6_JUDGED;
        }
    struct fs_list names;
    fs_list_init(&names);
    const char *gap = NULL;
    char unread[64] = "";
    size_t listed = 0;
    struct if6 e;
    enum ipv6_state st = IPV6_JUDGED;
    pos = 0;
    while (st == IPV6_JUDGED && if6_next(s, &pos, &e, &gap)) {
        listed++;
        if (if6_is_lo(&e))
            continue;
        if (!e.dis_read) {
            if (!unread[0])
                snprintf(unread, sizeof unread, "%s: its disable_ipv6 was not read", e.name);
        } else if (e.dis == 0) {
            st = IPV6_ON;
        } else {
            fs_list_add(&names, e.name);
        }
    }
    if (st == IPV6_ON) {
        /* one interface with IPv6 on is enough */
    } else if (listed == 0) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the interfaces' IPv6 switches (/proc/sys/net/ipv6/conf) were not listed, "
                       "and IPv6 is not proven absent");
    } else if (gap || unread[0]) {
        fs_verdict_set(v, FS_RESULT_ERROR, "IPv6 is not proven off: %s", gap ? gap : unread);
    } else {
        if (names.count)
            snprintf(off, offlen, "IPv6 is disabled on every interface but lo: %s",
                     fs_list_str(&names));
        else
            snprintf(off, offlen, "IPv6 is disabled: no interface but lo");
        st = IPV6_OFF;
    }
    fs_list_dispose(&names);
    return st;
}

/* The opening of the IPv6 rules: fact sysctl_hardening when IPv6 is on; otherwise NULL with the
 * verdict set (off_result when IPv6 is proven off, as ipv6_state judges the rest). */
static const struct fs_fact *ipv6_on(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                                     enum fs_result off_result)
{
    const struct fs_fact *s = fs_check_fact(ctx, v, "sysctl_hardening");
    if (!s)
        return NULL;
    if (!fs_fact_is_text(s) || s->len == 0) {
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read the kernel parameters (/proc/sys)");
        return NULL;
    }
    char off[400];
    enum ipv6_state st = ipv6_state(v, s, off, sizeof off);
    if (st == IPV6_OFF)
        fs_verdict_set(v, off_result, "%s", off);
    return st == IPV6_ON ? s : NULL;
}

void fs_check_net_ipv6_filtered(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    if (!ipv6_on(ctx, v, FS_RESULT_PASS))
        return;
    struct ruleset r;
    if (!read_ruleset(ctx, v, &r))
        return;
    char how[400];
    bool ok = (r.nft || r.ipt) && chain_denies(&r, "input", true, how, sizeof how);
    if (ok)
        fs_verdict_set(v, FS_RESULT_PASS, "IPv6 input drops by default: %s", how);
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "IPv6 is on and its input is not filtered");
}

/* Network managers that set the kernel's accept_ra to 0 and take router advertisements in user
 * space (comm is cut to 15 bytes: systemd-networkd shows as "systemd-network"). */
static const struct {
    const char *comm, *name, *judge;
} ra_daemons[] = {
    {"NetworkManager", "NetworkManager", "ipv6.method of its connections"},
    {"systemd-network", "systemd-networkd", "IPv6AcceptRA= of its .network files"},
};

/* After the kernel's switches pass: error when a network manager takes the advertisements
 * itself, else pass. */
static void ra_daemon_judge(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *good)
{
    const struct fs_fact *pc = fs_check_fact(ctx, v, "proc_comm");
    if (!pc)
        return;
    for (size_t i = 0; i < sizeof ra_daemons / sizeof ra_daemons[0]; i++)
        if (fs_proc_running(pc, ra_daemons[i].comm)) {
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "%s handles router advertisements itself; judge %s (the kernel's "
                           "switches: %s)",
                           ra_daemons[i].name, ra_daemons[i].judge, good);
            return;
        }
    if (!fs_proc_list_sane(pc))
        fs_verdict_set(v, FS_RESULT_ERROR, "the process list is empty or not text");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s", good);
}

/* A router advertisement sets the device's default route and addresses: any host of the
 * segment can send one. The kernel takes it on an interface with IPv6 on when accept_ra is 1
 * (2 with forwarding on); default/accept_ra is what an interface added later gets. */
void fs_check_net_ipv6_router_adverts_ignored(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *s = ipv6_on(ctx, v, FS_RESULT_NOTAPPLICABLE);
    if (!s)
        return;
    struct fs_list bad, good;
    fs_list_init(&bad);
    fs_list_init(&good);
    const char *gap = NULL;
    char unread[64] = "", item[80];
    size_t pos = 0;
    struct if6 e;
    while (if6_next(s, &pos, &e, &gap)) {
        if (if6_is_lo(&e) || (e.dis_read && e.dis != 0))
            continue;
        if (!e.read) {
            if (!unread[0])
                snprintf(unread, sizeof unread, "%s: its IPv6 switches were not read", e.name);
            continue;
        }
        bool takes = e.fwd != 0 ? e.ra == 2 : e.ra != 0;
        if (e.fwd != 0)
            snprintf(item, sizeof item, "%s accept_ra=%ld forwarding=%ld", e.name, e.ra, e.fwd);
        else
            snprintf(item, sizeof item, "%s accept_ra=%ld", e.name, e.ra);
        fs_list_add(takes ? &bad : &good, item);
    }
    long dflt;
    bool dflt_read = fs_sysctl_get(s, "net/ipv6/conf/default/accept_ra", &dflt);
    if (dflt_read) {
        snprintf(item, sizeof item, "default accept_ra=%ld", dflt);
        fs_list_add(dflt != 0 ? &bad : &good, item);
    }
    if (bad.count) /* a finding wins over what was not read */
        fs_verdict_set(v, FS_RESULT_FAIL, "router advertisements accepted: %s", fs_list_str(&bad));
    else if (gap || unread[0])
        fs_verdict_set(v, FS_RESULT_ERROR, "not every interface was judged: %s",
                       gap ? gap : unread);
    else if (!dflt_read)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "net/ipv6/conf/default/accept_ra could not be read from /proc/sys");
    else
        ra_daemon_judge(ctx, v, fs_list_str(&good));
    fs_list_dispose(&bad);
    fs_list_dispose(&good);
}

/* The host's zone by its inventory variable `zone` and its inventory address, against the site
 * model (--zones). Reads no fact: the address the scanner reached is the inventory's. */
void fs_check_net_zone_membership_consistent(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    if (!ctx->site) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no site model (--zones)");
        return;
    }
    const char *zone = ctx->host_vars ? fs_kvlist_get(ctx->host_vars, "zone") : NULL;
    struct fs_membership m;
    fs_site_membership(ctx->site, zone, ctx->address, &m);
    fs_verdict_set(v, m.state == FS_ZONE_CONSISTENT ? FS_RESULT_PASS : FS_RESULT_FAIL, "%s",
                   m.evidence);
}
