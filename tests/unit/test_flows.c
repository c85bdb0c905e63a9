/* SPDX-License-Identifier: Apache-2.0 */
/* Flow observations from fact net_listen (real /proc/net lines, IPv6 and IPv4-mapped, the
 * direction by the listening side, owners, hostile and cut tables), their JSON, and their
 * classification against a site model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/collect/facts.h"
#include "scanner/core/err.h"
#include "scanner/zones/flows.h"
#include "tests/unit/zones_site.h"

/* Recorded on this machine (python: listeners on 0.0.0.0:54321 and [::]:54322, a client to
 * each over 192.0.2.2 and fd00::2, an IPv4 client to the dual-stack listener, a connected
 * UDP socket to 192.0.2.2:514 and an unconnected one on 5140). */
#define TCP_REAL                                                                                   \
    "# tcp\n"                                                                                      \
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "  \
    "inode                                                     \n"                                 \
    "   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "  \
    "1133 1 00000000c32788a6 100 0 0 10 0                      \n"                                 \
    "   1: 00000000:D431 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "  \
    "18058598 1 00000000edffa8ba 100 0 0 10 0                  \n"                                 \
    "   2: 020200C0:D431 020200C0:8368 01 00000000:00000000 00:00000000 00000000     0        0 "  \
    "18058604 1 00000000d075d934 20 0 0 10 -1                  \n"                                 \
    "   3: 020200C0:8368 020200C0:D431 01 00000000:00000000 00:00000000 00000000     0        0 "  \
    "18058603 2 0000000064f478fd 20 0 0 10 -1                  \n"                                 \
    "   4: 020200C0:B4CC 020200C0:D432 01 00000000:00000000 00:00000000 00000000     0        0 "  \
    "18058607 2 00000000b7f456b6 20 0 0 10 -1                  \n"
#define TCP6_REAL                                                                                  \
    "# tcp6\n"                                                                                     \
    "  sl  local_address                         remote_address                        st "        \
    "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"                                \
    "   0: 00000000000000000000000000000000:D432 00000000000000000000000000000000:0000 0A "        \
    "00000000:00000000 00:00000000 00000000     0        0 18058599 1 000000007c86eed6 100 0 0 "   \
    "10 0\n"                                                                                       \
    "   1: 0000000000000000FFFF0000020200C0:D432 0000000000000000FFFF0000020200C0:B4CC 01 "        \
    "00000000:00000000 00:00000000 00000000     0        0 18058608 1 0000000019040200 20 0 0 "    \
    "10 -1\n"                                                                                      \
    "   2: 000000FD000000000000000002000000:A7E6 000000FD000000000000000002000000:D432 01 "        \
    "00000000:00000000 00:00000000 00000000     0        0 18058605 2 000000006ddfed44 20 0 0 "    \
    "10 -1\n"                                                                                      \
    "   3: 000000FD000000000000000002000000:D432 000000FD000000000000000002000000:A7E6 01 "        \
    "00000000:00000000 00:00000000 00000000     0        0 18058606 1 00000000c98ac72d 20 0 0 "    \
    "10 -1\n"
#define UDP_REAL                                                                                   \
    "# udp\n"                                                                                      \
    "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout " \
    "inode ref pointer drops            \n"                                                        \
    " 1915: 00000000:1414 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 " \
    "18058610 2 000000008e9dd05c 0      \n"                                                        \
    " 4614: 020200C0:DE9F 020200C0:0202 01 00000000:00000000 00:00000000 00000000     0        0 " \
    "18058609 2 00000000006a5049 0      \n"
#define OWNERS                                                                                     \
    "# owner\nowner 18058604 4242 python3\nowner 18058603 4242 python3\nowner 18058609 77 "        \
    "rsyslogd\nowner 18058598 4242 python3\n"

static void parse(const char *data, int rc, struct fs_host_flows *out)
{
    struct fs_facts facts;
    fs_facts_init(&facts);
    assert_int_equal(fs_facts_put(&facts, "net_listen", data, strlen(data), rc, FS_FACT_OK), 0);
    assert_int_equal(fs_host_flows_from_fact(fs_facts_get(&facts, "net_listen"), out), FS_OK);
    fs_facts_dispose(&facts);
}

