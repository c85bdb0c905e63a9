/* SPDX-License-Identifier: Apache-2.0 */
/* Writing the evidence bundle (see bundle.h): members gathered in memory, a manifest over
 * them, a signature over the manifest, then one directory or one tar file put in place. */
#include "bundle.h"
#include "manifest.h"
#include "redact.h"
#include "../scanner/cli.h"
#include "../scanner/core/err.h"
#include "../scanner/core/host_status.h"
#include "../scanner/core/sign.h"
#include "../scanner/core/util.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libssh/libssh.h>
#include <libxml/xmlversion.h>
#include <openssl/crypto.h>
#include <oscap.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

struct member {
    char *path; /* relative to the bundle */
    char *data; /* owned */
    size_t len;
};

struct members {
    struct member *m;
    size_t n, cap;
};

static void members_dispose(struct members *ms)
{
    for (size_t i = 0; i < ms->n; i++) {
        free(ms->m[i].path);
        free(ms->m[i].data);
    }
    free(ms->m);
}

/* Takes ownership of path and data (both freed on failure too). */
static int members_add(struct members *ms, char *path, char *data, size_t len)
{
    if (!path || !data) {
        free(path);
        free(data);
        return FS_ERR_NOMEM;
    }
    if (ms->n == ms->cap) {
        size_t nc = ms->cap ? ms->cap * 2 : 32;
        struct member *m = realloc(ms->m, nc * sizeof *m);
        if (!m) {
            free(path);
            free(data);
            return FS_ERR_NOMEM;
        }
        ms->m = m;
        ms->cap = nc;
    }
    ms->m[ms->n++] = (struct member){path, data, len};
    return FS_OK;
}

char *fs_bundle_name(const char *name, const char *suffix, char *const *taken, size_t n)
{
    char base[101];
    size_t len = 0;
    for (const char *p = name; *p && len < 100; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || (c == '.' && len > 0);
        base[len++] = '_';
        if (ok)
            base[len - 1] = c;
    }
    if (len == 0)
        base[len++] = '_';
    base[len] = '\0';
    size_t cap = len + strlen(suffix) + 24;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (unsigned k = 1;; k++) {
        if (k == 1)
            snprintf(out, cap, "%s%s", base, suffix);
        else
            snprintf(out, cap, "%s~%u%s", base, k, suffix);
        bool used = false;
        for (size_t i = 0; i < n && !used; i++)
            used = strcmp(taken[i], out) == 0;
        if (!used)
            return out;
    }
}

/* Reads a whole file (at most max bytes) into *data; fd is consumed. */
static int read_fd(int fd, size_t max, char **data, size_t *len)
{
    struct fs_buf b;
    fs_buf_init(&b, max);
    int rc = FS_OK;
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = FS_ERR_IO;
            break;
        }
        if (n == 0)
            break;
        if ((rc = fs_buf_add(&b, chunk, (size_t)n)) != FS_OK)
            break;
    }
    close(fd);
    *len = b.len;
    *data = rc ? NULL : fs_buf_steal(&b);
    fs_buf_dispose(&b);
    return rc;
}

/* A regular file opened without following a link (dirfd may be AT_FDCWD). */
static int open_regular(int dirfd, const char *path)
{
    int fd = openat(dirfd, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    return fd;
}

static int add_outputs(struct members *ms, const struct fs_bundle_opts *o, struct fs_buf *err)
{
    for (size_t i = 0; i < o->nfiles; i++) {
        char *data = NULL;
        size_t len = 0;
        int fd = open_regular(o->dir->fd, o->files[i]);
        int rc = fd < 0 ? FS_ERR_IO : read_fd(fd, FS_BUNDLE_FILE_MAX, &data, &len);
        if (rc) {
            fs_buf_try_addf(err, "bundle: cannot copy %s/%s: %s", o->dir->path, o->files[i],
                            fd < 0 ? strerror(errno) : fs_strerror(rc));
            return rc;
        }
        if ((rc = members_add(ms, strdup(o->files[i]), data, len)) != FS_OK)
            return rc;
    }
    return FS_OK;
}

/* facts/<host>.frames per host, redacted: no password hash leaves in any output. */
static int add_facts(struct members *ms, const struct fs_report *r, char **names)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct fs_host_result *h = &r->hosts[i];
        names[i] = fs_bundle_name(h->host->name, ".frames", names, i);
        if (!names[i])
            return FS_ERR_NOMEM;
        struct fs_buf b;
        fs_buf_init(&b, h->raw_len + h->raw_len / 4 + 64);
        int rc = fs_redact_hashes(&b, h->raw ? h->raw : "", h->raw ? h->raw_len : 0);
        size_t len = b.len;
        char *data = rc ? NULL : fs_buf_steal(&b);
        fs_buf_dispose(&b);
        char path[160];
        snprintf(path, sizeof path, "facts/%s", names[i]);
        if (rc || (rc = members_add(ms, strdup(path), data, len)) != FS_OK)
            return rc ? rc : FS_ERR_NOMEM;
    }
    return FS_OK;
}

