/* SPDX-License-Identifier: Apache-2.0 */
#include "ssh_words.h"

#include <stdbool.h>
#include <string.h>

char *fs_ssh_strdelim(char **s)
{
    if (!*s)
        return NULL;
    char *old = *s;
    *s = strpbrk(*s, FS_SSH_WS "\"=");
    if (!*s)
        return old;
    if (**s == '"') {
        memmove(*s, *s + 1, strlen(*s));
        *s = strchr(*s, '"');
        if (!*s)
            return NULL;
        **s = '\0';
        *s += strspn(*s + 1, FS_SSH_WS) + 1;
        return old;
    }
    bool eq = **s == '=';
    **s = '\0';
    *s += strspn(*s + 1, FS_SSH_WS) + 1;
    if (**s == '=' && !eq)
        *s += strspn(*s + 1, FS_SSH_WS) + 1;
    return old;
}

char *fs_ssh_keyword(char **s)
{
    char *kw = fs_ssh_strdelim(s);
    if (kw && !*kw)
        kw = fs_ssh_strdelim(s);
    return kw && *kw && *kw != '#' ? kw : NULL;
}
