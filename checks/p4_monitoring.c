/* SPDX-License-Identifier: Apache-2.0 */
/* P4 Monitoring devices and systems: logging. */
#include "checks.h"
#include "check_util.h"
#include "../scanner/core/util.h"

#include <ctype.h>
#include <stdio.h>

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

/* What one time tool of fact time_sync says: 1 synchronised, 0 not, -1 it did not answer. */
struct time_answer {
    const char *tag;
    int state;
    char why[160];
};

static void time_tool(const struct fs_fact *f, struct time_answer *a)
{
    size_t tl = strlen(a->tag), pos = 0;
    struct fs_line l;
    bool answered = false, peers = false, sys_peer = false, ref_ok = false;
    int leap = -1;
    a->state = -1;
    snprintf(a->why, sizeof a->why, "no answer");
    while (fs_next_line(f, &pos, &l)) {
        if (l.len <= tl || memcmp(l.s, a->tag, tl) != 0 || l.s[tl] != ' ')
            continue;
        char line[256];
        fs_line_raw((struct fs_line){l.s + tl + 1, l.len - tl - 1}, line, sizeof line);
        if (strncmp(line, "rc ", 3) == 0) {
            answered = strcmp(line + 3, "0") == 0;
            if (!answered)
                snprintf(a->why, sizeof a->why, "exit status %.8s", line + 3);
            continue;
        }
        if (!answered)
            continue;
        if (strcmp(a->tag, "timedatectl") == 0) {
            if (strcmp(line, "NTPSynchronized=yes") == 0)
                a->state = 1;
            else if (strcmp(line, "NTPSynchronized=no") == 0)
                a->state = 0;
        } else if (strcmp(a->tag, "chronyc") == 0) {
            const char *c = strchr(line, ':');
            if (strncmp(line, "Reference ID", 12) == 0 && c) {
                /* 00000000: no source; 7F7F0101: chrony's own local clock ("local stratum") */
                ref_ok = strncmp(c + 2, "00000000", 8) != 0 && strncmp(c + 2, "7F7F0101", 8) != 0;
            } else if (strncmp(line, "Leap status", 11) == 0 && c) {
                leap = strcmp(c + 2, "Normal") == 0 || strcmp(c + 2, "Insert second") == 0 ||
                       strcmp(c + 2, "Delete second") == 0;
            }
        } else if (strcmp(a->tag, "ntpq") == 0) {
            /* peer lines after the ===== ruler; '*' marks the system peer, 'o' a PPS peer */
            if (line[0] == '=' || strstr(line, "remote") != NULL)
                continue;
            if (line[0] && line[1] && isdigit((unsigned char)line[1]))
                peers = true;
            sys_peer |= line[0] == '*' || line[0] == 'o';
        } else { /* adjtimex: the kernel's status word, STA_UNSYNC 0x40 */
            const char *st = strstr(line, "status:");
            long status;
            char num[32];
            if (st && sscanf(st + 7, " %31[0-9]", num) == 1 && fs_parse_long(num, &status))
                a->state = (status & 0x40) ? 0 : 1;
        }
    }
    if (!answered)
        return;
    if (strcmp(a->tag, "chronyc") == 0 && leap >= 0)
        a->state = leap == 1 && ref_ok;
    else if (strcmp(a->tag, "ntpq") == 0 && peers)
        a->state = sys_peer;
    if (a->state < 0)
        snprintf(a->why, sizeof a->why, "unexpected output");
}

void fs_check_time_sync_active(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    /* comm is cut to 15 bytes: systemd-timesyncd shows as "systemd-timesyn" */
    static const char *const daemons[] = {"chronyd", "ntpd", "systemd-timesyn", "openntpd"};
    const struct fs_fact *f = fs_check_fact(ctx, v, "time_sync");
    if (!f)
        return;
    const struct fs_fact *procs = fs_check_fact(ctx, v, "proc_comm");
    if (!procs)
        return;
    if (!fs_proc_list_sane(procs)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "the process list does not look like one");
        return;
    }
    const char *daemon = NULL;
    for (size_t i = 0; !daemon && i < sizeof daemons / sizeof daemons[0]; i++)
        if (fs_proc_running(procs, daemons[i]))
            daemon = daemons[i];
    struct time_answer ans[] = {
        {"timedatectl", -1, ""}, {"chronyc", -1, ""}, {"ntpq", -1, ""}, {"adjtimex", -1, ""}};
    struct fs_list yes, no, silent;
    fs_list_init(&yes);
    fs_list_init(&no);
    fs_list_init(&silent);
    for (size_t i = 0; i < sizeof ans / sizeof ans[0]; i++) {
        bool asked = false;
        size_t pos = 0;
        struct fs_line l;
        size_t tl = strlen(ans[i].tag);
        while (!asked && fs_next_line(f, &pos, &l))
            asked = l.len > tl + 3 && memcmp(l.s, ans[i].tag, tl) == 0 &&
                    memcmp(l.s + tl, " rc ", 4) == 0;
        if (!asked)
            continue;
        time_tool(f, &ans[i]);
        /* the kernel's state speaks for a time daemon only when one runs */
        if (strcmp(ans[i].tag, "adjtimex") == 0 && !daemon)
            continue;
        char item[200];
        snprintf(item, sizeof item, "%s (%s)", ans[i].tag, ans[i].why);
        if (ans[i].state == 1)
            fs_list_add(&yes, ans[i].tag);
        else if (ans[i].state == 0)
            fs_list_add(&no, ans[i].tag);
        else
            fs_list_add(&silent, item);
    }
    if (yes.count)
        fs_verdict_set(v, FS_RESULT_PASS, "the clock is synchronised (%s)%s%s", fs_list_str(&yes),
                       daemon ? "; running: " : "", daemon ? daemon : "");
    else if (no.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "the clock is not synchronised (%s)%s%s",
                       fs_list_str(&no), daemon ? "; running: " : "; no time daemon runs",
                       daemon ? daemon : "");
    else if (daemon)
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "%s runs but no tool tells whether the clock is synchronised%s%s", daemon,
                       silent.count ? ": " : " (no timedatectl, chronyc, ntpq or adjtimex)",
                       silent.count ? fs_list_str(&silent) : "");
    else
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "no time synchronisation runs (chronyd, ntpd, systemd-timesyncd, openntpd) "
                       "and no tool reports a synchronised clock");
    fs_list_dispose(&yes);
    fs_list_dispose(&no);
    fs_list_dispose(&silent);
}

