/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by check implementations: verdicts, fact access, line parsing. */
#ifndef FS_CHECK_UTIL_H
#define FS_CHECK_UTIL_H

#include "../scanner/core/contract.h"

#include "check.h"
#include "../scanner/core/err.h"
#include "../scanner/core/strset.h"

#include <stdbool.h>
#include <stddef.h>

/* Sets the result and evidence text; control bytes in the evidence are escaped. */
void fs_verdict_set(struct fs_verdict *v, enum fs_result r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Returns the fact when it was collected in full, else sets an error verdict and NULL. */
const struct fs_fact *fs_check_fact(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                                    const char *id);

/* Line iteration over a fact: *pos starts at fact->data, returns false at the end. */
struct fs_line {
    const char *s;
    size_t len;
};
bool fs_next_line(const struct fs_fact *f, size_t *pos, struct fs_line *line);

/* Splits a line at sep into at most max fields (the last one keeps the rest). */
size_t fs_split(struct fs_line line, char sep, struct fs_line *fields, size_t max);
bool fs_line_eq(struct fs_line l, const char *s);
bool fs_line_has_nul(struct fs_line l);
/* A line that is a whole decimal number (fs_parse_long: sign, range) into *out; false for an
 * empty one, one with a NUL or one too long to be a number. */
bool fs_line_long(struct fs_line l, long *out);
/* Copies a line into a bounded C string as it is (NUL bytes become '?'), for parsing. */
void fs_line_raw(struct fs_line l, char *out, size_t outlen);
/* Copies a line into a bounded C string, escaped for evidence. */
void fs_line_str(struct fs_line l, char *out, size_t outlen);

/* Passes when every named sshd setting (NULL-terminated list) has the wanted value in every
 * context of the effective configuration (sshd_config.h); the evidence names what differs. */
void fs_sshd_expect(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *const *keys,
                    const char *want);

/* A setting of the global sshd configuration: FS_OK with *found and the value (or "" when the
 * key is absent); FS_ERR_NOTFOUND when the verdict was set (sshd absent or not judged). */
FS_MUST_USE int fs_sshd_lookup(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                               const char *key, char *out, size_t outlen, bool *found);

/* "path value" lines (fact sysctl_hardening): false when the key is absent or not a number. */
bool fs_sysctl_get(const struct fs_fact *f, const char *key, long *out);
/* Whether the collector proved the key does not exist on this kernel ("absent KEY"). */
bool fs_sysctl_absent(const struct fs_fact *f, const char *key);

/* A kernel switch a rule wants within [min, max] (fact sysctl_hardening). */
struct fs_sysctl_want {
    const char *key;
    long min, max;
    bool optional; /* proven absent is fine (e.g. IPv6 off, or a switch older kernels lack) */
};
/* Judges the switches: fail naming each one out of range (whatever else was unreadable), else
 * error naming the first one unread (an optional one only when not proven absent; "needs root"
 * when the collector says "unreadable KEY"), else pass naming them all ("KEY absent" for an
 * optional one proven absent). */
void fs_sysctl_expect(const struct fs_check_ctx *ctx, struct fs_verdict *v,
                      const struct fs_sysctl_want *w, size_t n);
#define FS_SYSCTL_WANT(...)                                                                        \
    (const struct fs_sysctl_want[])                                                                \
    {                                                                                              \
        __VA_ARGS__                                                                                \
    }
#define FS_SYSCTL_EXPECT(ctx, v, ...)                                                              \
    fs_sysctl_expect(ctx, v, FS_SYSCTL_WANT(__VA_ARGS__),                                          \
                     sizeof(FS_SYSCTL_WANT(__VA_ARGS__)) / sizeof(struct fs_sysctl_want))
/* A switch that exists when the kernel has what it controls (SysRq, kexec, ...): true with its
 * value; false with the verdict set: notapplicable "the kernel has no LACKS (no
 * /proc/sys/KEY)" when proven absent, error when the fact or the switch could not be read. */
bool fs_sysctl_feature(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *key,
                       const char *lacks, long *out);

/* One /etc/passwd entry; fields point into the fact. */
struct fs_pwent {
    struct fs_line name, shell, home;
    long uid, gid;
};
/* Next well-formed entry; *malformed counts lines that are not. */
bool fs_next_pwent(const struct fs_fact *f, size_t *pos, struct fs_pwent *e, size_t *malformed);
/* Whether a login shell lets the account log in (not nologin, false, sync, halt ...). */
bool fs_shell_can_login(struct fs_line shell);

/* Whether a fact is text (no NUL bytes): configuration files and tool output always are.
 * Checks that pass on the absence of a setting must not pass on binary junk. */
bool fs_fact_is_text(const struct fs_fact *f);
/* Paths one per line where any entry is a finding (find output); sets the verdict. */
void fs_paths_absent(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *fact,
                     const char *what);
/* Whether every non-empty line starts with one of the NULL-terminated prefixes. */
bool fs_lines_prefixed(const struct fs_fact *f, const char *const *prefixes);

/* Whether the fact's first line is exactly line (markers such as "# none" that a probe prints
 * to prove an absence). */
bool fs_fact_first_line(const struct fs_fact *f, const char *line);

/* The sudoers fact (its effective lines); NULL with the verdict set when it is not judged:
 * notapplicable when the fact proves sudo absent ("# none"), error when it is not text or names
 * an include it did not read (fs_sudoers_unread). */
const struct fs_fact *fs_sudoers_fact(const struct fs_check_ctx *ctx, struct fs_verdict *v);
/* Whether the sudoers fact names an include it did not read ("# unread include PATH"): sets an
 * error verdict then, as no rule that reads sudoers may judge without it. */
bool fs_sudoers_unread(const struct fs_fact *f, struct fs_verdict *v);

/* Whether a process list (fact proc_comm) looks like one: lines of names, no NUL bytes.
 * Checks that pass on the absence of a process must not pass on junk. */
bool fs_proc_list_sane(const struct fs_fact *f);
/* Whether a process with this comm runs (fact proc_comm). */
bool fs_proc_running(const struct fs_fact *f, const char *comm);

/* Whether word occurs in a space-separated list. */
bool fs_word_in(const char *list, const char *word, size_t wlen);

/* An XCCDF value bound to the rule, or NULL. */
const char *fs_check_value(const struct fs_check_ctx *ctx, const char *name);
bool fs_value_true(const char *s);

/* Appends to a comma-separated evidence list, up to a bounded number of items. */
struct fs_list {
    struct fs_buf buf;
    struct fs_strset items; /* every item added, for exact membership */
    size_t count;
};
void fs_list_init(struct fs_list *l);
void fs_list_add(struct fs_list *l, const char *item);
/* Whether exactly this item was added (not a substring of the shown text). */
bool fs_list_has(const struct fs_list *l, const char *item);
void fs_list_dispose(struct fs_list *l);
const char *fs_list_str(const struct fs_list *l);

#endif
