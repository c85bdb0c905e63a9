/* SPDX-License-Identifier: Apache-2.0 */
/* PostgreSQL backend of store/db.h: being written (branch issue12-pg); refuses for now. */
#include "db_priv.h"

#include "../scanner/core/err.h"

int fs_db_pg_open(struct fs_db *db, const char *conninfo, struct fs_buf *err)
{
    (void)conninfo;
    fs_buf_try_addf(err, "%s: PostgreSQL is not supported by this build yet", db->display);
    return FS_ERR_CONNECT;
}
