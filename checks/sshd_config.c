/* SPDX-License-Identifier: Apache-2.0 */
/* The OpenSSH server's effective configuration, from sshd -T or from its files. */
#include "sshd_config.h"
#include "check_util.h"
#include "../scanner/core/ssh_words.h"
#include "../scanner/core/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* OpenSSH 9's compiled-in defaults (sshd -T with an empty configuration) for the settings
 * the rules judge; used only where sshd -T cannot run and the files leave a setting unset. */
static const struct {
    const char *key, *val;
} defaults[] = {
    {"allowtcpforwarding", "yes"},
    {"ciphers", "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
                "aes128-gcm@openssh.com,aes256-gcm@openssh.com"},
    {"clientalivecountmax", "3"},
    {"clientaliveinterval", "0"},
    {"gatewayports", "no"},
    {"kbdinteractiveauthentication", "yes"},
    {"kexalgorithms", "sntrup761x25519-sha512@openssh.com,curve25519-sha256,"
                      "curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
                      "ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,"
                      "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
                      "diffie-hellman-group14-sha256"},
    {"logingracetime", "120"},
    {"macs", "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
             "hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,"
             "umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1"},
    {"maxauthtries", "6"},
    {"passwordauthentication", "yes"},
    {"permitemptypasswords", "no"},
    {"permitrootlogin", "prohibit-password"},
    {"permittunnel", "no"},
    {"x11forwarding", "no"},
};

/* Keywords whose values sshd -T prints in lower case (the files may say "Yes"). */
static const char *const folded[] = {
    "allowagentforwarding",
    "allowtcpforwarding",
    "challengeresponseauthentication",
    "gatewayports",
    "kbdinteractiveauthentication",
    "passwordauthentication",
    "permitemptypasswords",
    "permitrootlogin",
    "permittunnel",
    "usepam",
    "x11forwarding",
};

/* Older spellings sshd -T prints under their current name. */
static const struct {
    const char *old, *now;
} aliases[] = {
    {"challengeresponseauthentication", "kbdinteractiveauthentication"},
};

void fs_sshd_dispose(struct fs_sshd *s)
{
    for (size_t i = 0; i < s->n; i++)
        fs_kvlist_dispose(&s->views[i].settings);
    s->n = 0;
}

static struct fs_sshd_view *add_view(struct fs_sshd *s, const char *label)
{
    if (s->n >= FS_SSHD_MAX_VIEWS)
        return NULL;
    struct fs_sshd_view *w = &s->views[s->n++];
    snprintf(w->label, sizeof w->label, "%s", label);
    fs_kvlist_init(&w->settings);
    return w;
}

bool fs_sshd_seconds(const char *s, long *out)
{
    long total = 0;
    if (!*s)
        return false;
    while (*s) {
        if (!isdigit((unsigned char)*s))
            return false;
        long n = 0;
        while (isdigit((unsigned char)*s)) {
            if (n > 100000000)
                return false;
            n = n * 10 + (*s++ - '0');
        }
        long mul = 1;
        switch (tolower((unsigned char)*s)) {
        case '\0':
            break;
        case 's':
            mul = 1;
            s++;
            break;
        case 'm':
            mul = 60;
            s++;
            break;
        case 'h':
            mul = 3600;
            s++;
            break;
        case 'd':
            mul = 86400;
            s++;
            break;
        case 'w':
            mul = 604800;
            s++;
            break;
        default:
            return false;
        }
        total += n * mul;
    }
    *out = total;
    return true;
}

/* An algorithm list in the files may start with + (append to the default), - (remove) or
 * ^ (put first); sshd -T prints the result, so compute it the same way. */
