/* cmd_init.c — `xiangli init [--demo] [--seed N] [--scale K] [--force]`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "demo/demo.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/stats.h"

typedef struct init_opts {
    int demo, force;
    unsigned long seed;
    int scale;
} init_opts;

static int parse_num(const char *flag, const char *v, long lo, long hi, long *out, xl_err *err)
{
    char *end = NULL;
    errno = 0;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || *end || errno || n < lo || n > hi)
        return xl_err_set(err, XL_EUSAGE, _(CLI_E_WHOLE_NUMBER_FMT), flag, lo, hi);
    *out = n;
    return XL_OK;
}

static int parse_init(int argc, char **argv, init_opts *o, xl_err *err)
{
    *o = (init_opts){.seed = 1, .scale = 1};
    for (int i = 1; i < argc; i++) {
        long n;
        if (!strcmp(argv[i], "--demo"))
            o->demo = 1;
        else if (!strcmp(argv[i], "--force"))
            o->force = 1;
        else if (!strcmp(argv[i], "--seed")) {
            if (parse_num("--seed", i + 1 < argc ? argv[++i] : NULL, 0, 2147483647L, &n, err))
                return XL_EUSAGE;
            o->seed = (unsigned long)n;
        } else if (!strcmp(argv[i], "--scale")) {
            if (parse_num("--scale", i + 1 < argc ? argv[++i] : NULL, 1, 200, &n, err))
                return XL_EUSAGE;
            o->scale = (int)n;
        } else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_OPT_FMT), argv[i]);
    }
    if ((o->seed != 1 || o->scale != 1) && !o->demo)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_SEED_DEMO));
    return XL_OK;
}

/* --force never deletes: a verified copy of the old database (taken through SQLite, so
 * what is still in the WAL is in it) is kept beside the new one; refused while another
 * program has the database open. */
static int set_aside(cli_ctx *ctx, xl_err *err)
{
    char stamp[32];
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    xl_db_close(ctx->db);
    ctx->db = NULL;
    char *bak = xl_asprintf("%s.before-init-%s", ctx->db_path, stamp);
    int rc = xl_db_start_over(ctx->db_path, bak, err);
    if (rc == XL_OK)
        cli_complain(_(INIT_KEPT_FMT), bak);
    free(bak);
    return rc;
}

static void print_summary(cli_ctx *ctx, double secs)
{
    xl_stats st;
    xl_err err;
    if (xl_stats_compute(ctx->db, &st, &err) != XL_OK)
        return;
    fprintf(ctx->out, _(CLI_INIT_DEMO_FMT), ctx->db_path, st.buildings, st.residents, st.tenants,
            st.moved_out, st.registration_rate * 100.0, secs);
    fputc('\n', ctx->out);
    xl_stats_release(&st);
}

int cmd_init(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    init_opts o;
    if (parse_init(argc, argv, &o, err))
        return XL_EUSAGE;
    if (cli_open_db(ctx, 1, err))
        return XL_EFAIL;
    if (!xl_db_is_empty(ctx->db)) {
        if (!o.force)
            return xl_err_set(err, XL_EFAIL, _(CLI_INIT_EXISTS_FMT), ctx->db_path);
        if (set_aside(ctx, err) || cli_open_db(ctx, 1, err))
            return XL_EFAIL;
    }
    if (!o.demo) {
        fprintf(ctx->out, _(CLI_INIT_EMPTY_FMT), ctx->db_path, xl_db_user_version(ctx->db));
        fputc('\n', ctx->out);
        return XL_OK;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    xl_demo_opts d = {.seed = o.seed, .scale = o.scale};
    if (xl_demo_build(ctx->db, &d, err))
        return XL_EFAIL;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_summary(ctx, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return XL_OK;
}
