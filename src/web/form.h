/* form.h — the phone server's parsers of outside input, with no HTTP library in sight (so a
 * libFuzzer target can drive them, tests/fuzz/fuzz_form.c): form bodies
 * (application/x-www-form-urlencoded), the request path, Accept-Language. */
#ifndef WEB_FORM_H
#define WEB_FORM_H

#include <stddef.h>

enum {
    WEB_FORM_MAX_FIELDS = 32,
    WEB_BODY_MAX = 16 * 1024, /* bigger bodies are refused (413) */
};

typedef struct web_field {
    char *name, *value; /* decoded, NUL-terminated; a NUL inside is cut there */
} web_field;

typedef struct web_form {
    web_field f[WEB_FORM_MAX_FIELDS];
    size_t n;
} web_form;

/* Parses name=value&name=value ('+' is a space, %XX a byte; a bad escape is kept as it is).
 * Fields past WEB_FORM_MAX_FIELDS are dropped. Returns 0, or -1 when len > WEB_BODY_MAX. */
int web_form_parse(web_form *form, const char *body, size_t len);
void web_form_release(web_form *form);
/* The first value of name, or NULL. */
const char *web_form_get(const web_form *form, const char *name);

/* "/s/127" → 127; "/s/127/" and anything else (leading zeros, signs, more than 5 digits,
 * other paths) → 0. */
int web_path_building(const char *path);

/* "en" when Accept-Language prefers English (by q weights, then order) over Chinese, else
 * "zh". NULL or unparseable → "zh". */
const char *web_lang_pick(const char *accept_language);

#endif
