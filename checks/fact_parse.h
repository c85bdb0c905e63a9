/* SPDX-License-Identifier: Apache-2.0 */
/* One parser per shape of fact line, shared by every check that reads that shape:
 * "KEY value" (login.defs, "now 123", sysctl paths) and "KEY=value" (os-release). */
#ifndef FS_FACT_PARSE_H
#define FS_FACT_PARSE_H

#include "../scanner/collect/facts.h"

#include <stdbool.h>
#include <stddef.h>

/* The value of a "KEY value" line (blanks around and between; the key must be followed by a
 * blank). last: the last such line wins (login.defs), else the first. The value is escaped for
 * evidence into out. False when no line has the key. */
bool fs_kv_word(const struct fs_fact *f, const char *key, bool last, char *out, size_t outlen);

/* The same as a number; false when absent or not a whole number. */
bool fs_kv_long(const struct fs_fact *f, const char *key, long *out);

/* The value of a "KEY=value" line (os-release), without its matching quotes; the first wins. */
bool fs_kv_assign(const struct fs_fact *f, const char *key, char *out, size_t outlen);

#endif
