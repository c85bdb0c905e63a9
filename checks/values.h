/* SPDX-License-Identifier: Apache-2.0 */
/* Value formats: what a tailoring may set each benchmark value to. Values travel into the
 * collector script run as root on the device and into the checks, so every value is checked
 * against its declared format before either sees it; nothing outside the format is passed on. */
#ifndef FS_VALUES_H
#define FS_VALUES_H

#include "../scanner/core/contract.h"

#include "../scanner/core/buf.h"

#include <stddef.h>

/* Longest value accepted, in bytes. */
#define FS_VALUE_MAX_LEN 4096

enum fs_value_format {
    FS_VALUE_BOOLEAN,       /* true, false, 1 or 0 */
    FS_VALUE_CIDRS,         /* IPv4 networks a.b.c.d/n (or single addresses), space-separated */
    FS_VALUE_COMMAND,       /* one command name, or empty */
    FS_VALUE_HOST,          /* one host name or IP address, or empty */
    FS_VALUE_HOSTS,         /* host names or IP addresses, space-separated */
    FS_VALUE_INTEGER,       /* a decimal integer 0..999999999 */
    FS_VALUE_NAMES,         /* account or group names, space-separated */
    FS_VALUE_PACKAGES,      /* package names, space-separated */
    FS_VALUE_PATH,          /* one absolute path without spaces, or empty */
    FS_VALUE_PATHS,         /* absolute paths without spaces, space-separated */
    FS_VALUE_PORTS,         /* tcp/N or udp/N, space-separated */
    FS_VALUE_PROGRAMS,      /* program names or absolute paths, space-separated */
    FS_VALUE_RELEASES,      /* os-release ID:VERSION_ID pairs, space-separated */
    FS_VALUE_RELEASE_DATES, /* ID:VERSION_ID:YYYY-MM-DD (end of support), space-separated */
};

struct fs_value_def {
    const char *id; /* the value id without the benchmark's prefix, e.g. var_allowed_ports */
    enum fs_value_format format;
};

/* Generated from profiles/src/benchmark.toml (checks/value_formats.c); sorted by id. */
extern const struct fs_value_def fs_value_defs[];
extern const size_t fs_value_defs_count;

/* NULL for a value the benchmark source does not declare. */
const struct fs_value_def *fs_value_def_find(const char *id);
/* What the format admits, for messages ("a list of package names"). */
const char *fs_value_format_describe(enum fs_value_format f);
/* FS_OK when val fits the format; otherwise FS_ERR_INVAL with the first offending word, escaped,
 * and the reason appended to why. */
FS_MUST_USE int fs_value_check(enum fs_value_format f, const char *val, struct fs_buf *why);

#endif
