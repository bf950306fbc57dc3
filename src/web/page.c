/* page.c — HTML templates for the phone form (page.h). */
#include "web/page.h"

#include <stdio.h>
#include <string.h>

#include "xiangli/i18n.h"
#include "xiangli/text.h"

static const char css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;background:#f4f1ea;color:#1d1d1d;font:17px/1.5 system-ui,-apple-system,"
    "'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif}"
    "main{max-width:34rem;margin:0 auto;padding:1rem}"
    "header{background:#a61b1b;color:#fff;padding:.8rem 1rem}"
    "header p{margin:0;font-size:.9rem;opacity:.9}"
    "h1{font-size:1.3rem;margin:.1rem 0}"
    "label,legend{display:block;font-weight:600;margin:.9rem 0 .3rem}"
    "fieldset{border:0;margin:0;padding:0}"
    "input[type=text],input[type=tel],input[type=date],select{width:100%;font-size:1.05rem;"
    "padding:.6rem;border:1px solid #8a8a8a;border-radius:.4rem;background:#fff}"
    ".choice{display:flex;gap:.5rem}"
    ".choice label{flex:1;font-weight:400;margin:0;border:1px solid #8a8a8a;border-radius:.4rem;"
    "padding:.6rem;background:#fff}"
    ".hint{font-size:.85rem;color:#555;margin:.2rem 0 0}"
    ".err{color:#b00020;font-size:.95rem;margin:.25rem 0 0}"
    ".bad input,.bad select{border-color:#b00020;border-width:2px}"
    ".box{background:#fff;border-radius:.5rem;padding:.8rem 1rem;margin:1rem 0;font-size:.92rem}"
    ".box h2{font-size:1rem;margin:0 0 .3rem}"
    ".consent{display:flex;gap:.6rem;align-items:flex-start;font-weight:400}"
    ".consent input{width:1.4rem;height:1.4rem;margin-top:.15rem;flex:none}"
    "button{width:100%;font-size:1.15rem;padding:.8rem;margin:1rem 0;border:0;border-radius:.5rem;"
    "background:#a61b1b;color:#fff}"
    ".alert{background:#fde8e8;border-left:4px solid #b00020;padding:.6rem .8rem}"
    ".code{font-size:2.2rem;letter-spacing:.3rem;font-weight:700;text-align:center;"
    "background:#fff;border-radius:.5rem;padding:.6rem;margin:.6rem 0}"
    "a{color:#a61b1b}";

void web_html_esc(xl_buf *out, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + i, n - i, &cp);
        k = k ? k : 1;
        switch (cp) {
        case '&': xl_buf_puts(out, "&amp;"); break;
        case '<': xl_buf_puts(out, "&lt;"); break;
        case '>': xl_buf_puts(out, "&gt;"); break;
        case '"': xl_buf_puts(out, "&quot;"); break;
        case '\'': xl_buf_puts(out, "&#39;"); break;
        default:
            if (cp == 0xFFFD || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
                xl_buf_puts(out, "\xEF\xBF\xBD");
            else
                xl_buf_put(out, s + i, k);
        }
        i += k;
    }
}

static void head(xl_buf *out, const char *title)
{
    xl_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<meta name=\"robots\" content=\"noindex\"><title>",
                  strcmp(xl_i18n_lang(), "en") == 0 ? "en" : "zh-CN");
    web_html_esc(out, title);
    xl_buf_printf(out, "</title><style>%s</style></head><body>", css);
}

static void banner(xl_buf *out, const char *community, const char *title)
{
    xl_buf_puts(out, "<header><p>");
    web_html_esc(out, _(WEB_BRAND));
    if (community && *community) {
        xl_buf_puts(out, " · ");
        web_html_esc(out, community);
    }
    xl_buf_puts(out, "</p><h1>");
    web_html_esc(out, title);
    xl_buf_puts(out, "</h1></header><main>");
}

static void tail(xl_buf *out)
{
    xl_buf_puts(out, "</main></body></html>\n");
}

/* ---- the form ---- */

static const char *field_error(const web_form_view *v, xl_signin_field f)
{
    return v->fe ? xl_field_errors_get(v->fe, f) : NULL;
}

static void error_line(xl_buf *out, const char *msg, const char *id)
{
    if (!msg)
        return;
    xl_buf_printf(out, "<p class=\"err\" id=\"%s-err\">", id);
    web_html_esc(out, msg);
    xl_buf_puts(out, "</p>");
}