/* The observation with this local and remote end, or NULL. */
static const struct fs_flow_obs *find(const struct fs_host_flows *f, const char *proto,
                                      const char *local, unsigned lport, const char *remote,
                                      unsigned rport)
{
    for (size_t i = 0; i < f->n; i++) {
        char l[64], r[64];
        fs_addr_str(f->v[i].local, l, sizeof l);
        fs_addr_str(f->v[i].remote, r, sizeof r);
        if (strcmp(f->v[i].proto, proto) == 0 && strcmp(l, local) == 0 && strcmp(r, remote) == 0 &&
            f->v[i].lport == lport && f->v[i].rport == rport)
            return &f->v[i];
    }
    return NULL;
}

static void real_tables(void **state)
{
    (void)state;
    struct fs_host_flows f;
    parse(TCP_REAL TCP6_REAL UDP_REAL OWNERS, 0, &f);
    assert_true(f.read);
    assert_int_equal(f.cut, 0);
    assert_string_equal(f.error, "");
    assert_int_equal(f.n, 7); /* listeners and the unconnected UDP socket are not flows */
    /* the accepted side listens on 54321: inbound; the client's ephemeral port: outbound */
    const struct fs_flow_obs *o = find(&f, "tcp", "192.0.2.2", 54321, "192.0.2.2", 33640);
    assert_non_null(o);
    assert_int_equal(o->dir, FS_FLOW_IN);
    assert_string_equal(o->process, "python3");
    assert_int_equal(o->pid, 4242);
    o = find(&f, "tcp", "192.0.2.2", 33640, "192.0.2.2", 54321);
    assert_non_null(o);
    assert_int_equal(o->dir, FS_FLOW_OUT);
    /* an IPv4 client of the dual-stack listener: outbound from 46284 ... */
    o = find(&f, "tcp", "192.0.2.2", 46284, "192.0.2.2", 54322);
    assert_non_null(o);
    assert_int_equal(o->dir, FS_FLOW_OUT);
    assert_string_equal(o->process, ""); /* no owner line for it */
    assert_int_equal(o->pid, 0);
    /* ... and inbound on the [::] listener, where the kernel shows it IPv4-mapped */
    o = find(&f, "tcp", "192.0.2.2", 54322, "192.0.2.2", 46284);
    assert_non_null(o);
    assert_int_equal(o->dir, FS_FLOW_IN);
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    assert_memory_equal(o->local, mapped, 12);
    /* IPv6 word order: fd00::2 */
    o = find(&f, "tcp", "fd00::2", 42982, "fd00::2", 54322);
    assert_non_null(o);
    assert_int_equal(o->dir, FS_FLOW_OUT);
    o = find(&f, "tcp", "fd00::2", 54322, "fd00::2", 42982);
    assert_non_null(o);
    assert_int_equal(o->dir, FS_FLOW_IN);
    /* a connected UDP socket: a flow to its peer */
    o = find(&f, "udp", "192.0.2.2", 56991, "192.0.2.2", 514);
    assert_non_null(o);
    assert_int_equal(o->dir, FS_FLOW_OUT);
    assert_string_equal(o->process, "rsyslogd");
    assert_int_equal(o->pid, 77);
    fs_host_flows_dispose(&f);
    assert_null(f.v);
}

#define HDR "# tcp\n  sl local rem st\n"

static void loopback_and_states(void **state)
{
    (void)state;
    struct fs_host_flows f;
    /* loopback both ways (127.0.0.1, ::1, ::ffff:127.0.0.1) is left out; TIME_WAIT (06) and
     * CLOSE_WAIT (08) carried traffic; SYN_SENT (02), SYN_RECV (03), CLOSE (07) did not */
    parse(HDR "   0: 0100007F:0016 0100007F:C350 01 0\n"
              "   1: 0B004D0A:0016 0100007F:C350 01 0\n"
              "   2: 0B004D0A:C351 0C004D0A:0016 06 0\n"
              "   3: 0B004D0A:C352 0C004D0A:0017 08 0\n"
              "   4: 0B004D0A:C353 0C004D0A:0018 02 0\n"
              "   5: 0B004D0A:C354 0C004D0A:0019 03 0\n"
              "   6: 0B004D0A:C355 0C004D0A:001A 07 0\n"
              "# tcp6\n"
              "   0: 00000000000000000000000001000000:0016 00000000000000000000000001000000:C350 "
              "01 0\n"
              "   1: 0000000000000000FFFF00000100007F:0016 0000000000000000FFFF0000020200C0:C350 "
              "01 0\n",
          0, &f);
    assert_true(f.read);
    assert_int_equal(f.cut, 0);
    assert_int_equal(f.n, 2);
    assert_non_null(find(&f, "tcp", "10.77.0.11", 50001, "10.77.0.12", 22));
    assert_non_null(find(&f, "tcp", "10.77.0.11", 50002, "10.77.0.12", 23));
    fs_host_flows_dispose(&f);
}

