/* SPDX-License-Identifier: Apache-2.0 */
/* P5 User management: accounts, password policy and the keys of disabled accounts. */
#include "checks.h"
#include "check_util.h"
#include "dropbear.h"
#include "fact_parse.h"
#include "sshd_config.h"
#include "../scanner/core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

/* One line of fact shadow_ageing: "name:class:lastchg:min:max:warn:inactive:expire", the
 * numbers -1 where the field is empty. */
struct shadow_age {
    struct fs_line name, cls;
    long lastchg, min, max, warn, inactive, expire;
};

static bool age_field(struct fs_line f, long *out)
{
    char buf[24];
    *out = -1;
    if (f.len == 0)
        return true;
    if (f.len >= sizeof buf || f.s[0] < '0' || f.s[0] > '9')
        return false;
    fs_line_raw(f, buf, sizeof buf);
    return fs_parse_long(buf, out);
}

static bool shadow_age_parse(struct fs_line l, struct shadow_age *a)
{
    static const char *const classes[] = {"usable", "locked", "nopass", "empty", "invalid"};
    struct fs_line fld[8];
    if (fs_split(l, ':', fld, 8) != 8 || fld[0].len == 0)
        return false;
    bool known = false;
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        known |= fs_line_eq(fld[1], classes[i]);
    a->name = fld[0];
    a->cls = fld[1];
    return known && age_field(fld[2], &a->lastchg) && age_field(fld[3], &a->min) &&
           age_field(fld[4], &a->max) && age_field(fld[5], &a->warn) &&
           age_field(fld[6], &a->inactive) && age_field(fld[7], &a->expire);
}

/* Appends "what N" (or "what none") to a reason list when the setting misses the policy. */
static void age_reason(char *out, size_t outlen, const char *what, long n)
{
    size_t len = strlen(out);
    if (len >= outlen)
        return;
    if (n < 0)
        snprintf(out + len, outlen - len, "%s%s none", len ? ", " : "", what);
    else
        snprintf(out + len, outlen - len, "%s%s %ld", len ? ", " : "", what, n);
}

void fs_check_accounts_password_ageing_existing(const struct fs_check_ctx *ctx,
                                                struct fs_verdict *v)
{
    long limit;
    if (!fs_parse_long(fs_check_value(ctx, "var_password_max_days"), &limit) || limit < 1) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_password_max_days is not a positive number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "shadow_ageing");
    if (!f)
        return;
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0, usable = 0, other = 0, malformed = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        struct shadow_age a;
        if (l.len == 0)
            continue;
        if (!shadow_age_parse(l, &a)) {
            malformed++;
            continue;
        }
        if (!fs_line_eq(a.cls, "usable")) {
            other++;
            continue;
        }
        usable++;
        char why[96] = "";
        if (a.max < 0 || a.max > limit)
            age_reason(why, sizeof why, "max", a.max);
        if (a.min < 1)
            age_reason(why, sizeof why, "min", a.min);
        if (a.warn < 7)
            age_reason(why, sizeof why, "warn", a.warn);
        if (why[0]) {
            char name[64], item[170];
            fs_line_str(a.name, name, sizeof name);
            snprintf(item, sizeof item, "%s (%s)", name, why);
            fs_list_add(&bad, item);
        }
    }
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "accounts with a usable password outside max %ld, min 1, warn 7 days "
                       "(/etc/shadow): %s",
                       limit, fs_list_str(&bad));
    else if (malformed || usable + other == 0)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "/etc/shadow ageing: %zu malformed lines and %zu accounts", malformed,
                       usable + other);
    else if (!usable)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no account of %zu has a usable password (locked, never set or empty; "
                       "empty passwords are judged by accounts_no_empty_passwords)",
                       other);
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%zu accounts with a usable password within max %ld, min 1, warn 7 days; "
                       "%zu accounts without a usable password are not judged",
                       usable, limit, other);
    fs_list_dispose(&bad);
}

