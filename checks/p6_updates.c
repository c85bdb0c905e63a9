/* SPDX-License-Identifier: Apache-2.0 */
/* P6 Updating devices: automatic security updates. */
#include "checks.h"
#include "check_util.h"
#include "fact_parse.h"
#include "../scanner/core/util.h"

#include <stdio.h>
#include <string.h>

static bool starts(struct fs_line l, const char *p)
{
    size_t n = strlen(p);
    return l.len >= n && memcmp(l.s, p, n) == 0;
}

/* Value of an apt-config dump line 'apt KEY "VALUE";' */
static bool apt_value(struct fs_line l, const char *key, char *out, size_t outlen)
{
    char want[128];
    snprintf(want, sizeof want, "apt %s \"", key);
    if (!starts(l, want))
        return false;
    struct fs_line rest = {l.s + strlen(want), l.len - strlen(want)};
    const char *q = memchr(rest.s, '"', rest.len);
    if (!q)
        return false;
    fs_line_str((struct fs_line){rest.s, (size_t)(q - rest.s)}, out, outlen);
    return true;
}

static bool yes_value(struct fs_line l)
{
    const char *eq = memchr(l.s, '=', l.len);
    if (!eq)
        return false;
    size_t i = (size_t)(eq - l.s) + 1;
    while (i < l.len && (l.s[i] == ' ' || l.s[i] == '\t'))
        i++;
    struct fs_line v = {l.s + i, l.len - i};
    return starts(v, "yes") || starts(v, "True") || starts(v, "true") || starts(v, "1");
}

void fs_check_updates_automatic_enabled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    if (fs_value_true(fs_check_value(ctx, "var_updates_managed_centrally"))) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "updates are managed centrally through change control "
                       "(var_updates_managed_centrally)");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "updates_auto");
    if (!f)
        return;
    bool uu_installed = false, uu_on = false, dnf_timer = false, dnf_install_timer = false;
    bool dnf_apply = false, yum_apply = false, saw_uu_setting = false;
    char uu_val[32] = "";
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (fs_line_eq(l, "dpkg unattended-upgrades install ok installed"))
            uu_installed = true;
        else if (apt_value(l, "APT::Periodic::Unattended-Upgrade", uu_val, sizeof uu_val)) {
            saw_uu_setting = true;
            uu_on = strcmp(uu_val, "0") != 0 && uu_val[0] != '\0';
        } else if (fs_line_eq(l, "timer dnf-automatic.timer enabled"))
            dnf_timer = true;
        else if (fs_line_eq(l, "timer dnf-automatic-install.timer enabled"))
            dnf_install_timer = true;
        else if (starts(l, "dnf "))
            dnf_apply = yes_value(l);
        else if (starts(l, "yumcron "))
            yum_apply = yes_value(l);
    }
    if (uu_installed && uu_on)
        fs_verdict_set(v, FS_RESULT_PASS,
                       "unattended-upgrades installed, APT::Periodic::Unattended-Upgrade \"%s\"",
                       uu_val);
    else if (dnf_install_timer || (dnf_timer && dnf_apply))
        fs_verdict_set(v, FS_RESULT_PASS, "dnf-automatic timer enabled and applies updates");
    else if (yum_apply)
        fs_verdict_set(v, FS_RESULT_PASS, "yum-cron applies updates");
    else if (uu_installed)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "unattended-upgrades installed but APT::Periodic::Unattended-Upgrade is "
                       "%s%s%s",
                       saw_uu_setting ? "\"" : "", saw_uu_setting ? uu_val : "not set",
                       saw_uu_setting ? "\"" : "");
    else if (dnf_timer)
        fs_verdict_set(v, FS_RESULT_FAIL, "dnf-automatic runs but apply_updates is not yes");
    else
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "no automatic update mechanism (unattended-upgrades, dnf-automatic, "
                       "yum-cron) is installed and enabled");
}

/* The end of support of id:ver in the table (ID:VERSION_ID:YYYY-MM-DD words); a VERSION_ID
 * "9.4" matches the entry "9" (RHEL and its rebuilds give minor versions), never the reverse.
 * Returns false when no entry matches; *bad counts malformed entries. */
