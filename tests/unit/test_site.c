/* SPDX-License-Identifier: Apache-2.0 */
/* The site model: CIDRs in one 16-byte space, overlap, loading with FILE:LINE errors, the
 * JSON round trip, and a host's membership in every state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/core/digest.h"
#include "scanner/core/err.h"
#include "scanner/zones/site.h"

static const char example[] =
    "zones:\n"
    "  engineering: { networks: [10.20.0.0/24], security_level: 2 }\n"
    "  production:  { networks: [10.30.0.0/24, \"fd00:30::/64\"], security_level: 3 }\n"
    "  dmz:\n"
    "    networks:\n"
    "      - 192.168.5.0/24\n"
    "      - 192.168.6.7\n"
    "conduits:\n"
    "  - { from: engineering, to: production, ports: [tcp/22], purpose: \"deployment\" }\n"
    "  - { from: production, to: engineering, ports: [udp/514, tcp/6514, tcp/8000-8080], "
    "purpose: \"logging\" }\n"
    "  - from: dmz\n"
    "    to: production\n"
    "    ports: [tcp/443]\n";

static struct fs_site *load_ok(const char *yaml)
{
    struct fs_site *s = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_site_load_mem(&s, "site.yml", yaml, strlen(yaml), &err);
    if (rc != FS_OK)
        fprintf(stderr, "unexpected: %s\n", fs_buf_cstr(&err));
    fs_buf_dispose(&err);
    assert_int_equal(rc, FS_OK);
    assert_non_null(s);
    return s;
}

/* Loading yaml fails with exactly "site.yml:" + expect. */
static void load_fails(const char *yaml, const char *expect)
{
    struct fs_site *s = (struct fs_site *)1;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    int rc = fs_site_load_mem(&s, "site.yml", yaml, strlen(yaml), &err);
    char want[1024];
    snprintf(want, sizeof want, "site.yml:%s", expect);
    if (rc != FS_ERR_INVAL || strcmp(fs_buf_cstr(&err), want) != 0)
        fprintf(stderr, "yaml:\n%s\nwant: %s\ngot:  %s (rc %d)\n", yaml, want, fs_buf_cstr(&err),
                rc);
    assert_int_equal(rc, FS_ERR_INVAL);
    assert_null(s);
    assert_string_equal(fs_buf_cstr(&err), want);
    fs_buf_dispose(&err);
}

static void cidr(const char *text, bool ok, unsigned prefix)
{
    struct fs_cidr c;
    bool got = fs_cidr_parse(text, strlen(text), &c);
    if (got != ok)
        fprintf(stderr, "cidr %s: expected %s\n", text, ok ? "valid" : "refused");
    assert_int_equal(got, ok);
    if (ok)
        assert_int_equal(c.prefix, prefix);
}

static bool in(const char *net, const char *addr)
{
    struct fs_cidr c;
    unsigned char a[16];
    assert_true(fs_cidr_parse(net, strlen(net), &c));
    assert_true(fs_addr_parse(addr, strlen(addr), a));
    return fs_cidr_contains(&c, a);
}

