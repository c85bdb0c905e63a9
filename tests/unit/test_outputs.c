/* SPDX-License-Identifier: Apache-2.0 */
/* Report files in a shared output directory: planted links, directory checks, file modes,
 * password hash redaction, and hostile text that must not break results.json or the XCCDF. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/outfile.h"
#include "reports/redact.h"
#include "reports/report.h"
#include "scanner/collect/facts.h"
#include "scanner/core/err.h"
#include "scanner/engine/benchmark.h"

static char *tmpdir(void)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/fs-outputs-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void rmtree(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void at(char *out, size_t n, const char *dir, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

/* Links planted at the final name and at every temporary name an older version used: the
 * victim is untouched and the report is a new regular file with the default mode 0600. */
static void planted_links_are_not_followed(void **state)
{
    (void)state;
    char *dir = tmpdir(), victim[128], p[128];
    at(victim, sizeof victim, dir, "victim");
    FILE *f = fopen(victim, "w");
    assert_non_null(f);
    assert_true(fputs("precious\n", f) >= 0);
    assert_int_equal(fclose(f), 0);
    static const char *const planted[] = {"results.json", "results.json.tmp", ".results.json.tmp"};
    for (size_t i = 0; i < 3; i++) {
        at(p, sizeof p, dir, planted[i]);
        assert_int_equal(symlink(victim, p), 0);
    }
    mode_t old = umask(0); /* the umask must not widen the mode */
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_outdir d;
    assert_int_equal(fs_outdir_open(&d, dir, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    assert_int_equal(fs_outfile_write(&d, "results.json", "{}\n", 3, &err), FS_OK);
    umask(old);
    assert_string_equal(slurp(victim), "precious\n");
    struct stat st;
    at(p, sizeof p, dir, "results.json");
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_string_equal(slurp(p), "{}\n");
    /* the other links are left alone, and no temporary file is left behind */
    for (size_t i = 1; i < 3; i++) {
        at(p, sizeof p, dir, planted[i]);
        assert_int_equal(lstat(p, &st), 0);
        assert_true(S_ISLNK(st.st_mode));
    }
    char cmd[256];
    snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 4", dir);
    assert_int_equal(system(cmd), 0);
    /* a chosen mode is applied as given */
    d.mode = 0640;
    assert_int_equal(fs_outfile_write(&d, "results.json", "[]\n", 3, &err), FS_OK);
    at(p, sizeof p, dir, "results.json");
    assert_int_equal(lstat(p, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_string_equal(slurp(victim), "precious\n");
    fs_outdir_dispose(&d);
    fs_buf_dispose(&err);
    rmtree(dir);
}

static void expect_refused(const char *path, const char *why)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_outdir d;
    assert_int_not_equal(fs_outdir_open(&d, path, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    assert_int_equal(d.fd, -1);
    if (!strstr(fs_buf_cstr(&err), path) || !strstr(fs_buf_cstr(&err), why))
        fail_msg("%s: '%s' does not say '%s'", path, fs_buf_cstr(&err), why);
    fs_buf_dispose(&err);
}

static void expect_accepted(const char *path)
{
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_outdir d;
    if (fs_outdir_open(&d, path, FS_OUTPUT_MODE_DEFAULT, &err) != FS_OK)
        fail_msg("%s refused: %s", path, fs_buf_cstr(&err));
    fs_outdir_dispose(&d);
    fs_buf_dispose(&err);
}

static void shared_directories_are_refused(void **state)
{
    (void)state;
    char *dir = tmpdir(), sub[128], link[128], slash[140];
    at(sub, sizeof sub, dir, "out");
    assert_int_equal(mkdir(sub, 0700), 0);
    expect_accepted(sub);
    assert_int_equal(chmod(sub, 0777), 0);
    expect_refused(sub, "sticky");
    assert_int_equal(chmod(sub, 0770), 0);
    expect_refused(sub, "group");
    assert_int_equal(chmod(sub, 01777), 0);
    expect_accepted(sub);
    assert_int_equal(chmod(sub, 0755), 0);
    at(link, sizeof link, dir, "link");
    assert_int_equal(symlink(sub, link), 0);
    expect_refused(link, "symbolic link");
    snprintf(slash, sizeof slash, "%s/", link);
    expect_refused(slash, "symbolic link");
    if (geteuid() == 0) {
        assert_int_equal(chown(sub, 65534, 65534), 0);
        expect_refused(sub, "owned by uid 65534");
    }
    rmtree(dir);
}

static void output_modes(void **state)
{
    (void)state;
    mode_t m = 0;
    assert_int_equal(fs_output_mode_parse("0640", &m), FS_OK);
    assert_int_equal(m, 0640);
    assert_int_equal(fs_output_mode_parse("600", &m), FS_OK);
    assert_int_equal(m, 0600);
    assert_int_equal(fs_output_mode_parse("0644", &m), FS_OK);
    static const char *const bad[] = {"0666", "0602", "0700", "0750", "0641", "04600", "0200",
                                      "0",    "",     "6x0",  "-600", "0800", NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (fs_output_mode_parse(bad[i], &m) == FS_OK)
            fail_msg("mode '%s' accepted", bad[i] ? bad[i] : "(null)");
}

static const char *redacted(struct fs_buf *b, const char *s)
{
    fs_buf_reset(b);
    assert_int_equal(fs_redact_hashes(b, s, strlen(s)), FS_OK);
    return fs_buf_cstr(b);
}

static void hashes_are_redacted(void **state)
{
    (void)state;
    struct fs_buf b;
    fs_buf_init(&b, 4096);
    assert_string_equal(
        redacted(&b, "root:$6$rounds=5000$abcdefgh$0123456789ABCDEFabcdef./:19000:0:99999"),
        "root:$6$[redacted]:19000:0:99999");
    assert_string_equal(redacted(&b, "x $y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o. y"),
                        "x $y$[redacted] y");
    assert_string_equal(
        redacted(&b, "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"),
        "$2b$[redacted]");
    assert_string_equal(redacted(&b, "password_pbkdf2 root grub.pbkdf2.sha512.10000.ABCDEF0123"),
                        "password_pbkdf2 root grub.pbkdf2.[redacted]");
    assert_string_equal(redacted(&b, "olduser:aB3dE6gH9jK1m:19000::"),
                        "olduser:[redacted]:19000::");
    /* a scheme name, prices and prose stay */
    assert_string_equal(redacted(&b, "weak password hashes: root ($1$), ops ($2a$)"),
                        "weak password hashes: root ($1$), ops ($2a$)");
    assert_string_equal(redacted(&b, "costs $5 or $10$ each"), "costs $5 or $10$ each");
    fs_buf_dispose(&b);
    /* and the files: nothing of the hash reaches the disk */
    char *dir = tmpdir(), p[128];
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_outdir d;
    assert_int_equal(fs_outdir_open(&d, dir, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    const char *doc = "{\"evidence\": \"probe shadow_status failed: "
                      "root:$6$saltsalt$Qw3rtyUiop0123456789:19000\"}\n";
    assert_int_equal(fs_outfile_write(&d, "results.json", doc, strlen(doc), &err), FS_OK);
    at(p, sizeof p, dir, "results.json");
    assert_null(strstr(slurp(p), "saltsalt"));
    assert_null(strstr(slurp(p), "Qw3rty"));
    assert_non_null(strstr(slurp(p), "root:$6$[redacted]:19000"));
    fs_outdir_dispose(&d);
    fs_buf_dispose(&err);
    rmtree(dir);
}

static void put(struct fs_facts *f, const char *id, const char *data)
{
    assert_int_equal(fs_facts_put(f, id, data, strlen(data), 0, FS_FACT_OK), FS_OK);
}

/* A host whose inventory and device text is hostile: invalid UTF-8, control characters,
 * secrets among its variables. Both reports are still written, parse and validate, and no
 * secret reaches them. */
static void hostile_text_and_secrets(void **state)
{
    (void)state;
    char bench[1024];
    snprintf(bench, sizeof bench, "%s/ten-rules-xccdf.xml", getenv("FS_FIXTURES"));
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    struct fs_benchmark *b = NULL;
    assert_int_equal(fs_benchmark_load(&b, bench, &err), FS_OK);

    char *groups[] = {"line\x01", "caf\xc3\xa9"};
    struct fs_host h;
    memset(&h, 0, sizeof h);
    h.name = "dev\x1b[31m\x01";
    h.address = "10.0.0.1\xff";
    h.port = 22;
    h.user = "aud\xffit";
    h.role = "build-server";
    h.zone = "z\x01one\xc2\x85";
    h.key_file = "/srv/keys/ts-secret-path.key";
    h.groups = groups;
    h.ngroups = 2;
    fs_kvlist_init(&h.vars);
    static const char *const vars[][2] = {
        {"api_key", "APIKEY-0001"},
        {"snmp_community", "SNMPCOMM-0002"},
        {"wifi_psk", "WIFIPSK-0003"},
        {"db_credentials", "DBCRED-0004"},
        {"ansible_ssh_private_key_file", "/srv/keys/ts-secret-path.key"},
        {"key_file", "/srv/keys/ts-secret-path.key"},
        {"ansible_ssh_common_args", "-o ProxyJump=jump -i /srv/keys/ts-secret-path.key"},
        {"role", "build-server"},
        {"zone", "z\x01one\xc2\x85"},
        {"ansible_user", "aud\xffit"},
    };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        assert_int_equal(fs_kvlist_set(&h.vars, vars[i][0], vars[i][1]), FS_OK);

    struct fs_facts f;
    fs_facts_init(&f);
    put(&f, "passwd", "root:x:0:0::/root:/bin/sh\nr\xfft\x1b[1m:x:0:0::/:/bin/sh\n");
    put(&f, "sys_hostname", "h\xff\x01x\n");
    put(&f, "shadow_status", "root:$6$\n");
    struct fs_host_result r;
    memset(&r, 0, sizeof r);
    r.host = &h;
    r.hostname = strdup("h\xff\x01x");
    r.error = strdup("partial: tool said \xff\x02");
    const struct fs_profile *p = fs_benchmark_profile(b, "build-server");
    assert_int_equal(fs_benchmark_evaluate(b, p, &h, &f, &r), FS_OK);
    /* evidence as a future writer path might hand it over, raw */
    free(r.results[0].evidence);
    r.results[0].evidence = strdup("raw \xff\xfe evidence \x01");

    char *dir = tmpdir(), path[128], cmd[512];
    struct fs_outdir d;
    assert_int_equal(fs_outdir_open(&d, dir, FS_OUTPUT_MODE_DEFAULT, &err), FS_OK);
    struct fs_report rep = {.benchmark = b,
                            .hosts = &r,
                            .n = 1,
                            .started = "2026-11-24T00:00:00Z",
                            .finished = "2026-11-24T00:00:01Z"};
    if (fs_report_json(&rep, &d, "results.json", &err) != FS_OK)
        fail_msg("json: %s", fs_buf_cstr(&err));
    if (fs_report_xccdf(&rep, &d, "results-xccdf.xml", &err) != FS_OK)
        fail_msg("xccdf: %s", fs_buf_cstr(&err));
    if (fs_report_arf(&rep, &d, "results-arf.xml", &err) != FS_OK)
        fail_msg("arf: %s", fs_buf_cstr(&err));
    fs_outdir_dispose(&d);

    at(path, sizeof path, dir, "results.json");
    json_error_t je;
    json_t *doc = json_load_file(path, 0, &je);
    if (!doc)
        fail_msg("results.json does not parse: %s", je.text);
    json_t *hj = json_array_get(json_object_get(doc, "hosts"), 0);
    assert_string_equal(json_string_value(json_object_get(hj, "name")), "dev\\x1b[31m\\x01");
    assert_string_equal(json_string_value(json_object_get(hj, "user")), "aud\\xffit");
    assert_string_equal(json_string_value(json_object_get(hj, "zone")), "z\\x01one\\xc2\\x85");
    assert_string_equal(json_string_value(json_array_get(json_object_get(hj, "groups"), 1)),
                        "caf\xc3\xa9");
    json_t *jv = json_object_get(hj, "vars");
    assert_int_equal(json_object_size(jv), 3); /* role, zone, ansible_user */
    assert_string_equal(json_string_value(json_object_get(jv, "role")), "build-server");
    json_decref(doc);
    snprintf(cmd, sizeof cmd, "oscap xccdf validate '%s/results-xccdf.xml' >/dev/null 2>&1", dir);
    assert_int_equal(system(cmd), 0);
    /* the ARF too: the hostile name and address are no ai:hostname or ai:ip-address */
    snprintf(cmd, sizeof cmd, "oscap ds rds-validate '%s/results-arf.xml' >/dev/null 2>&1", dir);
    assert_int_equal(system(cmd), 0);
    /* the text is there, escaped, not dropped by the serialiser */
    at(path, sizeof path, dir, "results-xccdf.xml");
    const char *xml = slurp(path);
    assert_non_null(strstr(xml, "<target>dev\\x1b[31m\\x01</target>"));
    assert_non_null(strstr(xml, "<target-address>10.0.0.1\\xff</target-address>"));
    assert_non_null(strstr(xml, ">aud\\xffit</identity>"));
    assert_non_null(strstr(xml, ">z\\x01one\\xc2\\x85</fact>"));
    assert_non_null(strstr(xml, "uid 0 besides root: r\\xfft\\x1b[1m"));
    at(path, sizeof path, dir, "results.json");
    snprintf(cmd, sizeof cmd, "python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '%s'",
             path);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd,
             "! grep -r -e APIKEY -e SNMPCOMM -e WIFIPSK -e DBCRED -e ts-secret-path "
             "-e api_key -e snmp_community -e wifi_psk -e db_credentials '%s'",
             dir);
    assert_int_equal(system(cmd), 0);

    fs_host_result_dispose(&r);
    fs_facts_dispose(&f);
    fs_kvlist_dispose(&h.vars);
    fs_benchmark_free(b);
    fs_buf_dispose(&err);
    rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(planted_links_are_not_followed),
        cmocka_unit_test(shared_directories_are_refused),
        cmocka_unit_test(output_modes),
        cmocka_unit_test(hashes_are_redacted),
        cmocka_unit_test(hostile_text_and_secrets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