void fs_check_accounts_passwords_shadowed(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "passwd_secrets");
    if (!f)
        return;
    struct fs_list bad;
    fs_list_init(&bad);
    size_t pos = 0, malformed = 0, placeholders = 0, nis = 0;
    long accounts = -1;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[2];
        if (l.len == 0)
            continue;
        if (accounts >= 0) { /* "# accounts N" ends the output */
            malformed++;
            continue;
        }
        if (l.len > 11 && memcmp(l.s, "# accounts ", 11) == 0) {
            if (!age_field((struct fs_line){l.s + 11, l.len - 11}, &accounts) || accounts < 0)
                malformed++;
            continue;
        }
        if (fs_split(l, ':', fld, 2) != 2 || fld[0].len == 0) {
            malformed++;
            continue;
        }
        const char *what = fs_line_eq(fld[1], "hash")    ? "a password hash"
                           : fs_line_eq(fld[1], "empty") ? "empty: no password at all"
                                                         : NULL;
        if (fs_line_eq(fld[1], "placeholder")) {
            placeholders++;
        } else if ((fld[0].s[0] == '+' || fld[0].s[0] == '-') && fs_line_eq(fld[1], "empty")) {
            nis++; /* NIS compat (+, +@group, -user): an empty field takes NIS's, no password */
        } else if (!what) {
            malformed++;
        } else {
            char name[64], item[110];
            fs_line_str(fld[0], name, sizeof name);
            snprintf(item, sizeof item, "%s (%s)", name, what);
            fs_list_add(&bad, item);
        }
    }
    char nis_note[64] = "";
    if (nis)
        snprintf(nis_note, sizeof nis_note, ", %zu NIS compat lines (+/-: no account here)", nis);
    if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "/etc/passwd holds the password of: %s",
                       fs_list_str(&bad));
    else if (malformed || accounts <= 0)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "/etc/passwd was not read to its end (%zu unexpected lines, %s)", malformed,
                       accounts < 0 ? "no account count" : "no account");
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%ld accounts in /etc/passwd: %ld with x (password in /etc/shadow), %zu "
                       "with a no-login placeholder (* or !)%s",
                       accounts, accounts - (long)placeholders - (long)nis, placeholders, nis_note);
    fs_list_dispose(&bad);
}

/* UsePAM of the global sshd view: 1 yes, 0 no, -1 when sshd cannot be judged or is absent
 * (dropbear, no sshd). */
static int sshd_usepam(const struct fs_check_ctx *ctx)
{
    struct fs_verdict scratch;
    fs_verdict_init(&scratch);
    struct fs_sshd s;
    int r = -1;
    if (fs_sshd_load(ctx, &scratch, &s)) {
        const char *p = s.n ? fs_kvlist_get(&s.views[0].settings, "usepam") : NULL;
        if (p)
            r = strcmp(p, "yes") == 0 ? 1 : strcmp(p, "no") == 0 ? 0 : -1;
        fs_sshd_dispose(&s);
    }
    fs_verdict_dispose(&scratch);
    return r;
}

/* Accounts whose authorized_keys files hold at least one key ("opts USER OPTIONS" lines, one per
 * key line): a set of names; *keys counts the key lines. False on unexpected lines. */
static bool keyed_accounts(const struct fs_fact *f, struct fs_strset *users, size_t *keys,
                           bool *nomem)
{
    static const char *const kinds[] = {"sshdir ", "keyfile ", "pub ", "opts ", NULL};
    if (!fs_lines_prefixed(f, kinds))
        return false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len < 6 || memcmp(l.s, "opts ", 5) != 0)
            continue;
        struct fs_line rest = {l.s + 5, l.len - 5}, fld[2];
        char raw[256];
        if (fs_split(rest, ' ', fld, 2) != 2 || fld[0].len == 0 || fld[1].len == 0 ||
            fld[0].len >= sizeof raw)
            continue;
        fs_line_raw(fld[0], raw, sizeof raw);
        *nomem |= fs_strset_add(users, raw) < 0;
        (*keys)++;
    }
    return true;
}