/* Lines of a fact that start with prefix (the rest copied, escaped, into a list). */
static size_t prefixed(const struct fs_fact *f, const char *prefix, struct fs_list *out)
{
    size_t pos = 0, n = 0, pl = strlen(prefix);
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len >= pl && memcmp(l.s, prefix, pl) == 0) {
            char item[256];
            fs_line_str((struct fs_line){l.s + pl, l.len - pl}, item, sizeof item);
            if (out)
                fs_list_add(out, item);
            n++;
        }
    }
    return n;
}

void fs_check_logging_remote_forwarding(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *host = fs_check_value(ctx, "var_log_host");
    const struct fs_fact *f = fs_check_fact(ctx, v, "log_forwarding");
    if (!f)
        return;
    static const char *const kinds[] = {"rsyslog ", "syslog-ng ", "journal-upload ", "busybox ",
                                        NULL};
    if (!fs_lines_prefixed(f, kinds)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "unexpected output while reading log destinations");
        return;
    }
    struct fs_list dest;
    fs_list_init(&dest);
    size_t pos = 0;
    struct fs_line l;
    bool to_host = false;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len == 0)
            continue;
        char item[256];
        fs_line_str(l, item, sizeof item);
        fs_list_add(&dest, item);
        if (host && *host && strstr(item, host))
            to_host = true;
    }
    if (!dest.count)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "no remote log destination (rsyslog, syslog-ng, "
                       "journal-upload, busybox syslogd -R)");
    else if (host && *host && !to_host)
        fs_verdict_set(v, FS_RESULT_FAIL, "logs go to %s, not to var_log_host %s",
                       fs_list_str(&dest), host);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "forwarding: %s", fs_list_str(&dest));
    fs_list_dispose(&dest);
}

void fs_check_logging_auth_events_recorded(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "auth_logs");
    if (!f)
        return;
    long now = 0, newest = 0;
    char newest_path[200] = "";
    bool journal = false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[300], num[32], path[256];
        long t;
        fs_line_raw(l, line, sizeof line);
        if (strncmp(line, "now ", 4) == 0)
            fs_parse_long(line + 4, &now);
        else if (strcmp(line, "journal") == 0)
            journal = true;
        else if (sscanf(line, "log %31s %255s", num, path) == 2 && fs_parse_long(num, &t) &&
                 t > newest) {
            newest = t;
            fs_line_str((struct fs_line){path, strlen(path)}, newest_path, sizeof newest_path);
        }
    }
    if (!now)
        fs_verdict_set(v, FS_RESULT_ERROR, "could not read the device's time");
    else if (newest && now - newest <= 7L * 86400)
        fs_verdict_set(v, FS_RESULT_PASS, "%s written %ld hours ago", newest_path,
                       (now - newest) / 3600);
    else if (journal)
        fs_verdict_set(v, FS_RESULT_PASS, "persistent journal in /var/log/journal");
    else if (newest)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s last written %ld days ago", newest_path,
                       (now - newest) / 86400);
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "no auth.log, secure or messages, no persistent journal");
}

void fs_check_logging_journald_persistent(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "journald_conf");
    if (!f)
        return;
    if (f->len < 7 || memcmp(f->data, "systemd", 7) != 0) {
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no systemd-journald on the device");
        return;
    }
    char storage[64] = "auto";
    bool dir = false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        char line[256];
        fs_line_raw(l, line, sizeof line);
        char *eq = strchr(line, '=');
        if (strstr(line, "Storage") && eq)
            snprintf(storage, sizeof storage, "%s", eq + 1);
        dir |= strcmp(line, "dir /var/log/journal") == 0;
    }
    bool ok = strcmp(storage, "persistent") == 0 || (strcmp(storage, "auto") == 0 && dir);
    fs_verdict_set(v, ok ? FS_RESULT_PASS : FS_RESULT_FAIL, "Storage=%s, /var/log/journal %s",
                   storage, dir ? "exists" : "absent");
}

