/* i18n.c — the message table and language choice. */
#include "xiangli/i18n.h"

#include <stdlib.h>
#include <string.h>

static const char *const zh_text[] = {
#define XL_MSG(id, zh, en) zh,
#include "xiangli/messages.def"
#undef XL_MSG
};

static const char *const en_text[] = {
#define XL_MSG(id, zh, en) en,
#include "xiangli/messages.def"
#undef XL_MSG
};

static int use_english;

static const char *env_locale(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return "";
}

void xl_i18n_set_lang(const char *lang)
{
    if (lang && *lang) {
        use_english = strncmp(lang, "en", 2) == 0;
        return;
    }
    use_english = strncmp(env_locale(), "en", 2) == 0;
}

const char *xl_i18n_lang(void)
{
    return use_english ? "en" : "zh";
}

const char *xl_tr(xl_msg id)
{
    if ((unsigned)id >= XL_MSG_COUNT)
        return "?";
    return use_english ? en_text[id] : zh_text[id];
}

const char *xl_tr_in(xl_msg id, const char *lang)
{
    if ((unsigned)id >= XL_MSG_COUNT)
        return "?";
    return lang && strncmp(lang, "en", 2) == 0 ? en_text[id] : zh_text[id];
}
