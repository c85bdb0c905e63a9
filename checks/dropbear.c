/* SPDX-License-Identifier: Apache-2.0 */
/* The dropbear SSH server's contexts (fact dropbear) and their merge with the OpenSSH verdict. */
#include "dropbear.h"
#include "check_util.h"
#include "../scanner/core/util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CTX  16
#define MAX_BIN  8
#define MAX_ARGS 80
#define MAX_VARS 32

struct dropbear {
    struct fs_dropbear_bin bins[MAX_BIN];
    size_t nbins;
    struct fs_dropbear_opts ctx[MAX_CTX];
    size_t nctx;
    char installed[256]; /* "bin PATH": the program a restart or inetd runs */
    char absent[320];    /* "absent ..." */
    char dedupe[MAX_CTX][1024];
    long pid[MAX_CTX];   /* a process context's first pid (0: not a process) */
    long low[MAX_CTX];   /* its lowest pid */
    long nmore[MAX_CTX]; /* how many more processes have its command line */
    bool cut;            /* more contexts than fit, or "procmore" */
    bool started;        /* a context starts the installed program (inetd, restart, process) */
};

/* Options that take a value (dropbear 2022.83 and later: svr-runopts.c); every other letter it
 * knows is a flag. */
static const char with_value[] = "bcdrD2pPlGWKIMTQA";
static const char flags[] = "RFEejkaimwsgBthuvVz";

bool fs_dropbear_offers(const struct fs_dropbear_bin *b, char c)
{
    return b && b->help && strchr(b->usage_opts, c) != NULL;
}

bool fs_dropbear_has_tok(const struct fs_dropbear_bin *b, const char *name)
{
    char want[80];
    snprintf(want, sizeof want, ",%s,", name);
    return b && strstr(b->toks, want) != NULL;
}

bool fs_dropbear_unread(const struct fs_dropbear_opts *o, char *ev, size_t evlen)
{
    if (!o->why[0])
        return false;
    snprintf(ev, evlen, "with options not read: %s", o->why);
    return true;
}

bool fs_dropbear_toks_unread(const struct fs_dropbear_opts *o, const char *const *kinds, char *ev,
                             size_t evlen)
{
    if (!o->bin) {
        snprintf(ev, evlen, "from a binary the collector did not read");
        return true;
    }
    if (o->bin->big[0]) {
        snprintf(ev, evlen,
                 "from %.200s, whose names were not read (size %.30s: larger than the collector "
                 "reads)",
                 o->bin->key, o->bin->big);
        return true;
    }
    for (const char *const *k = kinds; *k; k++) {
        char want[40];
        snprintf(want, sizeof want, ",%s", *k);
        if (strstr(o->bin->toks, want))
            return false;
    }
    snprintf(ev, evlen,
             "from %.200s, in which none of the expected algorithm names was found (a packed "
             "binary, or not dropbear)",
             o->bin->key);
    return true;
}

/* m_str_to_uint: a whole decimal number up to UINT_MAX. */
static bool to_uint(const char *s, long *out)
{
    if (!isdigit((unsigned char)*s))
        return false;
    errno = 0;
    char *end = NULL;
    unsigned long l = strtoul(s, &end, 10);
    if (*end || errno || l > 4294967295UL)
        return false;
    *out = (long)l;
    return true;
}

