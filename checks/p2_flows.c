/* SPDX-License-Identifier: Apache-2.0 */
/* P2 Understanding data types and flows: cleartext protocols, tunnels, removable media. */
#include "checks.h"
#include "check_util.h"
#include "dropbear.h"
#include "net_util.h"
#include "../scanner/zones/flows.h"
#include "../scanner/core/util.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

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
                if (!fs_list_has(&found, item))
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

/* dropbear: -j and -k (or a build without the forwarding its usage does not offer) */
static enum fs_result db_tcp_forwarding(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (fs_dropbear_unread(o, ev, evlen))
        return FS_RESULT_ERROR;
    bool built = o->bin && o->bin->help;
    bool local_off = o->j || (built && !fs_dropbear_offers(o->bin, 'j'));
    bool remote_off = o->k || (built && !fs_dropbear_offers(o->bin, 'k'));
    if (local_off && remote_off) {
        snprintf(ev, evlen, "with %s: no port forwarding",
                 o->j && o->k ? "-j and -k" : "forwarding not built in or turned off (-j, -k)");
        return FS_RESULT_PASS;
    }
    snprintf(ev, evlen, "%s%s%s%s", local_off ? "" : "without -j: local port forwarding allowed",
             !local_off && !remote_off ? "; " : "",
             remote_off ? "" : "without -k: remote port forwarding allowed",
             !remote_off && o->a ? ", open to any host (-a)" : "");
    return FS_RESULT_FAIL;
}

/* dropbear has no tunnel-device forwarding (tun@openssh.com) unless its binary names it */
static enum fs_result db_tunnel(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    static const char *const kinds[] = {"aes", "chacha20", "3des", "hmac-", NULL};
    if (fs_dropbear_toks_unread(o, kinds, ev, evlen))
        return FS_RESULT_ERROR;
    bool tun = fs_dropbear_has_tok(o->bin, "tun@openssh.com");
    snprintf(ev, evlen, "from %.200s, %s", o->bin->key,
             tun ? "which handles tun@openssh.com (tunnel devices)"
                 : "which has no tunnel-device forwarding (no tun@openssh.com in it)");
    return tun ? FS_RESULT_FAIL : FS_RESULT_PASS;
}

void fs_check_sshd_disable_tcp_forwarding(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"allowtcpforwarding", "gatewayports", NULL};
    fs_sshd_expect(ctx, v, keys, "no");
    fs_dropbear_merge(ctx, v, db_tcp_forwarding);
}

void fs_check_sshd_disable_tunnel_device(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"permittunnel", NULL};
    fs_sshd_expect(ctx, v, keys, "no");
    fs_dropbear_merge(ctx, v, db_tunnel);
}

void fs_check_signing_keys_not_readable(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "signing_keys");
    if (!f)
        return;
    struct fs_list bad, dirs;
    fs_list_init(&bad);
    fs_list_init(&dirs);
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char item[300];
        if (l.len > 4 && memcmp(l.s, "dir ", 4) == 0) {
            fs_line_str((struct fs_line){l.s + 4, l.len - 4}, item, sizeof item);
            fs_list_add(&dirs, item);
        } else if (l.len > 9 && memcmp(l.s, "readable ", 9) == 0) {
            fs_line_str((struct fs_line){l.s + 9, l.len - 9}, item, sizeof item);
            fs_list_add(&bad, item);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "signing keys readable by group or others: %s",
                       fs_list_str(&bad));
    else if (!dirs.count)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "none of the signing key directories exists (var_signing_key_dirs)");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "keys in %s are private", fs_list_str(&dirs));
    fs_list_dispose(&bad);
    fs_list_dispose(&dirs);
}

void fs_check_signing_keys_not_in_home(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    fs_paths_absent(ctx, v, "home_private_keys",
                    "private keys in /home or /root outside .ssh and .gnupg (searched 4 "
                    "directories deep, files under 1 MiB)");
}