static void direction_by_listener(void **state)
{
    (void)state;
    struct fs_host_flows f;
    /* 10.77.0.11 listens on 5432 on its own address only, and on 22 for every address; the
     * listener on 8080 is on another address. UDP: a bound, unconnected socket on 123 is a
     * listener; the connected one from 123 answers a peer (inbound). */
    parse(HDR "   0: 0B004D0A:1538 00000000:0000 0A 0\n"
              "   1: 00000000:0016 00000000:0000 0A 0\n"
              "   2: 0D004D0A:1F90 00000000:0000 0A 0\n"
              "   3: 0B004D0A:1538 0C004D0A:A000 01 0\n"
              "   4: 0B004D0A:0016 0C004D0A:A001 01 0\n"
              "   5: 0B004D0A:1F90 0C004D0A:A002 01 0\n"
              "   6: 0B004D0A:A003 0C004D0A:0016 01 0\n"
              "# udp\n"
              "   0: 00000000:007B 00000000:0000 07 0\n"
              "   1: 0B004D0A:007B 0C004D0A:007B 01 0\n"
              "   2: 0B004D0A:A004 0C004D0A:0035 01 0\n",
          0, &f);
    assert_int_equal(f.n, 6);
    assert_int_equal(find(&f, "tcp", "10.77.0.11", 5432, "10.77.0.12", 40960)->dir, FS_FLOW_IN);
    assert_int_equal(find(&f, "tcp", "10.77.0.11", 22, "10.77.0.12", 40961)->dir, FS_FLOW_IN);
    /* the 8080 listener is 10.77.0.13's: this connection from 8080 was initiated here */
    assert_int_equal(find(&f, "tcp", "10.77.0.11", 8080, "10.77.0.12", 40962)->dir, FS_FLOW_OUT);
    /* the ephemeral port is on the initiating side */
    assert_int_equal(find(&f, "tcp", "10.77.0.11", 40963, "10.77.0.12", 22)->dir, FS_FLOW_OUT);
    assert_int_equal(find(&f, "udp", "10.77.0.11", 123, "10.77.0.12", 123)->dir, FS_FLOW_IN);
    assert_int_equal(find(&f, "udp", "10.77.0.11", 40964, "10.77.0.12", 53)->dir, FS_FLOW_OUT);
    /* a UDP listener does not make a TCP connection inbound, nor the reverse */
    fs_host_flows_dispose(&f);
    parse(HDR
          "   0: 0B004D0A:A003 0C004D0A:0035 01 0\n# udp\n   0: 00000000:A003 00000000:0000 07 0\n",
          0, &f);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.v[0].dir, FS_FLOW_OUT);
    fs_host_flows_dispose(&f);
}

static void owners(void **state)
{
    (void)state;
    struct fs_host_flows f;
    /* shared sockets: the lowest pid is shown; a name with spaces and a control byte is
     * kept escaped and bounded; owner lines outside the section or malformed are ignored */
    parse(HDR "   0: 0B004D0A:A000 0C004D0A:0016 01 0 0 0 0 0 501\n"
              "   1: 0B004D0A:A001 0C004D0A:0016 01 0 0 0 0 0 502\n"
              "   2: 0B004D0A:A002 0C004D0A:0016 01 0 0 0 0 0 503\n"
              "owner 503 1 init\n"
              "# owner\n"
              "owner 501 900 worker\n"
              "owner 501 12 master\n"
              "owner 502 13 a b\x1b[31mcccccccccccccccccccccccccccccccccccccccc\n"
              "owner x 14 bad\n"
              "owner 503 -1 bad\n",
          0, &f);
    assert_true(f.read);
    assert_int_equal(f.cut, 1); /* the owner line in the tcp table is not a table line */
    assert_int_equal(f.n, 3);
    const struct fs_flow_obs *o = find(&f, "tcp", "10.77.0.11", 40960, "10.77.0.12", 22);
    assert_string_equal(o->process, "master");
    assert_int_equal(o->pid, 12);
    o = find(&f, "tcp", "10.77.0.11", 40961, "10.77.0.12", 22);
    assert_true(strncmp(o->process, "a b\\x1b[31m", 11) == 0);
    assert_true(strlen(o->process) < sizeof o->process);
    o = find(&f, "tcp", "10.77.0.11", 40962, "10.77.0.12", 22);
    assert_string_equal(o->process, "");
    fs_host_flows_dispose(&f);
}

