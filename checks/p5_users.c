/* P5 User management: accounts and password policy. */
#include "checks.h"
#include "check_util.h"
#include "../scanner/core/util.h"

#include <stdio.h>
#include <string.h>

void fs_check_accounts_no_empty_passwords(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "shadow_status");
    if (!f)
        return;
    if (f->rc != 0) {
        fs_verdict_set(v, FS_RESULT_ERROR, "/etc/shadow could not be read (exit status %d)", f->rc);
        return;
    }
    struct fs_list empty;
    fs_list_init(&empty);
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
        if (fs_line_eq(fld[1], "empty")) {
            char name[64];
            fs_line_str(fld[0], name, sizeof name);
            fs_list_add(&empty, name);
        }
    }
    if (empty.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "accounts with an empty password: %s",
                       fs_list_str(&empty));
    else if (malformed || accounts == 0)
        fs_verdict_set(v, FS_RESULT_ERROR, "/etc/shadow has %zu malformed lines and %zu accounts",
                       malformed, accounts);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no empty password among %zu accounts", accounts);
    fs_list_dispose(&empty);
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

/* The last "KEY value" of login.defs (later lines override earlier ones, as in shadow). */
static bool login_defs_get(const struct fs_fact *f, const char *key, char *out, size_t outlen)
{
    size_t pos = 0, klen = strlen(key);
    struct fs_line l;
    bool found = false;
    while (fs_next_line(f, &pos, &l)) {
        size_t i = 0;
        while (i < l.len && (l.s[i] == ' ' || l.s[i] == '\t'))
            i++;
        if (l.len - i <= klen || memcmp(l.s + i, key, klen) != 0 ||
            (l.s[i + klen] != ' ' && l.s[i + klen] != '\t'))
            continue;
        i += klen;
        while (i < l.len && (l.s[i] == ' ' || l.s[i] == '\t'))
            i++;
        size_t e = l.len;
        while (e > i && (l.s[e - 1] == ' ' || l.s[e - 1] == '\t' || l.s[e - 1] == '\r'))
            e--;
        fs_line_str((struct fs_line){l.s + i, e - i}, out, outlen);
        found = true;
    }
    return found;
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
    if (!login_defs_get(f, "PASS_MAX_DAYS", val, sizeof val)) {
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
