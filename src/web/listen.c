/* listen.c — the listening address (listen.h). */
#include "web/listen.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/i18n.h"

static int port_of(const char *s, int *port)
{
    if (!*s || strlen(s) > 5 || strspn(s, "0123456789") != strlen(s))
        return -1;
    *port = atoi(s);
    return *port <= 65535 ? 0 : -1;
}

int web_listen_parse(const char *spec, struct sockaddr_storage *ss, xl_err *err)
{
    char host[64];
    const char *colon = spec ? strrchr(spec, ':') : NULL;
    int port;
    memset(ss, 0, sizeof *ss);
    if (!colon || (size_t)(colon - spec) >= sizeof host || port_of(colon + 1, &port))
        return xl_err_set(err, XL_EUSAGE, _(SRV_E_LISTEN_FORM_FMT), spec ? spec : "");
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
    size_t n = strlen(host);
    if (n > 2 && host[0] == '[' && host[n - 1] == ']') {
        host[n - 1] = '\0';
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &v6->sin6_addr) == 1)
            return XL_OK;
    } else {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &v4->sin_addr) == 1)
            return XL_OK;
    }
    return xl_err_set(err, XL_EUSAGE, _(SRV_E_LISTEN_IP_FMT), spec, host);
}
