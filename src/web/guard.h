/* guard.h — what keeps the phone form honest: the anti-forgery field (an HMAC-SHA256 of
 * building, token and time under the database's secret) and the rate limit per client
 * address and building. */
#ifndef WEB_GUARD_H
#define WEB_GUARD_H

#include <stddef.h>
#include <time.h>

enum {
    WEB_SIG_HEX = 32,                 /* hex characters of the HMAC kept in the form */
    WEB_FORM_MAX_AGE = 24 * 3600,     /* a form page stays good this long */
};

/* sig = the first WEB_SIG_HEX hex characters of HMAC-SHA256(secret, "building|token|ts"). */
void web_sign(const char *secret, int building, const char *token, long long ts,
              char sig[WEB_SIG_HEX + 1]);
/* 1 when ts_text is a time within the form's age before now (a minute's clock slack) and
 * sig is its signature (compared in constant time). */
int web_sign_check(const char *secret, int building, const char *token, const char *ts_text,
                   const char *sig, time_t now);

typedef struct web_limiter web_limiter;

/* limit submissions per window seconds per (client address, building). */
web_limiter *web_limiter_new(int limit, int window);
void web_limiter_free(web_limiter *l);
/* Counts one submission; 1 when it is within the limit, 0 when it must be refused. */
int web_limiter_take(web_limiter *l, const char *client, int building, time_t now);

#endif
