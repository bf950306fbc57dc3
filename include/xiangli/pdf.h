/* pdf.h — A4 PDFs with real type: the community's documents (the tenant guide with the
 * building's sign-in code and first responsible person) and the door posters, drawn with
 * cairo and pango in Debian's Noto CJK font (fonts-noto-cjk). The QR code is drawn as vector
 * rectangles from the same matrix as every other rendering (qr.h), so it stays sharp at
 * any print size. Files are written 0600 through a temporary file and a rename. */
#ifndef XL_PDF_H
#define XL_PDF_H

#include "xiangli/db.h"
#include "xiangli/docs.h"
#include "xiangli/qr.h"

#define XL_PDF_FONT "Noto Sans CJK SC"

typedef struct xl_pdf_job {
    const char *url_template;   /* [signin] url_template */
    xl_qr_ec ec;
    const char *community;      /* [community] name */
    const char *lane;           /* posters: lane name or id; NULL or "" = every lane */
} xl_pdf_job;

/* A document; building > 0 adds that building's sign-in code and first responsible person
 * on the first page (the tenant guide). XL_ENOTFOUND for an unknown building. */
int xl_pdf_document(xl_db *db, const xl_pdf_job *job, xl_doc_id d, int building,
                    const char *path, xl_err *err);
/* Door posters, one page per building: building > 0 just that one, else every building
 * (job->lane filter), creating missing tokens first. *pages gets the page count. */
int xl_pdf_posters(xl_db *db, const xl_pdf_job *job, int building, const char *path,
                   int *pages, xl_err *err);

#endif
