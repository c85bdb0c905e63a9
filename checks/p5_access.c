/* SPDX-License-Identifier: Apache-2.0 */
/* P5 User management: password policy in PAM, sudo, su, SSH keys, group rights, stale
 * accounts. (Account databases and login.defs are in p5_users.c.) */
#include "checks.h"
#include "check_util.h"
#include "sshd_config.h"
#include "../scanner/core/strset.h"
#include "ssh_keys.h"

/* A "pub USER TYPE BASE64" line: an RSA key of 16384 bits is about 2.8 kB of base64. */
#define FS_KEY_LINE_MAX 8192
#include "../scanner/core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The number after "key=" (or "key =") in a line; false when absent. */
static bool option_long(const char *line, const char *key, long *out)
{
    const char *p = line;
    size_t kl = strlen(key);
    while ((p = strstr(p, key))) {
        const char *q = p + kl;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '=' && (p == line || p[-1] == ' ' || p[-1] == '\t')) {
            q++;
            while (*q == ' ' || *q == '\t')
                q++;
            char *end;
            long v = strtol(q, &end, 10);
            if (end != q) {
                *out = v;
                return true;
            }
        }
        p += kl;
    }
    return false;
}

/* Whether a PAM line (after "FILE: ") uses module (pam_pwquality.so, "/lib/.../pam_unix.so"). */
static bool pam_module(const char *line, const char *module)
{
    const char *p = strstr(line, module);
    while (p) {
        const char *e = p + strlen(module);
        if ((p == line || p[-1] == '/' || p[-1] == ' ' || p[-1] == '\t') &&
            (*e == ' ' || *e == '\t' || *e == '\0'))
            return true;
        p = strstr(e, module);
    }
    return false;
}

void fs_check_accounts_password_min_length(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long want;
    if (!fs_parse_long(fs_check_value(ctx, "var_password_min_length"), &want)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_password_min_length is not a number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "pwquality");
    if (!f)
        return;
    if (!fs_fact_is_text(f)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "the PAM and pwquality settings read are not text");
        return;
    }
    /* pwquality.conf, then pwquality.conf.d in order: the last minlen wins (default 8) */
    long conf = 8;
    char conf_from[64] = "pwquality default";
    size_t pos = 0;
    struct fs_line l;
    bool nostack = false;
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        long n;
        fs_line_raw(l, line, sizeof line);
        if (strcmp(line, "nostack") == 0)
            nostack = true;
        if (strncmp(line, "conf ", 5) == 0 && option_long(line, "minlen", &n)) {
            conf = n;
            const char *c = strchr(line + 5, ':');
            fs_line_str((struct fs_line){line + 5, c ? (size_t)(c - line - 5) : 0}, conf_from,
                        sizeof conf_from);
        }
    }
    if (nostack) {
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "no PAM password stack (common-password, system-auth, password-auth): "
                       "no minimum password length is enforced");
        return;
    }
    /* Per stack: the longest minimum any of its modules enforces (every requisite module must
     * accept the password). Every stack must reach the limit; the evidence names the weakest. */
    struct fs_list ok, short_;
    fs_list_init(&ok);
    fs_list_init(&short_);
    size_t stacks = 0;
    pos = 0;
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        fs_line_raw(l, line, sizeof line);
        if (strncmp(line, "stack ", 6) != 0)
            continue;
        stacks++;
        char stack[512], shown[256], how[160] = "";
        snprintf(stack, sizeof stack, "%s", line + 6);
        fs_line_str((struct fs_line){stack, strlen(stack)}, shown, sizeof shown);
        size_t sl = strlen(stack);
        long best = -1;
        size_t p2 = 0;
        struct fs_line m;
        while (fs_next_line(f, &p2, &m)) {
            char pl[512];
            long n;
            fs_line_raw(m, pl, sizeof pl);
            if (strncmp(pl, "pam ", 4) != 0 || strncmp(pl + 4, stack, sl) != 0 || pl[4 + sl] != ':')
                continue;
            const char *rest = pl + 4 + sl + 1;
            long got = -1;
            const char *mod = NULL;
            bool from_conf = false;
            if (pam_module(rest, "pam_pwquality.so")) {
                mod = "pam_pwquality";
                from_conf = !option_long(rest, "minlen", &n); /* the line overrides the conf */
                got = from_conf ? conf : n;
            } else if (pam_module(rest, "pam_cracklib.so") && option_long(rest, "minlen", &n)) {
                mod = "pam_cracklib", got = n;
            } else if (pam_module(rest, "pam_unix.so") && option_long(rest, "minlen", &n)) {
                mod = "pam_unix", got = n;
            }
            if (mod && got > best) {
                best = got;
                snprintf(how, sizeof how, "%s minlen %ld%s%s", mod, got,
                         from_conf ? " from " : " on its line", from_conf ? conf_from : "");
            }
        }
        char item[600];
        if (best < 0)
            snprintf(item, sizeof item,
                     "%s: no pam_pwquality, pam_cracklib minlen= or pam_unix "
                     "minlen=",
                     shown);
        else
            snprintf(item, sizeof item, "%s: %s", shown, how);
        fs_list_add(best >= want ? &ok : &short_, item);
    }
    if (!stacks)
        fs_verdict_set(v, FS_RESULT_ERROR, "no PAM password stack was read");
    else if (short_.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "minimum length below %ld in the PAM password stack: %s",
                       want, fs_list_str(&short_));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "minimum length at least %ld: %s", want,
                       fs_list_str(&ok));
    fs_list_dispose(&ok);
    fs_list_dispose(&short_);
}

void fs_check_accounts_lockout_failed_logins(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long max, deny = -1;
    if (!fs_parse_long(fs_check_value(ctx, "var_lockout_deny"), &max)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_lockout_deny is not a number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "faillock");
    if (!f)
        return;
    bool module = false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        long n;
        fs_line_raw(l, line, sizeof line);
        module |= strncmp(line, "pam ", 4) == 0;
        if (option_long(line, "deny", &n))
            deny = n;
    }
    if (!module)
        fs_verdict_set(v, FS_RESULT_FAIL, "neither pam_faillock nor pam_tally2 is configured");
    else if (deny < 0)
        deny = 3; /* pam_faillock's default */
    if (module)
        fs_verdict_set(v, deny >= 1 && deny <= max ? FS_RESULT_PASS : FS_RESULT_FAIL,
                       "accounts lock after %ld failed logins (at most %ld)", deny, max);
}

void fs_check_accounts_inactive_lock(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "useradd_defaults");
    if (!f)
        return;
    long n;
    char line[256] = "";
    size_t pos = 0;
    struct fs_line l;
    if (!fs_next_line(f, &pos, &l) || !l.len) {
        fs_verdict_set(v, FS_RESULT_FAIL, "INACTIVE is not set in /etc/default/useradd");
        return;
    }
    fs_line_raw(l, line, sizeof line);
    if (!option_long(line, "INACTIVE", &n))
        fs_verdict_set(v, FS_RESULT_ERROR, "INACTIVE in /etc/default/useradd is not a number");
    else
        fs_verdict_set(v, n >= 0 && n <= 45 ? FS_RESULT_PASS : FS_RESULT_FAIL,
                       "INACTIVE=%ld (0-45 days)", n);
}