void fs_check_signing_gnupg_private(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "gnupg_dirs");
    if (!f)
        return;
    struct fs_list bad, good;
    fs_list_init(&bad);
    fs_list_init(&good);
    size_t pos = 0;
    struct fs_line l;
    bool junk = false;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[3];
        if (l.len == 0)
            continue;
        if (fs_split(l, ' ', fld, 3) != 3) {
            junk = true;
            continue;
        }
        char path[300], user[64], item[400];
        fs_line_str(fld[2], path, sizeof path);
        fs_line_str(fld[1], user, sizeof user);
        /* /home/<user>/.gnupg belongs to <user>; /root/.gnupg to root */
        char owner[64] = "root";
        if (strncmp(path, "/home/", 6) == 0) {
            const char *e = strchr(path + 6, '/');
            snprintf(owner, sizeof owner, "%.*s", e ? (int)(e - path - 6) : 0, path + 6);
        }
        snprintf(item, sizeof item, "%s %.*s %s", path, (int)fld[0].len, fld[0].s, user);
        bool ok = fs_line_eq(fld[0], "700") && strcmp(user, owner) == 0;
        fs_list_add(ok ? &good : &bad, item);
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "GnuPG homes not private: %s", fs_list_str(&bad));
    else if (junk)
        fs_verdict_set(v, FS_RESULT_ERROR, "malformed stat output");
    else if (!good.count)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no GnuPG home directory");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s", fs_list_str(&good));
    fs_list_dispose(&bad);
    fs_list_dispose(&good);
}

void fs_check_flows_snmp_v1v2_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *pc = fs_check_fact(ctx, v, "proc_comm");
    const struct fs_fact *f = pc ? fs_check_fact(ctx, v, "snmpd_conf") : NULL;
    if (!f)
        return;
    struct fs_list found;
    fs_list_init(&found);
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len > 10 && memcmp(l.s, "community ", 10) == 0) {
            char k[64];
            fs_line_str((struct fs_line){l.s + 10, l.len - 10}, k, sizeof k);
            fs_list_add(&found, k);
        }
    }
    bool running = fs_proc_running(pc, "snmpd");
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "snmpd %s with community settings: %s",
                       running ? "runs" : "is configured", fs_list_str(&found));
    else if (!fs_proc_list_sane(pc))
        fs_verdict_set(v, FS_RESULT_ERROR, "the process list is empty or not text");
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       running ? "snmpd runs without community strings (v3)"
                               : "no SNMP v1/v2c community configured");
    fs_list_dispose(&found);
}

void fs_check_flows_nfs_exports_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "exports");
    if (!f)
        return;
    if (!fs_fact_is_text(f)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "/etc/exports is not text");
        return;
    }
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0, n = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (fs_line_eq(l, "# none")) {
            fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no /etc/exports");
            fs_list_dispose(&bad);
            return;
        }
        if (l.len == 0)
            continue;
        n++;
        char line[300];
        fs_line_raw(l, line, sizeof line);
        if (strstr(line, "no_root_squash") || strstr(line, " *(") || strstr(line, "\t*(") ||
            strstr(line, " * ")) {
            char shown[300];
            fs_line_str(l, shown, sizeof shown);
            fs_list_add(&bad, shown);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "exports to everyone or without root squash: %s",
                       fs_list_str(&bad));
    else if (n == 0)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "/etc/exports exports nothing");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%zu exports, each limited and squashing root", n);
    fs_list_dispose(&bad);
}

void fs_check_flows_smb_no_guest(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "smb_conf");
    if (!f)
        return;
    if (!fs_fact_is_text(f)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "the samba configuration is not text");
        return;
    }
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (fs_line_eq(l, "# none")) {
            fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no samba configuration");
            fs_list_dispose(&bad);
            return;
        }
        char line[256], low[256];
        fs_line_raw(l, line, sizeof line);
        size_t i = 0;
        for (; i < sizeof low - 1 && line[i]; i++)
            low[i] = (char)((line[i] >= 'A' && line[i] <= 'Z') ? line[i] + 32 : line[i]);
        low[i] = '\0';
        const char *eq = strchr(low, '=');
        if (!eq)
            continue;
        bool guest = strstr(eq, "yes") || strstr(eq, "true") || strstr(eq, "bad user");
        if (guest) {
            char shown[256];
            fs_line_str(l, shown, sizeof shown);
            fs_list_add(&bad, shown);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "guest access: %s", fs_list_str(&bad));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no share allows guest access");
    fs_list_dispose(&bad);
}

static const char *zone_label(const struct fs_site *s, long z)
{
    return z >= 0 ? s->zones[z].name : "no zone";
}

/* "10.30.0.5:43122 -> 10.20.0.7:5432 (psql) production -> engineering, no conduit"; inbound
 * "10.30.0.5:5432 <- 10.20.0.7:43122 (postgres) engineering -> production, no conduit" (the
 * zones always client -> server). */
