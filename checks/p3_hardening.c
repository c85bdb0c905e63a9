/* SPDX-License-Identifier: Apache-2.0 */
/* P3 Hardening devices: SSH server settings (OpenSSH from sshd -T, dropbear from its options)
 * and needless network services. */
#include "checks.h"
#include "check_util.h"
#include "sshd_config.h"
#include "dropbear.h"
#include "net_util.h"
#include "../scanner/core/util.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- dropbear (dropbear.h): its options, its usage and the names compiled into it */

static enum fs_result db_root_login(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (fs_dropbear_unread(o, ev, evlen))
        return FS_RESULT_ERROR;
    if (o->w) {
        snprintf(ev, evlen, "with -w: root may not log in");
        return FS_RESULT_PASS;
    }
    snprintf(ev, evlen, "without -w: root may log in%s",
             o->g ? " (-g refuses only root's password, not its keys)" : "");
    return FS_RESULT_FAIL;
}

static enum fs_result db_password_auth(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (fs_dropbear_unread(o, ev, evlen))
        return FS_RESULT_ERROR;
    if (o->s) {
        snprintf(ev, evlen, "with -s: password logins refused");
        return FS_RESULT_PASS;
    }
    if (o->bin && o->bin->help && !fs_dropbear_offers(o->bin, 's')) {
        snprintf(ev, evlen, "from %.200s, built without password logins (its usage has no -s)",
                 o->bin->key);
        return FS_RESULT_PASS;
    }
    snprintf(ev, evlen, "without -s: password logins accepted%s",
             o->g ? " (-g refuses them for root only)" : "");
    return FS_RESULT_FAIL;
}

static enum fs_result db_empty_passwords(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (fs_dropbear_unread(o, ev, evlen))
        return FS_RESULT_ERROR;
    if (o->B && !o->s) {
        snprintf(ev, evlen, "with -B: blank passwords accepted");
        return FS_RESULT_FAIL;
    }
    snprintf(ev, evlen, "%s",
             o->B ? "with -B but also -s: no password logins at all"
                  : "without -B: blank passwords refused (dropbear's default)");
    return FS_RESULT_PASS;
}

static enum fs_result db_max_auth_tries(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (fs_dropbear_unread(o, ev, evlen))
        return FS_RESULT_ERROR;
    long n = o->T;
    if (n < 0 && (!o->bin || o->bin->tries_default < 0)) {
        snprintf(ev, evlen, "without -T, and its usage (-h) giving no default: not read");
        return FS_RESULT_ERROR;
    }
    if (n >= 0)
        snprintf(ev, evlen, "with -T %ld (at most 4)", n);
    else {
        n = o->bin->tries_default;
        snprintf(ev, evlen, "without -T: %ld tries, its default (at most 4)", n);
    }
    return n >= 1 && n <= 4 ? FS_RESULT_PASS : FS_RESULT_FAIL;
}

/* The names of one kind compiled into the binary (a '-' in each: "aes128-ctr", not
 * "aes_desc"), and those holding a weak marker. */
static enum fs_result db_algs(const struct fs_dropbear_opts *o, const char *const *kinds,
                              const char *const *weak, size_t nweak, const char *what, char *ev,
                              size_t evlen)
{
    if (fs_dropbear_toks_unread(o, kinds, ev, evlen))
        return FS_RESULT_ERROR;
    struct fs_list all, bad;
    fs_list_init(&all);
    fs_list_init(&bad);
    char copy[sizeof o->bin->toks];
    snprintf(copy, sizeof copy, "%s", o->bin->toks);
    char *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        bool kind = false;
        for (const char *const *k = kinds; *k && !kind; k++)
            kind = strncmp(t, *k, strlen(*k)) == 0 && strchr(t, '-');
        if (!kind)
            continue;
        fs_list_add(&all, t);
        for (size_t i = 0; i < nweak; i++)
            if (strstr(t, weak[i])) {
                fs_list_add(&bad, t);
                break;
            }
    }
    enum fs_result r = bad.count ? FS_RESULT_FAIL : FS_RESULT_PASS;
    if (bad.count)
        snprintf(ev, evlen,
                 "from %.200s%s%.40s, which offers weak %s: %.500s (compiled in; no option "
                 "removes them)",
                 o->bin->key, o->bin->version[0] ? " " : "", o->bin->version, what,
                 fs_list_str(&bad));
    else
        snprintf(ev, evlen, "from %.200s, which offers only strong %s: %.600s (compiled in)",
                 o->bin->key, what, fs_list_str(&all));
    fs_list_dispose(&all);
    fs_list_dispose(&bad);
    return r;
}

static const char *const db_cipher_kinds[] = {"aes",     "chacha20", "3des",    "blowfish",
                                              "twofish", "arcfour",  "cast128", NULL};

static enum fs_result db_ciphers(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    static const char *const weak[] = {"cbc", "arcfour", "3des", "blowfish"};
    return db_algs(o, db_cipher_kinds, weak, sizeof weak / sizeof weak[0], "ciphers", ev, evlen);
}

static enum fs_result db_macs(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    static const char *const kinds[] = {"hmac-", "umac-", NULL};
    static const char *const weak[] = {"md5", "-96", "umac-64"};
    return db_algs(o, kinds, weak, sizeof weak / sizeof weak[0], "MACs", ev, evlen);
}

static enum fs_result db_kex(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    static const char *const kinds[] = {"diffie-hellman", "curve25519", "curve448", "ecdh-sha2",
                                        "sntrup",         "mlkem",      NULL};
    static const char *const weak[] = {"group1-sha1", "group14-sha1", "group-exchange-sha1"};
    return db_algs(o, kinds, weak, sizeof weak / sizeof weak[0], "key exchange", ev, evlen);
}

static enum fs_result db_x11(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (fs_dropbear_toks_unread(o, db_cipher_kinds, ev, evlen))
        return FS_RESULT_ERROR;
    if (fs_dropbear_has_tok(o->bin, "x11-req")) {
        snprintf(ev, evlen,
                 "from %.200s, built with X11 forwarding (x11-req compiled in; no option turns "
                 "it off)",
                 o->bin->key);
        return FS_RESULT_FAIL;
    }
    snprintf(ev, evlen, "from %.200s, built without X11 forwarding (no x11-req in it)",
             o->bin->key);
    return FS_RESULT_PASS;
}

