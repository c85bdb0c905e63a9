/* SPDX-License-Identifier: Apache-2.0 */
/* P5 User management: accounts and password policy. */
#include "checks.h"
#include "check_util.h"
#include "dropbear.h"
#include "fact_parse.h"
#include "../scanner/core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Walks shadow_status ("name:scheme", reduced on the device) and lists the accounts whose
 * scheme `flagged` picks; malformed lines make the verdict an error unless something was
 * found. */
static void shadow_scan(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                        bool (*flagged)(struct fs_line scheme), bool show_scheme,
                        const char *fail_what, const char *pass_what)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "shadow_status");
    if (!f)
        return;
    struct fs_list found;
    fs_list_init(&found);
    size_t pos = 0, accounts = 0, malformed = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[2];
        if (l.len == 0)
            continue;
        if (fs_split(l, ':', fld, 2) != 2 || fld[0].len == 0) {
            malformed++;
            continue;
        }
        accounts++;
        if (flagged(fld[1])) {
            char name[64], scheme[16], item[96];
            fs_line_str(fld[0], name, sizeof name);
            fs_line_str(fld[1], scheme, sizeof scheme);
            if (show_scheme)
                snprintf(item, sizeof item, "%s (%s)", name, scheme);
            else
                snprintf(item, sizeof item, "%s", name);
            fs_list_add(&found, item);
        }
    }
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s: %s", fail_what, fs_list_str(&found));
    else if (malformed || accounts == 0)
        fs_verdict_set(v, FS_RESULT_ERROR, "/etc/shadow has %zu malformed lines and %zu accounts",
                       malformed, accounts);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s among %zu accounts", pass_what, accounts);
    fs_list_dispose(&found);
}

static bool scheme_empty(struct fs_line scheme)
{
    return fs_line_eq(scheme, "empty");
}

static bool scheme_weak(struct fs_line scheme)
{
    return fs_line_eq(scheme, "$1$") || fs_line_eq(scheme, "$2a$") || fs_line_eq(scheme, "des");
}

void fs_check_accounts_no_empty_passwords(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    shadow_scan(ctx, v, scheme_empty, false, "accounts with an empty password",
                "no empty password");
}

void fs_check_accounts_no_extra_uid_zero(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "passwd");
    if (!f)
        return;
    struct fs_list extra;
    fs_list_init(&extra);
    size_t pos = 0, accounts = 0, malformed = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[7];
        if (l.len == 0)
            continue;
        if (fs_split(l, ':', fld, 7) != 7 || fld[0].len == 0) {
            malformed++;
            continue;
        }
        accounts++;
        if (fs_line_eq(fld[2], "0") && !fs_line_eq(fld[0], "root")) {
            char name[64];
            fs_line_str(fld[0], name, sizeof name);
            fs_list_add(&extra, name);
        }
    }
    if (extra.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "uid 0 besides root: %s", fs_list_str(&extra));
    else if (malformed || accounts == 0)
        fs_verdict_set(v, FS_RESULT_ERROR, "/etc/passwd has %zu malformed lines and %zu accounts",
                       malformed, accounts);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "only root has uid 0 (%zu accounts)", accounts);
    fs_list_dispose(&extra);
}

void fs_check_accounts_password_max_days(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *limit_s = fs_check_value(ctx, "var_password_max_days");
    long limit, days;
    if (!fs_parse_long(limit_s, &limit) || limit < 1) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_password_max_days is not a positive number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "login_defs");
    if (!f)
        return;
    if (f->len >= 9 && memcmp(f->data, "# missing", 9) == 0) {
        fs_verdict_set(v, FS_RESULT_FAIL, "no /etc/login.defs: passwords do not expire");
        return;
    }
    char val[64];
    if (!fs_kv_word(f, "PASS_MAX_DAYS", true, val, sizeof val)) {
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "PASS_MAX_DAYS is not set in /etc/login.defs: passwords do not expire");
        return;
    }
    if (!fs_parse_long(val, &days)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "PASS_MAX_DAYS '%s' in /etc/login.defs is not a number",
                       val);
        return;
    }
    if (days >= 0 && days <= limit)
        fs_verdict_set(v, FS_RESULT_PASS, "PASS_MAX_DAYS %ld (limit %ld)", days, limit);
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "PASS_MAX_DAYS %ld exceeds the limit of %ld days", days,
                       limit);
}