void fs_check_logging_logfiles_private(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    fs_paths_absent(ctx, v, "logfiles_perm", "log files under /var/log open to others");
}

/* One busybox syslogd's options as getopt32 reads "n" flags and "O:l:s:b:R:f:" arguments
 * (bundled flags, attached or separate values; -C takes an optional attached size). */
struct bb_syslogd {
    bool remote, local, shmem, s_set;
    long size_kb, keep;
    char file[128], host[128];
};

static void bb_syslogd_parse(const char *argv, struct bb_syslogd *o)
{
    memset(o, 0, sizeof *o);
    o->size_kb = 200;
    o->keep = 1;
    snprintf(o->file, sizeof o->file, "/var/log/messages");
    char copy[512];
    snprintf(copy, sizeof copy, "%s", argv);
    char *save = NULL, *w = strtok_r(copy, " ", &save); /* argv[0] */
    while (w && (w = strtok_r(NULL, " ", &save)) && w[0] == '-' && w[1]) {
        for (char *c = w + 1; *c; c++) {
            if (*c == 'L')
                o->local = true;
            else if (*c == 'C') {
                o->shmem = true;
                break; /* its optional size is attached */
            } else if (strchr("Olsb R f", *c) && *c != ' ') {
                const char *val = c[1] ? c + 1 : strtok_r(NULL, " ", &save);
                if (!val)
                    return;
                if (*c == 'O')
                    snprintf(o->file, sizeof o->file, "%s", val);
                else if (*c == 'R') {
                    o->remote = true;
                    snprintf(o->host, sizeof o->host, "%s", val);
                } else if (*c == 's') {
                    o->s_set = fs_parse_long(val, &o->size_kb);
                    if (!o->s_set)
                        o->size_kb = -1;
                } else if (*c == 'b' && !fs_parse_long(val, &o->keep))
                    o->keep = -1;
                break;
            }
        }
    }
}

/* Judges the busybox syslogd lines of fact logrotate ("exe PATH", "rotate yes|no|unknown",
 * "syslogd UID ARGV"): pass, fail or error with evidence, or notchecked when none runs. */
static enum fs_result bb_syslogd_judge(const struct fs_fact *f, char *ev, size_t evlen)
{
    enum fs_result worst = FS_RESULT_NOTCHECKED;
    char exe[200] = "", rotate[16] = "";
    size_t pos = 0;
    struct fs_line l;
    ev[0] = '\0';
    while (fs_next_line(f, &pos, &l)) {
        if (l.len > 4 && memcmp(l.s, "exe ", 4) == 0) {
            fs_line_str((struct fs_line){l.s + 4, l.len - 4}, exe, sizeof exe);
            continue;
        }
        if (l.len > 7 && memcmp(l.s, "rotate ", 7) == 0) {
            fs_line_str((struct fs_line){l.s + 7, l.len - 7}, rotate, sizeof rotate);
            continue;
        }
        if (l.len <= 8 || memcmp(l.s, "syslogd ", 8) != 0)
            continue;
        char line[512];
        fs_line_str((struct fs_line){l.s + 8, l.len - 8}, line, sizeof line);
        const char *base = strrchr(exe, '/');
        base = base ? base + 1 : exe;
        bool root = strncmp(line, "0 ", 2) == 0;
        enum fs_result r;
        char one[1024];
        if (strncmp(base, "busybox", 7) != 0 && strcmp(exe, "?") != 0 && exe[0]) {
            exe[0] = rotate[0] = '\0';
            continue; /* another syslogd (sysklogd, inetutils): it does not rotate by itself */
        }
        if (!root || strcmp(exe, "?") == 0 || !exe[0]) {
            r = FS_RESULT_ERROR;
            snprintf(one, sizeof one,
                     "a syslogd runs that is not proven to be root's busybox syslogd (uid and "
                     "/proc/PID/exe: %.20s %s)",
                     line, exe[0] ? exe : "?");
        } else {
            struct bb_syslogd o;
            const char *argv = strchr(line, ' ');
            bb_syslogd_parse(argv ? argv + 1 : "", &o);
            if (o.remote && !o.local) {
                r = FS_RESULT_PASS;
                snprintf(one, sizeof one,
                         "busybox syslogd logs only to %s (-R without -L): nothing is written "
                         "locally",
                         o.host);
            } else if (o.shmem) {
                r = FS_RESULT_PASS;
                snprintf(one, sizeof one,
                         "busybox syslogd logs to its shared-memory ring buffer (-C), not to a "
                         "file");
            } else if (strcmp(o.file, "/dev/null") == 0) {
                r = FS_RESULT_PASS;
                snprintf(one, sizeof one,
                         "busybox syslogd discards its local log (-O /dev/null): nothing to "
                         "rotate");
            } else if (o.size_kb == 0) {
                r = FS_RESULT_FAIL;
                snprintf(one, sizeof one, "busybox syslogd writes %s with rotation off (-s 0)",
                         o.file);
            } else if (o.size_kb < 0 || o.keep < 0) {
                r = FS_RESULT_ERROR;
                snprintf(one, sizeof one, "busybox syslogd's -s or -b is not a number");
            } else if (strcmp(rotate, "no") == 0) {
                r = FS_RESULT_FAIL;
                snprintf(one, sizeof one,
                         "busybox syslogd writes %s, but this busybox is built without log "
                         "rotation (its syslogd has no -s)",
                         o.file);
            } else if (strcmp(rotate, "yes") != 0 && !o.s_set) {
                r = FS_RESULT_ERROR;
                snprintf(one, sizeof one,
                         "busybox syslogd writes %s; whether this busybox rotates could not be "
                         "read (%s syslogd --help)",
                         o.file, exe);
            } else {
                /* rotate yes, or -s N accepted by the running daemon (a build without rotation
                 * refuses the option) */
                r = FS_RESULT_PASS;
                snprintf(one, sizeof one,
                         "busybox syslogd rotates %s itself at %ld KiB, keeping %ld old "
                         "file(s) (-s, -b; defaults 200 and 1)",
                         o.file, o.size_kb, o.keep);
            }
        }
        size_t n = strlen(ev);
        snprintf(ev + n, evlen - n, "%s%s", n ? "; " : "", one);
        /* fail beats error beats pass */
        if (r == FS_RESULT_FAIL || (r == FS_RESULT_ERROR && worst != FS_RESULT_FAIL) ||
            worst == FS_RESULT_NOTCHECKED)
            worst = r;
        exe[0] = rotate[0] = '\0';
    }
    return worst;
}