static enum fs_result db_idle_timeout(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (fs_dropbear_unread(o, ev, evlen))
        return FS_RESULT_ERROR;
    char keep[80] = "";
    if (o->K > 0)
        snprintf(keep, sizeof keep,
                 " (-K %ld only ends sessions of clients that stopped answering)", o->K);
    if (o->I >= 1 && o->I <= 900) {
        snprintf(ev, evlen, "with -I %ld: idle sessions end (1-900 s)", o->I);
        return FS_RESULT_PASS;
    }
    if (o->I < 0)
        snprintf(ev, evlen, "without -I: idle sessions never end%s", keep);
    else
        snprintf(ev, evlen, "with -I %ld: idle sessions %s (1-900 s)%s", o->I,
                 o->I == 0 ? "never end" : "last too long", keep);
    return FS_RESULT_FAIL;
}

static enum fs_result db_login_grace(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    (void)o;
    snprintf(ev, evlen,
             "with a login grace time compiled in (AUTH_TIMEOUT, 300 s in dropbear's sources) "
             "that no option or output shows: not checked");
    return FS_RESULT_NOTCHECKED;
}

void fs_check_sshd_disable_root_login(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"permitrootlogin", NULL};
    fs_sshd_expect(ctx, v, keys, "no");
    fs_dropbear_merge(ctx, v, db_root_login);
}

void fs_check_sshd_disable_password_auth(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    /* OpenSSH before 8.7 names keyboard-interactive "challengeresponseauthentication". */
    static const char *const modern[] = {"passwordauthentication", "kbdinteractiveauthentication",
                                         NULL};
    static const char *const legacy[] = {"passwordauthentication",
                                         "challengeresponseauthentication", NULL};
    const struct fs_fact *f = fs_facts_get(ctx->facts, "sshd_effective");
    bool has_legacy = f && f->data &&
                      memmem(f->data, f->len, "\nchallengeresponseauthentication ", 32) &&
                      !memmem(f->data, f->len, "\nkbdinteractiveauthentication ", 30);
    fs_sshd_expect(ctx, v, has_legacy ? legacy : modern, "no");
    fs_dropbear_merge(ctx, v, db_password_auth);
}

void fs_check_sshd_disable_empty_passwords(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"permitemptypasswords", NULL};
    fs_sshd_expect(ctx, v, keys, "no");
    fs_dropbear_merge(ctx, v, db_empty_passwords);
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

/* ---- sshd settings beyond on/off */

/* One numeric sshd setting within a range; seconds: an sshd time value ("2m") is allowed. */
struct range_arg {
    const char *key;
    long min, max;
    bool seconds;
    const char *want; /* shown in the evidence, e.g. "at most 4" */
};

static enum fs_result in_range(const struct fs_kvlist *set, const void *arg, char *ev, size_t evlen)
{
    const struct range_arg *a = arg;
    const char *val = fs_kvlist_get(set, a->key);
    long n;
    if (!val || !(a->seconds ? fs_sshd_seconds(val, &n) : fs_parse_long(val, &n))) {
        snprintf(ev, evlen, "%s '%.60s' is not a number", a->key, val ? val : "(missing)");
        return FS_RESULT_ERROR;
    }
    snprintf(ev, evlen, "%s %ld%s (%s)", a->key, n, a->seconds ? " s" : "", a->want);
    return n >= a->min && n <= a->max ? FS_RESULT_PASS : FS_RESULT_FAIL;
}

void fs_check_sshd_max_auth_tries(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const struct range_arg a = {"maxauthtries", 1, 4, false, "at most 4"};
    fs_sshd_judge(ctx, v, in_range, &a);
    fs_dropbear_merge(ctx, v, db_max_auth_tries);
}

struct weak_arg {
    const char *key;
    const char *const *weak;
    size_t n;
};

/* Fails when an algorithm list holds an entry containing one of the weak markers. */
static enum fs_result no_weak(const struct fs_kvlist *set, const void *arg, char *ev, size_t evlen)
{
    const struct weak_arg *a = arg;
    const char *val = fs_kvlist_get(set, a->key);
    if (!val || !*val) {
        snprintf(ev, evlen, "'%s' is missing from the sshd configuration", a->key);
        return FS_RESULT_ERROR;
    }
    struct fs_list bad;
    fs_list_init(&bad);
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", val);
    char *save = NULL;
    for (char *alg = strtok_r(copy, ",", &save); alg; alg = strtok_r(NULL, ",", &save))
        for (size_t i = 0; i < a->n; i++)
            if (strstr(alg, a->weak[i])) {
                fs_list_add(&bad, alg);
                break;
            }
    enum fs_result r = bad.count ? FS_RESULT_FAIL : FS_RESULT_PASS;
    if (bad.count)
        snprintf(ev, evlen, "weak %s offered: %s", a->key, fs_list_str(&bad));
    else
        snprintf(ev, evlen, "%s %.900s", a->key, val);
    fs_list_dispose(&bad);
    return r;
}

void fs_check_sshd_strong_ciphers(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const weak[] = {"cbc", "arcfour", "3des", "blowfish"};
    struct weak_arg a = {"ciphers", weak, sizeof weak / sizeof weak[0]};
    fs_sshd_judge(ctx, v, no_weak, &a);
    fs_dropbear_merge(ctx, v, db_ciphers);
}

void fs_check_sshd_strong_macs(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const weak[] = {"md5", "-96", "umac-64"};
    struct weak_arg a = {"macs", weak, sizeof weak / sizeof weak[0]};
    fs_sshd_judge(ctx, v, no_weak, &a);
    fs_dropbear_merge(ctx, v, db_macs);
}

void fs_check_sshd_strong_kex(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const weak[] = {"group1-sha1", "group14-sha1", "group-exchange-sha1"};
    struct weak_arg a = {"kexalgorithms", weak, sizeof weak / sizeof weak[0]};
    fs_sshd_judge(ctx, v, no_weak, &a);
    fs_dropbear_merge(ctx, v, db_kex);
}

void fs_check_sshd_disable_x11_forwarding(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const keys[] = {"x11forwarding", NULL};
    fs_sshd_expect(ctx, v, keys, "no");
    fs_dropbear_merge(ctx, v, db_x11);
}

static enum fs_result idle_timeout(const struct fs_kvlist *set, const void *arg, char *ev,
                                   size_t evlen)
{
    (void)arg;
    const char *iv = fs_kvlist_get(set, "clientaliveinterval");
    const char *cm = fs_kvlist_get(set, "clientalivecountmax");
    long i, c;
    if (!iv || !cm || !fs_sshd_seconds(iv, &i) || !fs_parse_long(cm, &c)) {
        snprintf(ev, evlen,
                 "clientaliveinterval '%.40s' or clientalivecountmax '%.40s' is not a "
                 "number",
                 iv ? iv : "(missing)", cm ? cm : "(missing)");
        return FS_RESULT_ERROR;
    }
    snprintf(ev, evlen,
             "clientaliveinterval %ld, clientalivecountmax %ld (interval 1-900, count <= 3)", i, c);
    return i >= 1 && i <= 900 && c <= 3 ? FS_RESULT_PASS : FS_RESULT_FAIL;
}