/* One text input with its label, hint and message. */
static void text_input(xl_buf *out, const web_form_view *v, xl_signin_field f, const char *name,
                       const char *type, const char *value, const char *extra, const char *hint)
{
    const char *msg = field_error(v, f);
    xl_buf_printf(out, "<div%s><label for=\"%s\">", msg ? " class=\"bad\"" : "", name);
    web_html_esc(out, xl_signin_field_label(f));
    xl_buf_printf(out, "</label><input type=\"%s\" id=\"%s\" name=\"%s\" value=\"", type, name, name);
    web_html_esc(out, value ? value : "");
    xl_buf_printf(out, "\" %s>", extra);
    if (hint) {
        xl_buf_puts(out, "<p class=\"hint\">");
        web_html_esc(out, hint);
        xl_buf_puts(out, "</p>");
    }
    error_line(out, msg, name);
    xl_buf_puts(out, "</div>");
}

static void action_choice(xl_buf *out, const web_form_view *v)
{
    int is_out = v->action && strcmp(v->action, "out") == 0;
    xl_buf_puts(out, "<fieldset><legend>");
    web_html_esc(out, _(WEB_ACTION));
    xl_buf_printf(out, "</legend><div class=\"choice\"><label><input type=\"radio\" name=\"action\" "
                  "id=\"action-in\" value=\"in\"%s> ", is_out ? "" : " checked");
    web_html_esc(out, _(WEB_ACTION_IN));
    xl_buf_printf(out, "</label><label><input type=\"radio\" name=\"action\" id=\"action-out\" "
                  "value=\"out\"%s> ", is_out ? " checked" : "");
    web_html_esc(out, _(WEB_ACTION_OUT));
    xl_buf_puts(out, "</label></div>");
    error_line(out, field_error(v, XL_SF_CHANNEL), "action");
    xl_buf_puts(out, "</fieldset>");
}

static void room_select(xl_buf *out, const web_form_view *v)
{
    const char *msg = field_error(v, XL_SF_ROOM);
    xl_buf_printf(out, "<div%s><label for=\"room\">", msg ? " class=\"bad\"" : "");
    web_html_esc(out, xl_signin_field_label(XL_SF_ROOM));
    xl_buf_puts(out, "</label><select id=\"room\" name=\"room\" required><option value=\"\">");
    web_html_esc(out, _(WEB_ROOM_PICK));
    xl_buf_puts(out, "</option>");
    for (size_t i = 0; i < v->nrooms; i++) {
        int sel = v->room && strcmp(v->room, v->rooms[i]) == 0;
        xl_buf_puts(out, "<option value=\"");
        web_html_esc(out, v->rooms[i]);
        xl_buf_printf(out, "\"%s>", sel ? " selected" : "");
        web_html_esc(out, v->rooms[i]);
        xl_buf_puts(out, "</option>");
    }
    xl_buf_puts(out, "</select>");
    error_line(out, msg, "room");
    xl_buf_puts(out, "</div>");
}

static void date_input(xl_buf *out, const web_form_view *v)
{
    const char *msg = field_error(v, XL_SF_MOVED_IN);
    xl_buf_printf(out, "<div%s><label for=\"date\">", msg ? " class=\"bad\"" : "");
    web_html_esc(out, _(WEB_DATE));
    xl_buf_puts(out, "</label><input type=\"date\" id=\"date\" name=\"date\" value=\"");
    web_html_esc(out, v->date && *v->date ? v->date : v->today);
    xl_buf_puts(out, "\" max=\"");
    web_html_esc(out, v->today);
    xl_buf_puts(out, "\">");
    error_line(out, msg, "date");
    xl_buf_puts(out, "</div>");
}

static void privacy(xl_buf *out, const web_form_view *v)
{
    char text[2048];
    xl_buf_puts(out, "<section class=\"box\" id=\"privacy\"><h2>");
    web_html_esc(out, _(WEB_PRIVACY_TITLE));
    xl_buf_puts(out, "</h2><p>");
    snprintf(text, sizeof text, _(WEB_PRIVACY_FMT), v->pending_days);
    web_html_esc(out, text);
    snprintf(text, sizeof text, _(WEB_CONTACT_FMT),
             v->contact && *v->contact ? v->contact : v->community);
    web_html_esc(out, text);
    xl_buf_puts(out, "</p></section>");
    xl_buf_printf(out, "<div%s><label class=\"consent\"><input type=\"checkbox\" id=\"consent\" "
                  "name=\"consent\" value=\"yes\"%s><span>", v->consent_missing ? " class=\"bad\"" : "",
                  v->consent ? " checked" : "");
    web_html_esc(out, _(WEB_CONSENT));
    xl_buf_puts(out, "</span></label>");
    error_line(out, v->consent_missing ? _(WEB_E_CONSENT) : NULL, "consent");
    xl_buf_puts(out, "</div>");
}