static void cidr_parsing_and_matching(void **state)
{
    (void)state;
    cidr("10.20.0.0/24", true, 120);
    cidr("10.20.0.7", true, 128);
    cidr("10.20.0.7/32", true, 128);
    cidr("0.0.0.0/0", true, 96);
    cidr("::/0", true, 0);
    cidr("fd00:30::/64", true, 64);
    cidr("fd00:30::1/128", true, 128);
    cidr("fd00:30::1", true, 128);
    cidr("10.20.0.1/24", false, 0);  /* host bits set */
    cidr("fd00:30::1/64", false, 0); /* host bits set */
    cidr("10.20.0.0/33", false, 0);
    cidr("fd00::/129", false, 0);
    cidr("10.20.0.0/", false, 0);
    cidr("10.20.0.0/2x", false, 0);
    cidr("10.20.0/24", false, 0);
    cidr("plc1.example/24", false, 0);
    cidr("", false, 0);
    cidr("10.20.0.0/-1", false, 0);
    cidr("10.20.0.0/0024", false, 0);

    assert_true(in("10.20.0.0/24", "10.20.0.9"));
    assert_false(in("10.20.0.0/24", "10.20.1.9"));
    assert_true(in("10.20.0.0/24", "::ffff:10.20.0.9")); /* an IPv6 socket's view */
    assert_true(in("10.20.0.7/32", "10.20.0.7"));
    assert_false(in("10.20.0.7/32", "10.20.0.8"));
    assert_true(in("0.0.0.0/0", "203.0.113.5"));
    assert_false(in("0.0.0.0/0", "fd00::1")); /* IPv4's /0 is all of IPv4 only */
    assert_true(in("::/0", "fd00::1"));
    assert_true(in("::/0", "10.0.0.1"));
    assert_true(in("fd00:30::/64", "fd00:30::abcd"));
    assert_false(in("fd00:30::/64", "fd00:31::1"));
    assert_true(in("fd00:30::1/128", "fd00:30::1"));
    assert_false(in("fd00:30::1/128", "fd00:30::2"));
    assert_false(in("10.20.0.0/24", "fd00:30::1"));

    char out[64];
    struct fs_cidr c;
    assert_true(fs_cidr_parse("10.20.0.0/24", 12, &c));
    fs_cidr_str(&c, out, sizeof out);
    assert_string_equal(out, "10.20.0.0/24");
    assert_true(fs_cidr_parse("fd00:30::/64", 12, &c));
    fs_cidr_str(&c, out, sizeof out);
    assert_string_equal(out, "fd00:30::/64");
}

static bool overlap(const char *a, const char *b)
{
    struct fs_cidr x, y;
    assert_true(fs_cidr_parse(a, strlen(a), &x));
    assert_true(fs_cidr_parse(b, strlen(b), &y));
    assert_int_equal(fs_cidr_overlap(&x, &y), fs_cidr_overlap(&y, &x));
    return fs_cidr_overlap(&x, &y);
}

static void overlap_detection(void **state)
{
    (void)state;
    assert_true(overlap("10.20.0.0/16", "10.20.5.0/24"));
    assert_true(overlap("10.20.0.0/24", "10.20.0.0/24"));
    assert_false(overlap("10.20.0.0/24", "10.20.1.0/24"));
    assert_true(overlap("10.20.0.0/23", "10.20.1.0/24"));
    assert_true(overlap("0.0.0.0/0", "192.168.1.1"));
    assert_false(overlap("10.20.0.0/24", "fd00::/8"));
    assert_true(overlap("::/0", "10.20.0.0/24"));
    assert_true(overlap("fd00::/8", "fd00:30::/64"));
    assert_false(overlap("fd00:30::/64", "fd00:31::/64"));
}

static void loads_the_example(void **state)
{
    (void)state;
    struct fs_site *s = load_ok(example);
    char sha[FS_SHA256_HEX], net[64];
    assert_int_equal(fs_sha256_mem(example, strlen(example), sha), FS_OK);
    assert_string_equal(s->sha256, sha);
    assert_string_equal(s->path, "site.yml");
    assert_int_equal(s->nzones, 3);
    assert_string_equal(s->zones[0].name, "engineering");
    assert_int_equal(s->zones[0].security_level, 2);
    assert_int_equal(s->zones[0].line, 2);
    assert_int_equal(s->zones[1].nnets, 2);
    fs_cidr_str(&s->zones[1].nets[1], net, sizeof net);
    assert_string_equal(net, "fd00:30::/64");
    assert_int_equal(s->zones[2].security_level, 0);
    assert_int_equal(s->zones[2].nnets, 2);
    fs_cidr_str(&s->zones[2].nets[1], net, sizeof net);
    assert_string_equal(net, "192.168.6.7/32");
    assert_int_equal(s->nconduits, 3);
    const struct fs_conduit *c = &s->conduits[1];
    assert_int_equal(c->from, 1);
    assert_int_equal(c->to, 0);
    assert_int_equal(c->line, 10);
    assert_string_equal(c->purpose, "logging");
    assert_int_equal(c->nports, 3);
    assert_string_equal(c->ports[0].proto, "udp");
    assert_int_equal(c->ports[0].lo, 514);
    assert_int_equal(c->ports[2].lo, 8000);
    assert_int_equal(c->ports[2].hi, 8080);
    assert_string_equal(s->conduits[2].purpose, "");
    assert_int_equal(s->conduits[2].line, 11);
    /* the look-ups agree with what was loaded */
    assert_int_equal(fs_site_conduit_for(s, 1, 0, "tcp", 8080), 1);
    assert_int_equal(fs_site_conduit_for(s, 1, 0, "tcp", 8081), -1);
    assert_int_equal(fs_site_conduit_for(s, 0, 1, "tcp", 22), 0);
    assert_int_equal(fs_site_conduit_for(s, 1, 0, "tcp", 22), -1); /* direction matters */
    fs_site_free(s);

    s = load_ok("zones:\n  a: { networks: [10.0.0.0/8] }\n");
    assert_int_equal(s->nconduits, 0);
    fs_site_free(s);
    s = load_ok("conduits: []\nzones:\n  a: { networks: [10.0.0.0/8] }\n  b: { networks: "
                "[\"fd00::/8\"] }\n");
    assert_int_equal(s->nzones, 2);
    fs_site_free(s);
    fs_site_free(NULL);
}

