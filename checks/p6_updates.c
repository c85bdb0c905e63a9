/* SPDX-License-Identifier: Apache-2.0 */
/* P6 Updating devices: automatic security updates. */
#include "checks.h"
#include "check_util.h"
#include "fact_parse.h"
#include "../scanner/core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <fnmatch.h>
#include <string.h>
#include <strings.h>

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

/* Case-insensitive search for needle in a line. */
static const char *line_find_ci(struct fs_line l, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= l.len; i++)
        if (strncasecmp(l.s + i, needle, n) == 0)
            return l.s + i;
    return NULL;
}

static struct fs_line line_trim(struct fs_line l)
{
    while (l.len && (l.s[0] == ' ' || l.s[0] == '\t')) {
        l.s++;
        l.len--;
    }
    while (l.len && (l.s[l.len - 1] == ' ' || l.s[l.len - 1] == '\t' || l.s[l.len - 1] == '\r'))
        l.len--;
    return l;
}

/* Whether a word is one of apt's true (StringToBool) or yum's true values. */
static bool word_true(struct fs_line w)
{
    static const char *const yes[] = {"yes", "true", "1", "on", "with", "enable", NULL};
    for (size_t i = 0; yes[i]; i++)
        if (w.len == strlen(yes[i]) && strncasecmp(w.s, yes[i], w.len) == 0)
            return true;
    return false;
}
static bool word_false(struct fs_line w)
{
    static const char *const no[] = {"no", "false", "0", "off", "without", "disable", NULL};
    for (size_t i = 0; no[i]; i++)
        if (w.len == strlen(no[i]) && strncasecmp(w.s, no[i], w.len) == 0)
            return true;
    return false;
}

/* "Key: value" / "key=value": the value after sep, trimmed, when the line's key is key. */
static bool field_value(struct fs_line l, const char *key, char sep, struct fs_line *val)
{
    l = line_trim(l);
    size_t n = strlen(key);
    if (l.len < n || strncasecmp(l.s, key, n) != 0)
        return false;
    struct fs_line rest = line_trim((struct fs_line){l.s + n, l.len - n});
    if (!rest.len || rest.s[0] != sep)
        return false;
    *val = line_trim((struct fs_line){rest.s + 1, rest.len - 1});
    return true;
}

/* A one-line apt source: an option that turns checks off inside its [...] ("#" starts a
 * comment anywhere). */
static bool list_line_unsigned(struct fs_line l)
{
    const char *hash = memchr(l.s, '#', l.len);
    if (hash)
        l.len = (size_t)(hash - l.s);
    static const char *const opts[] = {"trusted", "allow-insecure", "allow-weak",
                                       "allow-downgrade-to-insecure", NULL};
    for (size_t i = 0; opts[i]; i++) {
        struct fs_line rest = l;
        const char *at;
        while ((at = line_find_ci(rest, opts[i]))) {
            size_t off = (size_t)(at - rest.s) + strlen(opts[i]);
            rest = (struct fs_line){rest.s + off, rest.len - off};
            struct fs_line r = line_trim(rest);
            if (!r.len || r.s[0] != '=')
                continue;
            r = line_trim((struct fs_line){r.s + 1, r.len - 1});
            size_t w = 0;
            while (w < r.len && r.s[w] != ' ' && r.s[w] != '\t' && r.s[w] != ']')
                w++;
            if (word_true((struct fs_line){r.s, w}))
                return true;
        }
    }
    return false;
}

struct src_state {
    struct fs_list *found;
    char file[200];
    /* a deb822 stanza or a yum section being read */
    bool off, disabled;
    char what[320];
};

static void src_flush(struct src_state *st)
{
    if (st->off && !st->disabled) {
        char item[540];
        snprintf(item, sizeof item, "%s: %s", st->file, st->what);
        fs_list_add(st->found, item);
    }
    st->off = st->disabled = false;
    st->what[0] = '\0';
}