bool fs_dropbear_parse_args(struct fs_dropbear_opts *o, char *const *argv, size_t argc)
{
    o->w = o->s = o->g = o->B = o->j = o->k = o->a = false;
    o->T = o->I = o->K = -1;
    o->G[0] = '\0';
    for (size_t i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0') {
            snprintf(o->why, sizeof o->why, "argument '%.60s' is not an option", a);
            return false;
        }
        char opt = 0;
        size_t j = 1;
        for (; a[j]; j++) {
            char c = a[j];
            if (c && strchr(with_value, c)) {
                opt = c;
                j++;
                break;
            }
            if (!strchr(flags, c)) {
                snprintf(o->why, sizeof o->why, "option -%c is not known",
                         isprint((unsigned char)c) ? c : '?');
                return false;
            }
            o->w |= c == 'w';
            o->s |= c == 's';
            o->g |= c == 'g';
            o->B |= c == 'B';
            o->j |= c == 'j';
            o->k |= c == 'k';
            o->a |= c == 'a';
        }
        if (!opt)
            continue;
        const char *val = a + j;
        if (!*val) {
            if (++i >= argc) {
                snprintf(o->why, sizeof o->why, "option -%c has no value", opt);
                return false;
            }
            val = argv[i];
        }
        long *num = opt == 'T' ? &o->T : opt == 'I' ? &o->I : opt == 'K' ? &o->K : NULL;
        if (num && (!to_uint(val, num) || (opt == 'T' && *num == 0))) {
            snprintf(o->why, sizeof o->why, "-%c '%.40s' is not a number dropbear accepts", opt,
                     val);
            return false;
        }
        if (opt == 'G')
            snprintf(o->G, sizeof o->G, "%s", val);
    }
    return true;
}

static struct fs_dropbear_opts *add_ctx(struct dropbear *d, const char *label)
{
    if (d->nctx >= MAX_CTX) {
        d->cut = true;
        return NULL;
    }
    struct fs_dropbear_opts *o = &d->ctx[d->nctx++];
    memset(o, 0, sizeof *o);
    snprintf(o->label, sizeof o->label, "%.*s", (int)sizeof o->label - 1, label);
    o->T = o->I = o->K = -1;
    return o;
}

static const struct fs_dropbear_bin *find_bin(const struct dropbear *d, const char *key)
{
    for (size_t i = 0; i < d->nbins; i++)
        if (strcmp(d->bins[i].key, key) == 0)
            return &d->bins[i];
    return NULL;
}

/* The usage line "-T\t\tMaximum authentication tries (default 10)", "-w\t\tDisallow ...". */
static void read_help(struct fs_dropbear_bin *b, const char *line)
{
    b->help = true;
    const char *v = strstr(line, "Dropbear server v");
    if (v) {
        snprintf(b->version, sizeof b->version, "%.30s", v + 16);
        b->version[strcspn(b->version, " \t")] = '\0';
    }
    if (line[0] != '-' || !isalpha((unsigned char)line[1]) ||
        (line[2] && line[2] != ' ' && line[2] != '\t'))
        return;
    size_t n = strlen(b->usage_opts);
    if (n + 1 < sizeof b->usage_opts && !strchr(b->usage_opts, line[1])) {
        b->usage_opts[n] = line[1];
        b->usage_opts[n + 1] = '\0';
    }
    const char *def = strstr(line, "(default ");
    long t;
    if (line[1] == 'T' && def) {
        char num[16];
        size_t k = 0;
        for (def += 9; isdigit((unsigned char)*def) && k + 1 < sizeof num; def++)
            num[k++] = *def;
        num[k] = '\0';
        if (*def == ')' && fs_parse_long(num, &t))
            b->tries_default = t;
    }
}

/* A command line's words: "arg A" lines, \001 standing for a newline inside one. */
struct argv_buf {
    char *argv[MAX_ARGS];
    size_t argc;
    char store[8192];
    size_t used;
    bool cut;
};

static void argv_add(struct argv_buf *a, const char *s, size_t n)
{
    if (a->argc >= MAX_ARGS || a->used + n + 1 > sizeof a->store) {
        a->cut = true;
        return;
    }
    char *p = a->store + a->used;
    memcpy(p, s, n);
    p[n] = '\0';
    a->used += n + 1;
    a->argv[a->argc++] = p;
}

/* The program dropbearmulti runs for the name s (dbmulti.c's runprog): 1 the server, 0 another
 * of its programs, -1 none. */
