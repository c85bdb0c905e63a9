/* SPDX-License-Identifier: Apache-2.0 */
/* What the parts of the history store (the store_ files) share. */
#ifndef FS_STORE_PRIV_H
#define FS_STORE_PRIV_H

#include "store.h"

#include <jansson.h>

/* The schema version of an open database: 0 for one without floorscan's tables. */
FS_MUST_USE int fs_store_read_version(struct fs_db *db, int *version, struct fs_buf *err);

/* The predecessor digest of the first run of a store. */
#define FS_STORE_ZERO_SHA256 "0000000000000000000000000000000000000000000000000000000000000000"

/* FS_ERR_INVAL with err naming both versions when version is newer than this floorscan
 * reads; FS_OK otherwise. */
FS_MUST_USE int fs_store_refuse_newer(struct fs_db *db, int version, struct fs_buf *err);

/* Stored run id as text ("17"). */
void fs_store_id_text(int64_t id, char *out, size_t n);

#endif