void fs_check_updates_sources_signed(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "pkg_sources");
    if (!f)
        return;
    if (!fs_fact_is_text(f)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "the package source configuration is not text");
        return;
    }
    struct fs_list found;
    fs_list_init(&found);
    struct src_state st = {&found, "", false, false, ""};
    enum { NONE, LIST, DEB822, CONF, REPO } kind = NONE;
    bool managers = false, junk = false;
    char sec[96] = "";
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (fs_line_eq(l, "# apt") || fs_line_eq(l, "# yum")) {
            src_flush(&st);
            managers = true;
            kind = NONE;
            continue;
        }
        if (l.len >= 2 && l.s[0] == '|' && l.s[1] == ' ') {
            struct fs_line t = line_trim((struct fs_line){l.s + 2, l.len - 2}), val;
            char text[200];
            fs_line_str(t, text, sizeof text);
            if (kind == LIST) {
                if (list_line_unsigned(t)) {
                    char item[420];
                    snprintf(item, sizeof item, "%s: %s", st.file, text);
                    fs_list_add(&found, item);
                }
            } else if (kind == DEB822) {
                if (t.len == 0)
                    src_flush(&st); /* a blank line ends a stanza */
                else if (field_value(t, "Enabled", ':', &val))
                    st.disabled = word_false(val);
                else if ((field_value(t, "Trusted", ':', &val) ||
                          field_value(t, "Allow-Insecure", ':', &val) ||
                          field_value(t, "Allow-Weak", ':', &val) ||
                          field_value(t, "Allow-Downgrade-To-Insecure", ':', &val)) &&
                         word_true(val)) {
                    st.off = true;
                    size_t n = strlen(st.what);
                    snprintf(st.what + n, sizeof st.what - n, "%s%s", n ? ", " : "", text);
                }
            } else if (kind == CONF) {
                /* apt.conf: "//" and "#" comment lines; a value that is true before ';' */
                if (t.len && t.s[0] != '#' && !(t.len > 1 && t.s[0] == '/' && t.s[1] == '/')) {
                    const char *q = memchr(t.s, '"', t.len);
                    const char *e = q ? memchr(q + 1, '"', t.len - (size_t)(q + 1 - t.s)) : NULL;
                    if (e && word_true((struct fs_line){q + 1, (size_t)(e - q - 1)})) {
                        char item[420];
                        snprintf(item, sizeof item, "%s: %s", st.file, text);
                        fs_list_add(&found, item);
                    }
                }
            } else if (kind == REPO) {
                if (t.len && t.s[0] == '[') {
                    src_flush(&st);
                    fs_line_str(t, sec, sizeof sec);
                } else if (field_value(t, "enabled", '=', &val)) {
                    st.disabled = word_false(val);
                } else if (field_value(t, "gpgcheck", '=', &val)) {
                    st.off = word_false(val);
                    snprintf(st.what, sizeof st.what, "%s %s", sec[0] ? sec : "[main]", text);
                }
            } else {
                junk = true;
            }
            continue;
        }
        src_flush(&st);
        sec[0] = '\0';
        struct fs_line fld[2];
        if (fs_split(l, ' ', fld, 2) != 2) {
            junk |= l.len > 0;
            kind = NONE;
            continue;
        }
        kind = fs_line_eq(fld[0], "list")     ? LIST
               : fs_line_eq(fld[0], "deb822") ? DEB822
               : fs_line_eq(fld[0], "conf")   ? CONF
               : fs_line_eq(fld[0], "repo")   ? REPO
                                              : NONE;
        junk |= kind == NONE;
        fs_line_str(fld[1], st.file, sizeof st.file);
    }
    src_flush(&st);
    if (found.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "signature checks disabled: %s", fs_list_str(&found));
    else if (!managers)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no apt or yum/dnf configuration");
    else if (junk)
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output while reading the package sources");
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "no enabled package source disables signature checks (comments, "
                       "disabled stanzas and repositories not counted)");
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

/* dpkg's path filters ("filter exclude|include GLOB" lines, in dpkg's order). A device with
 * more than FILTERS_MAX is judged on the first ones only: a missing file the rest would
 * excuse still counts, so the cap can cost a false fail, never a false pass. */
#define FILTERS_MAX 64
struct dpkg_filters {
    struct fs_line glob[FILTERS_MAX];
    bool exclude[FILTERS_MAX];
    size_t n;
};

static void dpkg_filters_read(const struct fs_fact *f, struct dpkg_filters *d)
{
    d->n = 0;
    size_t pos = 0;
    struct fs_line l;
    while (d->n < FILTERS_MAX && fs_next_line(f, &pos, &l)) {
        bool ex = l.len > 15 && memcmp(l.s, "filter exclude ", 15) == 0;
        bool in = l.len > 15 && memcmp(l.s, "filter include ", 15) == 0;
        if (!(ex || in) || l.len - 15 >= 512 || fs_line_has_nul(l))
            continue;
        d->glob[d->n] = (struct fs_line){l.s + 15, l.len - 15};
        d->exclude[d->n++] = ex;
    }
}

