/* model.h — the small enumerations of the model, declared once (X-macros) with their
 * database keys. Display names are the ROLE_* / CHANNEL_* messages (enums.h does the rest). */
#ifndef XL_MODEL_H
#define XL_MODEL_H

#define XL_ROLES(X)              \
    X(OWNER, "owner")            \
    X(SUBLANDLORD, "sublandlord") \
    X(TENANT, "tenant")          \
    X(FAMILY, "family")

#define XL_CHANNELS(X) \
    X(QR, "qr")        \
    X(DESK, "desk")    \
    X(LANDLORD, "landlord")

typedef enum {
#define XL_X(id, key) XL_ROLE_##id,
    XL_ROLES(XL_X)
#undef XL_X
    XL_ROLE_COUNT
} xl_role;

typedef enum {
#define XL_X(id, key) XL_CHANNEL_##id,
    XL_CHANNELS(XL_X)
#undef XL_X
    XL_CHANNEL_COUNT
} xl_channel;

/* Organisations (组织): key and label message, in the template's order. */
#define XL_ORG_KINDS(X)                 \
    X(STREET, "street", ORG_STREET)     \
    X(POLICE, "police", ORG_POLICE)     \
    X(DEPARTMENT, "department", ORG_DEPARTMENT) \
    X(DEPUTY, "deputy", ORG_DEPUTY)     \
    X(VOLUNTEER, "volunteer", ORG_VOLUNTEER) \
    X(PROPERTY, "property", ORG_PROPERTY) \
    X(ENTERPRISE, "enterprise", ORG_ENTERPRISE) \
    X(SOCIAL, "social", ORG_SOCIAL)     \
    X(OTHER, "other", ORG_OTHER)

/* A room's use (用途). */
#define XL_ROOM_USES(X)              \
    X(RENT, "rent", USE_RENT)        \
    X(OWN, "own", USE_OWN)           \
    X(VACANT, "vacant", USE_VACANT)  \
    X(BUSINESS, "business", USE_BUSINESS)

typedef enum {
#define XL_X(id, key, msg) XL_ORG_##id,
    XL_ORG_KINDS(XL_X)
#undef XL_X
    XL_ORG_KIND_COUNT
} xl_org_kind;

typedef enum {
#define XL_X(id, key, msg) XL_USE_##id,
    XL_ROOM_USES(XL_X)
#undef XL_X
    XL_ROOM_USE_COUNT
} xl_room_use;

/* Key of kind i ("other" when out of range), label of a stored key (the key itself when
 * unknown), and the key for a key, a label in either language or a common alias a sheet may
 * use (公安, 物业公司, …); NULL when unknown. */
const char *xl_org_kind_key(int i);
const char *xl_org_kind_label(const char *key);
const char *xl_org_kind_parse(const char *s);
/* The same for room uses ("" when out of range or unknown). */
const char *xl_room_use_key(int i);
const char *xl_room_use_label(const char *key);
const char *xl_room_use_parse(const char *s);

const char *xl_role_key(xl_role r);
/* 业主 / owner …, in the current language; "?" when out of range. */
const char *xl_role_label(xl_role r);
/* The label of a stored key; the key itself when unknown. */
const char *xl_role_label_of(const char *key);
/* Accepts the key ("tenant"), or Chinese labels (租客, 业主/房东, 二房东, 家属/家庭成员);
 * returns -1 when unknown. */
int xl_role_parse(const char *s);
const char *xl_channel_key(xl_channel c);
const char *xl_channel_label(xl_channel c);
const char *xl_channel_label_of(const char *key);
int xl_channel_parse(const char *s);

#endif
