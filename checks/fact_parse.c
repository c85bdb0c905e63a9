/* SPDX-License-Identifier: Apache-2.0 */
/* Shared parsers for the line shapes of facts. */
#include "fact_parse.h"
#include "check_util.h"
#include "../scanner/core/util.h"

#include <string.h>

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The value part of line l when it is "KEY value", else false. */
static bool word_value(struct fs_line l, const char *key, size_t klen, struct fs_line *val)
{
    size_t i = 0;
    while (i < l.len && blank(l.s[i]))
        i++;
    if (i + klen >= l.len || memcmp(l.s + i, key, klen) != 0 || !blank(l.s[i + klen]))
        return false;
    i += klen;
    while (i < l.len && blank(l.s[i]))
        i++;
    size_t e = l.len;
    while (e > i && (blank(l.s[e - 1]) || l.s[e - 1] == '\r'))
        e--;
    *val = (struct fs_line){l.s + i, e - i};
    return true;
}

static bool find_word(const struct fs_fact *f, const char *key, bool last, struct fs_line *val)
{
    size_t pos = 0, klen = strlen(key);
    struct fs_line l, v;
    bool found = false;
    while (fs_next_line(f, &pos, &l)) {
        if (!word_value(l, key, klen, &v))
            continue;
        *val = v;
        found = true;
        if (!last)
            break;
    }
    return found;
}

bool fs_kv_word(const struct fs_fact *f, const char *key, bool last, char *out, size_t outlen)
{
    struct fs_line v;
    if (!find_word(f, key, last, &v))
        return false;
    fs_line_str(v, out, outlen);
    return true;
}

bool fs_kv_long(const struct fs_fact *f, const char *key, long *out)
{
    struct fs_line v;
    char num[32];
    if (!find_word(f, key, false, &v) || v.len == 0 || v.len >= sizeof num || fs_line_has_nul(v))
        return false;
    fs_line_raw(v, num, sizeof num);
    return fs_parse_long(num, out);
}

bool fs_kv_assign(const struct fs_fact *f, const char *key, char *out, size_t outlen)
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
