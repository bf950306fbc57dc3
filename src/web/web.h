/* web.h — `xiangli serve`: the phone sign-in server (libmicrohttpd). It serves only the form
 * the posters' QR codes open (GET /s/{building}?t={token}), takes its submissions (POST
 * /s/{building}) into the pending queue (pending.h) and answers with a receipt; nothing of the
 * register ever leaves through it. One thread, no SQL here: core answers every question. */
#ifndef WEB_WEB_H
#define WEB_WEB_H

#include "xiangli/config.h"
#include "xiangli/err.h"

typedef struct web_opts {
    const xl_config *cfg;
    const char *db_path;
    const char *listen;   /* ADDR:PORT overriding [serve] listen, or NULL; port 0 = any free one */
} web_opts;

/* Runs in the foreground until SIGINT or SIGTERM (the handler only sets a flag), then stops
 * cleanly. Writes one line per request to stderr (method, path without query, status, time:
 * no personal data) and first "listening on URL". */
int web_serve(const web_opts *o, xl_err *err);

#endif
