/* page.h — the phone server's HTML: the form, the receipt, the refusal. Mobile first,
 * inline CSS, no scripts, no outside resources; every value written is escaped. Strings
 * come from messages.def in the request's language (xl_i18n_set_lang). */
#ifndef WEB_PAGE_H
#define WEB_PAGE_H

#include <stddef.h>

#include "xiangli/mem.h"
#include "xiangli/resident.h"

/* Text as HTML text or attribute value: & < > " ' escaped; invalid UTF-8 and control
 * characters become U+FFFD. */
void web_html_esc(xl_buf *out, const char *s);

typedef struct web_form_view {
    int building;
    const char *community, *contact, *guide_url;
    int pending_days;
    const char *token, *ts, *sig, *today;
    char (*rooms)[9];
    size_t nrooms;
    /* what was typed (kept when the form comes back with errors; never the ID number) */
    const char *action, *name, *phone, *room, *date;
    int consent;
    const xl_field_errors *fe; /* NULL: a fresh form */
    int consent_missing;
} web_form_view;

void web_page_form(const web_form_view *v, xl_buf *out);
void web_page_receipt(const char *community, int building, const char *room, int out_action,
                      const char *date, const char *receipt, xl_buf *out);
/* status 403, 404, 405, 413, 429 or 500 (anything else reads as 404). */
void web_page_refusal(int status, xl_buf *out);

#endif
