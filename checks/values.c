/* SPDX-License-Identifier: Apache-2.0 */
/* Value formats: each value is split into words on blanks and every word must fit the format.
 * The alphabets are deliberately narrow: no shell metacharacter, no leading '-' (an option to
 * the tool the value is passed to), no control byte reaches the device. */
#include "values.h"
#include "../scanner/core/err.h"
#include "../scanner/core/util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct fs_value_def *)elem)->id);
}

const struct fs_value_def *fs_value_def_find(const char *id)
{
    return bsearch(id, fs_value_defs, fs_value_defs_count, sizeof fs_value_defs[0], cmp);
}

static const struct {
    const char *what;
    bool list; /* space-separated words; otherwise at most one word */
    bool may_be_empty;
} formats[] = {
    [FS_VALUE_BOOLEAN] = {"true, false, 1 or 0", false, false},
    [FS_VALUE_CIDRS] = {"a list of IPv4 networks (10.20.0.0/24)", true, true},
    [FS_VALUE_COMMAND] = {"one command name, or empty", false, true},
    [FS_VALUE_HOST] = {"one host name or IP address, or empty", false, true},
    [FS_VALUE_HOSTS] = {"a list of host names or IP addresses", true, true},
    [FS_VALUE_INTEGER] = {"a whole number from 0 to 999999999", false, false},
    [FS_VALUE_NAMES] = {"a list of account or group names", true, true},
    [FS_VALUE_PACKAGES] = {"a list of package names", true, true},
    [FS_VALUE_PATH] = {"one absolute path without spaces, or empty", false, true},
    [FS_VALUE_PATHS] = {"a list of absolute paths without spaces", true, true},
    [FS_VALUE_PORTS] = {"a list of tcp/PORT or udp/PORT", true, true},
    [FS_VALUE_PROGRAMS] = {"a list of program names or absolute paths", true, true},
    [FS_VALUE_RELEASES] = {"a list of os-release ID:VERSION_ID pairs", true, true},
    [FS_VALUE_RELEASE_DATES] =
        {"a list of os-release ID:VERSION_ID:YYYY-MM-DD end-of-support dates", true, true},
};

const char *fs_value_format_describe(enum fs_value_format f)
{
    return (size_t)f < sizeof formats / sizeof formats[0] ? formats[f].what : "unknown";
}

static bool in(char c, const char *set)
{
    return c && strchr(set, c);
}

static bool alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Every byte alphanumeric or in extra; the first also alphanumeric or in first. */
static bool spelled(const char *w, size_t n, const char *first, const char *extra)
{
    if (n == 0 || !(alnum(w[0]) || in(w[0], first)))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!alnum(w[i]) && !in(w[i], extra))
            return false;
    return true;
}

/* A decimal number of 1..digits digits no greater than max. */
static bool number(const char *w, size_t n, size_t digits, unsigned long max)
{
    if (n == 0 || n > digits)
        return false;
    unsigned long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] < '0' || w[i] > '9')
            return false;
        v = v * 10 + (unsigned long)(w[i] - '0');
    }
    return v <= max;
}

static bool ipv4(const char *w, size_t n)
{
    size_t parts = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && w[i] != '.')
            continue;
        if (!number(w + start, i - start, 3, 255))
            return false;
        parts++;
        start = i + 1;
    }
    return parts == 4;
}

static bool cidr(const char *w, size_t n)
{
    const char *slash = memchr(w, '/', n);
    if (!slash)
        return ipv4(w, n);
    size_t a = (size_t)(slash - w);
    return ipv4(w, a) && number(slash + 1, n - a - 1, 2, 32);
}

static bool host(const char *w, size_t n)
{
    if (n > 253)
        return false;
    if (memchr(w, ':', n)) /* an IPv6 literal */
        return spelled(w, n, ":", ":.");
    return spelled(w, n, "", ".-_");
}

static bool path(const char *w, size_t n)
{
    return n > 0 && n < 4096 && w[0] == '/' &&
           (n == 1 || spelled(w + 1, n - 1, "._+@,=~-", "._/+@,=~-"));
}

