/* SPDX-License-Identifier: Apache-2.0 */
/* results-arf.xml: SCAP 1.2 Asset Reporting Format through libopenscap's own data stream API:
 * the benchmark composed into a source data stream (the report request), one asset per
 * evaluated host and its TestResult as a report, linked by relationships. */
#include "report.h"
#include "fleet_text.h"
#include "../scanner/core/err.h"
#include "../scanner/core/limits.h"
#include "../scanner/core/path.h"
#include "../scanner/core/util.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <oscap_error.h>
#include <scap_ds.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define AI_NS "http://scap.nist.gov/schema/asset-identification/1.1"

/* The benchmark's rules name their checks by href "floorscan-checks": floorscan's check
 * system is C code, not SCAP content, but a source data stream needs a checks component, so
 * the reference resolves to this empty OVAL document (no definitions: nothing to evaluate). */
static const char checks_placeholder[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<oval_definitions xmlns=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\" "
    "xmlns:oval=\"http://oval.mitre.org/XMLSchema/oval-common-5\">\n"
    "  <generator>\n"
    "    <oval:product_name>floorscan (checks are built in: urn:floorscan:check:1)"
    "</oval:product_name>\n"
    "    <oval:schema_version>5.11.2</oval:schema_version>\n"
    "    <oval:timestamp>2026-01-01T00:00:00</oval:timestamp>\n"
    "  </generator>\n"
    "</oval_definitions>\n";

static int put_file(const char *path, const char *data, size_t len, time_t mtime)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return FS_ERR_IO;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            close(fd);
            return FS_ERR_IO;
        }
        off += (size_t)w;
    }
    /* the data stream stamps each component with its file's time: the scan's, not now */
    struct timespec ts[2] = {{mtime, 0}, {mtime, 0}};
    futimens(fd, ts);
    return close(fd) == 0 ? FS_OK : FS_ERR_IO;
}

static int read_all(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return FS_ERR_IO;
    struct fs_buf b;
    fs_buf_init(&b, FS_REPORT_ARF_INPUT_MAX);
    char chunk[65536];
    size_t n;
    int rc = FS_OK;
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = fs_buf_add(&b, chunk, n);
    if (!rc && ferror(f))
        rc = FS_ERR_IO;
    (void)fclose(f); /* read only: nothing to lose */
    if (rc) {
        fs_buf_dispose(&b);
        return rc;
    }
    *len = b.len;
    *data = fs_buf_steal(&b);
    fs_buf_dispose(&b);
    return *data ? FS_OK : FS_ERR_NOMEM;
}

static time_t parse_time(const char *s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *end = s && *s ? strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
    return end ? timegm(&tm) : 0;
}

/* ai:hostname is [\w-]+(\.[\w-]+)* */
static bool ai_hostname(const char *s)
{
    if (!s || !*s || *s == '.')
        return false;
    for (const char *p = s; *p; p++) {
        bool word = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-';
        if (!word && !(*p == '.' && p[1] && p[1] != '.'))
            return false;
    }
    return true;
}

/* Removes what libopenscap put into an asset: floorscan fills it. */
static void clear_children(xmlNodePtr asset)
{
    xmlNodePtr old = asset->children;
    while (old) {
        xmlNodePtr next = old->next;
        xmlUnlinkNode(old);
        xmlFreeNode(old);
        old = next;
    }
}

/* The asset of one host: its address when it is one (IPv6 written out in full, as the AI
 * schema wants), its inventory address as fqdn when that is a domain name, and the host name
 * the device reported (else the inventory name). */
static void fill_asset(xmlNodePtr asset, xmlNsPtr ai, const struct fs_host_result *h)
{
    clear_children(asset);
    xmlNodePtr dev = xmlNewChild(asset, ai, BAD_CAST "computing-device", NULL);
    const char *addr = h->host->address;
    unsigned char in[16];
    char ip[64] = "";
    bool v4 = false;
    if (addr && inet_pton(AF_INET, addr, in) == 1) {
        v4 = inet_ntop(AF_INET, in, ip, sizeof ip) != NULL;
    } else if (addr && inet_pton(AF_INET6, addr, in) == 1) {
        snprintf(ip, sizeof ip, "%x:%x:%x:%x:%x:%x:%x:%x", in[0] << 8 | in[1], in[2] << 8 | in[3],
                 in[4] << 8 | in[5], in[6] << 8 | in[7], in[8] << 8 | in[9], in[10] << 8 | in[11],
                 in[12] << 8 | in[13], in[14] << 8 | in[15]);
    }
    if (*ip) {
        xmlNodePtr conns = xmlNewChild(dev, ai, BAD_CAST "connections", NULL);
        xmlNodePtr conn = xmlNewChild(conns, ai, BAD_CAST "connection", NULL);
        xmlNodePtr ipa = xmlNewChild(conn, ai, BAD_CAST "ip-address", NULL);
        xmlNewTextChild(ipa, ai, BAD_CAST(v4 ? "ip-v4" : "ip-v6"), BAD_CAST ip);
    }
    if (!*ip && !h->host->local && addr && ai_hostname(addr) && strchr(addr, '.'))
        xmlNewTextChild(dev, ai, BAD_CAST "fqdn", BAD_CAST addr);
    const char *name = ai_hostname(h->hostname) ? h->hostname : h->host->name;
    if (ai_hostname(name))
        xmlNewTextChild(dev, ai, BAD_CAST "hostname", BAD_CAST name);
}