void fs_check_accounts_home_dirs_private(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "home_modes");
    if (!f)
        return;
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0, n = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[4];
        if (l.len == 0)
            continue;
        if (fs_split(l, ' ', fld, 4) != 4 || fld[3].len == 0 || fld[3].s[0] != '/') {
            fs_verdict_set(v, FS_RESULT_ERROR, "malformed stat output for home directories");
            fs_list_dispose(&bad);
            return;
        }
        char user[64], mode[16], owner[64], path[200];
        fs_line_str(fld[0], user, sizeof user);
        fs_line_raw(fld[1], mode, sizeof mode);
        fs_line_str(fld[2], owner, sizeof owner);
        fs_line_str(fld[3], path, sizeof path);
        char *end;
        unsigned long m = strtoul(mode, &end, 8);
        n++;
        if (*end || (m & 027) || strcmp(user, owner) != 0) {
            char item[320];
            snprintf(item, sizeof item, "%s %s %s", path, mode, owner);
            fs_list_add(&bad, item);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "home directories open to others: %s", fs_list_str(&bad));
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%zu home directories, all 750 or stricter and owned by "
                       "their account",
                       n);
    fs_list_dispose(&bad);
}

void fs_check_sudo_nopasswd_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *allowed = fs_check_value(ctx, "var_sudo_nopasswd_allowed");
    const char *scan_user = ctx->host_vars ? fs_kvlist_get(ctx->host_vars, "ansible_user") : NULL;
    const struct fs_fact *f = fs_sudoers_fact(ctx, v);
    if (!f)
        return;
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        fs_line_raw(l, line, sizeof line);
        if (!strstr(line, "NOPASSWD"))
            continue;
        char who[128];
        if (sscanf(line, "%127s", who) != 1 || strcmp(who, "Defaults") == 0)
            continue;
        bool ok = (allowed && fs_word_in(allowed, who, strlen(who))) ||
                  (scan_user && strcmp(scan_user, who) == 0);
        if (!ok) {
            char shown[128];
            fs_line_str((struct fs_line){who, strlen(who)}, shown, sizeof shown);
            fs_list_add(&bad, shown);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "password-less sudo for %s", fs_list_str(&bad));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "NOPASSWD only for approved accounts%s%s",
                       scan_user ? " and the scanning account " : "", scan_user ? scan_user : "");
    fs_list_dispose(&bad);
}

void fs_check_sudo_use_pty(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_sudoers_fact(ctx, v);
    if (!f)
        return;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        fs_line_raw(l, line, sizeof line);
        if (strncmp(line, "Defaults", 8) == 0 && strstr(line, "use_pty") &&
            !strstr(line, "!use_pty")) {
            fs_verdict_set(v, FS_RESULT_PASS, "Defaults use_pty");
            return;
        }
    }
    fs_verdict_set(v, FS_RESULT_FAIL, "sudoers does not set Defaults use_pty");
}

void fs_check_pam_su_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "pam_su");
    if (!f)
        return;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        fs_line_raw(l, line, sizeof line);
        if (strcmp(line, "# none") == 0) {
            fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no /etc/pam.d/su");
            return;
        }
        if (strstr(line, "auth") && strstr(line, "pam_wheel") &&
            (strstr(line, "required") || strstr(line, "requisite"))) {
            fs_verdict_set(v, FS_RESULT_PASS, "su requires the admin group (pam_wheel)");
            return;
        }
    }
    fs_verdict_set(v, FS_RESULT_FAIL, "pam_wheel is not required in /etc/pam.d/su");
}

/* Members of a group in /etc/group (the fourth field), comma separated, into list. */
static bool group_members(const struct fs_fact *gr, const char *group, char *out, size_t outlen)
{
    size_t pos = 0, gl = strlen(group);
    struct fs_line l;
    while (fs_next_line(gr, &pos, &l)) {
        struct fs_line fld[4];
        if (fs_split(l, ':', fld, 4) == 4 && fld[0].len == gl && memcmp(fld[0].s, group, gl) == 0) {
            fs_line_raw(fld[3], out, outlen);
            return true;
        }
    }
    return false;
}

void fs_check_accounts_docker_group_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *allowed = fs_check_value(ctx, "var_docker_group_allowed");
    const struct fs_fact *gr = fs_check_fact(ctx, v, "group");
    if (!gr)
        return;
    char members[1024];
    if (!group_members(gr, "docker", members, sizeof members)) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no docker group");
        return;
    }
    struct fs_list bad;
    fs_list_init(&bad);
    for (char *save = NULL, *m = strtok_r(members, ",", &save); m; m = strtok_r(NULL, ",", &save))
        if (!allowed || !fs_word_in(allowed, m, strlen(m))) {
            char shown[64];
            fs_line_str((struct fs_line){m, strlen(m)}, shown, sizeof shown);
            fs_list_add(&bad, shown);
        }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "docker group members not approved: %s",
                       fs_list_str(&bad));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "docker group holds only approved accounts");
    fs_list_dispose(&bad);
}

void fs_check_accounts_build_user_unprivileged(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const admin[] = {"sudo", "wheel", "admin", "docker", "root"};
    const char *builds = fs_check_value(ctx, "var_build_accounts");
    const struct fs_fact *pw = fs_check_fact(ctx, v, "passwd");
    const struct fs_fact *gr = pw ? fs_check_fact(ctx, v, "group") : NULL;
    const struct fs_fact *su = gr ? fs_check_fact(ctx, v, "sudoers") : NULL;
    if (!su)
        return;
    struct fs_list bad, found;
    fs_list_init(&bad);
    fs_list_init(&found);
    struct fs_pwent e;
    size_t pos = 0, malformed = 0;
    while (fs_next_pwent(pw, &pos, &e, &malformed)) {
        if (!builds || !fs_word_in(builds, e.name.s, e.name.len))
            continue;
        char name[64];
        fs_line_raw(e.name, name, sizeof name);
        fs_list_add(&found, name);
        for (size_t i = 0; i < sizeof admin / sizeof admin[0]; i++) {
            char members[1024];
            if (group_members(gr, admin[i], members, sizeof members) &&
                fs_word_in(members, name, strlen(name))) {
                char item[128];
                snprintf(item, sizeof item, "%s in group %s", name, admin[i]);
                fs_list_add(&bad, item);
            }
        }
        size_t sp = 0;
        struct fs_line l;
        while (fs_next_line(su, &sp, &l)) {
            char line[512], who[128];
            fs_line_raw(l, line, sizeof line);
            if (sscanf(line, "%127s", who) == 1 && strcmp(who, name) == 0) {
                char item[128];
                snprintf(item, sizeof item, "%s has a sudoers entry", name);
                fs_list_add(&bad, item);
                break;
            }
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s", fs_list_str(&bad));
    else if (!found.count)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no build account (var_build_accounts)");
    else if (!fs_sudoers_unread(su, v)) /* sets the error when sudoers was not read whole */
        fs_verdict_set(v, FS_RESULT_PASS, "build accounts without administrative rights: %s",
                       fs_list_str(&found));
    fs_list_dispose(&bad);
    fs_list_dispose(&found);
}

/* Lines "kind user ..." of fact authorized_keys. */
void fs_check_ssh_authorized_keys_private(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "authorized_keys");
    if (!f)
        return;
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0, n = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[512], kind[16], user[64], suid[32], mode[16], sowner[32], path[300];
        long uid, owner;
        fs_line_raw(l, line, sizeof line);
        if (sscanf(line, "%15s %63s %31s %15s %31s %299[^\n]", kind, user, suid, mode, sowner,
                   path) != 6 ||
            !fs_parse_long(suid, &uid) || !fs_parse_long(sowner, &owner) ||
            (strcmp(kind, "sshdir") != 0 && strcmp(kind, "keyfile") != 0))
            continue;
        n++;
        unsigned long m = strtoul(mode, NULL, 8);
        unsigned long allowed = strcmp(kind, "sshdir") == 0 ? 0700 : 0600;
        /* owned by the account's uid: accounts that share a home (toor) share its owner */
        if ((m & ~allowed & 0777) || uid != owner) {
            char item[400], shown[300];
            fs_line_str((struct fs_line){path, strlen(path)}, shown, sizeof shown);
            snprintf(item, sizeof item, "%s %s uid %ld", shown, mode, owner);
            fs_list_add(&bad, item);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "alterable by others: %s", fs_list_str(&bad));
    else if (!n)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no account has an .ssh directory");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%zu .ssh directories and key files are private", n);
    fs_list_dispose(&bad);
}

