/* SPDX-License-Identifier: Apache-2.0 */
/* Ansible-style YAML inventory: all -> group -> host variable inheritance, via libyaml. */
#include "inventory.h"
#include "../core/err.h"
#include "../core/limits.h"
#include "../core/path.h"
#include "../core/util.h"
#include "proxy_jump.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#define FS_INVENTORY_MAX_DEPTH 16

struct group_rec {
    const char *name; /* points into the YAML document */
    int parent;       /* index of the parent group, -1 at the top */
    int depth;
    const yaml_node_t *vars;
};

struct host_entry {
    const char *name;
    int group;
    const yaml_node_t *vars;
    int line;
};

struct loader {
    struct group_rec *groups;
    size_t ngroups;
    struct host_entry *entries;
    size_t nentries;
    const char *name;
    char *dir; /* directory of the inventory, for relative key paths */
    yaml_document_t *doc;
    struct fs_inventory *inv;
    struct fs_buf *err;
    bool warned_ssh_args; /* options other than ProxyJump: said once */
};

static int fail(struct loader *ld, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Error messages quote inventory values, which may hold any byte: shown printable. */
static void vset_error(struct loader *ld, const char *prefix, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void vset_error(struct loader *ld, const char *prefix, const char *fmt, va_list ap)
{
    struct fs_buf raw;
    fs_buf_init(&raw, FS_ERRBUF_MAX);
    /* an error message: best effort, but never a bare prefix without saying so */
    fs_buf_try_adds(&raw, prefix);
    if (fs_buf_vaddf(&raw, fmt, ap) != FS_OK)
        fs_buf_try_adds(&raw, "(the message is too long to show)");
    fs_buf_reset(ld->err);
    fs_buf_try_add_printable(ld->err, fs_buf_cstr(&raw), raw.len);
    fs_buf_dispose(&raw);
}

static int fail(struct loader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    char prefix[1100];
    va_list ap;
    if (node)
        snprintf(prefix, sizeof prefix, "%s:%zu: ", ld->name, node->start_mark.line + 1);
    else
        snprintf(prefix, sizeof prefix, "%s: ", ld->name);
    va_start(ap, fmt);
    vset_error(ld, prefix, fmt, ap);
    va_end(ap);
    return FS_ERR_PARSE;
}

static int fail_line(struct loader *ld, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_line(struct loader *ld, int line, const char *fmt, ...)
{
    char prefix[1100];
    va_list ap;
    snprintf(prefix, sizeof prefix, "%s:%d: ", ld->name, line);
    va_start(ap, fmt);
    vset_error(ld, prefix, fmt, ap);
    va_end(ap);
    return FS_ERR_PARSE;
}

static const char *scalar(const yaml_node_t *n)
{
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    return (const char *)n->data.scalar.value;
}

void fs_host_dispose(struct fs_host *h)
{
    free(h->name);
    free(h->address);
    free(h->user);
    free(h->key_file);
    free(h->role);
    free(h->zone);
    free(h->proxy_jump);
    for (size_t i = 0; i < h->ngroups; i++)
        free(h->groups[i]);
    free(h->groups);
    fs_kvlist_dispose(&h->vars);
}

int fs_inventory_new(struct fs_inventory **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? FS_OK : FS_ERR_NOMEM;
}

void fs_inventory_free(struct fs_inventory *inv)
{
    if (!inv)
        return;
    for (size_t i = 0; i < inv->n; i++)
        fs_host_dispose(&inv->hosts[i]);
    free(inv->hosts);
    free(inv->path);
    free(inv);
}

static struct fs_host *host_append(struct fs_inventory *inv)
{
    struct fs_host *p = realloc(inv->hosts, (inv->n + 1) * sizeof *p);
    if (!p)
        return NULL;
    inv->hosts = p;
    struct fs_host *h = &inv->hosts[inv->n++];
    memset(h, 0, sizeof *h);
    fs_kvlist_init(&h->vars);
    h->index = (long)inv->n - 1;
    h->port = 22;
    return h;
}

static bool truthy(const char *v)
{
    return v && (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0 ||
                 strcasecmp(v, "on") == 0);
}

static int dupopt(char **dst, const char *v)
{
    free(*dst);
    *dst = NULL;
    if (!v || !*v)
        return FS_OK;
    *dst = strdup(v);
    return *dst ? FS_OK : FS_ERR_NOMEM;
}

/* The jump host of ansible_ssh_common_args, parsed and kept in its canonical form; other
 * options there are ignored, with one warning per inventory. */
static int host_jump(struct loader *ld, struct fs_host *h, int line, const char *var,
                     const char *args)
{
    char why[160], *value = NULL;
    size_t ignored = 0;
    struct fs_jump_spec j;
    int rc = fs_jump_from_ssh_args(args, &value, &ignored, why, sizeof why);
    if (rc == FS_ERR_INVAL)
        return fail_line(ld, line, "host '%s': %s: %s", h->name, var, why);
    if (rc)
        return rc;
    if (ignored && !ld->warned_ssh_args) {
        ld->warned_ssh_args = true;
        fs_log(FS_LOG_INFO,
               "%s:%d: warning: host '%s': %s: %zu option(s) other than ProxyJump ignored "
               "(floorscan uses only -o ProxyJump= / -J from it); shown once",
               ld->name, line, h->name, var, ignored);
    }
    free(h->proxy_jump);
    h->proxy_jump = NULL;
    h->jump_none = false;
    if (!value)
        return FS_OK;
    if (strcasecmp(value, "none") ==
        0) { /* ssh's word for no jump host (a host out of a group's) */
        h->jump_none = true;
        free(value);
        return FS_OK;
    }
    if (fs_jump_spec_parse(value, &j, why, sizeof why) != FS_OK) {
        rc = fail_line(ld, line, "host '%s': ProxyJump '%s' is not [user@]host[:port]: %s", h->name,
                       value, why);
        free(value);
        return rc;
    }
    free(value);
    char canon[FS_JUMP_SPEC_MAX];
    fs_jump_spec_format(&j, canon, sizeof canon);
    h->proxy_jump = strdup(canon);
    return h->proxy_jump ? FS_OK : FS_ERR_NOMEM;
}

/* The ssh options Ansible passes, in its order (ssh_args, ssh_common_args, ssh_extra_args),
 * read as one command line: a jump host or a routing option in any of them counts. */
static int host_ssh_args(struct loader *ld, struct fs_host *h, int line, const struct fs_kvlist *v)
{
    static const char *const vars[] = {"ansible_ssh_args", "ansible_ssh_common_args",
                                       "ansible_ssh_extra_args"};
    const char *one = NULL, *name = NULL;
    size_t given = 0;
    struct fs_buf all;
    fs_buf_init(&all, 65536);
    int rc = FS_OK;
    for (size_t i = 0; !rc && i < sizeof vars / sizeof vars[0]; i++) {
        const char *s = fs_kvlist_get(v, vars[i]);
        if (!s)
            continue;
        one = s;
        name = vars[i];
        given++;
        rc = fs_buf_addf(&all, "%s%s", all.len ? " " : "", s);
    }
    if (!rc && given)
        rc = host_jump(ld, h, line,
                       given == 1 ? name : "ansible_ssh_args, _common_args and _extra_args",
                       given == 1 ? one : fs_buf_cstr(&all));
    fs_buf_dispose(&all);
    return rc == FS_ERR_LIMIT
               ? fail_line(ld, line, "host '%s': ssh arguments longer than 64 KiB", h->name)
               : rc;
}

/* Derives the typed fields of a host from its inherited variables. */
static int host_resolve(struct loader *ld, struct fs_host *h, int line)
{
    const struct fs_kvlist *v = &h->vars;
    const char *s;
    int rc;
    if ((rc = dupopt(&h->address, fs_kvlist_get(v, "ansible_host"))))
        return rc;
    if (!h->address && !(h->address = strdup(h->name)))
        return FS_ERR_NOMEM;
    if ((s = fs_kvlist_get(v, "ansible_port"))) {
        long port;
        if (!fs_parse_long(s, &port) || port < 1 || port > 65535)
            return fail_line(ld, line,
                             "host '%s': ansible_port '%s' is not a port number (1-65535)", h->name,
                             s);
        h->port = (int)port;
    }
    if ((rc = dupopt(&h->user, fs_kvlist_get(v, "ansible_user"))))
        return rc;
    if ((s = fs_kvlist_get(v, "ansible_ssh_private_key_file")) && *s) {
        free(h->key_file);
        if (s[0] == '/' || !ld->dir) {
            h->key_file = strdup(s);
        } else {
            size_t n = strlen(ld->dir) + strlen(s) + 2;
            h->key_file = malloc(n);
            /* sized to fit: a failure here is a bug */
            if (h->key_file && fs_path_join(h->key_file, n, ld->dir, s) != FS_OK)
                return FS_ERR_LIMIT;
        }
        if (!h->key_file)
            return FS_ERR_NOMEM;
    }
    s = fs_kvlist_get(v, "ansible_become");
    if (!s)
        s = fs_kvlist_get(v, "become");
    h->become = truthy(s);
    if ((rc = dupopt(&h->role, fs_kvlist_get(v, "role"))))
        return rc;
    if ((rc = dupopt(&h->zone, fs_kvlist_get(v, "zone"))))
        return rc;
    if ((rc = host_ssh_args(ld, h, line, v)))
        return rc;
    if ((s = fs_kvlist_get(v, "ansible_connection")) && strcmp(s, "local") == 0)
        h->local = true;
    /* Only what a host specification needs gets through, checked here before anything runs. */
    if (!h->local && !fs_host_address_valid(h->address, strlen(h->address)))
        return fail_line(ld, line,
                         "host '%s': ansible_host '%s' is not a host name or IP address "
                         "(letters, digits, '.', '-', '_', ':'; not starting with '-')",
                         h->name, h->address);
    return FS_OK;
}

/* Merges a YAML mapping of scalar variables into vars. */
static int read_vars(struct loader *ld, const yaml_node_t *map, struct fs_kvlist *vars,
                     const char *where)
{
    if (map->type == YAML_SCALAR_NODE && map->data.scalar.length == 0)
        return FS_OK; /* "vars:" with nothing after it */
    if (map->type != YAML_MAPPING_NODE)
        return fail(ld, map, "vars of %s must be a mapping of names to values", where);
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        yaml_node_t *val = yaml_document_get_node(ld->doc, p->value);
        const char *key = scalar(k);
        if (!key)
            return fail(ld, k, "a variable name in %s is not a plain string", where);
        const char *sv = scalar(val);
        if (!sv)
            continue; /* lists and maps are not host facts we use; keep going */
        int rc = fs_kvlist_set(vars, key, sv);
        if (rc)
            return rc;
    }
    return FS_OK;
}

static int add_group(char ***groups, size_t *n, const char *g)
{
    char **p = realloc(*groups, (*n + 1) * sizeof *p);
    if (!p)
        return FS_ERR_NOMEM;
    *groups = p;
    if (!(p[*n] = strdup(g)))
        return FS_ERR_NOMEM;
    (*n)++;
    return FS_OK;
}

/* Pass 1 records the group tree and every appearance of a host; pass 2 builds each host
 * once from all its groups, as Ansible does: group vars by depth (then group name), deeper
 * groups win, host vars win over group vars. */
static int add_group_rec(struct loader *ld, const char *name, int parent, int depth,
                         const yaml_node_t *vars, int *index)
{
    struct group_rec *p = realloc(ld->groups, (ld->ngroups + 1) * sizeof *p);
    if (!p)
        return FS_ERR_NOMEM;
    ld->groups = p;
    p[ld->ngroups] = (struct group_rec){name, parent, depth, vars};
    *index = (int)ld->ngroups++;
    return FS_OK;
}

static bool empty_node(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0;
}

static int read_hosts(struct loader *ld, const char *gname, int group, const yaml_node_t *hosts)
{
    if (empty_node(hosts))
        return FS_OK;
    if (hosts->type != YAML_MAPPING_NODE)
        return fail(ld, hosts, "hosts of group '%s' must be a mapping of host names", gname);
    for (yaml_node_pair_t *p = hosts->data.mapping.pairs.start; p < hosts->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        yaml_node_t *val = yaml_document_get_node(ld->doc, p->value);
        const char *name = scalar(k);
        if (!name || !*name)
            return fail(ld, k, "a host name in group '%s' is not a plain string", gname);
        for (const char *c = name; *c; c++)
            if ((unsigned char)*c < 0x20 || *c == 0x7f)
                return fail(ld, k, "host name '%s' in group '%s' holds a control character", name,
                            gname);
        for (size_t i = 0; i < ld->nentries; i++) {
            if (ld->entries[i].group == group && strcmp(ld->entries[i].name, name) == 0)
                return fail(ld, k, "duplicate host '%s' in group '%s' (first listed at line %d)",
                            name, gname, ld->entries[i].line);
        }
        if (val->type != YAML_MAPPING_NODE && !empty_node(val))
            return fail(ld, val, "vars of host '%s' must be a mapping of names to values", name);
        struct host_entry *e = realloc(ld->entries, (ld->nentries + 1) * sizeof *e);
        if (!e)
            return FS_ERR_NOMEM;
        ld->entries = e;
        e[ld->nentries++] = (struct host_entry){name, group, val, (int)k->start_mark.line + 1};
    }
    return FS_OK;
}

/* NOLINTNEXTLINE(misc-no-recursion): bounded by FS_INVENTORY_MAX_DEPTH, checked first */
static int walk_group(struct loader *ld, const char *gname, const yaml_node_t *gnode, int parent,
                      int depth)
{
    if (depth > FS_INVENTORY_MAX_DEPTH)
        return fail(ld, gnode, "groups nest deeper than %d levels", FS_INVENTORY_MAX_DEPTH);
    int g;
    if (empty_node(gnode))
        return add_group_rec(ld, gname, parent, depth, NULL, &g);
    if (gnode->type != YAML_MAPPING_NODE)
        return fail(ld, gnode, "group '%s' must be a mapping with hosts, vars or children", gname);
    const yaml_node_t *hosts = NULL, *children = NULL, *gvars = NULL;
    for (yaml_node_pair_t *p = gnode->data.mapping.pairs.start; p < gnode->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
        const char *key = scalar(k);
        const yaml_node_t **slot = NULL;
        if (key && strcmp(key, "hosts") == 0)
            slot = &hosts;
        else if (key && strcmp(key, "vars") == 0)
            slot = &gvars;
        else if (key && strcmp(key, "children") == 0)
            slot = &children;
        if (!slot)
            return fail(ld, k, "unknown key '%s' in group '%s' (expected hosts, vars, children)",
                        key ? key : "?", gname);
        if (*slot)
            return fail(ld, k, "key '%s' appears twice in group '%s'", key, gname);
        *slot = v;
    }
    if (gvars && gvars->type != YAML_MAPPING_NODE && !empty_node(gvars))
        return fail(ld, gvars, "vars of group '%s' must be a mapping of names to values", gname);
    int rc = add_group_rec(ld, gname, parent, depth, gvars, &g);
    if (rc)
        return rc;
    if (hosts && (rc = read_hosts(ld, gname, g, hosts)))
        return rc;
    if (!children || empty_node(children))
        return FS_OK;
    if (children->type != YAML_MAPPING_NODE)
        return fail(ld, children, "children of group '%s' must be a mapping of group names", gname);
    for (yaml_node_pair_t *p = children->data.mapping.pairs.start;
         p < children->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        const char *cname = scalar(k);
        if (!cname || !*cname)
            return fail(ld, k, "a group name under '%s' is not a plain string", gname);
        if ((rc = walk_group(ld, cname, yaml_document_get_node(ld->doc, p->value), g, depth + 1)))
            return rc;
    }
    return FS_OK;
}

static int cmp_groups(const void *a, const void *b, void *arg)
{
    const struct loader *ld = arg;
    const struct group_rec *x = &ld->groups[*(const int *)a], *y = &ld->groups[*(const int *)b];
    if (x->depth != y->depth)
        return x->depth < y->depth ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Builds the host named by entries[first] from every entry with its name. */
static int build_host(struct loader *ld, size_t first)
{
    const char *name = ld->entries[first].name;
    int *gs = calloc(ld->ngroups ? ld->ngroups : 1, sizeof *gs);
    size_t ng = 0;
    int rc = FS_OK;
    char where[300];
    if (!gs)
        return FS_ERR_NOMEM;
    for (size_t i = first; i < ld->nentries; i++) {
        if (strcmp(ld->entries[i].name, name) != 0)
            continue;
        for (int g = ld->entries[i].group; g >= 0; g = ld->groups[g].parent) {
            bool have = false;
            for (size_t j = 0; j < ng && !have; j++)
                have = gs[j] == g;
            if (!have)
                gs[ng++] = g;
        }
    }
    qsort_r(gs, ng, sizeof *gs, cmp_groups, ld);
    struct fs_host *h = host_append(ld->inv);
    if (!h || !(h->name = strdup(name))) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    h->line = ld->entries[first].line;
    for (size_t j = 0; j < ng && !rc; j++) {
        const struct group_rec *g = &ld->groups[gs[j]];
        bool dup = false;
        for (size_t k = 0; k < h->ngroups && !dup; k++)
            dup = strcmp(h->groups[k], g->name) == 0;
        if (!dup)
            rc = add_group(&h->groups, &h->ngroups, g->name);
        snprintf(where, sizeof where, "group '%s'", g->name);
        if (!rc && g->vars)
            rc = read_vars(ld, g->vars, &h->vars, where);
    }
    snprintf(where, sizeof where, "host '%s'", name);
    for (size_t i = first; i < ld->nentries && !rc; i++)
        if (strcmp(ld->entries[i].name, name) == 0)
            rc = read_vars(ld, ld->entries[i].vars, &h->vars, where);
    if (!rc)
        rc = host_resolve(ld, h, ld->entries[first].line);
out:
    free(gs);
    return rc;
}

static int load_doc(struct loader *ld, yaml_document_t *doc)
{
    yaml_node_t *root = yaml_document_get_root_node(doc);
    if (!root)
        return fail(ld, NULL, "the inventory is empty");
    if (root->type != YAML_MAPPING_NODE)
        return fail(ld, root,
                    "the top level must be a mapping of groups (e.g. 'all:' with 'children:'), "
                    "not a %s",
                    root->type == YAML_SEQUENCE_NODE ? "list" : "scalar");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        const char *g = scalar(k);
        if (!g || !*g)
            return fail(ld, k, "a top-level group name is not a plain string");
        for (yaml_node_pair_t *q = root->data.mapping.pairs.start; q < p; q++) {
            const char *o = scalar(yaml_document_get_node(doc, q->key));
            if (o && strcmp(o, g) == 0)
                return fail(ld, k, "top-level group '%s' appears twice", g);
        }
        int rc = walk_group(ld, g, yaml_document_get_node(doc, p->value), -1, 0);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < ld->nentries; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(ld->entries[j].name, ld->entries[i].name) == 0;
        int rc;
        if (!seen && (rc = build_host(ld, i)))
            return rc;
    }
    return FS_OK;
}

int fs_inventory_load_mem(struct fs_inventory **out, const char *name, const char *yaml, size_t len,
                          struct fs_buf *err)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    bool have_doc = false;
    struct loader ld = {.name = name, .err = err};
    struct fs_inventory *inv = NULL;
    int rc = fs_inventory_new(&inv);
    if (rc)
        return rc;
    ld.inv = inv;
    const char *slash = strrchr(name, '/');
    ld.dir = slash ? fs_strndup(name, (size_t)(slash - name)) : NULL;
    if (!yaml_parser_initialize(&parser)) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    if (!yaml_parser_load(&parser, &doc)) {
        fs_buf_reset(err);
        fs_buf_try_addf(err, "%s:%zu:%zu: invalid YAML: %s%s%s", name, parser.problem_mark.line + 1,
                        parser.problem_mark.column + 1, parser.problem ? parser.problem : "error",
                        parser.context ? " " : "", parser.context ? parser.context : "");
        rc = FS_ERR_PARSE;
        yaml_parser_delete(&parser);
        goto out;
    }
    have_doc = true;
    yaml_parser_delete(&parser);
    ld.doc = &doc;
    if ((rc = load_doc(&ld, &doc)))
        goto out;
    if (inv->n == 0) {
        rc = fail(&ld, NULL, "the inventory defines no hosts");
        goto out;
    }
    if (!(inv->path = strdup(name)))
        rc = FS_ERR_NOMEM;
out:
    if (have_doc)
        yaml_document_delete(&doc);
    free(ld.groups);
    free(ld.entries);
    free(ld.dir);
    if (rc) {
        fs_inventory_free(inv);
        inv = NULL;
    }
    *out = inv;
    return rc;
}

int fs_inventory_load(struct fs_inventory **out, const char *path, struct fs_buf *err)
{
    struct fs_buf data;
    fs_buf_init(&data, FS_INVENTORY_MAX_BYTES);
    int rc = FS_OK;
    *out = NULL;
    if ((rc = fs_buf_read_file(&data, path, "inventory", err)))
        goto out;
    rc = fs_inventory_load_mem(out, path, fs_buf_cstr(&data), data.len, err);
out:
    fs_buf_dispose(&data);
    return rc;
}

int fs_inventory_add_target(struct fs_inventory *inv, const char *target, struct fs_buf *err)
{
    const char *t = fs_after_prefix(target, "ssh://");
    if (!t)
        t = target;
    const char *at = strchr(t, '@');
    const char *hostpart = at ? at + 1 : t;
    const char *end = hostpart + strlen(hostpart);
    const char *colon = NULL;
    const char *hs = hostpart, *he;
    if (*hostpart == '[') { /* [v6::addr]:port */
        const char *rb = strchr(hostpart, ']');
        if (!rb)
            goto bad;
        hs = hostpart + 1;
        he = rb;
        if (rb[1] == ':')
            colon = rb + 1;
        else if (rb[1] != '\0')
            goto bad;
    } else {
        colon = strrchr(hostpart, ':');
        if (colon && strchr(hostpart, ':') != colon)
            colon = NULL; /* a bare IPv6 address */
        he = colon ? colon : end;
    }
    if (!fs_host_address_valid(hs, (size_t)(he - hs)) || (at && at == t))
        goto bad;
    long port = 22;
    if (colon && (!fs_parse_long(colon + 1, &port) || port < 1 || port > 65535)) {
        fs_buf_reset(err);
        fs_buf_try_addf(err, "target '%s': port is not a number in 1-65535", target);
        return FS_ERR_INVAL;
    }
    /* a host's name is its address here: two targets of one address (other ports or users)
     * would be two hosts of one name in every report, and merge refuses that */
    for (size_t i = 0; i < inv->n; i++) {
        if (strlen(inv->hosts[i].name) == (size_t)(he - hs) &&
            memcmp(inv->hosts[i].name, hs, (size_t)(he - hs)) == 0) {
            fs_buf_reset(err);
            fs_buf_try_addf(err,
                            "target '%s': host '%s' is given twice (a target is named by its "
                            "address; give each its own name in an inventory)",
                            target, inv->hosts[i].name);
            return FS_ERR_INVAL;
        }
    }
    struct fs_host *h = host_append(inv);
    if (!h)
        return FS_ERR_NOMEM;
    bool local = !at && !colon && strcmp(hostpart, "local") == 0;
    h->name = fs_strndup(hs, (size_t)(he - hs));
    h->address = fs_strndup(hs, (size_t)(he - hs));
    h->user = at ? fs_strndup(t, (size_t)(at - t)) : NULL;
    h->port = (int)port;
    h->local = local;
    if (!h->name || !h->address || (at && !h->user))
        return FS_ERR_NOMEM;
    return FS_OK;
bad:
    fs_buf_reset(err);
    fs_buf_try_addf(err, "target '%s' is not [user@]host[:port], ssh://[user@]host[:port] or local",
                    target);
    return FS_ERR_INVAL;
}

bool fs_host_address_valid(const char *s, size_t n)
{
    if (!s || n == 0 || n > 253 || s[0] == '-')
        return false;
    bool v6 = memchr(s, ':', n) != NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && c != '.' && c != '-' && c != '_' && c != ':' && !(c == '%' && v6))
            return false;
    }
    return true;
}

