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
