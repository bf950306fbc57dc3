/* form.c — form bodies, the request path and Accept-Language (form.h). */
#include "web/form.h"

#include <stdlib.h>
#include <string.h>

#include "xiangli/mem.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) into a new string. */
static char *decode(const char *s, size_t n)
{
    char *out = xl_malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int hi = i + 2 < n ? hex_value(s[i + 1]) : -1, lo = i + 2 < n ? hex_value(s[i + 2]) : -1;
        if (s[i] == '+') {
            out[k++] = ' ';
        } else if (s[i] == '%' && hi >= 0 && lo >= 0) {
            out[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
    return out;
}

static void add_field(web_form *form, const char *s, size_t n)
{
    if (n == 0 || form->n >= WEB_FORM_MAX_FIELDS)
        return;
    const char *eq = memchr(s, '=', n);
    size_t name_len = eq ? (size_t)(eq - s) : n;
    web_field *f = &form->f[form->n++];
    f->name = decode(s, name_len);
    f->value = eq ? decode(eq + 1, n - name_len - 1) : xl_strdup("");
}

int web_form_parse(web_form *form, const char *body, size_t len)
{
    memset(form, 0, sizeof *form);
    if (len > WEB_BODY_MAX)
        return -1;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || body[i] == '&') {
            add_field(form, body + start, i - start);
            start = i + 1;
        }
    }
    return 0;
}

void web_form_release(web_form *form)
{
    for (size_t i = 0; i < form->n; i++) {
        free(form->f[i].name);
        free(form->f[i].value);
    }
    form->n = 0;
}

const char *web_form_get(const web_form *form, const char *name)
{
    for (size_t i = 0; i < form->n; i++)
        if (strcmp(form->f[i].name, name) == 0)
            return form->f[i].value;
    return NULL;
}

int web_path_building(const char *path)
{
    if (!path || strncmp(path, "/s/", 3) != 0)
        return 0;
    const char *d = path + 3;
    size_t n = strspn(d, "0123456789");
    if (n == 0 || n > 5 || d[n] != '\0' || d[0] == '0')
        return 0;
    return atoi(d);
}

/* q of one Accept-Language item ("en-GB;q=0.8"): 1000 for 1.0, 0 when unparseable. */
static int item_q(const char *item, size_t n)
{
    const char *semi = memchr(item, ';', n);
    if (!semi)
        return 1000;
    const char *q = semi + 1;
    while (q < item + n && *q == ' ')
        q++;
    if (item + n - q < 3 || q[0] != 'q' || q[1] != '=')
        return 0;
    int v = 0, scale = 1000;
    for (const char *c = q + 2; c < item + n && scale > 0; c++) {
        if (*c == '.')
            continue;
        if (*c < '0' || *c > '9')
            break;
        v += (*c - '0') * scale;
        scale /= 10;
    }
    return v > 1000 ? 1000 : v;
}

static int item_is(const char *item, size_t n, const char *lang)
{
    while (n > 0 && *item == ' ')
        item++, n--;
    return n >= 2 && strncmp(item, lang, 2) == 0 && (n == 2 || item[2] == '-' || item[2] == ';' ||
                                                     item[2] == ' ' || item[2] == '_');
}

const char *web_lang_pick(const char *al)
{
    int best_zh = 0, best_en = 0, pos = 0, pos_zh = 0, pos_en = 0;
    for (const char *s = al; s && *s; pos++) {
        size_t n = strcspn(s, ",");
        int q = item_q(s, n);
        if (item_is(s, n, "zh") && q > best_zh)
            best_zh = q, pos_zh = pos;
        if (item_is(s, n, "en") && q > best_en)
            best_en = q, pos_en = pos;
        s += n + (s[n] == ',');
    }
    if (best_en != best_zh)
        return best_en > best_zh ? "en" : "zh";
    return best_en > 0 && pos_en < pos_zh ? "en" : "zh";
}