static void violation_str(const struct fs_site *s, long zone, const struct fs_flow_obs *o,
                          enum fs_flow_class cls, char *out, size_t n)
{
    char l[72], r[72], proc[48] = "";
    fs_flow_endpoint_str(o->local, o->lport, l, sizeof l);
    fs_flow_endpoint_str(o->remote, o->rport, r, sizeof r);
    if (o->process[0])
        snprintf(proc, sizeof proc, " (%s)", o->process);
    long local = zone >= 0 ? zone : fs_site_zone_of(s, o->local);
    long remote = fs_site_zone_of(s, o->remote);
    bool in = o->dir == FS_FLOW_IN;
    snprintf(out, n, "%s %s %s%s %.64s -> %.64s, %s", l, in ? "<-" : "->", r, proc,
             zone_label(s, in ? remote : local), zone_label(s, in ? local : remote),
             cls == FS_FLOW_CROSS_ZONE ? "no conduit" : "outside every zone");
}

/* With a site model (--zones): the host's own flows against its zone and the conduits. */
static void within_site(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "net_listen");
    if (!f)
        return;
    struct fs_host_flows fl;
    if (fs_host_flows_from_fact(f, &fl) != FS_OK) {
        fs_verdict_set(v, FS_RESULT_ERROR, "out of memory reading the connection table");
        return;
    }
    if (!fl.read) {
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read the connection table (/proc/net): %s",
                       fl.error);
        fs_host_flows_dispose(&fl);
        return;
    }
    const struct fs_site *s = ctx->site;
    struct fs_membership m;
    const char *zone_var = ctx->host_vars ? fs_kvlist_get(ctx->host_vars, "zone") : NULL;
    fs_site_membership(s, zone_var, ctx->address, &m);
    struct fs_list bad;
    fs_list_init(&bad);
    size_t intra = 0, conduit = 0;
    for (size_t i = 0; i < fl.n; i++) {
        long c;
        enum fs_flow_class cls = fs_flow_classify(s, m.zone, &fl.v[i], &c);
        intra += cls == FS_FLOW_INTRA_ZONE;
        conduit += cls == FS_FLOW_CONDUIT;
        if (cls == FS_FLOW_CROSS_ZONE || cls == FS_FLOW_EXTERNAL) {
            char item[400];
            violation_str(s, m.zone, &fl.v[i], cls, item, sizeof item);
            if (!fs_list_has(&bad, item))
                fs_list_add(&bad, item);
        }
    }
    const char *zone = zone_label(s, m.zone);
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "flows of zone %.64s outside its conduits: %s%s%s", zone,
                       fs_list_str(&bad), fl.cut ? "; and not every line was read: " : "",
                       fl.cut ? fl.error : "");
    else if (fl.cut)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the connection table was not read in full (%s): the flows left out "
                       "are not judged",
                       fl.error);
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%zu flows of zone %.64s: %zu inside it, %zu through declared conduits",
                       fl.n, zone, intra, conduit);
    fs_list_dispose(&bad);
    fs_host_flows_dispose(&fl);
}

void fs_check_flows_established_within_conduits(const struct fs_check_ctx *ctx,
                                                struct fs_verdict *v)
{
    if (ctx->site) {
        within_site(ctx, v);
        return;
    }
    const char *nets = fs_check_value(ctx, "var_allowed_peer_networks");
    if (!nets || !*nets) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no declared peer networks (var_allowed_peer_networks is empty)");
        return;
    }
    unsigned long net[32], mask[32];
    size_t nn = 0;
    for (const char *p = nets; *p && nn < 32;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len && !fs_parse_cidr(p, len, &net[nn], &mask[nn])) {
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "var_allowed_peer_networks holds '%.*s', not a "
                           "CIDR",
                           (int)len, p);
            return;
        }
        nn += len ? 1 : 0;
        p += len;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "net_listen");
    if (!f)
        return;
    struct fs_list bad;
    fs_list_init(&bad);
    struct fs_listen_iter it;
    struct fs_listener l;
    unsigned long a;
    bool v4;
    size_t n = 0;
    fs_listen_iter_init(&it, f);
    while (fs_established_next(&it, &l, &a, &v4)) {
        n++;
        bool ok = !v4 ? false : (a >> 24) == 127;
        for (size_t i = 0; v4 && !ok && i < nn; i++)
            ok = (a & mask[i]) == net[i];
        if (!ok) {
            char item[96];
            snprintf(item, sizeof item, "%s:%u", l.addr, l.port);
            if (!fs_list_has(&bad, item))
                fs_list_add(&bad, item);
        }
    }
    if (!it.saw_table)
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read the connection table (/proc/net)");
    else if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "connections outside %s: %s", nets, fs_list_str(&bad));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%zu connections, all within %s", n, nets);
    fs_list_dispose(&bad);
}

