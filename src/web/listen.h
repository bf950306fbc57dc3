/* listen.h — "ADDR:PORT" / "[ADDR6]:PORT" into a socket address. */
#ifndef WEB_LISTEN_H
#define WEB_LISTEN_H

#include <sys/socket.h>

#include "xiangli/err.h"

int web_listen_parse(const char *spec, struct sockaddr_storage *ss, xl_err *err);

#endif
