/* results-xccdf.xml: the benchmark with one TestResult per evaluated host. */
#include "report.h"
#include "../scanner/core/err.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int fs_report_xccdf(const struct fs_report *r, const char *path, struct fs_buf *err)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (fs_benchmark_export(r->benchmark, tmp) != FS_OK || rename(tmp, path) != 0) {
        fs_buf_addf(err, "%s: cannot write XCCDF results: %s", path, strerror(errno));
        remove(tmp);
        return FS_ERR_IO;
    }
    return FS_OK;
}