static int multi_prog(const char *s)
{
    const char *b = strrchr(s, '/');
    b = b ? b + 1 : s;
    if (strcmp(b, "dropbear") == 0)
        return 1;
    static const char *const others[] = {"dbclient",        "ssh", "dropbearkey", "ssh-keygen",
                                         "dropbearconvert", "scp"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        if (strcmp(b, others[i]) == 0)
            return 0;
    return -1;
}

/* Where the server's arguments start: after argv[0]; a dropbearmulti runs the program named by
 * basename(argv[0]), else by basename(argv[1]) ("dropbearmulti dropbear -w"), as dbmulti.c.
 * SERVER_OTHER: it runs another program (dbclient, dropbearkey); SERVER_UNKNOWN: neither names
 * one (dropbearmulti would print its usage and exit: not understood). */
#define SERVER_OTHER   ((size_t)-1)
#define SERVER_UNKNOWN ((size_t)-2)
static size_t server_args_start(const struct argv_buf *a, bool multi)
{
    if (!multi)
        return 1;
    for (size_t i = 0; i < 2 && i < a->argc; i++) {
        int m = multi_prog(a->argv[i]);
        if (m >= 0)
            return m ? i + 1 : SERVER_OTHER;
    }
    return SERVER_UNKNOWN;
}

/* Ends a process's command line: a context, or its pid added to an identical one's label. */
static void end_proc(struct dropbear *d, const char *pid, const char *comm, const char *key,
                     struct argv_buf *a)
{
    if (!pid[0])
        return;
    size_t start = server_args_start(a, strcmp(comm, "dropbearmulti") == 0);
    if (start == SERVER_OTHER)
        return; /* dropbearmulti running another program (dbclient, dropbearkey) */
    bool unknown = start == SERVER_UNKNOWN || start > a->argc;
    if (unknown)
        start = a->argc;
    size_t argc = a->argc - start;
    /* a re-executed connection's "-2 FD" (svr-main.c) is not an option of the server */
    if (argc >= 2 && strcmp(a->argv[start + argc - 2], "-2") == 0)
        argc -= 2;
    char sig[1024];
    size_t n = (size_t)snprintf(sig, sizeof sig, "%s", key);
    for (size_t i = 0; i < argc && n < sizeof sig; i++)
        n += (size_t)snprintf(sig + n, sizeof sig - n, "\x02%s", a->argv[start + i]);
    /* a signature cut at its size could make two command lines look alike: never merged */
    if (n >= sizeof sig)
        sig[0] = '\0';
    long p = 1;
    if (!fs_parse_long(pid, &p) || p <= 0)
        p = 1; /* load() took only a number */
    for (size_t i = 0; sig[0] && !unknown && i < d->nctx; i++)
        if (d->pid[i] && strcmp(d->dedupe[i], sig) == 0) {
            d->nmore[i]++;
            if (p < d->low[i])
                d->low[i] = p;
            return;
        }
    struct fs_dropbear_opts *o = add_ctx(d, "");
    if (!o)
        return;
    snprintf(d->dedupe[d->nctx - 1], sizeof d->dedupe[0], "%s", sig);
    d->pid[d->nctx - 1] = d->low[d->nctx - 1] = p;
    if (d->installed[0] && strcmp(key, d->installed) == 0)
        d->started = true;
    o->bin = find_bin(d, key);
    if (unknown && a->argc == 0)
        snprintf(o->why, sizeof o->why, "its command line is empty");
    else if (unknown)
        snprintf(o->why, sizeof o->why,
                 "dropbearmulti runs no program it knows (neither argv[0] nor argv[1] names one)");
    else if (a->cut)
        snprintf(o->why, sizeof o->why, "its command line is longer than the collector reads");
    else
        (void)fs_dropbear_parse_args(o, a->argv + start, argc);
}

/* ---- /etc/default/dropbear: shell assignments, read without running them */

struct shvars {
    char name[MAX_VARS][40];
    char val[MAX_VARS][512];
    size_t n;
};

static const char *shvar_get(const struct shvars *v, const char *name)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->name[i], name) == 0)
            return v->val[i];
    return "";
}

