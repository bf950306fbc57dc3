/* i18n.h — every UI string, Chinese first, English on request. One table (messages.def),
 * one lookup. */
#ifndef XL_I18N_H
#define XL_I18N_H

typedef enum {
#define XL_MSG(id, zh, en) XL_MSG_##id,
#include "xiangli/messages.def"
#undef XL_MSG
    XL_MSG_COUNT
} xl_msg;

/* "zh", "en", or NULL/"" to choose from the environment (LC_ALL, LC_MESSAGES, LANG:
 * English when it starts with "en", Chinese otherwise). */
void xl_i18n_set_lang(const char *lang);
const char *xl_i18n_lang(void);
const char *xl_tr(xl_msg id);
/* The message in a given language ("en" or anything else for Chinese), whatever the current
 * one is. */
const char *xl_tr_in(xl_msg id, const char *lang);
#define _(id) xl_tr(XL_MSG_##id)

#endif
