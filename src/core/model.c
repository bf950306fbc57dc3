/* model.c — role and channel keys. */
#include "xiangli/model.h"

#include <string.h>
#include <strings.h>

static const char *const role_keys[] = {
#define XL_X(id, key) key,
    XL_ROLES(XL_X)
#undef XL_X
};

static const char *const channel_keys[] = {
#define XL_X(id, key) key,
    XL_CHANNELS(XL_X)
#undef XL_X
};

const char *xl_role_key(xl_role r)
{
    return (unsigned)r < XL_ROLE_COUNT ? role_keys[r] : "";
}

int xl_role_parse(const char *s)
{
    static const struct { const char *label; xl_role role; } aliases[] = {
        {"业主", XL_ROLE_OWNER},        {"房东", XL_ROLE_OWNER},
        {"二房东", XL_ROLE_SUBLANDLORD}, {"sub-landlord", XL_ROLE_SUBLANDLORD},
        {"租客", XL_ROLE_TENANT},        {"租户", XL_ROLE_TENANT},
        {"家属", XL_ROLE_FAMILY},        {"家庭成员", XL_ROLE_FAMILY},
    };
    if (!s)
        return -1;
    for (int i = 0; i < XL_ROLE_COUNT; i++)
        if (strcasecmp(s, role_keys[i]) == 0)
            return i;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(s, aliases[i].label) == 0)
            return (int)aliases[i].role;
    return -1;
}

const char *xl_channel_key(xl_channel c)
{
    return (unsigned)c < XL_CHANNEL_COUNT ? channel_keys[c] : "";
}

int xl_channel_parse(const char *s)
{
    static const struct { const char *label; xl_channel ch; } aliases[] = {
        {"扫码", XL_CHANNEL_QR}, {"窗口", XL_CHANNEL_DESK}, {"房东代办", XL_CHANNEL_LANDLORD},
        {"房东", XL_CHANNEL_LANDLORD},
    };
    if (!s)
        return -1;
    for (int i = 0; i < XL_CHANNEL_COUNT; i++)
        if (strcasecmp(s, channel_keys[i]) == 0)
            return i;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(s, aliases[i].label) == 0)
            return (int)aliases[i].ch;
    return -1;
}
