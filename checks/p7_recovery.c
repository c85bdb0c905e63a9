/* SPDX-License-Identifier: Apache-2.0 */
/* P7 Recovery plan and escalation: disk headroom, read-only roots, escalation contacts. */
#include "checks.h"
#include "check_util.h"
#include "../scanner/core/util.h"

#include <stdio.h>
#include <string.h>

void fs_check_recovery_disk_headroom(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long max;
    if (!fs_parse_long(fs_check_value(ctx, "var_disk_max_used_percent"), &max)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_disk_max_used_percent is not a number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "disk_usage");
    if (!f)
        return;
    struct fs_list full, ok, ro, unjudged;
    fs_list_init(&full);
    fs_list_init(&ok);
    fs_list_init(&ro);
    fs_list_init(&unjudged);
    size_t pos = 0, n = 0;
    long worst = -1;
    char worst_mnt[256] = "";
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[512], fs[256], num[32], mnt[256];
        long pct;
        fs_line_raw(l, line, sizeof line);
        if (strncmp(line, "Filesystem", 10) == 0 || !line[0])
            continue;
        if (strncmp(line, "# ro ", 5) == 0 || strncmp(line, "# odd ", 6) == 0 ||
            strncmp(line, "# more ", 7) == 0) {
            char shown[256];
            fs_line_str(l, shown, sizeof shown);
            fs_list_add(line[2] == 'r' ? &ro : &unjudged, shown + (line[2] == 'r' ? 5 : 2));
            continue;
        }
        if (sscanf(line, "%255s %*s %*s %*s %31[0-9]%%%*[ ]%255[^\n]", fs, num, mnt) != 3 ||
            !fs_parse_long(num, &pct)) {
            char shown[64];
            fs_line_str(l, shown, sizeof shown);
            fs_list_add(&unjudged, shown);
            continue;
        }
        char item[300], shown[256];
        fs_line_str((struct fs_line){mnt, strlen(mnt)}, shown, sizeof shown);
        snprintf(item, sizeof item, "%s %ld%%", shown, pct);
        if (fs_list_has(&full, item) || fs_list_has(&ok, item))
            continue; /* a bind mount of the same file system shows twice */
        n++;
        if (pct > worst) {
            worst = pct;
            snprintf(worst_mnt, sizeof worst_mnt, "%s", shown);
        }
        fs_list_add(pct >= max ? &full : &ok, item);
    }
    if (full.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "used at or above %ld%%: %s (worst %s %ld%%)", max,
                       fs_list_str(&full), worst_mnt, worst);
    else if (unjudged.count)
        fs_verdict_set(v, FS_RESULT_ERROR, "file systems not judged: %s", fs_list_str(&unjudged));
    else if (n == 0 && ro.count)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no writable local file system (read-only: %s)",
                       fs_list_str(&ro));
    else if (n == 0)
        fs_verdict_set(v, FS_RESULT_ERROR, "df -P gave no usable line");
    else
        fs_verdict_set(v, FS_RESULT_PASS, "below %ld%% (worst %s %ld%%): %s%s%s", max, worst_mnt,
                       worst, fs_list_str(&ok), ro.count ? "; read-only, not judged: " : "",
                       ro.count ? fs_list_str(&ro) : "");
    fs_list_dispose(&full);
    fs_list_dispose(&ok);
    fs_list_dispose(&ro);
    fs_list_dispose(&unjudged);
}

void fs_check_recovery_readonly_root(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "proc_mounts");
    if (!f)
        return;
    size_t pos = 0;
    struct fs_line l;
    char opts[256] = "", type[64] = "";
    bool found = false;
    while (fs_next_line(f, &pos, &l)) {
        struct fs_line fld[5];
        if (fs_split(l, ' ', fld, 5) < 4 || !fs_line_eq(fld[1], "/"))
            continue;
        fs_line_str(fld[2], type, sizeof type);
        fs_line_str(fld[3], opts, sizeof opts);
        found = true; /* the last mount on / is the one in effect */
    }
    if (!found) {
        fs_verdict_set(v, FS_RESULT_ERROR, "no entry for / in /proc/mounts");
        return;
    }
    bool ro = strncmp(opts, "ro", 2) == 0 && (opts[2] == ',' || opts[2] == '\0');
    fs_verdict_set(v, ro ? FS_RESULT_PASS : FS_RESULT_FAIL, "/ is %s (%s, %s)",
                   ro ? "read-only" : "writable", type, opts);
}