static void load_errors_name_file_and_line(void **state)
{
    (void)state;
    load_fails("", " the site model is empty (expected 'zones:' and 'conduits:')");
    load_fails("- a\n", "1: the top level must be a mapping with 'zones:' and 'conduits:', not a "
                        "list");
    load_fails("zones: {a: {networks: [10.0.0.0/8]}}\nextra: 1\n",
               "2: unknown key 'extra' in the top level (expected zones, conduits)");
    load_fails("conduits: []\n", "1: the site model has no 'zones:'");
    load_fails("zones: {}\n", "1: the site model declares no zone");
    load_fails("zones: [a]\n", "1: zones must be a mapping of zone names to zones, not a list");
    load_fails(
        "zones:\n  a: { networks: [10.0.0.0/8] }\nzones:\n  b: { networks: [10.1.0.0/16] }\n",
        "3: key 'zones' appears twice in the top level (first at line 1)");
    load_fails("zones:\n  a: { networks: [10.0.0.0/8], colour: red }\n",
               "2: unknown key 'colour' in a zone (expected networks, security_level)");
    load_fails("zones:\n  a:\n    networks: [10.0.0.0/8]\n    networks: [10.1.0.0/16]\n",
               "4: key 'networks' appears twice in a zone (first at line 3)");
    load_fails("zones:\n  a: { security_level: 2 }\n", "2: zone 'a' has no networks");
    load_fails("zones:\n  a: 10.0.0.0/8\n", "2: zone 'a' must be a mapping ({ networks: [...], "
                                            "security_level: N }), not a single value");
    load_fails("zones:\n  a: { networks: 10.0.0.0/8 }\n",
               "2: networks of zone 'a' must be a list of networks ([10.20.0.0/24]), not a "
               "single value");
    load_fails("zones:\n  a: { networks: [] }\n", "2: zone 'a' has an empty networks list");
    load_fails("zones:\n  a:\n    networks:\n      - 10.0.0.0/8\n      - 10.0.0.1/24\n",
               "5: network '10.0.0.1/24' of zone 'a' is not a network address with a prefix "
               "length (10.20.0.0/24, fd00:30::/64; the host bits must be zero)");
    load_fails("zones:\n  a: { networks: [plc-net] }\n",
               "2: network 'plc-net' of zone 'a' is not a network address with a prefix length "
               "(10.20.0.0/24, fd00:30::/64; the host bits must be zero)");
    load_fails("zones:\n  a: { networks: [[10.0.0.0/8]] }\n",
               "2: a network of zone 'a' must be a single value (10.20.0.0/24), not a list");
    load_fails("zones:\n"
               "  x: { networks: [10.20.0.0/16] }\n"
               "  b:\n"
               "    networks:\n"
               "      - 10.30.0.0/24\n"
               "      - 10.20.5.0/24\n",
               "6: network 10.20.5.0/24 of zone 'b' overlaps zone x's 10.20.0.0/16 (line 2)");
    load_fails("zones:\n"
               "  x:\n"
               "    networks:\n"
               "      - 10.20.0.0/16\n"
               "      - 10.20.0.0/24\n",
               "5: network 10.20.0.0/24 overlaps 10.20.0.0/16, also of zone 'x' (line 4)");
    load_fails("zones:\n  a: { networks: [\"fd00::/8\"] }\n  b: { networks: [\"fd00:30::/64\"] }\n",
               "3: network fd00:30::/64 of zone 'b' overlaps zone a's fd00::/8 (line 2)");
    load_fails("zones:\n  a: { networks: [10.0.0.0/8], security_level: 5 }\n",
               "2: security_level of zone 'a' must be 1, 2, 3 or 4, not '5'");
    load_fails("zones:\n  a: { networks: [10.0.0.0/8], security_level: 0 }\n",
               "2: security_level of zone 'a' must be 1, 2, 3 or 4, not '0'");
    load_fails("zones:\n  a: { networks: [10.0.0.0/8], security_level: high }\n",
               "2: security_level of zone 'a' must be 1, 2, 3 or 4, not 'high'");
    load_fails("zones:\n  a: { networks: [10.0.0.0/8] }\n  a: { networks: [10.1.0.0/16] }\n",
               "3: zone 'a' is declared twice (first at line 2)");
    load_fails("zones:\n  \"cell 3\": { networks: [10.0.0.0/8] }\n",
               "2: zone name 'cell 3' may hold only letters, digits, '-', '_' and '.'");
    load_fails("zones:\n  "
               "a1234567890123456789012345678901234567890123456789012345678901234: "
               "{ networks: [10.0.0.0/8] }\n",
               "2: zone name 'a123456789012345678901234567890123456789012345678901234567890123' "
               "is longer than 64 characters");
    static const char two[] = "zones:\n"
                              "  eng: { networks: [10.20.0.0/24] }\n"
                              "  prod: { networks: [10.30.0.0/24] }\n"
                              "conduits:\n";
    char y[2048];
#define CONDUIT(line, expect)                                                                      \
    do {                                                                                           \
        snprintf(y, sizeof y, "%s%s", two, line);                                                  \
        load_fails(y, expect);                                                                     \
    } while (0)
    CONDUIT("  - { from: eng, to: plant, ports: [tcp/22] }\n",
            "5: conduit to 'plant' is not a zone of the site model");
    CONDUIT("  - { from: lab, to: prod, ports: [tcp/22] }\n",
            "5: conduit from 'lab' is not a zone of the site model");
    CONDUIT("  - { from: eng, to: eng, ports: [tcp/22] }\n",
            "5: the conduit goes from zone 'eng' to itself (traffic inside a zone needs no "
            "conduit)");
    CONDUIT("  - { from: eng, to: prod }\n", "5: the conduit has no ports");
    CONDUIT("  - { to: prod, ports: [tcp/22] }\n", "5: the conduit has no from");
    CONDUIT("  - { from: eng, to: prod, ports: [] }\n",
            "5: the conduit's ports list is empty (a conduit allows at least one port)");
    CONDUIT("  - { from: eng, to: prod, ports: tcp/22 }\n",
            "5: ports must be a list ([tcp/22, udp/514, tcp/8000-8080]), not a single value");
    CONDUIT("  - { from: eng, to: prod, ports: [icmp/0] }\n",
            "5: port 'icmp/0' has a protocol other than tcp or udp");
    CONDUIT("  - { from: eng, to: prod, ports: [TCP/22] }\n",
            "5: port 'TCP/22' has a protocol other than tcp or udp");
    CONDUIT("  - { from: eng, to: prod, ports: [22] }\n",
            "5: port '22' is not PROTO/PORT (tcp/22, udp/514, tcp/8000-8080)");
    CONDUIT("  - { from: eng, to: prod, ports: [tcp/0] }\n",
            "5: port 'tcp/0' has a port that is not a number from 1 to 65535");
    CONDUIT("  - { from: eng, to: prod, ports: [tcp/65536] }\n",
            "5: port 'tcp/65536' has a port that is not a number from 1 to 65535");
    CONDUIT("  - { from: eng, to: prod, ports: [tcp/ssh] }\n",
            "5: port 'tcp/ssh' has a port that is not a number from 1 to 65535");
    CONDUIT("  - { from: eng, to: prod, ports: [tcp/8080-8000] }\n",
            "5: port 'tcp/8080-8000' has a port range whose first port is above its last");
    CONDUIT("  - { from: eng, to: prod, ports: [tcp/8000-] }\n",
            "5: port 'tcp/8000-' has a port range whose ends are not numbers from 1 to 65535");
    CONDUIT("  - { from: eng, to: prod, ports: [tcp/22], via: fw1 }\n",
            "5: unknown key 'via' in a conduit (expected from, to, ports, purpose)");
    CONDUIT("  - from: eng\n    to: prod\n    from: prod\n    ports: [tcp/22]\n",
            "7: key 'from' appears twice in a conduit (first at line 5)");
    CONDUIT("  - { from: eng, to: prod, ports: [tcp/22], purpose: \"a\\tb\" }\n",
            "5: purpose holds a control character (write it on one line, without tabs)");
    CONDUIT("  - eng\n", "5: a conduit must be a mapping ({ from: ZONE, to: ZONE, ports: [...] "
                         "}), not a single value");
    CONDUIT("  eng: prod\n", "4: conduits must be a list ('conduits: []' for none), not a "
                             "mapping");
#undef CONDUIT
    load_fails("zones: [\n", "2: invalid YAML: did not find expected node content while parsing "
                             "a flow node (column 1)");
}