static void apply_list(const char *key, const char *val, char *out, size_t outlen)
{
    const char *base = NULL;
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (strcmp(defaults[i].key, key) == 0)
            base = defaults[i].val;
    if (!base || (val[0] != '+' && val[0] != '-' && val[0] != '^')) {
        snprintf(out, outlen, "%s", val);
        return;
    }
    if (val[0] == '+')
        snprintf(out, outlen, "%.1000s,%.2000s", base, val + 1);
    else if (val[0] == '^')
        snprintf(out, outlen, "%.2000s,%.1000s", val + 1, base);
    else {
        /* '-': keep the default's entries not named in the list */
        char copy[2048];
        size_t n = 0;
        snprintf(copy, sizeof copy, "%s", base);
        out[0] = '\0';
        char *save = NULL;
        for (char *a = strtok_r(copy, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
            char want[260];
            snprintf(want, sizeof want, ",%s,", a);
            char list[4200];
            snprintf(list, sizeof list, ",%.4100s,", val + 1);
            if (strstr(list, want))
                continue;
            int w = snprintf(out + n, outlen - n, "%s%s", n ? "," : "", a);
            if (w < 0 || (size_t)w >= outlen - n)
                break;
            n += (size_t)w;
        }
    }
}

/* Splits a configuration line into a lower-case keyword and its value (first-wins is the
 * caller's) as sshd's process_server_config_line() does: the keyword is the first token, or the
 * second when the first is empty (a line led by white space or '='), its quotes dropped
 * ("Match", =Match and Ma"tch" are all Match to sshd). Returns false for blank lines, comments
 * and lines sshd ignores. */
static bool split_setting(const char *line, char *key, size_t keylen, char *val, size_t vallen)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", line);
    size_t len = strlen(buf);
    while (len && strchr(FS_SSH_WS "\f", buf[len - 1]))
        buf[--len] = '\0';
    char *str = buf;
    char *kw = fs_ssh_keyword(&str);
    if (!kw)
        return false;
    size_t k = strlen(kw);
    if (k >= keylen)
        return false;
    for (size_t i = 0; i < k; i++)
        key[i] = (char)tolower((unsigned char)kw[i]);
    key[k] = '\0';
    const char *v = str ? str : "";
    snprintf(val, vallen, "%s", v);
    size_t n = strlen(val);
    while (n && (val[n - 1] == ' ' || val[n - 1] == '\t' || val[n - 1] == '\r'))
        val[--n] = '\0';
    if (n >= 2 && val[0] == '"' && val[n - 1] == '"') {
        memmove(val, val + 1, n - 2);
        val[n - 2] = '\0';
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(key, aliases[i].old) == 0)
            snprintf(key, keylen, "%s", aliases[i].now);
    for (size_t i = 0; i < sizeof folded / sizeof folded[0]; i++)
        if (strcmp(key, folded[i]) == 0)
            for (char *c = val; *c; c++)
                *c = (char)tolower((unsigned char)*c);
    if (strcmp(key, "permitrootlogin") == 0 && strcmp(val, "without-password") == 0)
        snprintf(val, vallen, "prohibit-password");
    if (strcmp(key, "logingracetime") == 0 || strcmp(key, "clientaliveinterval") == 0) {
        long secs;
        if (fs_sshd_seconds(val, &secs))
            snprintf(val, vallen, "%ld", secs);
    }
    return true;
}

/* Sets key in a view unless an earlier line already did (sshd: the first value wins). */
static int first_wins(struct fs_kvlist *set, struct fs_kvlist *seen, const char *key,
                      const char *val)
{
    if (fs_kvlist_get(seen, key))
        return FS_OK;
    char eff[4096];
    apply_list(key, val, eff, sizeof eff);
    int rc = fs_kvlist_set(seen, key, "1");
    return rc ? rc : fs_kvlist_set(set, key, eff);
}

/* sshd -T output: "context <label>" sections of "keyword value" lines, up to the "files"
 * line; *files is where the files begin (f->len when they do not follow). */
