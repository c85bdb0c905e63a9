/* SPDX-License-Identifier: Apache-2.0 */
/* Test helper: every XCCDF value of the shipped benchmark, bound as a profile binds it, with
 * the site-specific ones (empty by default) filled in. */
#ifndef FS_TEST_VALUES_H
#define FS_TEST_VALUES_H

#include "scanner/core/kv.h"

/* Fills values from profile of $FS_PROFILES/floorscan-ditta-xccdf.xml; 0 on success. */
int fs_test_bind_all_values(struct fs_kvlist *values, const char *profile);

#endif
