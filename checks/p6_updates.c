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
