/* main.c — global options, then a subcommand or the TUI.
 * Built twice (issue 14): `xiangli-full` is the whole program; `xiangli`, built with -DXL_LIGHT,
 * runs the light subcommands itself and hands the desk and the rest to xiangli-full (cli.c). */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#ifndef XL_LIGHT
#include "ui/ui.h"
#endif
#include "xiangli/config.h"
#include "xiangli/i18n.h"
#include "xiangli/operator.h"

static void usage(FILE *f)
{
    fprintf(f, _(CLI_MAIN_HELP_HEAD_FMT), XL_VERSION);
    cli_print_commands(f);
    fputs(_(CLI_MAIN_HELP_TAIL), f);
}

typedef struct main_opts {
    const char *db, *config, *lang, *operator_name;
    int help;
} main_opts;

/* Returns -1 to continue, else an exit code. */
static int parse_globals(int argc, char **argv, main_opts *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},   {"config", required_argument, NULL, 'c'},
        {"lang", required_argument, NULL, 'l'}, {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},    {"operator", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
        switch (ch) {
        case 'd': o->db = optarg; break;
        case 'c': o->config = optarg; break;
        case 'o': o->operator_name = optarg; break;
        case 'l':
            if (strcmp(optarg, "zh") && strcmp(optarg, "en")) {
                cli_complain(_(CLI_E_LANG_FMT), optarg);
                return 2;
            }
            o->lang = optarg;
            xl_i18n_set_lang(o->lang); /* what follows (help, config errors) speaks it */
            break;
        case 'h': o->help = 1; break; /* after the config: in its language */
        case 'V': printf(_(CLI_VERSION_FMT), XL_VERSION); putchar('\n'); return 0;
        default:
            cli_complain(_(CLI_E_GLOBAL_OPT_FMT), argv[optind - 1]);
            return 2;
        }
    }
    return -1;
}

/* The officer named by --operator, else XIANGLI_OPERATOR, else the config: into cfg. */
static int take_operator(const main_opts *o, xl_config *cfg)
{
    const char *name = o->operator_name;
    if (!name)
        name = getenv("XIANGLI_OPERATOR");
    if (!name || !*name)
        return 0;
    xl_err err;
    if (xl_operator_check(name, cfg->operator_login, &err) == XL_OK)
        return 0;
    cli_complain(_(CLI_E_OPERATOR_FMT), err.msg);
    return 2;
}

#ifdef XL_LIGHT
/* The desk or a heavy command: xiangli-full, with the same argv. Returns only when it fails. */
static int hand_to_full(const main_opts *o, char **argv)
{
    char path[4096];
    cli_exec_full(argv, path, sizeof path);
    if (!o->lang) { /* the message in the settings' language when they can be read */
        xl_config cfg;
        xl_err err;
        if (xl_config_find_and_load(&cfg, o->config, &err) == XL_OK)
            xl_i18n_set_lang(cfg.lang);
    }
    cli_complain(_(CLI_E_NO_FULL_FMT), path);
    return 1;
}
#else
static int run_tui(cli_ctx *ctx)
{
    xl_err err;
    xl_err_clear(&err);
    if (cli_open_db(ctx, 0, &err)) {
        cli_complain(_(CLI_TOP_ERR_FMT), err.msg);
        return 1;
    }
    int rc = ui_run(ctx->db, ctx->cfg, &err);
    if (rc != XL_OK)
        cli_complain(_(CLI_TOP_ERR_FMT), err.msg);
    return rc == XL_OK ? 0 : 1;
}
#endif

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    xl_i18n_set_lang(NULL); /* until --lang or the config says otherwise: from the locale */
    main_opts o = {0};
    int rc = parse_globals(argc, argv, &o);
    if (rc >= 0)
        return rc;
#ifdef XL_LIGHT
    if (!o.help && (optind >= argc || !cli_runs_here(argv[optind])))
        return hand_to_full(&o, argv);
#endif
    xl_config cfg;
    xl_err err;
    xl_err_clear(&err);
    if (xl_config_find_and_load(&cfg, o.config, &err)) {
        cli_complain(_(CLI_TOP_ERR_FMT), err.msg);
        if (o.help)
            usage(stdout);
        return o.help ? 0 : 1;
    }
    xl_i18n_set_lang(o.lang ? o.lang : cfg.lang);
    if (o.help) {
        usage(stdout);
        return 0;
    }
    if ((rc = take_operator(&o, &cfg)) != 0)
        return rc;
    xl_db_set_default_busy_timeout(cfg.busy_timeout_ms);
    cli_ctx ctx = {.cfg = &cfg, .db_path = o.db ? o.db : cfg.db_path, .db = NULL, .out = stdout};
    if (optind < argc)
        rc = cli_dispatch(&ctx, argc - optind, argv + optind);
#ifndef XL_LIGHT
    else
        rc = run_tui(&ctx);
#endif
    xl_db_close(ctx.db);
    return rc;
}