/* Counts past the limits are refused, not held. */
static void limits_are_enforced(void **state)
{
    (void)state;
    size_t cap = (size_t)64 * 1024;
    char *y = malloc(cap);
    assert_non_null(y);
    size_t n = (size_t)snprintf(y, cap, "zones:\n");
    for (int i = 0; i < 257; i++)
        n += (size_t)snprintf(y + n, cap - n, "  z%d: { networks: [10.%d.%d.0/24] }\n", i, i / 256,
                              i % 256);
    load_fails(y, "1: the site model declares more than 256 zones");

    n = (size_t)snprintf(y, cap, "zones:\n  a:\n    networks:\n");
    for (int i = 0; i < 65; i++)
        n += (size_t)snprintf(y + n, cap - n, "      - 10.0.%d.0/24\n", i);
    load_fails(y, "3: zone 'a' has more than 64 networks");

    n = (size_t)snprintf(y, cap,
                         "zones:\n  a: { networks: [10.0.0.0/24] }\n"
                         "  b: { networks: [10.0.1.0/24] }\nconduits:\n");
    for (int i = 0; i < 1025; i++)
        n += (size_t)snprintf(y + n, cap - n, "  - {from: a, to: b, ports: [tcp/%d]}\n", i + 1);
    load_fails(y, "4: the site model declares more than 1024 conduits");

    n = (size_t)snprintf(y, cap,
                         "zones:\n  a: { networks: [10.0.0.0/24] }\n"
                         "  b: { networks: [10.0.1.0/24] }\nconduits:\n"
                         "  - {from: a, to: b, ports: [");
    for (int i = 0; i < 65; i++)
        n += (size_t)snprintf(y + n, cap - n, "%stcp/%d", i ? ", " : "", i + 1);
    snprintf(y + n, cap - n, "]}\n");
    load_fails(y, "5: the conduit lists more than 64 ports");
    free(y);

    char *big = malloc(1024 * 1024 + 2);
    assert_non_null(big);
    memset(big, '#', 1024 * 1024 + 1);
    big[1024 * 1024 + 1] = '\0';
    load_fails(big, " the site model is larger than 1048576 bytes");
    free(big);
}