static bool shvar_set(struct shvars *v, const char *name, const char *val)
{
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->name[i], name) == 0) {
            snprintf(v->val[i], sizeof v->val[i], "%s", val);
            return true;
        }
    if (v->n >= MAX_VARS)
        return false;
    snprintf(v->name[v->n], sizeof v->name[0], "%s", name);
    snprintf(v->val[v->n++], sizeof v->val[0], "%s", val);
    return true;
}

/* Appends $NAME or ${NAME} at *p to out; false for what a file read this way cannot follow. */
static bool expand(const struct shvars *v, const char **p, char *out, size_t outlen, size_t *n)
{
    const char *s = *p + 1;
    bool brace = *s == '{';
    s += brace;
    char name[40];
    size_t k = 0;
    while ((isalnum((unsigned char)*s) || *s == '_') && k + 1 < sizeof name)
        name[k++] = *s++;
    name[k] = '\0';
    if (!k || (brace && *s++ != '}'))
        return false;
    *n += (size_t)snprintf(out + *n, outlen - *n, "%s", shvar_get(v, name));
    if (*n >= outlen)
        return false;
    *p = s;
    return true;
}

/* One line: blank, a comment, or [export] NAME=VALUE with quoting and $NAME; false otherwise. */
static bool sh_line(struct shvars *v, const char *l)
{
    while (*l == ' ' || *l == '\t')
        l++;
    if (!*l || *l == '#')
        return true;
    if (strncmp(l, "export ", 7) == 0)
        for (l += 7; *l == ' ';)
            l++;
    char name[40];
    size_t k = 0;
    while ((isalnum((unsigned char)*l) || *l == '_') && k + 1 < sizeof name)
        name[k++] = *l++;
    name[k] = '\0';
    if (!k || *l++ != '=' || isdigit((unsigned char)name[0]))
        return false;
    char val[512];
    size_t n = 0;
    val[0] = '\0';
    while (*l && *l != ' ' && *l != '\t' && *l != ';') {
        if (*l == '\'') {
            const char *e = strchr(l + 1, '\'');
            if (!e || n + (size_t)(e - l) >= sizeof val)
                return false;
            memcpy(val + n, l + 1, (size_t)(e - l - 1));
            n += (size_t)(e - l - 1);
            val[n] = '\0';
            l = e + 1;
        } else if (*l == '"') {
            for (l++; *l && *l != '"';) {
                if (*l == '`' || (*l == '$' && l[1] == '('))
                    return false;
                if (*l == '$') {
                    if (!expand(v, &l, val, sizeof val, &n))
                        return false;
                    continue;
                }
                if (*l == '\\' && l[1])
                    l++;
                if (n + 1 >= sizeof val)
                    return false;
                val[n++] = *l++;
                val[n] = '\0';
            }
            if (*l++ != '"')
                return false;
        } else if (*l == '$') {
            if (l[1] == '(' || !expand(v, &l, val, sizeof val, &n))
                return false;
        } else if (*l == '`' || *l == '\\' || *l == '(' || *l == '|' || *l == '&') {
            return false;
        } else {
            if (n + 1 >= sizeof val)
                return false;
            val[n++] = *l++;
            val[n] = '\0';
        }
    }
    while (*l == ' ' || *l == '\t' || *l == ';')
        l++;
    if (*l && *l != '#')
        return false;
    return shvar_set(v, name, val);
}

