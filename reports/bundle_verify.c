/* SPDX-License-Identifier: Apache-2.0 */
/* floorscan verify's engine: a bundle (directory or tar) read without following any link,
 * every file digested, compared with manifest.sha256, and the signature checked. */
#include "bundle.h"
#include "manifest.h"
#include "../scanner/core/err.h"
#include "../scanner/core/sign.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIG_MAX   4096
#define DEPTH_MAX 16
#define KEEP_MAX  FS_MANIFEST_MAX /* bytes kept of a file verify reads (manifest, key, sig) */

enum kind { K_REG, K_LINK, K_OTHER, K_OUTSIDE };

struct vfile {
    char *path;
    enum kind kind;
    char sha256[FS_SHA256_HEX];
    char *data; /* the manifest, signature and signer key only */
    size_t len;
};

struct vset {
    struct vfile *f;
    size_t n, cap;
};

static void vset_dispose(struct vset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->f[i].path);
        free(s->f[i].data);
    }
    free(s->f);
}

static struct vfile *vset_add(struct vset *s, const char *path, enum kind k)
{
    if (s->n >= FS_MANIFEST_ENTRIES_MAX + 16)
        return NULL;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        struct vfile *f = realloc(s->f, nc * sizeof *f);
        if (!f)
            return NULL;
        s->f = f;
        s->cap = nc;
    }
    struct vfile *f = &s->f[s->n];
    memset(f, 0, sizeof *f);
    if (!(f->path = strdup(path)))
        return NULL;
    f->kind = k;
    s->n++;
    return f;
}

static bool special(const char *p)
{
    return strcmp(p, FS_MANIFEST_NAME) == 0 || strcmp(p, FS_MANIFEST_SIG_NAME) == 0 ||
           strcmp(p, FS_SIGNER_PUB_NAME) == 0 || strcmp(p, FS_SIGNER_TXT_NAME) == 0;
}

/* Streaming digest of a file's bytes; the bytes of a special file are kept too (capped). */
struct sink {
    EVP_MD_CTX *ctx;
    struct fs_buf keep;
    bool keeping;
};

static int sink_init(struct sink *s, const char *path)
{
    s->keeping = special(path);
    fs_buf_init(&s->keep, KEEP_MAX);
    s->ctx = EVP_MD_CTX_new();
    return s->ctx && EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL) == 1 ? FS_OK : FS_ERR_NOMEM;
}

static int sink_add(struct sink *s, const void *p, size_t n)
{
    if (EVP_DigestUpdate(s->ctx, p, n) != 1)
        return FS_ERR_NOMEM;
    return s->keeping ? fs_buf_add(&s->keep, p, n) : FS_OK;
}

static int sink_finish(struct sink *s, struct vfile *f)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    static const char digits[] = "0123456789abcdef";
    int rc = EVP_DigestFinal_ex(s->ctx, md, &n) == 1 && n == 32 ? FS_OK : FS_ERR_NOMEM;
    for (size_t i = 0; !rc && i < 32; i++) {
        f->sha256[2 * i] = digits[md[i] >> 4];
        f->sha256[2 * i + 1] = digits[md[i] & 15];
    }
    f->sha256[64] = '\0';
    if (!rc && s->keeping) {
        f->len = s->keep.len;
        f->data = fs_buf_steal(&s->keep);
    }
    return rc;
}

static void sink_dispose(struct sink *s)
{
    EVP_MD_CTX_free(s->ctx);
    fs_buf_dispose(&s->keep);
}

static int digest_fd(int fd, struct vfile *f)
{
    struct sink s;
    int rc = sink_init(&s, f->path);
    char chunk[65536];
    while (!rc) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = n < 0 ? FS_ERR_IO : FS_OK;
            break;
        }
        rc = sink_add(&s, chunk, (size_t)n);
    }
    if (!rc)
        rc = sink_finish(&s, f);
    sink_dispose(&s);
    return rc;
}

static char *join(const char *prefix, const char *name)
{
    size_t n = strlen(prefix) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s%s", prefix, *prefix ? "/" : "", name);
    return p;
}

/* Lists the tree under dfd (consumed) into s; nothing is followed: links and devices are
 * recorded as what they are. Recursion is bounded by DEPTH_MAX. */