/* Reads an integer login.defs setting; sets the verdict and returns false when absent. */
static bool login_defs_long(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *key,
                            long *out, bool *present)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "login_defs");
    char val[64];
    *present = false;
    if (!f)
        return false;
    if (f->len >= 9 && memcmp(f->data, "# missing", 9) == 0) {
        fs_verdict_set(v, FS_RESULT_FAIL, "no /etc/login.defs: %s is not set", key);
        return false;
    }
    if (!fs_kv_word(f, key, true, val, sizeof val)) {
        fs_verdict_set(v, FS_RESULT_FAIL, "%s is not set in /etc/login.defs", key);
        return false;
    }
    *present = true;
    if (!fs_parse_long(val, out)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "%s '%s' in /etc/login.defs is not a number", key, val);
        return false;
    }
    return true;
}

void fs_check_accounts_password_min_days(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long n;
    bool present;
    if (login_defs_long(ctx, v, "PASS_MIN_DAYS", &n, &present))
        fs_verdict_set(v, n >= 1 ? FS_RESULT_PASS : FS_RESULT_FAIL,
                       "PASS_MIN_DAYS %ld (at least 1)", n);
}

void fs_check_accounts_password_warn_age(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long n;
    bool present;
    if (login_defs_long(ctx, v, "PASS_WARN_AGE", &n, &present))
        fs_verdict_set(v, n >= 7 ? FS_RESULT_PASS : FS_RESULT_FAIL,
                       "PASS_WARN_AGE %ld (at least 7)", n);
}

void fs_check_accounts_default_umask(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "login_defs");
    char val[64];
    if (!f)
        return;
    if (!fs_kv_word(f, "UMASK", true, val, sizeof val)) {
        fs_verdict_set(v, FS_RESULT_FAIL, "UMASK is not set in /etc/login.defs");
        return;
    }
    char *end;
    unsigned long m = strtoul(val, &end, 8);
    if (*end || !val[0] || m > 0777)
        fs_verdict_set(v, FS_RESULT_ERROR, "UMASK '%s' in /etc/login.defs is not an octal mask",
                       val);
    else
        fs_verdict_set(v, (m & 027) == 027 ? FS_RESULT_PASS : FS_RESULT_FAIL,
                       "UMASK %03lo (027 or stricter)", m);
}

void fs_check_accounts_password_hashing_strong(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "login_defs");
    char val[64];
    if (!f)
        return;
    if (!fs_kv_word(f, "ENCRYPT_METHOD", true, val, sizeof val)) {
        fs_verdict_set(v, FS_RESULT_FAIL, "ENCRYPT_METHOD is not set in /etc/login.defs");
        return;
    }
    bool ok = strcasecmp(val, "SHA512") == 0 || strcasecmp(val, "YESCRYPT") == 0;
    fs_verdict_set(v, ok ? FS_RESULT_PASS : FS_RESULT_FAIL,
                   "ENCRYPT_METHOD %s (SHA512 or YESCRYPT)", val);
}

void fs_check_accounts_stored_hashes_strong(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    shadow_scan(ctx, v, scheme_weak, true, "weak password hashes",
                "no MD5, Blowfish-2a or DES hash");
}

/* Shared walk over /etc/passwd with the malformed-line policy of the fixed rules. */
#define PW_WALK_END(v, list, malformed, accounts, failmsg, passmsg)                                \
    do {                                                                                           \
        if ((list).count)                                                                          \
            fs_verdict_set(v, FS_RESULT_FAIL, failmsg ": %s", fs_list_str(&(list)));               \
        else if ((malformed) || (accounts) == 0)                                                   \
            fs_verdict_set(v, FS_RESULT_ERROR,                                                     \
                           "/etc/passwd has %zu malformed lines and %zu accounts", malformed,      \
                           accounts);                                                              \
        else                                                                                       \
            fs_verdict_set(v, FS_RESULT_PASS, passmsg " (%zu accounts)", accounts);                \
    } while (0)

