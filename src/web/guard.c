/* guard.c — anti-forgery signatures (GnuTLS's HMAC) and the rate limiter (guard.h). */
#include "web/guard.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>

#include "xiangli/mem.h"

enum {
    SLOTS = 4096,   /* clients remembered at once */
    PROBE = 16,     /* slots looked at per client */
    ADDR_MAX = 64,
};

void web_sign(const char *secret, int building, const char *token, long long ts,
              char sig[WEB_SIG_HEX + 1])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char mac[32];
    char msg[160];
    int n = snprintf(msg, sizeof msg, "%d|%.64s|%lld", building, token ? token : "", ts);
    memset(mac, 0, sizeof mac);
    gnutls_hmac_fast(GNUTLS_MAC_SHA256, secret, strlen(secret), msg, (size_t)n, mac);
    for (int i = 0; i < WEB_SIG_HEX / 2; i++) {
        sig[2 * i] = hex[mac[i] >> 4];
        sig[2 * i + 1] = hex[mac[i] & 15];
    }
    sig[WEB_SIG_HEX] = '\0';
}

int web_sign_check(const char *secret, int building, const char *token, const char *ts_text,
                   const char *sig, time_t now)
{
    char want[WEB_SIG_HEX + 1];
    if (!ts_text || !sig || strlen(sig) != WEB_SIG_HEX || !*ts_text || strlen(ts_text) > 12 ||
        strspn(ts_text, "0123456789") != strlen(ts_text))
        return 0;
    long long ts = atoll(ts_text);
    if (ts > (long long)now + 60 || (long long)now - ts > WEB_FORM_MAX_AGE)
        return 0;
    web_sign(secret, building, token, ts, want);
    unsigned diff = 0;
    for (int i = 0; i < WEB_SIG_HEX; i++)
        diff |= (unsigned)(want[i] ^ sig[i]);
    return diff == 0;
}

typedef struct slot {
    char addr[ADDR_MAX];
    int building;
    time_t start; /* 0 = free */
    int count;
} slot;

struct web_limiter {
    int limit, window;
    slot *slots;
};

web_limiter *web_limiter_new(int limit, int window)
{
    web_limiter *l = xl_calloc(1, sizeof *l);
    l->limit = limit > 0 ? limit : 1;
    l->window = window > 0 ? window : 1;
    l->slots = xl_calloc(SLOTS, sizeof *l->slots);
    return l;
}

void web_limiter_free(web_limiter *l)
{
    if (!l)
        return;
    free(l->slots);
    free(l);
}

static uint32_t hash_of(const char *addr, int building)
{
    uint32_t h = 2166136261u ^ (uint32_t)building;
    for (const unsigned char *p = (const unsigned char *)addr; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h;
}

/* The client's slot; else a free or outdated one; else the oldest in the probe. */
static slot *find_slot(web_limiter *l, const char *addr, int building, time_t now)
{
    uint32_t h = hash_of(addr, building);
    slot *spare = NULL;
    int spare_stale = 0;
    for (int i = 0; i < PROBE; i++) {
        slot *s = &l->slots[(h + (uint32_t)i) % SLOTS];
        if (s->start && s->building == building && strcmp(s->addr, addr) == 0)
            return s;
        int stale = !s->start || now - s->start >= l->window;
        if (stale && !spare_stale)
            spare = s, spare_stale = 1;
        else if (!stale && !spare_stale && (!spare || s->start < spare->start))
            spare = s;
    }
    memset(spare, 0, sizeof *spare);
    snprintf(spare->addr, sizeof spare->addr, "%s", addr);
    spare->building = building;
    return spare;
}

int web_limiter_take(web_limiter *l, const char *client, int building, time_t now)
{
    slot *s = find_slot(l, client ? client : "", building, now);
    if (!s->start || now - s->start >= l->window) {
        s->start = now > 0 ? now : 1;
        s->count = 0;
    }
    if (s->count >= l->limit)
        return 0;
    s->count++;
    return 1;
}