void fs_check_ssh_authorized_keys_strong(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "authorized_keys");
    if (!f)
        return;
    struct fs_list bad, unread;
    fs_list_init(&bad);
    fs_list_init(&unread);
    size_t pos = 0, n = 0, files = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[FS_KEY_LINE_MAX], user[64], type[64], b64[FS_KEY_LINE_MAX];
        fs_line_raw(l, line, sizeof line);
        files += strncmp(line, "keyfile ", 8) == 0;
        if (strncmp(line, "pub ", 4) != 0)
            continue;
        char item[200];
        long bits;
        char family[16];
        if (sscanf(line, "pub %63s %63s %8191s", user, type, b64) != 3 ||
            fs_ssh_key_measure(type, b64, &bits, family, sizeof family) != 0) {
            fs_line_str(l, item, 80);
            fs_list_add(&unread, item);
            continue;
        }
        n++;
        bool weak = strcmp(family, "DSA") == 0 || (strcmp(family, "RSA") == 0 && bits < 2048);
        if (weak) {
            char shown[64];
            fs_line_str((struct fs_line){user, strlen(user)}, shown, sizeof shown);
            snprintf(item, sizeof item, "%s: %ld-bit %s", shown, bits, family);
            fs_list_add(&bad, item);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "weak authorized keys: %s", fs_list_str(&bad));
    else if (unread.count)
        fs_verdict_set(v, FS_RESULT_ERROR, "%zu keys could not be measured: %s", unread.count,
                       fs_list_str(&unread));
    else if (!files)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no authorized_keys file on the device");
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%zu authorized keys in %zu files, none DSA or RSA under 2048 bits", n,
                       files);
    fs_list_dispose(&bad);
    fs_list_dispose(&unread);
}

/* Whether an authorized_keys option list (comma-separated, values may be quoted) holds a
 * from= option of its own, not the text "from=" inside another option's quoted value. */
static bool has_from_option(const char *opts)
{
    bool quoted = false, start = true;
    for (const char *p = opts; *p; p++) {
        if (!quoted && start && strncasecmp(p, "from=", 5) == 0)
            return true;
        start = false;
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '\\' && quoted && p[1])
            p++;
        else if (*p == ',' && !quoted)
            start = true;
    }
    return false;
}

void fs_check_ssh_root_keys_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "authorized_keys");
    if (!f)
        return;
    static const char *const kinds[] = {"sshdir ", "keyfile ", "pub ", "opts ", NULL};
    if (!fs_lines_prefixed(f, kinds)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output while reading authorized keys");
        return;
    }
    size_t pos = 0, n = 0, open_keys = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        fs_line_raw(l, line, sizeof line);
        if (strncmp(line, "opts root ", 10) != 0)
            continue;
        n++;
        if (!has_from_option(line + 10))
            open_keys++;
    }
    if (open_keys)
        fs_verdict_set(v, FS_RESULT_FAIL, "%zu of %zu root keys work from any host (no from=)",
                       open_keys, n);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s",
                       n ? "every root key has a from= restriction"
                         : "root has no authorized keys");
}

/* sshd refuses root in every context it evaluated (permitrootlogin no). False with why set when
 * sshd cannot be judged; false with why empty when sshd is proven absent (that proves nothing
 * here: the console or another service may let root in). */
static bool sshd_refuses_root(const struct fs_check_ctx *ctx, char *why, size_t whylen)
{
    struct fs_verdict scratch;
    fs_verdict_init(&scratch);
    struct fs_sshd s;
    bool loaded = fs_sshd_load(ctx, &scratch, &s), refused = loaded;
    for (size_t i = 0; loaded && i < s.n; i++) {
        const char *p = fs_kvlist_get(&s.views[i].settings, "permitrootlogin");
        refused &= p && strcmp(p, "no") == 0;
    }
    /* sshd proven absent (notapplicable) refuses nothing; an error leaves the question open */
    if (!loaded && scratch.result == FS_RESULT_ERROR)
        snprintf(why, whylen, "%s", fs_buf_cstr(&scratch.evidence));
    else
        fs_sshd_dispose(&s);
    fs_verdict_dispose(&scratch);
    return refused;
}

/* Root's password is locked ("root:locked" in fact shadow_status); *known false when the fact
 * is not proven. */
static bool root_locked(const struct fs_check_ctx *ctx, bool *known)
{
    struct fs_verdict scratch;
    fs_verdict_init(&scratch);
    const struct fs_fact *f = fs_check_fact(ctx, &scratch, "shadow_status");
    fs_verdict_dispose(&scratch);
    *known = f && fs_fact_is_text(f);
    if (!*known)
        return false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l))
        if (l.len > 5 && memcmp(l.s, "root:", 5) == 0)
            return fs_line_eq((struct fs_line){l.s + 5, l.len - 5}, "locked");
    return false;
}

