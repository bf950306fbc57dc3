/* pdf.c — the PDF surface, type and the QR code (pdf.h): shared by documents and posters. */
#include "xiangli/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pdf_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/fileio.h"

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    xl_buf_put(closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

void xl_pdf_begin(xl_pdf *p, const char *title)
{
    xl_buf_init(&p->out);
    p->surface = cairo_pdf_surface_create_for_stream(to_buf, &p->out, XL_A4_W, XL_A4_H);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "Xiangli 巷里");
    p->cr = cairo_create(p->surface);
    p->pages = 0;
}

int xl_pdf_end(xl_pdf *p, const char *path, xl_err *err)
{
    cairo_destroy(p->cr);
    cairo_surface_finish(p->surface);
    cairo_status_t st = cairo_surface_status(p->surface);
    cairo_surface_destroy(p->surface);
    int rc = !path ? XL_OK
           : st == CAIRO_STATUS_SUCCESS
                 ? xl_file_write(path, p->out.data, p->out.len, 0600, err)
                 : xl_err_set(err, XL_EFAIL, _(RPT_WRITE_FAIL_FMT), path, cairo_status_to_string(st));
    xl_buf_release(&p->out);
    return rc;
}

/* A layout of markup in the CJK font at size points, width points wide (0 = unlimited). */
PangoLayout *xl_pdf_layout(xl_pdf *p, const char *markup, double size, int bold, double width)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_from_string(XL_PDF_FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_markup(l, markup, -1);
    return l;
}

double xl_pdf_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

double xl_pdf_width(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)w / PANGO_SCALE;
}

/* Draws plain text (escaped) at (x, y); align 0 left, 1 centred on x; returns its height. */
double xl_pdf_text(xl_pdf *p, double x, double y, const char *text, double size, int bold,
                   int center)
{
    char *esc = g_markup_escape_text(text, -1);
    PangoLayout *l = xl_pdf_layout(p, esc, size, bold, 0);
    g_free(esc);
    double h = xl_pdf_height(l);
    cairo_move_to(p->cr, center ? x - xl_pdf_width(l) / 2 : x, y);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    return h;
}

/* The code at (x, y), side points wide including its quiet zone, one rectangle per run. */
void xl_pdf_qr(xl_pdf *p, const xl_qr *qr, double x, double y, double side)
{
    double m = side / qr->size;
    cairo_set_source_rgb(p->cr, 1, 1, 1);
    cairo_rectangle(p->cr, x, y, side, side);
    cairo_fill(p->cr);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    for (int row = 0; row < qr->size; row++) {
        for (int col = 0; col < qr->size; col++) {
            if (!xl_qr_is_dark(qr, col, row))
                continue;
            int run = col;
            while (run < qr->size && xl_qr_is_dark(qr, run, row))
                run++;
            cairo_rectangle(p->cr, x + col * m, y + row * m, (run - col) * m, m);
            col = run;
        }
    }
    cairo_fill(p->cr);
}
