/* SPDX-License-Identifier: Apache-2.0 */
/* Evidence bundles: manifest.sha256 written and parsed, hostile manifests refused, signatures
 * (Ed25519, ECDSA P-256) made and checked, and floorscan verify's verdicts on bundles that were
 * changed, cut, added to, re-signed or salted with links. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/bundle.h"
#include "reports/manifest.h"
#include "scanner/core/err.h"
#include "scanner/core/sign.h"

static char dir[64];
static char out_text[1 << 16];

static void mktmp(void)
{
    snprintf(dir, sizeof dir, "/tmp/fs-bundle-XXXXXX");
    assert_non_null(mkdtemp(dir));
}

static void rmtree(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'.*", dir, dir); /* and its keys beside it */
    assert_int_equal(system(cmd), 0);
}

static void put(const char *rel, const void *data, size_t n)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void puts_(const char *rel, const char *s)
{
    put(rel, s, strlen(s));
}

static EVP_PKEY *keygen(bool ed)
{
    EVP_PKEY *k = ed ? EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")
                     : EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    assert_non_null(k);
    return k;
}

static const char *const files[][2] = {
    {"results.json", "{\"schema\": \"floorscan-results/1\"}\n"},
    {"facts/bs01.frames", "frame bytes\n"},
    {"inputs/bench.xml", "<Benchmark/>\n"},
    {"run.json", "{}\n"},
};

/* A bundle in dir as floorscan writes one; signed by k when k is given. */
static void make_bundle(EVP_PKEY *k)
{
    mktmp();
    char p[128];
    snprintf(p, sizeof p, "%s/facts", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/inputs", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    struct fs_manifest m;
    fs_manifest_init(&m);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char hex[FS_SHA256_HEX];
        puts_(files[i][0], files[i][1]);
        assert_int_equal(fs_sha256_mem(files[i][1], strlen(files[i][1]), hex), FS_OK);
        assert_int_equal(fs_manifest_add(&m, files[i][0], hex), FS_OK);
    }
    struct fs_buf text;
    fs_buf_init(&text, 1 << 20);
    assert_int_equal(fs_manifest_render(&m, &text), FS_OK);
    put(FS_MANIFEST_NAME, text.data, text.len);
    if (k) {
        unsigned char *sig;
        size_t n;
        struct fs_buf pem;
        fs_buf_init(&pem, 1 << 16);
        assert_int_equal(fs_sign(k, text.data, text.len, &sig, &n), FS_OK);
        put(FS_MANIFEST_SIG_NAME, sig, n);
        assert_int_equal(fs_sign_pubkey_pem(k, &pem), FS_OK);
        put(FS_SIGNER_PUB_NAME, pem.data, pem.len);
        puts_(FS_SIGNER_TXT_NAME, "algorithm: test\n");
        free(sig);
        fs_buf_dispose(&pem);
    }
    fs_buf_dispose(&text);
    fs_manifest_dispose(&m);
}

/* Writes k's public key to dir/../NAME.pub (outside the bundle) and returns its path. */
static const char *pubfile(EVP_PKEY *k, const char *name)
{
    static char p[2][128];
    static int which;
    char *path = p[which++ % 2];
    snprintf(path, 128, "%s.%s.pub", dir, name);
    struct fs_buf pem;
    fs_buf_init(&pem, 1 << 16);
    assert_int_equal(fs_sign_pubkey_pem(k, &pem), FS_OK);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(pem.data, 1, pem.len, f), pem.len);
    assert_int_equal(fclose(f), 0);
    fs_buf_dispose(&pem);
    return path;
}

/* floorscan verify on dir (or path); its stdout in out_text. */
static int verify_path(const char *path, const char *pub)
{
    FILE *out = fmemopen(out_text, sizeof out_text, "w");
    FILE *err = fopen("/dev/null", "w");
    assert_non_null(out);
    assert_non_null(err);
    int rc = fs_bundle_verify(path, pub, out, err);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(fclose(err), 0);
    return rc;
}

static int verify(const char *pub)
{
    return verify_path(dir, pub);
}