/* Remote-access agents and tunnel clients that reach out of the cell on their own, by process
 * name (/proc/PID/comm, at most 15 characters) and by the name of the service that starts
 * them; a name ending in '*' is a prefix. */
static const char *const remote_agents[] = {
    "TeamViewer*", "teamviewerd", "anydesk",    "rustdesk",       "ngrok",   "cloudflared",
    "frpc",        "chisel",      "tailscaled", "zerotier-one",   "autossh", "openvpn",
    "dwagent",     "rport",       "inlets",     "ScreenConnect*", NULL,
};
static const char *const remote_units[] = {
    "teamviewerd",     "anydesk",    "rustdesk",     "ngrok",   "cloudflared", "frpc",
    "chisel",          "tailscaled", "zerotier-one", "autossh", "openvpn@",    "openvpn-client@",
    "openvpn-server@", "dwagent",    "rport",        "inlets",  NULL,
};

static bool remote_agent_name(struct fs_line name)
{
    for (const char *const *a = remote_agents; *a; a++) {
        size_t n = strlen(*a);
        if ((*a)[n - 1] == '*' ? name.len >= n - 1 && memcmp(name.s, *a, n - 1) == 0
                               : fs_line_eq(name, *a))
            return true;
    }
    return false;
}

/* A unit or init script name: "cloudflared.service", "openvpn-client@site.service",
 * "S02anydesk" (SysV), "tailscaled" (OpenRC). */
static bool remote_unit_name(struct fs_line name)
{
    if (name.len > 3 && name.s[0] == 'S' && name.s[1] >= '0' && name.s[1] <= '9' &&
        name.s[2] >= '0' && name.s[2] <= '9')
        name = (struct fs_line){name.s + 3, name.len - 3};
    for (const char *const *u = remote_units; *u; u++) {
        size_t n = strlen(*u);
        if (name.len < n || memcmp(name.s, *u, n) != 0)
            continue;
        if ((*u)[n - 1] == '@' || name.len == n || name.s[n] == '.' || name.s[n] == '@')
            return true;
    }
    return false;
}

/* The next word of a command line from *pos: the collector separates argv's words with \037;
 * a line without one (a single word, or hand-written) is split at spaces. Any number of words. */
static bool argv_word(struct fs_line s, char sep, size_t *pos, struct fs_line *w)
{
    while (*pos < s.len && s.s[*pos] == sep)
        (*pos)++;
    if (*pos >= s.len)
        return false;
    size_t b = *pos;
    while (*pos < s.len && s.s[*pos] != sep)
        (*pos)++;
    *w = (struct fs_line){s.s + b, *pos - b};
    return true;
}

/* An ssh -o option that opens a tunnel: RemoteForward, DynamicForward, or Tunnel other than
 * "no" (keywords case-insensitive, "=" or blanks before the value). o is the option's text;
 * when it holds the keyword alone, the value is the next word (next). */
static bool ssh_o_tunnel(struct fs_line o, struct fs_line next)
{
    size_t k = 0;
    while (k < o.len && o.s[k] != '=' && o.s[k] != ' ' && o.s[k] != '\t')
        k++;
    struct fs_line key = {o.s, k};
    if ((key.len == 13 && strncasecmp(key.s, "RemoteForward", 13) == 0) ||
        (key.len == 14 && strncasecmp(key.s, "DynamicForward", 14) == 0))
        return true;
    if (key.len != 6 || strncasecmp(key.s, "Tunnel", 6) != 0)
        return false;
    while (k < o.len && (o.s[k] == '=' || o.s[k] == ' ' || o.s[k] == '\t'))
        k++;
    struct fs_line val = k < o.len ? (struct fs_line){o.s + k, o.len - k} : next;
    while (val.len && (val.s[0] == '=' || val.s[0] == ' ' || val.s[0] == '\t'))
        val = (struct fs_line){val.s + 1, val.len - 1};
    while (val.len && (val.s[val.len - 1] == ' ' || val.s[val.len - 1] == '\t'))
        val.len--;
    return !(val.len == 2 && strncasecmp(val.s, "no", 2) == 0);
}

/* An ssh client's command line (OpenSSH's ssh, dropbear's dbclient: argument-taking options in
 * args, tunnel options in tunnels) that opens a tunnel. Both parse options before the
 * destination and again after it (ssh.c re-runs getopt after the host; cli-runopts.c reads
 * flags until the second non-option word): the remote command starts at the first non-option
 * word after the destination, or after "--". An option that takes an argument ends a flag
 * cluster; its argument is the rest of the word or the next word. */
