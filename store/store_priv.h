/* SPDX-License-Identifier: Apache-2.0 */
/* What the parts of the history store (the store_ files) share. */
#ifndef FS_STORE_PRIV_H
#define FS_STORE_PRIV_H

#include "store.h"

#include <jansson.h>

/* The schema version of an open database: 0 for one without floorscan's tables. */
FS_MUST_USE int fs_store_read_version(struct fs_db *db, int *version, struct fs_buf *err);

/* Row collectors for fs_db_exec. */
int fs_store_row_int64(void *ud, size_t n, const char *const *v); /* first column, int64_t */

/* Stored run id as text ("17"). */
void fs_store_id_text(int64_t id, char *out, size_t n);

/* The canonical content of a stored run: one JSON document built from its rows (run, hosts in
 * order, principle scores, results with evidence text) - what the chain's digest covers.
 * Caller json_decref()s *out. */
FS_MUST_USE int fs_store_run_content(struct fs_store *s, int64_t id, json_t **out,
                                     struct fs_buf *err);
/* SHA-256 (hex) of a JSON document dumped compact with sorted keys. */
FS_MUST_USE int fs_store_json_sha256(const json_t *doc, char *hex);

#endif
