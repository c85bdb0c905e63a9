/* SPDX-License-Identifier: Apache-2.0 */
/* Building and parsing manifest.sha256 (see manifest.h). */
#include "manifest.h"
#include "../scanner/core/err.h"

#include <stdlib.h>
#include <string.h>

void fs_manifest_init(struct fs_manifest *m)
{
    m->e = NULL;
    m->n = m->cap = 0;
}

void fs_manifest_dispose(struct fs_manifest *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->e[i].path);
    free(m->e);
    fs_manifest_init(m);
}

static bool is_reserved(const char *p, size_t n)
{
    static const char *const names[] = {FS_MANIFEST_NAME, FS_MANIFEST_SIG_NAME, FS_SIGNER_PUB_NAME,
                                        FS_SIGNER_TXT_NAME};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && memcmp(p, names[i], n) == 0)
            return true;
    return false;
}

const char *fs_manifest_path_problem(const char *p, size_t n)
{
    if (n == 0)
        return "an empty path";
    if (n > FS_MANIFEST_PATH_MAX)
        return "a path longer than 1024 bytes";
    if (p[0] == '/')
        return "an absolute path";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c == 0x7f)
            return "a control character in the path";
        if (c == '\\')
            return "a backslash in the path";
    }
    for (size_t s = 0; s <= n;) {
        const char *slash = memchr(p + s, '/', n - s);
        size_t e = slash ? (size_t)(slash - p) : n;
        size_t len = e - s;
        if (len == 0)
            return "an empty path component";
        if ((len == 1 && p[s] == '.') || (len == 2 && p[s] == '.' && p[s + 1] == '.'))
            return "a '.' or '..' path component";
        s = e + 1;
    }
    if (is_reserved(p, n))
        return "a file the manifest cannot cover (the manifest, its signature or the signer)";
    return NULL;
}

static int add_n(struct fs_manifest *m, const char *path, size_t n, const char *hex)
{
    if (fs_manifest_path_problem(path, n))
        return FS_ERR_INVAL;
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 32;
        struct fs_manifest_entry *e = realloc(m->e, nc * sizeof *e);
        if (!e)
            return FS_ERR_NOMEM;
        m->e = e;
        m->cap = nc;
    }
    char *copy = strndup(path, n);
    if (!copy)
        return FS_ERR_NOMEM;
    m->e[m->n].path = copy;
    memcpy(m->e[m->n].sha256, hex, 64);
    m->e[m->n].sha256[64] = '\0';
    m->n++;
    return FS_OK;
}

int fs_manifest_add(struct fs_manifest *m, const char *path, const char sha256[FS_SHA256_HEX])
{
    return add_n(m, path, strlen(path), sha256);
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct fs_manifest_entry *)a)->path,
                  ((const struct fs_manifest_entry *)b)->path);
}

/* Sorts m; FS_ERR_INVAL and *dup the duplicated path when two entries share one. */
static int sort_unique(struct fs_manifest *m, const char **dup)
{
    if (m->n > 1)
        qsort(m->e, m->n, sizeof *m->e, cmp_entry);
    for (size_t i = 1; i < m->n; i++) {
        if (strcmp(m->e[i - 1].path, m->e[i].path) == 0) {
            *dup = m->e[i].path;
            return FS_ERR_INVAL;
        }
    }
    return FS_OK;
}

int fs_manifest_render(struct fs_manifest *m, struct fs_buf *out)
{
    const char *dup = NULL;
    int rc = sort_unique(m, &dup);
    for (size_t i = 0; !rc && i < m->n; i++)
        rc = fs_buf_addf(out, "%s  %s\n", m->e[i].sha256, m->e[i].path);
    return rc;
}

static bool lower_hex(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
            return false;
    return true;
}

int fs_manifest_parse(struct fs_manifest *m, const char *data, size_t len, struct fs_buf *err)
{
    size_t line = 0;
    const char *p = data, *end = data + len;
    if (len > FS_MANIFEST_MAX) {
        fs_buf_try_addf(err, "the manifest is larger than %zu bytes", FS_MANIFEST_MAX);
        return FS_ERR_PARSE;
    }
    while (p < end) {
        line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *why = NULL;
        if (line > FS_MANIFEST_ENTRIES_MAX)
            why = "more lines than a bundle has files (100000)";
        else if (n > FS_MANIFEST_PATH_MAX + 66)
            why = "a line longer than 1090 bytes";
        else if (!nl)
            why = "the last line has no newline (the file was cut)";
        else if (n < 67 || !lower_hex(p, 64))
            why = "not '<64 lower-case hex digits>  <path>'";
        else if (p[64] != ' ' || p[65] != ' ')
            why = "the digest and the path are not separated by two spaces";
        else
            why = fs_manifest_path_problem(p + 66, n - 66);
        if (why) {
            fs_buf_try_addf(err, "line %zu: %s", line, why);
            return FS_ERR_PARSE;
        }
        int rc = add_n(m, p + 66, n - 66, p);
        if (rc)
            return rc;
        p = nl + 1;
    }
    const char *dup = NULL;
    if (sort_unique(m, &dup) != FS_OK) {
        fs_buf_try_adds(err, "a path is listed twice: ");
        fs_buf_try_add_printable(err, dup, strlen(dup));
        return FS_ERR_PARSE;
    }
    return FS_OK;
}

const struct fs_manifest_entry *fs_manifest_find(const struct fs_manifest *m, const char *path)
{
    struct fs_manifest_entry key = {.path = (char *)path};
    return m->n ? bsearch(&key, m->e, m->n, sizeof *m->e, cmp_entry) : NULL;
}