void fs_check_sshd_idle_timeout(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    fs_sshd_judge(ctx, v, idle_timeout, NULL);
    fs_dropbear_merge(ctx, v, db_idle_timeout);
}

void fs_check_sshd_login_grace_time(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const struct range_arg a = {"logingracetime", 1, 60, true, "1-60"};
    fs_sshd_judge(ctx, v, in_range, &a);
    fs_dropbear_merge(ctx, v, db_login_grace);
}

/* ---- kernel and network parameters (fact sysctl_hardening) */

/* One switch of a kernel feature (LACKS) that may be built out: notapplicable when proven
 * absent, else judged within [min, max]. */
static void sysctl_feature_expect(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                                  const char *lacks, const char *key, long min, long max)
{
    long val;
    if (fs_sysctl_feature(ctx, v, key, lacks, &val))
        FS_SYSCTL_EXPECT(ctx, v, {key, min, max, false});
}

void fs_check_kernel_aslr_enabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"kernel/randomize_va_space", 2, 2, false});
}

void fs_check_kernel_dmesg_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"kernel/dmesg_restrict", 1, 1, false});
}

void fs_check_kernel_kptr_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"kernel/kptr_restrict", 1, 2, false});
}

void fs_check_kernel_ptrace_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    sysctl_feature_expect(ctx, v, "Yama LSM", "kernel/yama/ptrace_scope", 1, 3);
}

void fs_check_kernel_core_dumps_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"fs/suid_dumpable", 0, 0, false});
}

void fs_check_net_icmp_redirects_ignored(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"net/ipv4/conf/all/accept_redirects", 0, 0, false},
                     {"net/ipv4/conf/default/accept_redirects", 0, 0, false},
                     {"net/ipv4/conf/all/secure_redirects", 0, 0, false},
                     {"net/ipv4/conf/default/secure_redirects", 0, 0, false},
                     {"net/ipv6/conf/all/accept_redirects", 0, 0, true});
}

void fs_check_net_send_redirects_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"net/ipv4/conf/all/send_redirects", 0, 0, false},
                     {"net/ipv4/conf/default/send_redirects", 0, 0, false});
}

void fs_check_net_source_route_rejected(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"net/ipv4/conf/all/accept_source_route", 0, 0, false},
                     {"net/ipv4/conf/default/accept_source_route", 0, 0, false});
}

void fs_check_net_syncookies_enabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"net/ipv4/tcp_syncookies", 1, 1, false});
}

void fs_check_net_rp_filter_enabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"net/ipv4/conf/all/rp_filter", 1, 2, false},
                     {"net/ipv4/conf/default/rp_filter", 1, 2, false});
}

void fs_check_net_icmp_broadcasts_ignored(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"net/ipv4/icmp_echo_ignore_broadcasts", 1, 1, false},
                     {"net/ipv4/icmp_ignore_bogus_error_responses", 1, 1, false});
}

void fs_check_kernel_fs_links_protected(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    /* protected_fifos and protected_regular came with Linux 4.19: older kernels lack them */
    FS_SYSCTL_EXPECT(ctx, v, {"fs/protected_symlinks", 1, 1, false},
                     {"fs/protected_hardlinks", 1, 1, false}, {"fs/protected_fifos", 1, 2, true},
                     {"fs/protected_regular", 1, 2, true});
}

/* The magic SysRq keys act without a login: a mask bit each (Documentation/admin-guide/sysrq),
 * 1 enables them all. These stop or reboot the line's software, or dump what it holds. */
void fs_check_kernel_sysrq_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const struct {
        unsigned long bit;
        const char *what;
    } risky[] = {{8, "debugging dumps of processes (8)"},
                 {64, "signalling processes (64)"},
                 {128, "reboot and poweroff (128)"}};
    long val;
    if (!fs_sysctl_feature(ctx, v, "kernel/sysrq", "SysRq", &val))
        return;
    if (val == 1) {
        fs_verdict_set(v, FS_RESULT_FAIL, "kernel/sysrq=1: every SysRq function is enabled");
        return;
    }
    if (val == 0) {
        fs_verdict_set(v, FS_RESULT_PASS, "kernel/sysrq=0: SysRq is disabled");
        return;
    }
    struct fs_list on;
    fs_list_init(&on);
    /* the kernel ANDs the int: a negative mask has these bits set */
    for (size_t i = 0; i < sizeof risky / sizeof risky[0]; i++)
        if ((unsigned long)val & risky[i].bit)
            fs_list_add(&on, risky[i].what);
    if (on.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "kernel/sysrq=%ld allows %s", val, fs_list_str(&on));
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "kernel/sysrq=%ld allows no process dumps (8), signalling (64), reboot or "
                       "poweroff (128)",
                       val);
    fs_list_dispose(&on);
}

void fs_check_kernel_unprivileged_bpf_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    sysctl_feature_expect(ctx, v, "bpf system call", "kernel/unprivileged_bpf_disabled", 1, 2);
}

void fs_check_kernel_perf_events_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    /* Debian's 3 and Ubuntu's 4 forbid more than the kernel's 2 */
    sysctl_feature_expect(ctx, v, "perf events", "kernel/perf_event_paranoid", 2, INT_MAX);
}

void fs_check_kernel_kexec_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    sysctl_feature_expect(ctx, v, "kexec", "kernel/kexec_load_disabled", 1, 1);
}

/* ---- file permissions (fact file_modes: "mode uid gid user group path") */

struct fmode {
    unsigned mode;
    long uid, gid;
    char group[64], path[256];
};

/* Calls fn for each stat line whose path matches prefix and counts them in *seen_out;
 * FS_ERR_PARSE on a malformed line. */