static void has(const char *needle)
{
    if (!strstr(out_text, needle))
        fail_msg("'%s' not in:\n%s", needle, out_text);
}

static void manifest_round_trip(void **state)
{
    (void)state;
    struct fs_manifest m, back;
    struct fs_buf text, err;
    fs_manifest_init(&m);
    fs_manifest_init(&back);
    fs_buf_init(&text, 1 << 16);
    fs_buf_init(&err, 256);
    const char *hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assert_int_equal(fs_manifest_add(&m, "run.json", hex), FS_OK);
    assert_int_equal(fs_manifest_add(&m, "facts/b.frames", hex), FS_OK);
    assert_int_equal(fs_manifest_add(&m, "Z.csv", hex), FS_OK);
    assert_int_equal(fs_manifest_render(&m, &text), FS_OK);
    /* byte order (what `sort` in the C locale gives), two spaces: sha256sum -c's format */
    char want[512];
    snprintf(want, sizeof want, "%s  Z.csv\n%s  facts/b.frames\n%s  run.json\n", hex, hex, hex);
    assert_string_equal(text.data, want);
    assert_int_equal(fs_manifest_parse(&back, text.data, text.len, &err), FS_OK);
    assert_int_equal(back.n, 3);
    assert_non_null(fs_manifest_find(&back, "facts/b.frames"));
    assert_null(fs_manifest_find(&back, "facts"));
    /* a path twice cannot be rendered */
    assert_int_equal(fs_manifest_add(&m, "run.json", hex), FS_OK);
    fs_buf_reset(&text);
    assert_int_equal(fs_manifest_render(&m, &text), FS_ERR_INVAL);
    /* unsafe names are refused when added, not only when parsed */
    assert_int_equal(fs_manifest_add(&m, "../x", hex), FS_ERR_INVAL);
    assert_int_equal(fs_manifest_add(&m, FS_MANIFEST_NAME, hex), FS_ERR_INVAL);
    fs_manifest_dispose(&m);
    fs_manifest_dispose(&back);
    fs_buf_dispose(&text);
    fs_buf_dispose(&err);
}

