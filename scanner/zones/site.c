/* SPDX-License-Identifier: Apache-2.0 */
/* The site model file (--zones FILE): loading and validating its YAML (libyaml), every problem
 * reported as "FILE:LINE: reason". */
#include "../core/err.h"
#include "../core/limits.h"
#include "../core/util.h"
#include "../core/yaml_doc.h"
#include "site.h"
#include "site_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

const char *fs_site_name_problem(const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return "is empty";
    if (n > FS_SITE_NAME_MAX)
        return "is longer than 64 characters";
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_' || *p == '.'))
            return "may hold only letters, digits, '-', '_' and '.'";
    return NULL;
}

const char *fs_site_purpose_problem(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n > FS_SITE_PURPOSE_MAX)
        return "is longer than 200 bytes";
    for (size_t i = 0; i < n; i++) {
        /* C0, DEL, C1 and bidi overrides: the purpose reaches terminals, HTML and DOT */
        if (p[i] < 0x20 || p[i] == 0x7f ||
            (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) ||
            (p[i] == 0xe2 && i + 2 < n &&
             ((p[i + 1] == 0x80 && p[i + 2] >= 0xaa && p[i + 2] <= 0xae) ||
              (p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9))))
            return "holds a control character (write it on one line, without tabs)";
    }
    return NULL;
}

/* A port number of 1 to 5 digits in 1..65535. */
static bool port_number(const char *s, size_t n, unsigned *out)
{
    unsigned v = 0;
    if (n == 0 || n > 5)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return v >= 1 && v <= 65535;
}

const char *fs_site_port_parse(const char *s, size_t n, struct fs_port_range *out)
{
    const char *slash = memchr(s, '/', n);
    if (!slash)
        return "is not PROTO/PORT (tcp/22, udp/514, tcp/8000-8080)";
    size_t plen = (size_t)(slash - s);
    if (!((plen == 3 && memcmp(s, "tcp", 3) == 0) || (plen == 3 && memcmp(s, "udp", 3) == 0)))
        return "has a protocol other than tcp or udp";
    const char *p = slash + 1, *end = s + n;
    const char *dash = memchr(p, '-', (size_t)(end - p));
    memcpy(out->proto, s, 3);
    out->proto[3] = '\0';
    if (!dash) {
        if (!port_number(p, (size_t)(end - p), &out->lo))
            return "has a port that is not a number from 1 to 65535";
        out->hi = out->lo;
        return NULL;
    }
    if (!port_number(p, (size_t)(dash - p), &out->lo) ||
        !port_number(dash + 1, (size_t)(end - dash - 1), &out->hi))
        return "has a port range whose ends are not numbers from 1 to 65535";
    if (out->lo > out->hi)
        return "has a port range whose first port is above its last";
    return NULL;
}

void fs_site_port_str(const struct fs_port_range *p, char *out, size_t n)
{
    if (p->lo == p->hi)
        snprintf(out, n, "%.3s/%u", p->proto, p->lo);
    else
        snprintf(out, n, "%.3s/%u-%u", p->proto, p->lo, p->hi);
}

bool fs_site_overlap(const struct fs_site *s, const struct fs_cidr *c, size_t *zone, size_t *net)
{
    for (size_t i = 0; i < s->nzones; i++)
        for (size_t k = 0; k < s->zones[i].nnets; k++)
            if (fs_cidr_overlap(&s->zones[i].nets[k], c)) {
                *zone = i;
                *net = k;
                return true;
            }
    return false;
}

void fs_site_zone_dispose(struct fs_zone *z)
{
    free(z->name);
    free(z->nets);
}

void fs_site_conduit_dispose(struct fs_conduit *c)
{
    free(c->ports);
    free(c->purpose);
}

void fs_site_free(struct fs_site *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nzones; i++)
        fs_site_zone_dispose(&s->zones[i]);
    for (size_t i = 0; i < s->nconduits; i++)
        fs_site_conduit_dispose(&s->conduits[i]);
    free(s->zones);
    free(s->conduits);
    free(s->path);
    free(s);
}

struct loader {
    const char *name;
    yaml_document_t *doc;
    struct fs_buf *err;
    size_t (*netline)[FS_SITE_MAX_NETS]; /* line of each zone's networks, for overlaps */
};

static int fail(struct loader *ld, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct loader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fs_yaml_vfail(ld->err, ld->name, node, fmt, ap);
    va_end(ap);
    return rc;
}

static const char *scalar(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE ||
        strlen((const char *)n->data.scalar.value) != n->data.scalar.length)
        return NULL;
    return (const char *)n->data.scalar.value;
}

