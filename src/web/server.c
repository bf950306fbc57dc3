/* server.c — libmicrohttpd plumbing for `xiangli serve` (web.h): one thread, the main loop
 * waiting on MHD_run_wait until a signal sets the stop flag; request bodies gathered up to
 * 16 KiB; one log line per request without personal data. What is answered is routes.c's. */
#include "web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <microhttpd.h>

#include "web/form.h"
#include "web/listen.h"
#include "web/page.h"
#include "web/routes.h"
#include "xiangli/i18n.h"

enum {
    WAIT_MS = 500,            /* the loop looks at the stop flag at least this often */
    CONNECTIONS = 256,
    TIMEOUT_S = 15,
    LOG_PATH_MAX = 48,
};

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

typedef struct conn_state {
    xl_buf body;
    int is_post, too_big;
    struct timespec start;
} conn_state;

/* ---- logging ---- */

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Printable ASCII only, cut short: a path is never a place for personal data, but anybody
 * can send anything. */
static void clean_copy(char *out, size_t size, const char *s)
{
    size_t k = 0;
    for (; s && *s && k + 1 < size; s++)
        out[k++] = *s > 0x20 && *s < 0x7F ? *s : '?';
    out[k] = '\0';
}

static void log_line(const char *method, const char *path, int status, const conn_state *cs)
{
    char now[20], m[12], p[LOG_PATH_MAX];
    xl_now(now);
    clean_copy(m, sizeof m, method);
    clean_copy(p, sizeof p, path);
    fprintf(stderr, "%s %s %s %d %.1fms\n", now, m, p, status, cs ? ms_since(&cs->start) : 0.0);
}

/* ---- replies ---- */

static enum MHD_Result send_reply(struct MHD_Connection *c, const web_reply *r)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(r->html.len, r->html.data,
                                                                MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", "text/html; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                            "frame-ancestors 'none'; base-uri 'none'");
    if (r->allow)
        MHD_add_response_header(resp, "Allow", r->allow);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result refuse_now(struct MHD_Connection *c, const char *method, const char *url,
                                  int status, const conn_state *cs)
{
    web_reply r = {.status = status};
    xl_buf_init(&r.html);
    web_page_refusal(status, &r.html);
    enum MHD_Result ok = send_reply(c, &r);
    xl_buf_release(&r.html);
    log_line(method, url, status, cs);
    return ok;
}

/* ---- the client's address ---- */

static void peer_address(struct MHD_Connection *c, char *out, size_t size)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    out[0] = '\0';
    if (!ci || !ci->client_addr)
        return;
    socklen_t len = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                          : sizeof(struct sockaddr_in);
    if (getnameinfo(ci->client_addr, len, out, (socklen_t)size, NULL, 0, NI_NUMERICHOST) != 0)
        out[0] = '\0';
}

/* The connection's address, or the proxy's X-Real-IP when the connection is the trusted proxy. */
static void client_address(const xl_config *cfg, struct MHD_Connection *c, char *out, size_t size)
{
    peer_address(c, out, size);
    if (!cfg->trusted_proxy[0] || strcmp(out, cfg->trusted_proxy) != 0)
        return;
    const char *real = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Real-IP");
    if (real && *real)
        clean_copy(out, size, real);
}

/* ---- requests ---- */

static int declared_too_big(struct MHD_Connection *c)
{
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return len && (strlen(len) > 9 || strtoul(len, NULL, 10) > WEB_BODY_MAX);
}

static enum MHD_Result answer(web_app *app, struct MHD_Connection *c, const char *url,
                              const char *method, conn_state *cs)
{
    char client[64];
    client_address(app->cfg, c, client, sizeof client);
    xl_i18n_set_lang(web_lang_pick(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language")));
    web_request req = {.method = method, .path = url, .client = client, .now = time(NULL),
                       .query_token = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "t"),
                       .body = cs->is_post ? cs->body.data : NULL, .body_len = cs->body.len,
                       .body_too_big = cs->too_big};
    web_reply r;
    web_route(app, &req, &r);
    enum MHD_Result ok = send_reply(c, &r);
    log_line(method, url, r.status, cs);
    xl_buf_release(&r.html);
    return ok;
}

static conn_state *conn_new(const char *method)
{
    conn_state *cs = xl_calloc(1, sizeof *cs);
    xl_buf_init(&cs->body);
    cs->is_post = strcmp(method, "POST") == 0;
    clock_gettime(CLOCK_MONOTONIC, &cs->start);
    return cs;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **con_cls)
{
    (void)version;
    conn_state *cs = *con_cls;
    if (!cs) {
        cs = *con_cls = conn_new(method);
        if (cs->is_post && declared_too_big(c))
            return refuse_now(c, method, url, 413, cs);
        if (cs->is_post)
            return MHD_YES; /* the body comes in the next calls */
    }
    if (cs->is_post && *size > 0) {
        if (cs->body.len + *size > WEB_BODY_MAX)
            cs->too_big = 1;
        else
            xl_buf_put(&cs->body, data, *size);
        *size = 0;
        return MHD_YES;
    }
    return answer(cls, c, url, method, cs);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    conn_state *cs = *con_cls;
    if (!cs)
        return;
    xl_buf_release(&cs->body);
    free(cs);
    *con_cls = NULL;
}

/* ---- start and stop ---- */

static char *read_pem(const char *path, xl_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        xl_err_set(err, XL_EFAIL, _(FIO_E_READ_FMT), path, xl_sys_reason(errno));
        return NULL;
    }
    xl_buf b;
    char chunk[4096];
    size_t n;
    xl_buf_init(&b);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (1u << 20))
        xl_buf_put(&b, chunk, n);
    fclose(f);
    return b.data;
}