void fs_check_accounts_no_stale_logins(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *ll = fs_check_fact(ctx, v, "lastlog_old");
    const struct fs_fact *pw = ll ? fs_check_fact(ctx, v, "passwd") : NULL;
    if (!pw)
        return;
    if (ll->len >= 6 && memcmp(ll->data, "# none", 6) == 0) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "the device keeps no lastlog");
        return;
    }
    static const char *const kinds[] = {"old ", "never ", NULL};
    if (!fs_lines_prefixed(ll, kinds)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output from lastlog");
        return;
    }
    /* The old names in a set, then one pass over the accounts: 100 000 of each stay linear. */
    struct fs_strset old;
    fs_strset_init(&old);
    bool nomem = false, root_never = false;
    size_t lp = 0;
    struct fs_line l;
    while (fs_next_line(ll, &lp, &l)) {
        size_t skip = l.s[0] == 'o' ? 4 : 6;
        char raw[256];
        if (l.len > skip && l.len - skip < sizeof raw) {
            fs_line_raw((struct fs_line){l.s + skip, l.len - skip}, raw, sizeof raw);
            nomem |= fs_strset_add(&old, raw) < 0;
            root_never |= skip == 6 && strcmp(raw, "root") == 0;
        }
    }
    struct fs_list stale;
    fs_list_init(&stale);
    struct fs_pwent e;
    size_t pos = 0, malformed = 0, accounts = 0;
    bool root_stale = false;
    while (fs_next_pwent(pw, &pos, &e, &malformed)) {
        if (!fs_shell_can_login(e.shell) || (e.uid != 0 && e.uid < 1000) || e.uid == 65534)
            continue;
        accounts++;
        char raw[256];
        fs_line_raw(e.name, raw, sizeof raw);
        if (e.name.len < sizeof raw && fs_strset_has(&old, raw)) {
            if (root_never && strcmp(raw, "root") == 0) {
                root_stale = true; /* judged below: root that never logged in may be refused */
                continue;
            }
            char name[64];
            fs_line_str(e.name, name, sizeof name);
            fs_list_add(&stale, name);
        }
    }
    fs_strset_dispose(&old);
    if (nomem) {
        fs_verdict_set(v, FS_RESULT_ERROR, "out of memory reading the lastlog list");
        fs_list_dispose(&stale);
        return;
    }
    /* Root that never logged in is how a hardened device should be, when root cannot log in:
     * a locked password, or sshd refusing root in every context. Otherwise it is stale. */
    char root_note[300] = "";
    bool root_unjudged = false;
    if (root_stale) {
        bool known;
        char sshd_why[200] = "";
        if (root_locked(ctx, &known))
            snprintf(root_note, sizeof root_note,
                     "; root never logged in and its password is locked (not stale)");
        else if (sshd_refuses_root(ctx, sshd_why, sizeof sshd_why))
            snprintf(root_note, sizeof root_note,
                     "; root never logged in and sshd refuses root (PermitRootLogin no, not "
                     "stale)");
        else if (!known || sshd_why[0]) {
            root_unjudged = true;
            snprintf(root_note, sizeof root_note,
                     "; root never logged in, and whether root can log in is not proven (%s%s%s)",
                     known ? "" : "shadow_status not read", !known && sshd_why[0] ? "; " : "",
                     sshd_why);
        } else
            fs_list_add(&stale, "root (never logged in, password not locked, sshd permits root)");
    }
    const char *days = fs_check_value(ctx, "var_stale_login_days");
    if (stale.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "login accounts unused for over %s days (or never): %s%s",
                       days ? days : "90", fs_list_str(&stale), root_note);
    else if (root_unjudged)
        fs_verdict_set(v, FS_RESULT_ERROR, "no other login account is stale%s", root_note);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%zu login accounts, all used within %s days%s", accounts,
                       days ? days : "90", root_note);
    fs_list_dispose(&stale);
}

/* TMOUT as the shell start-up files leave it for one login shell (fact shell_timeout): the
 * value, whether it is readonly, and the files that set it. The files a shell reads at login:
 * bash, ksh/mksh/pdksh and busybox ash read /etc/profile, and /etc/profile.d/ *.sh when
 * /etc/profile names that directory (its loop); bash reads /etc/bash.bashrc or /etc/bashrc at
 * login only where /etc/profile sources it (". /etc/bash.bashrc", Debian's), never from the
 * binary (that is for non-login shells) nor through ~/.bashrc (the user's own file); zsh reads
 * none of these, only the zshenv, zprofile, zshrc and zlogin its binary names. The files are
 * taken in the fact's order; once readonly, later assignments and unset fail, as in the shell.
 * An assignment, readonly or unset under control flow (if, case, loops, braces, a subshell,
 * && || | &, or after a return/exit the file may take) is not evaluated: it makes the shell's
 * TMOUT unknown (why). */
enum { TM_NO = 0, TM_SH = 1, TM_BASH = 2, TM_ZSH = 3 };

struct tmout {
    long value;
    bool set, ro, bad;
    char file[160], ro_file[160], raw[48], why[300];
};

/* the parse state of one file: nesting depth, lost (more closers than openers), a return or
 * exit seen (cond_end), the file left for good (ended) */
struct tmout_parse {
    int depth;
    bool lost, cond_end, ended;
};

/* What one shell reads: its kind, its target (for "reads TARGET FILE") and the fact. */
struct tmout_shell {
    int kind;
    const char *target;
    const struct fs_fact *f;
    bool profile_d; /* /etc/profile names /etc/profile.d */
};

static void tmout_why(struct tmout *t, const char *file, const char *what)
{
    if (!t->why[0])
        snprintf(t->why, sizeof t->why, "%s in %.*s", what, 150, file);
}

static void tmout_assign(struct tmout *t, const char *val, const char *file)
{
    if (t->ro)
        return; /* a readonly TMOUT: the shell refuses the assignment */
    char v[48];
    size_t n = strlen(val);
    if (n >= 2 && (val[0] == '"' || val[0] == '\'') && val[n - 1] == val[0]) {
        val++;
        n -= 2;
    }
    snprintf(v, sizeof v, "%.*s", (int)(n < sizeof v ? n : sizeof v - 1), val);
    t->set = true;
    t->bad = !(v[0] >= '0' && v[0] <= '9') || !fs_parse_long(v, &t->value);
    snprintf(t->raw, sizeof t->raw, "%s", v);
    snprintf(t->file, sizeof t->file, "%s", file);
}

static bool word_is(const char *tok, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(tok, list[i]) == 0)
            return true;
    return false;
}

/* One simple command: readonly/declare -r/typeset -r/export/unset/plain assignment of TMOUT,
 * control-flow words (depth), return/exit, and ". FILE" of a bashrc in /etc/profile. */
static void tmout_command(struct tmout *t, struct tmout_parse *ps, const struct tmout_shell *sh,
                          char *cmd, bool listed, bool guard, const char *file, int nest,
                          const char **src)
{
    static const char *const openers[] = {"if",     "while", "until", "for",
                                          "select", "case",  "{",     "("};
    static const char *const closers[] = {"fi", "esac", "done", "}", ")"};
    static const char *const skip[] = {"then", "else", "elif", "do", "!"};
    bool names = strstr(cmd, "TMOUT") != NULL;
    /* "f() {", "function f {": a function body opens (its commands run when it is called) */
    size_t cl = strlen(cmd);
    while (cl && (cmd[cl - 1] == ' ' || cmd[cl - 1] == '\t'))
        cl--;
    bool body = cl >= 2 && cmd[cl - 1] == '{' &&
                (cmd[cl - 2] == ' ' || cmd[cl - 2] == '\t' || cmd[cl - 2] == ')');
    char *save = NULL, *tok = strtok_r(cmd, " \t", &save);
    if (body && tok && strcmp(tok, "{") != 0)
        ps->depth++;
    for (; tok; tok = strtok_r(NULL, " \t", &save)) {
        if (word_is(tok, openers, sizeof openers / sizeof openers[0])) {
            ps->depth++;
            if (strcmp(tok, "{") != 0 && strcmp(tok, "(") != 0)
                break; /* the rest is a condition, a word list or a case subject */
        } else if (word_is(tok, closers, sizeof closers / sizeof closers[0])) {
            if (--ps->depth < 0) {
                ps->lost = true;
                ps->depth = 0;
            }
        } else if (!word_is(tok, skip, sizeof skip / sizeof skip[0])) {
            break;
        }
    }
    if (!tok)
        return;
    bool cond = ps->depth > 0 || ps->lost || ps->cond_end || listed;
    if (strcmp(tok, "return") == 0 || strcmp(tok, "exit") == 0) {
        if (guard && ps->depth == 0 && !ps->lost)
            return; /* [ -z "$PS1" ] && return: an interactive shell goes on */
        if (cond)
            ps->cond_end = true;
        else
            ps->ended = true; /* the rest of the file never runs */
        return;
    }
    if ((strcmp(tok, ".") == 0 || strcmp(tok, "source") == 0) && sh->kind == TM_BASH && nest == 0 &&
        strcmp(file, "/etc/profile") == 0) {
        char *arg = strtok_r(NULL, " \t", &save);
        /* Debian's guard ($BASH, $PS1) holds for bash: the file is read here */
        if (arg && strcmp(arg, "/etc/bash.bashrc") == 0)
            *src = "/etc/bash.bashrc";
        else if (arg && strcmp(arg, "/etc/bashrc") == 0)
            *src = "/etc/bashrc";
        return;
    }
    if (!names)
        return;
    bool ro = false, args = true, unset = false;
    if (strcmp(tok, "readonly") == 0)
        ro = true;
    else if (strcmp(tok, "unset") == 0)
        unset = true;
    else if (strcmp(tok, "declare") != 0 && strcmp(tok, "typeset") != 0 &&
             strcmp(tok, "export") != 0)
        args = false; /* only "TMOUT=..." itself */
    for (; tok; tok = args ? strtok_r(NULL, " \t", &save) : NULL) {
        if (args && !unset && tok[0] == '-' && strchr(tok, 'r'))
            ro = true;
        bool assign = strncmp(tok, "TMOUT=", 6) == 0, bare = strcmp(tok, "TMOUT") == 0;
        if ((assign || (bare && (ro || unset))) && cond && !t->ro) {
            tmout_why(t, file, "TMOUT set under a condition or in a compound command");
            return;
        }
        if (unset && bare && !t->ro) { /* readonly: unset fails in the shell */
            t->set = t->bad = false;
            t->value = 0;
            snprintf(t->file, sizeof t->file, "%s (unset)", file);
        }
        if (assign)
            tmout_assign(t, tok + 6, file);
        if (ro && (assign || bare) && !t->ro) {
            t->ro = true;
            snprintf(t->ro_file, sizeof t->ro_file, "%s", file);
        }
        if (!args)
            break;
    }
}

