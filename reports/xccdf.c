/* SPDX-License-Identifier: Apache-2.0 */
/* results-xccdf.xml: the benchmark with one TestResult per evaluated host. */
#include "report.h"
#include "../scanner/core/err.h"
#include "../scanner/core/limits.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>

int fs_report_xml_write(xmlDocPtr doc, const struct fs_outdir *dir, const char *file,
                        struct fs_buf *err)
{
    xmlChar *xml = NULL;
    int xlen = 0;
    /* Indented as oscap writes its own files: libopenscap's parser drops every other
     * <select> of minified XML, and the results are read back by tools built on it. */
    xmlDocDumpFormatMemoryEnc(doc, &xml, &xlen, "UTF-8", 1);
    if (!xml || xlen <= 0) {
        xmlFree(xml);
        fs_buf_try_addf(err, "%s/%s: cannot serialise the document", dir->path, file);
        return FS_ERR_NOMEM;
    }
    int rc = fs_outfile_write(dir, file, (const char *)xml, (size_t)xlen, err);
    xmlFree(xml);
    return rc;
}

/* A TestResult at a time (xccdf_results.c): the fleet's results never sit in one document. */
int fs_report_xccdf(const struct fs_report *r, const struct fs_outdir *dir, const char *file,
                    struct fs_buf *err)
{
    struct fs_outstream out;
    struct fs_buf why;
    fs_buf_init(&why, FS_REASON_MAX);
    int rc = fs_outstream_open(&out, dir, file, true, err);
    if (!rc && (rc = fs_xccdf_results_write(r, &out, &why)) != FS_OK && why.len)
        fs_buf_try_addf(err, "%s/%s: %s", dir->path, file, fs_buf_cstr(&why));
    if (!rc)
        rc = fs_outstream_commit(&out);
    fs_outstream_dispose(&out);
    fs_buf_dispose(&why);
    return rc;
}
