/* pdf_poster.c — door posters as one PDF, a page per building (pdf.h): the community, the
 * building number in large type, the sign-in code in the middle, what to do, the first
 * responsible person. The same words as the SVG and PNG posters (poster.c). */
#include "xiangli/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "pdf_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/poster.h"

static const char numbers_sql[] =
    "SELECT b.number FROM building b JOIN lane l ON l.id = b.lane_id"
    " WHERE ?1 IS NULL OR l.name = ?1 OR CAST(l.id AS TEXT) = ?1 OR b.number = ?2"
    " ORDER BY b.number";

static int numbers(xl_db *db, const char *lane, int building, int **out, size_t *n, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, numbers_sql, err);
    if (!st)
        return XL_EFAIL;
    if (building > 0)
        sqlite3_bind_text(st, 1, "", -1, SQLITE_STATIC); /* no lane is named "" */
    else if (lane && *lane)
        sqlite3_bind_text(st, 1, lane, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, building);
    *out = NULL, *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = xl_reallocarray(*out, *n + 1, sizeof **out);
        (*out)[(*n)++] = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "buildings", err);
}

static void page_words(xl_pdf *p, const xl_poster_info *info, const char *community)
{
    char buf[256];
    double cx = XL_A4_W / 2;
    snprintf(buf, sizeof buf, _(POSTER_COMMUNITY_FMT), community && *community ? community : "");
    xl_pdf_text(p, cx, 60, buf, 22, 1, 1);
    snprintf(buf, sizeof buf, _(BUILDING_FMT), info->building);
    xl_pdf_text(p, cx, 100, buf, 64, 1, 1);
    xl_pdf_text(p, cx, 560, _(POSTER_SIGN), 30, 1, 1);
    PangoLayout *l = xl_pdf_layout(p, "", 13, 0, XL_A4_W - 2 * XL_MARGIN - 40);
    pango_layout_set_text(l, _(POSTER_HINT), -1);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    cairo_move_to(p->cr, XL_MARGIN + 20, 615);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    snprintf(buf, sizeof buf, _(POSTER_RESP_FMT),
             info->resp_name[0] ? info->resp_name : _(QR_NOBODY), info->resp_phone_masked);
    xl_pdf_text(p, cx, 680, buf, 15, 0, 1);
    snprintf(buf, sizeof buf, _(PDF_POSTER_FOOTER_FMT), info->lane, info->building);
    cairo_set_source_rgb(p->cr, 0.4, 0.4, 0.4);
    xl_pdf_text(p, cx, XL_A4_H - 50, buf, 10, 0, 1);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static int page(xl_pdf *p, xl_db *db, const xl_pdf_job *job, int building, xl_err *err)
{
    xl_poster_info info;
    xl_buf payload;
    xl_qr qr;
    if (xl_poster_info_load(db, building, &info, err))
        return err && err->code ? err->code : XL_EFAIL;
    xl_buf_init(&payload);
    int rc = xl_qr_payload(db, job->url_template, building, &payload, err);
    if (rc == XL_OK)
        rc = xl_qr_encode(payload.data, job->ec, &qr, err);
    xl_buf_release(&payload);
    if (rc != XL_OK)
        return rc;
    page_words(p, &info, job->community);
    double side = 340;
    xl_pdf_qr(p, &qr, (XL_A4_W - side) / 2, 200, side);
    xl_qr_release(&qr);
    cairo_show_page(p->cr);
    p->pages++;
    return XL_OK;
}

int xl_pdf_posters(xl_db *db, const xl_pdf_job *job, int building, const char *path,
                   int *pages, xl_err *err)
{
    int *list = NULL, created = 0;
    size_t n = 0;
    *pages = 0;
    if (xl_qr_template_check(job->url_template, err))
        return XL_EUSAGE;
    if (building <= 0 && xl_qr_tokens_ensure_all(db, &created, err))
        return XL_EFAIL;
    if (numbers(db, job->lane, building, &list, &n, err))
        return XL_EFAIL;
    if (n == 0) {
        free(list);
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(PDF_NO_BUILDINGS));
    }
    xl_pdf p;
    xl_pdf_begin(&p, _(POSTER_SIGN));
    int rc = XL_OK;
    for (size_t i = 0; rc == XL_OK && i < n; i++)
        rc = page(&p, db, job, list[i], err);
    free(list);
    *pages = p.pages;
    int wrc = xl_pdf_end(&p, rc == XL_OK ? path : NULL, err);
    return rc == XL_OK ? wrc : rc;
}