struct input {
    const char *role, *path, *sha256; /* sha256 recorded at load time */
    char *member;                     /* inputs/NAME */
};

/* Copies an input file by digesting the bytes copied: a file changed since it was loaded is an
 * error, never silently bundled. */
static int add_input(struct members *ms, struct input *in, char **taken, size_t ntaken,
                     struct fs_buf *err)
{
    char *data = NULL, hex[FS_SHA256_HEX];
    size_t len = 0;
    int fd = open_regular(AT_FDCWD, in->path);
    int rc = fd < 0 ? FS_ERR_IO : read_fd(fd, FS_BUNDLE_FILE_MAX, &data, &len);
    if (rc) {
        fs_buf_try_addf(err, "bundle: cannot copy the %s %s: %s", in->role, in->path,
                        fd < 0 ? strerror(errno) : fs_strerror(rc));
        return rc;
    }
    if ((rc = fs_sha256_mem(data, len, hex)) != FS_OK) {
        free(data);
        return rc;
    }
    if (!in->sha256 || strcmp(hex, in->sha256) != 0) {
        fs_buf_try_addf(err,
                        "bundle: the %s %s changed during the scan (sha256 %s when loaded, %s "
                        "now): the bundle would not hold what was used",
                        in->role, in->path, in->sha256 && *in->sha256 ? in->sha256 : "unknown",
                        hex);
        free(data);
        return FS_ERR_INVAL;
    }
    const char *slash = strrchr(in->path, '/');
    char *name = fs_bundle_name(slash ? slash + 1 : in->path, "", taken, ntaken);
    if (!name) {
        free(data);
        return FS_ERR_NOMEM;
    }
    taken[ntaken] = name;
    size_t n = strlen(name) + sizeof "inputs/";
    in->member = malloc(n);
    if (in->member)
        snprintf(in->member, n, "inputs/%s", name);
    return members_add(ms, in->member ? strdup(in->member) : NULL, data, len);
}

static json_t *jstr(const char *s)
{
    if (!s)
        return json_null();
    char *p = fs_printable_dup(s); /* inventory and device text: valid UTF-8, no controls */
    json_t *j = p ? json_string(p) : NULL;
    free(p);
    return j ? j : json_string("?");
}