void fs_check_recovery_escalation_contact(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *c = ctx->host_vars ? fs_kvlist_get(ctx->host_vars, "escalation_contact") : NULL;
    while (c && (*c == ' ' || *c == '\t'))
        c++;
    if (c && *c)
        fs_verdict_set(v, FS_RESULT_PASS, "escalation contact: %s", c);
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "no escalation_contact in the inventory for this host");
}

/* Whether a command line runs one of the tools: a word (split at blanks and shell operators)
 * whose base name is the tool ("/usr/bin/restic", "restic"), not a substring ("rsyncd.conf"). */
static bool runs_tool(const char *line, const char *const *tools, size_t ntools, const char *custom,
                      const char **which)
{
    const char *p = line;
    while (*p) {
        size_t n = strcspn(p, " \t;|&()=`'\"$<>");
        if (n) {
            const char *base = p;
            for (size_t k = 0; k < n; k++)
                if (p[k] == '/')
                    base = p + k + 1;
            size_t bl = n - (size_t)(base - p);
            for (size_t t = 0; t < ntools; t++)
                if (strlen(tools[t]) == bl && memcmp(base, tools[t], bl) == 0) {
                    *which = tools[t];
                    return true;
                }
            if (custom && *custom && strlen(custom) == bl && memcmp(base, custom, bl) == 0) {
                *which = custom;
                return true;
            }
            p += n;
        } else {
            p++;
        }
    }
    return false;
}

void fs_check_backup_job_scheduled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const tools[] = {"rsync",   "borg",         "borgmatic",
                                        "restic",  "duplicity",    "bacula-fd",
                                        "amandad", "rdiff-backup", "tar"};
    const char *custom = fs_check_value(ctx, "var_backup_command");
    const struct fs_fact *f = fs_check_fact(ctx, v, "backup_schedule");
    if (!f)
        return;
    if (!fs_fact_is_text(f)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "the schedules read are not text");
        return;
    }
    size_t pos = 0, timers = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[512];
        fs_line_raw(l, line, sizeof line);
        const char *cmd = NULL, *kind = NULL;
        if (strncmp(line, "cron ", 5) == 0) {
            cmd = line + 5, kind = "cron";
        } else if (strncmp(line, "timed ", 6) == 0) {
            cmd = line + 6, kind = "enabled timer";
        } else if (strncmp(line, "periodic ", 9) == 0 && strstr(line, ": ")) {
            cmd = strstr(line, ": ") + 2, kind = "periodic job";
        } else if (strncmp(line, "timer ", 6) == 0) {
            timers++;
        }
        const char *which = NULL;
        /* "timed UNIT ExecStart=...": the unit name is not the command */
        if (cmd && kind[0] == 'e')
            cmd = strchr(cmd, ' ') ? strchr(cmd, ' ') + 1 : cmd;
        if (cmd && runs_tool(cmd, tools, sizeof tools / sizeof tools[0], custom, &which)) {
            char shown[300];
            fs_line_str(l, shown, sizeof shown);
            fs_verdict_set(v, FS_RESULT_PASS, "%s runs %s: %s", kind, which, shown);
            return;
        }
    }
    fs_verdict_set(v, FS_RESULT_FAIL,
                   "no cron job, periodic job or enabled systemd timer (%zu enabled) runs a "
                   "backup tool (rsync, borg, restic, duplicity, bacula, amanda, rdiff-backup, "
                   "tar%s%s); service files alone are no schedule",
                   timers, custom && *custom ? ", " : "", custom && *custom ? custom : "");
}

