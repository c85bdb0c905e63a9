/* P6 Updating devices: automatic security updates. */
#include "checks.h"
#include "check_util.h"

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

/* KEY=value of os-release, unquoted, into out; false when absent. */
static bool os_release_get(const struct fs_fact *f, const char *key, char *out, size_t outlen)
{
    size_t pos = 0, klen = strlen(key);
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len <= klen || memcmp(l.s, key, klen) != 0 || l.s[klen] != '=')
            continue;
        struct fs_line val = {l.s + klen + 1, l.len - klen - 1};
        if (val.len >= 2 && (val.s[0] == '"' || val.s[0] == '\'') &&
            val.s[val.len - 1] == val.s[0]) {
            val.s++;
            val.len -= 2;
        }
        fs_line_str(val, out, outlen);
        return true;
    }
    return false;
}

void fs_check_updates_os_release_supported(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *eol = fs_check_value(ctx, "var_eol_releases");
    const struct fs_fact *f = fs_check_fact(ctx, v, "sys_os_release");
    if (!f)
        return;
    char id[64], ver[64], pair[140];
    if (f->rc != 0 || !os_release_get(f, "ID", id, sizeof id)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no /etc/os-release with an ID");
        return;
    }
    if (!os_release_get(f, "VERSION_ID", ver, sizeof ver))
        ver[0] = '\0';
    snprintf(pair, sizeof pair, "%s:%s", id, ver);
    /* "debian:10" also matches 10.13: compare the release up to its first dot */
    char major[140];
    snprintf(major, sizeof major, "%s", pair);
    char *dot = strchr(major + strlen(id) + 1, '.');
    bool is_eol = eol && fs_word_in(eol, pair, strlen(pair));
    if (!is_eol && dot && eol) {
        *dot = '\0';
        is_eol = fs_word_in(eol, major, strlen(major)) && strncmp(id, "ubuntu", 6) != 0;
    }
    fs_verdict_set(v, is_eol ? FS_RESULT_FAIL : FS_RESULT_PASS, "%s %s%s", id,
                   ver[0] ? ver : "(no VERSION_ID)",
                   is_eol ? " is end of life (var_eol_releases)" : " is not in var_eol_releases");
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