void fs_check_logging_rotation_configured(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "logrotate");
    const struct fs_fact *j = f ? fs_check_fact(ctx, v, "journald_conf") : NULL;
    if (!j)
        return;
    bool conf = false, sched = false;
    size_t pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        conf |= fs_line_eq(l, "conf");
        sched |= fs_line_eq(l, "cron") || fs_line_eq(l, "timer");
    }
    bool journal_capped = j->data && strstr(j->data, "SystemMaxUse") != NULL;
    char bb[1600];
    enum fs_result bbr = bb_syslogd_judge(f, bb, sizeof bb);
    if (conf && sched)
        fs_verdict_set(v, FS_RESULT_PASS, "logrotate configured and scheduled");
    else if (journal_capped)
        fs_verdict_set(v, FS_RESULT_PASS, "the journal is size-limited (SystemMaxUse)");
    else if (bbr != FS_RESULT_NOTCHECKED)
        fs_verdict_set(v, bbr, "%s%s", bb,
                       bbr == FS_RESULT_PASS ? ""
                       : conf                ? "; logrotate is configured but never runs"
                                             : "; no logrotate and no journal size limit");
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "%s",
                       conf ? "logrotate is configured but never runs"
                            : "no logrotate and no journal size limit");
}

void fs_check_logging_login_records(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "login_records");
    if (!f)
        return;
    struct fs_list ok, empty;
    fs_list_init(&ok);
    fs_list_init(&empty);
    size_t pos = 0;
    struct fs_line l;
    bool wtmp = false;
    while (fs_next_line(f, &pos, &l)) {
        char line[256], num[32], path[200];
        long size;
        fs_line_raw(l, line, sizeof line);
        if (sscanf(line, "%31s %199s", num, path) != 2 || !fs_parse_long(num, &size))
            continue;
        char item[256];
        snprintf(item, sizeof item, "%s (%ld bytes)", path, size);
        fs_list_add(size > 0 ? &ok : &empty, item);
        wtmp |= strcmp(path, "/var/log/wtmp") == 0 && size > 0;
    }
    if (wtmp)
        fs_verdict_set(v, FS_RESULT_PASS, "%s", fs_list_str(&ok));
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "no non-empty /var/log/wtmp%s%s", empty.count ? ": " : "",
                       fs_list_str(&empty));
    fs_list_dispose(&ok);
    fs_list_dispose(&empty);
}

/* Packets with impossible source addresses (spoofing, misrouting) logged by the kernel. */
void fs_check_net_martians_logged(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    FS_SYSCTL_EXPECT(ctx, v, {"net/ipv4/conf/all/log_martians", 1, 1, false},
                     {"net/ipv4/conf/default/log_martians", 1, 1, false});
}

void fs_check_time_sync_servers_configured(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const char *want = fs_check_value(ctx, "var_ntp_servers");
    const struct fs_fact *f = fs_check_fact(ctx, v, "ntp_conf");
    if (!f)
        return;
    struct fs_list servers;
    fs_list_init(&servers);
    prefixed(f, "server ", &servers);
    struct fs_list missing;
    fs_list_init(&missing);
    for (const char *p = want ? want : ""; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n) {
            char s[128];
            snprintf(s, sizeof s, "%.*s", (int)n, p);
            if (!fs_word_in(fs_list_str(&servers), s, n))
                fs_list_add(&missing, s);
        }
        p += n;
    }
    if (!servers.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "no time server configured");
    else if (missing.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "site time servers missing: %s (configured: %s)",
                       fs_list_str(&missing), fs_list_str(&servers));
    else
        fs_verdict_set(v, FS_RESULT_PASS, "time servers: %s", fs_list_str(&servers));
    fs_list_dispose(&servers);
    fs_list_dispose(&missing);
}

