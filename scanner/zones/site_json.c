/* SPDX-License-Identifier: Apache-2.0 */
/* The site model in results.json and back. results.json is input too (merge, report), so the
 * reader validates as strictly as the YAML loader: the same names, networks, ports, limits. */
#include "../core/err.h"
#include "../core/limits.h"
#include "site.h"
#include "site_priv.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *networks_json(const struct fs_zone *z)
{
    json_t *a = json_array();
    for (size_t k = 0; a && k < z->nnets; k++) {
        char net[64];
        fs_cidr_str(&z->nets[k], net, sizeof net);
        if (json_array_append_new(a, json_string(net))) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *fs_site_ports_json(const struct fs_conduit *c)
{
    json_t *a = json_array();
    for (size_t k = 0; a && k < c->nports; k++) {
        char port[32];
        fs_site_port_str(&c->ports[k], port, sizeof port);
        if (json_array_append_new(a, json_string(port))) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *fs_site_to_json(const struct fs_site *s)
{
    json_t *j = json_object(), *zones = json_array(), *conduits = json_array();
    bool ok = j && zones && conduits;
    for (size_t i = 0; ok && i < s->nzones; i++) {
        const struct fs_zone *z = &s->zones[i];
        ok = json_array_append_new(
                 zones,
                 json_pack("{s:s, s:o, s:o}", "name", z->name, "networks", networks_json(z),
                           "security_level",
                           z->security_level ? json_integer(z->security_level) : json_null())) == 0;
    }
    for (size_t i = 0; ok && i < s->nconduits; i++) {
        const struct fs_conduit *c = &s->conduits[i];
        ok = json_array_append_new(
                 conduits, json_pack("{s:s, s:s, s:o, s:s}", "from", s->zones[c->from].name, "to",
                                     s->zones[c->to].name, "ports", fs_site_ports_json(c),
                                     "purpose", c->purpose ? c->purpose : "")) == 0;
    }
    ok = ok && json_object_set_new(j, "path", s->path ? json_string(s->path) : json_null()) == 0 &&
         json_object_set_new(j, "sha256", json_string(s->sha256)) == 0 &&
         json_object_set(j, "zones", zones) == 0 && json_object_set(j, "conduits", conduits) == 0;
    json_decref(zones);
    json_decref(conduits);
    if (!ok) {
        json_decref(j);
        return NULL;
    }
    return j;
}

static int fail(struct fs_buf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct fs_buf *err, const char *fmt, ...)
{
    struct fs_buf raw;
    va_list ap;
    fs_buf_init(&raw, FS_ERRBUF_MAX);
    fs_buf_try_adds(&raw, "site model in results: ");
    va_start(ap, fmt);
    if (fs_buf_vaddf(&raw, fmt, ap) != FS_OK)
        fs_buf_try_adds(&raw, "(the message is too long to show)");
    va_end(ap);
    fs_buf_reset(err);
    fs_buf_try_add_printable(err, fs_buf_cstr(&raw), raw.len);
    fs_buf_dispose(&raw);
    return FS_ERR_INVAL;
}

/* Every key of object o is one of names (NULL-terminated); the first one that is not, or NULL. */
static const char *unknown_key(const json_t *o, const char *const *names)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)o, key, v)
    {
        size_t i = 0;
        while (names[i] && strcmp(names[i], key) != 0)
            i++;
        if (!names[i])
            return key;
    }
    return NULL;
}

/* A string member without NUL bytes, or NULL. */
static const char *text(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
        return NULL;
    return json_string_value(v);
}

static int zone_from_json(struct fs_site *s, size_t i, const json_t *j, struct fs_buf *err)
{
    static const char *const names[] = {"name", "networks", "security_level", NULL};
    const char *name = text(j, "name"), *why, *bad;
    if (!json_is_object(j))
        return fail(err, "zones[%zu] is not an object", i);
    if ((bad = unknown_key(j, names)))
        return fail(err, "zones[%zu] has an unknown member '%.64s'", i, bad);
    if (!name)
        return fail(err, "zones[%zu] has no name", i);
    if ((why = fs_site_name_problem(name)))
        return fail(err, "zones[%zu]: zone name '%.64s' %s", i, name, why);
    if (fs_site_zone_find(s, name) >= 0)
        return fail(err, "zones[%zu]: zone '%s' appears twice", i, name);
    struct fs_zone *z = &s->zones[s->nzones++]; /* freed with the model, complete or not */
    if (!(z->name = strdup(name)))
        return FS_ERR_NOMEM;
    const json_t *sl = json_object_get(j, "security_level");
    if (sl && !json_is_null(sl)) {
        if (!json_is_integer(sl) || json_integer_value(sl) < 1 || json_integer_value(sl) > 4)
            return fail(err, "zone '%s': security_level must be 1, 2, 3, 4 or null", name);
        z->security_level = (int)json_integer_value(sl);
    }
    const json_t *nets = json_object_get(j, "networks");
    size_t n = json_array_size(nets);
    if (!json_is_array(nets) || n == 0)
        return fail(err, "zone '%s' has no networks", name);
    if (n > FS_SITE_MAX_NETS)
        return fail(err, "zone '%s' has more than %d networks", name, FS_SITE_MAX_NETS);
    if (!(z->nets = calloc(n, sizeof *z->nets)))
        return FS_ERR_NOMEM;
    for (size_t k = 0; k < n; k++) {
        const json_t *v = json_array_get(nets, k);
        const char *t = json_string_value(v);
        struct fs_cidr c;
        size_t oz, on;
        if (!t || json_string_length(v) > FS_SITE_TEXT_MAX ||
            !fs_cidr_parse(t, json_string_length(v), &c))
            return fail(err,
                        "zone '%s': network '%.64s' is not a network address with a prefix "
                        "length",
                        name, t ? t : "(not a text)");
        if (fs_site_overlap(s, &c, &oz, &on)) {
            char net[64];
            fs_cidr_str(&s->zones[oz].nets[on], net, sizeof net);
            return fail(err, "zone '%s': network %.64s overlaps zone %s's %s", name, t,
                        s->zones[oz].name, net);
        }
        z->nets[z->nnets++] = c;
    }
    return FS_OK;
}

static int zone_ref(const struct fs_site *s, size_t i, const json_t *j, const char *key,
                    size_t *out, struct fs_buf *err)
{
    const char *name = text(j, key);
    long z = name ? fs_site_zone_find(s, name) : -1;
    if (z < 0)
        return fail(err, "conduits[%zu]: %s '%.64s' is not a zone of the site model", i, key,
                    name ? name : "(not a text)");
    *out = (size_t)z;
    return FS_OK;
}

static int conduit_from_json(struct fs_site *s, size_t i, const json_t *j, struct fs_buf *err)
{
    static const char *const names[] = {"from", "to", "ports", "purpose", NULL};
    struct fs_conduit *c = &s->conduits[s->nconduits++];
    const char *bad, *why;
    int rc;
    if (!json_is_object(j))
        return fail(err, "conduits[%zu] is not an object", i);
    if ((bad = unknown_key(j, names)))
        return fail(err, "conduits[%zu] has an unknown member '%.64s'", i, bad);
    if ((rc = zone_ref(s, i, j, "from", &c->from, err)) ||
        (rc = zone_ref(s, i, j, "to", &c->to, err)))
        return rc;
    if (c->from == c->to)
        return fail(err, "conduits[%zu] goes from zone '%s' to itself", i, s->zones[c->from].name);
    const json_t *ports = json_object_get(j, "ports");
    size_t n = json_array_size(ports);
    if (!json_is_array(ports) || n == 0)
        return fail(err, "conduits[%zu] has no ports", i);
    if (n > FS_SITE_MAX_PORTS)
        return fail(err, "conduits[%zu] lists more than %d ports", i, FS_SITE_MAX_PORTS);
    if (!(c->ports = calloc(n, sizeof *c->ports)))
        return FS_ERR_NOMEM;
    for (size_t k = 0; k < n; k++) {
        const json_t *v = json_array_get(ports, k);
        const char *t = json_string_value(v);
        why = !t ? "is not a text"
              : json_string_length(v) > FS_SITE_TEXT_MAX
                  ? "is too long"
                  : fs_site_port_parse(t, json_string_length(v), &c->ports[k]);
        if (why)
            return fail(err, "conduits[%zu]: port '%.64s' %s", i, t ? t : "", why);
        c->nports = k + 1;
    }
    const json_t *pv = json_object_get(j, "purpose");
    const char *purpose = pv ? text(j, "purpose") : "";
    why = !purpose ? "is not a text" : fs_site_purpose_problem(purpose, strlen(purpose));
    if (why)
        return fail(err, "conduits[%zu]: purpose %s", i, why);
    return (c->purpose = strdup(purpose)) ? FS_OK : FS_ERR_NOMEM;
}

static bool is_sha256(const char *s)
{
    size_t n = strlen(s);
    return n == 0 || (n == FS_SHA256_HEX - 1 && strspn(s, "0123456789abcdef") == n);
}

int fs_site_from_json(struct fs_site **out, const json_t *j, struct fs_buf *err)
{
    static const char *const names[] = {"path", "sha256", "zones", "conduits", NULL};
    struct fs_site *s = NULL;
    const char *bad, *sha;
    int rc = FS_OK;
    *out = NULL;
    if (!json_is_object(j))
        return fail(err, "is not an object");
    if ((bad = unknown_key(j, names)))
        return fail(err, "has an unknown member '%.64s'", bad);
    const json_t *path = json_object_get(j, "path");
    const json_t *zones = json_object_get(j, "zones"), *conduits = json_object_get(j, "conduits");
    size_t nz = json_array_size(zones), nc = json_array_size(conduits);
    if (path && !json_is_null(path) && (!text(j, "path") || json_string_length(path) > FS_PATH_MAX))
        return fail(err, "path is not a file name");
    if (!(sha = text(j, "sha256")) || !is_sha256(sha))
        return fail(err, "sha256 is not a SHA-256 in hex");
    if (!json_is_array(zones) || nz == 0)
        return fail(err, "declares no zone");
    if (nz > FS_SITE_MAX_ZONES)
        return fail(err, "declares more than %d zones", FS_SITE_MAX_ZONES);
    if (conduits && !json_is_array(conduits))
        return fail(err, "conduits is not a list");
    if (nc > FS_SITE_MAX_CONDUITS)
        return fail(err, "declares more than %d conduits", FS_SITE_MAX_CONDUITS);
    if (!(s = calloc(1, sizeof *s)) || !(s->zones = calloc(nz, sizeof *s->zones)) ||
        (nc && !(s->conduits = calloc(nc, sizeof *s->conduits)))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    memcpy(s->sha256, sha, strlen(sha) + 1);
    if (json_is_string(path) && !(s->path = strdup(json_string_value(path)))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < nz && !rc; i++)
        rc = zone_from_json(s, i, json_array_get(zones, i), err);
    for (size_t i = 0; i < nc && !rc; i++)
        rc = conduit_from_json(s, i, json_array_get(conduits, i), err);
out:
    if (rc) {
        fs_site_free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}