static json_t *run_json(const struct fs_report *r, const struct fs_bundle_opts *o,
                        const struct input *in, size_t nin, char *const *facts)
{
    json_t *doc = json_object(), *argv = json_array(), *libs = json_object();
    json_t *op = json_object(), *inputs = json_array(), *hosts = json_array();
    json_t *outputs = json_array();
    if (!doc || !argv || !libs || !op || !inputs || !hosts || !outputs) {
        json_decref(doc);
        json_decref(argv);
        json_decref(libs);
        json_decref(op);
        json_decref(inputs);
        json_decref(hosts);
        json_decref(outputs);
        return NULL;
    }
    for (int i = 0; i < o->argc; i++)
        json_array_append_new(argv, jstr(o->argv[i]));
    json_object_set_new(libs, "libopenscap", jstr(oscap_get_version()));
    json_object_set_new(libs, "libssh", jstr(ssh_version(0)));
    json_object_set_new(libs, "openssl", jstr(OpenSSL_version(OPENSSL_VERSION)));
    json_object_set_new(libs, "libxml2", jstr(xmlParserVersion));
    json_object_set_new(libs, "jansson", jstr(jansson_version_str()));
    json_object_set_new(libs, "libyaml", jstr(yaml_get_version_string()));
    json_object_set_new(libs, "libarchive", jstr(archive_version_string()));
    struct passwd pwd, *pw = NULL;
    char pwbuf[4096];
    if (getpwuid_r(geteuid(), &pwd, pwbuf, sizeof pwbuf, &pw) != 0)
        pw = NULL;
    json_object_set_new(op, "login", jstr(pw ? pw->pw_name : NULL));
    json_object_set_new(op, "uid", json_integer((json_int_t)geteuid()));
    json_object_set_new(op, "sudo_user", jstr(getenv("SUDO_USER")));
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    json_object_set_new(op, "host", jstr(host));
    for (size_t i = 0; i < nin; i++)
        json_array_append_new(inputs, json_pack("{s:s, s:o, s:s?, s:s}", "role", in[i].role, "path",
                                                jstr(in[i].path), "file", in[i].member, "sha256",
                                                in[i].sha256));
    for (size_t i = 0; i < o->nfiles; i++)
        json_array_append_new(outputs, jstr(o->files[i]));
    for (size_t i = 0; i < r->n; i++) {
        const struct fs_host_result *h = &r->hosts[i];
        char path[160];
        snprintf(path, sizeof path, "facts/%s", facts[i]);
        json_array_append_new(
            hosts, json_pack("{s:o, s:s, s:o, s:s, s:I}", "name", jstr(h->host->name), "status",
                             fs_host_status_name(h->status), "error", jstr(h->error), "facts", path,
                             "raw_bytes", (json_int_t)h->raw_len));
    }
    json_object_set_new(doc, "schema", json_string(FS_BUNDLE_SCHEMA));
    json_object_set_new(doc, "argv", argv);
    json_object_set_new(doc, "scanner",
                        json_pack("{s:s, s:s}", "name", "floorscan", "version", FS_VERSION));
    json_object_set_new(doc, "libraries", libs);
    json_object_set_new(doc, "operator", op);
    json_object_set_new(doc, "started", json_string(r->started));
    json_object_set_new(doc, "finished", json_string(r->finished));
    json_object_set_new(doc, "inventory",
                        o->inventory ? json_pack("{s:o, s:s}", "path", jstr(o->inventory), "sha256",
                                                 o->inventory_sha256)
                                     : json_null());
    json_object_set_new(doc, "inputs", inputs);
    json_object_set_new(doc, "outputs", outputs);
    json_object_set_new(doc, "hosts", hosts);
    return doc;
}

static int add_run_json(struct members *ms, const struct fs_report *r,
                        const struct fs_bundle_opts *o, const struct input *in, size_t nin,
                        char *const *facts)
{
    json_t *doc = run_json(r, o, in, nin, facts);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    if (!text)
        return FS_ERR_NOMEM;
    size_t len = strlen(text);
    char *data = malloc(len + 2);
    if (data) {
        memcpy(data, text, len);
        data[len] = '\n';
        data[len + 1] = '\0';
    }
    free(text);
    return members_add(ms, strdup("run.json"), data, len + 1);
}

static char *dup_bytes(const void *p, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, p, n);
        d[n] = '\0';
    }
    return d;
}

