/* SPDX-License-Identifier: Apache-2.0 */
/* The parts of floorscan's XCCDF ids that code takes apart (fs_after, fs_after_prefix). */
#ifndef FS_XCCDF_IDS_H
#define FS_XCCDF_IDS_H

/* Every id of floorscan's own benchmark starts with this; a site tailoring's need not. */
#define FS_XCCDF_ID_PREFIX "xccdf_org.floorscan_"
/* What separates an id's kind from its short name: xccdf_org.floorscan_profile_baseline. */
#define FS_XCCDF_PROFILE_TAG "_profile_"
#define FS_XCCDF_RULE_TAG    "_rule_"
#define FS_XCCDF_GROUP_TAG   "_group_"
#define FS_XCCDF_VALUE_TAG   "_value_"

#endif