static void unreadable(void **state)
{
    (void)state;
    struct fs_host_flows f;
    assert_int_equal(fs_host_flows_from_fact(NULL, &f), FS_OK);
    assert_false(f.read);
    assert_non_null(strstr(f.error, "not collected"));
    parse(HDR "   0: 0B004D0A:A000 0C004D0A:0016 01 0\n", 1, &f);
    assert_false(f.read);
    assert_int_equal(f.n, 0);
    assert_non_null(strstr(f.error, "exit status 1"));
    /* only UDP tables, or none: the connection table was not read */
    parse("# udp\n   0: 0B004D0A:A000 0C004D0A:0016 01 0\n", 0, &f);
    assert_false(f.read);
    assert_non_null(strstr(f.error, "no socket table"));
    parse("\xff\xfe\x00garbage", 0, &f);
    assert_false(f.read);
    struct fs_facts facts;
    fs_facts_init(&facts);
    assert_int_equal(fs_facts_put(&facts, "net_listen", HDR, strlen(HDR), 0, FS_FACT_TRUNCATED), 0);
    assert_int_equal(fs_host_flows_from_fact(fs_facts_get(&facts, "net_listen"), &f), FS_OK);
    assert_false(f.read);
    assert_non_null(strstr(f.error, "size cap"));
    fs_facts_dispose(&facts);
    /* the probe's reports cut before their end (a lost "fail cat" line): not read */
    fs_facts_init(&facts);
    assert_int_equal(fs_facts_put(&facts, "net_listen", HDR, strlen(HDR), 0, FS_FACT_OK), 0);
    ((struct fs_fact *)fs_facts_get(&facts, "net_listen"))->reports_end = false;
    assert_int_equal(fs_host_flows_from_fact(fs_facts_get(&facts, "net_listen"), &f), FS_OK);
    assert_false(f.read);
    assert_non_null(strstr(f.error, "did not all arrive"));
    fs_facts_dispose(&facts);
}

static void hostile_lines(void **state)
{
    (void)state;
    struct fs_host_flows f;
    /* malformed table lines are counted: the list is then not the whole truth */
    parse(HDR "   0: 0B004D0A:A000 0C004D0A:0016 01 0\n"
              "   1: 0B004D0A:A001 0C004D0A:16 01 0\n"
              "   2: 0B004D0G:A002 0C004D0A:0016 01 0\n"
              "   3: 0B004D0A:A003 0C004D0A:0016 1 0\n"
              "   4: 0B004D0A:A004 0C004D0A:0016 01 0 0 0 0 0 -5\n"
              "   5: $(reboot)\n"
              "   6: 0B004D0A:A006 0C004D0A:0016 01 0 \x01 junk\n"
              "# unknown\n"
              "   0: nothing to see\n",
          0, &f);
    assert_true(f.read);
    assert_int_equal(f.n, 2);
    assert_int_equal(f.cut, 5);
    assert_non_null(strstr(f.error, "5 malformed lines"));
    fs_host_flows_dispose(&f);
}

/* Megabytes of junk with NUL bytes: no crash, and never a list that looks complete. */
static void junk(void **state)
{
    (void)state;
    size_t n = 3u << 20;
    char *j = malloc(n);
    assert_non_null(j);
    for (size_t i = 0; i < n; i++)
        j[i] = (char)((i * 2654435761u) >> 13);
    for (size_t i = 0; HDR[i]; i++) /* even under a table header */
        j[i] = HDR[i];
    struct fs_facts facts;
    fs_facts_init(&facts);
    assert_int_equal(fs_facts_put(&facts, "net_listen", j, n, 0, FS_FACT_OK), 0);
    struct fs_host_flows f;
    assert_int_equal(fs_host_flows_from_fact(fs_facts_get(&facts, "net_listen"), &f), FS_OK);
    assert_false(fs_host_flows_complete(&f));
    fs_host_flows_dispose(&f);
    fs_facts_dispose(&facts);
    free(j);
}