/* One line of a start-up file: comments dropped, split into commands at ; & | (a line with &&,
 * ||, | or a background & runs its commands conditionally or in a subshell). */
static void tmout_line(struct tmout *t, struct tmout_parse *ps, const struct tmout_shell *sh,
                       struct fs_line l, const char *file, int nest, const char **src)
{
    char line[1024];
    if (l.len >= sizeof line) {
        if (memmem(l.s, l.len, "TMOUT", 5) || !t->ro)
            tmout_why(t, file, "a line too long to read");
        return;
    }
    fs_line_raw(l, line, sizeof line);
    for (char *p = line; *p; p++)
        if (*p == '#' && (p == line || *(p - 1) == ' ' || *(p - 1) == '\t' || *(p - 1) == ';')) {
            *p = '\0';
            break;
        }
    /* Debian's bash.bashrc: "[ -z "${PS1-}" ] && return", nothing else on the line */
    bool guard = (strstr(line, "[ -z \"$PS1\" ] && return") ||
                  strstr(line, "[ -z \"${PS1-}\" ] && return")) &&
                 !strchr(line, ';') && !strstr(line, "||");
    bool listed = false;
    for (char *p = line; *p; p++)
        if (*p == '|' ||
            (*p == '&' && (p == line || (p[-1] != '>' && p[-1] != '<')) && p[1] != '>'))
            listed = true;
    char *save = NULL;
    bool heredoc = strstr(line, "<<") != NULL;
    for (char *cmd = strtok_r(line, ";&|", &save); cmd && !ps->ended;
         cmd = strtok_r(NULL, ";&|", &save))
        tmout_command(t, ps, sh, cmd, listed, guard, file, nest, src);
    if (heredoc)
        ps->cond_end = true; /* the lines of a here-document are text: not followed */
}

/* Whether the shell reads path (see above); the bashrc files only through /etc/profile. */
static bool tmout_reads(const struct tmout_shell *sh, const char *path)
{
    if (strcmp(path, "/etc/profile") == 0)
        return sh->kind == TM_SH || sh->kind == TM_BASH;
    if (strncmp(path, "/etc/profile.d/", 15) == 0)
        return (sh->kind == TM_SH || sh->kind == TM_BASH) && sh->profile_d;
    if (sh->kind != TM_ZSH)
        return false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(sh->f, &pos, &l)) {
        char raw[600], a[320], b[320];
        fs_line_raw(l, raw, sizeof raw);
        if (sscanf(raw, "reads %319s %319s", a, b) == 2 && strcmp(a, sh->target) == 0 &&
            strcmp(b, path) == 0)
            return true;
    }
    return false;
}

/* Replays the "= " lines of one file of the fact; a bashrc /etc/profile sources is replayed
 * in place (one level: a sourced file sources nothing further here). */
static void tmout_file(struct tmout *t, const struct tmout_shell *sh, const char *path)
{
    struct {
        const char *path;
        struct tmout_parse ps;
        size_t pos;
        bool in;
    } lv[2] = {{path, {0}, 0, false}, {NULL, {0}, 0, false}};
    int n = 0;
    while (n >= 0) {
        struct fs_line l;
        if (lv[n].ps.ended || !fs_next_line(sh->f, &lv[n].pos, &l)) {
            n--;
            continue;
        }
        if (l.len > 5 && memcmp(l.s, "file ", 5) == 0) {
            if (lv[n].in) {
                n--;
                continue;
            }
            lv[n].in =
                l.len - 5 == strlen(lv[n].path) && memcmp(l.s + 5, lv[n].path, l.len - 5) == 0;
        } else if (lv[n].in && l.len >= 2 && memcmp(l.s, "= ", 2) == 0) {
            const char *src = NULL;
            tmout_line(t, &lv[n].ps, sh, (struct fs_line){l.s + 2, l.len - 2}, lv[n].path, n, &src);
            if (src && n == 0) {
                lv[1].path = src;
                lv[1].ps = (struct tmout_parse){0};
                lv[1].pos = 0;
                lv[1].in = false;
                n = 1;
            }
        }
    }
}

/* TMOUT for one shell: every file of the fact it reads, in order. */
static void tmout_eval(struct tmout *t, const struct tmout_shell *sh, struct fs_list *read)
{
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(sh->f, &pos, &l)) {
        char path[200];
        if (l.len <= 5 || memcmp(l.s, "file ", 5) != 0 || l.len - 5 >= sizeof path)
            continue;
        fs_line_raw((struct fs_line){l.s + 5, l.len - 5}, path, sizeof path);
        if (!tmout_reads(sh, path))
            continue;
        char shown[200];
        fs_line_str((struct fs_line){path, strlen(path)}, shown, sizeof shown);
        fs_list_add(read, shown);
        tmout_file(t, sh, path);
    }
}

/* The kind of a shell program: TM_SH, TM_BASH, TM_ZSH (honour TMOUT), TM_NO (ignores it), -1
 * not an interactive shell. */
static int shell_kind(const char *target, const struct fs_kvlist *busybox)
{
    static const char *const ksh[] = {"ksh", "ksh93", "mksh", "lksh", "pdksh"};
    static const char *const none[] = {"git-shell", "scponly", "rssh", "sftp-server"};
    const char *base = strrchr(target, '/');
    base = base ? base + 1 : target;
    if (strcmp(base, "bash") == 0 || strcmp(base, "rbash") == 0)
        return TM_BASH;
    if (strcmp(base, "zsh") == 0 || strcmp(base, "rzsh") == 0)
        return TM_ZSH;
    if (word_is(base, ksh, sizeof ksh / sizeof ksh[0]))
        return TM_SH;
    if (word_is(base, none, sizeof none / sizeof none[0]))
        return -1;
    if (strcmp(base, "busybox") == 0) {
        const char *n = fs_kvlist_get(busybox, target);
        return n && strcmp(n, "0") != 0 ? TM_SH : TM_NO;
    }
    return TM_NO;
}