void fs_check_monitoring_integrity_tool(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "integrity_tools");
    if (!f)
        return;
    struct fs_list tools, dbs;
    fs_list_init(&tools);
    fs_list_init(&dbs);
    prefixed(f, "tool ", &tools);
    prefixed(f, "db ", &dbs);
    if (tools.count && dbs.count)
        fs_verdict_set(v, FS_RESULT_PASS, "%s with database %s", fs_list_str(&tools),
                       fs_list_str(&dbs));
    else if (tools.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s installed but never initialised (no database)",
                       fs_list_str(&tools));
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "no file integrity tool (aide, tripwire, samhain)");
    fs_list_dispose(&tools);
    fs_list_dispose(&dbs);
}

void fs_check_monitoring_integrity_scheduled(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "integrity_tools");
    if (!f)
        return;
    struct fs_list sched;
    fs_list_init(&sched);
    prefixed(f, "schedule ", &sched);
    if (sched.count)
        fs_verdict_set(v, FS_RESULT_PASS, "integrity checks scheduled in %s", fs_list_str(&sched));
    else
        fs_verdict_set(v, FS_RESULT_FAIL, "no cron job or timer runs aide, tripwire or samhain");
    fs_list_dispose(&sched);
}

/* Paths one audit requirement judges at most (account files, signing key directories). */
#define FS_AUDIT_PATHS_MAX 64

/* Whether one audit rule (auditctl -l or rule file syntax) records every access in need (e.g.
 * "wa": writes and attribute changes) of path: "-w PATH [-p PERMS]" (no -p: every permission),
 * or "-a always,exit ... -F path=PATH|dir=DIR -F perm=PERMS"; a watch on a directory covers the
 * files below it. */
static bool audit_rule_covers(const char *rule, const char *path, const char *need)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", rule);
    const char *tok[32];
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(buf, " \t", &save); t && n < 32;
         t = strtok_r(NULL, " \t", &save))
        tok[n++] = t;
    const char *watched = NULL, *perms = NULL;
    bool is_dir = false, is_watch = false, never = false;
    for (size_t i = 0; i + 1 < n; i++) {
        const char *a = tok[i], *b = tok[i + 1];
        if (strcmp(a, "-w") == 0) {
            watched = b;
            is_watch = is_dir = true; /* a watch on a directory is recursive */
        } else if (strcmp(a, "-p") == 0) {
            perms = b;
        } else if (strcmp(a, "-a") == 0 || strcmp(a, "-A") == 0) {
            never |= strstr(b, "never") != NULL;
        } else if (strcmp(a, "-F") == 0) {
            if (strncmp(b, "path=", 5) == 0)
                watched = b + 5, is_dir = false;
            else if (strncmp(b, "dir=", 4) == 0)
                watched = b + 4, is_dir = true;
            else if (strncmp(b, "perm=", 5) == 0)
                perms = b + 5;
        }
    }
    if (!watched || never)
        return false;
    size_t wl = strlen(watched);
    while (wl > 1 && watched[wl - 1] == '/')
        wl--;
    bool match = strcmp(watched, path) == 0 ||
                 (is_dir && strncmp(path, watched, wl) == 0 && path[wl] == '/');
    if (!match)
        return false;
    if (!perms)
        return is_watch; /* -w without -p watches every access; a syscall rule needs perm= */
    for (const char *c = need; *c; c++)
        if (!strchr(perms, *c))
            return false;
    return true;
}

/* Which of paths the rules on lines starting with prefix ("rule " or "file ") cover for every
 * access in need; returns how many such lines there are. */
static size_t audit_cover(const struct fs_fact *f, const char *prefix, const char *const *paths,
                          size_t npaths, const char *need, bool *covered)
{
    size_t pos = 0, pl = strlen(prefix), lines = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (l.len <= pl || memcmp(l.s, prefix, pl) != 0)
            continue;
        lines++;
        char line[512];
        fs_line_raw((struct fs_line){l.s + pl, l.len - pl}, line, sizeof line);
        for (size_t i = 0; i < npaths; i++)
            covered[i] |= audit_rule_covers(line, paths[i], need);
    }
    return lines;
}

/* The verdict of an audit requirement: each of paths (shown escaped as shown[i]) needs a rule
 * recording every access in need ("wa", "r"; what says it in words). The rules loaded in the
 * kernel (auditctl -l) decide, and the evidence says when the files have what the kernel lacks;
 * without auditctl, rule files that lack a watch fail and complete ones are not proven loaded. */