/* NOLINTNEXTLINE(misc-no-recursion): bounded by DEPTH_MAX */
static int walk(int dfd, const char *prefix, int depth, struct vset *s, FILE *errf)
{
    DIR *d = fdopendir(dfd);
    int rc = FS_OK;
    if (!d) {
        close(dfd);
        return FS_ERR_IO;
    }
    struct dirent *e;
    /* cppcheck-suppress readdirCalled ; one thread reads this stream (readdir_r is deprecated) */
    while (!rc && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = join(prefix, e->d_name);
        struct stat st;
        if (!path) {
            rc = FS_ERR_NOMEM;
            break;
        }
        if (strlen(path) > FS_MANIFEST_PATH_MAX) {
            fprintf(errf, "floorscan verify: a path in the bundle is longer than %d bytes\n",
                    FS_MANIFEST_PATH_MAX);
            rc = FS_ERR_LIMIT;
        } else if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            rc = FS_ERR_IO;
        } else if (S_ISDIR(st.st_mode)) {
            int sub = depth < DEPTH_MAX ? openat(dirfd(d), e->d_name,
                                                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                                        : -1;
            if (depth >= DEPTH_MAX) {
                fprintf(errf, "floorscan verify: directories nested deeper than %d\n", DEPTH_MAX);
                rc = FS_ERR_LIMIT;
            } else {
                rc = sub < 0 ? FS_ERR_IO : walk(sub, path, depth + 1, s, errf);
            }
        } else {
            enum kind k = S_ISREG(st.st_mode) ? K_REG : S_ISLNK(st.st_mode) ? K_LINK : K_OTHER;
            struct vfile *f = vset_add(s, path, k);
            if (!f) {
                fprintf(errf, "floorscan verify: more files than a bundle holds\n");
                rc = FS_ERR_LIMIT;
            } else if (k == K_REG) {
                int fd = openat(dirfd(d), e->d_name,
                                O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
                struct stat st2;
                /* the file opened is the one listed (not swapped for a link or a fifo since) */
                if (fd < 0 || fstat(fd, &st2) != 0 || !S_ISREG(st2.st_mode) ||
                    st2.st_ino != st.st_ino || st2.st_dev != st.st_dev)
                    rc = FS_ERR_IO;
                else
                    rc = digest_fd(fd, f);
                if (fd >= 0)
                    close(fd);
            }
        }
        if (rc == FS_ERR_IO)
            fprintf(errf, "floorscan verify: cannot read %s in the bundle: %s\n", path,
                    strerror(errno));
        free(path);
    }
    closedir(d);
    return rc;
}

static int load_dir(const char *path, struct vset *s, FILE *errf)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        fprintf(errf, "floorscan verify: cannot open the bundle %s: %s\n", path,
                errno == ELOOP ? "a symbolic link; give the real directory" : strerror(errno));
        return FS_ERR_IO;
    }
    return walk(fd, "", 0, s, errf);
}

static const char *strip_prefix(const char *name)
{
    size_t n = strlen(FS_BUNDLE_DIR);
    if (strncmp(name, "./", 2) == 0)
        name += 2;
    if (strncmp(name, FS_BUNDLE_DIR, n) != 0 || (name[n] != '/' && name[n] != '\0'))
        return NULL;
    return name[n] ? name + n + 1 : name + n;
}