/* Whether the filters kept path off the device: the last filter that matches decides; '*' and
 * '?' match '/' too, as in dpkg(1). */
static bool dpkg_filtered_out(const struct dpkg_filters *d, const char *path)
{
    bool out = false;
    for (size_t i = 0; i < d->n; i++) {
        char glob[512];
        fs_line_raw(d->glob[i], glob, sizeof glob);
        if (fnmatch(glob, path, 0) == 0)
            out = d->exclude[i];
    }
    return out;
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
    const char *named = fs_check_value(ctx, "var_verify_packages");
    struct dpkg_filters filters;
    dpkg_filters_read(f, &filters);
    struct fs_list changed, absent, verified;
    fs_list_init(&verified);
    fs_list_init(&changed);
    fs_list_init(&absent);
    size_t pos = 0, excluded = 0, named_n = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len > 9 && memcmp(l.s, "# absent ", 9) == 0) {
            char name[128];
            fs_line_str((struct fs_line){l.s + 9, l.len - 9}, name, sizeof name);
            fs_list_add(&absent, name);
            continue;
        }
        if (l.len == 0 || l.s[0] == '#' || (l.len > 7 && memcmp(l.s, "filter ", 7) == 0))
            continue;
        /* rpm -V on a package that is not installed (older collectors verified every name) */
        if (l.len > 8 && memcmp(l.s, "package ", 8) == 0 && l.len > 17 &&
            memcmp(l.s + l.len - 17, " is not installed", 17) == 0) {
            char name[128];
            fs_line_str((struct fs_line){l.s + 8, l.len - 25}, name, sizeof name);
            fs_list_add(&absent, name);
            continue;
        }
        /* "??5??????   /path", "S.5....T.  c /path", "missing     /path": c marks a
         * configuration file, the character just before " /path" */
        const char *slash = memchr(l.s, '/', l.len);
        size_t at = slash ? (size_t)(slash - l.s) : 0;
        if (slash && at >= 3 && l.s[at - 1] == ' ' && l.s[at - 2] == 'c' && l.s[at - 3] == ' ')
            continue;
        char path[200];
        fs_line_str(slash ? (struct fs_line){slash, l.len - at} : l, path, sizeof path);
        if (slash && l.len - at < 4096) {
            char raw[4096];
            fs_line_raw((struct fs_line){slash, l.len - at}, raw, sizeof raw);
            if (l.len >= 7 && memcmp(l.s, "missing", 7) == 0 && dpkg_filtered_out(&filters, raw)) {
                excluded++; /* dpkg path-exclude kept it off the device on purpose */
                continue;
            }
        }
        fs_list_add(&changed, path);
    }
    if (named) {
        char copy[1024];
        snprintf(copy, sizeof copy, "%s", named);
        char *save = NULL;
        for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
            named_n++;
            if (!fs_list_has(&absent, w))
                fs_list_add(&verified, w);
        }
    }
    char notes[1400] = "";
    if (absent.count)
        snprintf(notes, sizeof notes, "; not installed, so not verified: %s", fs_list_str(&absent));
    if (excluded)
        snprintf(notes + strlen(notes), sizeof notes - strlen(notes),
                 "; %zu missing files excluded by dpkg path-exclude not counted", excluded);
    if (changed.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "changed package files: %s%s", fs_list_str(&changed),
                       notes);
    else if (absent.count && named_n && !verified.count)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "no package of var_verify_packages is installed: nothing was verified%s",
                       notes);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "packages verified (%s), no changed program files%s",
                       verified.count ? fs_list_str(&verified) : "var_verify_packages", notes);
    fs_list_dispose(&verified);
    fs_list_dispose(&changed);
    fs_list_dispose(&absent);
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

/* The package that owns path per the "o PKGS: PATH" lines of toolchain_integrity (path as
 * given, or without its /usr on a merged system, where dpkg knows /lib/... for /usr/lib/...). */
static bool toolchain_owner(const struct fs_fact *f, const char *path, bool merged, char *pkg,
                            size_t pkglen)
{
    size_t plen = strlen(path);
    const char *alias = merged && strncmp(path, "/usr/", 5) == 0 ? path + 4 : NULL;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len < 6 || memcmp(l.s, "o ", 2) != 0)
            continue;
        const char *sep = memmem(l.s, l.len, ": /", 3);
        if (!sep)
            continue;
        struct fs_line p = {sep + 2, l.len - (size_t)(sep + 2 - l.s)};
        bool hit = (p.len == plen && memcmp(p.s, path, plen) == 0) ||
                   (alias && p.len == plen - 4 && memcmp(p.s, alias, plen - 4) == 0);
        if (hit) {
            if (pkg)
                fs_line_str((struct fs_line){l.s + 2, (size_t)(sep - l.s) - 2}, pkg, pkglen);
            return true;
        }
    }
    return false;
}

