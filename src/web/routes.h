/* routes.h — what the phone server answers, apart from HTTP plumbing (server.c): a request
 * in, a status and a page out. */
#ifndef WEB_ROUTES_H
#define WEB_ROUTES_H

#include <stddef.h>
#include <time.h>

#include "web/guard.h"
#include "xiangli/config.h"
#include "xiangli/db.h"
#include "xiangli/mem.h"
#include "xiangli/pending.h"

typedef struct web_app {
    const xl_config *cfg;
    xl_db *db;
    char secret[XL_SECRET_HEX + 1];
    web_limiter *limiter;
} web_app;

typedef struct web_request {
    const char *method, *path;
    const char *query_token;     /* ?t= on a GET, or NULL */
    const char *client;          /* the client's address, for the rate limit */
    const char *body;            /* a POST's body (NUL-terminated), or NULL */
    size_t body_len;
    int body_too_big;
    time_t now;
} web_request;

typedef struct web_reply {
    int status;
    const char *allow;           /* "GET, HEAD, POST" on a 405, else NULL */
    xl_buf html;                 /* initialised by web_route; the caller releases it */
} web_reply;

void web_route(web_app *app, const web_request *req, web_reply *reply);

#endif