static bool client_tunnel(struct fs_line line, size_t pos, char sep, const char *args,
                          const char *tunnels)
{
    struct fs_line w;
    bool dest = false;
    while (argv_word(line, sep, &pos, &w)) {
        if (w.len < 2 || w.s[0] != '-') {
            if (dest)
                return false; /* the remote command */
            dest = true;
            continue;
        }
        if (fs_line_eq(w, "--"))
            return false;
        for (size_t k = 1; k < w.len; k++) {
            char c = w.s[k];
            if (strchr(tunnels, c))
                return true;
            if (!strchr(args, c))
                continue;
            struct fs_line arg = {"", 0}, after = {"", 0};
            size_t p2 = pos;
            if (k + 1 < w.len) {
                arg = (struct fs_line){w.s + k + 1, w.len - k - 1};
                argv_word(line, sep, &p2, &after);
            } else if (argv_word(line, sep, &pos, &arg)) {
                p2 = pos;
                argv_word(line, sep, &p2, &after);
            }
            if (c == 'o' && ssh_o_tunnel(arg, after))
                return true;
            break;
        }
    }
    return false;
}

/* "a PID ARGS" of an ssh client (comm ssh or dbclient; dropbearmulti when its first word, or
 * its second after "dropbearmulti", is dbclient or ssh). */
static bool ssh_client_tunnel(const char *comm, struct fs_line args)
{
    char sep = memchr(args.s, '\037', args.len) ? '\037' : ' ';
    size_t pos = 0;
    struct fs_line w;
    if (!argv_word(args, sep, &pos, &w))
        return false;
    bool db = strcmp(comm, "dbclient") == 0;
    if (strcmp(comm, "dropbearmulti") == 0) {
        /* dropbearmulti picks the program by argv[0]'s basename, or by argv[1] */
        for (int i = 0; i < 2; i++) {
            const char *sl = memrchr(w.s, '/', w.len);
            struct fs_line base = sl ? (struct fs_line){sl + 1, w.len - (size_t)(sl + 1 - w.s)} : w;
            if (fs_line_eq(base, "dbclient") || fs_line_eq(base, "ssh")) {
                db = true;
                break;
            }
            if (i == 1 || !fs_line_eq(base, "dropbearmulti") || !argv_word(args, sep, &pos, &w))
                return false;
        }
    }
    /* ssh(1) options with an argument; dbclient's (cli-runopts.c), whose -D, or -R/-L when
     * built without forwarding, only print the version. A program named ssh may be dropbear's
     * (dropbearmulti's ssh link): read its command line both ways. */
    bool dbt = client_tunnel(args, pos, sep, "BbcIiJKLlMmopQRW", "R");
    return db ? dbt : dbt || client_tunnel(args, pos, sep, "BbcDEeFIiJLlmOoPpQRSWw", "RDw");
}

static bool ssh_client(const char *comm)
{
    return strcmp(comm, "ssh") == 0 || strcmp(comm, "dbclient") == 0 ||
           strcmp(comm, "dropbearmulti") == 0;
}

static bool vnc_server_name(const char *comm)
{
    return (strcasestr(comm, "vnc") != NULL) && strcasestr(comm, "viewer") == NULL;
}

