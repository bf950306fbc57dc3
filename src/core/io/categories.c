/* categories.c — the list categories: the built-in six, or the configuration's own table
 * (categories.h). Configuration data, so it sits in io/ below the lists that use it. */
#include "xiangli/categories.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "xiangli/enums.h"
#include "xiangli/i18n.h"

/* ---------- categories ---------- */

static const char *const builtin_cat_keys[] = {
#define XL_X(id, key) key,
    XL_CATEGORIES(XL_X)
#undef XL_X
};

static const xl_msg builtin_cat_msgs[] = {
#define XL_X(id, key) XL_MSG_LIST_CAT_##id,
    XL_CATEGORIES(XL_X)
#undef XL_X
};

static const xl_enum builtin_enum = {builtin_cat_keys, builtin_cat_msgs, XL_CAT_BUILTIN_COUNT};

/* The configured table; ncats == 0 means the built-in one is in use. */
static xl_category_def cats[XL_CATEGORY_MAX];
static size_t ncats;

size_t xl_category_count(void)
{
    return ncats ? ncats : (size_t)XL_CAT_BUILTIN_COUNT;
}

const char *xl_category_key(size_t i)
{
    if (i >= xl_category_count())
        return "";
    return ncats ? cats[i].key : builtin_cat_keys[i];
}

const char *xl_category_label(size_t i)
{
    return xl_category_label_in(i, xl_i18n_lang());
}

const char *xl_category_label_in(size_t i, const char *lang)
{
    if (i >= xl_category_count())
        return "?";
    if (!ncats)
        return xl_tr_in(builtin_cat_msgs[i], lang);
    return lang && strcmp(lang, "en") == 0 && cats[i].en[0] ? cats[i].en : cats[i].zh;
}

int xl_category_find(const char *s)
{
    if (!s || !*s)
        return -1;
    if (!ncats)
        return xl_enum_parse(&builtin_enum, s);
    for (size_t i = 0; i < ncats; i++)
        if (strcmp(s, cats[i].key) == 0 || strcmp(s, cats[i].zh) == 0 || strcasecmp(s, cats[i].en) == 0)
            return (int)i;
    return -1;
}

const char *xl_category_label_of(const char *key)
{
    return xl_category_label_of_in(key, xl_i18n_lang());
}

const char *xl_category_label_of_in(const char *key, const char *lang)
{
    for (size_t i = 0; i < xl_category_count(); i++)
        if (strcmp(key, xl_category_key(i)) == 0)
            return xl_category_label_in(i, lang);
    return key;
}

static int category_key_valid(const char *k)
{
    size_t n = strlen(k);
    if (n < 1 || n > 23)
        return 0;
    return strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int category_def_check(const xl_category_def *defs, size_t i, xl_err *err)
{
    const xl_category_def *d = &defs[i];
    if (!memchr(d->key, '\0', sizeof d->key) || !category_key_valid(d->key))
        return xl_err_set(err, XL_EFAIL, _(CAT_E_KEY_FMT), i + 1);
    if (!memchr(d->zh, '\0', sizeof d->zh) || !d->zh[0] || !memchr(d->en, '\0', sizeof d->en))
        return xl_err_set(err, XL_EFAIL, _(CAT_E_ZH_FMT), d->key);
    for (size_t j = 0; j < i; j++)
        if (strcmp(defs[j].key, d->key) == 0)
            return xl_err_set(err, XL_EFAIL, _(CAT_E_TWICE_FMT), d->key);
    return XL_OK;
}

int xl_categories_configure(const xl_category_def *defs, size_t n, xl_err *err)
{
    if (n == 0 || n > XL_CATEGORY_MAX)
        return xl_err_field(err, "categories", _(CAT_E_COUNT_FMT), XL_CATEGORY_MAX);
    for (size_t i = 0; i < n; i++)
        if (category_def_check(defs, i, err))
            return XL_EFAIL;
    memcpy(cats, defs, n * sizeof *defs);
    ncats = n;
    return XL_OK;
}

void xl_categories_reset(void) { ncats = 0; }

