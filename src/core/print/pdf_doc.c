/* pdf_doc.c — a community document as an A4 PDF (pdf.h): title, version line, the
 * building's sign-in code and first responsible person (tenant guide), then the Markdown
 * blocks flowing over as many pages as they need, a footer on each page. */
#include "xiangli/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/poster.h"

typedef struct flow {
    xl_pdf *p;
    double y;
    const char *footer;
} flow;

static void footer(flow *f)
{
    char buf[200];
    snprintf(buf, sizeof buf, _(PDF_FOOTER_FMT), f->footer, f->p->pages + 1);
    cairo_set_source_rgb(f->p->cr, 0.4, 0.4, 0.4);
    xl_pdf_text(f->p, XL_A4_W / 2, XL_A4_H - XL_MARGIN + 14, buf, 8.5, 0, 1);
    cairo_set_source_rgb(f->p->cr, 0, 0, 0);
}

static void next_page(flow *f)
{
    footer(f);
    cairo_show_page(f->p->cr);
    f->p->pages++;
    f->y = XL_MARGIN;
}

static void place(flow *f, PangoLayout *l, double x, double before, double after)
{
    double h = xl_pdf_height(l);
    if (f->y + before + h > XL_A4_H - XL_MARGIN)
        next_page(f);
    else
        f->y += before;
    cairo_move_to(f->p->cr, x, f->y);
    pango_cairo_show_layout(f->p->cr, l);
    f->y += h + after;
}

static void block(flow *f, const xl_md_block *b)
{
    static const double hsize[] = {0, 20, 14.5, 12.5, 11.5, 11, 11};
    xl_buf m;
    xl_buf_init(&m);
    xl_md_pango(b->text, &m);
    double x = XL_MARGIN, w = XL_A4_W - 2 * XL_MARGIN;
    if (b->kind == XL_MD_HEADING) {
        PangoLayout *l = xl_pdf_layout(f->p, m.data, hsize[b->level], 1, w);
        place(f, l, x, b->level == 1 ? 0 : 10, 6);
        g_object_unref(l);
    } else if (b->kind == XL_MD_PARA) {
        PangoLayout *l = xl_pdf_layout(f->p, m.data, 11, 0, w);
        pango_layout_set_spacing(l, 4 * PANGO_SCALE);
        place(f, l, x, 0, 8);
        g_object_unref(l);
    } else {
        char mark[16];
        snprintf(mark, sizeof mark, b->kind == XL_MD_BULLET ? "•" : "%d.", b->number % 1000);
        PangoLayout *l = xl_pdf_layout(f->p, m.data, 11, 0, w - 18);
        pango_layout_set_spacing(l, 3 * PANGO_SCALE);
        place(f, l, x + 18, 0, 5);
        xl_pdf_text(f->p, x + 4, f->y - 5 - xl_pdf_height(l), mark, 11, 0, 0);
        g_object_unref(l);
    }
    xl_buf_release(&m);
}

/* The tenant guide's box: the building, its first responsible person, its sign-in code. */
static int building_box(flow *f, xl_db *db, const xl_pdf_job *job, int building, xl_err *err)
{
    xl_poster_info info;
    xl_buf payload;
    xl_qr qr;
    if (xl_poster_info_load(db, building, &info, err))
        return err->code ? err->code : XL_EFAIL;
    xl_buf_init(&payload);
    int rc = xl_qr_payload(db, job->url_template, building, &payload, err);
    if (rc == XL_OK)
        rc = xl_qr_encode(payload.data, job->ec, &qr, err);
    xl_buf_release(&payload);
    if (rc != XL_OK)
        return rc;
    double side = 150, top = f->y, x = XL_MARGIN + 8;
    cairo_set_source_rgb(f->p->cr, 0.93, 0.95, 0.98);
    cairo_rectangle(f->p->cr, XL_MARGIN, top, XL_A4_W - 2 * XL_MARGIN, side + 16);
    cairo_fill(f->p->cr);
    cairo_set_source_rgb(f->p->cr, 0, 0, 0);
    char buf[256];
    snprintf(buf, sizeof buf, _(PDF_BUILDING_FMT), building, info.lane);
    double y = top + 14;
    y += xl_pdf_text(f->p, x, y, buf, 18, 1, 0) + 8;
    snprintf(buf, sizeof buf, _(PDF_RESP_FMT), info.resp_name[0] ? info.resp_name : _(QR_NOBODY),
             !strcmp(info.resp_role, "sublandlord") ? _(ROLE_SUBLANDLORD) : _(ROLE_OWNER));
    y += xl_pdf_text(f->p, x, y, buf, 12, 0, 0) + 6;
    y += xl_pdf_text(f->p, x, y, _(POSTER_SIGN), 12, 1, 0) + 6;
    xl_pdf_text(f->p, x, y, _(PDF_SCAN_HINT), 10, 0, 0);
    xl_pdf_qr(f->p, &qr, XL_A4_W - XL_MARGIN - side - 8, top + 8, side);
    xl_qr_release(&qr);
    f->y = top + side + 16 + 14;
    return XL_OK;
}

static void title(flow *f, const xl_doc *doc)
{
    char buf[160];
    f->y += xl_pdf_text(f->p, XL_MARGIN, f->y, doc->md.title, 22, 1, 0) + 4;
    snprintf(buf, sizeof buf, _(DOC_VERSION_FMT), doc->md.version, doc->md.date);
    cairo_set_source_rgb(f->p->cr, 0.35, 0.35, 0.35);
    f->y += xl_pdf_text(f->p, XL_MARGIN, f->y, buf, 9.5, 0, 0) + 14;
    cairo_set_source_rgb(f->p->cr, 0, 0, 0);
}

int xl_pdf_document(xl_db *db, const xl_pdf_job *job, xl_doc_id d, int building,
                    const char *path, xl_err *err)
{
    xl_doc doc;
    if (xl_doc_load(db, d, &doc, err))
        return XL_EFAIL;
    xl_pdf p;
    xl_pdf_begin(&p, doc.md.title[0] ? doc.md.title : xl_doc_label(d));
    flow f = {&p, XL_MARGIN, doc.md.title[0] ? doc.md.title : xl_doc_label(d)};
    title(&f, &doc);
    int rc = building > 0 ? building_box(&f, db, job, building, err) : XL_OK;
    /* the title is printed above; a leading level-1 heading repeating it is skipped */
    for (size_t i = 0; rc == XL_OK && i < doc.md.n; i++)
        if (!(i == 0 && doc.md.b[0].kind == XL_MD_HEADING && doc.md.b[0].level == 1))
            block(&f, &doc.md.b[i]);
    footer(&f);
    cairo_show_page(p.cr);
    int wrc = xl_pdf_end(&p, rc == XL_OK ? path : NULL, err);
    xl_doc_release(&doc);
    if (rc == XL_OK)
        return wrc;
    return rc;
}
