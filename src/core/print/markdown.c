/* markdown.c — parsing the documents' small Markdown (markdown.h). */
#include "xiangli/markdown.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/mem.h"
#include "xiangli/text.h"

static void front_field(xl_md_doc *d, const char *line, size_t len)
{
    struct { const char *key; char *dst; size_t size; } f[] = {
        {"title:", d->title, sizeof d->title},
        {"version:", d->version, sizeof d->version},
        {"date:", d->date, sizeof d->date},
    };
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(f[i].key);
        if (len < k || strncmp(line, f[i].key, k) != 0)
            continue;
        const char *v = line + k;
        size_t vl = len - k;
        while (vl && isspace((unsigned char)*v))
            v++, vl--;
        while (vl && isspace((unsigned char)v[vl - 1]))
            vl--;
        snprintf(f[i].dst, f[i].size, "%.*s", (int)vl, v);
    }
}

/* Skips the front matter; returns where the body starts. */
static const char *front_matter(xl_md_doc *d, const char *s)
{
    if (strncmp(s, "---\n", 4) != 0)
        return s;
    const char *p = s + 4;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len == 3 && strncmp(p, "---", 3) == 0)
            return nl ? nl + 1 : p + len;
        front_field(d, p, len);
        p = nl ? nl + 1 : p + len;
    }
    return s;
}

static xl_md_block *push(xl_md_doc *d, xl_md_kind kind, int level, int number)
{
    d->b = xl_reallocarray(d->b, d->n + 1, sizeof *d->b);
    xl_md_block *b = &d->b[d->n++];
    *b = (xl_md_block){kind, level, number, xl_strdup("")};
    return b;
}

/* Joins a continuation line: a space between Latin words, none after a CJK character. */
static void append(xl_md_block *b, const char *s, size_t len)
{
    size_t old = strlen(b->text);
    int space = old > 0 && (unsigned char)b->text[old - 1] < 0x80 && (unsigned char)s[0] < 0x80;
    b->text = realloc(b->text, old + len + 2);
    if (!b->text)
        abort();
    if (space)
        b->text[old++] = ' ';
    memcpy(b->text + old, s, len);
    b->text[old + len] = '\0';
}

/* A line's kind: heading, bullet, numbered (with its number) or text; *skip = marker bytes. */
static xl_md_kind line_kind(const char *p, size_t len, int *level, int *number, size_t *skip)
{
    size_t h = 0;
    while (h < len && p[h] == '#')
        h++;
    if (h >= 1 && h <= 6 && h < len && p[h] == ' ')
        return *level = (int)h, *skip = h + 1, XL_MD_HEADING;
    if (len >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ')
        return *skip = 2, XL_MD_BULLET;
    size_t dgt = 0;
    while (dgt < len && isdigit((unsigned char)p[dgt]))
        dgt++;
    if (dgt > 0 && dgt < 4 && dgt + 1 < len && p[dgt] == '.' && p[dgt + 1] == ' ')
        return *number = atoi(p), *skip = dgt + 2, XL_MD_NUMBERED;
    *skip = 0;
    return XL_MD_PARA;
}

static void parse_line(xl_md_doc *d, const char *p, size_t len, xl_md_block **open)
{
    while (len && isspace((unsigned char)p[len - 1]))
        len--;
    size_t lead = 0;
    while (lead < len && (p[lead] == ' ' || p[lead] == '\t'))
        lead++;
    p += lead, len -= lead;
    if (len == 0) {
        *open = NULL;
        return;
    }
    int level = 0, number = 0;
    size_t skip;
    xl_md_kind k = line_kind(p, len, &level, &number, &skip);
    if (k == XL_MD_PARA && *open) {
        append(*open, p, len);
        return;
    }
    xl_md_block *b = push(d, k, level, number);
    append(b, p + skip, len - skip);
    *open = k == XL_MD_HEADING ? NULL : b;
}

void xl_md_parse(const char *text, xl_md_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    const char *p = front_matter(doc, text ? text : "");
    xl_md_block *open = NULL;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        parse_line(doc, p, len, &open);
        p += len + (nl ? 1 : 0);
    }
}

void xl_md_release(xl_md_doc *doc)
{
    for (size_t i = 0; i < doc->n; i++)
        free(doc->b[i].text);
    free(doc->b);
    doc->b = NULL;
    doc->n = 0;
}

/* ---- inline emphasis ---- */

/* Calls emit(ctx, text, len, style) for each run of text between ** and * markers. */
typedef void (*run_fn)(void *ctx, const char *s, size_t len, int style);

static void runs(const char *t, run_fn emit, void *ctx)
{
    int style = 0;
    const char *start = t;
    while (*t) {
        int bold = t[0] == '*' && t[1] == '*';
        if (!bold && t[0] != '*') {
            t++;
            continue;
        }
        if (t > start)
            emit(ctx, start, (size_t)(t - start), style);
        style ^= bold ? XL_MD_BOLD : XL_MD_EM;
        t += bold ? 2 : 1;
        start = t;
    }
    if (t > start)
        emit(ctx, start, (size_t)(t - start), style);
}

static void plain_run(void *ctx, const char *s, size_t len, int style)
{
    (void)style;
    xl_buf_put(ctx, s, len);
}

void xl_md_plain(const char *text, xl_buf *out)
{
    runs(text, plain_run, out);
}

static void pango_run(void *ctx, const char *s, size_t len, int style)
{
    xl_buf *out = ctx;
    xl_buf_puts(out, style & XL_MD_BOLD ? "<b>" : "");
    xl_buf_puts(out, style & XL_MD_EM ? "<i>" : "");
    for (size_t i = 0; i < len; i++) {
        const char *e = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;"
                      : s[i] == '"' ? "&quot;" : s[i] == '\'' ? "&#39;" : NULL;
        if (e)
            xl_buf_puts(out, e);
        else
            xl_buf_put(out, &s[i], 1);
    }
    xl_buf_puts(out, style & XL_MD_EM ? "</i>" : "");
    xl_buf_puts(out, style & XL_MD_BOLD ? "</b>" : "");
}

void xl_md_pango(const char *text, xl_buf *out)
{
    runs(text, pango_run, out);
}

/* exported for the layout (markdown_layout.c) */
void xl_md_runs(const char *t, void (*emit)(void *, const char *, size_t, int), void *ctx);
void xl_md_runs(const char *t, void (*emit)(void *, const char *, size_t, int), void *ctx)
{
    runs(t, emit, ctx);
}