static int each_mode(const struct fs_fact *f, const char *prefix, const char *suffix,
                     void (*fn)(const struct fmode *m, void *arg), void *arg, long *seen_out)
{
    size_t pos = 0;
    long seen = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[6];
        if (l.len == 0)
            continue;
        if (fs_split(l, ' ', fld, 6) != 6)
            return FS_ERR_PARSE;
        struct fmode m;
        char buf[32];
        fs_line_str(fld[5], m.path, sizeof m.path);
        size_t pl = strlen(m.path), sl = suffix ? strlen(suffix) : 0;
        if (strncmp(m.path, prefix, strlen(prefix)) != 0 ||
            (suffix && (pl < sl || strcmp(m.path + pl - sl, suffix) != 0)))
            continue;
        fs_line_str(fld[0], buf, sizeof buf);
        char *end;
        unsigned long mode = strtoul(buf, &end, 8);
        bool ok = buf[0] && *end == '\0';
        fs_line_str(fld[1], buf, sizeof buf);
        ok = ok && fs_parse_long(buf, &m.uid);
        fs_line_str(fld[2], buf, sizeof buf);
        ok = ok && fs_parse_long(buf, &m.gid);
        if (!ok)
            return FS_ERR_PARSE;
        m.mode = (unsigned)mode;
        fs_line_str(fld[4], m.group, sizeof m.group);
        fn(&m, arg);
        seen++;
    }
    *seen_out = seen;
    return FS_OK;
}

struct perm_rule {
    unsigned allowed;          /* mode bits that may be set */
    const char *const *groups; /* allowed group names, NULL = any */
    unsigned alt_allowed;      /* with alt_group: another allowed mode */
    const char *alt_group;
    struct fs_list bad, good;
};

static void perm_visit(const struct fmode *m, void *arg)
{
    struct perm_rule *r = arg;
    bool group_ok = !r->groups;
    for (const char *const *g = r->groups; g && *g; g++)
        group_ok |= strcmp(m->group, *g) == 0;
    bool ok = m->uid == 0 && group_ok && (m->mode & ~r->allowed & 07777) == 0;
    if (!ok && r->alt_group && strcmp(m->group, r->alt_group) == 0 && m->uid == 0)
        ok = (m->mode & ~r->alt_allowed & 07777) == 0;
    char item[400];
    snprintf(item, sizeof item, "%s %o uid %ld group %s", m->path, m->mode, m->uid, m->group);
    fs_list_add(ok ? &r->good : &r->bad, item);
}

static void perms_expect(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *fact,
                         const char *const *paths, const char *suffix, struct perm_rule *r,
                         bool absent_is_na, const char *what)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, fact);
    if (!f)
        return;
    fs_list_init(&r->bad);
    fs_list_init(&r->good);
    long total = 0;
    for (; *paths; paths++) {
        long n = 0;
        if (each_mode(f, *paths, suffix, perm_visit, r, &n) != FS_OK) {
            fs_verdict_set(v, FS_RESULT_ERROR, "malformed stat output");
            goto out;
        }
        total += n;
    }
    if (total == 0)
        fs_verdict_set(v, absent_is_na ? FS_RESULT_NOTAPPLICABLE : FS_RESULT_ERROR, "no %s found",
                       what);
    else if (r->bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s", fs_list_str(&r->bad));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s", fs_list_str(&r->good));
out:
    fs_list_dispose(&r->bad);
    fs_list_dispose(&r->good);
}

void fs_check_fs_passwd_permissions(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const paths[] = {"/etc/passwd", "/etc/group", NULL};
    struct perm_rule r = {.allowed = 0644};
    perms_expect(ctx, v, "file_modes", paths, NULL, &r, false, "/etc/passwd");
}

void fs_check_fs_shadow_permissions(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const paths[] = {"/etc/shadow", "/etc/gshadow", NULL};
    static const char *const groups[] = {"root", "shadow", NULL};
    struct perm_rule r = {.allowed = 0640, .groups = groups};
    perms_expect(ctx, v, "file_modes", paths, NULL, &r, false, "/etc/shadow");
}

void fs_check_sshd_host_key_permissions(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const paths[] = {"/etc/ssh/ssh_host_", "/etc/dropbear/dropbear_", NULL};
    struct perm_rule r = {.allowed = 0600, .alt_allowed = 0640, .alt_group = "ssh_keys"};
    perms_expect(ctx, v, "file_modes", paths, "_key", &r, true, "SSH host private key");
}

void fs_check_boot_loader_config_private(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const paths[] = {"/boot/grub/grub.cfg", "/boot/grub2/grub.cfg", NULL};
    struct perm_rule r = {.allowed = 0600};
    perms_expect(ctx, v, "grub_modes", paths, NULL, &r, true, "GRUB configuration");
}

/* Scheduled jobs (fact cron_perms, the lines of file_modes): each path owned by uid 0 and
 * writable by neither its group nor others. */
struct cron_perm {
    struct fs_list bad, top;
};

static void cron_visit(const struct fmode *m, void *arg)
{
    struct cron_perm *c = arg;
    const char *why = m->uid != 0              ? "owner not root"
                      : (m->mode & 022) == 022 ? "writable by group and others"
                      : (m->mode & 002)        ? "writable by others"
                      : (m->mode & 020)        ? "writable by group"
                                               : NULL;
    if (why) {
        char item[400];
        snprintf(item, sizeof item, "%s %o uid %ld gid %ld (%s)", m->path, m->mode & 07777, m->uid,
                 m->gid, why);
        fs_list_add(&c->bad, item);
    } else if (strncmp(m->path, "/etc/", 5) == 0 && !strchr(m->path + 5, '/')) {
        fs_list_add(&c->top, m->path); /* the places themselves, not each job in them */
    }
}

void fs_check_cron_jobs_root_only(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "cron_perms");
    if (!f)
        return;
    if (fs_fact_first_line(f, "# none") && f->len <= sizeof "# none") {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no /etc/crontab, /etc/cron.d, /etc/cron.{hourly,daily,weekly,monthly,"
                       "yearly} or /etc/anacrontab");
        return;
    }
    struct cron_perm c;
    fs_list_init(&c.bad);
    fs_list_init(&c.top);
    long n = 0;
    if (each_mode(f, "", NULL, cron_visit, &c, &n) != FS_OK || n == 0)
        fs_verdict_set(v, FS_RESULT_ERROR, "malformed or empty stat output");
    else if (c.bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "scheduled jobs users other than root can change: %s",
                       fs_list_str(&c.bad));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%ld paths owned by root, writable by root only%s%s", n,
                       c.top.count ? ": " : "", fs_list_str(&c.top));
    fs_list_dispose(&c.bad);
    fs_list_dispose(&c.top);
}

/* ---- needless services: a process or a listening port */

static bool it_saw_table(const struct fs_fact *nl)
{
    struct fs_listen_iter it;
    struct fs_listener l;
    fs_listen_iter_init(&it, nl);
    while (fs_listen_next(&it, &l))
        ;
    return it.saw_table;
}

