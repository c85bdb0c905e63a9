/* SPDX-License-Identifier: Apache-2.0 */
/* Small helpers: time stamps, random nonces, logging, string parsing. */
#include "util.h"
#include "buf.h"
#include "err.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

int fs_log_level = FS_LOG_INFO;

/* Set while no other thread logs (before a scan's workers start, after they end). */
static void (*log_before)(void *), (*log_after)(void *);
static void *log_ud;

void fs_log_set_guard(void (*before)(void *), void (*after)(void *), void *ud)
{
    log_before = before;
    log_after = after;
    log_ud = ud;
}

/* Messages carry host names, server errors and banners: everything is shown printable, so a
 * device cannot drive the operator's terminal. One write per line keeps threads apart. */
void fs_log(int level, const char *fmt, ...)
{
    if (level > fs_log_level)
        return;
    char raw[2048];
    struct fs_buf line;
    fs_buf_init(&line, 4 * sizeof raw + 2);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    size_t len = (size_t)n < sizeof raw ? (size_t)n : sizeof raw - 1;
    if (fs_buf_add_printable(&line, raw, len) == FS_OK && fs_buf_add(&line, "\n", 1) == FS_OK) {
        if (log_before)
            log_before(log_ud);
        (void)fwrite(line.data, 1, line.len, stderr); /* nowhere to report a failed log write */
        if (log_after)
            log_after(log_ud);
    }
    fs_buf_dispose(&line);
}

void fs_rfc3339(time_t t, char *out, size_t outlen)
{
    struct tm tm;
    if (!outlen)
        return;
    /* On failure (out too small, or no tm for t) strftime leaves out undefined. */
    if (!gmtime_r(&t, &tm) || strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        out[0] = '\0';
}

static bool digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool fs_parse_date(const char *s, size_t n, int *y, int *m, int *d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, y) || !digits(s + 5, 2, m) ||
        !digits(s + 8, 2, d))
        return false;
    if (*y < 1970 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
        return false;
    bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    return !(*m == 2 && *d == 29 && !leap);
}

/* Howard Hinnant's days_from_civil. */
long long fs_days_from_civil(int y, int m, int d)
{
    long long yy = (long long)y - (m <= 2);
    long long era = (yy >= 0 ? yy : yy - 399) / 400;
    long long yoe = yy - era * 400;
    long long doy = (153LL * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool fs_parse_rfc3339(const char *s, long long *t)
{
    int y, mo, d, h, mi, se;
    if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
        !fs_parse_date(s, 10, &y, &mo, &d) || !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) ||
        !digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 60)
        return false;
    *t = fs_days_from_civil(y, mo, d) * 86400 + h * 3600LL + mi * 60LL + se;
    return true;
}

int fs_random_hex(char *out, size_t nbytes)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[64];
    if (nbytes > sizeof raw)
        return FS_ERR_INVAL;
    size_t got = 0;
    while (got < nbytes) {
        ssize_t n = getrandom(raw + got, nbytes - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return FS_ERR_IO;
        }
        got += (size_t)n;
    }
    for (size_t i = 0; i < nbytes; i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 15];
    }
    out[2 * nbytes] = '\0';
    return FS_OK;
}

long long fs_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool fs_parse_long(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end != '\0')
        return false;
    *out = v;
    return true;
}

bool fs_glob_match(const char *pattern, const char *s)
{
    return fnmatch(pattern, s, 0) == 0;
}

char *fs_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

const char *fs_after(const char *s, const char *marker)
{
    const char *p = s ? strstr(s, marker) : NULL;
    return p ? p + strlen(marker) : NULL;
}

const char *fs_after_prefix(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return s && strncmp(s, prefix, n) == 0 ? s + n : NULL;
}