static bool release_end(const char *table, const char *id, const char *ver, char *date,
                        size_t datelen, size_t *bad)
{
    bool found = false;
    size_t best = 0;
    for (const char *p = table; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t n = strcspn(p, " \t");
        if (!n)
            break;
        char w[160];
        snprintf(w, sizeof w, "%.*s", (int)(n < sizeof w - 1 ? n : sizeof w - 1), p);
        p += n;
        char *c1 = strchr(w, ':'), *c2 = c1 ? strrchr(w, ':') : NULL;
        int y, m, d;
        if (!c1 || c2 == c1 || !fs_parse_date(c2 + 1, strlen(c2 + 1), &y, &m, &d)) {
            (*bad)++;
            continue;
        }
        *c1 = *c2 = '\0';
        const char *tv = c1 + 1;
        size_t tl = strlen(tv);
        if (strcmp(w, id) != 0)
            continue;
        bool exact = strcmp(tv, ver) == 0;
        bool major = strncmp(ver, tv, tl) == 0 && ver[tl] == '.';
        if ((exact || major) && tl + exact >= best) { /* the most precise entry wins */
            best = tl + exact;
            snprintf(date, datelen, "%s", c2 + 1);
            found = true;
        }
    }
    return found;
}

void fs_check_updates_os_release_supported(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *table = fs_check_value(ctx, "var_supported_releases");
    if (!table || !*table) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "no table of supported releases is bound (var_supported_releases): the "
                       "release cannot be judged");
        return;
    }
    if (ctx->scan_time <= 0) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the scan day is unknown (no scanner time stamp): end of support cannot "
                       "be judged");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "sys_os_release");
    if (!f)
        return;
    char id[64], ver[64], date[16] = "";
    if (!fs_kv_assign(f, "ID", id, sizeof id)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no /etc/os-release with an ID");
        return;
    }
    if (!fs_kv_assign(f, "VERSION_ID", ver, sizeof ver))
        ver[0] = '\0';
    size_t bad = 0;
    bool known = ver[0] && release_end(table, id, ver, date, sizeof date, &bad);
    if (!known) {
        fs_verdict_set(v, FS_RESULT_NOTCHECKED,
                       "%s %s is not in var_supported_releases: its end of support is not known "
                       "to floorscan (add ID:VERSION_ID:YYYY-MM-DD to the table)",
                       id, ver[0] ? ver : "(no VERSION_ID)");
        return;
    }
    int y = 0, m = 0, d = 0;
    if (!fs_parse_date(date, strlen(date), &y, &m, &d)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "bad date in var_supported_releases");
        return;
    }
    long long today = ctx->scan_time / 86400, end = fs_days_from_civil(y, m, d);
    char day[32];
    fs_rfc3339((time_t)ctx->scan_time, day, sizeof day);
    day[10] = '\0';
    if (today > end)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "%s %s: end of support %s, %lld days before the scan (%s)", id, ver, date,
                       today - end, day);
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%s %s: supported until %s (%lld days after the scan, %s)", id, ver, date,
                       end - today, day);
}

void fs_check_updates_reboot_not_pending(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "reboot_required");
    if (!f)
        return;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len > 8 && memcmp(l.s, "pending ", 8) == 0) {
            char what[128];
            fs_line_str((struct fs_line){l.s + 8, l.len - 8}, what, sizeof what);
            fs_verdict_set(v, FS_RESULT_FAIL, "a reboot is pending (%s)", what);
            return;
        }
        if (l.len) {
            fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output from the reboot check");
            return;
        }
    }
    fs_verdict_set(v, FS_RESULT_PASS, "no reboot pending");
}

void fs_check_updates_sources_signed(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "pkg_sources");
    if (!f)
        return;
    struct fs_list found;
    fs_list_init(&found);
    bool managers = false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (fs_line_eq(l, "# apt") || fs_line_eq(l, "# yum")) {
            managers = true;
            continue;
        }
        const char *sp = memchr(l.s, ' ', l.len);
        if (!sp)
            continue;
        char item[200];
        fs_line_str((struct fs_line){sp + 1, l.len - (size_t)(sp + 1 - l.s)}, item, sizeof item);
        fs_list_add(&found, item);
    }
    if (!managers)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no apt or yum/dnf configuration");
    else if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "signature checks disabled: %s", fs_list_str(&found));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no package source disables signature checks");
    fs_list_dispose(&found);
}

void fs_check_updates_package_index_recent(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long max_days, now, newest;
    if (!fs_parse_long(fs_check_value(ctx, "var_package_index_max_age_days"), &max_days)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_package_index_max_age_days is not a number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "pkg_index");
    if (!f)
        return;
    if (fs_fact_first_line(f, "manager none")) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no package database (dpkg or rpm) on the device");
        return;
    }
    if (!fs_kv_long(f, "now", &now) || !fs_kv_long(f, "newest", &newest)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read the package index times");
        return;
    }
    if (newest == 0) {
        fs_verdict_set(v, FS_RESULT_FAIL, "the package index was never downloaded");
        return;
    }
    long days = (now - newest) / 86400;
    fs_verdict_set(v, days <= max_days ? FS_RESULT_PASS : FS_RESULT_FAIL,
                   "package index %ld days old (at most %ld)", days, max_days);
}

