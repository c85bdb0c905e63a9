/* SPDX-License-Identifier: Apache-2.0 */
/* One YAML document parsed from memory, with the error the site model and the waiver register
 * report: "NAME:LINE: invalid YAML: PROBLEM CONTEXT (column C)". */
#ifndef FS_YAML_DOC_H
#define FS_YAML_DOC_H

#include "buf.h"
#include "contract.h"

#include <stdarg.h>
#include <stddef.h>
#include <yaml.h>

/* Parses yaml[0..len) into *doc (the caller yaml_document_delete()s it on FS_OK).
 * FS_ERR_NOMEM, or FS_ERR_INVAL with err reset to the message above. */
FS_MUST_USE int fs_yaml_doc_load(yaml_document_t *doc, const char *name, const char *yaml,
                                 size_t len, struct fs_buf *err);

/* Sets err to "NAME:LINE: MESSAGE" (node's line; "NAME: MESSAGE" without a node), shown
 * printable: messages quote file text, which may hold any byte. Returns FS_ERR_INVAL. */
int fs_yaml_vfail(struct fs_buf *err, const char *name, const yaml_node_t *node, const char *fmt,
                  va_list ap) __attribute__((format(printf, 4, 0)));

#endif
