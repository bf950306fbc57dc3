/* model.c — roles and channels: keys, labels and parsing (with the aliases sheets use). */
#include "xiangli/model.h"

#include <string.h>

#include "xiangli/enums.h"
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

static const xl_msg role_msgs[] = {
#define XL_X(id, key) XL_MSG_ROLE_##id,
    XL_ROLES(XL_X)
#undef XL_X
};

static const xl_msg channel_msgs[] = {
#define XL_X(id, key) XL_MSG_CHANNEL_##id,
    XL_CHANNELS(XL_X)
#undef XL_X
};

static const xl_enum role_enum = {role_keys, role_msgs, XL_ROLE_COUNT};
static const xl_enum channel_enum = {channel_keys, channel_msgs, XL_CHANNEL_COUNT};

const char *xl_role_key(xl_role r) { return xl_enum_key(&role_enum, (int)r); }
const char *xl_role_label(xl_role r) { return xl_enum_label(&role_enum, (int)r); }

const char *xl_role_label_of(const char *key)
{
    int r = xl_role_parse(key);
    return r >= 0 ? xl_role_label((xl_role)r) : key;
}

const char *xl_channel_label(xl_channel c) { return xl_enum_label(&channel_enum, (int)c); }

const char *xl_channel_label_of(const char *key)
{
    int c = xl_channel_parse(key);
    return c >= 0 ? xl_channel_label((xl_channel)c) : key;
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
    int r = xl_enum_parse(&role_enum, s);
    if (r >= 0)
        return r;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(s, aliases[i].label) == 0)
            return (int)aliases[i].role;
    return -1;
}

const char *xl_channel_key(xl_channel c) { return xl_enum_key(&channel_enum, (int)c); }

int xl_channel_parse(const char *s)
{
    static const struct { const char *label; xl_channel ch; } aliases[] = {
        {"扫码", XL_CHANNEL_QR}, {"窗口", XL_CHANNEL_DESK}, {"房东代办", XL_CHANNEL_LANDLORD},
        {"房东", XL_CHANNEL_LANDLORD},
    };
    if (!s)
        return -1;
    int c = xl_enum_parse(&channel_enum, s);
    if (c >= 0)
        return c;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(s, aliases[i].label) == 0)
            return (int)aliases[i].ch;
    return -1;
}