static void service_absent(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                           const char *const *procs, const char *proto, unsigned port,
                           const char *what)
{
    const struct fs_fact *pc = fs_check_fact(ctx, v, "proc_comm");
    const struct fs_fact *nl = pc && port ? fs_check_fact(ctx, v, "net_listen") : NULL;
    if (!pc || (port && !nl))
        return;
    struct fs_list found;
    fs_list_init(&found);
    for (; *procs; procs++)
        if (fs_proc_running(pc, *procs)) {
            char item[96];
            snprintf(item, sizeof item, "process %s runs", *procs);
            fs_list_add(&found, item);
        }
    if (nl) {
        struct fs_listen_iter it;
        struct fs_listener l;
        fs_listen_iter_init(&it, nl);
        while (fs_listen_next(&it, &l))
            if (l.port == port && strcmp(l.proto, proto) == 0) {
                char item[96];
                snprintf(item, sizeof item, "%s/%u listening on %s", proto, port, l.addr);
                fs_list_add(&found, item);
                break;
            }
    }
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s", fs_list_str(&found));
    else if (!fs_proc_list_sane(pc) || (nl && !it_saw_table(nl)))
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "could not read the process list or the listening sockets");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no %s", what);
    fs_list_dispose(&found);
}

void fs_check_service_rpcbind_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const procs[] = {"rpcbind", "portmap", NULL};
    if (fs_value_true(fs_check_value(ctx, "var_nfs_client_needed"))) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "the device mounts NFS (var_nfs_client_needed)");
        return;
    }
    service_absent(ctx, v, procs, "tcp", 111, "rpcbind");
}

void fs_check_service_avahi_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const procs[] = {"avahi-daemon", NULL};
    service_absent(ctx, v, procs, "udp", 5353, "mDNS responder");
}

void fs_check_service_cups_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const procs[] = {"cupsd", "cups-browsed", NULL};
    service_absent(ctx, v, procs, "tcp", 631, "print service");
}

/* ---- kernel modules that cannot be loaded (fact modules_blocked, see its header) */

#define MOD_MAX 8

/* The modprobe the configuration would be read by (fact line "modprobe ..."). */
enum mod_probe { MODPROBE_KMOD = 1, MODPROBE_BUSYBOX, MODPROBE_UNKNOWN, MODPROBE_NONE };

/* What the kernel registers of a module of the list, beside /sys/module: file systems in
 * /proc/filesystems, protocols in /proc/net/protocols, a driver such as usb_storage nothing
 * (built in, it shows in /sys/module by its parameters). */
enum mod_kind { MOD_FS, MOD_PROTO, MOD_DRIVER };

struct mod_state {
    const char *name;
    bool loaded, builtin, file, registered;
    bool install, noop, blacklisted; /* install: the first install line matching it was seen */
    char loaded_by[16];
    char reg_by[24];
    char how[240];     /* that first install line (its command when a no-op) and its file */
    char bl_file[160]; /* the first file that blacklists it */
};

/* What the fact says of the kernel and of modprobe, beyond the modules themselves. */
struct mod_kernel {
    char release[96];
    int trees, lists, procs, procmods, kmodprobes, probes, fslists, protolists;
    bool tree, builtins, proc, procmodules, kmodprobe_none, fslist, protolist, odd;
    enum mod_probe probe;
    char odd_what[160];
};

/* Module names compare with '-' and '_' as equal, as modprobe compares them. */
static bool modname_eq(const char *a, size_t alen, const char *b)
{
    if (strlen(b) != alen)
        return false;
    for (size_t i = 0; i < alen; i++) {
        bool dash_a = a[i] == '-' || a[i] == '_', dash_b = b[i] == '-' || b[i] == '_';
        if (a[i] != b[i] && !(dash_a && dash_b))
            return false;
    }
    return true;
}

static struct mod_state *mod_find(struct mod_state *m, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (modname_eq(name, len, m[i].name))
            return &m[i];
    return NULL;
}

/* The length of the word at s (up to a blank or the end). */
static size_t word_len(const char *s)
{
    return strcspn(s, " \t");
}

static const char *skip_blanks(const char *s)
{
    return s + strspn(s, " \t");
}

/* Whether an install line's command (cmd, up to the end of the line) does nothing: one word
 * naming true or false (any path, such as /bin/false or /usr/bin/true) and nothing but a comment
 * after it. */
static bool install_noop(const char *cmd)
{
    size_t cl = word_len(cmd);
    const char *rest = skip_blanks(cmd + cl);
    const char *base = cmd;
    for (const char *p = cmd; p < cmd + cl; p++)
        if (*p == '/')
            base = p + 1;
    size_t bl = (size_t)(cmd + cl - base);
    bool noop =
        (bl == 4 && strncmp(base, "true", 4) == 0) || (bl == 5 && strncmp(base, "false", 5) == 0);
    return noop && (!*rest || *rest == '#');
}

/* One "install PATTERN CMD" line, in kmod's order: kmod runs the command of the FIRST install line
 * whose pattern matches the module name (fnmatch) and reads no further one. */
static void mod_install(struct mod_state *m, size_t n, const char *line, const char *pat, size_t pl,
                        const char *file)
{
    char glob[512];
    bool is_glob = memchr(pat, '*', pl) || memchr(pat, '?', pl) || memchr(pat, '[', pl);
    snprintf(glob, sizeof glob, "%.*s", (int)pl, pat);
    /* kmod's underscores(): '-' is '_' in a pattern, but inside brackets (module names are
     * compared with '_': usb-stor* matches usb_storage) */
    for (size_t i = 0; glob[i]; i++) {
        if (glob[i] == '-') {
            glob[i] = '_';
        } else if (glob[i] == '[') {
            size_t close = strcspn(glob + i, "]");
            if (!glob[i + close])
                break; /* unmatched: kmod leaves the rest as it is */
            i += close;
        }
    }
    const char *cmd = skip_blanks(pat + pl);
    for (size_t i = 0; i < n; i++) {
        struct mod_state *s = &m[i];
        bool match = is_glob ? fnmatch(glob, s->name, 0) == 0 : modname_eq(pat, pl, s->name);
        if (!match || s->install)
            continue;
        s->install = true;
        s->noop = install_noop(cmd);
        if (s->noop)
            snprintf(s->how, sizeof s->how, "install %.*s (%.70s)", (int)word_len(cmd), cmd, file);
        else
            snprintf(s->how, sizeof s->how, "%.160s (%.70s)", line, file);
    }
}

/* A "conf" line: "install PATTERN CMD" or "blacklist NAME" (blacklist only keeps modprobe from
 * loading the module by an alias: `modprobe NAME` still loads it). */