static void audit_judge(const struct fs_fact *f, struct fs_verdict *v, const char *const *paths,
                        const char *const *shown, size_t n, const char *need, const char *what)
{
    bool loaded[FS_AUDIT_PATHS_MAX] = {false}, files[FS_AUDIT_PATHS_MAX] = {false};
    bool have_auditctl = prefixed(f, "# auditctl", NULL) > 0;
    audit_cover(f, "rule ", paths, n, need, loaded);
    size_t nfile = audit_cover(f, "file ", paths, n, need, files);
    struct fs_list all, miss_loaded, miss_files;
    fs_list_init(&all);
    fs_list_init(&miss_loaded);
    fs_list_init(&miss_files);
    for (size_t i = 0; i < n; i++) {
        fs_list_add(&all, shown[i]);
        if (!loaded[i])
            fs_list_add(&miss_loaded, shown[i]);
        if (!files[i])
            fs_list_add(&miss_files, shown[i]);
    }
    if (have_auditctl && !miss_loaded.count)
        fs_verdict_set(v, FS_RESULT_PASS, "loaded audit rules (auditctl -l) record %s of %s", what,
                       fs_list_str(&all));
    else if (have_auditctl)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "loaded audit rules (auditctl -l) lack a -p %s watch on %s%s", need,
                       fs_list_str(&miss_loaded),
                       !miss_files.count ? " (the rule files have them: not loaded)" : "");
    else if (miss_files.count)
        fs_verdict_set(v, FS_RESULT_FAIL,
                       "auditctl is not installed, so no audit rules are loaded, and the rule "
                       "files lack a -p %s watch on %s",
                       need, fs_list_str(&miss_files));
    else
        fs_verdict_set(v, FS_RESULT_ERROR,
                       "the rule files (%zu rules) record %s of %s, but auditctl is not "
                       "installed: whether they are loaded cannot be told (not proven loaded)",
                       nfile, what, fs_list_str(&all));
    fs_list_dispose(&all);
    fs_list_dispose(&miss_loaded);
    fs_list_dispose(&miss_files);
}

void fs_check_audit_rules_identity(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    /* SSG's audit_rules_usergroup_modification, and the catalog's sudoers */
    static const char *const paths[] = {"/etc/passwd",           "/etc/group",
                                        "/etc/shadow",           "/etc/gshadow",
                                        "/etc/security/opasswd", "/etc/sudoers"};
    const struct fs_fact *f = fs_check_fact(ctx, v, "audit_rules");
    if (f)
        audit_judge(f, v, paths, paths, sizeof paths / sizeof paths[0], "wa",
                    "writes and attribute changes (-p wa)");
}

/* Reads of signing keys must leave a record (-p r at least, on the key directory or above it),
 * judged on the loaded rules as audit_rules_identity is: rule files alone prove nothing. */
void fs_check_audit_rules_signing_keys(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "audit_rules");
    if (!f)
        return;
    char dirs[FS_AUDIT_PATHS_MAX][256], shown[FS_AUDIT_PATHS_MAX][256];
    const char *paths[FS_AUDIT_PATHS_MAX], *names[FS_AUDIT_PATHS_MAX];
    size_t n = 0, pos = 0;
    struct fs_line l;
    while (fs_next_line(f, &pos, &l)) {
        if (!(l.len > 4 && memcmp(l.s, "dir ", 4) == 0))
            continue;
        if (n == FS_AUDIT_PATHS_MAX) {
            fs_verdict_set(v, FS_RESULT_ERROR, "more than %d signing key directories: not judged",
                           FS_AUDIT_PATHS_MAX);
            return;
        }
        fs_line_raw((struct fs_line){l.s + 4, l.len - 4}, dirs[n], sizeof dirs[n]);
        fs_line_str((struct fs_line){dirs[n], strlen(dirs[n])}, shown[n], sizeof shown[n]);
        paths[n] = dirs[n];
        names[n] = shown[n];
        n++;
    }
    if (!n)
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE,
                       "none of the signing key directories exists (var_signing_key_dirs)");
    else
        audit_judge(f, v, paths, names, n, "r", "reads (-p r)");
}

void fs_check_audit_rules_immutable(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_check_fact(ctx, v, "audit_rules");
    if (!f)
        return;
    if (!prefixed(f, "# auditctl", NULL)) {
        fs_verdict_set(v, FS_RESULT_FAIL, "auditctl is not installed: no audit rules are loaded");
        return;
    }
    struct fs_list st;
    fs_list_init(&st);
    prefixed(f, "status enabled ", &st);
    bool immutable = strcmp(fs_list_str(&st), "2") == 0;
    fs_verdict_set(v, immutable ? FS_RESULT_PASS : FS_RESULT_FAIL, "audit enabled %s%s",
                   st.count ? fs_list_str(&st) : "unknown",
                   immutable ? " (rules locked until reboot)" : " (rules can be changed: -e 2)");
    fs_list_dispose(&st);
}

/* ---- what sudo runs is recorded (fact sudoers). sudoers(5): sudo logs through syslog
 * (facility authpriv) unless "Defaults !syslog"; syslog records the commands it allows only
 * at the priority syslog_goodpri, which "!syslog_goodpri" or "syslog_goodpri=none" turns off;
 * "logfile=PATH" and "log_servers=HOST" log as well; "!log_allowed" (sudo 1.8.29 and later)
 * stops logging the commands it allows to all of them. Scoped Defaults (Defaults:user, @host,
 * >runas, !command, with a list of bindings) apply after the global ones, whatever their
 * order in the file. */

#define SUDO_MAX_SCOPES 32
#define SUDO_MAX_LINE   4096

struct sudo_log {
    int syslog, goodpri, allowed, file, servers; /* -1 not set here, 0 off, 1 on */
    char facility[32], logfile[160], scope[256];
};

static void sudo_log_init(struct sudo_log *s, const char *scope, size_t len)
{
    *s = (struct sudo_log){.syslog = -1, .goodpri = -1, .allowed = -1, .file = -1, .servers = -1};
    fs_line_str((struct fs_line){scope, len}, s->scope, sizeof s->scope);
}

