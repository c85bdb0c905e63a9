/* SPDX-License-Identifier: Apache-2.0 */
/* Small helpers: time stamps, random nonces, logging, string parsing. */
#ifndef FS_UTIL_H
#define FS_UTIL_H

#include "contract.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum fs_log_level { FS_LOG_QUIET = 0, FS_LOG_INFO = 1, FS_LOG_VERBOSE = 2 };

extern int fs_log_level;

void fs_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Called around every line fs_log writes (NULL: none): a terminal status line (progress.c)
 * clears itself in before and keeps stderr to the line until after. */
void fs_log_set_guard(void (*before)(void *), void (*after)(void *), void *ud);

/* Writes an RFC 3339 UTC time stamp ("2026-11-24T03:53:02Z") into out[21+]. */
void fs_rfc3339(time_t t, char *out, size_t outlen);
/* Parses exactly n bytes "YYYY-MM-DD" (a real calendar day); false otherwise. */
bool fs_parse_date(const char *s, size_t n, int *y, int *m, int *d);
/* Days from 1970-01-01 to the proleptic Gregorian day y-m-d (negative before). */
long long fs_days_from_civil(int y, int m, int d);
/* Parses an fs_rfc3339 time stamp back into seconds since the epoch; false on anything else. */
bool fs_parse_rfc3339(const char *s, long long *t);
/* Fills out with 2*nbytes hex digits from the kernel's CSPRNG plus NUL. */
FS_MUST_USE int fs_random_hex(char *out, size_t nbytes);
/* Monotonic clock in milliseconds. */
long long fs_now_ms(void);
/* Parses a decimal integer that must fill s; false on junk or overflow. */
bool fs_parse_long(const char *s, long *out);
/* Shell-style pattern match (fnmatch without flags). */
bool fs_glob_match(const char *pattern, const char *s);
/* s past its first occurrence of marker ("…_profile_baseline" past "_profile_"), or NULL. */
const char *fs_after(const char *s, const char *marker);
/* s past prefix when s starts with it, or NULL. */
const char *fs_after_prefix(const char *s, const char *prefix);
/* Duplicates at most n bytes; NULL on allocation failure. */
char *fs_strndup(const char *s, size_t n);

#endif