static void mod_conf(struct mod_state *m, size_t n, const char *line, const char *file)
{
    const char *kw = skip_blanks(line);
    size_t kwl = word_len(kw);
    const char *name = skip_blanks(kw + kwl);
    size_t nl = word_len(name);
    if (!nl)
        return;
    if (kwl == 7 && strncmp(kw, "install", 7) == 0) {
        mod_install(m, n, kw, name, nl, file);
    } else if (kwl == 9 && strncmp(kw, "blacklist", 9) == 0) {
        struct mod_state *s = mod_find(m, n, name, nl);
        if (s && !s->blacklisted) {
            s->blacklisted = true;
            snprintf(s->bl_file, sizeof s->bl_file, "%s", file);
        }
    }
}

/* Whether the line's first word (kl bytes) is key. */
static bool key_is(const char *line, size_t kl, const char *key)
{
    return strlen(key) == kl && strncmp(line, key, kl) == 0;
}

/* A file system or protocol of the list the kernel has registered: "fsreg NAME" (as named in
 * /proc/filesystems) or "proto NAME" (/proc/net/protocols: SCTP, SCTPv6, DCCP ..., the module
 * name in capitals, "v6" for the IPv6 half). */
static void mod_registered(struct mod_state *m, size_t n, const char *arg, bool proto)
{
    char lower[32];
    size_t len = word_len(arg);
    if (proto && len > 2 && strncmp(arg + len - 2, "v6", 2) == 0)
        len -= 2;
    if (len >= sizeof lower)
        return;
    for (size_t i = 0; i < len; i++)
        lower[i] = (char)(proto && arg[i] >= 'A' && arg[i] <= 'Z' ? arg[i] - 'A' + 'a' : arg[i]);
    struct mod_state *s = mod_find(m, n, lower, len);
    if (!s)
        return;
    s->registered = true;
    snprintf(s->reg_by, sizeof s->reg_by, "%s",
             proto ? "/proc/net/protocols" : "/proc/filesystems");
}

/* A "KEY ARG" / "noKEY ARG" pair (tree, builtins, fslist, protolist): counted in *seen, *on set
 * for KEY; false when the line's first word (kl bytes) is neither. */
static bool key_pair(const char *line, size_t kl, const char *key, int *seen, bool *on)
{
    bool yes = key_is(line, kl, key);
    if (!yes && !(kl == strlen(key) + 2 && strncmp(line, "no", 2) == 0 &&
                  strncmp(line + 2, key, kl - 2) == 0))
        return false;
    (*seen)++;
    *on = yes;
    return true;
}

/* The lines that say how the kernel and modprobe stand ("proc", "procmodules", "kmodprobe",
 * "modprobe", "[no]fslist", "[no]protolist"); false when the line is none of them. */
static bool mod_kernel_line(struct mod_kernel *k, const char *line, size_t kl, const char *arg)
{
    if (key_is(line, kl, "proc")) {
        k->procs++;
        k->proc = strcmp(arg, "yes") == 0;
    } else if (key_is(line, kl, "procmodules")) {
        k->procmods++;
        k->procmodules = strcmp(arg, "no") != 0;
    } else if (key_is(line, kl, "kmodprobe")) {
        k->kmodprobes++;
        k->kmodprobe_none = strcmp(arg, "none") == 0;
    } else if (key_is(line, kl, "modprobe")) {
        k->probes++;
        k->probe = strncmp(arg, "kmod ", 5) == 0 ? MODPROBE_KMOD
                   : strcmp(arg, "busybox") == 0 ? MODPROBE_BUSYBOX
                   : strcmp(arg, "none") == 0    ? MODPROBE_NONE
                                                 : MODPROBE_UNKNOWN;
    } else if (key_pair(line, kl, "fslist", &k->fslists, &k->fslist) ||
               key_pair(line, kl, "protolist", &k->protolists, &k->protolist)) {
        /* counted */
    } else if (key_is(line, kl, "oddconf")) {
        if (!k->odd)
            fs_line_str((struct fs_line){arg, strlen(arg)}, k->odd_what, sizeof k->odd_what);
        k->odd = true;
    } else {
        return false;
    }
    return true;
}

/* Reads one line of the fact into m and k; false when it is not one the probe prints. */
static bool mod_line(struct mod_state *m, size_t n, struct mod_kernel *k, const char *line,
                     char *file, size_t flen)
{
    const char *arg = strchr(line, ' ');
    if (!arg || !arg[1])
        return false;
    size_t kl = (size_t)(arg++ - line);
    if (key_is(line, kl, "release")) {
        fs_line_str((struct fs_line){arg, strlen(arg)}, k->release, sizeof k->release);
    } else if (key_pair(line, kl, "tree", &k->trees, &k->tree) ||
               key_pair(line, kl, "builtins", &k->lists, &k->builtins)) {
        /* counted */
    } else if (key_is(line, kl, "builtin") || key_is(line, kl, "loaded")) {
        struct mod_state *s = mod_find(m, n, arg, word_len(arg));
        if (s && key_is(line, kl, "builtin"))
            s->builtin = true;
        else if (s) {
            s->loaded = true;
            snprintf(s->loaded_by, sizeof s->loaded_by, "%s",
                     strstr(arg, "/proc/modules") ? "/proc/modules" : "/sys/module");
        }
    } else if (key_is(line, kl, "modfile")) {
        const char *base = strrchr(arg, '/');
        base = base ? base + 1 : arg;
        const char *ko = strstr(base, ".ko");
        struct mod_state *s = ko ? mod_find(m, n, base, (size_t)(ko - base)) : NULL;
        if (s)
            s->file = true;
    } else if (key_is(line, kl, "fsreg") || key_is(line, kl, "proto")) {
        mod_registered(m, n, arg, key_is(line, kl, "proto"));
    } else if (key_is(line, kl, "cfile")) {
        fs_line_str((struct fs_line){arg, strlen(arg)}, file, flen);
    } else if (key_is(line, kl, "masked")) {
        snprintf(file, flen, "?"); /* a conf line must follow a cfile line */
    } else if (key_is(line, kl, "conf")) {
        mod_conf(m, n, arg, file);
    } else {
        return mod_kernel_line(k, line, kl, arg);
    }
    return true;
}

/* Reads the fact into m and k; false when a line is not one the probe prints or a part is
 * missing or given twice. */