bool fs_proxy_jump_valid(const char *s)
{
    struct fs_jump_spec j;
    char why[160];
    return fs_jump_spec_parse(s, &j, why, sizeof why) == FS_OK;
}

int fs_inventory_set_jump(struct fs_inventory *inv, const char *jump, struct fs_buf *err)
{
    struct fs_jump_spec j;
    char why[160], canon[FS_JUMP_SPEC_MAX];
    if (fs_jump_spec_parse(jump, &j, why, sizeof why) != FS_OK) {
        fs_buf_reset(err);
        fs_buf_try_addf(err, "--jump '%s' is not [user@]host[:port]: %s", jump, why);
        return FS_ERR_INVAL;
    }
    fs_jump_spec_format(&j, canon, sizeof canon);
    for (size_t i = 0; i < inv->n; i++) {
        struct fs_host *h = &inv->hosts[i];
        if (h->local || h->proxy_jump || h->jump_none)
            continue;
        if (!(h->proxy_jump = strdup(canon)))
            return FS_ERR_NOMEM;
    }
    return FS_OK;
}

bool fs_host_in_group(const struct fs_host *h, const char *group)
{
    for (size_t i = 0; i < h->ngroups; i++)
        if (strcmp(h->groups[i], group) == 0)
            return true;
    return false;
}