void fs_check_backup_recent(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long max_days, now = 0, mtime = 0;
    const char *path = fs_check_value(ctx, "var_backup_marker_path");
    if (!path || !*path) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "no backup marker file is configured (var_backup_marker_path)");
        return;
    }
    if (!fs_parse_long(fs_check_value(ctx, "var_backup_max_age_days"), &max_days)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_backup_max_age_days is not a number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "backup_marker");
    if (!f)
        return;
    size_t pos = 0;
    struct fs_line l;
    bool absent = false;
    while (fs_next_line(f, &pos, &l)) {
        char line[64];
        fs_line_raw(l, line, sizeof line);
        if (strcmp(line, "absent") == 0)
            absent = true;
        else if (strncmp(line, "now ", 4) == 0)
            fs_parse_long(line + 4, &now);
        else if (strncmp(line, "mtime ", 6) == 0)
            fs_parse_long(line + 6, &mtime);
    }
    if (absent)
        fs_verdict_set(v, FS_RESULT_FAIL, "backup marker %s does not exist", path);
    else if (!now || !mtime)
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read the age of %s", path);
    else
        fs_verdict_set(v, (now - mtime) / 86400 <= max_days ? FS_RESULT_PASS : FS_RESULT_FAIL,
                       "last backup %ld days ago (%s; at most %ld)", (now - mtime) / 86400, path,
                       max_days);
}

void fs_check_recovery_config_versioned(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    long max_days;
    if (!fs_parse_long(fs_check_value(ctx, "var_config_commit_max_age_days"), &max_days)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "value var_config_commit_max_age_days is not a number");
        return;
    }
    const struct fs_fact *f = fs_check_fact(ctx, v, "etc_vcs");
    if (!f)
        return;
    bool git = false, other = false, have_last = false, have_changes = false;
    long last = 0, changes = 0;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[64];
        fs_line_raw(l, line, sizeof line);
        if (strcmp(line, "/etc/.git") == 0)
            git = true;
        else if (strcmp(line, "/etc/.hg") == 0 || strcmp(line, "/etc/.bzr") == 0)
            other = true;
        else if (strncmp(line, "last ", 5) == 0)
            have_last = fs_parse_long(line + 5, &last);
        else if (strncmp(line, "changes ", 8) == 0)
            have_changes = fs_parse_long(line + 8, &changes);
    }
    if (!git) {
        if (other)
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "/etc is kept in hg or bzr: floorscan judges git repositories only");
        else
            fs_verdict_set(v, FS_RESULT_FAIL,
                           "/etc is not under version control (no etckeeper, git)");
        return;
    }
    if (!have_last || !have_changes || last <= 0 || changes < 0) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "/etc/.git exists but its last commit or its changes could not be read");
        return;
    }
    if (ctx->scan_time <= 0) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the scan day is unknown (no scanner time stamp): the age of the last "
                       "commit of /etc cannot be judged");
        return;
    }
    long long age = ctx->scan_time - (long long)last;
    char when[32];
    fs_rfc3339((time_t)last, when, sizeof when);
    if (age < -86400) {
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the last commit of /etc is dated %s, after the scan: the device's clock "
                       "is wrong, its age cannot be judged",
                       when);
        return;
    }
    long long days = age > 0 ? age / 86400 : 0;
    if (days > max_days)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "last commit of /etc %lld days before the scan (%s; at most %ld), %ld "
                       "uncommitted changes",
                       days, when, max_days, changes);
    else if (changes > 0)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "%ld uncommitted changes in /etc (last commit %lld days before the scan, "
                       "%s)",
                       changes, days, when);
    else
        fs_verdict_set(v, FS_RESULT_PASS,
                       "/etc is a git repository, last commit %lld days before the scan (%s; at "
                       "most %ld), no uncommitted change",
                       days, when, max_days);
}