static void hidden(xl_buf *out, const char *name, const char *value)
{
    xl_buf_printf(out, "<input type=\"hidden\" name=\"%s\" value=\"", name);
    web_html_esc(out, value);
    xl_buf_puts(out, "\">");
}

static void form_fields(xl_buf *out, const web_form_view *v)
{
    hidden(out, "t", v->token);
    hidden(out, "ts", v->ts);
    hidden(out, "sig", v->sig);
    action_choice(out, v);
    text_input(out, v, XL_SF_NAME, "name", "text", v->name, "autocomplete=\"name\" maxlength=\"32\" required", NULL);
    text_input(out, v, XL_SF_ID_NUMBER, "id_number", "text", "",
               "autocomplete=\"off\" maxlength=\"18\" required", _(WEB_ID_HINT));
    text_input(out, v, XL_SF_PHONE, "phone", "tel", v->phone,
               "autocomplete=\"tel\" inputmode=\"numeric\" maxlength=\"13\" required", NULL);
    room_select(out, v);
    date_input(out, v);
    privacy(out, v);
}

void web_page_form(const web_form_view *v, xl_buf *out)
{
    char title[128];
    snprintf(title, sizeof title, _(WEB_TITLE_FMT), v->building);
    head(out, title);
    banner(out, v->community, title);
    if (v->fe && (v->fe->n || v->consent_missing)) {
        xl_buf_puts(out, "<p class=\"alert\" role=\"alert\">");
        web_html_esc(out, _(WEB_FIX));
        xl_buf_puts(out, "</p>");
    } else {
        xl_buf_puts(out, "<p>");
        web_html_esc(out, _(WEB_INTRO));
        xl_buf_puts(out, "</p>");
    }
    xl_buf_printf(out, "<form method=\"post\" action=\"%d\" accept-charset=\"utf-8\">", v->building);
    form_fields(out, v);
    xl_buf_puts(out, "<button type=\"submit\" id=\"submit\">");
    web_html_esc(out, _(ACT_SUBMIT));
    xl_buf_puts(out, "</button></form>");
    if (v->guide_url && *v->guide_url) {
        xl_buf_puts(out, "<p><a id=\"guide\" rel=\"noreferrer\" href=\"");
        web_html_esc(out, v->guide_url);
        xl_buf_puts(out, "\">");
        web_html_esc(out, _(DOC_TENANT_GUIDE));
        xl_buf_puts(out, "</a></p>");
    }
    tail(out);
}

/* ---- the receipt and the refusal ---- */

void web_page_receipt(const char *community, int building, const char *room, int out_action,
                      const char *date, const char *receipt, xl_buf *out)
{
    char place[96];
    head(out, _(WEB_RECEIPT_TITLE));
    banner(out, community, _(WEB_RECEIPT_TITLE));
    xl_buf_puts(out, "<p>");
    web_html_esc(out, _(WEB_RECEIPT_CODE));
    xl_buf_puts(out, "</p><p class=\"code\" id=\"receipt\">");
    web_html_esc(out, receipt);
    xl_buf_puts(out, "</p><section class=\"box\"><p>");
    web_html_esc(out, out_action ? _(WEB_ACTION_OUT) : _(WEB_ACTION_IN));
    xl_buf_puts(out, "<br>");
    snprintf(place, sizeof place, _(WEB_PLACE_FMT), building, room);
    web_html_esc(out, place);
    xl_buf_puts(out, "<br>");
    web_html_esc(out, date);
    xl_buf_puts(out, "</p></section><p>");
    web_html_esc(out, _(WEB_RECEIPT_NOTE));
    xl_buf_puts(out, "</p>");
    tail(out);
}

void web_page_refusal(int status, xl_buf *out)
{
    xl_msg msg;
    switch (status) {
    case 403: msg = XL_MSG_WEB_REFUSED_403; break;
    case 405: msg = XL_MSG_WEB_REFUSED_405; break;
    case 413: msg = XL_MSG_WEB_REFUSED_413; break;
    case 429: msg = XL_MSG_WEB_REFUSED_429; break;
    case 500: msg = XL_MSG_WEB_REFUSED_500; break;
    default: msg = XL_MSG_WEB_REFUSED_404; break;
    }
    head(out, _(WEB_REFUSED_TITLE));
    banner(out, NULL, _(WEB_REFUSED_TITLE));
    xl_buf_puts(out, "<p id=\"refusal\">");
    web_html_esc(out, xl_tr(msg));
    xl_buf_puts(out, "</p>");
    tail(out);
}