/* The site's asset (its TestResult follows the hosts'): the plant as a system named after
 * the site model, "site:zones.yaml". */
static void fill_site_asset(xmlNodePtr asset, xmlNsPtr ai, const struct fs_report *r)
{
    clear_children(asset);
    char name[300];
    snprintf(name, sizeof name, "site:%s", fs_fleet_site_name(r->site));
    char *p = fs_printable_dup(name);
    xmlNodePtr sys = xmlNewChild(asset, ai, BAD_CAST "system", NULL);
    if (p)
        xmlNewTextChild(sys, ai, BAD_CAST "system-name", BAD_CAST p);
    free(p);
}

static int fix_assets(xmlDocPtr arf, const struct fs_report *r)
{
    xmlNodePtr root = xmlDocGetRootElement(arf);
    xmlNsPtr ai = root ? xmlSearchNsByHref(arf, root, BAD_CAST AI_NS) : NULL;
    if (!ai)
        return FS_ERR_PARSE;
    xmlNodePtr assets = NULL;
    for (xmlNodePtr c = root->children; c && !assets; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "assets") == 0)
            assets = c;
    size_t i = 0;
    for (xmlNodePtr a = assets ? assets->children : NULL; a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "asset") != 0)
            continue;
        while (i < r->n && !r->hosts[i].evaluated)
            i++;
        if (i == r->n && r->site && r->fleet) {
            fill_site_asset(a, ai, r); /* the site's TestResult comes last */
            i++;
            continue;
        }
        if (i >= r->n)
            return FS_ERR_PARSE;
        fill_asset(a, ai, &r->hosts[i++]); /* assets follow the TestResults' order */
    }
    return FS_OK;
}

/* libopenscap names components after their file's path (slashes as "--"): the private
 * directory's random name is dropped from every attribute, so ids are stable. */
static void strip_tmp_names(xmlNodePtr root, const char *tmp)
{
    char prefix[600];
    size_t w = 0;
    for (const char *s = tmp; *s && w + 3 < sizeof prefix; s++) {
        if (*s == '/') {
            prefix[w++] = '-';
            prefix[w++] = '-';
        } else {
            prefix[w++] = *s;
        }
    }
    if (w + 3 >= sizeof prefix)
        return;
    prefix[w++] = '-';
    prefix[w++] = '-';
    prefix[w] = '\0';
    for (xmlNodePtr n = root; n;) {
        for (xmlAttrPtr a = n->type == XML_ELEMENT_NODE ? n->properties : NULL; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            char *hit = v ? strstr((char *)v, prefix) : NULL;
            if (hit) {
                memmove(hit, hit + w, strlen(hit + w) + 1);
                xmlSetNsProp(n, a->ns, a->name, v);
            }
            xmlFree(v);
        }
        /* depth first, without recursion */
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next)
            n = n->parent;
        n = n && n != root ? n->next : NULL;
    }
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