/* Two models are the same: zones (names, networks, levels) and conduits, in order. */
static void assert_same_site(const struct fs_site *a, const struct fs_site *b)
{
    assert_string_equal(a->sha256, b->sha256);
    assert_int_equal(a->nzones, b->nzones);
    for (size_t i = 0; i < a->nzones; i++) {
        assert_string_equal(a->zones[i].name, b->zones[i].name);
        assert_int_equal(a->zones[i].security_level, b->zones[i].security_level);
        assert_int_equal(a->zones[i].nnets, b->zones[i].nnets);
        assert_memory_equal(a->zones[i].nets, b->zones[i].nets,
                            a->zones[i].nnets * sizeof *a->zones[i].nets);
    }
    assert_int_equal(a->nconduits, b->nconduits);
    for (size_t i = 0; i < a->nconduits; i++) {
        const struct fs_conduit *x = &a->conduits[i], *y = &b->conduits[i];
        assert_int_equal(x->from, y->from);
        assert_int_equal(x->to, y->to);
        assert_string_equal(x->purpose, y->purpose);
        assert_int_equal(x->nports, y->nports);
        for (size_t k = 0; k < x->nports; k++) {
            assert_string_equal(x->ports[k].proto, y->ports[k].proto);
            assert_int_equal(x->ports[k].lo, y->ports[k].lo);
            assert_int_equal(x->ports[k].hi, y->ports[k].hi);
        }
    }
}