static bool mod_read(const struct fs_fact *f, struct mod_state *m, size_t n, struct mod_kernel *k)
{
    size_t pos = 0;
    struct fs_line l;
    char file[160] = "?";
    *k = (struct mod_kernel){0};
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        if (l.len == 0)
            continue;
        if (fs_line_has_nul(l) || l.len >= sizeof line)
            return false;
        fs_line_raw(l, line, sizeof line);
        if (!mod_line(m, n, k, line, file, sizeof file))
            return false;
    }
    /* one tree line, and the builtins line whenever the tree exists; one of each other part */
    return k->release[0] && k->trees == 1 && k->lists == (k->tree ? 1 : 0) && k->procs == 1 &&
           k->procmods == 1 && k->kmodprobes == 1 && k->probes == 1 && k->fslists == 1 &&
           k->protolists == 1;
}

/* Why the configuration is not judged for modprobe p (NULL: it is, kmod's). */
static const char *mod_probe_why(enum mod_probe p)
{
    switch (p) {
    case MODPROBE_KMOD:
        return NULL;
    case MODPROBE_BUSYBOX:
        return "busybox modprobe does not read install lines";
    case MODPROBE_NONE:
        return "no modprobe found, so no configuration applies";
    default:
        return "the modprobe in use is not kmod, its configuration is not judged";
    }
}

/* The verdict item for module s; *ok: it cannot be loaded, *unknown: that depends on a
 * modprobe.d entry that could not be read. */
static void mod_item(const struct mod_state *s, const struct mod_kernel *k, enum mod_kind kind,
                     char *item, size_t len, bool *ok, bool *unknown)
{
    const char *noconf = mod_probe_why(k->probe);
    const char *notree = k->tree ? "" : " (no /lib/modules for this kernel)";
    /* a kernel without loadable-module support (two witnesses, /proc mounted) loads nothing
     * more than it has: what it has registered is listed in fslist or protolist */
    /* (a driver registers in no list: /proc/filesystems read stands for a whole procfs, not one
     * mounted subset=pid, which shows neither modules nor kernel/modprobe); a module file in
     * the running kernel's tree contradicts it */
    bool listed = kind == MOD_PROTO ? k->protolist : k->fslist;
    bool nomodules = k->proc && !k->procmodules && k->kmodprobe_none && listed && !s->file;
    *ok = false;
    *unknown = false;
    if (s->loaded)
        snprintf(item, len, "%s is loaded (%s)", s->name, s->loaded_by);
    else if (s->builtin)
        snprintf(item, len, "%s is built into kernel %s", s->name, k->release);
    else if (s->registered)
        snprintf(item, len, "%s is registered (%s)", s->name, s->reg_by);
    else if ((*ok = nomodules))
        snprintf(item, len,
                 "the kernel cannot load modules (no /proc/modules, no kernel/modprobe) and has "
                 "no %s",
                 s->name);
    else if ((*ok = k->tree && k->builtins && !s->file))
        snprintf(item, len, "%s not in kernel %s (no module file and not built in)", s->name,
                 k->release);
    else if (noconf)
        snprintf(item, len, "%s can be loaded: %s%s", s->name, noconf, notree);
    else if ((*unknown = k->odd))
        snprintf(item, len, "%s: a modprobe.d entry cannot be read (%s)", s->name, k->odd_what);
    else if ((*ok = s->install && s->noop))
        snprintf(item, len, "%s blocked: %s", s->name, s->how);
    else if (s->install)
        snprintf(item, len, "%s can be loaded: the first install line for it runs a command: %s",
                 s->name, s->how);
    else if (s->blacklisted)
        snprintf(item, len,
                 "%s is only blacklisted: aliases are blocked, `modprobe %s` still loads it (%s)",
                 s->name, s->name, s->bl_file);
    else
        snprintf(item, len, "%s can be loaded: not blocked in modprobe configuration%s", s->name,
                 notree);
}

/* Passes when no module of names (NULL-terminated) can be loaded: for each, neither loaded, built
 * in nor registered, and absent from a kernel that cannot load modules, absent from the running
 * kernel (its module tree read, no module file in it and not built in) or, for kmod's modprobe,
 * the first install line matching it a no-op. kind: what the kernel registers of them. */
static void modules_judge(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                          const char *const *names, enum mod_kind kind)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "modules_blocked");
    if (!f)
        return;
    struct mod_state m[MOD_MAX];
    size_t n = 0;
    for (; n < MOD_MAX && names[n]; n++)
        m[n] = (struct mod_state){.name = names[n]};
    struct mod_kernel k;
    if (!mod_read(f, m, n, &k)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "malformed or incomplete module probe output");
        return;
    }
    struct fs_list bad, good, unknown;
    fs_list_init(&bad);
    fs_list_init(&good);
    fs_list_init(&unknown);
    for (size_t i = 0; i < n; i++) {
        char item[400];
        bool ok, unread;
        mod_item(&m[i], &k, kind, item, sizeof item, &ok, &unread);
        fs_list_add(unread ? &unknown : ok ? &good : &bad, item);
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s", fs_list_str(&bad));
    else if (unknown.count)
        fs_verdict_set(v, FS_RESULT_ERROR, "%s", fs_list_str(&unknown));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s", fs_list_str(&good));
    fs_list_dispose(&bad);
    fs_list_dispose(&good);
    fs_list_dispose(&unknown);
}

void fs_check_kernel_uncommon_net_protocols_disabled(const struct fs_check_ctx *ctx,
                                                     struct fs_verdict *v)
{
    static const char *const names[] = {"dccp", "sctp", "rds", "tipc", NULL};
    modules_judge(ctx, v, names, MOD_PROTO);
}

void fs_check_fs_uncommon_filesystems_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const names[] = {"cramfs", "freevxfs", "hfs", "hfsplus",
                                        "jffs2",  "udf",      NULL};
    modules_judge(ctx, v, names, MOD_FS);
}

/* USB mass storage: the same proof as the rare modules (an install line that runs nothing, or
 * the module absent from the kernel); a blacklist alone keeps only udev's alias from loading it,
 * and an install line that runs a command (even one ending in /bin/true) loads it. */
void fs_check_usb_storage_disabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const names[] = {"usb_storage", NULL};
    modules_judge(ctx, v, names, MOD_DRIVER);
}

void fs_check_pkg_no_compilers_on_production(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    fs_paths_absent(ctx, v, "compilers", "gcc, cc, c++, clang, make, as, ld or tcc");
}

/* ---- files and filesystems */

