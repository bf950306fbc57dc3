/* markdown_layout.c — the documents laid out for a terminal width (markdown.h): words of
 * Latin text stay whole, Chinese breaks between any two characters, widths are display
 * columns (a Chinese character is two). */
#include "xiangli/markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/mem.h"
#include "xiangli/text.h"

void xl_md_runs(const char *t, void (*emit)(void *, const char *, size_t, int), void *ctx);

typedef struct builder {
    xl_md_lines *out;
    const xl_md_block *blk;
    int cols, indent, used, pending_space;
    xl_md_line *cur;
} builder;

static void new_line(builder *b, int indent)
{
    xl_md_lines *o = b->out;
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 64;
        o->l = xl_reallocarray(o->l, o->cap, sizeof *o->l);
    }
    b->cur = &o->l[o->n++];
    memset(b->cur, 0, sizeof *b->cur);
    b->cur->kind = b->blk ? b->blk->kind : XL_MD_PARA;
    b->cur->level = b->blk ? b->blk->level : 0;
    b->cur->indent = indent;
    b->used = indent;
    b->pending_space = 0;
}

static void put(builder *b, const char *s, size_t len, int style)
{
    xl_md_line *l = b->cur;
    if (l->nseg == 0 || l->seg[l->nseg - 1].style != style) {
        l->seg = xl_reallocarray(l->seg, l->nseg + 1, sizeof *l->seg);
        l->seg[l->nseg++] = (xl_md_seg){xl_strdup(""), style};
    }
    xl_md_seg *g = &l->seg[l->nseg - 1];
    size_t old = strlen(g->text);
    g->text = realloc(g->text, old + len + 1);
    if (!g->text)
        abort();
    memcpy(g->text + old, s, len);
    g->text[old + len] = '\0';
}

/* One unbreakable unit (a Latin word or one wide character) of width w. */
static void unit(builder *b, const char *s, size_t len, int w, int style)
{
    int space = b->pending_space && b->used > b->indent;
    if (b->used + space + w > b->cols && b->used > b->indent)
        new_line(b, b->indent), space = 0;
    if (space)
        put(b, " ", 1, style), b->used++;
    b->pending_space = 0;
    put(b, s, len, style);
    b->used += w;
}

/* A Latin word wider than the line is cut by characters. */
static void long_word(builder *b, const char *s, size_t len, int style)
{
    while (len > 0) {
        int room = b->cols - b->used, used = 0;
        if (room < 1)
            new_line(b, b->indent), room = b->cols - b->used;
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(len < 255 ? len : 255), s);
        size_t fit = xl_str_fit(tmp, room, &used);
        if (fit == 0)
            fit = 1, used = 1;
        unit(b, s, fit, used, style);
        s += fit, len -= fit;
    }
}

static void emit_run(void *ctx, const char *s, size_t len, int style)
{
    builder *b = ctx;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + i, len - i, &cp);
        if (cp == ' ') {
            b->pending_space = 1, i += k;
            continue;
        }
        if (cp >= 0x80) {
            unit(b, s + i, k, xl_cp_width(cp), style);
            i += k;
            continue;
        }
        size_t j = i;
        while (j < len && s[j] != ' ' && (unsigned char)s[j] < 0x80)
            j++;
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(j - i < 255 ? j - i : 255), s + i);
        int w = xl_str_width(tmp);
        if (w > b->cols - b->indent)
            long_word(b, s + i, j - i, style);
        else
            unit(b, s + i, j - i, w, style);
        i = j;
    }
}

static void blank(builder *b)
{
    b->blk = NULL;
    new_line(b, 0);
}

static void block(builder *b, const xl_md_block *blk, const xl_md_block *next)
{
    char marker[16] = "";
    if (blk->kind == XL_MD_BULLET)
        snprintf(marker, sizeof marker, "• ");
    else if (blk->kind == XL_MD_NUMBERED)
        snprintf(marker, sizeof marker, "%d. ", blk->number % 1000);
    b->blk = blk;
    int mw = xl_str_width(marker);
    b->indent = mw < b->cols / 2 ? mw : 0;
    new_line(b, 0);
    if (mw) {
        put(b, marker, strlen(marker), 0);
        b->used = mw;
    }
    xl_md_runs(blk->text, emit_run, b);
    int list = blk->kind == XL_MD_BULLET || blk->kind == XL_MD_NUMBERED;
    int next_list = next && (next->kind == XL_MD_BULLET || next->kind == XL_MD_NUMBERED);
    if (!(list && next_list) && next)
        blank(b);
}

void xl_md_layout(const xl_md_doc *doc, int cols, xl_md_lines *out)
{
    memset(out, 0, sizeof *out);
    builder b = {.out = out, .cols = cols < 10 ? 10 : cols};
    for (size_t i = 0; i < doc->n; i++)
        block(&b, &doc->b[i], i + 1 < doc->n ? &doc->b[i + 1] : NULL);
}

void xl_md_lines_release(xl_md_lines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t j = 0; j < l->l[i].nseg; j++)
            free(l->l[i].seg[j].text);
        free(l->l[i].seg);
    }
    free(l->l);
    memset(l, 0, sizeof *l);
}
