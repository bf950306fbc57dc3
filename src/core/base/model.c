/* model.c — roles and channels: keys, labels and parsing (with the aliases sheets use). */
#include "xiangli/model.h"

#include <string.h>

#include "xiangli/enums.h"
#include "xiangli/i18n.h"
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

/* ---------- organisation kinds and room uses ---------- */

static const char *const org_keys[] = {
#define XL_X(id, key, msg) key,
    XL_ORG_KINDS(XL_X)
#undef XL_X
};
static const xl_msg org_msgs[] = {
#define XL_X(id, key, msg) XL_MSG_##msg,
    XL_ORG_KINDS(XL_X)
#undef XL_X
};
static const xl_enum org_enum = {org_keys, org_msgs, XL_ORG_KIND_COUNT};

static const char *const use_keys[] = {
#define XL_X(id, key, msg) key,
    XL_ROOM_USES(XL_X)
#undef XL_X
};
static const xl_msg use_msgs[] = {
#define XL_X(id, key, msg) XL_MSG_##msg,
    XL_ROOM_USES(XL_X)
#undef XL_X
};
static const xl_enum use_enum = {use_keys, use_msgs, XL_ROOM_USE_COUNT};

typedef struct alias { const char *word; int value; } alias;

static int alias_find(const alias *a, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(s, a[i].word) == 0)
            return a[i].value;
    return -1;
}

const char *xl_org_kind_key(int i) { return i >= 0 && i < XL_ORG_KIND_COUNT ? org_keys[i] : "other"; }

const char *xl_org_kind_label(const char *key)
{
    int k = xl_enum_of_key(&org_enum, key);
    return k >= 0 ? xl_enum_label(&org_enum, k) : key;
}

const char *xl_org_kind_parse(const char *s)
{
    static const alias aliases[] = {
        {"街道", XL_ORG_STREET}, {"街道办", XL_ORG_STREET}, {"公安", XL_ORG_POLICE},
        {"警务", XL_ORG_POLICE}, {"部门", XL_ORG_DEPARTMENT}, {"委办局", XL_ORG_DEPARTMENT},
        {"代表", XL_ORG_DEPUTY}, {"委员", XL_ORG_DEPUTY}, {"志愿者", XL_ORG_VOLUNTEER},
        {"志愿服务队", XL_ORG_VOLUNTEER}, {"物业", XL_ORG_PROPERTY}, {"物业公司", XL_ORG_PROPERTY},
        {"公司", XL_ORG_ENTERPRISE}, {"商户", XL_ORG_ENTERPRISE}, {"社团", XL_ORG_SOCIAL},
        {"社工机构", XL_ORG_SOCIAL}, {"其它", XL_ORG_OTHER},
    };
    int k = s ? xl_enum_parse(&org_enum, s) : -1;
    if (k < 0 && s)
        k = alias_find(aliases, sizeof aliases / sizeof aliases[0], s);
    return k >= 0 ? org_keys[k] : NULL;
}

const char *xl_room_use_key(int i) { return i >= 0 && i < XL_ROOM_USE_COUNT ? use_keys[i] : ""; }

const char *xl_room_use_label(const char *key)
{
    int k = xl_enum_of_key(&use_enum, key);
    return k >= 0 ? xl_enum_label(&use_enum, k) : "";
}

const char *xl_room_use_parse(const char *s)
{
    static const alias aliases[] = {
        {"租", XL_USE_RENT}, {"自用", XL_USE_OWN}, {"空", XL_USE_VACANT}, {"商铺", XL_USE_BUSINESS},
    };
    int k = s ? xl_enum_parse(&use_enum, s) : -1;
    if (k < 0 && s)
        k = alias_find(aliases, sizeof aliases / sizeof aliases[0], s);
    return k >= 0 ? use_keys[k] : NULL;
}