static void sudo_copy_value(char *out, size_t outlen, const char *val)
{
    size_t n = strlen(val);
    if (n >= 2 && val[0] == '"' && val[n - 1] == '"') {
        val++;
        n -= 2;
    }
    fs_line_str((struct fs_line){val, n}, out, outlen);
}

/* One option of a Defaults line ("!syslog", "syslog=local3", "logfile = /x", ...). */
static void sudo_option(struct sudo_log *s, char *opt)
{
    char *end = opt + strlen(opt);
    while (end > opt && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    opt += strspn(opt, " \t");
    size_t bangs = strspn(opt, "!");
    opt += bangs;
    bool on = bangs % 2 == 0;
    char *eq = strchr(opt, '=');
    const char *val = "";
    if (eq) {
        char *k = eq;
        if (k > opt && (k[-1] == '+' || k[-1] == '-'))
            k--;
        if (*k == '-')
            return; /* removes an entry from a list: neither turns logging on nor off */
        *k = '\0';
        val = eq + 1 + strspn(eq + 1, " \t");
        while (k > opt && (k[-1] == ' ' || k[-1] == '\t'))
            *--k = '\0';
    }
    if (strcmp(opt, "syslog") == 0) {
        s->syslog = on;
        if (on && *val)
            sudo_copy_value(s->facility, sizeof s->facility, val);
    } else if (strcmp(opt, "syslog_goodpri") == 0) {
        /* negated or "none": allowed commands are not sent to syslog (sudoers(5)) */
        char pri[16];
        sudo_copy_value(pri, sizeof pri, val);
        if (!on || strcmp(pri, "none") == 0)
            s->goodpri = 0;
        else if (*val)
            s->goodpri = 1;
    } else if (strcmp(opt, "log_allowed") == 0) {
        s->allowed = on;
    } else if (strcmp(opt, "logfile") == 0) {
        if (!on) {
            s->file = 0;
        } else if (*val) {
            s->file = 1;
            sudo_copy_value(s->logfile, sizeof s->logfile, val);
        }
    } else if (strcmp(opt, "log_servers") == 0) {
        s->servers = on && *val;
    }
}

/* The options of a Defaults line (after its Defaults word), split at commas outside quotes, up
 * to a comment. */
static void sudo_options(struct sudo_log *s, char *opts)
{
    bool quoted = false;
    char *start = opts;
    for (char *p = opts;; p++) {
        if (*p == '"')
            quoted = !quoted;
        bool comment = *p == '#' && !quoted && (p == opts || p[-1] == ' ' || p[-1] == '\t');
        if (*p == '\0' || comment || (*p == ',' && !quoted)) {
            char c = *p;
            *p = '\0';
            sudo_option(s, start);
            if (c != ',')
                return;
            start = p + 1;
        }
    }
}

static void sudo_overlay(struct sudo_log *to, const struct sudo_log *from)
{
    if (from->syslog >= 0) {
        to->syslog = from->syslog;
        if (from->facility[0])
            memcpy(to->facility, from->facility, sizeof to->facility);
    }
    if (from->goodpri >= 0)
        to->goodpri = from->goodpri;
    if (from->allowed >= 0)
        to->allowed = from->allowed;
    if (from->file >= 0) {
        to->file = from->file;
        memcpy(to->logfile, from->logfile, sizeof to->logfile);
    }
    if (from->servers >= 0)
        to->servers = from->servers;
}

/* Whether syslog records the commands sudo allows: syslog and syslog_goodpri both on. */
static bool sudo_syslog_records(const struct sudo_log *s)
{
    return s->syslog != 0 && s->goodpri != 0;
}

/* Adds why the commands of a scope (or of all, scope "Defaults") go unrecorded; false when they
 * are recorded. */
static bool sudo_unlogged(const struct sudo_log *eff, const char *scope, struct fs_list *bad)
{
    char item[320];
    if (eff->allowed == 0)
        snprintf(item, sizeof item, "%s !log_allowed", scope);
    else if (!sudo_syslog_records(eff) && eff->file != 1 && eff->servers != 1)
        snprintf(item, sizeof item, "%s %s and no logfile or log_servers", scope,
                 eff->syslog == 0 ? "!syslog" : "!syslog_goodpri");
    else
        return false;
    fs_list_add(bad, item);
    return true;
}

/* The bindings of a scoped Defaults line, p just after its type character (sudo's lexer: blanks
 * may follow it; items, quoted or not, joined by commas with blanks around them; then blanks
 * and the options). Writes "Defaults" TYPE ITEM[,ITEM...] to key and returns the options, or
 * NULL when the line cannot be split so. */
static char *sudo_scope(char type, char *p, char *key, size_t keylen)
{
    int k = snprintf(key, keylen, "Defaults%c", type);
    p += strspn(p, " \t");
    for (;;) {
        char *item = p;
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (*p++ != '"')
                return NULL; /* no closing quote */
        } else {
            for (; *p && *p != ' ' && *p != '\t' && *p != ','; p++)
                if (*p == '\\' && p[1])
                    p++;
        }
        size_t n = (size_t)(p - item);
        if (!n || strspn(item, "!") >= n)
            return NULL; /* an empty item, or a negation standing apart from its name */
        if (k < 0 || (size_t)k + n + 2 > keylen)
            return NULL;
        k += snprintf(key + k, keylen - (size_t)k, "%s%.*s", k > 9 ? "," : "", (int)n, item);
        char *q = p + strspn(p, " \t");
        if (*q != ',') {
            /* blanks, then options */
            return q > p && *q && *q != '#' ? q : NULL;
        }
        p = q + 1 + strspn(q + 1, " \t");
    }
}

