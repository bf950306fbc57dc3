/* categories.h — the list categories (rental, safety, …): built in, or replaced by the
 * configuration's [lists] categories. Used by the lists and read by the config. */
#ifndef XL_CATEGORIES_H
#define XL_CATEGORIES_H

#include <stddef.h>

#include "xiangli/err.h"

/* The built-in categories (used until the configuration supplies its own). */
#define XL_CATEGORIES(X)          \
    X(RENTAL, "rental")           \
    X(SAFETY, "safety")           \
    X(CIVILITY, "civility")       \
    X(ENVIRONMENT, "environment") \
    X(SERVICES, "services")       \
    X(OTHER, "other")

typedef enum {
#define XL_X(id, key) XL_CAT_##id,
    XL_CATEGORIES(XL_X)
#undef XL_X
    XL_CAT_BUILTIN_COUNT
} xl_category_builtin;

/* ---------- categories: the built-in six, or the configuration's own list ---------- */

#define XL_CATEGORY_MAX 32
typedef struct xl_category_def {
    char key[24]; /* 1..23 of [a-z0-9_] */
    char zh[64];
    char en[64];
} xl_category_def;

size_t xl_category_count(void);
const char *xl_category_key(size_t i);
const char *xl_category_label(size_t i);          /* in the current language */
/* Index of a key or label (either language), -1 when unknown. */
int xl_category_find(const char *key_or_label);
/* Label for a stored key; the key itself when the current table does not know it. */
const char *xl_category_label_of(const char *key);
/* The same in a given language ("zh" for the street office's workbook). */
const char *xl_category_label_in(size_t i, const char *lang);
const char *xl_category_label_of_in(const char *key, const char *lang);
/* Replaces the table (e.g. from a [lists] section of the config); validates every key and
 * label and changes nothing on error. n = 0 is refused. */
int xl_categories_configure(const xl_category_def *defs, size_t n, xl_err *err);
void xl_categories_reset(void);                    /* back to the built-in table */

#endif