/* "f|d MODE UID GID PATH": a file or directory someone other than root may change. */
static void toolchain_mode(struct fs_line l, struct fs_list *writable, size_t *bad)
{
    struct fs_line fld[5];
    char mode[16], uid[24], path[200];
    if (fs_split(l, ' ', fld, 5) != 5) {
        (*bad)++;
        return;
    }
    fs_line_str(fld[1], mode, sizeof mode);
    fs_line_str(fld[2], uid, sizeof uid);
    char *end = NULL;
    long m = strtol(mode, &end, 8);
    long u;
    if (!end || *end || end == mode || m < 0 || !fs_parse_long(uid, &u)) {
        (*bad)++;
        return;
    }
    if (u == 0 && !(m & 022))
        return;
    fs_line_str(fld[4], path, sizeof path);
    char item[260];
    snprintf(item, sizeof item, "%s (mode %s, uid %s)", path, mode, uid);
    fs_list_add(writable, item);
}

void fs_check_pkg_toolchain_verified(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "toolchain_integrity");
    if (!f)
        return;
    bool dpkg = fs_fact_first_line(f, "# dpkg"), rpm = fs_fact_first_line(f, "# rpm");
    bool none = fs_fact_first_line(f, "# none");
    if (!dpkg && !rpm && !none) {
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output from the toolchain probe");
        return;
    }
    /* only dpkg was also asked for the path without /usr (rpm resolves links itself) */
    bool merged = dpkg && memmem(f->data, f->len, "\n# merged\n", 10) != NULL;
    if (memmem(f->data, f->len, "\n# notool\n", 10)) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no compiler, assembler or linker in /usr/local/bin, /usr/local/sbin, "
                       "/usr/bin, /usr/sbin, /bin or /sbin");
        return;
    }
    struct dpkg_filters filters;
    dpkg_filters_read(f, &filters);
    struct fs_list writable, unowned, changed, diverted, nodigest;
    fs_list_init(&writable);
    fs_list_init(&unowned);
    fs_list_init(&changed);
    fs_list_init(&diverted);
    fs_list_init(&nodigest);
    size_t pos = 0, files = 0, bad = 0, excluded = 0;
    bool cut = false;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len > 2 && (memcmp(l.s, "f ", 2) == 0 || memcmp(l.s, "d ", 2) == 0)) {
            toolchain_mode(l, &writable, &bad);
            if (l.s[0] != 'f')
                continue;
            files++;
            const char *slash = memchr(l.s, '/', l.len);
            char raw[512];
            if (!slash || (size_t)(l.s + l.len - slash) >= sizeof raw || fs_line_has_nul(l)) {
                bad++;
                continue;
            }
            fs_line_raw((struct fs_line){slash, (size_t)(l.s + l.len - slash)}, raw, sizeof raw);
            if (!none && !toolchain_owner(f, raw, merged, NULL, 0)) {
                char path[200];
                fs_line_str((struct fs_line){slash, (size_t)(l.s + l.len - slash)}, path,
                            sizeof path);
                fs_list_add(&unowned, path);
            }
        } else if (l.len > 2 && memcmp(l.s, "v ", 2) == 0) {
            /* "v ??5??????   /path", "v ??5?????? c /path" (configuration file), "v missing ..." */
            const char *slash = memchr(l.s, '/', l.len);
            size_t at = slash ? (size_t)(slash - l.s) : 0;
            if (slash && at >= 3 && l.s[at - 1] == ' ' && l.s[at - 2] == 'c' && l.s[at - 3] == ' ')
                continue;
            char raw[512] = "", path[200], pkg[128] = "", item[360];
            struct fs_line p =
                slash ? (struct fs_line){slash, l.len - at} : (struct fs_line){l.s + 2, l.len - 2};
            if (slash && p.len < sizeof raw && !fs_line_has_nul(p)) {
                fs_line_raw(p, raw, sizeof raw);
                if (l.len >= 9 && memcmp(l.s + 2, "missing", 7) == 0 &&
                    dpkg_filtered_out(&filters, raw)) {
                    excluded++;
                    continue;
                }
            }
            fs_line_str(p, path, sizeof path);
            if (raw[0] && changed.count < 50 && toolchain_owner(f, raw, merged, pkg, sizeof pkg))
                snprintf(item, sizeof item, "%s (package %s)", path, pkg);
            else
                snprintf(item, sizeof item, "%s", path);
            fs_list_add(&changed, item);
        } else if (l.len > 7 && memcmp(l.s, "# more ", 7) == 0) {
            cut = true;
        } else if (l.len > 2 && memcmp(l.s, "x ", 2) == 0) {
            /* "x diversion by PKG from: PATH": dpkg verifies the package's file at the
             * diverted name, not what is at PATH */
            const char *at = memmem(l.s, l.len, " from: /", 8);
            char path[200], by[120], item[340];
            if (!at) {
                bad++;
                continue;
            }
            fs_line_str((struct fs_line){at + 7, l.len - (size_t)(at + 7 - l.s)}, path,
                        sizeof path);
            fs_line_str((struct fs_line){l.s + 2, (size_t)(at - l.s) - 2}, by, sizeof by);
            snprintf(item, sizeof item, "%s (%s)", path, by);
            fs_list_add(&diverted, item);
        } else if (l.len > 12 && memcmp(l.s, "# nomd5sums ", 12) == 0) {
            char pkg[128];
            fs_line_str((struct fs_line){l.s + 12, l.len - 12}, pkg, sizeof pkg);
            fs_list_add(&nodigest, pkg);
        }
    }
    char notes[1200] = "";
    if (diverted.count)
        snprintf(notes, sizeof notes,
                 "; diverted from their packages (dpkg-divert), not verified: %s",
                 fs_list_str(&diverted));
    if (unowned.count)
        snprintf(notes + strlen(notes), sizeof notes - strlen(notes), "; not from any package: %s",
                 fs_list_str(&unowned));
    if (writable.count)
        snprintf(notes + strlen(notes), sizeof notes - strlen(notes),
                 "; writable by others than root: %s", fs_list_str(&writable));
    if (changed.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "toolchain files differ from their packages: %s%s",
                       fs_list_str(&changed), notes);
    else if (unowned.count || writable.count || diverted.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "toolchain at risk%s", notes);
    else if (files == 0 || bad)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "unreadable toolchain listing (%zu files, %zu malformed lines)", files, bad);
    else if (none)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "no package database (dpkg or rpm): the %zu toolchain files cannot be "
                       "checked against package digests",
                       files);
    else if (cut)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the toolchain listing was cut: only the first %zu files were checked",
                       files);
    else if (nodigest.count)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "packages without md5sums in /var/lib/dpkg/info, whose files dpkg --verify "
                       "cannot check: %s",
                       fs_list_str(&nodigest));
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "%zu toolchain files owned by root, not writable by others, from %s "
                       "packages that verify%s",
                       files, dpkg ? "dpkg" : "rpm",
                       excluded ? " (files dpkg path-exclude kept off not counted)" : "");
    fs_list_dispose(&writable);
    fs_list_dispose(&unowned);
    fs_list_dispose(&changed);
    fs_list_dispose(&diverted);
    fs_list_dispose(&nodigest);
}