void fs_check_sudo_commands_logged(const struct fs_check_ctx *ctx, struct fs_verdict *v)
{
    const struct fs_fact *f = fs_sudoers_fact(ctx, v);
    if (!f)
        return;
    if (f->len == 0) {
        fs_verdict_set(v, FS_RESULT_ERROR, "sudo is installed but no sudoers line was read");
        return;
    }
    struct sudo_log global, scopes[SUDO_MAX_SCOPES];
    size_t nscopes = 0;
    bool overflow = false;
    sudo_log_init(&global, "Defaults", 8);
    size_t pos = 0;
    struct fs_line l;
    char line[SUDO_MAX_LINE];
    size_t used = 0;
    bool cut = false;
    while (fs_next_line(f, &pos, &l)) {
        /* a line ending in a backslash goes on in the next one */
        bool more = l.len && l.s[l.len - 1] == '\\';
        size_t pl = more ? l.len - 1 : l.len;
        if (cut) {
            /* the rest of a line already cut */
        } else if (used + pl + 2 <= sizeof line) {
            fs_line_raw((struct fs_line){l.s, pl}, line + used, sizeof line - used);
            used += pl;
            line[used++] = ' ';
            line[used] = '\0';
        } else {
            /* keeps what fits, so that the line's start (Defaults or not) is known */
            fs_line_raw((struct fs_line){l.s, pl}, line + used, sizeof line - used);
            cut = true;
        }
        if (more)
            continue;
        bool was_cut = cut;
        used = 0;
        cut = false;
        char *p = line + strspn(line, " \t");
        if (strncmp(p, "Defaults", 8) != 0)
            continue;
        if (was_cut) {
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "a Defaults line longer than %d bytes was not read: not judged",
                           SUDO_MAX_LINE - 2);
            return;
        }
        if (p[8] == ' ' || p[8] == '\t') { /* Defaults for all */
            sudo_options(&global, p + 8);
            continue;
        }
        if (p[8] == '\0' || !strchr(":@>!", p[8]))
            continue; /* a word such as Defaults_x */
        char key[sizeof global.scope];
        char *opts = sudo_scope(p[8], p + 9, key, sizeof key);
        if (!opts) {
            char shown[120];
            fs_line_str((struct fs_line){p, strlen(p)}, shown, sizeof shown);
            fs_verdict_set(v, FS_RESULT_ERROR, "a scoped Defaults line that was not read: %s",
                           shown);
            return;
        }
        struct sudo_log *s = NULL, named;
        sudo_log_init(&named, key, strlen(key)); /* the scope as shown, to compare */
        for (size_t i = 0; i < nscopes && !s; i++)
            if (strcmp(scopes[i].scope, named.scope) == 0)
                s = &scopes[i];
        if (!s && nscopes < SUDO_MAX_SCOPES) {
            s = &scopes[nscopes++];
            *s = named;
        }
        if (s)
            sudo_options(s, opts);
        else
            overflow = true;
    }
    if (overflow) {
        fs_verdict_set(v, FS_RESULT_ERROR, "more than %d scoped Defaults: not judged",
                       SUDO_MAX_SCOPES);
        return;
    }
    struct fs_list bad;
    fs_list_init(&bad);
    /* when all are unrecorded, that says it for every scope too */
    bool all = sudo_unlogged(&global, "Defaults", &bad);
    for (size_t i = 0; i < nscopes && !all; i++) {
        struct sudo_log eff = global;
        sudo_overlay(&eff, &scopes[i]);
        sudo_unlogged(&eff, scopes[i].scope, &bad);
    }
    if (bad.count) {
        fs_verdict_set(v, FS_RESULT_FAIL, "the commands sudo runs are not recorded: %s",
                       fs_list_str(&bad));
    } else {
        char where[320];
        int w = 0;
        where[0] = '\0';
        if (sudo_syslog_records(&global))
            w += snprintf(where + w, sizeof where - (size_t)w, "syslog (facility %s)",
                          global.facility[0] ? global.facility : "authpriv");
        if (global.file == 1 && (size_t)w < sizeof where)
            w += snprintf(where + w, sizeof where - (size_t)w, "%s%s", w ? ", " : "",
                          global.logfile);
        if (global.servers == 1 && (size_t)w < sizeof where)
            snprintf(where + w, sizeof where - (size_t)w, "%slog_servers", w ? ", " : "");
        fs_verdict_set(v, FS_RESULT_PASS, "sudo records the commands it runs: %s%s", where,
                       nscopes ? " (scoped Defaults as well)" : "");
    }
    fs_list_dispose(&bad);
}
