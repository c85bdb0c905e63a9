/* SPDX-License-Identifier: Apache-2.0 */
/* Opening the history store: where it lives by default, creating and upgrading it. */
#include "store_priv.h"

#include "../scanner/core/err.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_store_default_path(char *out, size_t n)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int w;
    if (xdg && xdg[0] == '/')
        w = snprintf(out, n, "%s/floorscan/history.db", xdg);
    else if (home && home[0] == '/')
        w = snprintf(out, n, "%s/.local/share/floorscan/history.db", home);
    else
        return FS_ERR_NOTFOUND;
    return w > 0 && (size_t)w < n ? FS_OK : FS_ERR_LIMIT;
}

/* mkdir -p of path's directory, private to the user (the store holds evidence). */
static int make_parent(const char *path, struct fs_buf *err)
{
    char dir[4096];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return FS_ERR_LIMIT;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return FS_OK;
    *slash = '\0';
    for (char *p = dir + 1;; p++) {
        bool end = *p == '\0';
        if (*p == '/' || end) {
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                fs_buf_try_addf(err, "%s: cannot create directory %s: %s", path, dir,
                                strerror(errno));
                return FS_ERR_IO;
            }
            if (end)
                break;
            *p = '/';
        }
    }
    return FS_OK;
}

int fs_store_open(struct fs_store **out, const char *where, bool writable, struct fs_buf *err)
{
    char def[4096];
    bool by_default = !where;
    *out = NULL;
    if (!where) {
        if (fs_store_default_path(def, sizeof def) != FS_OK) {
            fs_buf_try_addf(err, "no history database: neither XDG_DATA_HOME nor HOME is set "
                                 "(give --db PATH)");
            return FS_ERR_NOTFOUND;
        }
        where = def;
    }
    struct fs_store *s = calloc(1, sizeof *s);
    if (!s)
        return FS_ERR_NOMEM;
    int rc = FS_OK;
    bool pg = fs_db_is_pg(where);
    /* the default place is made on first use; a path given is used as it is */
    if (by_default && writable && (rc = make_parent(where, err)))
        goto out;
    /* a new store is the user's alone (it holds evidence); SQLite's -wal and -shm files take
     * the database file's mode */
    if (!pg && writable) {
        int fd = open(where, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0)
            close(fd);
    }
    if ((rc = fs_db_open(&s->db, where, writable, writable, err)) ||
        (rc = fs_store_read_version(s->db, &s->version, err)))
        goto out;
    if ((rc = fs_store_refuse_newer(s->db, s->version, err)))
        goto out;
    if (!writable && s->version == 0) {
        fs_buf_try_addf(err, "%s: no floorscan history in this database", fs_db_display(s->db));
        rc = FS_ERR_NOTFOUND;
        goto out;
    }
    if (writable && s->version < FS_STORE_SCHEMA_VERSION)
        rc = fs_store_migrate(s, FS_STORE_SCHEMA_VERSION, err);
out:
    if (rc) {
        fs_store_close(s);
        return rc;
    }
    *out = s;
    return FS_OK;
}

void fs_store_close(struct fs_store *s)
{
    if (!s)
        return;
    fs_db_close(s->db);
    free(s);
}

int fs_store_refuse_newer(struct fs_db *db, int version, struct fs_buf *err)
{
    if (version <= FS_STORE_SCHEMA_VERSION)
        return FS_OK;
    fs_buf_try_addf(err,
                    "%s: history schema version %d is newer than this floorscan reads (%d); "
                    "use the floorscan that wrote it or a later one",
                    fs_db_display(db), version, FS_STORE_SCHEMA_VERSION);
    return FS_ERR_INVAL;
}

void fs_store_id_text(int64_t id, char *out, size_t n)
{
    snprintf(out, n, "%" PRId64, id);
}
