/* Helpers shared by check implementations: verdicts, fact access, line parsing. */
#ifndef FS_CHECK_UTIL_H
#define FS_CHECK_UTIL_H

#include "check.h"

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
/* Copies a line into a bounded C string, escaped for evidence. */
void fs_line_str(struct fs_line l, char *out, size_t outlen);

/* The value of "key value" in sshd -T output (keys are lower case there). Sets an error
 * or notapplicable verdict and returns false when it cannot be read. */
bool fs_sshd_setting(const struct fs_check_ctx *ctx, struct fs_verdict *v, const char *key,
                     char *out, size_t outlen);

/* An XCCDF value bound to the rule, or NULL. */
const char *fs_check_value(const struct fs_check_ctx *ctx, const char *name);
bool fs_value_true(const char *s);

/* Appends to a comma-separated evidence list, up to a bounded number of items. */
struct fs_list {
    struct fs_buf buf;
    size_t count;
};
void fs_list_init(struct fs_list *l);
void fs_list_add(struct fs_list *l, const char *item);
void fs_list_dispose(struct fs_list *l);
const char *fs_list_str(const struct fs_list *l);

#endif