void fs_check_fs_tmp_hardened(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "proc_mounts");
    if (!f)
        return;
    size_t pos = 0;
    struct fs_line l;
    char opts[256] = "";
    bool found = false, any = false;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[5];
        if (fs_split(l, ' ', fld, 5) < 4)
            continue;
        any = true;
        if (fs_line_eq(fld[1], "/tmp")) {
            fs_line_raw(fld[3], opts, sizeof opts);
            found = true;
        }
    }
    if (!any) {
        fs_verdict_set(v, FS_RESULT_ERROR, "/proc/mounts is empty or malformed");
        return;
    }
    if (!found) {
        fs_verdict_set(v, FS_RESULT_FAIL, "/tmp is not a separate mount");
        return;
    }
    struct fs_list missing;
    fs_list_init(&missing);
    static const char *const need[] = {"nodev", "nosuid", "noexec"};
    for (size_t i = 0; i < 3; i++)
        if (!fs_word_in(opts, need[i], strlen(need[i])))
            fs_list_add(&missing, need[i]);
    if (missing.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "/tmp lacks %s", fs_list_str(&missing));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "/tmp is mounted nodev,nosuid,noexec");
    fs_list_dispose(&missing);
}

void fs_check_fs_world_writable_bounded(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    fs_paths_absent(ctx, v, "find_world_writable",
                    "world-writable files in /etc, /usr, /opt, /boot, /srv");
}

void fs_check_fs_world_writable_dirs_sticky(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    fs_paths_absent(ctx, v, "find_ww_dirs", "world-writable directories without the sticky bit");
}

void fs_check_fs_no_unowned_files(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    fs_paths_absent(ctx, v, "find_unowned", "files without a known owner or group");
}

void fs_check_fs_setuid_expected(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *allowed = fs_check_value(ctx, "var_allowed_setuid");
    const struct fs_fact *f = fs_check_fact(ctx, v, "find_setuid");
    if (!f)
        return;
    if (!allowed) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_allowed_setuid is not bound");
        return;
    }
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0, n = 0;
    struct fs_line l;
    bool unseen = false;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len == 0)
            continue;
        if (l.s[0] != '/') {
            unseen = true; /* "# more N": a cut list, or junk: programs not judged */
            continue;
        }
        n++;
        /* By full path only: a basename would allow any file of that name anywhere (a copy
         * of busybox in /opt); the value's format (paths) rejects bare names. */
        if (!fs_word_in(allowed, l.s, l.len)) {
            char path[300];
            fs_line_str(l, path, sizeof path);
            fs_list_add(&bad, path);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "setuid/setgid programs not in var_allowed_setuid: %s",
                       fs_list_str(&bad));
    else if (unseen)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "%zu setuid/setgid programs expected, but the list was cut or holds "
                       "junk: the rest not judged",
                       n);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%zu setuid/setgid programs, all expected", n);
    fs_list_dispose(&bad);
}

/* Whether name is one of GRUB's superusers (the names of "superusers" lines, which GRUB splits
 * at blanks, commas, semicolons, | and &). */
static bool grub_is_superuser(const struct fs_fact *f, struct fs_line name)
{
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len <= 11 || memcmp(l.s, "superusers ", 11) != 0)
            continue;
        size_t i = 11;
        while (i < l.len) {
            while (i < l.len && strchr(" ,;|&", l.s[i]))
                i++;
            size_t b = i;
            while (i < l.len && !strchr(" ,;|&", l.s[i]))
                i++;
            if (i > b && i - b == name.len && memcmp(l.s + b, name.s, name.len) == 0)
                return true;
        }
    }
    return false;
}

/* Whether the user.cfg in the directory of grub.cfg at cfg holds a GRUB2_PASSWORD hash. */
static bool grub_usercfg_hash(const struct fs_fact *f, struct fs_line cfg, char *where, size_t wlen)
{
    size_t dir = cfg.len;
    while (dir > 0 && cfg.s[dir - 1] != '/')
        dir--;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        /* "usercfg DIR/user.cfg hash" */
        size_t want = 8 + dir + 8 + 5;
        if (l.len == want && memcmp(l.s, "usercfg ", 8) == 0 && memcmp(l.s + 8, cfg.s, dir) == 0 &&
            memcmp(l.s + 8 + dir, "user.cfg hash", 13) == 0) {
            fs_line_str((struct fs_line){l.s + 8, dir + 8}, where, wlen);
            return true;
        }
    }
    return false;
}

void fs_check_boot_loader_password(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "grub_password");
    if (!f)
        return;
    bool file = false, users = false, ref = false, other = false, nosuper = false;
    struct fs_line cur = {"", 0};
    char user[64] = "", where[256] = "", odd[64] = "";
    size_t pos = 0, judged = 0;
    struct fs_line l;
    /* At most 64 password lines are judged: each looks up the superusers in the whole fact. */
    while (fs_next_line(f, &pos, &l) && !where[0]) {
        if (l.len > 5 && memcmp(l.s, "file ", 5) == 0) {
            file = true;
            cur = (struct fs_line){l.s + 5, l.len - 5};
        } else if (l.len > 7 && memcmp(l.s, "custom ", 7) == 0) {
            cur = (struct fs_line){l.s + 7, l.len - 7};
        } else if (l.len > 11 && memcmp(l.s, "superusers ", 11) == 0) {
            users = true;
        } else if (l.len > 7 && memcmp(l.s, "pbkdf2 ", 7) == 0) {
            /* "pbkdf2 USER hash|ref|other" */
            struct fs_line fld[3];
            if (fs_split(l, ' ', fld, 3) != 3 || fld[1].len == 0 || ++judged > 64)
                continue;
            bool hash = fs_line_eq(fld[2], "hash"), isref = fs_line_eq(fld[2], "ref");
            if (!hash && !isref) {
                other = true;
                fs_line_str(fld[1], odd, sizeof odd);
                continue;
            }
            if (!grub_is_superuser(f, fld[1])) {
                nosuper = true;
                continue;
            }
            ref |= isref;
            char w[256];
            if (hash)
                fs_line_str(cur, w, sizeof w);
            else if (!grub_usercfg_hash(f, cur, w, sizeof w))
                continue;
            fs_line_str(fld[1], user, sizeof user);
            snprintf(where, sizeof where, "%s", w);
        }
    }
    if (!file)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no GRUB configuration");
    else if (where[0])
        fs_verdict_set(v, FS_RESULT_PASS, "password_pbkdf2 set for superuser %s in %s", user,
                       where);
    else if (ref)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "GRUB's 01_users block refers to GRUB2_PASSWORD, but no user.cfg beside "
                       "grub.cfg holds a grub.pbkdf2.sha512 hash: no password is set");
    else if (nosuper)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "password_pbkdf2 is set only for accounts that are not superusers");
    else if (other)
        fs_verdict_set(v, FS_RESULT_FAIL, "password_pbkdf2 for %s holds no grub.pbkdf2.sha512 hash",
                       odd);
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "GRUB lacks %s%s", users ? "" : "set superusers and ",
                       "a password_pbkdf2 password");
}