static void json_round_trip(void **state)
{
    (void)state;
    struct fs_site *s = load_ok(example), *back = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    json_t *j = fs_site_to_json(s);
    assert_non_null(j);
    /* what results.json shows */
    assert_string_equal(json_string_value(json_object_get(j, "path")), "site.yml");
    json_t *z1 = json_array_get(json_object_get(j, "zones"), 1);
    assert_string_equal(json_string_value(json_object_get(z1, "name")), "production");
    assert_string_equal(json_string_value(json_array_get(json_object_get(z1, "networks"), 1)),
                        "fd00:30::/64");
    assert_int_equal(json_integer_value(json_object_get(z1, "security_level")), 3);
    json_t *z2 = json_array_get(json_object_get(j, "zones"), 2);
    assert_true(json_is_null(json_object_get(z2, "security_level")));
    json_t *c1 = json_array_get(json_object_get(j, "conduits"), 1);
    assert_string_equal(json_string_value(json_object_get(c1, "from")), "production");
    assert_string_equal(json_string_value(json_array_get(json_object_get(c1, "ports"), 2)),
                        "tcp/8000-8080");

    /* through text, as merge and report read it */
    char *text = json_dumps(j, JSON_COMPACT);
    json_t *parsed = json_loads(text, 0, NULL);
    assert_non_null(parsed);
    assert_int_equal(fs_site_from_json(&back, parsed, &err), FS_OK);
    assert_same_site(s, back);
    assert_string_equal(back->path, "site.yml");
    assert_int_equal(back->zones[0].line, 0);
    json_t *again = fs_site_to_json(back);
    assert_true(json_equal(j, again));
    json_decref(again);
    fs_site_free(back);
    free(text);
    json_decref(parsed);
    json_decref(j);
    fs_site_free(s);
    fs_buf_dispose(&err);
}

/* A model whose results.json member was edited by mutate(j) is refused with expect. */
static void json_refused(void (*mutate)(json_t *), const char *expect)
{
    struct fs_site *s = load_ok(example), *back = (struct fs_site *)1;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    json_t *j = fs_site_to_json(s);
    mutate(j);
    int rc = fs_site_from_json(&back, j, &err);
    if (rc != FS_ERR_INVAL || strcmp(fs_buf_cstr(&err), expect) != 0)
        fprintf(stderr, "want: %s\ngot:  %s\n", expect, fs_buf_cstr(&err));
    assert_int_equal(rc, FS_ERR_INVAL);
    assert_null(back);
    assert_string_equal(fs_buf_cstr(&err), expect);
    json_decref(j);
    fs_site_free(s);
    fs_buf_dispose(&err);
}

static json_t *zone(json_t *j, size_t i)
{
    return json_array_get(json_object_get(j, "zones"), i);
}

static json_t *conduit(json_t *j, size_t i)
{
    return json_array_get(json_object_get(j, "conduits"), i);
}