int fs_report_arf(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                  struct fs_buf *err)
{
    char tmp[256] = "";
    char bench[FS_PATH_MAX] = "", checks[FS_PATH_MAX] = "", sds[FS_PATH_MAX] = "",
         results[FS_PATH_MAX] = "", arf[FS_PATH_MAX] = "";
    char *raw = NULL;
    size_t len = 0;
    xmlDocPtr xdoc = NULL, adoc = NULL;
    struct fs_buf why;
    fs_buf_init(&why, FS_REASON_MAX);
    bool made = false;
    int rc;
    if (r->n == 0) {
        /* ARF's schema wants at least one asset and report: a run of no hosts (an empty shard)
         * has no valid ARF, and an earlier run's file must not pass for this one's */
        if (unlinkat(dir->fd, file, 0) != 0 && errno != ENOENT)
            fs_log(FS_LOG_INFO, "%s/%s: cannot remove an earlier run's file: %s", dir->path, file,
                   strerror(errno));
        fs_buf_try_addf(err,
                        "%s/%s: not written: the run has no host, and an ARF report holds at "
                        "least one",
                        dir->path, file);
        rc = FS_ERR_INVAL;
        goto out;
    }
    rc = fs_xccdf_results_doc(r, &xdoc, &why);
    if (rc) {
        fs_buf_try_addf(err, "%s/%s: %s", dir->path, file, fs_buf_cstr(&why));
        goto out;
    }
    /* libopenscap composes and creates data streams between files: a private directory */
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || tmpdir[0] != '/' || strlen(tmpdir) > 100)
        tmpdir = "/tmp";
    if ((rc = fs_path_join(tmp, sizeof tmp, tmpdir, "floorscan-arf-XXXXXX")) != FS_OK) {
        fs_buf_try_addf(err, "%s/%s: temporary directory path %s/floorscan-arf-XXXXXX too long",
                        dir->path, file, tmpdir);
        goto out;
    }
    if (!mkdtemp(tmp)) {
        fs_buf_try_addf(err, "%s/%s: cannot create a temporary directory: %s", dir->path, file,
                        strerror(errno));
        rc = FS_ERR_IO;
        goto out;
    }
    made = true;
    if ((rc = fs_path_join(bench, sizeof bench, tmp, base_name(r->benchmark->path))) ||
        (rc = fs_path_join(checks, sizeof checks, tmp, "floorscan-checks")) ||
        (rc = fs_path_join(sds, sizeof sds, tmp, "sds.xml")) ||
        (rc = fs_path_join(results, sizeof results, tmp, "results-xccdf.xml")) ||
        (rc = fs_path_join(arf, sizeof arf, tmp, "arf.xml"))) {
        fs_buf_try_addf(err, "%s/%s: path of the benchmark copy %s/%s too long", dir->path, file,
                        tmp, base_name(r->benchmark->path));
        goto out;
    }
    time_t when = parse_time(r->started);
    if ((rc = read_all(r->benchmark->path, &raw, &len)) != FS_OK) {
        fs_buf_try_addf(err, "%s/%s: cannot read the benchmark %s: %s", dir->path, file,
                        r->benchmark->path, strerror(errno));
        goto out;
    }
    if ((rc = put_file(bench, raw, len, when)) ||
        (rc = put_file(checks, checks_placeholder, sizeof checks_placeholder - 1, when))) {
        fs_buf_try_addf(err, "%s/%s: cannot write in %s: %s", dir->path, file, tmp,
                        strerror(errno));
        goto out;
    }
    /* the benchmark in the data stream must be the one the results were made with */
    char sha[FS_SHA256_HEX];
    if (r->benchmark_sha256[0] &&
        (fs_sha256_file(bench, sha) != FS_OK || strcmp(sha, r->benchmark_sha256) != 0)) {
        fs_buf_try_addf(err, "%s/%s: the benchmark %s changed after it was loaded", dir->path, file,
                        r->benchmark->path);
        rc = FS_ERR_INVAL;
        goto out;
    }
    if (xmlSaveFormatFileEnc(results, xdoc, "UTF-8", 1) < 0) {
        fs_buf_try_addf(err, "%s/%s: cannot write the XCCDF results in %s", dir->path, file, tmp);
        rc = FS_ERR_IO;
        goto out;
    }
    const char *no_oval[] = {NULL};
    if (ds_sds_compose_from_xccdf(bench, sds) != 0 ||
        ds_rds_create(sds, results, no_oval, arf) != 0) {
        fs_buf_try_addf(err, "%s/%s: libopenscap cannot build the data streams: %s", dir->path,
                        file, oscap_err() ? oscap_err_desc() : "unknown error");
        rc = FS_ERR_ENGINE;
        goto out;
    }
    adoc = xmlReadFile(arf, "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOBLANKS);
    if (adoc)
        strip_tmp_names(xmlDocGetRootElement(adoc), tmp);
    if (!adoc || fix_assets(adoc, r) != FS_OK) {
        fs_buf_try_addf(err, "%s/%s: the result data stream is not what libopenscap should write",
                        dir->path, file);
        rc = FS_ERR_PARSE;
        goto out;
    }
    rc = fs_report_xml_write(adoc, dir, file, err);
out:
    if (made) {
        const char *const files[] = {bench, checks, sds, results, arf};
        for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
            if (files[i][0])
                unlink(files[i]);
        if (rmdir(tmp) != 0)
            fs_log(FS_LOG_VERBOSE, "cannot remove %s: %s", tmp, strerror(errno));
    }
    free(raw);
    xmlFreeDoc(xdoc);
    xmlFreeDoc(adoc);
    fs_buf_dispose(&why);
    return rc;
}