/* The restart context from the "| LINE"s of /etc/default/dropbear. */
static void default_ctx(struct dropbear *d, const char *path, const struct fs_fact *f, size_t pos,
                        bool cut)
{
    char label[320];
    snprintf(label, sizeof label, "after a restart, %.200s starts dropbear", path);
    struct fs_dropbear_opts *o = add_ctx(d, label);
    if (!o)
        return;
    d->started = true;
    o->bin = d->installed[0] ? find_bin(d, d->installed) : NULL;
    struct shvars *vars = calloc(1, sizeof *vars);
    if (!vars) {
        snprintf(o->why, sizeof o->why, "out of memory reading %.100s", path);
        return;
    }
    struct fs_line l;
    size_t lineno = 0;
    while (fs_next_line(f, &pos, &l) && l.len >= 2 && l.s[0] == '|' && l.s[1] == ' ') {
        char raw[1100];
        lineno++;
        fs_line_raw((struct fs_line){l.s + 2, l.len - 2}, raw, sizeof raw);
        if (!sh_line(vars, raw)) {
            char shown[80];
            fs_line_str((struct fs_line){l.s + 2, l.len - 2 > 60 ? 60 : l.len - 2}, shown,
                        sizeof shown);
            snprintf(o->why, sizeof o->why, "line %zu of %.100s is not a plain assignment: %s",
                     lineno, path, shown);
            break;
        }
    }
    if (!o->why[0] && cut)
        snprintf(o->why, sizeof o->why, "%.100s is longer than the collector reads", path);
    if (!o->why[0]) {
        /* the init scripts expand these unquoted: word splitting, as here */
        char words[1100];
        snprintf(words, sizeof words, "%s %s", shvar_get(vars, "DROPBEAR_EXTRA_ARGS"),
                 shvar_get(vars, "DROPBEAR_ARGS"));
        struct argv_buf *a = calloc(1, sizeof *a);
        if (!a)
            snprintf(o->why, sizeof o->why, "out of memory reading %.100s", path);
        else {
            char *save = NULL;
            for (char *w = strtok_r(words, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
                argv_add(a, w, strlen(w));
            if (!fs_dropbear_parse_args(o, a->argv, a->argc)) {
                char why[240];
                snprintf(why, sizeof why, "%s", o->why);
                snprintf(o->why, sizeof o->why, "its DROPBEAR_EXTRA_ARGS: %.200s", why);
            }
            free(a);
        }
        if (strcmp(shvar_get(vars, "NO_START"), "1") == 0) {
            size_t n = strlen(o->label);
            snprintf(o->label + n, sizeof o->label - n, " (NO_START=1 stops only its init script)");
        }
    }
    free(vars);
}

/* An /etc/inetd.conf line: service socktype proto wait user server argv0 args...; NULL: one
 * longer than the collector reads ("inetdcut"). */
static void inetd_ctx(struct dropbear *d, const char *line)
{
    struct fs_dropbear_opts *o = add_ctx(d, "dropbear from /etc/inetd.conf runs");
    d->started = true;
    if (o && !line) {
        snprintf(o->why, sizeof o->why, "its inetd line is longer than the collector reads");
        return;
    }
    struct argv_buf *a = o ? calloc(1, sizeof *a) : NULL;
    if (!a) {
        if (o)
            snprintf(o->why, sizeof o->why, "out of memory");
        return;
    }
    char copy[1100];
    snprintf(copy, sizeof copy, "%s", line);
    char *save = NULL, *server = NULL;
    size_t field = 0;
    for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
        if (++field == 6)
            server = w;
        else if (field > 6)
            argv_add(a, w, strlen(w));
    o->bin = server ? find_bin(d, server) : NULL;
    if (!o->bin && d->installed[0])
        o->bin = find_bin(d, d->installed);
    const char *base = server ? strrchr(server, '/') : NULL;
    size_t start = server_args_start(a, strcmp(base     ? base + 1
                                               : server ? server
                                                        : "",
                                               "dropbearmulti") == 0);
    if (start > a->argc)
        snprintf(o->why, sizeof o->why, "its inetd line does not start the dropbear server");
    else if (!fs_dropbear_parse_args(o, a->argv + start, a->argc - start)) {
        char why[240];
        snprintf(why, sizeof why, "%s", o->why);
        snprintf(o->why, sizeof o->why, "its inetd arguments: %.200s", why);
    }
    free(a);
}

/* "procsame PID N LOW": N more processes run PID's command line, the lowest pid LOW. */
static bool proc_same(struct dropbear *d, const char *s)
{
    char copy[64];
    snprintf(copy, sizeof copy, "%.63s", s);
    char *save = NULL, *w[4] = {NULL, NULL, NULL, NULL};
    size_t n = 0;
    for (char *t = strtok_r(copy, " ", &save); t && n < 4; t = strtok_r(NULL, " ", &save))
        w[n++] = t;
    long pid, more, low;
    if (n != 3 || !fs_parse_long(w[0], &pid) || !fs_parse_long(w[1], &more) ||
        !fs_parse_long(w[2], &low) || pid <= 0 || more <= 0 || low <= 0)
        return false;
    for (size_t i = 0; i < d->nctx; i++)
        if (d->pid[i] == pid) {
            d->nmore[i] = more > LONG_MAX - d->nmore[i] ? LONG_MAX : d->nmore[i] + more;
            if (low < d->low[i])
                d->low[i] = low;
            return true;
        }
    return d->cut; /* its context may be one past those that fit */
}

/* Reads the fact; false with v set when it cannot be judged or dropbear is proven absent. */
static bool load(const struct fs_fact *f, struct fs_verdict *v, struct dropbear *d)
{
    if (!fs_fact_is_text(f)) {
        fs_verdict_set(v, FS_RESULT_ERROR, "fact dropbear holds binary data");
        return false;
    }
    size_t pos = 0, defpos = 0;
    struct fs_line l;
    struct fs_dropbear_bin *bin = NULL;
    char pid[16] = "", comm[16] = "", key[256] = "", defpath[200] = "";
    bool has_default = false, defcut = false, bad = false, inblock = false;
    struct argv_buf *a = calloc(1, sizeof *a);
    if (!a) {
        fs_verdict_set(v, FS_RESULT_ERROR, "out of memory reading fact dropbear");
        return false;
    }
    /* first pass: binaries, so that contexts can point at theirs */
    while (fs_next_line(f, &pos, &l)) {
        char raw[1100];
        fs_line_raw(l, raw, sizeof raw);
        /* one block per binary, its lines inside it only: a block or line out of place is
         * forged (a path with a newline) or cut, never another binary's description */
        bool inner = strncmp(raw, "help ", 5) == 0 || strncmp(raw, "tok ", 4) == 0 ||
                     strncmp(raw, "nohelp ", 7) == 0 || strncmp(raw, "tokbig ", 7) == 0;
        if (strncmp(raw, "binary ", 7) == 0) {
            if (inblock || find_bin(d, raw + 7))
                bad = true;
            inblock = true;
            bin = d->nbins < MAX_BIN ? &d->bins[d->nbins++] : NULL;
            if (bin) {
                snprintf(bin->key, sizeof bin->key, "%.*s", (int)sizeof bin->key - 1, raw + 7);
                bin->tries_default = -1;
                snprintf(bin->toks, sizeof bin->toks, ",");
            }
        } else if (strcmp(raw, "binaryend") == 0) {
            bad |= !inblock;
            inblock = false;
            bin = NULL;
        } else if (inner && !inblock)
            bad = true;
        else if (bin && strncmp(raw, "help ", 5) == 0)
            read_help(bin, raw + 5);
        else if (bin && strncmp(raw, "tokbig ", 7) == 0)
            snprintf(bin->big, sizeof bin->big, "%.*s", (int)sizeof bin->big - 1, raw + 7);
        else if (bin && strncmp(raw, "tok ", 4) == 0 && !strchr(raw + 4, ',')) {
            size_t n = strlen(bin->toks);
            if (n + strlen(raw + 4) + 2 < sizeof bin->toks) {
                snprintf(bin->toks + n, sizeof bin->toks - n, "%s,", raw + 4);
                bin->ntoks++;
            }
        } else if (strncmp(raw, "bin ", 4) == 0)
            snprintf(d->installed, sizeof d->installed, "%.*s", (int)sizeof d->installed - 1,
                     raw + 4);
        else if (strncmp(raw, "absent ", 7) == 0)
            snprintf(d->absent, sizeof d->absent, "%.300s", raw + 7);
    }
    bad |= inblock;
    pos = 0;
    while (fs_next_line(f, &pos, &l)) {
        char raw[1100];
        fs_line_raw(l, raw, sizeof raw);
        if (strncmp(raw, "arg ", 4) == 0 || strcmp(raw, "arg") == 0) {
            if (pid[0])
                argv_add(a, l.s + (l.len > 4 ? 4 : l.len), l.len > 4 ? l.len - 4 : 0);
            continue;
        }
        if (strcmp(raw, "argcut") == 0) {
            a->cut = true;
            continue;
        }
        end_proc(d, pid, comm, key, a);
        memset(a, 0, sizeof *a);
        pid[0] = '\0';
        if (strncmp(raw, "proc ", 5) == 0) {
            char *p = raw + 5, *c = strchr(p, ' '), *k = c ? strchr(c + 1, ' ') : NULL;
            long n;
            if (k) {
                *c = '\0';
                *k = '\0';
            }
            if (!k || !fs_parse_long(p, &n)) {
                bad = true;
                continue;
            }
            snprintf(pid, sizeof pid, "%.12s", p);
            snprintf(comm, sizeof comm, "%.15s", c + 1);
            snprintf(key, sizeof key, "%s", k + 1);
        } else if (strncmp(raw, "procmore ", 9) == 0)
            d->cut = true;
        else if (strncmp(raw, "procsame ", 9) == 0)
            bad |= !proc_same(d, raw + 9);
        else if (strncmp(raw, "inetd ", 6) == 0)
            inetd_ctx(d, raw + 6);
        else if (strcmp(raw, "inetdcut") == 0)
            inetd_ctx(d, NULL);
        else if (strncmp(raw, "default ", 8) == 0) {
            has_default = true;
            snprintf(defpath, sizeof defpath, "%.190s", raw + 8);
            defpos = pos;
        } else if (strcmp(raw, "defaultcut") == 0)
            defcut = true;
        else if (strncmp(raw, "| ", 2) == 0 || strcmp(raw, "|") == 0 ||
                 strncmp(raw, "help ", 5) == 0 || strncmp(raw, "tok ", 4) == 0 ||
                 strncmp(raw, "nohelp ", 7) == 0 || strncmp(raw, "tokbig ", 7) == 0 ||
                 strncmp(raw, "binary ", 7) == 0 || strcmp(raw, "binaryend") == 0 ||
                 strncmp(raw, "bin ", 4) == 0 || strncmp(raw, "absent ", 7) == 0)
            continue;
        else
            bad = true;
    }
    end_proc(d, pid, comm, key, a);
    free(a);
    for (size_t i = 0; i < d->nctx; i++)
        if (d->pid[i] && d->nmore[i])
            snprintf(d->ctx[i].label, sizeof d->ctx[i].label,
                     "dropbear (pid %ld and %ld more) runs", d->low[i], d->nmore[i]);
        else if (d->pid[i])
            snprintf(d->ctx[i].label, sizeof d->ctx[i].label, "dropbear (pid %ld) runs", d->low[i]);
    if (has_default)
        default_ctx(d, defpath, f, defpos, defcut);
    if (bad) {
        fs_verdict_set(v, FS_RESULT_ERROR, "fact dropbear: unexpected output (malformed)");
        return false;
    }
    /* the installed program's defaults, unless root starts it: from inetd, after a restart, or
     * running (a process of another binary, which anyone can start under the name dropbear,
     * says nothing of how the installed one starts) */
    if (!d->started && d->installed[0] && !d->cut) {
        char label[320];
        snprintf(label, sizeof label,
                 "dropbear (%.200s, not running, no inetd line, no /etc/default/dropbear) would "
                 "start with its defaults",
                 d->installed);
        struct fs_dropbear_opts *o = add_ctx(d, label);
        if (o)
            o->bin = find_bin(d, d->installed);
    }
    if (d->nctx == 0 && !d->cut) {
        if (d->absent[0])
            fs_verdict_set(v, FS_RESULT_NOTAPPLICABLE, "no dropbear server: %s", d->absent);
        else
            fs_verdict_set(v, FS_RESULT_ERROR,
                           "fact dropbear: no process, program or configuration, and dropbear "
                           "not proven absent (malformed output)");
        return false;
    }
    return true;
}

/* fail > error > notchecked > pass > notapplicable */
static int rank(enum fs_result r)
{
    switch (r) {
    case FS_RESULT_FAIL:
        return 5;
    case FS_RESULT_ERROR:
        return 4;
    case FS_RESULT_NOTCHECKED:
        return 3;
    case FS_RESULT_PASS:
        return 2;
    case FS_RESULT_NOTAPPLICABLE:
        return 1;
    default:
        return 4;
    }
}

/* Every context judged: the worst result, its contexts named ("; " between them, identical
 * texts once). */
static void judge_all(const struct dropbear *d, struct fs_verdict *v, fs_dropbear_judge_fn fn)
{
    enum fs_result worst = FS_RESULT_NOTAPPLICABLE;
    struct fs_list seen[6];
    struct fs_buf text[6];
    for (size_t i = 0; i < 6; i++) {
        fs_list_init(&seen[i]);
        fs_buf_init(&text[i], FS_EVIDENCE_MAX);
    }
    for (size_t i = 0; i <= d->nctx; i++) {
        char item[1400];
        enum fs_result r = FS_RESULT_ERROR;
        if (i < d->nctx) {
            const struct fs_dropbear_opts *o = &d->ctx[i];
            char ev[1024] = "";
            r = fn(o, ev, sizeof ev);
            snprintf(item, sizeof item, "%s %s", o->label, ev);
        } else if (d->cut)
            snprintf(item, sizeof item,
                     "more dropbear processes or lines than are read: the rest not judged");
        else
            break;
        int k = rank(r);
        if (!fs_list_has(&seen[k], item)) {
            fs_list_add(&seen[k], item);
            fs_buf_try_addf(&text[k], "%s%s", text[k].len ? "; " : "", item);
        }
        if (k > rank(worst))
            worst = r;
    }
    fs_verdict_set(v, worst, "%s", fs_buf_cstr(&text[rank(worst)]));
    for (size_t i = 0; i < 6; i++) {
        fs_list_dispose(&seen[i]);
        fs_buf_dispose(&text[i]);
    }
}

void fs_dropbear_merge(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                       fs_dropbear_judge_fn fn)
{
    struct fs_verdict db;
    fs_verdict_init(&db);
    const struct fs_fact *f = fs_check_fact(ctx, &db, "dropbear");
    struct dropbear *d = f ? calloc(1, sizeof *d) : NULL;
    if (f && !d)
        fs_verdict_set(&db, FS_RESULT_ERROR, "out of memory reading fact dropbear");
    else if (f && load(f, &db, d))
        judge_all(d, &db, fn);
    free(d);
    const char *sev = fs_buf_cstr(&v->evidence), *dev = fs_buf_cstr(&db.evidence);
    enum fs_result r = rank(db.result) > rank(v->result) ? db.result : v->result;
    /* a server proven absent says so only when neither is there: the proof of absence of
     * the other one is noise next to the evidence of the server that runs */
    if (db.result == FS_RESULT_NOTAPPLICABLE && v->result != FS_RESULT_NOTAPPLICABLE) {
        fs_verdict_dispose(&db);
        return;
    }
    if (v->result == FS_RESULT_NOTAPPLICABLE && db.result != FS_RESULT_NOTAPPLICABLE) {
        char first[1100];
        snprintf(first, sizeof first, "%.1000s", dev);
        fs_verdict_set(v, r, "%s; no OpenSSH server", first);
        fs_verdict_dispose(&db);
        return;
    }
    /* the worse first: it is the reason for the verdict */
    if (rank(db.result) > rank(v->result)) {
        char first[1100];
        snprintf(first, sizeof first, "%.1000s", dev);
        fs_verdict_set(v, r, "%s; OpenSSH: %.900s", first, sev);
    } else {
        char first[1100];
        snprintf(first, sizeof first, "%.1000s", sev);
        fs_verdict_set(v, r, "%s; %.900s", first, dev);
    }
    fs_verdict_dispose(&db);
}