void fs_check_updates_security_pending_none(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "security_pending");
    if (!f)
        return;
    if (f->len == 0) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no output from the package manager probe");
        return;
    }
    if (fs_fact_first_line(f, "# none")) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no package manager that knows security updates (no dpkg database with "
                       "apt-get, no dnf)");
        return;
    }
    static const char *const kinds[] = {"# apt", "# dnf", "noindex", "pending ", NULL};
    if (!fs_lines_prefixed(f, kinds)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output from the package manager");
        return;
    }
    struct fs_list pending;
    fs_list_init(&pending);
    bool noindex = false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (fs_line_eq(l, "noindex"))
            noindex = true;
        else if (l.len > 8 && memcmp(l.s, "pending ", 8) == 0) {
            char name[128];
            fs_line_str((struct fs_line){l.s + 8, l.len - 8}, name, sizeof name);
            fs_list_add(&pending, name);
        }
    }
    if (pending.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%zu security updates pending: %s", pending.count,
                       fs_list_str(&pending));
    else if (noindex)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "no package index on the device: pending updates cannot be known");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "no security update pending");
    fs_list_dispose(&pending);
}

void fs_check_updates_kernel_current(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "kernels");
    if (!f)
        return;
    char running[128] = "", newest[128] = "";
    size_t pos = 0, installed = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char val[128];
        if (l.len > 8 && memcmp(l.s, "running ", 8) == 0) {
            fs_line_str((struct fs_line){l.s + 8, l.len - 8}, running, sizeof running);
        } else if (l.len > 10 && memcmp(l.s, "installed ", 10) == 0) {
            fs_line_str((struct fs_line){l.s + 10, l.len - 10}, val, sizeof val);
            installed++;
            if (strverscmp(val, newest) > 0)
                snprintf(newest, sizeof newest, "%s", val);
        }
    }
    if (!running[0])
        fs_verdict_set(v, FS_RESULT_ERROR, "the running kernel version is unknown");
    else if (installed == 0)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no kernel image in /boot: kernels are not packaged on this device");
    else if (strcmp(running, newest) == 0)
        fs_verdict_set(v, FS_RESULT_PASS, "running %s, the newest installed", running);
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "running %s, newest installed %s", running, newest);
}

void fs_check_pkg_integrity_verified(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "pkg_verify");
    if (!f)
        return;
    if (f->len == 0) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no output from the package verification probe");
        return;
    }
    if (fs_fact_first_line(f, "# none")) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no package database (dpkg or rpm) on the device");
        return;
    }
    if (memmem(f->data, f->len, "\n# no packages named", 20)) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "var_verify_packages names no package: nothing was verified");
        return;
    }
    struct fs_list changed;
    fs_list_init(&changed);
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len == 0 || l.s[0] == '#')
            continue;
        /* dpkg/rpm: "??5??????   /path" or "S.5....T.  c /path"; c marks configuration */
        struct fs_line fld[3];
        size_t n = fs_split(l, ' ', fld, 3);
        bool conf = false;
        for (size_t i = 1; i < n; i++)
            conf |= fs_line_eq(fld[i], "c");
        if (conf)
            continue;
        const char *slash = memchr(l.s, '/', l.len);
        char path[200];
        fs_line_str(slash ? (struct fs_line){slash, l.len - (size_t)(slash - l.s)} : l, path,
                    sizeof path);
        fs_list_add(&changed, path);
    }
    if (changed.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "changed package files: %s", fs_list_str(&changed));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s packages verified, no changed program files",
                       fs_check_value(ctx, "var_verify_packages")
                           ? fs_check_value(ctx, "var_verify_packages")
                           : "the");
    fs_list_dispose(&changed);
}

void fs_check_pkg_inventory(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "pkg_count");
    if (!f)
        return;
    char line[64];
    size_t pos = 0;
    struct fs_line l;
    if (!fs_next_line(f, &pos, &l)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no package count");
        return;
    }
    fs_line_str(l, line, sizeof line);
    long n;
    char *sp = strchr(line, ' ');
    if (strcmp(line, "none") == 0)
        fs_verdict_set(v, FS_RESULT_INFORMATIONAL,
                       "no package manager: software is not inventoried "
                       "on the device");
    else if (sp && fs_parse_long(sp + 1, &n))
        fs_verdict_set(v, FS_RESULT_INFORMATIONAL, "%ld packages installed (%.*s)", n,
                       (int)(sp - line), line);
    else
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected package count '%s'", line);
}