static void manifest_hostile_lines(void **state)
{
    (void)state;
    const char *h = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    char big[4096];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *paths[] = {
        "/etc/passwd", "../outside", "facts/../../x", "./run.json",      "a//b",           "dir/",
        "tab\there",   "esc\033[2J", "back\\slash",   "manifest.sha256", "signer.pub.pem", big};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char line[8192];
        int n = snprintf(line, sizeof line, "%s  %s\n", h, paths[i]);
        struct fs_manifest m;
        struct fs_buf err;
        fs_manifest_init(&m);
        fs_buf_init(&err, 256);
        if (fs_manifest_parse(&m, line, (size_t)n, &err) != FS_ERR_PARSE)
            fail_msg("accepted path %zu", i);
        assert_non_null(strstr(fs_buf_cstr(&err), "line 1:"));
        fs_manifest_dispose(&m);
        fs_buf_dispose(&err);
    }
    static const char nul[] =
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  a\0b\n";
    const struct {
        const char *text;
        size_t len;
    } bad[] = {
        {"0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef  a\n", 0},
        {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef a\n", 0},
        {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef *a\n", 0},
        {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  a", 0},
        {"0123456789abcdef  a\n", 0},
        {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  a\n"
         "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  a\n",
         0},
        {nul, sizeof nul - 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fs_manifest m;
        struct fs_buf err;
        fs_manifest_init(&m);
        fs_buf_init(&err, 256);
        size_t len = bad[i].len ? bad[i].len : strlen(bad[i].text);
        if (fs_manifest_parse(&m, bad[i].text, len, &err) != FS_ERR_PARSE)
            fail_msg("accepted line %zu", i);
        fs_manifest_dispose(&m);
        fs_buf_dispose(&err);
    }
}

static void good_bundle(bool ed)
{
    EVP_PKEY *k = keygen(ed);
    make_bundle(k);
    assert_int_equal(verify(NULL), 0);
    has(ed ? "signature: good (Ed25519" : "signature: good (ECDSA P-256");
    has("the signer was not pinned");
    has("manifest.sha256 sha256 ");
    has("OK: all 4 files match");
    /* pinned: the same key passes, without the note */
    assert_int_equal(verify(pubfile(k, "same")), 0);
    assert_null(strstr(out_text, "not pinned"));
    /* pinned to another key (even of the same algorithm): the signature does not count */
    EVP_PKEY *other = keygen(ed);
    assert_int_equal(verify(pubfile(other, "other")), 1);
    has("signature: BAD");
    rmtree();
    /* re-signed by someone else with their key put in the bundle: good unpinned, bad pinned */
    make_bundle(other);
    assert_int_equal(verify(NULL), 0);
    has("not pinned");
    assert_int_equal(verify(pubfile(k, "pinned")), 1);
    has("signature: BAD");
    rmtree();
    EVP_PKEY_free(other);
    EVP_PKEY_free(k);
}

static void ed25519_bundle_verifies(void **state)
{
    (void)state;
    good_bundle(true);
}

static void p256_bundle_verifies(void **state)
{
    (void)state;
    good_bundle(false);
}

static void changed_byte_is_named(void **state)
{
    (void)state;
    EVP_PKEY *k = keygen(true);
    make_bundle(k);
    puts_("facts/bs01.frames", "frame bytEs\n");
    assert_int_equal(verify(NULL), 1);
    has("CHANGED  facts/bs01.frames");
    has("signature: good"); /* the manifest itself is intact */
    has("FAILED: 1 changed, 0 missing, 0 added");
    rmtree();
    EVP_PKEY_free(k);
}

static void removed_and_added_files_are_named(void **state)
{
    (void)state;
    EVP_PKEY *k = keygen(false);
    make_bundle(k);
    char p[128];
    snprintf(p, sizeof p, "%s/inputs/bench.xml", dir);
    assert_int_equal(unlink(p), 0);
    puts_("inputs/extra.xml", "planted\n");
    assert_int_equal(verify(NULL), 1);
    has("MISSING  inputs/bench.xml");
    has("ADDED    inputs/extra.xml");
    rmtree();
    EVP_PKEY_free(k);
}

static void wrong_signature_fails(void **state)
{
    (void)state;
    EVP_PKEY *k = keygen(true);
    make_bundle(k);
    /* an edited manifest (the digest of an edited file put in) breaks the signature */
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, FS_MANIFEST_SIG_NAME);
    FILE *f = fopen(p, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 10, SEEK_SET), 0);
    int c = fgetc(f);
    assert_int_equal(fseek(f, 10, SEEK_SET), 0);
    assert_int_not_equal(fputc(c ^ 1, f), EOF);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(verify(NULL), 1);
    has("signature: BAD");
    /* the signer files are not in the manifest, but must be what they say */
    rmtree();
    EVP_PKEY_free(k);
}

static void unsigned_bundle(void **state)
{
    (void)state;
    EVP_PKEY *k = keygen(true);
    make_bundle(NULL);
    assert_int_equal(verify(NULL), 0);
    has("signature: none (the bundle is not signed)");
    /* a pinned signer demands a signature */
    assert_int_equal(verify(pubfile(k, "pin")), 1);
    has("signature: MISSING");
    rmtree();
    EVP_PKEY_free(k);
}

static void traversal_in_manifest_is_malformed(void **state)
{
    (void)state;
    make_bundle(NULL);
    char line[200];
    snprintf(line, sizeof line, "%064d  ../../etc/shadow\n", 0);
    puts_(FS_MANIFEST_NAME, line);
    assert_int_equal(verify(NULL), 2);
    snprintf(line, sizeof line, "%064d  /etc/shadow\n", 0);
    puts_(FS_MANIFEST_NAME, line);
    assert_int_equal(verify(NULL), 2);
    rmtree();
}

static void symlinks_are_not_followed(void **state)
{
    (void)state;
    EVP_PKEY *k = keygen(true);
    make_bundle(k);
    char p[128], target[128];
    /* a listed file replaced by a link to a file with the same bytes: still not the file */
    snprintf(target, sizeof target, "%s.same", dir);
    FILE *f = fopen(target, "w");
    assert_non_null(f);
    assert_int_equal(fputs(files[3][1], f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    snprintf(p, sizeof p, "%s/run.json", dir);
    assert_int_equal(unlink(p), 0);
    assert_int_equal(symlink(target, p), 0);
    /* and a link to a directory outside: not entered */
    snprintf(p, sizeof p, "%s/escape", dir);
    assert_int_equal(symlink("/etc", p), 0);
    assert_int_equal(verify(NULL), 1);
    has("CHANGED  run.json (a link: not followed)");
    has("ADDED    escape (a link: not followed)");
    assert_null(strstr(out_text, "passwd"));
    /* the bundle given as a link is refused, not followed */
    snprintf(p, sizeof p, "%s.link", dir);
    assert_int_equal(symlink(dir, p), 0);
    assert_int_equal(verify_path(p, NULL), 2);
    assert_int_equal(unlink(p), 0);
    assert_int_equal(unlink(target), 0);
    rmtree();
    EVP_PKEY_free(k);
}

static void no_manifest_is_not_a_bundle(void **state)
{
    (void)state;
    mktmp();
    assert_int_equal(verify(NULL), 2);
    assert_int_equal(verify_path("/nonexistent/bundle", NULL), 2);
    rmtree();
}

/* A tar whose entries try to leave bundle/ or carry links: each named, nothing extracted. */
static void hostile_tar(void **state)
{
    (void)state;
    mktmp();
    char path[128];
    snprintf(path, sizeof path, "%s/x.tar", dir);
    struct archive *a = archive_write_new();
    struct archive_entry *e = archive_entry_new();
    assert_int_equal(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
    assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
    char line[200];
    char hex[FS_SHA256_HEX];
    assert_int_equal(fs_sha256_mem("x", 1, hex), FS_OK);
    snprintf(line, sizeof line, "%s  a\n", hex);
    const struct {
        const char *name, *data;
        int type;
    } entries[] = {
        {"bundle/manifest.sha256", line, AE_IFREG},
        {"bundle/a", "x", AE_IFREG},
        {"bundle/../../evil", "x", AE_IFREG},
        {"bundle/lnk", NULL, AE_IFLNK},
        {"bundle/a", "y", AE_IFREG},
    };
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        archive_entry_clear(e);
        archive_entry_set_pathname(e, entries[i].name);
        archive_entry_set_filetype(e, (unsigned)entries[i].type);
        archive_entry_set_perm(e, 0600);
        if (entries[i].type == AE_IFLNK)
            archive_entry_set_symlink(e, "/etc/passwd");
        size_t n = entries[i].data ? strlen(entries[i].data) : 0;
        archive_entry_set_size(e, (la_int64_t)n);
        assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
        if (n)
            assert_int_equal(archive_write_data(a, entries[i].data, n), (la_ssize_t)n);
    }
    archive_entry_free(e);
    assert_int_equal(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
    assert_int_equal(verify_path(path, NULL), 1);
    has("TWICE    a");
    has("ADDED    bundle/../../evil (an unsafe name");
    has("ADDED    lnk (a link: not followed)");
    /* not a tar at all */
    snprintf(path, sizeof path, "%s/junk.tar", dir);
    puts_("junk.tar", "this is not a tar file\n");
    assert_int_equal(verify_path(path, NULL), 2);
    rmtree();
}

static void write_key(const char *path, EVP_PKEY *k, const char *pass, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    const EVP_CIPHER *c = pass ? EVP_aes_256_cbc() : NULL;
    unsigned char pw[32] = {0};
    size_t pwlen = pass ? strlen(pass) : 0;
    assert_true(pwlen < sizeof pw);
    memcpy(pw, pass ? pass : "", pwlen);
    assert_int_equal(PEM_write_PrivateKey(f, k, c, pass ? pw : NULL, (int)pwlen, NULL, NULL), 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
}

static void sign_keys_are_checked(void **state)
{
    (void)state;
    mktmp();
    char p[128];
    snprintf(p, sizeof p, "%s/key.pem", dir);
    struct fs_buf err;
    fs_buf_init(&err, 512);
    EVP_PKEY *k = NULL;
    EVP_PKEY *ed = keygen(true), *ec = keygen(false);
    EVP_PKEY *rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
    EVP_PKEY *p384 = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
    assert_non_null(rsa);
    assert_non_null(p384);
    write_key(p, ed, NULL, 0600);
    assert_int_equal(fs_sign_key_load(p, &k, &err), FS_OK);
    assert_string_equal(fs_sign_alg(k), "Ed25519");
    fs_sign_key_free(k);
    write_key(p, ec, NULL, 0400);
    assert_int_equal(fs_sign_key_load(p, &k, &err), FS_OK);
    assert_string_equal(fs_sign_alg(k), "ECDSA P-256");
    fs_sign_key_free(k);
    const struct {
        EVP_PKEY *key;
        const char *pass;
        mode_t mode;
        const char *why;
    } bad[] = {
        {ed, NULL, 0640, "readable or writable by group or others"},
        {ec, NULL, 0604, "readable or writable by group or others"},
        {ed, "secret", 0600, "encrypted"},
        {rsa, NULL, 0600, "Ed25519 or ECDSA P-256"},
        {p384, NULL, 0600, "Ed25519 or ECDSA P-256"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_key(p, bad[i].key, bad[i].pass, bad[i].mode);
        fs_buf_reset(&err);
        k = NULL;
        assert_int_not_equal(fs_sign_key_load(p, &k, &err), FS_OK);
        assert_null(k);
        if (!strstr(fs_buf_cstr(&err), bad[i].why))
            fail_msg("case %zu: %s", i, fs_buf_cstr(&err));
    }
    puts_("key.pem", "not a key\n");
    assert_int_equal(chmod(p, 0600), 0);
    fs_buf_reset(&err);
    assert_int_equal(fs_sign_key_load(p, &k, &err), FS_ERR_INVAL);
    fs_buf_reset(&err);
    assert_int_equal(fs_sign_key_load("/nonexistent/key.pem", &k, &err), FS_ERR_IO);
    EVP_PKEY_free(ed);
    EVP_PKEY_free(ec);
    EVP_PKEY_free(rsa);
    EVP_PKEY_free(p384);
    fs_buf_dispose(&err);
    rmtree();
}

static void host_names_become_safe_unique_files(void **state)
{
    (void)state;
    char *taken[4] = {0};
    taken[0] = fs_bundle_name("bs01", ".frames", taken, 0);
    taken[1] = fs_bundle_name("../etc/x", ".frames", taken, 1);
    taken[2] = fs_bundle_name("bs01", ".frames", taken, 2);
    taken[3] = fs_bundle_name("", ".frames", taken, 3);
    assert_string_equal(taken[0], "bs01.frames");
    assert_string_equal(taken[1], "_._etc_x.frames");
    assert_string_equal(taken[2], "bs01~2.frames");
    assert_string_equal(taken[3], "_.frames");
    for (size_t i = 0; i < 4; i++)
        free(taken[i]);
}

/* fs_bundle_write on a report of two hosts with the same name and a hash in their raw output:
 * the bundle verifies, names are safe and unique, the hash is redacted; an input changed since
 * it was loaded, and an existing bundle, are refused. */
static void writer_makes_a_verifiable_bundle(void **state)
{
    (void)state;
    mktmp();
    char bench[128], p[256];
    snprintf(bench, sizeof bench, "%s.bench.xml", dir);
    FILE *f = fopen(bench, "w");
    assert_non_null(f);
    assert_true(fputs("<Benchmark/>\n", f) >= 0);
    assert_int_equal(fclose(f), 0);
    puts_("results.json", "{}\n");
    struct fs_benchmark b = {.path = bench};
    struct fs_host hosts[2] = {{.name = (char *)"bs/01"}, {.name = (char *)"bs/01"}};
    char raw[] = "root:$6$saltsalt$Qw3rtyUiop0123456789:19000::\n";
    struct fs_host_result res[2] = {{.host = &hosts[0], .raw = raw, .raw_len = sizeof raw - 1},
                                    {.host = &hosts[1]}};
    struct fs_report r = {.benchmark = &b, .hosts = res, .n = 2};
    assert_int_equal(fs_sha256_file(bench, r.benchmark_sha256), FS_OK);
    struct fs_outdir od;
    struct fs_buf err;
    fs_buf_init(&err, 1024);
    assert_int_equal(fs_outdir_open(&od, dir, 0600, &err), FS_OK);
    const char *outs[] = {"results.json"};
    char *argv[] = {(char *)"floorscan", (char *)"scan", (char *)"local"};
    EVP_PKEY *k = keygen(false);
    struct fs_bundle_opts o = {
        .dir = &od, .files = outs, .nfiles = 1, .key = k, .argc = 3, .argv = argv};
    char hex[FS_SHA256_HEX];
    assert_int_equal(fs_bundle_check(&od, NULL, 0600, &err), FS_OK);
    if (fs_bundle_write(&r, &o, hex, &err) != FS_OK)
        fail_msg("%s", fs_buf_cstr(&err));
    assert_int_equal(strlen(hex), 64);
    snprintf(p, sizeof p, "%s/bundle", dir);
    assert_int_equal(verify_path(p, NULL), 0);
    has(hex);
    has("OK: all 5 files match"); /* results.json, two facts, the benchmark, run.json */
    snprintf(p, sizeof p, "%s/bundle/facts/bs_01.frames", dir);
    f = fopen(p, "r");
    assert_non_null(f);
    char got[256] = "";
    assert_true(fread(got, 1, sizeof got - 1, f) > 0);
    assert_int_equal(fclose(f), 0);
    assert_null(strstr(got, "Qw3rty"));
    assert_non_null(strstr(got, "[redacted]"));
    snprintf(p, sizeof p, "%s/bundle/facts/bs_01~2.frames", dir);
    assert_int_equal(access(p, F_OK), 0);
    /* evidence is never overwritten */
    fs_buf_reset(&err);
    assert_int_equal(fs_bundle_check(&od, NULL, 0600, &err), FS_ERR_INVAL);
    assert_int_not_equal(fs_bundle_write(&r, &o, hex, &err), FS_OK);
    /* a benchmark edited after it was loaded is not bundled */
    snprintf(p, sizeof p, "%s/bundle", dir);
    char old[128];
    snprintf(old, sizeof old, "%s/bundle.old", dir);
    assert_int_equal(rename(p, old), 0);
    f = fopen(bench, "a");
    assert_non_null(f);
    assert_true(fputs("<!-- edited -->\n", f) >= 0);
    assert_int_equal(fclose(f), 0);
    fs_buf_reset(&err);
    assert_int_equal(fs_bundle_write(&r, &o, hex, &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "changed during the scan"));
    assert_int_equal(access(p, F_OK), -1); /* nothing half-written left in place */
    fs_outdir_dispose(&od);
    fs_buf_dispose(&err);
    EVP_PKEY_free(k);
    rmtree();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(manifest_round_trip),
        cmocka_unit_test(manifest_hostile_lines),
        cmocka_unit_test(ed25519_bundle_verifies),
        cmocka_unit_test(p256_bundle_verifies),
        cmocka_unit_test(changed_byte_is_named),
        cmocka_unit_test(removed_and_added_files_are_named),
        cmocka_unit_test(wrong_signature_fails),
        cmocka_unit_test(unsigned_bundle),
        cmocka_unit_test(traversal_in_manifest_is_malformed),
        cmocka_unit_test(symlinks_are_not_followed),
        cmocka_unit_test(no_manifest_is_not_a_bundle),
        cmocka_unit_test(hostile_tar),
        cmocka_unit_test(sign_keys_are_checked),
        cmocka_unit_test(host_names_become_safe_unique_files),
        cmocka_unit_test(writer_makes_a_verifiable_bundle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