static const char *node_kind(const yaml_node_t *n)
{
    if (!n)
        return "nothing";
    switch (n->type) {
    case YAML_MAPPING_NODE:
        return "a mapping";
    case YAML_SEQUENCE_NODE:
        return "a list";
    default:
        return n->data.scalar.length ? "a single value" : "empty";
    }
}

static unsigned long line_of(const yaml_node_t *n)
{
    return (unsigned long)n->start_mark.line + 1;
}

/* A word quoted in a message: at most 64 bytes of it. */
#define WORD(s) ((s) ? (s) : "(not a word)")

/* The pairs of mapping m whose keys are in names (NULL-terminated): kn/vn indexed as names.
 * An unknown or repeated key is an error naming what is expected. */
static int read_keys(struct loader *ld, const yaml_node_t *m, const char *what,
                     const char *const *names, const char *expected, const yaml_node_t **kn,
                     const yaml_node_t **vn)
{
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        const char *name = scalar(k);
        size_t i = 0;
        while (names[i] && (!name || strcmp(names[i], name) != 0))
            i++;
        if (!names[i])
            return fail(ld, k, "unknown key '%.64s' in %s (expected %s)", WORD(name), what,
                        expected);
        if (kn[i])
            return fail(ld, k, "key '%s' appears twice in %s (first at line %lu)", names[i], what,
                        line_of(kn[i]));
        kn[i] = k;
        vn[i] = yaml_document_get_node(ld->doc, p->value);
    }
    return FS_OK;
}

static int read_networks(struct loader *ld, struct fs_site *s, struct fs_zone *z,
                         const yaml_node_t *k, const yaml_node_t *v)
{
    if (!v || v->type != YAML_SEQUENCE_NODE)
        return fail(ld, k,
                    "networks of zone '%s' must be a list of networks ([10.20.0.0/24]), "
                    "not %s",
                    z->name, node_kind(v));
    const yaml_node_item_t *items = v->data.sequence.items.start;
    size_t n = (size_t)(v->data.sequence.items.top - items);
    if (n == 0)
        return fail(ld, k, "zone '%s' has an empty networks list", z->name);
    if (n > FS_SITE_MAX_NETS)
        return fail(ld, k, "zone '%s' has more than %d networks", z->name, FS_SITE_MAX_NETS);
    if (!(z->nets = calloc(n, sizeof *z->nets)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const yaml_node_t *item = yaml_document_get_node(ld->doc, items[i]);
        const char *t = scalar(item);
        struct fs_cidr c;
        size_t oz, on;
        if (!t)
            return fail(ld, item ? item : k,
                        "a network of zone '%s' must be a single value "
                        "(10.20.0.0/24), not %s",
                        z->name, node_kind(item));
        size_t tn = strlen(t);
        if (tn > FS_SITE_TEXT_MAX || !fs_cidr_parse(t, tn, &c))
            return fail(ld, item,
                        "network '%.64s' of zone '%s' is not a network address with a prefix "
                        "length (10.20.0.0/24, fd00:30::/64; the host bits must be zero)",
                        t, z->name);
        if (fs_site_overlap(s, &c, &oz, &on)) {
            char net[64];
            fs_cidr_str(&s->zones[oz].nets[on], net, sizeof net);
            if (&s->zones[oz] == z)
                return fail(ld, item, "network %.64s overlaps %s, also of zone '%s' (line %zu)", t,
                            net, z->name, ld->netline[oz][on]);
            return fail(ld, item, "network %.64s of zone '%s' overlaps zone %s's %s (line %zu)", t,
                        z->name, s->zones[oz].name, net, ld->netline[oz][on]);
        }
        z->nets[z->nnets] = c;
        ld->netline[s->nzones - 1][z->nnets++] = (size_t)line_of(item);
    }
    return FS_OK;
}

static int read_zone(struct loader *ld, struct fs_site *s, const yaml_node_t *k,
                     const yaml_node_t *v)
{
    static const char *const names[] = {"networks", "security_level", NULL};
    const yaml_node_t *kn[2] = {0}, *vn[2] = {0};
    struct fs_zone *z = &s->zones[s->nzones++]; /* freed with the model, complete or not */
    const char *name = scalar(k);
    const char *why = name ? fs_site_name_problem(name) : "must be a single word";
    int rc;
    z->line = (int)line_of(k);
    if (why)
        return fail(ld, k, "zone name '%.64s' %s", WORD(name), why);
    for (size_t i = 0; i + 1 < s->nzones; i++)
        if (strcmp(s->zones[i].name, name) == 0)
            return fail(ld, k, "zone '%s' is declared twice (first at line %d)", name,
                        s->zones[i].line);
    if (!(z->name = strdup(name)))
        return FS_ERR_NOMEM;
    if (!v || v->type != YAML_MAPPING_NODE)
        return fail(ld, k,
                    "zone '%s' must be a mapping ({ networks: [...], security_level: N }), not %s",
                    name, node_kind(v));
    if ((rc = read_keys(ld, v, "a zone", names, "networks, security_level", kn, vn)))
        return rc;
    if (!kn[0])
        return fail(ld, k, "zone '%s' has no networks", name);
    if ((rc = read_networks(ld, s, z, kn[0], vn[0])))
        return rc;
    if (kn[1]) {
        const char *sl = scalar(vn[1]);
        if (!sl || strlen(sl) != 1 || sl[0] < '1' || sl[0] > '4')
            return fail(ld, kn[1], "security_level of zone '%s' must be 1, 2, 3 or 4, not '%.64s'",
                        name, sl ? sl : node_kind(vn[1]));
        z->security_level = sl[0] - '0';
    }
    return FS_OK;
}

static int read_zones(struct loader *ld, struct fs_site *s, const yaml_node_t *k,
                      const yaml_node_t *v)
{
    if (!v || v->type != YAML_MAPPING_NODE)
        return fail(ld, k, "zones must be a mapping of zone names to zones, not %s", node_kind(v));
    size_t n = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
    if (n == 0)
        return fail(ld, k, "the site model declares no zone");
    if (n > FS_SITE_MAX_ZONES)
        return fail(ld, k, "the site model declares more than %d zones", FS_SITE_MAX_ZONES);
    if (!(s->zones = calloc(n, sizeof *s->zones)) ||
        !(ld->netline = calloc(n, sizeof *ld->netline)))
        return FS_ERR_NOMEM;
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        int rc = read_zone(ld, s, yaml_document_get_node(ld->doc, p->key),
                           yaml_document_get_node(ld->doc, p->value));
        if (rc)
            return rc;
    }
    return FS_OK;
}