void fs_check_ssh_disabled_account_keys(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *ak = fs_check_fact(ctx, v, "authorized_keys");
    const struct fs_fact *sa = ak ? fs_check_fact(ctx, v, "shadow_ageing") : NULL;
    const struct fs_fact *pw = sa ? fs_check_fact(ctx, v, "passwd") : NULL;
    if (!pw)
        return;
    struct fs_strset keyed, judged;
    fs_strset_init(&keyed);
    fs_strset_init(&judged);
    struct fs_list found, users;
    fs_list_init(&found);
    fs_list_init(&users);
    size_t keys = 0, nkeyed = 0, njudged = 0, malformed = 0, undated = 0;
    bool nomem = false;
    if (!keyed_accounts(ak, &keyed, &keys, &nomem)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output while reading authorized keys");
        goto out;
    }
    if (!keys) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no account has an authorized key");
        goto out;
    }
    int pam = sshd_usepam(ctx);
    long long today = ctx->scan_time > 0 ? ctx->scan_time / 86400 : -1;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(sa, &pos, &l)) {
        struct shadow_age a;
        char raw[256], name[64], item[300];
        if (l.len == 0)
            continue;
        if (!shadow_age_parse(l, &a)) {
            malformed++;
            continue;
        }
        if (a.name.len >= sizeof raw)
            continue;
        fs_line_raw(a.name, raw, sizeof raw);
        if (!fs_strset_has(&keyed, raw))
            continue;
        int added = fs_strset_add(&judged, raw);
        nomem |= added < 0;
        njudged += added > 0;
        fs_line_str(a.name, name, sizeof name);
        if (added > 0)
            fs_list_add(&users, name);
        if (fs_line_eq(a.cls, "locked")) {
            snprintf(item, sizeof item, "%s: password locked (passwd -l), %s", name,
                     pam == 1   ? "UsePAM yes: the keys still log in"
                     : pam == 0 ? "refused by sshd (UsePAM no) but the keys stay"
                                : "the keys stay (no OpenSSH settings say whether the SSH "
                                  "server refuses them; dropbear does not)");
            fs_list_add(&found, item);
        }
        if (a.expire >= 0 && today < 0) {
            undated++;
        } else if (a.expire >= 0 && a.expire <= today) {
            char day[40];
            fs_rfc3339((time_t)a.expire * 86400, day, sizeof day);
            day[10] = '\0';
            snprintf(item, sizeof item, "%s: account expired %s, %s", name, day,
                     pam >= 0 ? "refused now, the keys work again once the expiry is lifted"
                              : "the keys stay (OpenSSH refuses an expired account; dropbear "
                                "does not check the expiry for keys)");
            fs_list_add(&found, item);
        }
    }
    struct fs_pwent e;
    size_t pp = 0, pw_malformed = 0;
    while (fs_next_pwent(pw, &pp, &e, &pw_malformed)) {
        char raw[256];
        if (e.name.len >= sizeof raw)
            continue;
        fs_line_raw(e.name, raw, sizeof raw);
        if (fs_shell_can_login(e.shell) || !fs_strset_has(&keyed, raw))
            continue;
        char name[64], shell[96], item[260];
        fs_line_str(e.name, name, sizeof name);
        fs_line_str(e.shell, shell, sizeof shell);
        snprintf(item, sizeof item, "%s: shell %s, the keys still open tunnels (ssh -N)", name,
                 shell);
        fs_list_add(&found, item);
    }
    nkeyed = keyed.n; /* accounts with keys, each once */
    if (nomem)
        fs_verdict_set(v, FS_RESULT_ERROR, "out of memory reading the accounts");
    else if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "keys of disabled accounts remain: %s",
                       fs_list_str(&found));
    else if (malformed || undated || njudged < nkeyed)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "%zu of %zu accounts with keys judged (%zu malformed /etc/shadow lines%s)",
                       njudged, nkeyed, malformed,
                       undated ? ", an expiry date but no scan day" : "");
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%zu authorized keys of %zu accounts (%s), none locked, expired or "
                       "without a login shell (an account that never had a password, ! or * "
                       "alone, shows a lock only by its expiry date or shell)",
                       keys, nkeyed, fs_list_str(&users));
out:
    fs_list_dispose(&found);
    fs_list_dispose(&users);
    fs_strset_dispose(&keyed);
    fs_strset_dispose(&judged);
}
