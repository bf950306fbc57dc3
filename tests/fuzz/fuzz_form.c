/* fuzz_form.c — libFuzzer target: the phone server's parsers of outside input (src/web/
 * form.c) and its HTML escaper (page.c) on arbitrary bytes: a form body, a path, an
 * Accept-Language header. A body over 16 KiB is refused; fields are at most 32; every
 * decoded name and value is a string no longer than the body; escaped text holds no markup
 * characters; the language is "zh" or "en". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "web/page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_form(const char *s, size_t n)
{
    web_form f;
    int rc = web_form_parse(&f, s, n);
    if ((rc != 0) != (n > WEB_BODY_MAX) || f.n > WEB_FORM_MAX_FIELDS)
        abort();
    for (size_t i = 0; i < f.n; i++)
        if (strlen(f.f[i].name) > n || strlen(f.f[i].value) > n)
            abort();
    if (f.n && web_form_get(&f, f.f[0].name) != f.f[0].value)
        abort();
    web_form_release(&f);
}

static void check_escape(const char *s)
{
    xl_buf b;
    xl_buf_init(&b);
    web_html_esc(&b, s);
    if (b.data && strpbrk(b.data, "<>\"'"))
        abort();
    xl_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    check_form(s, size);
    check_escape(s);
    int b = web_path_building(s);
    if (b < 0 || b > 99999)
        abort();
    const char *lang = web_lang_pick(s);
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
        abort();
    free(s);
    return 0;
}