typedef struct tls_files {
    char *cert, *key;
} tls_files;

static int tls_load(const xl_config *cfg, tls_files *t, xl_err *err)
{
    memset(t, 0, sizeof *t);
    if (!cfg->serve_cert[0] && !cfg->serve_key[0])
        return XL_OK;
    if (!cfg->serve_cert[0] || !cfg->serve_key[0])
        return xl_err_set(err, XL_EFAIL, "%s", _(SRV_E_CERT_PAIR));
    if (!MHD_is_feature_supported(MHD_FEATURE_TLS))
        return xl_err_set(err, XL_EFAIL, "%s", _(SRV_E_NO_TLS));
    t->cert = read_pem(cfg->serve_cert, err);
    t->key = t->cert ? read_pem(cfg->serve_key, err) : NULL;
    return t->key ? XL_OK : XL_EFAIL;
}

static struct MHD_Daemon *start(web_app *app, const struct sockaddr_storage *ss, const tls_files *t)
{
    unsigned flags = (t->cert ? MHD_USE_TLS : 0) |
                     (ss->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    if (t->cert)
        return MHD_start_daemon(flags, 0, NULL, NULL, on_request, app,
                                MHD_OPTION_SOCK_ADDR, ss, MHD_OPTION_CONNECTION_LIMIT, CONNECTIONS,
                                MHD_OPTION_CONNECTION_TIMEOUT, TIMEOUT_S,
                                MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
                                MHD_OPTION_HTTPS_MEM_CERT, t->cert, MHD_OPTION_HTTPS_MEM_KEY, t->key,
                                MHD_OPTION_END);
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, app,
                            MHD_OPTION_SOCK_ADDR, ss, MHD_OPTION_CONNECTION_LIMIT, CONNECTIONS,
                            MHD_OPTION_CONNECTION_TIMEOUT, TIMEOUT_S,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
}

static void catch_signals(struct sigaction saved[2])
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    stop_flag = 0;
    sigaction(SIGINT, &sa, &saved[0]);
    sigaction(SIGTERM, &sa, &saved[1]);
    signal(SIGPIPE, SIG_IGN);
}

static void announce(struct MHD_Daemon *d, const struct sockaddr_storage *ss, int tls)
{
    char host[64] = "?";
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    socklen_t len = ss->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    getnameinfo((const struct sockaddr *)ss, len, host, sizeof host, NULL, 0, NI_NUMERICHOST);
    char url[128];
    snprintf(url, sizeof url, "%s://%s%s%s:%u/", tls ? "https" : "http",
             ss->ss_family == AF_INET6 ? "[" : "", host, ss->ss_family == AF_INET6 ? "]" : "",
             di ? (unsigned)di->port : 0u);
    fprintf(stderr, _(SRV_LISTENING_FMT), url);
    fputc('\n', stderr);
}

static int run(web_app *app, const struct sockaddr_storage *ss, const tls_files *t, xl_err *err)
{
    struct sigaction saved[2];
    struct MHD_Daemon *d = start(app, ss, t);
    if (!d)
        return xl_err_set(err, XL_EFAIL, "%s", _(SRV_E_LISTEN));
    catch_signals(saved);
    announce(d, ss, t->cert != NULL);
    while (!stop_flag)
        MHD_run_wait(d, WAIT_MS);
    MHD_stop_daemon(d);
    sigaction(SIGINT, &saved[0], NULL);
    sigaction(SIGTERM, &saved[1], NULL);
    fprintf(stderr, "%s\n", _(SRV_STOPPED));
    return XL_OK;
}

int web_serve(const web_opts *o, xl_err *err)
{
    struct sockaddr_storage ss;
    web_app app = {.cfg = o->cfg};
    tls_files t;
    const char *spec = o->listen ? o->listen : o->cfg->serve_listen;
    if (web_listen_parse(spec, &ss, err) || tls_load(o->cfg, &t, err))
        return XL_EFAIL;
    int rc = xl_db_open(&app.db, o->db_path, 0, err);
    if (rc == XL_OK)
        rc = xl_pending_secret(app.db, app.secret, err);
    if (rc == XL_OK) {
        xl_db_set_operator(app.db, "serve");
        app.limiter = web_limiter_new(o->cfg->rate_limit, o->cfg->rate_window);
        rc = run(&app, &ss, &t, err);
    }
    web_limiter_free(app.limiter);
    xl_db_close(app.db);
    free(t.cert);
    free(t.key);
    return rc;
}