static int zone_ref(struct loader *ld, const struct fs_site *s, const yaml_node_t *k,
                    const yaml_node_t *v, const char *key, size_t *out)
{
    const char *name = scalar(v);
    long i = name ? fs_site_zone_find(s, name) : -1;
    if (i < 0)
        return fail(ld, k, "conduit %s '%.64s' is not a zone of the site model", key,
                    name ? name : node_kind(v));
    *out = (size_t)i;
    return FS_OK;
}

static int read_ports(struct loader *ld, struct fs_conduit *c, const yaml_node_t *k,
                      const yaml_node_t *v)
{
    if (!v || v->type != YAML_SEQUENCE_NODE)
        return fail(ld, k, "ports must be a list ([tcp/22, udp/514, tcp/8000-8080]), not %s",
                    node_kind(v));
    const yaml_node_item_t *items = v->data.sequence.items.start;
    size_t n = (size_t)(v->data.sequence.items.top - items);
    if (n == 0)
        return fail(ld, k,
                    "the conduit's ports list is empty (a conduit allows at least one "
                    "port)");
    if (n > FS_SITE_MAX_PORTS)
        return fail(ld, k, "the conduit lists more than %d ports", FS_SITE_MAX_PORTS);
    if (!(c->ports = calloc(n, sizeof *c->ports)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const yaml_node_t *item = yaml_document_get_node(ld->doc, items[i]);
        const char *t = scalar(item);
        if (!t)
            return fail(ld, item ? item : k, "a port must be a single value (tcp/22), not %s",
                        node_kind(item));
        size_t tn = strlen(t);
        const char *why =
            tn > FS_SITE_TEXT_MAX ? "is too long" : fs_site_port_parse(t, tn, &c->ports[i]);
        if (why)
            return fail(ld, item, "port '%.64s' %s", t, why);
        c->nports = i + 1;
    }
    return FS_OK;
}

static int read_conduit(struct loader *ld, struct fs_site *s, const yaml_node_t *e)
{
    static const char *const names[] = {"from", "to", "ports", "purpose", NULL};
    const yaml_node_t *kn[4] = {0}, *vn[4] = {0};
    struct fs_conduit *c = &s->conduits[s->nconduits++];
    int rc;
    c->line = (int)line_of(e);
    if (e->type != YAML_MAPPING_NODE)
        return fail(ld, e,
                    "a conduit must be a mapping ({ from: ZONE, to: ZONE, ports: [...] }), not %s",
                    node_kind(e));
    if ((rc = read_keys(ld, e, "a conduit", names, "from, to, ports, purpose", kn, vn)))
        return rc;
    for (size_t i = 0; i < 3; i++)
        if (!kn[i])
            return fail(ld, e, "the conduit has no %s", names[i]);
    if ((rc = zone_ref(ld, s, kn[0], vn[0], "from", &c->from)) ||
        (rc = zone_ref(ld, s, kn[1], vn[1], "to", &c->to)))
        return rc;
    if (c->from == c->to)
        return fail(ld, kn[1],
                    "the conduit goes from zone '%s' to itself (traffic inside a zone needs no "
                    "conduit)",
                    s->zones[c->from].name);
    if ((rc = read_ports(ld, c, kn[2], vn[2])))
        return rc;
    const char *purpose = "";
    if (kn[3]) {
        purpose = scalar(vn[3]);
        const char *why =
            purpose ? fs_site_purpose_problem(purpose, strlen(purpose)) : "must be a text";
        if (why)
            return fail(ld, kn[3], "purpose %s", why);
    }
    return (c->purpose = strdup(purpose)) ? FS_OK : FS_ERR_NOMEM;
}

static int read_conduits(struct loader *ld, struct fs_site *s, const yaml_node_t *k,
                         const yaml_node_t *v)
{
    if (!v || v->type != YAML_SEQUENCE_NODE)
        return fail(ld, k, "conduits must be a list ('conduits: []' for none), not %s",
                    node_kind(v));
    const yaml_node_item_t *items = v->data.sequence.items.start;
    size_t n = (size_t)(v->data.sequence.items.top - items);
    if (n > FS_SITE_MAX_CONDUITS)
        return fail(ld, k, "the site model declares more than %d conduits", FS_SITE_MAX_CONDUITS);
    if (n && !(s->conduits = calloc(n, sizeof *s->conduits)))
        return FS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const yaml_node_t *e = yaml_document_get_node(ld->doc, items[i]);
        int rc = e ? read_conduit(ld, s, e) : fail(ld, k, "a conduit is missing");
        if (rc)
            return rc;
    }
    return FS_OK;
}

