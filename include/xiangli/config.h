/* config.h — the configuration file (iniparser), validated line by line. */
#ifndef XL_CONFIG_H
#define XL_CONFIG_H

#include <limits.h>
#include "xiangli/err.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

typedef struct xl_config {
    char source[PATH_MAX];     /* file it came from, or "" for built-in defaults */
    /* [community] */
    char community[128];       /* name shown in the title bar and on posters */
    char db_path[PATH_MAX];    /* database file; "~/" is expanded */
    char operator_login[64];   /* audit operator; "" = the OS user */
    /* [ui] */
    char lang[8];              /* "zh" or "en"; "" = from locale (zh unless LANG starts en) */
    char theme[16];            /* "default", "dark", "mono" */
    char map_overlay[16];      /* "rate", "pioneer", "party" */
    int mouse;                 /* 0/1 */
    /* [signin] */
    char url_template[512];    /* with {building} and {token} */
    char qr_ec[2];             /* "L", "M", "Q", "H" */
    char qr_style[16];         /* "halfblock", "fullwidth", "ascii" */
    /* [register] */
    int stale_days;            /* tenancy unconfirmed this long is "stale" */
    double target_rate;        /* registration rate target, 0..1 (default 0.80) */
    /* [lists] */
    char categories[1024];     /* "key/中文/English | ..." or "" for the built-in six */
    /* [roundtable] */
    int roundtable_days;       /* a building without a roundtable this long is flagged */
    /* [serve] (the phone sign-in server; url_template above is also [serve] url_template) */
    char serve_listen[64];     /* ADDR:PORT, e.g. 127.0.0.1:8326 */
    char serve_cert[PATH_MAX]; /* PEM certificate for HTTPS directly; "" = plain HTTP */
    char serve_key[PATH_MAX];  /* its PEM private key */
    int pending_days;          /* a phone submission waiting longer expires */
    int rate_limit;            /* submissions per client address and building ... */
    int rate_window;           /* ... per this many seconds */
    char serve_contact[256];   /* the office's contact, in the privacy notice */
    char guide_url[512];       /* the tenant guide (租客入住须知), "" = none */
    char trusted_proxy[64];    /* a reverse proxy's address whose X-Real-IP is believed */
    /* [db] */
    int busy_timeout_ms;       /* how long a write waits for another officer's (100～600000) */
    /* [backup] */
    char backup_dir[PATH_MAX];
    int backup_keep;           /* the desk's daily backups kept (1～3650) */
    /* [privacy] */
    int retain_moved_out_years; /* numbers of people gone this long are erased by purge (1～100) */
} xl_config;

void xl_config_defaults(xl_config *c);
/* Loads and validates one file (a [lists] categories value also replaces the category
 * table, see lists.h). On any problem: message "FILE:LINE: key 'K': reason",
 * c unchanged apart from defaults, returns XL_EFAIL. */
int xl_config_load(xl_config *c, const char *path, xl_err *err);
/* --config PATH if given (must exist), else $XDG_CONFIG_HOME/xiangli/xiangli.ini
 * (else ~/.config/xiangli/xiangli.ini), else /etc/xiangli/xiangli.ini, else defaults. */
int xl_config_find_and_load(xl_config *c, const char *cli_path, xl_err *err);

#endif
