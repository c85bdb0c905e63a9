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
    if (fs_buf_add_printable(&line, raw, len) == FS_OK && fs_buf_add(&line, "\n", 1) == FS_OK)
        (void)fwrite(line.data, 1, line.len, stderr); /* nowhere to report a failed log write */
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
