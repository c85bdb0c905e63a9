/* SPDX-License-Identifier: Apache-2.0 */
/* Safe creation of report files (see outfile.h). */
#include "outfile.h"
#include "redact.h"
#include "../scanner/core/contract.h"
#include "../scanner/core/err.h"
#include "../scanner/core/limits.h"
#include "../scanner/core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistd.h>

int fs_outdir_open(struct fs_outdir *d, const char *path, mode_t mode, struct fs_buf *err)
{
    d->fd = -1;
    d->path = NULL;
    d->mode = mode;
    struct stat st;
    int rc = FS_OK, fd = -1;
    /* "link/" would resolve the link despite O_NOFOLLOW: open the name without the slashes */
    char *name = strdup(path);
    if (!name) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    for (size_t n = strlen(name); n > 1 && name[n - 1] == '/'; n--)
        name[n - 1] = '\0';
    fd = open(name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP || (errno == ENOTDIR && lstat(name, &st) == 0 && S_ISLNK(st.st_mode)))
            fs_buf_try_addf(err, "output directory %s is a symbolic link; give the real directory",
                            path);
        else
            fs_buf_try_addf(err, "cannot open output directory %s: %s", path, strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    if (fstat(fd, &st) != 0) {
        fs_buf_try_addf(err, "cannot stat output directory %s: %s", path, strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    if (st.st_uid != geteuid() && st.st_uid != 0) {
        fs_buf_try_addf(err,
                        "output directory %s is owned by uid %u, neither you (uid %u) nor root: "
                        "its owner could swap the reports",
                        path, (unsigned)st.st_uid, (unsigned)geteuid());
        rc = FS_ERR_INVAL;
        goto out;
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX)) {
        fs_buf_try_addf(err,
                        "output directory %s is writable by %s (mode %04o) without the sticky "
                        "bit: others could replace the reports; use a private directory or chmod "
                        "+t it",
                        path, (st.st_mode & S_IWOTH) ? "others" : "its group",
                        (unsigned)(st.st_mode & 07777));
        rc = FS_ERR_INVAL;
        goto out;
    }
    /* A directory the reports cannot be written to (read-only file system, no permission) is
     * refused now, before any host is scanned, not after the scan with exit 3. */
    if (faccessat(fd, ".", W_OK | X_OK, AT_EACCESS) != 0) {
        fs_buf_try_addf(err, "output directory %s cannot be written: %s", path, strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    if (!(d->path = strdup(path))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    d->fd = fd;
    fd = -1;
out:
    if (fd >= 0)
        close(fd);
    free(name);
    return rc;
}

void fs_outdir_dispose(struct fs_outdir *d)
{
    if (d->fd >= 0)
        close(d->fd);
    d->fd = -1;
    free(d->path);
    d->path = NULL;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return FS_ERR_IO;
        }
        p += w;
        n -= (size_t)w;
    }
    return FS_OK;
}

int fs_outstream_open(struct fs_outstream *s, const struct fs_outdir *d, const char *name,
                      bool redact, struct fs_buf *err)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->d = d;
    s->redact = redact;
    s->err = err;
    fs_buf_init(&s->red, FS_OUTSTREAM_CHUNK_MAX);
    static_assert(sizeof s->tmp >= 1 + FS_OUTFILE_NAME_MAX + 1 + 16 + sizeof ".tmp", "tmp fits");
    if (strchr(name, '/') || strlen(name) > FS_OUTFILE_NAME_MAX) {
        fs_buf_try_addf(err, "%s: not a file name", name);
        return s->rc = FS_ERR_INVAL;
    }
    snprintf(s->name, sizeof s->name, "%s", name);
    /* A fresh random name each try: a name planted in advance fails O_EXCL, never opens. */
    for (int tries = 0; s->fd < 0 && tries < 16; tries++) {
        char rnd[17];
        if (fs_random_hex(rnd, 8) != FS_OK) {
            fs_buf_try_addf(err, "%s/%s: no random temporary name", d->path, name);
            return s->rc = FS_ERR_IO;
        }
        snprintf(s->tmp, sizeof s->tmp, ".%s.%s.tmp", name, rnd);
        s->fd = openat(d->fd, s->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (s->fd < 0 && errno != EEXIST) {
            fs_buf_try_addf(err, "%s/%s: cannot create: %s", d->path, s->tmp, strerror(errno));
            s->tmp[0] = '\0';
            return s->rc = FS_ERR_IO;
        }
    }
    if (s->fd < 0) {
        fs_buf_try_addf(err, "%s/%s: cannot create a temporary file", d->path, name);
        s->tmp[0] = '\0';
        return s->rc = FS_ERR_IO;
    }
    /* fchmod: the umask must not decide who reads the report */
    if (fchmod(s->fd, d->mode) != 0) {
        fs_buf_try_addf(err, "%s/%s: cannot set the mode: %s", d->path, name, strerror(errno));
        return s->rc = FS_ERR_IO;
    }
    return FS_OK;
}

int fs_outstream_write(struct fs_outstream *s, const char *data, size_t len)
{
    if (s->rc)
        return s->rc;
    const char *p = data;
    size_t n = len;
    if (s->redact) {
        fs_buf_reset(&s->red);
        int rc = fs_redact_hashes(&s->red, data, len);
        if (rc) {
            fs_buf_try_addf(s->err, "%s/%s: cannot prepare the text: %s", s->d->path, s->name,
                            fs_strerror(rc));
            return s->rc = rc;
        }
        p = fs_buf_cstr(&s->red);
        n = s->red.len;
    }
    if (write_all(s->fd, p, n) != FS_OK) {
        fs_buf_try_addf(s->err, "%s/%s: cannot write: %s", s->d->path, s->name, strerror(errno));
        return s->rc = FS_ERR_IO;
    }
    return FS_OK;
}

int fs_outstream_flush(struct fs_outstream *s, struct fs_buf *b)
{
    int rc = b->len ? fs_outstream_write(s, b->data, b->len) : s->rc;
    fs_buf_reset(b);
    return rc;
}

int fs_outstream_commit(struct fs_outstream *s)
{
    if (s->rc)
        return s->rc;
    int fd = s->fd;
    s->fd = -1;
    if (fsync(fd) != 0 || close(fd) != 0) {
        fs_buf_try_addf(s->err, "%s/%s: cannot write: %s", s->d->path, s->name, strerror(errno));
        return s->rc = FS_ERR_IO;
    }
    if (renameat(s->d->fd, s->tmp, s->d->fd, s->name) != 0) {
        fs_buf_try_addf(s->err, "%s/%s: cannot rename into place: %s", s->d->path, s->name,
                        strerror(errno));
        return s->rc = FS_ERR_IO;
    }
    s->tmp[0] = '\0';
    fsync(s->d->fd); /* the rename itself; a directory that cannot be fsynced still holds it */
    return FS_OK;
}

void fs_outstream_dispose(struct fs_outstream *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    if (s->tmp[0] && s->d)
        unlinkat(s->d->fd, s->tmp, 0);
    s->tmp[0] = '\0';
    fs_buf_dispose(&s->red);
}

static int outfile_write(const struct fs_outdir *d, const char *name, const char *data, size_t len,
                         bool redact, struct fs_buf *err)
{
    struct fs_outstream s;
    int rc = fs_outstream_open(&s, d, name, false, err);
    if (!rc && redact) {
        /* one piece: a whole document may be larger than a stream's chunk */
        struct fs_buf text;
        fs_buf_init(&text, len + len / 4 + 64);
        rc = fs_redact_hashes(&text, data, len);
        if (rc)
            fs_buf_try_addf(err, "%s/%s: cannot prepare the text: %s", d->path, name,
                            fs_strerror(rc));
        else
            rc = fs_outstream_write(&s, fs_buf_cstr(&text), text.len);
        fs_buf_dispose(&text);
    } else if (!rc) {
        rc = fs_outstream_write(&s, data, len);
    }
    if (!rc)
        rc = fs_outstream_commit(&s);
    fs_outstream_dispose(&s);
    return rc;
}

int fs_outfile_write(const struct fs_outdir *d, const char *name, const char *data, size_t len,
                     struct fs_buf *err)
{
    return outfile_write(d, name, data, len, true, err);
}

int fs_outfile_write_raw(const struct fs_outdir *d, const char *name, const char *data, size_t len,
                         struct fs_buf *err)
{
    return outfile_write(d, name, data, len, false, err);
}

int fs_output_mode_parse(const char *s, mode_t *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-' || *s == '+')
        return FS_ERR_INVAL;
    long v = strtol(s, &end, 8);
    if (errno || *end || v < 0 || v > 0666 || (v & 0111) || (v & 0002) || !(v & 0400))
        return FS_ERR_INVAL;
    *out = (mode_t)v;
    return FS_OK;
}
