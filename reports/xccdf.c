/* results-xccdf.xml: the benchmark with one TestResult per evaluated host. */
#include "report.h"
#include "../scanner/core/err.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdlib.h>

int fs_report_xccdf(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                    struct fs_buf *err)
{
    char *raw = NULL;
    size_t len = 0;
    xmlDocPtr doc = NULL;
    xmlChar *xml = NULL;
    int xlen = 0;
    int rc = fs_benchmark_export_mem(r->benchmark, &raw, &len);
    if (rc != FS_OK) {
        fs_buf_addf(err, "%s/%s: cannot build the XCCDF results: %s", dir->path, file,
                    fs_strerror(rc));
        goto out;
    }
    /* Indented as oscap writes its own files: libopenscap's parser drops every other
     * <select> of minified XML, and the results are read back by tools built on it. */
    if (len > (size_t)INT_MAX ||
        !(doc = xmlReadMemory(raw, (int)len, file, "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE))) {
        fs_buf_addf(err, "%s/%s: the XCCDF results are not well-formed XML", dir->path, file);
        rc = FS_ERR_PARSE;
        goto out;
    }
    xmlDocDumpFormatMemoryEnc(doc, &xml, &xlen, "UTF-8", 1);
    if (!xml || xlen <= 0) {
        fs_buf_addf(err, "%s/%s: cannot serialise the XCCDF results", dir->path, file);
        rc = FS_ERR_NOMEM;
        goto out;
    }
    rc = fs_outfile_write(dir, file, (const char *)xml, (size_t)xlen, err);
out:
    xmlFree(xml);
    xmlFreeDoc(doc);
    free(raw);
    return rc;
}