static bool int_in(const char *s, long lo, long hi, int *out)
{
    long x;
    if (!fs_parse_long(s, &x) || x < lo || x > hi)
        return false;
    *out = (int)x;
    return true;
}

/* The value of n decimal digits at s, or -1 when one of them is not a digit. */
static int digits_at(const char *s, size_t n)
{
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (s[i] - '0');
    }
    return x;
}

/* The build date in a kernel version string (uname -v): Debian's "(YYYY-MM-DD)", or date(1)'s
 * "Mon DD HH:MM:SS [ZONE] YYYY" that kbuild writes by default. Day number since 1970, or -1. */
static long long kernel_build_day(const char *s)
{
    int y, m, d;
    for (const char *p = strchr(s, '('); p; p = strchr(p + 1, '(')) {
        /* "(2024-09-30)" */
        if (strnlen(p, 12) < 12 || p[5] != '-' || p[8] != '-' || p[11] != ')')
            continue;
        y = digits_at(p + 1, 4);
        m = digits_at(p + 6, 2);
        d = digits_at(p + 9, 2);
        if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
            return fs_days_from_civil(y, m, d);
    }
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char copy[256];
    snprintf(copy, sizeof copy, "%s", s);
    char *w[32], *save = NULL;
    size_t n = 0;
    for (char *t = strtok_r(copy, " \t", &save); t && n < 32; t = strtok_r(NULL, " \t", &save))
        w[n++] = t;
    for (size_t i = 0; i + 3 < n; i++) {
        const char *mo = strlen(w[i]) == 3 ? strstr(months, w[i]) : NULL;
        const char *t = w[i + 2];
        if (!mo || (mo - months) % 3 || !int_in(w[i + 1], 1, 31, &d) || strlen(t) != 8 ||
            t[2] != ':' || t[5] != ':' || digits_at(t, 2) < 0 || digits_at(t + 3, 2) < 0 ||
            digits_at(t + 6, 2) < 0)
            continue;
        /* the year is the next word, or the one after a time zone */
        for (size_t k = i + 3; k < n && k <= i + 4; k++)
            if (strlen(w[k]) == 4 && int_in(w[k], 1000, 9999, &y))
                return fs_days_from_civil(y, (int)((mo - months) / 3) + 1, d);
    }
    return -1;
}