static int load_doc(struct loader *ld, struct fs_site *s)
{
    static const char *const names[] = {"zones", "conduits", NULL};
    const yaml_node_t *kn[2] = {0}, *vn[2] = {0};
    const yaml_node_t *root = yaml_document_get_root_node(ld->doc);
    int rc;
    if (!root)
        return fail(ld, NULL, "the site model is empty (expected 'zones:' and 'conduits:')");
    if (root->type != YAML_MAPPING_NODE)
        return fail(ld, root,
                    "the top level must be a mapping with 'zones:' and 'conduits:', "
                    "not %s",
                    node_kind(root));
    if ((rc = read_keys(ld, root, "the top level", names, "zones, conduits", kn, vn)))
        return rc;
    if (!kn[0])
        return fail(ld, root, "the site model has no 'zones:'");
    if ((rc = read_zones(ld, s, kn[0], vn[0])))
        return rc;
    if (kn[1] && (rc = read_conduits(ld, s, kn[1], vn[1])))
        return rc;
    return FS_OK;
}

int fs_site_load_mem(struct fs_site **out, const char *name, const char *yaml, size_t len,
                     struct fs_buf *err)
{
    yaml_document_t doc;
    bool have_doc = false;
    struct loader ld = {.name = name, .err = err};
    struct fs_site *s = calloc(1, sizeof *s);
    int rc = FS_OK;
    *out = NULL;
    if (!s)
        return FS_ERR_NOMEM;
    if (len > FS_SITE_MAX_BYTES) {
        rc = fail(&ld, NULL, "the site model is larger than %zu bytes", FS_SITE_MAX_BYTES);
        goto out;
    }
    if ((rc = fs_sha256_mem(yaml, len, s->sha256)))
        goto out;
    if ((rc = fs_yaml_doc_load(&doc, name, yaml, len, err)))
        goto out;
    have_doc = true;
    ld.doc = &doc;
    if ((rc = load_doc(&ld, s)))
        goto out;
    if (!(s->path = strdup(name)))
        rc = FS_ERR_NOMEM;
out:
    if (have_doc)
        yaml_document_delete(&doc);
    free(ld.netline);
    if (rc) {
        fs_site_free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

int fs_site_load(struct fs_site **out, const char *path, struct fs_buf *err)
{
    struct fs_buf data;
    fs_buf_init(&data, FS_SITE_MAX_BYTES);
    *out = NULL;
    /* one read: the digest is of exactly the bytes that were parsed and judged */
    int rc = fs_buf_read_file(&data, path, "site model", err);
    if (!rc)
        rc = fs_site_load_mem(out, path, fs_buf_cstr(&data), data.len, err);
    fs_buf_dispose(&data);
    return rc;
}
