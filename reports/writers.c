/* SPDX-License-Identifier: Apache-2.0 */
/* The report writer table. */
#include "report.h"
#include "../scanner/core/contract.h"
#include "../scanner/core/limits.h"

#include <stdlib.h>
#include <string.h>

/* Sorted by format (a unit test keeps it so). */
static const struct fs_report_writer writers[] = {
    {"arf", "results-arf.xml", fs_report_arf},
    {"csv", "results.csv", fs_report_csv},
    {"dot", "zones.dot", fs_report_dot},
    {"html", "report.html", fs_report_html},
    {"json", "results.json", fs_report_json},
    {"junit", "results-junit.xml", fs_report_junit},
    {"xccdf", "results-xccdf.xml", fs_report_xccdf},
};

/* "--format all" names every writer once: the commands' writer arrays hold them all. */
static_assert(sizeof writers / sizeof writers[0] <= FS_FORMATS_MAX, "FS_FORMATS_MAX too small");

/* Formats that draw the site model: they need --zones (or results that hold a model). */
static const char *const need_site[] = {"dot"};

/* Formats of the interface contract that later versions write. */
static const char *const announced[] = {"bundle"};

static int cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct fs_report_writer *)elem)->format);
}

const struct fs_report_writer *fs_report_writer_find(const char *format)
{
    FS_ASSERT_SORTED_ONCE(writers, sizeof writers / sizeof writers[0], struct fs_report_writer,
                          format);
    return bsearch(format, writers, sizeof writers / sizeof writers[0], sizeof writers[0], cmp);
}

bool fs_report_format_known(const char *format)
{
    if (fs_report_writer_find(format))
        return true;
    for (size_t i = 0; i < sizeof announced / sizeof announced[0]; i++)
        if (strcmp(announced[i], format) == 0)
            return true;
    return false;
}

const char *fs_report_writers_need_site(const struct fs_report_writer *const *w, size_t n,
                                        bool has_site)
{
    for (size_t i = 0; !has_site && i < n; i++)
        for (size_t k = 0; w[i] && k < sizeof need_site / sizeof need_site[0]; k++)
            if (strcmp(w[i]->format, need_site[k]) == 0)
                return w[i]->format;
    return NULL;
}
