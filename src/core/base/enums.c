/* enums.c — key, label and parse for every enumeration (enums.h). */
#include "xiangli/enums.h"

#include <string.h>
#include <strings.h>

const char *xl_enum_key(const xl_enum *e, int v)
{
    return v >= 0 && v < e->n ? e->keys[v] : "";
}

const char *xl_enum_label(const xl_enum *e, int v)
{
    return v >= 0 && v < e->n ? xl_tr(e->msgs[v]) : "?";
}

const char *xl_enum_label_in(const xl_enum *e, int v, const char *lang)
{
    return v >= 0 && v < e->n ? xl_tr_in(e->msgs[v], lang) : "?";
}

int xl_enum_of_key(const xl_enum *e, const char *key)
{
    for (int i = 0; key && i < e->n; i++)
        if (strcmp(key, e->keys[i]) == 0)
            return i;
    return -1;
}

int xl_enum_parse(const xl_enum *e, const char *s)
{
    if (!s || !*s)
        return -1;
    int v = xl_enum_of_key(e, s);
    for (int i = 0; v < 0 && i < e->n; i++)
        if (strcmp(s, xl_tr_in(e->msgs[i], "zh")) == 0 || strcasecmp(s, xl_tr_in(e->msgs[i], "en")) == 0)
            v = i;
    return v;
}
