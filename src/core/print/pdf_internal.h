/* pdf_internal.h — the drawing helpers shared by pdf.c, pdf_doc.c and pdf_poster.c. */
#ifndef XL_PDF_INTERNAL_H
#define XL_PDF_INTERNAL_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "xiangli/mem.h"
#include "xiangli/qr.h"

#define XL_A4_W 595.276
#define XL_A4_H 841.890
#define XL_MARGIN 56.7   /* 20 mm */

typedef struct xl_pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    xl_buf out;
    int pages;
} xl_pdf;

void xl_pdf_begin(xl_pdf *p, const char *title);
/* Finishes the document and writes it to path (0600, atomically); path NULL: discards it. */
int xl_pdf_end(xl_pdf *p, const char *path, xl_err *err);
PangoLayout *xl_pdf_layout(xl_pdf *p, const char *markup, double size, int bold, double width);
double xl_pdf_height(PangoLayout *l);
double xl_pdf_width(PangoLayout *l);
double xl_pdf_text(xl_pdf *p, double x, double y, const char *text, double size, int bold,
                   int center);
void xl_pdf_qr(xl_pdf *p, const xl_qr *qr, double x, double y, double side);

#endif