static void m_extra(json_t *j)
{
    json_object_set_new(j, "colour", json_string("red"));
}
static void m_sha(json_t *j)
{
    json_object_set_new(j, "sha256", json_string("xyz"));
}
static void m_nozones(json_t *j)
{
    json_object_set_new(j, "zones", json_array());
}
static void m_hostbits(json_t *j)
{
    json_array_set_new(json_object_get(zone(j, 0), "networks"), 0, json_string("10.20.0.1/24"));
}
static void m_overlap(json_t *j)
{
    json_array_set_new(json_object_get(zone(j, 2), "networks"), 0, json_string("10.30.0.128/25"));
}
static void m_dupzone(json_t *j)
{
    json_object_set_new(zone(j, 2), "name", json_string("engineering"));
}
static void m_badname(json_t *j)
{
    json_object_set_new(zone(j, 2), "name", json_string("<script>"));
}
static void m_sl(json_t *j)
{
    json_object_set_new(zone(j, 0), "security_level", json_integer(7));
}
static void m_zonekey(json_t *j)
{
    json_object_set_new(zone(j, 0), "line", json_integer(2));
}
static void m_unknownto(json_t *j)
{
    json_object_set_new(conduit(j, 0), "to", json_string("x"));
}
static void m_self(json_t *j)
{
    json_object_set_new(conduit(j, 0), "to", json_string("engineering"));
}
static void m_port(json_t *j)
{
    json_array_set_new(json_object_get(conduit(j, 1), "ports"), 1, json_string("tcp/70000"));
}
static void m_noports(json_t *j)
{
    json_object_set_new(conduit(j, 0), "ports", json_array());
}
static void m_purpose(json_t *j)
{
    json_object_set_new(conduit(j, 0), "purpose", json_string("a\x1b[31mb"));
}

static void json_validated_as_strictly(void **state)
{
    (void)state;
    json_refused(m_extra, "site model in results: has an unknown member 'colour'");
    json_refused(m_sha, "site model in results: sha256 is not a SHA-256 in hex");
    json_refused(m_nozones, "site model in results: declares no zone");
    json_refused(m_hostbits, "site model in results: zone 'engineering': network '10.20.0.1/24' "
                             "is not a network address with a prefix length");
    json_refused(m_overlap, "site model in results: zone 'dmz': network 10.30.0.128/25 overlaps "
                            "zone production's 10.30.0.0/24");
    json_refused(m_dupzone, "site model in results: zones[2]: zone 'engineering' appears twice");
    json_refused(m_badname, "site model in results: zones[2]: zone name '<script>' may hold only "
                            "letters, digits, '-', '_' and '.'");
    json_refused(m_sl, "site model in results: zone 'engineering': security_level must be 1, 2, "
                       "3, 4 or null");
    json_refused(m_zonekey, "site model in results: zones[0] has an unknown member 'line'");
    json_refused(m_unknownto,
                 "site model in results: conduits[0]: to 'x' is not a zone of the site model");
    json_refused(m_self, "site model in results: conduits[0] goes from zone 'engineering' to "
                         "itself");
    json_refused(m_port, "site model in results: conduits[1]: port 'tcp/70000' has a port that "
                         "is not a number from 1 to 65535");
    json_refused(m_noports, "site model in results: conduits[0] has no ports");
    json_refused(m_purpose, "site model in results: conduits[0]: purpose holds a control "
                            "character (write it on one line, without tabs)");
    struct fs_site *s = NULL;
    struct fs_buf err;
    fs_buf_init(&err, 4096);
    json_t *arr = json_array();
    assert_int_equal(fs_site_from_json(&s, arr, &err), FS_ERR_INVAL);
    assert_string_equal(fs_buf_cstr(&err), "site model in results: is not an object");
    json_decref(arr);
    fs_buf_dispose(&err);
}

static void member(const struct fs_site *s, const char *zv, const char *addr, enum fs_zone_state st,
                   long zone, long addr_zone, const char *evidence)
{
    struct fs_membership m;
    fs_site_membership(s, zv, addr, &m);
    if (m.state != st || strcmp(m.evidence, evidence) != 0)
        fprintf(stderr, "zone %s address %s: state %d, evidence: %s\n", zv ? zv : "-",
                addr ? addr : "-", (int)m.state, m.evidence);
    assert_int_equal(m.state, st);
    assert_int_equal(m.zone, zone);
    assert_int_equal(m.addr_zone, addr_zone);
    assert_string_equal(m.evidence, evidence);
}

