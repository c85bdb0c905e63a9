/* P4 Monitoring devices and systems: logging. */
#include "checks.h"
#include "check_util.h"

#include <string.h>

void fs_check_logging_system_logger_active(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    /* /proc/PID/comm is cut to 15 bytes: systemd-journald shows as "systemd-journal". */
    static const char *const loggers[] = {"rsyslogd", "syslog-ng", "systemd-journal", "syslogd",
                                          "metalog"};
    const struct fs_fact *f = fs_check_fact(ctx, v, "proc_comm");
    if (!f)
        return;
    struct fs_list found;
    fs_list_init(&found);
    size_t pos = 0, procs = 0;
    struct fs_line l;
    bool seen[sizeof loggers / sizeof loggers[0]] = {false};
    while (fs_next_line(f, &pos, &l)) {
        procs++;
        for (size_t i = 0; i < sizeof loggers / sizeof loggers[0]; i++) {
            if (!seen[i] && fs_line_eq(l, loggers[i])) {
                seen[i] = true;
                fs_list_add(&found, loggers[i]);
            }
        }
    }
    if (found.count)
        fs_verdict_set(v, FS_RESULT_PASS, "running: %s", fs_list_str(&found));
    else if (procs == 0)
        fs_verdict_set(v, FS_RESULT_ERROR, "the process list was empty");
    else
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "none of rsyslogd, syslog-ng, systemd-journald, syslogd, metalog runs "
                       "(%zu processes seen)",
                       procs);
    fs_list_dispose(&found);
}

/* Passes when one of the named processes runs (fact proc_comm). */
static void one_running(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                        const char *const *names, size_t n, const char *what)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "proc_comm");
    if (!f)
        return;
    for (size_t i = 0; i < n; i++) {
        if (fs_proc_running(f, names[i])) {
            fs_verdict_set(v, FS_RESULT_PASS, "%s runs", names[i]);
            return;
        }
    }
    if (!fs_proc_list_sane(f))
        fs_verdict_set(v, FS_RESULT_ERROR, "the process list is empty or not text");
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "no %s runs", what);
}

void fs_check_audit_auditd_active(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    static const char *const names[] = {"auditd"};
    one_running(ctx, v, names, 1, "audit daemon (auditd)");
}

void fs_check_time_sync_active(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    /* comm is cut to 15 bytes: systemd-timesyncd shows as "systemd-timesyn" */
    static const char *const names[] = {"chronyd", "ntpd", "systemd-timesyn", "openntpd"};
    one_running(ctx, v, names, 4, "time synchronisation (chronyd, ntpd, systemd-timesyncd)");
}