/* manifest.sha256 over every member, then the signature files (not in the manifest). */
static int add_manifest(struct members *ms, const struct fs_bundle_opts *o, char hex[FS_SHA256_HEX],
                        struct fs_buf *err)
{
    struct fs_manifest m;
    struct fs_buf text, pem;
    fs_manifest_init(&m);
    fs_buf_init(&text, FS_MANIFEST_MAX);
    fs_buf_init(&pem, (size_t)64 * 1024);
    unsigned char *sig = NULL;
    size_t siglen = 0;
    int rc = FS_OK;
    for (size_t i = 0; !rc && i < ms->n; i++) {
        char h[FS_SHA256_HEX];
        if (!(rc = fs_sha256_mem(ms->m[i].data, ms->m[i].len, h)))
            rc = fs_manifest_add(&m, ms->m[i].path, h);
    }
    if (rc || (rc = fs_manifest_render(&m, &text)) != FS_OK) {
        fs_buf_try_addf(err, "bundle: cannot build the manifest: %s", fs_strerror(rc));
        goto out;
    }
    if ((rc = fs_sha256_mem(text.data ? text.data : "", text.len, hex)) != FS_OK)
        goto out;
    size_t tlen = text.len;
    if ((rc = members_add(ms, strdup(FS_MANIFEST_NAME), fs_buf_steal(&text), tlen)) != FS_OK)
        goto out;
    if (!o->key)
        goto out;
    const struct member *mf = &ms->m[ms->n - 1];
    char fp[FS_SHA256_HEX];
    if ((rc = fs_sign(o->key, mf->data, mf->len, &sig, &siglen)) != FS_OK ||
        (rc = fs_sign_pubkey_pem(o->key, &pem)) != FS_OK ||
        (rc = fs_sign_fingerprint(o->key, fp)) != FS_OK) {
        fs_buf_try_addf(err, "bundle: cannot sign the manifest: %s", fs_strerror(rc));
        goto out;
    }
    char txt[256];
    int tn = snprintf(txt, sizeof txt, "algorithm: %s\nfingerprint: SHA256:%s\n",
                      fs_sign_alg(o->key), fp);
    size_t plen = pem.len;
    if ((rc = members_add(ms, strdup(FS_MANIFEST_SIG_NAME), dup_bytes(sig, siglen), siglen)) ||
        (rc = members_add(ms, strdup(FS_SIGNER_PUB_NAME), fs_buf_steal(&pem), plen)) ||
        (rc = members_add(ms, strdup(FS_SIGNER_TXT_NAME), dup_bytes(txt, (size_t)tn), (size_t)tn)))
        goto out;
out:
    free(sig);
    fs_buf_dispose(&pem);
    fs_buf_dispose(&text);
    fs_manifest_dispose(&m);
    return rc;
}