static int load_tar(const char *path, struct vset *s, FILE *errf)
{
    struct archive *a = archive_read_new();
    struct archive_entry *e;
    int rc = a ? FS_OK : FS_ERR_NOMEM;
    if (!rc && (archive_read_support_format_tar(a) != ARCHIVE_OK ||
                archive_read_open_filename(a, path, 65536) != ARCHIVE_OK)) {
        fprintf(errf, "floorscan verify: cannot read %s: %s\n", path, archive_error_string(a));
        rc = FS_ERR_IO;
    }
    int r;
    while (!rc && (r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(e);
        const char *rel = name ? strip_prefix(name) : NULL;
        mode_t type = archive_entry_filetype(e);
        char *clean = rel ? strdup(rel) : NULL;
        for (size_t n = clean ? strlen(clean) : 0; n && clean[n - 1] == '/'; n--)
            clean[n - 1] = '\0'; /* a directory's trailing slash */
        if (clean && *clean == '\0' && type == AE_IFDIR) {
            free(clean);
            continue; /* bundle/ itself */
        }
        /* a name tar -x would put outside bundle/ (or that no manifest can name) is recorded
         * under its full entry name, never under a path inside the bundle */
        if (clean && !special(clean) && fs_manifest_path_problem(clean, strlen(clean))) {
            free(clean);
            clean = NULL;
        }
        enum kind k = !clean                      ? K_OUTSIDE
                      : archive_entry_hardlink(e) ? K_LINK
                      : type == AE_IFREG          ? K_REG
                      : type == AE_IFLNK          ? K_LINK
                                                  : K_OTHER;
        if (type == AE_IFDIR && clean) {
            free(clean);
            continue;
        }
        struct vfile *f = vset_add(s, clean ? clean : (name ? name : "?"), k);
        free(clean);
        if (!f) {
            fprintf(errf, "floorscan verify: more entries than a bundle holds\n");
            rc = FS_ERR_LIMIT;
            break;
        }
        if (k != K_REG)
            continue;
        struct sink sk;
        rc = sink_init(&sk, f->path);
        const void *buf;
        size_t n;
        la_int64_t off;
        while (!rc && (r = archive_read_data_block(a, &buf, &n, &off)) == ARCHIVE_OK)
            rc = sink_add(&sk, buf, n);
        if (!rc && r != ARCHIVE_EOF) {
            fprintf(errf, "floorscan verify: %s is cut or corrupt: %s\n", path,
                    archive_error_string(a));
            rc = FS_ERR_IO;
        }
        if (!rc)
            rc = sink_finish(&sk, f);
        sink_dispose(&sk);
    }
    if (!rc && r != ARCHIVE_EOF) {
        fprintf(errf, "floorscan verify: %s is not a readable tar file: %s\n", path,
                archive_error_string(a));
        rc = FS_ERR_IO;
    }
    archive_read_free(a);
    return rc;
}

static int cmp_vfile(const void *a, const void *b)
{
    return strcmp(((const struct vfile *)a)->path, ((const struct vfile *)b)->path);
}

static const struct vfile *vfind(const struct vset *s, const char *path)
{
    struct vfile key = {.path = (char *)path};
    return s->n ? bsearch(&key, s->f, s->n, sizeof *s->f, cmp_vfile) : NULL;
}

static void line(FILE *out, const char *what, const char *path, const char *note)
{
    char *p = fs_printable_dup(path);
    fprintf(out, "%-8s %s%s%s\n", what, p ? p : "?", note ? " " : "", note ? note : "");
    free(p);
}

static const char *kind_note(enum kind k)
{
    return k == K_LINK      ? "(a link: not followed)"
           : k == K_OTHER   ? "(not a regular file)"
           : k == K_OUTSIDE ? "(an unsafe name, outside bundle/ or not a plain path)"
                            : NULL;
}

/* Reads a public key file given with --pubkey. */
static int read_pubkey(const char *path, struct evp_pkey_st **k, FILE *errf)
{
    struct vfile f = {.path = (char *)FS_SIGNER_PUB_NAME};
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY), rc = FS_ERR_IO;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
        (size_t)st.st_size <= FS_SIGN_KEY_MAX)
        rc = digest_fd(fd, &f);
    if (fd >= 0)
        close(fd);
    if (rc) {
        fprintf(errf, "floorscan verify: --pubkey %s: cannot read: %s\n", path,
                fd < 0 ? strerror(errno) : "not a regular file of a key's size");
        return FS_ERR_IO;
    }
    struct fs_buf err;
    fs_buf_init(&err, 256);
    rc = fs_sign_pubkey_parse(f.data ? f.data : "", f.len, k, &err);
    if (rc)
        fprintf(errf, "floorscan verify: --pubkey %s: %s\n", path, fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    free(f.data);
    return rc;
}

/* 0 good, 1 bad or missing when required; prints its verdict. */
static int check_signature(const struct vset *s, const struct vfile *mf, struct evp_pkey_st *pinned,
                           FILE *out)
{
    const struct vfile *sig = vfind(s, FS_MANIFEST_SIG_NAME);
    const struct vfile *pub = vfind(s, FS_SIGNER_PUB_NAME);
    struct evp_pkey_st *k = pinned, *bundled = NULL;
    int bad = 0;
    if (!sig) {
        if (pinned) {
            fprintf(out, "signature: MISSING: the bundle is not signed, but --pubkey asks for a "
                         "signature by that key\n");
            return 1;
        }
        fprintf(out, "signature: none (the bundle is not signed)\n");
        return 0;
    }
    if (sig->kind != K_REG || sig->len > SIG_MAX) {
        fprintf(out, "signature: BAD: %s is not a signature file\n", FS_MANIFEST_SIG_NAME);
        return 1;
    }
    if (!pinned) {
        struct fs_buf err;
        fs_buf_init(&err, 256);
        if (!pub || pub->kind != K_REG ||
            fs_sign_pubkey_parse(pub->data ? pub->data : "", pub->len, &bundled, &err) != FS_OK) {
            fprintf(out, "signature: CANNOT CHECK: %s is missing or not a public key %s\n",
                    FS_SIGNER_PUB_NAME, fs_buf_cstr(&err));
            fs_buf_dispose(&err);
            return 1;
        }
        fs_buf_dispose(&err);
        k = bundled;
    }
    char fp[FS_SHA256_HEX] = "";
    if (fs_sign_fingerprint(k, fp) != FS_OK)
        fp[0] = '\0';
    if (fs_sign_verify(k, mf->data ? mf->data : "", mf->len, (const unsigned char *)sig->data,
                       sig->len) == FS_OK) {
        fprintf(out, "signature: good (%s, signer SHA256:%s)\n", fs_sign_alg(k), fp);
        if (!pinned)
            fprintf(out,
                    "NOTE: the signer was not pinned: the bundle's own %s was used, so "
                    "anyone could have re-signed it. Compare the fingerprint above with the "
                    "one on record, or run with --pubkey KEY.pub.\n",
                    FS_SIGNER_PUB_NAME);
    } else {
        fprintf(out,
                "signature: BAD: %s is not a signature of manifest.sha256 by %s (%s, "
                "SHA256:%s)\n",
                FS_MANIFEST_SIG_NAME, pinned ? "the --pubkey key" : "the bundled signer",
                fs_sign_alg(k), fp);
        bad = 1;
    }
    fs_sign_key_free(bundled);
    return bad;
}