void fs_check_accounts_no_generic_shared(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *names = fs_check_value(ctx, "var_generic_account_names");
    const struct fs_fact *f = fs_check_fact(ctx, v, "passwd");
    if (!f)
        return;
    if (!names) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_generic_account_names is not bound");
        return;
    }
    struct fs_list found;
    fs_list_init(&found);
    struct fs_pwent e;
    size_t pos = 0, malformed = 0, accounts = 0;
    while (fs_next_pwent(f, &pos, &e, &malformed)) {
        accounts++;
        if (fs_shell_can_login(e.shell) && fs_word_in(names, e.name.s, e.name.len)) {
            char name[64];
            fs_line_str(e.name, name, sizeof name);
            fs_list_add(&found, name);
        }
    }
    PW_WALK_END(v, found, malformed, accounts, "generic accounts with a login shell",
                "no generic account can log in");
    fs_list_dispose(&found);
}

void fs_check_accounts_system_nologin(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "passwd");
    const struct fs_fact *ld = f ? fs_check_fact(ctx, v, "login_defs") : NULL;
    if (!ld)
        return;
    long uid_min = 1000;
    char val[32];
    if (fs_kv_word(ld, "UID_MIN", true, val, sizeof val) && !fs_parse_long(val, &uid_min))
        uid_min = 1000;
    struct fs_list found;
    fs_list_init(&found);
    struct fs_pwent e;
    size_t pos = 0, malformed = 0, accounts = 0;
    while (fs_next_pwent(f, &pos, &e, &malformed)) {
        accounts++;
        if (e.uid == 0 || e.uid >= uid_min || e.uid == 65534 || !fs_shell_can_login(e.shell))
            continue;
        char name[64], shell[96], item[170];
        fs_line_str(e.name, name, sizeof name);
        fs_line_str(e.shell, shell, sizeof shell);
        snprintf(item, sizeof item, "%s (uid %ld, %s)", name, e.uid, shell[0] ? shell : "/bin/sh");
        fs_list_add(&found, item);
    }
    PW_WALK_END(v, found, malformed, accounts, "system accounts with a login shell",
                "every system account has a non-login shell");
    fs_list_dispose(&found);
}

/* These walks use string sets (not a nested walk), so 100 000 accounts cost no more than a
 * linear pass: no cap, and so no account left unjudged. */
void fs_check_accounts_no_duplicate_uids(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "passwd");
    if (!f)
        return;
    struct fs_list found;
    fs_list_init(&found);
    struct fs_strset seen;
    fs_strset_init(&seen);
    struct fs_pwent e;
    size_t pos = 0, malformed = 0, accounts = 0;
    bool nomem = false;
    while (fs_next_pwent(f, &pos, &e, &malformed)) {
        accounts++;
        /* "uid\tname": the set is a map from uid to the first account holding it */
        char key[32], entry[128], name[64];
        fs_line_str(e.name, name, sizeof name);
        snprintf(key, sizeof key, "%ld\t", e.uid);
        const char *first = fs_strset_prefixed(&seen, key);
        if (first) {
            char item[160];
            snprintf(item, sizeof item, "uid %ld: %s and %s", e.uid, strchr(first, '\t') + 1, name);
            fs_list_add(&found, item);
            continue;
        }
        snprintf(entry, sizeof entry, "%s%s", key, name);
        nomem |= fs_strset_add(&seen, entry) < 0;
    }
    if (nomem)
        fs_verdict_set(v, FS_RESULT_ERROR, "out of memory comparing uids");
    else
        PW_WALK_END(v, found, malformed, accounts, "shared uids", "every uid is unique");
    fs_strset_dispose(&seen);
    fs_list_dispose(&found);
}

/* Names of the first field of name:... lines that appear more than once. */
static void dup_first_field(const struct fs_fact *f, const char *file, struct fs_list *found,
                            size_t *count, bool *nomem)
{
    struct fs_strset seen;
    fs_strset_init(&seen);
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        const char *colon = memchr(l.s, ':', l.len);
        if (!colon || colon == l.s)
            continue;
        struct fs_line name = {l.s, (size_t)(colon - l.s)};
        (*count)++;
        char raw[256];
        fs_line_raw(name, raw, sizeof raw);
        int added = fs_strset_add(&seen, raw);
        *nomem |= added < 0;
        if (added == 0) {
            char n[64], item[100];
            fs_line_str(name, n, sizeof n);
            snprintf(item, sizeof item, "%s in %s", n, file);
            fs_list_add(found, item);
        }
    }
    fs_strset_dispose(&seen);
}

