/* routes.c — GET the form, POST a submission, refuse everything else (routes.h). */
#include "web/routes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "web/page.h"
#include "xiangli/i18n.h"

static void refuse(web_reply *r, int status)
{
    r->status = status;
    web_page_refusal(status, &r->html);
}

/* The form, fresh (fe NULL) or coming back with what was typed and the messages. */
static void show_form(web_app *app, int building, const char *token, const web_form *typed,
                      const xl_field_errors *fe, int consent_missing, web_reply *r)
{
    char ts[24], sig[WEB_SIG_HEX + 1], today[11];
    xl_err err;
    web_form_view v = {.building = building, .community = app->cfg->community,
                       .contact = app->cfg->serve_contact, .guide_url = app->cfg->guide_url,
                       .pending_days = app->cfg->pending_days, .token = token, .ts = ts,
                       .sig = sig, .today = today, .fe = fe, .consent_missing = consent_missing};
    xl_today(today);
    snprintf(ts, sizeof ts, "%lld", (long long)time(NULL));
    web_sign(app->secret, building, token, atoll(ts), sig);
    if (xl_pending_rooms(app->db, building, &v.rooms, &v.nrooms, &err)) {
        refuse(r, 500);
        return;
    }
    if (typed) {
        v.action = web_form_get(typed, "action");
        v.name = web_form_get(typed, "name");
        v.phone = web_form_get(typed, "phone");
        v.room = web_form_get(typed, "room");
        v.date = web_form_get(typed, "date");
        v.consent = web_form_get(typed, "consent") && *web_form_get(typed, "consent");
    }
    r->status = fe ? 422 : 200;
    web_page_form(&v, &r->html);
    free(v.rooms);
}

static void get_form(web_app *app, const web_request *req, int building, web_reply *r)
{
    if (!xl_pending_token_ok(app->db, building, req->query_token)) {
        refuse(r, 404);
        return;
    }
    show_form(app, building, req->query_token, NULL, NULL, 0, r);
}

static void receipt(web_app *app, int building, const web_form *f, const char *code,
                    web_reply *r)
{
    char today[11];
    const char *date = web_form_get(f, "date");
    xl_today(today);
    r->status = 200;
    web_page_receipt(app->cfg->community, building, web_form_get(f, "room"),
                     strcmp(web_form_get(f, "action"), "out") == 0,
                     date && *date ? date : today, code, &r->html);
}

/* A submission whose token and signature are right. */
static void take(web_app *app, int building, const web_form *f, web_reply *r)
{
    xl_pending_form pf = {web_form_get(f, "action"), web_form_get(f, "name"),
                          web_form_get(f, "id_number"), web_form_get(f, "phone"),
                          web_form_get(f, "room"), web_form_get(f, "date")};
    const char *consent = web_form_get(f, "consent");
    int consent_missing = !consent || !*consent;
    char code[XL_RECEIPT_LEN + 1];
    xl_field_errors fe;
    xl_err err;
    int rc = consent_missing ? xl_pending_check(app->db, building, &pf, &fe, &err)
                             : xl_pending_submit(app->db, building, &pf, &fe, code, &err);
    if (rc == XL_OK && !consent_missing)
        receipt(app, building, f, code, r);
    else if (rc == XL_OK || fe.n > 0)
        show_form(app, building, web_form_get(f, "t"), f, &fe, consent_missing, r);
    else
        refuse(r, rc == XL_ENOTFOUND ? 404 : 500);
}

static void post_form(web_app *app, const web_request *req, int building, web_reply *r)
{
    web_form f;
    if (req->body_too_big || req->body_len > WEB_BODY_MAX) {
        refuse(r, 413);
        return;
    }
    if (!web_limiter_take(app->limiter, req->client, building, req->now)) {
        refuse(r, 429);
        return;
    }
    web_form_parse(&f, req->body ? req->body : "", req->body ? req->body_len : 0);
    const char *token = web_form_get(&f, "t");
    if (!xl_pending_token_ok(app->db, building, token))
        refuse(r, 404);
    else if (!web_sign_check(app->secret, building, token, web_form_get(&f, "ts"),
                             web_form_get(&f, "sig"), req->now))
        refuse(r, 403);
    else
        take(app, building, &f, r);
    web_form_release(&f);
}

void web_route(web_app *app, const web_request *req, web_reply *r)
{
    int building = web_path_building(req->path);
    xl_buf_init(&r->html);
    r->allow = NULL;
    if (building == 0) {
        refuse(r, 404);
    } else if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0) {
        get_form(app, req, building, r);
    } else if (strcmp(req->method, "POST") == 0) {
        post_form(app, req, building, r);
    } else {
        r->allow = "GET, HEAD, POST";
        refuse(r, 405);
    }
}