static bool load_dump(const struct fs_fact *f, struct fs_verdict *v, struct fs_sshd *s,
                      size_t *files)
{
    size_t pos = 0;
    struct fs_line l;
    struct fs_sshd_view *cur = NULL;
    snprintf(s->source, sizeof s->source, "sshd -T");
    *files = f->len;
    while (fs_next_line(f, &pos, &l)) {
        char raw[4096];
        fs_line_raw(l, raw, sizeof raw);
        if (strcmp(raw, "files") == 0) {
            *files = pos;
            break;
        }
        if (strncmp(raw, "context ", 8) == 0) {
            const char *label = raw + 8;
            char buf[160];
            if (strcmp(label, "global") == 0)
                buf[0] = '\0';
            else
                snprintf(buf, sizeof buf, "for %.100s (Match applied by sshd -T -C)", label);
            cur = add_view(s, buf);
            if (!cur) {
                fs_verdict_set(v, FS_RESULT_ERROR, "sshd_effective: too many contexts");
                return false;
            }
            continue;
        }
        if (!cur || strncmp(raw, "source ", 7) == 0)
            continue;
        char *sp = strchr(raw, ' ');
        if (!sp || sp == raw)
            continue;
        *sp = '\0';
        for (char *c = raw; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        if (!fs_kvlist_get(&cur->settings, raw) && fs_kvlist_set(&cur->settings, raw, sp + 1)) {
            fs_verdict_set(v, FS_RESULT_ERROR, "out of memory reading sshd -T");
            return false;
        }
    }
    return true;
}

/* The files from pos on: "file P" ... "= line" ... "end P", Include files in place. With
 * matches_only (sshd -T gave the global view), only the Match blocks count: each becomes a view
 * of the global settings with its own on top. */
static bool load_config(const struct fs_fact *f, struct fs_verdict *v, struct fs_sshd *s,
                        size_t pos, bool matches_only)
{
    struct fs_kvlist gseen, mseen;
    fs_kvlist_init(&gseen);
    fs_kvlist_init(&mseen);
    size_t first_match = matches_only ? s->n : 1;
    struct fs_sshd_view *global = matches_only ? &s->views[0] : add_view(s, "");
    struct fs_sshd_view *match = NULL;
    char file[256] = "", why[200] = "";
    int depth = 0, match_depth = -1;
    bool ok = true, any = matches_only;
    struct fs_line l;
    while (ok && fs_next_line(f, &pos, &l)) {
        char raw[4096];
        fs_line_raw(l, raw, sizeof raw);
        if (strncmp(raw, "include-too-deep ", 17) == 0) {
            fs_verdict_set(v, FS_RESULT_ERROR, "sshd_config: Include nested deeper than 8 levels");
            ok = false;
        } else if (strncmp(raw, "include-unread ", 15) == 0) {
            char what[200];
            fs_line_str((struct fs_line){l.s + 15, l.len - 15}, what, sizeof what);
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "sshd_config: Include %s names a file with a blank in quotes, which "
                           "the collector does not follow: Match blocks there are not judged",
                           what);
            ok = false;
        } else if (strncmp(raw, "why ", 4) == 0) {
            fs_line_str((struct fs_line){l.s + 4, l.len - 4}, why, sizeof why);
        } else if (strncmp(raw, "file ", 5) == 0) {
            depth++;
            fs_line_str((struct fs_line){l.s + 5, l.len - 5}, file, sizeof file);
        } else if (strncmp(raw, "end ", 4) == 0) {
            if (match && depth <= match_depth)
                match = NULL; /* a Match block ends with the file it is in */
            depth--;
        } else if (strncmp(raw, "= ", 2) == 0) {
            char key[64], val[4096];
            if (!split_setting(raw + 2, key, sizeof key, val, sizeof val))
                continue;
            any = true;
            if (strcmp(key, "include") == 0)
                continue;
            if (strcmp(key, "match") == 0) {
                char label[160];
                snprintf(label, sizeof label, "Match %.80s (%.60s)", val, file);
                match = add_view(s, label);
                match_depth = depth;
                fs_kvlist_dispose(&mseen);
                fs_kvlist_init(&mseen);
                if (!match) {
                    fs_verdict_set(v, FS_RESULT_ERROR,
                                   "more than %d Match blocks in sshd_config: not judged",
                                   FS_SSHD_MAX_VIEWS - 1);
                    ok = false;
                }
                continue;
            }
            if (!match && matches_only)
                continue; /* sshd -T gave the global settings, as sshd itself reads them */
            if (first_wins(match ? &match->settings : &global->settings, match ? &mseen : &gseen,
                           key, val)) {
                fs_verdict_set(v, FS_RESULT_ERROR, "out of memory reading sshd_config");
                ok = false;
            }
        }
    }
    if (ok && !any) {
        fs_verdict_set(v, FS_RESULT_ERROR, "sshd -T failed (%s) and sshd_config holds no setting",
                       why[0] ? why : "no reason given");
        ok = false;
    }
    /* Unset settings take OpenSSH's defaults; a Match view is the global one plus its own. */
    for (size_t i = 0; ok && !matches_only && i < sizeof defaults / sizeof defaults[0]; i++)
        if (!fs_kvlist_get(&global->settings, defaults[i].key) &&
            fs_kvlist_set(&global->settings, defaults[i].key, defaults[i].val))
            ok = false;
    for (size_t i = first_match; ok && i < s->n; i++)
        for (size_t k = 0; k < global->settings.n; k++) {
            const struct fs_kv *kv = &global->settings.items[k];
            if (!fs_kvlist_get(&s->views[i].settings, kv->key) &&
                fs_kvlist_set(&s->views[i].settings, kv->key, kv->val))
                ok = false;
        }
    if (!matches_only)
        snprintf(s->source, sizeof s->source,
                 "read from sshd_config and its Include files, OpenSSH defaults where unset, "
                 "because sshd -T failed: %.180s",
                 why[0] ? why : "no reason given");
    fs_kvlist_dispose(&gseen);
    fs_kvlist_dispose(&mseen);
    return ok;
}