/* The verdict of one shell's TMOUT: 2 fail, 1 error, 0 pass; msg says why. */
static int tmout_judge(const struct tmout *t, const struct fs_list *read, long limit,
                       const char *who, char *msg, size_t msglen)
{
    char where[400];
    snprintf(where, sizeof where, "%s%s%.*s", t->file,
             t->ro && strcmp(t->ro_file, t->file) != 0 ? ", readonly in " : "", 160,
             t->ro && strcmp(t->ro_file, t->file) != 0 ? t->ro_file : "");
    char sw[450];
    fs_line_str((struct fs_line){where, strlen(where)}, sw, sizeof sw);
    if (t->why[0]) {
        char w[320];
        fs_line_str((struct fs_line){t->why, strlen(t->why)}, w, sizeof w);
        snprintf(msg, msglen, "%.*s: TMOUT cannot be judged: %s", 300, who, w);
        return 1;
    }
    if (!t->set) {
        snprintf(msg, msglen, "%.*s: TMOUT is %s in the files read: %s", 300, who,
                 t->ro ? "readonly but never set (no timeout)" : "set nowhere",
                 read->count ? fs_list_str(read) : "(none of the start-up files it reads)");
        return 2;
    }
    if (t->bad) {
        char rv[120];
        fs_line_str((struct fs_line){t->raw, strlen(t->raw)}, rv, sizeof rv);
        snprintf(msg, msglen, "%.*s: TMOUT=%s in %s is not a number floorscan can judge", 300, who,
                 rv, sw);
        return 1;
    }
    if (t->value < 1 || t->value > limit) {
        snprintf(msg, msglen, "%.*s: TMOUT=%ld in %s (%s; the limit is %ld seconds)", 300, who,
                 t->value, sw, t->value < 1 ? "0 turns the timeout off" : "too long", limit);
        return 2;
    }
    if (!t->ro) {
        snprintf(msg, msglen,
                 "%.*s: TMOUT=%ld in %s is not readonly: any user turns it off (unset TMOUT)", 300,
                 who, t->value, sw);
        return 2;
    }
    snprintf(msg, msglen, "TMOUT=%ld readonly in %s", t->value, sw);
    return 0;
}

void fs_check_accounts_shell_timeout(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long limit;
    if (!fs_parse_long(fs_check_value(ctx, "var_shell_idle_timeout"), &limit) || limit < 1) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_shell_idle_timeout is not a positive number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "shell_timeout");
    const struct fs_fact *pw = f ? fs_check_fact(ctx, v, "passwd") : NULL;
    if (!pw)
        return;
    struct fs_kvlist shells, busybox;
    fs_kvlist_init(&shells);
    fs_kvlist_init(&busybox);
    struct fs_list ignore, unknown, judged;
    fs_list_init(&ignore);
    fs_list_init(&unknown);
    fs_list_init(&judged);
    char file[160] = "", shells_cut[48] = "";
    size_t pos = 0, odd = 0;
    bool nomem = false, profile_d = false;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char raw[600], a[320], b[320], c[32];
        fs_line_raw(l, raw, sizeof raw);
        if (strncmp(raw, "file /", 6) == 0) {
            snprintf(file, sizeof file, "%.*s", (int)sizeof file - 1, raw + 5);
        } else if (strncmp(raw, "= ", 2) == 0 && file[0]) {
            if (strcmp(file, "/etc/profile") == 0 && memmem(l.s, l.len, "/etc/profile.d", 14))
                profile_d = true;
        } else if (sscanf(raw, "shell %319s %319s", a, b) == 2 && a[0] == '/') {
            nomem |= fs_kvlist_set(&shells, a, b) < 0;
        } else if (sscanf(raw, "busybox %319s tmout %31s", a, c) == 2) {
            nomem |= fs_kvlist_set(&busybox, a, c) < 0;
        } else if (sscanf(raw, "reads %319s %319s", a, b) == 2) {
            /* read by tmout_reads */
        } else if (strncmp(raw, "# more ", 7) == 0) {
            snprintf(shells_cut, sizeof shells_cut, "%.*s", (int)sizeof shells_cut - 1, raw + 2);
        } else if (l.len) {
            odd++;
        }
    }
    /* the login shells of the accounts that can log in, each program judged once */
    struct fs_pwent e;
    size_t pp = 0, malformed = 0, logins = 0;
    int worst = -1;
    char msg[1200] = "", first_pass[600] = "";
    while (fs_next_pwent(pw, &pp, &e, &malformed)) {
        if (!fs_shell_can_login(e.shell))
            continue;
        char sh[320], item[700];
        if (e.shell.len == 0)
            snprintf(sh, sizeof sh, "/bin/sh");
        else
            fs_line_raw(e.shell, sh, sizeof sh);
        const char *target = fs_kvlist_get(&shells, sh);
        char shown[200], tshown[200];
        fs_line_str((struct fs_line){sh, strlen(sh)}, shown, sizeof shown);
        if (!target) {
            if (!fs_list_has(&unknown, shown))
                fs_list_add(&unknown, shown);
            continue;
        }
        if (strcmp(target, "missing") == 0)
            continue; /* no such program: sshd and login refuse the account */
        logins++;
        int kind = shell_kind(target, &busybox);
        if (kind < 0)
            continue;
        fs_line_str((struct fs_line){target, strlen(target)}, tshown, sizeof tshown);
        snprintf(item, sizeof item, "%s%s%s", shown, strcmp(sh, target) != 0 ? " -> " : "",
                 strcmp(sh, target) != 0 ? tshown : "");
        if (kind == TM_NO) {
            if (!fs_list_has(&ignore, item))
                fs_list_add(&ignore, item);
            continue;
        }
        if (fs_list_has(&judged, tshown))
            continue;
        fs_list_add(&judged, tshown);
        struct tmout t = {.value = 0};
        struct tmout_shell who = {kind, target, f, profile_d};
        struct fs_list read;
        fs_list_init(&read);
        tmout_eval(&t, &who, &read);
        char m[1100];
        int r = tmout_judge(&t, &read, limit, item, m, sizeof m);
        fs_list_dispose(&read);
        if (r == 0 && !first_pass[0])
            snprintf(first_pass, sizeof first_pass, "%.*s", (int)sizeof first_pass - 1, m);
        if (r > worst) {
            worst = r;
            if (r > 0)
                snprintf(msg, sizeof msg, "%s", m);
        }
    }
    if (nomem) {
        fs_verdict_set(v, FS_RESULT_ERROR, "out of memory reading the shells");
    } else if (odd || malformed) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "unexpected output reading the shell start-up files (%zu lines) or "
                       "/etc/passwd (%zu malformed lines)",
                       odd, malformed);
    } else if (worst == 2) {
        fs_verdict_set(v, FS_RESULT_FAIL, "%s", msg);
    } else if (ignore.count) {
        fs_verdict_set(v, FS_RESULT_FAIL, "login shells ignore TMOUT: %s%s%s", fs_list_str(&ignore),
                       first_pass[0] ? "; " : "", first_pass);
    } else if (worst == 1) {
        fs_verdict_set(v, FS_RESULT_ERROR, "%s", msg);
    } else if (unknown.count || shells_cut[0]) {
        fs_verdict_set(v, FS_RESULT_ERROR, "%s%slogin shells not resolved on the device: %s%s%s",
                       first_pass, first_pass[0] ? "; " : "", fs_list_str(&unknown),
                       shells_cut[0] ? "; " : "", shells_cut);
    } else if (worst < 0) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no login account has an interactive shell");
    } else {
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%s (limit %ld seconds); %zu login accounts, their shells honour TMOUT "
                       "and read it there: %s",
                       first_pass, limit, logins, fs_list_str(&judged));
    }
    fs_kvlist_dispose(&shells);
    fs_kvlist_dispose(&busybox);
    fs_list_dispose(&ignore);
    fs_list_dispose(&unknown);
    fs_list_dispose(&judged);
}
/* The basename of a command word, without the prefixes systemd (-@:+!) and inittab (-) put
 * before a program. */