void fs_check_updates_kernel_build_recent(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *pc = fs_check_fact(ctx, v, "pkg_count");
    if (!pc)
        return;
    size_t pp = 0;
    struct fs_line first;
    if (!fs_next_line(pc, &pp, &first)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no package manager line");
        return;
    }
    bool pm = (first.len > 5 && memcmp(first.s, "dpkg ", 5) == 0) ||
              (first.len > 4 && memcmp(first.s, "rpm ", 4) == 0);
    if (!pm && !fs_line_eq(first, "none") && !(first.len > 5 && memcmp(first.s, "opkg ", 5) == 0)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected package count");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "kernel_build");
    if (!f)
        return;
    /* with dpkg or rpm: notapplicable only when a package installed the running kernel (its
     * /lib/modules/R or /boot/vmlinuz-R), whose patches the package rules judge; a kernel built
     * and installed by hand is judged by its build date like an image's */
    char unowned[200] = "";
    if (pm) {
        char pms[64];
        fs_line_str(first, pms, sizeof pms);
        size_t op = 0;
        struct fs_line ol;
        bool asked = false;
        char rel[80] = "?";
        while (fs_next_line(f, &op, &ol)) {
            if (ol.len > 10 && memcmp(ol.s, "# release ", 10) == 0)
                fs_line_str((struct fs_line){ol.s + 10, ol.len - 10}, rel, sizeof rel);
            else if (fs_line_eq(ol, "# owners asked"))
                asked = true;
            else if (ol.len > 2 && memcmp(ol.s, "o ", 2) == 0) {
                char own[200];
                fs_line_str((struct fs_line){ol.s + 2, ol.len - 2}, own, sizeof own);
                fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                               "the running kernel is from a package (%s; %s packages): the "
                               "package rules judge its patches",
                               own, pms);
                return;
            }
        }
        if (!asked) {
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "the device has a package manager (%s packages), but whether the "
                           "running kernel is from a package was not asked",
                           pms);
            return;
        }
        snprintf(unowned, sizeof unowned, "; kernel %s is from no package (%.*s packages)", rel, 60,
                 pms);
    }
    const char *max_s = fs_check_value(ctx, "var_kernel_max_age_days");
    long max_days;
    if (!max_s || !fs_parse_long(max_s, &max_days) || max_days < 0) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_kernel_max_age_days is not a number");
        return;
    }
    if (ctx->scan_time <= 0) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no scanner time stamp: the kernel's age is unknown");
        return;
    }
    size_t pos = 0;
    struct fs_line l;
    char ver[200] = "";
    if (fs_next_line(f, &pos, &l))
        fs_line_str(l, ver, sizeof ver);
    long long built = kernel_build_day(ver);
    long long today = ctx->scan_time / 86400;
    /* kernels before 1991 do not exist: 1970 is the placeholder of reproducible builds */
    if (built < fs_days_from_civil(1991, 9, 17)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no build date in the kernel version '%s'%s", ver,
                       unowned);
        return;
    }
    if (built > today + 1) {
        fs_verdict_set(v, FS_RESULT_ERROR, "the kernel's build date is after the scan day: '%s'",
                       ver);
        return;
    }
    long long age = today - built;
    fs_verdict_set(v, age <= max_days ? FS_RESULT_PASS : FS_RESULT_FAIL,
                   "running kernel built %lld days before the scan (at most %ld): '%s'%s", age,
                   max_days, ver, unowned);
}