static bool port(const char *w, size_t n)
{
    if (n > 4 && (strncmp(w, "tcp/", 4) == 0 || strncmp(w, "udp/", 4) == 0))
        return number(w + 4, n - 4, 5, 65535) && !(n == 5 && w[4] == '0');
    return false;
}

/* An os-release ID:VERSION_ID pair. */
static bool release(const char *w, size_t n)
{
    const char *colon = memchr(w, ':', n);
    if (!colon)
        return false;
    size_t a = (size_t)(colon - w);
    return spelled(w, a, "", "._-") && spelled(colon + 1, n - a - 1, "", "._~+-");
}

static bool word_fits(enum fs_value_format f, const char *w, size_t n)
{
    switch (f) {
    case FS_VALUE_BOOLEAN:
        return (n == 4 && !strncmp(w, "true", 4)) || (n == 5 && !strncmp(w, "false", 5)) ||
               (n == 1 && (w[0] == '0' || w[0] == '1'));
    case FS_VALUE_CIDRS:
        return cidr(w, n);
    case FS_VALUE_COMMAND:
        return n <= 255 && spelled(w, n, "_", "._+-");
    case FS_VALUE_HOST:
    case FS_VALUE_HOSTS:
        return host(w, n);
    case FS_VALUE_INTEGER:
        return number(w, n, 9, 999999999ul);
    case FS_VALUE_NAMES: /* useradd's NAME_REGEX widened to what shadow-utils accepts; a '$'
                          * only at the end (machine accounts) */
        return n <= 32 && spelled(w, n, "_", "._-$") &&
               (memchr(w, '$', n) == NULL || memchr(w, '$', n) == w + n - 1);
    case FS_VALUE_PACKAGES: /* Debian policy 5.6.1 names plus RPM's '_' and an arch suffix */
        return n <= 255 && spelled(w, n, "", "+._:-");
    case FS_VALUE_PATH:
    case FS_VALUE_PATHS:
        return path(w, n);
    case FS_VALUE_PORTS:
        return port(w, n);
    case FS_VALUE_PROGRAMS:
        return w[0] == '/' ? path(w, n) : n <= 255 && spelled(w, n, "_", "._+-");
    case FS_VALUE_RELEASES:
        return release(w, n);
    case FS_VALUE_RELEASE_DATES: {
        int y, m, d;
        return n > 11 && n < 128 && release(w, n - 11) && w[n - 11] == ':' &&
               fs_parse_date(w + n - 10, 10, &y, &m, &d);
    }
    }
    return false;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int fs_value_check(enum fs_value_format f, const char *val, struct fs_buf *why)
{
    if ((size_t)f >= sizeof formats / sizeof formats[0]) {
        fs_buf_try_addf(why, "unknown value format %d", (int)f);
        return FS_ERR_INVAL;
    }
    size_t len = strlen(val), words = 0;
    if (len > FS_VALUE_MAX_LEN) {
        fs_buf_try_addf(why, "%zu bytes, at most %d", len, FS_VALUE_MAX_LEN);
        return FS_ERR_INVAL;
    }
    for (size_t i = 0; i < len;) {
        if (blank(val[i])) {
            i++;
            continue;
        }
        size_t n = 0;
        while (i + n < len && !blank(val[i + n]))
            n++;
        if (!word_fits(f, val + i, n)) {
            fs_buf_try_adds(why, "'");
            fs_buf_try_add_printable(why, val + i, n > 80 ? 80 : n);
            fs_buf_try_addf(why, "%s' is not %s", n > 80 ? "..." : "", formats[f].what);
            return FS_ERR_INVAL;
        }
        if (++words > 1 && !formats[f].list) {
            fs_buf_try_addf(why, "more than one word; expected %s", formats[f].what);
            return FS_ERR_INVAL;
        }
        i += n;
    }
    if (words == 0 && !formats[f].may_be_empty) {
        fs_buf_try_addf(why, "empty; expected %s", formats[f].what);
        return FS_ERR_INVAL;
    }
    return FS_OK;
}