static bool host_matches(const struct fs_host *h, const char *pat)
{
    if (fs_glob_match(pat, h->name))
        return true;
    for (size_t i = 0; i < h->ngroups; i++)
        if (fs_glob_match(pat, h->groups[i]))
            return true;
    return false;
}

int fs_inventory_limit(struct fs_inventory *inv, const char *patterns, struct fs_buf *err)
{
    char *copy = strdup(patterns);
    bool *keep = calloc(inv->n ? inv->n : 1, sizeof *keep);
    int rc = FS_OK;
    if (!copy || !keep) {
        rc = FS_ERR_NOMEM;
        goto out;
    }
    char *save = NULL;
    for (char *pat = strtok_r(copy, ",", &save); pat; pat = strtok_r(NULL, ",", &save)) {
        while (*pat == ' ')
            pat++;
        if (!*pat)
            continue;
        bool any = false;
        for (size_t i = 0; i < inv->n; i++) {
            if (host_matches(&inv->hosts[i], pat)) {
                keep[i] = true;
                any = true;
            }
        }
        if (!any) {
            fs_buf_reset(err);
            fs_buf_try_addf(err, "limit '%s' matches no host or group of the inventory", pat);
            rc = FS_ERR_NOTFOUND;
            goto out;
        }
    }
    fs_inventory_keep(inv, keep);
out:
    free(copy);
    free(keep);
    return rc;
}

void fs_inventory_keep(struct fs_inventory *inv, const bool *keep)
{
    size_t w = 0;
    for (size_t i = 0; i < inv->n; i++) {
        if (keep[i])
            inv->hosts[w++] = inv->hosts[i];
        else
            fs_host_dispose(&inv->hosts[i]);
    }
    inv->n = w;
}

const struct fs_host *fs_inventory_find(const struct fs_inventory *inv, const char *name)
{
    for (size_t i = 0; i < inv->n; i++)
        if (strcmp(inv->hosts[i].name, name) == 0)
            return &inv->hosts[i];
    return NULL;
}