/* A directory or a tar file, named without a link: the argument is not followed either. */
static int load(const char *path, struct vset *s, FILE *errf)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        fprintf(errf, "floorscan verify: cannot open the bundle %s: %s\n", path, strerror(errno));
        return FS_ERR_IO;
    }
    if (S_ISDIR(st.st_mode))
        return load_dir(path, s, errf);
    if (S_ISREG(st.st_mode))
        return load_tar(path, s, errf);
    fprintf(errf, "floorscan verify: %s is %s; give the bundle directory or its .tar file\n", path,
            S_ISLNK(st.st_mode) ? "a symbolic link" : "neither a directory nor a file");
    return FS_ERR_INVAL;
}

int fs_bundle_verify(const char *path, const char *pubkey, FILE *out, FILE *errf)
{
    struct vset s = {0};
    struct fs_manifest m;
    struct fs_buf err;
    struct evp_pkey_st *pinned = NULL;
    fs_manifest_init(&m);
    fs_buf_init(&err, 512);
    int result = 2;
    unsigned changed = 0, missing = 0, added = 0, odd = 0;
    if (pubkey && read_pubkey(pubkey, &pinned, errf) != FS_OK)
        goto out;
    int lr = load(path, &s, errf);
    if (lr == FS_ERR_LIMIT || lr == FS_ERR_NOMEM)
        fprintf(errf,
                "floorscan verify: %s: %s (a manifest, key or signature file too large, "
                "or too many files)\n",
                path, fs_strerror(lr));
    if (lr != FS_OK)
        goto out;
    if (s.n > 1)
        qsort(s.f, s.n, sizeof *s.f, cmp_vfile);
    const struct vfile *mf = vfind(&s, FS_MANIFEST_NAME);
    if (!mf || mf->kind != K_REG) {
        fprintf(errf, "floorscan verify: %s: no %s%s: not a floorscan evidence bundle\n", path,
                FS_MANIFEST_NAME, mf ? " regular file" : "");
        goto out;
    }
    if (fs_manifest_parse(&m, mf->data ? mf->data : "", mf->len, &err) != FS_OK) {
        fprintf(errf, "floorscan verify: %s: %s is malformed: %s\n", path, FS_MANIFEST_NAME,
                fs_buf_cstr(&err));
        goto out;
    }
    fprintf(out, "manifest.sha256 sha256 %s\n", mf->sha256);
    /* a tar can hold one name twice (tar -x keeps the last): never the bundle that was made */
    for (size_t i = 1; i < s.n; i++) {
        if (strcmp(s.f[i - 1].path, s.f[i].path) == 0) {
            line(out, "TWICE", s.f[i].path, "(the same name twice)");
            odd++;
        }
    }
    for (size_t i = 0; i < m.n; i++) {
        const struct vfile *f = vfind(&s, m.e[i].path);
        if (!f) {
            line(out, "MISSING", m.e[i].path, NULL);
            missing++;
        } else if (f->kind != K_REG) {
            line(out, "CHANGED", m.e[i].path, kind_note(f->kind));
            changed++;
        } else if (strcmp(f->sha256, m.e[i].sha256) != 0) {
            line(out, "CHANGED", m.e[i].path, NULL);
            changed++;
        }
    }
    for (size_t i = 0; i < s.n; i++) {
        const struct vfile *f = &s.f[i];
        if (fs_manifest_find(&m, f->path))
            continue;
        if (special(f->path) && f->kind == K_REG)
            continue;
        line(out, "ADDED", f->path, kind_note(f->kind));
        added++;
    }
    int sig = check_signature(&s, mf, pinned, out);
    result = changed || missing || added || odd || sig ? 1 : 0;
    if (result == 0)
        fprintf(out, "OK: all %zu files match the manifest\n", m.n);
    else
        fprintf(out, "FAILED: %u changed, %u missing, %u added%s%s\n", changed, missing,
                added + odd, sig ? ", signature not good" : "",
                odd ? " (including names twice)" : "");
out:
    fs_sign_key_free(pinned);
    fs_buf_dispose(&err);
    fs_manifest_dispose(&m);
    vset_dispose(&s);
    return result;
}