static const char *prog_base(const char *word)
{
    while (*word == '-' || *word == '@' || *word == ':' || *word == '+' || *word == '!')
        word++;
    const char *slash = strrchr(word, '/');
    return slash ? slash + 1 : word;
}

/* A wrapper that runs the program after it on the same terminal (busybox's cttyhack, setsid,
 * exec, env, nohup, busybox APPLET): the program name is the first word after the wrapper's
 * options (env: and its NAME=VALUE words; env -u and -C take an argument). */
static bool exec_wrapper(const char *base)
{
    static const char *const wrappers[] = {"cttyhack", "setsid", "exec", "env", "nohup", "busybox"};
    for (size_t i = 0; i < sizeof wrappers / sizeof wrappers[0]; i++)
        if (strcmp(base, wrappers[i]) == 0)
            return true;
    return false;
}

/* One option word of a getty (agetty, busybox getty, mingetty): -a USER / -aUSER /
 * --autologin[=]USER sets autologin; -n / --skip-login skips the login prompt; -l PROG /
 * --login-program[=]PROG replaces login. Returns the words it took (1, or 2 with its argument). */
static int getty_option(char *tok, char *next, bool *autologin, bool *skip, const char **prog)
{
    if (strncmp(tok, "--", 2) == 0) {
        char *eq = strchr(tok, '=');
        size_t n = eq ? (size_t)(eq - tok) : strlen(tok);
        if (n == 11 && strncmp(tok, "--autologin", 11) == 0)
            *autologin = true;
        else if (n == 12 && strncmp(tok, "--skip-login", 12) == 0)
            *skip = true;
        else if (n == 15 && strncmp(tok, "--login-program", 15) == 0) {
            *prog = eq ? eq + 1 : next ? next : "";
            return eq || !next ? 1 : 2;
        }
        return 1;
    }
    for (size_t k = 1; tok[k]; k++) {
        /* options with an argument: agetty -a -f -H -I -l -o -t, busybox getty -f -H -I -l -t */
        if (!strchr("afHIlot", tok[k])) {
            *skip |= tok[k] == 'n';
            continue;
        }
        const char *arg = tok[k + 1] ? tok + k + 1 : next ? next : "";
        if (tok[k] == 'a')
            *autologin = true;
        else if (tok[k] == 'l')
            *prog = arg;
        return tok[k + 1] || !next ? 1 : 2;
    }
    return 1;
}

/* A command that logs in by itself: getty with -a/--autologin, a getty that skips the login
 * prompt (-n/--skip-login) and runs another program than login or sulogin (-l/
 * --login-program), login -f,
 * or (consoles=true: an inittab entry) an interactive shell with nothing but options; wrappers
 * (exec_wrapper) before the program are skipped. Writes what into why. */
static bool autologin_command(char *cmd, bool consoles, char *why, size_t whylen)
{
    static const char *const shells[] = {"sh", "ash", "bash", "dash", "hush", "ksh", "mksh", "zsh"};
    char *save = NULL, *prog = strtok_r(cmd, " \t", &save);
    if (!prog)
        return false;
    const char *base = prog_base(prog);
    for (int depth = 0; exec_wrapper(base) && depth < 8; depth++) {
        bool env = strcmp(base, "env") == 0;
        prog = strtok_r(NULL, " \t", &save);
        /* "-/bin/sh" is inittab's login-shell form of a program, not an option */
        while (prog && ((prog[0] == '-' && !strchr(prog, '/')) || (env && strchr(prog, '=')))) {
            if (env && (strcmp(prog, "-u") == 0 || strcmp(prog, "-C") == 0))
                strtok_r(NULL, " \t", &save);
            prog = strtok_r(NULL, " \t", &save);
        }
        if (!prog)
            return false;
        base = prog_base(prog);
    }
    bool getty = strstr(base, "getty") != NULL, login = strcmp(base, "login") == 0;
    bool shell = false, script = false, autologin = false, skip = false;
    const char *lprog = NULL;
    for (size_t i = 0; i < sizeof shells / sizeof shells[0]; i++)
        shell |= strcmp(base, shells[i]) == 0;
    char *tok = strtok_r(NULL, " \t", &save);
    while (tok) {
        char *next = strtok_r(NULL, " \t", &save);
        if (getty && tok[0] == '-' && tok[1]) {
            bool was = autologin;
            if (getty_option(tok, next, &autologin, &skip, &lprog) == 2)
                next = strtok_r(NULL, " \t", &save);
            if (autologin && !was) {
                snprintf(why, whylen, "%s %.*s", base, 64, tok);
                return true;
            }
        }
        if (login && tok[0] == '-' && tok[1] != '-' && strchr(tok, 'f') &&
            strcspn(tok, "hr") > (size_t)(strchr(tok, 'f') - tok)) {
            snprintf(why, whylen, "login -f");
            return true;
        }
        script |= tok[0] != '-';
        tok = next;
    }
    if (getty && skip && lprog && strcmp(prog_base(lprog), "login") != 0 &&
        strcmp(prog_base(lprog), "sulogin") != 0) {
        snprintf(why, whylen, "%s without login prompt running %.64s", base, lprog);
        return true;
    }
    if (consoles && shell && !script) {
        snprintf(why, whylen, "a %s shell without login", base);
        return true;
    }
    return false;
}

/* One "= LINE" of a display manager's file: autologin-user= (lightdm), AutomaticLoginEnable= /
 * TimedLoginEnable= (gdm), User= under [Autologin] (sddm). */
static bool autologin_dm_line(const char *line, bool sddm_autologin, char *why, size_t whylen)
{
    const char *eq = strchr(line, '=');
    if (!eq)
        return false;
    char key[64], val[128];
    size_t klen = (size_t)(eq - line);
    while (klen && (line[klen - 1] == ' ' || line[klen - 1] == '\t'))
        klen--;
    const char *k = line;
    while (klen && (*k == ' ' || *k == '\t')) {
        k++;
        klen--;
    }
    if (klen == 0 || klen >= sizeof key)
        return false;
    snprintf(key, sizeof key, "%.*s", (int)klen, k);
    const char *p = eq + 1;
    while (*p == ' ' || *p == '\t')
        p++;
    snprintf(val, sizeof val, "%s", p);
    for (size_t n = strlen(val); n && (val[n - 1] == ' ' || val[n - 1] == '\t'); n--)
        val[n - 1] = '\0';
    bool on = strcasecmp(val, "true") == 0 || strcmp(val, "1") == 0 || strcasecmp(val, "yes") == 0;
    if ((strcasecmp(key, "autologin-user") == 0 ||
         (sddm_autologin && strcasecmp(key, "User") == 0)) &&
        val[0]) {
        snprintf(why, whylen, "%s=%s", key, val);
        return true;
    }
    if ((strcasecmp(key, "AutomaticLoginEnable") == 0 || strcasecmp(key, "TimedLoginEnable") == 0 ||
         strcasecmp(key, "autologin-guest") == 0) &&
        on) {
        snprintf(why, whylen, "%s=%s", key, val);
        return true;
    }
    return false;
}