void fs_check_flows_no_remote_access_agents(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "remote_agents");
    if (!f)
        return;
    struct fs_list found, vnc, cut;
    fs_list_init(&found);
    fs_list_init(&vnc);
    fs_list_init(&cut);
    size_t pos = 0, units = 0;
    long procs = -1;
    struct fs_line l;
    char lastpid[24] = "", lastcomm[64] = "";
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[3];
        if (l.len > 8 && memcmp(l.s, "# procs ", 8) == 0) {
            char num[24];
            fs_line_str((struct fs_line){l.s + 8, l.len - 8}, num, sizeof num);
            if (!fs_parse_long(num, &procs))
                procs = -1;
        } else if (l.len > 2 && memcmp(l.s, "u ", 2) == 0) {
            struct fs_line name = {l.s + 2, l.len - 2};
            units++;
            if (remote_unit_name(name)) {
                char unit[128], item[160];
                fs_line_str(name, unit, sizeof unit);
                snprintf(item, sizeof item, "service %s enabled", unit);
                fs_list_add(&found, item);
            }
        } else if (l.len > 2 && memcmp(l.s, "c ", 2) == 0 && fs_split(l, ' ', fld, 3) == 3) {
            fs_line_str(fld[1], lastpid, sizeof lastpid);
            fs_line_str(fld[2], lastcomm, sizeof lastcomm);
            if (remote_agent_name(fld[2])) {
                char item[128];
                snprintf(item, sizeof item, "%s (pid %s) running", lastcomm, lastpid);
                fs_list_add(&found, item);
            } else if (vnc_server_name(lastcomm)) {
                fs_list_add(&vnc, lastcomm);
            }
        } else if (l.len > 2 && memcmp(l.s, "a ", 2) == 0 && fs_split(l, ' ', fld, 3) == 3 &&
                   ssh_client(lastcomm) && fs_line_eq(fld[1], lastpid)) {
            /* "a PID ssh ARGS...": the command line of the ssh client just listed */
            struct fs_line args = fld[2];
            if (ssh_client_tunnel(lastcomm, args)) {
                char words[200], cmd[160], item[220];
                size_t n = 0;
                for (; n < args.len && n < sizeof words; n++) {
                    words[n] = args.s[n];
                    if (words[n] == '\037')
                        words[n] = ' '; /* the words, as ps shows them */
                }
                fs_line_str((struct fs_line){words, n}, cmd, sizeof cmd);
                snprintf(item, sizeof item, "ssh tunnel (pid %s): %s", lastpid, cmd);
                fs_list_add(&found, item);
            }
        } else if (l.len > 4 && memcmp(l.s, "cut ", 4) == 0) {
            /* the command line just listed was longer than the collector shows */
            if (ssh_client(lastcomm) && fs_line_eq((struct fs_line){l.s + 4, l.len - 4}, lastpid)) {
                char item[128];
                snprintf(item, sizeof item, "%s (pid %s)", lastcomm, lastpid);
                fs_list_add(&cut, item);
            }
        }
    }
    if (found.count) {
        fs_verdict_set(v, FS_RESULT_FAIL, "remote-access agents or tunnels: %s",
                       fs_list_str(&found));
        goto out;
    }
    if (procs <= 0) {
        fs_verdict_set(v, FS_RESULT_ERROR, "the process table was not read to its end");
        goto out;
    }
    if (cut.count) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the command line of ssh client %s is longer than the 4096 bytes read: "
                       "its forwardings are unknown",
                       fs_list_str(&cut));
        goto out;
    }
    if (vnc.count) {
        /* a VNC server is a finding only when it listens beyond loopback */
        const struct fs_fact *nl = fs_check_fact(ctx, v, "net_listen");
        if (!nl)
            goto out;
        if (!fs_listen_owners_read(nl)) {
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "VNC server %s runs and the owners of the listening sockets are "
                           "unknown",
                           fs_list_str(&vnc));
            goto out;
        }
        struct fs_listen_iter it;
        struct fs_listener s;
        struct fs_list wide;
        fs_list_init(&wide);
        size_t unknown = 0;
        fs_listen_iter_init(&it, nl);
        while (fs_listen_next(&it, &s)) {
            char comm[64], item[160];
            if (s.loopback)
                continue;
            if (!fs_listen_owner(nl, s.inode, comm, sizeof comm)) {
                unknown++;
                continue;
            }
            if (!vnc_server_name(comm))
                continue;
            snprintf(item, sizeof item, "VNC server %s listening on %s/%u on %s", comm, s.proto,
                     s.port, s.addr);
            fs_list_add(&wide, item);
        }
        if (wide.count)
            fs_verdict_set(v, FS_RESULT_FAIL, "remote-access agents or tunnels: %s",
                           fs_list_str(&wide));
        else if (unknown || !it.saw_table)
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "VNC server %s runs and %zu sockets beyond loopback have no known "
                           "owner",
                           fs_list_str(&vnc), unknown);
        else
            fs_verdict_set(v, FS_RESULT_PASS,
                           "%ld processes and %zu enabled services read: no remote-access agent "
                           "or tunnel; VNC server %s listens on loopback only",
                           procs, units, fs_list_str(&vnc));
        fs_list_dispose(&wide);
        goto out;
    }
    fs_verdict_set(v, FS_RESULT_PASS,
                   "%ld processes and %zu enabled services read: no remote-access agent or "
                   "tunnel",
                   procs, units);
out:
    fs_list_dispose(&found);
    fs_list_dispose(&vnc);
    fs_list_dispose(&cut);
}