bool fs_sshd_load(const struct fs_check_ctx *ctx, struct fs_verdict *v, struct fs_sshd *s)
{
    memset(s, 0, sizeof *s);
    const struct fs_fact *f = fs_check_fact(ctx, v, "sshd_effective");
    if (!f)
        return false;
    if (!fs_fact_is_text(f)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "sshd_effective holds binary data");
        return false;
    }
    size_t pos = 0;
    struct fs_line first;
    if (!fs_next_line(f, &pos, &first)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "sshd_effective is empty");
        return false;
    }
    bool ok;
    if (first.len > 7 && strncmp(first.s, "absent ", 7) == 0) {
        char why[300];
        fs_line_str((struct fs_line){first.s + 7, first.len - 7}, why, sizeof why);
        fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no OpenSSH server: %s", why);
        return false;
    } else if (fs_line_eq(first, "source sshd -T")) {
        size_t files;
        ok = load_dump(f, v, s, &files);
        if (ok && s->n && s->views[0].settings.n && files < f->len) {
            ok = load_config(f, v, s, files, true);
            snprintf(s->source, sizeof s->source,
                     "sshd -T; Match blocks it cannot evaluate read from sshd_config");
        }
    } else if (fs_line_eq(first, "source config")) {
        ok = load_config(f, v, s, 0, false);
    } else {
        fs_verdict_set(v, FS_RESULT_ERROR, "sshd_effective: unknown source (malformed output)");
        return false;
    }
    if (ok && (s->n == 0 || s->views[0].settings.n == 0)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "sshd_effective: no setting found (malformed output)");
        ok = false;
    }
    if (!ok)
        fs_sshd_dispose(s);
    return ok;
}

void fs_sshd_judge(const struct fs_check_ctx *ctx, struct fs_verdict *v, fs_sshd_judge_fn fn,
                   const void *arg)
{
    struct fs_sshd s;
    if (!fs_sshd_load(ctx, v, &s))
        return;
    struct fs_list bad;
    fs_list_init(&bad);
    char global_ev[1024] = "", err[1400] = "";
    bool error = false;
    for (size_t i = 0; i < s.n; i++) {
        char ev[1024] = "";
        enum fs_result r = fn(&s.views[i].settings, arg, ev, sizeof ev);
        char item[1300];
        snprintf(item, sizeof item, "%s%s%s", s.views[i].label, s.views[i].label[0] ? ": " : "",
                 ev);
        if (i == 0)
            snprintf(global_ev, sizeof global_ev, "%s", ev);
        if (r == FS_RESULT_ERROR && !error) {
            error = true;
            snprintf(err, sizeof err, "%s", item);
        } else if (r == FS_RESULT_FAIL && (i == 0 || strcmp(ev, global_ev) != 0 || !bad.count)) {
            /* a context like the global one adds nothing to say, unless it is the only one */
            fs_list_add(&bad, item);
        }
    }
    if (error)
        fs_verdict_set(v, FS_RESULT_ERROR, "%s (%s)", err, s.source);
    else if (bad.count)
        fs_verdict_set(v, FS_RESULT_FAIL, "%s (%s)", fs_list_str(&bad), s.source);
    else
        fs_verdict_set(v, FS_RESULT_PASS, "%s%s (%s)", global_ev,
                       s.n > 1 ? "; the same in every Match context evaluated" : "", s.source);
    fs_list_dispose(&bad);
    fs_sshd_dispose(&s);
}