void fs_check_accounts_no_duplicate_names(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *pw = fs_check_fact(ctx, v, "passwd");
    const struct fs_fact *gr = pw ? fs_check_fact(ctx, v, "group") : NULL;
    if (!gr)
        return;
    struct fs_list found;
    fs_list_init(&found);
    size_t users = 0, groups = 0;
    bool nomem = false;
    dup_first_field(pw, "/etc/passwd", &found, &users, &nomem);
    dup_first_field(gr, "/etc/group", &found, &groups, &nomem);
    if (nomem)
        fs_verdict_set(v, FS_RESULT_ERROR, "out of memory comparing names");
    else if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "duplicate names: %s", fs_list_str(&found));
    else if (users == 0 || groups == 0)
        fs_verdict_set(v, FS_RESULT_ERROR, "/etc/passwd or /etc/group has no entries");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%zu account and %zu group names, all unique", users,
                       groups);
    fs_list_dispose(&found);
}

void fs_check_accounts_groups_exist(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *pw = fs_check_fact(ctx, v, "passwd");
    const struct fs_fact *gr = pw ? fs_check_fact(ctx, v, "group") : NULL;
    if (!gr)
        return;
    struct fs_list found;
    fs_list_init(&found);
    struct fs_strset gids;
    fs_strset_init(&gids);
    bool nomem = false;
    size_t gp = 0;
    struct fs_line g;
    while (fs_next_line(gr, &gp, &g)) {
        struct fs_line fld[4];
        char gid[32];
        if (fs_split(g, ':', fld, 4) != 4 || fld[2].len == 0 || fld[2].len >= sizeof gid)
            continue;
        fs_line_raw(fld[2], gid, sizeof gid);
        nomem |= fs_strset_add(&gids, gid) < 0;
    }
    struct fs_pwent e;
    size_t pos = 0, malformed = 0, accounts = 0;
    while (fs_next_pwent(pw, &pos, &e, &malformed)) {
        accounts++;
        char want[32];
        snprintf(want, sizeof want, "%ld", e.gid);
        if (!fs_strset_has(&gids, want)) {
            char name[64], item[100];
            fs_line_str(e.name, name, sizeof name);
            snprintf(item, sizeof item, "%s (gid %ld)", name, e.gid);
            fs_list_add(&found, item);
        }
    }
    if (nomem)
        fs_verdict_set(v, FS_RESULT_ERROR, "out of memory reading /etc/group");
    else
        PW_WALK_END(v, found, malformed, accounts, "primary group missing",
                    "every primary group exists");
    fs_strset_dispose(&gids);
    fs_list_dispose(&found);
}

/* dropbear: -G GROUP */
static enum fs_result db_access(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (fs_dropbear_unread(o, ev, evlen))
        return FS_RESULT_ERROR;
    if (o->G[0]) {
        snprintf(ev, evlen, "with -G %s: only its members may log in", o->G);
        return FS_RESULT_PASS;
    }
    snprintf(ev, evlen, "without -G: every account may log in");
    return FS_RESULT_FAIL;
}

void fs_check_sshd_access_restricted(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    char users[512], groups[512];
    bool ru, rg;
    if (fs_sshd_lookup(ctx, v, "allowusers", users, sizeof users, &ru) == FS_OK &&
        fs_sshd_lookup(ctx, v, "allowgroups", groups, sizeof groups, &rg) == FS_OK) {
        if (ru || rg)
            fs_verdict_set(v, FS_RESULT_PASS, "%s%s%s%s%s", ru ? "allowusers " : "",
                           ru ? users : "", ru && rg ? ", " : "", rg ? "allowgroups " : "",
                           rg ? groups : "");
        else
            fs_verdict_set(v, FS_RESULT_FAIL,
                           "neither AllowUsers nor AllowGroups is set (sshd -T)");
    }
    fs_dropbear_merge(ctx, v, db_access);
}