void fs_check_accounts_no_autologin(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "autologin");
    if (!f)
        return;
    struct fs_list found, files;
    fs_list_init(&found);
    fs_list_init(&files);
    char file[256] = "", init_comm[64] = "", init_exe[256] = "";
    bool inittab = false, sddm_autologin = false;
    size_t pos = 0, odd = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char raw[700], why[200], item[900], shown[300];
        fs_line_raw(l, raw, sizeof raw);
        if (l.len == 0)
            continue;
        if (strncmp(raw, "init ", 5) == 0 && !init_comm[0]) {
            if (sscanf(raw, "init %63s %255s", init_comm, init_exe) != 2)
                odd++;
        } else if (strncmp(raw, "masked /", 8) == 0) {
            file[0] = '\0'; /* a unit linked to /dev/null: it never runs */
        } else if (strncmp(raw, "file /", 6) == 0) {
            snprintf(file, sizeof file, "%.*s", (int)sizeof file - 1, raw + 5);
            inittab |= strcmp(file, "/etc/inittab") == 0;
            sddm_autologin = false;
            fs_line_str((struct fs_line){file, strlen(file)}, shown, sizeof shown);
            fs_list_add(&files, shown);
        } else if (strncmp(raw, "= ", 2) == 0 && file[0]) {
            char *line = raw + 2;
            bool hit = false;
            if (strcmp(file, "/etc/inittab") == 0) {
                /* id:runlevels:action:process */
                char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL,
                     *c3 = c2 ? strchr(c2 + 1, ':') : NULL;
                char entry[300];
                snprintf(entry, sizeof entry, "%.*s", (int)sizeof entry - 1, line);
                hit = c3 && autologin_command(c3 + 1, true, why, sizeof why);
                if (hit)
                    fs_line_str((struct fs_line){entry, strlen(entry)}, shown, sizeof shown);
            } else if (strstr(file, "/systemd/")) {
                char *eq = strchr(line, '=');
                char entry[300];
                snprintf(entry, sizeof entry, "%.*s", (int)sizeof entry - 1, line);
                hit = eq && autologin_command(eq + 1, false, why, sizeof why);
                if (hit)
                    fs_line_str((struct fs_line){entry, strlen(entry)}, shown, sizeof shown);
            } else {
                const char *k = line;
                while (*k == ' ' || *k == '\t')
                    k++;
                if (*k == '[')
                    sddm_autologin = strncasecmp(k, "[Autologin]", 11) == 0;
                else
                    hit = autologin_dm_line(line, sddm_autologin, why, sizeof why);
                if (hit)
                    fs_line_str((struct fs_line){why, strlen(why)}, shown, sizeof shown);
            }
            if (hit) {
                char fshown[300], wshown[220];
                fs_line_str((struct fs_line){file, strlen(file)}, fshown, sizeof fshown);
                fs_line_str((struct fs_line){why, strlen(why)}, wshown, sizeof wshown);
                if (strcmp(shown, wshown) == 0) /* a display manager's key=value */
                    snprintf(item, sizeof item, "%s: %s", fshown, wshown);
                else
                    snprintf(item, sizeof item, "%s: %s (%s)", fshown, shown, wshown);
                fs_list_add(&found, item);
            }
        } else {
            odd++;
        }
    }
    /* busybox init without /etc/inittab runs its built-in table: askfirst shells as root on
     * the console and tty2 to tty4 */
    bool bb_init = strcmp(prog_base(init_exe), "busybox") == 0;
    bool init_unknown = strcmp(init_comm, "init") == 0 && strcmp(init_exe, "?") == 0;
    if (!inittab && bb_init)
        fs_list_add(&found, "busybox init (PID 1) without /etc/inittab: its built-in table runs "
                            "root shells (askfirst) on the console and tty2-tty4");
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "logs in by itself: %s", fs_list_str(&found));
    else if (odd || !init_comm[0])
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output reading the consoles' configuration");
    else if (!inittab && init_unknown)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "PID 1 is init but its program could not be read, and there is no "
                       "/etc/inittab: a busybox init would run root shells on the consoles");
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "no autologin and no shell without login in %s (PID 1 %s)",
                       files.count ? fs_list_str(&files)
                                   : "(no inittab, getty unit or display manager configuration)",
                       init_comm);
    fs_list_dispose(&found);
    fs_list_dispose(&files);
}

void fs_check_accounts_credential_files_private(const struct fs_check_ctx *ctx,
                                                struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "home_credentials");
    if (!f)
        return;
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0, files = 0, malformed = 0;
    long homes = -1;
    bool cut = false;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len == 0)
            continue;
        if (l.len > 8 && memcmp(l.s, "# homes ", 8) == 0) {
            char num[24];
            fs_line_str((struct fs_line){l.s + 8, l.len - 8}, num, sizeof num);
            if (!fs_parse_long(num, &homes))
                malformed++;
            continue;
        }
        if (l.len > 7 && memcmp(l.s, "# more ", 7) == 0) {
            cut = true;
            continue;
        }
        struct fs_line fld[5];
        char uid[24], mode[16], fuid[24], path[200];
        if (fs_split(l, ' ', fld, 5) != 5 || !fs_line_eq(fld[0], "c") || fld[4].len == 0 ||
            fld[4].s[0] != '/') {
            malformed++;
            continue;
        }
        fs_line_str(fld[1], uid, sizeof uid);
        fs_line_str(fld[2], mode, sizeof mode);
        fs_line_str(fld[3], fuid, sizeof fuid);
        fs_line_str(fld[4], path, sizeof path);
        char *end = NULL;
        long m = strtol(mode, &end, 8);
        long u, fu;
        if (!end || *end || end == mode || m < 0 || !fs_parse_long(uid, &u) ||
            !fs_parse_long(fuid, &fu)) {
            malformed++;
            continue;
        }
        files++;
        if ((m & 066) == 0 && u == fu)
            continue;
        char item[320];
        if (u != fu)
            snprintf(item, sizeof item, "%s (mode %s, owned by uid %s, not the account's %s)", path,
                     mode, fuid, uid);
        else
            snprintf(item, sizeof item, "%s (mode %s)", path, mode);
        fs_list_add(&bad, item);
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "credential files open to others: %s", fs_list_str(&bad));
    else if (homes < 0 || malformed)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "unreadable credential file listing (%zu malformed lines%s)", malformed,
                       homes < 0 ? ", no home count" : "");
    else if (cut)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the credential file listing was cut after %zu files: the rest were not "
                       "judged",
                       files);
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%zu credential files in %ld homes, each private to its account", files,
                       homes);
    fs_list_dispose(&bad);
}
