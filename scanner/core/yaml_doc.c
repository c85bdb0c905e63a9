/* SPDX-License-Identifier: Apache-2.0 */
/* One YAML document parsed from memory, with a FILE:LINE error. */
#include "yaml_doc.h"
#include "err.h"

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
