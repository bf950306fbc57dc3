/* enums.h — the one helper behind every enumeration of the model. Each enumeration is an
 * X-macro (model.h, lists.h, meeting.h, …) giving its storage key and its message id; a
 * module declares its table once with XL_ENUM_TABLE and gets key → label → parse from here. */
#ifndef XL_ENUMS_H
#define XL_ENUMS_H

#include "xiangli/i18n.h"

typedef struct xl_enum {
    const char *const *keys; /* storage keys, as in the database */
    const xl_msg *msgs;      /* display labels, one message each */
    int n;
} xl_enum;

/* The storage key of v; "" when out of range. */
const char *xl_enum_key(const xl_enum *e, int v);
/* The label of v in the current language; "?" when out of range. */
const char *xl_enum_label(const xl_enum *e, int v);
/* The label of v in a given language ("zh", "en"): for what is Chinese whatever the UI
 * speaks, such as the street office's workbook. */
const char *xl_enum_label_in(const xl_enum *e, int v, const char *lang);
/* The value of a storage key, or of a label in either language (English case-insensitive);
 * -1 when unknown. Never changes the current language. */
int xl_enum_parse(const xl_enum *e, const char *s);
/* The value of a storage key only; -1 when unknown. */
int xl_enum_of_key(const xl_enum *e, const char *key);

#endif