int fs_bundle_check(const struct fs_outdir *dir, const char *tar, mode_t mode, struct fs_buf *err)
{
    if (tar) {
        const char *slash = strrchr(tar, '/');
        const char *name = slash ? slash + 1 : tar;
        if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
            fs_buf_try_addf(err, "--bundle %s: not a file name", tar);
            return FS_ERR_INVAL;
        }
        struct stat st;
        if (lstat(tar, &st) == 0) {
            fs_buf_try_addf(err,
                            "--bundle %s exists: a bundle is evidence and is never overwritten; "
                            "move it away or name another file",
                            tar);
            return FS_ERR_INVAL;
        }
        char *parent = slash ? strndup(tar, (size_t)(slash - tar) + (slash == tar)) : strdup(".");
        if (!parent)
            return FS_ERR_NOMEM;
        struct fs_outdir d;
        int rc = fs_outdir_open(&d, parent, mode, err);
        fs_outdir_dispose(&d);
        free(parent);
        return rc;
    }
    struct stat st;
    if (fstatat(dir->fd, FS_BUNDLE_DIR, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? FS_OK : FS_ERR_IO;
    int fd = S_ISDIR(st.st_mode)
                 ? openat(dir->fd, FS_BUNDLE_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                 : -1;
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    bool empty = d != NULL;
    struct dirent *e;
    /* cppcheck-suppress readdirCalled ; one thread reads this stream (readdir_r is deprecated) */
    while (d && empty && (e = readdir(d)))
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    if (d)
        closedir(d);
    else if (fd >= 0)
        close(fd);
    if (!empty) {
        fs_buf_try_addf(err,
                        "%s/%s exists: a bundle is evidence and is never overwritten; move it "
                        "away or choose another -o directory",
                        dir->path, FS_BUNDLE_DIR);
        return FS_ERR_INVAL;
    }
    return FS_OK;
}

/* The directory mode for a file mode: x wherever r is. */
static mode_t dir_mode(mode_t m)
{
    return m | ((m & 0444) >> 2);
}

static void remove_tree(int parent, const char *tmp, const struct members *ms)
{
    int fd = openat(parent, tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        for (size_t i = 0; i < ms->n; i++)
            unlinkat(fd, ms->m[i].path, 0);
        unlinkat(fd, "facts", AT_REMOVEDIR);
        unlinkat(fd, "inputs", AT_REMOVEDIR);
        close(fd);
    }
    unlinkat(parent, tmp, AT_REMOVEDIR);
}

static int write_dir(const struct members *ms, const struct fs_outdir *out, struct fs_buf *err)
{
    char rnd[17], tmp[64];
    int rc = fs_random_hex(rnd, 8);
    struct fs_outdir root = {.fd = -1, .mode = out->mode}, sub = {.fd = -1, .mode = out->mode};
    char *subpath = NULL;
    if (rc)
        return rc;
    snprintf(tmp, sizeof tmp, ".bundle.%s.tmp", rnd);
    if (mkdirat(out->fd, tmp, 0700) != 0) {
        fs_buf_try_addf(err, "%s/%s: cannot create: %s", out->path, tmp, strerror(errno));
        return FS_ERR_IO;
    }
    root.fd = openat(out->fd, tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    root.path = out->path;
    if (root.fd < 0 || mkdirat(root.fd, "facts", 0700) != 0 ||
        mkdirat(root.fd, "inputs", 0700) != 0) {
        fs_buf_try_addf(err, "%s/%s: cannot create: %s", out->path, tmp, strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    for (size_t i = 0; !rc && i < ms->n; i++) {
        const char *p = ms->m[i].path, *slash = strchr(p, '/');
        const struct fs_outdir *d = &root;
        if (slash) {
            free(subpath);
            subpath = strndup(p, (size_t)(slash - p));
            if (sub.fd >= 0)
                close(sub.fd);
            sub.fd = subpath
                         ? openat(root.fd, subpath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                         : -1;
            sub.path = out->path;
            if (sub.fd < 0) {
                fs_buf_try_addf(err, "%s/%s: cannot open %s", out->path, tmp, p);
                rc = FS_ERR_IO;
                break;
            }
            d = &sub;
            p = slash + 1;
        }
        rc = fs_outfile_write_raw(d, p, ms->m[i].data, ms->m[i].len, err);
    }
    if (rc)
        goto out;
    if (fchmodat(root.fd, "facts", dir_mode(out->mode), 0) != 0 ||
        fchmodat(root.fd, "inputs", dir_mode(out->mode), 0) != 0 ||
        fchmod(root.fd, dir_mode(out->mode)) != 0) {
        fs_buf_try_addf(err, "%s/%s: cannot set modes: %s", out->path, tmp, strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    /* replaces only an empty directory: an existing bundle makes this fail (ENOTEMPTY) */
    if (renameat(out->fd, tmp, out->fd, FS_BUNDLE_DIR) != 0) {
        fs_buf_try_addf(err, "%s/%s: cannot put the bundle in place: %s", out->path, FS_BUNDLE_DIR,
                        strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    fsync(out->fd);
out:
    free(subpath);
    if (sub.fd >= 0)
        close(sub.fd);
    if (root.fd >= 0)
        close(root.fd);
    if (rc)
        remove_tree(out->fd, tmp, ms);
    return rc;
}

struct membuf {
    char *p;
    size_t len, cap;
};

static la_ssize_t tar_write(struct archive *a, void *u, const void *buf, size_t n)
{
    struct membuf *m = u;
    if (m->len + n > m->cap) {
        size_t nc = m->cap ? m->cap : 65536;
        while (nc < m->len + n)
            nc *= 2;
        char *p = realloc(m->p, nc);
        if (!p) {
            archive_set_error(a, ENOMEM, "out of memory");
            return -1;
        }
        m->p = p;
        m->cap = nc;
    }
    memcpy(m->p + m->len, buf, n);
    m->len += n;
    return (la_ssize_t)n;
}

static int tar_entry(struct archive *a, struct archive_entry *e, const char *path, bool dir,
                     mode_t mode, const char *data, size_t len)
{
    char name[FS_MANIFEST_PATH_MAX + 16];
    if (*path)
        snprintf(name, sizeof name, "%s/%s%s", FS_BUNDLE_DIR, path, dir ? "/" : "");
    else
        snprintf(name, sizeof name, "%s/", FS_BUNDLE_DIR);
    archive_entry_clear(e);
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, dir ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(e, dir ? dir_mode(mode) : mode);
    archive_entry_set_size(e, (la_int64_t)len);
    archive_entry_set_mtime(e, time(NULL), 0);
    if (archive_write_header(a, e) != ARCHIVE_OK)
        return FS_ERR_IO;
    if (len && archive_write_data(a, data, len) != (la_ssize_t)len)
        return FS_ERR_IO;
    return FS_OK;
}

static int write_tar(const struct members *ms, const char *tar, mode_t mode, struct fs_buf *err)
{
    struct membuf mb = {0};
    struct archive *a = archive_write_new();
    struct archive_entry *e = archive_entry_new();
    struct fs_outdir d = {.fd = -1};
    const char *slash = strrchr(tar, '/');
    char *parent = slash ? strndup(tar, (size_t)(slash - tar) + (slash == tar)) : strdup(".");
    int rc = !a || !e || !parent ? FS_ERR_NOMEM : FS_OK;
    if (!rc && (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
                archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
                archive_write_open(a, &mb, NULL, tar_write, NULL) != ARCHIVE_OK))
        rc = FS_ERR_IO;
    if (!rc)
        rc = tar_entry(a, e, "", true, mode, NULL, 0);
    if (!rc)
        rc = tar_entry(a, e, "facts", true, mode, NULL, 0);
    if (!rc)
        rc = tar_entry(a, e, "inputs", true, mode, NULL, 0);
    for (size_t i = 0; !rc && i < ms->n; i++)
        rc = tar_entry(a, e, ms->m[i].path, false, mode, ms->m[i].data, ms->m[i].len);
    if (!rc && archive_write_close(a) != ARCHIVE_OK)
        rc = FS_ERR_IO;
    if (rc) {
        fs_buf_try_addf(err, "--bundle %s: cannot build the tar file: %s", tar,
                        a && archive_error_string(a) ? archive_error_string(a) : fs_strerror(rc));
        goto out;
    }
    if ((rc = fs_outdir_open(&d, parent, mode, err)) != FS_OK)
        goto out;
    rc = fs_outfile_write_raw(&d, slash ? slash + 1 : tar, mb.p, mb.len, err);
out:
    fs_outdir_dispose(&d);
    archive_entry_free(e);
    archive_write_free(a);
    free(mb.p);
    free(parent);
    return rc;
}

int fs_bundle_write(const struct fs_report *r, const struct fs_bundle_opts *o,
                    char manifest_sha256[FS_SHA256_HEX], struct fs_buf *err)
{
    struct members ms = {0};
    struct input in[3];
    char *taken[3] = {0};
    size_t nin = 0;
    char **facts = calloc(r->n ? r->n : 1, sizeof *facts);
    int rc = facts ? FS_OK : FS_ERR_NOMEM;
    manifest_sha256[0] = '\0';
    in[nin++] = (struct input){"benchmark", r->benchmark->path, r->benchmark_sha256, NULL};
    if (r->benchmark->tailoring_path)
        in[nin++] =
            (struct input){"tailoring", r->benchmark->tailoring_path, r->tailoring_sha256, NULL};
    if (r->waivers && r->waivers->path)
        in[nin++] = (struct input){"waivers", r->waivers->path, r->waivers->sha256, NULL};
    if (!rc)
        rc = add_outputs(&ms, o, err);
    if (!rc)
        rc = add_facts(&ms, r, facts);
    for (size_t i = 0; !rc && i < nin; i++)
        rc = add_input(&ms, &in[i], taken, i, err);
    if (!rc)
        rc = add_run_json(&ms, r, o, in, nin, facts);
    if (!rc)
        rc = add_manifest(&ms, o, manifest_sha256, err);
    if (!rc)
        rc = o->tar ? write_tar(&ms, o->tar, o->dir->mode, err) : write_dir(&ms, o->dir, err);
    if (rc && !err->len)
        fs_buf_try_addf(err, "bundle: cannot write: %s", fs_strerror(rc));
    if (rc)
        manifest_sha256[0] = '\0';
    for (size_t i = 0; facts && i < r->n; i++)
        free(facts[i]);
    free(facts);
    for (size_t i = 0; i < nin; i++) {
        free(in[i].member);
        free(taken[i]);
    }
    members_dispose(&ms);
    return rc;
}