static void membership_in_every_state(void **state)
{
    (void)state;
    struct fs_site *s = load_ok(example); /* 0 engineering, 1 production, 2 dmz */
    member(s, "production", "10.30.0.5", FS_ZONE_CONSISTENT, 1, 1,
           "declared zone production, address 10.30.0.5 is in production");
    member(s, "production", "fd00:30::5%eth0", FS_ZONE_CONSISTENT, 1, 1,
           "declared zone production, address fd00:30::5%eth0 is in production");
    member(s, "engineering", "::ffff:10.20.0.9", FS_ZONE_CONSISTENT, 0, 0,
           "declared zone engineering, address ::ffff:10.20.0.9 is in engineering");
    member(s, "production", "10.20.0.9", FS_ZONE_CONTRADICTS, 1, 0,
           "address 10.20.0.9 is in zone engineering but the inventory declares zone production");
    member(s, NULL, "10.99.0.1", FS_ZONE_NONE, -1, -1,
           "address 10.99.0.1 is in no zone of the site model and no zone is declared");
    member(s, "", "plc1.example", FS_ZONE_NONE, -1, -1,
           "address plc1.example is a host name, so its zone cannot be told from the zone "
           "networks, and no zone is declared");
    member(s, NULL, "192.168.6.7", FS_ZONE_CONSISTENT, 2, 2,
           "address 192.168.6.7 is in zone dmz (no zone declared)");
    member(s, "production", "10.99.0.1", FS_ZONE_CONSISTENT, 1, -1,
           "declared zone production (address 10.99.0.1 is in no network of the site model)");
    member(s, "dmz", "plc1.example", FS_ZONE_CONSISTENT, 2, -1,
           "declared zone dmz (address plc1.example is a host name, not matched against the zone "
           "networks)");
    member(s, "cell-3", "10.30.0.5", FS_ZONE_UNKNOWN_NAME, 1, 1,
           "the inventory declares zone cell-3, which the site model does not define (address "
           "10.30.0.5 is in zone production)");
    member(s, "cell\x1b[2J", "10.99.0.1", FS_ZONE_UNKNOWN_NAME, -1, -1,
           "the inventory declares zone cell?[2J, which the site model does not define");
    /* inventory text is bounded: cut after 64 bytes, the evidence marked where it is cut */
    char longzone[201], longname[254];
    memset(longzone, 'z', 200);
    longzone[200] = '\0';
    memset(longname, 'h', 253);
    longname[253] = '\0';
    struct fs_membership m;
    fs_site_membership(s, longzone, longname, &m);
    assert_int_equal(m.state, FS_ZONE_UNKNOWN_NAME);
    char want[256];
    snprintf(want, sizeof want,
             "the inventory declares zone %.64s..., which the site model does not define",
             longzone);
    assert_string_equal(m.evidence, want);
    assert_true(strlen(m.evidence) < sizeof m.evidence);
    fs_site_membership(s, "production", longname, &m);
    assert_non_null(strstr(m.evidence, "hhh... is a host name"));
    /* the longest evidence does not fit 256 bytes: cut, and marked */
    char longdecl[65], wide[256];
    memset(longdecl, 'd', 64);
    longdecl[64] = '\0';
    snprintf(wide, sizeof wide, "zones:\n  %.64s: { networks: [\"::/0\"] }\n", longzone);
    struct fs_site *w = load_ok(wide);
    fs_site_membership(w, longdecl, "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", &m);
    fs_site_free(w);
    assert_int_equal(m.state, FS_ZONE_UNKNOWN_NAME);
    assert_int_equal(strlen(m.evidence), sizeof m.evidence - 1);
    assert_string_equal(m.evidence + sizeof m.evidence - 4, "...");
    assert_string_equal(fs_zone_state_name(FS_ZONE_CONTRADICTS), "contradicts");
    assert_string_equal(fs_zone_state_name(FS_ZONE_NONE), "no-zone");
    fs_site_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cidr_parsing_and_matching),
        cmocka_unit_test(overlap_detection),
        cmocka_unit_test(loads_the_example),
        cmocka_unit_test(load_errors_name_file_and_line),
        cmocka_unit_test(limits_are_enforced),
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(json_validated_as_strictly),
        cmocka_unit_test(membership_in_every_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
