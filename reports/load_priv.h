/* SPDX-License-Identifier: Apache-2.0 */
/* What the parts of the results.json reader share. */
#ifndef FS_LOAD_PRIV_H
#define FS_LOAD_PRIV_H

#include "../scanner/core/buf.h"
#include "load.h"

#include <jansson.h>
#include <stdbool.h>

/* Reading state: the file name and the place in it, for messages. */
struct fs_load_rd {
    const char *file;
    struct fs_buf *err;
    char where[96];
};

/* Sets err to "FILE: WHERE.KEY: why"; returns FS_ERR_PARSE. */
int fs_load_bad(struct fs_load_rd *rd, const char *key, const char *why);
/* A string member; NULL with err set when missing or not a string (null allowed if opt). */
int fs_load_get_str(struct fs_load_rd *rd, json_t *o, const char *key, bool opt, const char **out);

/* The "waivers" member (the register applied) into l->waivers (absent or null: none), judged
 * again on its judged_on day: an entry whose stored state its dates do not give is an error. */
FS_MUST_USE int fs_load_waivers(struct fs_load_rd *rd, json_t *doc, struct fs_loaded *l);
/* Applies the register to one loaded result as the scan did (rr->waiver) and checks that the
 * result's "waiver" member in rj names the same entry (by line) or is null when none applies. */
FS_MUST_USE int fs_load_result_waiver(struct fs_load_rd *rd, json_t *rj, struct fs_waivers *w,
                                      const struct fs_host *host, struct fs_rule_result *rr);
/* After every host: each entry's matched count must be the one the file states. */
FS_MUST_USE int fs_load_waivers_check(struct fs_load_rd *rd, const struct fs_loaded *l);

#endif
