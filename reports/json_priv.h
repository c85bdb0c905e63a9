/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the results.json writer's files. */
#ifndef FS_JSON_PRIV_H
#define FS_JSON_PRIV_H

#include "../scanner/waivers/waivers.h"

#include <jansson.h>

/* A JSON string of printable text (fs_printable_dup), null for NULL; NULL when out of memory. */
json_t *fs_json_text(const char *s);
/* The waiver a result carries: what the auditor checks (reason, who, when, until when). */
json_t *fs_json_waiver_ref(const struct fs_waiver *w);
/* The register applied: file, digest, the day it was judged on, and every entry with its state
 * and how many results it waived (0: unused). null without a register. */
json_t *fs_json_waivers(const struct fs_waivers *w);

/* Stands for the hosts array in a document whose hosts are streamed in its place (results.json,
 * report.html's data): a string no other value serialises to (a control character is escaped
 * as \u0001, and every other string is printable text, whose backslashes are escaped). */
#define FS_JSON_HOSTS_MARK                                                                         \
    "\x01"                                                                                         \
    "floorscan-hosts\x01"
#define FS_JSON_HOSTS_MARK_DUMPED "\"\\u0001floorscan-hosts\\u0001\""

#endif
