/* SPDX-License-Identifier: Apache-2.0 */
/* One YAML document parsed from memory, with a FILE:LINE error. */
#include "yaml_doc.h"
#include "err.h"
#include "limits.h"

int fs_yaml_doc_load(yaml_document_t *doc, const char *name, const char *yaml, size_t len,
                     struct fs_buf *err)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return FS_ERR_NOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    int rc = FS_OK;
    if (!yaml_parser_load(&parser, doc)) {
        fs_buf_reset(err);
        fs_buf_try_addf(err, "%s:%zu: invalid YAML: %s%s%s (column %zu)", name,
                        parser.problem_mark.line + 1, parser.problem ? parser.problem : "error",
                        parser.context ? " " : "", parser.context ? parser.context : "",
                        parser.problem_mark.column + 1);
        rc = FS_ERR_INVAL;
    }
    yaml_parser_delete(&parser);
    return rc;
}

int fs_yaml_vfail(struct fs_buf *err, const char *name, const yaml_node_t *node, const char *fmt,
                  va_list ap)
{
    struct fs_buf raw;
    fs_buf_init(&raw, FS_ERRBUF_MAX);
    if (node)
        fs_buf_try_addf(&raw, "%s:%zu: ", name, node->start_mark.line + 1);
    else
        fs_buf_try_addf(&raw, "%s: ", name);
    if (fs_buf_vaddf(&raw, fmt, ap) != FS_OK)
        fs_buf_try_adds(&raw, "(the message is too long to show)");
    fs_buf_reset(err);
    fs_buf_try_add_printable(err, fs_buf_cstr(&raw), raw.len);
    fs_buf_dispose(&raw);
    return FS_ERR_INVAL;
}