static void bounded(void **state)
{
    (void)state;
    size_t n = FS_FLOWS_MAX + 5;
    struct fs_buf b;
    fs_buf_init(&b, 64u << 20);
    assert_int_equal(fs_buf_adds(&b, HDR), FS_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fs_buf_addf(&b, "   %zu: 0B004D0A:%04zX 0C004D0A:%04zX 01 0\n", i,
                                     1024 + i % 60000, 1 + i % 65000),
                         FS_OK);
    struct fs_host_flows f;
    parse(fs_buf_cstr(&b), 0, &f);
    fs_buf_dispose(&b);
    assert_true(f.read); /* read, but not in full */
    assert_int_equal(f.n, FS_FLOWS_MAX);
    assert_int_equal(f.cut, 5);
    assert_false(fs_host_flows_complete(&f));
    assert_non_null(strstr(f.error, "5 connections past the first 20000"));
    fs_host_flows_dispose(&f);
}

static void json_round_trip(void **state)
{
    (void)state;
    struct fs_host_flows f, g;
    parse(TCP_REAL TCP6_REAL UDP_REAL OWNERS, 0, &f);
    json_t *j = fs_host_flows_to_json(&f);
    assert_non_null(j);
    struct fs_buf err;
    fs_buf_init(&err, 512);
    assert_int_equal(fs_host_flows_from_json(j, &g, &err), FS_OK);
    assert_true(g.read);
    assert_int_equal(g.n, f.n);
    assert_memory_equal(g.v, f.v, f.n * sizeof *f.v);
    /* the shape results.json documents */
    json_t *o = json_array_get(json_object_get(j, "observations"), 0);
    assert_string_equal(json_string_value(json_object_get(o, "dir")), "in");
    assert_string_equal(json_string_value(json_object_get(o, "local")), "192.0.2.2");
    fs_host_flows_dispose(&g);
    /* strict: each broken member is named */
    static const struct {
        const char *key, *json, *why;
    } bad[] = {
        {"proto", "\"sctp\"", "proto"},
        {"local", "\"10.0.0.300\"", "local"},
        {"remote", "7", "remote"},
        {"lport", "65536", "lport"},
        {"rport", "-1", "rport"},
        {"dir", "\"up\"", "dir"},
        {"pid", "\"12\"", "pid"},
        {"process", "\"0123456789012345678901234567890123\"", "process"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *c = json_deep_copy(j);
        json_t *e = json_array_get(json_object_get(c, "observations"), 3);
        json_object_set_new(e, bad[i].key, json_loads(bad[i].json, JSON_DECODE_ANY, NULL));
        fs_buf_reset(&err);
        assert_int_equal(fs_host_flows_from_json(c, &g, &err), FS_ERR_INVAL);
        assert_null(g.v);
        if (!strstr(fs_buf_cstr(&err), "observations[3]") || !strstr(fs_buf_cstr(&err), bad[i].why))
            fail_msg("%s: %s", bad[i].key, fs_buf_cstr(&err));
        json_decref(c);
    }
    json_t *c = json_deep_copy(j);
    json_object_set_new(c, "read", json_string("yes"));
    fs_buf_reset(&err);
    assert_int_equal(fs_host_flows_from_json(c, &g, &err), FS_ERR_INVAL);
    assert_non_null(strstr(fs_buf_cstr(&err), "\"read\""));
    json_object_set_new(c, "read", json_false());
    assert_int_equal(fs_host_flows_from_json(c, &g, &err), FS_ERR_INVAL);
    json_decref(c);
    fs_buf_dispose(&err);
    json_decref(j);
    fs_host_flows_dispose(&f);
}

static struct fs_flow_obs obs(const char *proto, const char *local, unsigned lport,
                              const char *remote, unsigned rport, enum fs_flow_dir dir)
{
    struct fs_flow_obs o = {.lport = lport, .rport = rport, .dir = dir};
    snprintf(o.proto, sizeof o.proto, "%s", proto);
    assert_true(fs_addr_parse(local, strlen(local), o.local));
    assert_true(fs_addr_parse(remote, strlen(remote), o.remote));
    return o;
}

static void classification(void **state)
{
    (void)state;
    struct fs_site *s = test_site_load();
    long c;
    struct fs_flow_obs o;
    /* inside one zone */
    o = obs("tcp", "10.30.0.5", 40000, "10.30.0.6", 502, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_INTRA_ZONE);
    assert_int_equal(c, -1);
    /* engineering -> production on tcp/22: the conduit, seen from either end */
    o = obs("tcp", "10.20.0.7", 40000, "10.30.0.5", 22, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_ENG, &o, &c), FS_FLOW_CONDUIT);
    assert_int_equal(c, 0);
    o = obs("tcp", "10.30.0.5", 22, "10.20.0.7", 40000, FS_FLOW_IN);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_CONDUIT);
    assert_int_equal(c, 0);
    /* the conduit has a direction: production -> engineering on tcp/22 is not allowed */
    o = obs("tcp", "10.30.0.5", 40000, "10.20.0.7", 22, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_CROSS_ZONE);
    assert_int_equal(c, -1);
    o = obs("tcp", "10.20.0.7", 22, "10.30.0.5", 40000, FS_FLOW_IN);
    assert_int_equal(fs_flow_classify(s, ZONE_ENG, &o, &c), FS_FLOW_CROSS_ZONE);
    /* production -> engineering logging: udp/514 allowed, tcp/514 not */
    o = obs("udp", "10.30.0.5", 40000, "10.20.0.7", 514, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_CONDUIT);
    assert_int_equal(c, 1);
    o = obs("tcp", "10.30.0.5", 40000, "10.20.0.7", 514, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_CROSS_ZONE);
    /* a port range tcp/8000-8080: both bounds in, 8081 out */
    o = obs("tcp", "10.20.0.7", 40000, "10.30.0.5", 8000, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_ENG, &o, &c), FS_FLOW_CONDUIT);
    assert_int_equal(c, 2);
    o.rport = 8080;
    assert_int_equal(fs_flow_classify(s, ZONE_ENG, &o, &c), FS_FLOW_CONDUIT);
    o.rport = 8081;
    assert_int_equal(fs_flow_classify(s, ZONE_ENG, &o, &c), FS_FLOW_CROSS_ZONE);
    /* leaving every declared network */
    o = obs("tcp", "10.30.0.5", 40000, "8.8.8.8", 443, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_EXTERNAL);
    assert_int_equal(c, -1);
    /* IPv4-mapped and IPv6 peers: ::ffff:10.20.0.7 is in engineering's 10.20.0.0/24, and
     * fd00:20::5 in its IPv6 network */
    o = obs("tcp", "::ffff:10.30.0.5", 22, "::ffff:10.20.0.7", 40000, FS_FLOW_IN);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_CONDUIT);
    o = obs("tcp", "fd00:30::5", 22, "fd00:20::5", 40000, FS_FLOW_IN);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_CONDUIT);
    o = obs("tcp", "fd00:30::5", 22, "fd00:99::5", 40000, FS_FLOW_IN);
    assert_int_equal(fs_flow_classify(s, ZONE_PROD, &o, &c), FS_FLOW_EXTERNAL);
    /* a host of unknown zone: its local address decides; in no zone, external */
    o = obs("tcp", "10.40.0.9", 40000, "10.40.0.8", 80, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, -1, &o, &c), FS_FLOW_INTRA_ZONE);
    o = obs("tcp", "192.168.1.1", 40000, "10.40.0.8", 80, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, -1, &o, &c), FS_FLOW_EXTERNAL);
    /* the local address decides where the model places it: a host declared in engineering
     * that talks from a test-lab address is judged in test-lab (no conduit to production) */
    o = obs("tcp", "10.40.0.9", 40000, "10.30.0.5", 22, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_ENG, &o, &c), FS_FLOW_CROSS_ZONE);
    /* the declared zone only where the model places the local address nowhere */
    o = obs("tcp", "192.168.1.1", 40000, "10.30.0.5", 22, FS_FLOW_OUT);
    assert_int_equal(fs_flow_classify(s, ZONE_ENG, &o, &c), FS_FLOW_CONDUIT);
    assert_string_equal(fs_flow_class_name(FS_FLOW_CROSS_ZONE), "cross-zone");
    assert_string_equal(fs_flow_class_name(FS_FLOW_EXTERNAL), "external");
    assert_string_equal(fs_flow_class_name((enum fs_flow_class)9), "unknown");
    fs_site_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_tables),
        cmocka_unit_test(loopback_and_states),
        cmocka_unit_test(direction_by_listener),
        cmocka_unit_test(owners),
        cmocka_unit_test(unreadable),
        cmocka_unit_test(hostile_lines),
        cmocka_unit_test(junk),
        cmocka_unit_test(bounded),
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(classification),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
