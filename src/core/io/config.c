/* config.c — the configuration file. iniparser reads the values; a first pass of our own
 * checks every line's shape so a message can name the line, and so iniparser 4.1's unsafe
 * typed getters (CVE-2023-33461) are never used: we read strings and parse them here. */
#include "xiangli/config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <iniparser.h>

#include "xiangli/categories.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

typedef enum { K_STR, K_INT, K_BOOL, K_ENUM, K_PATH, K_RATE } key_type;

typedef struct key_def {
    const char *name;      /* "section:key", lower case as iniparser stores it */
    key_type type;
    size_t offset;
    size_t size;           /* for strings */
    const char *choices;   /* for enums: "|a|b|c|" */
    int min, max;          /* for ints */
} key_def;

#define STR(k, f) {k, K_STR, offsetof(xl_config, f), sizeof(((xl_config *)0)->f), NULL, 0, 0}
#define PATHK(k, f) {k, K_PATH, offsetof(xl_config, f), sizeof(((xl_config *)0)->f), NULL, 0, 0}
#define ENUM(k, f, c) {k, K_ENUM, offsetof(xl_config, f), sizeof(((xl_config *)0)->f), c, 0, 0}
#define INT(k, f, lo, hi) {k, K_INT, offsetof(xl_config, f), 0, NULL, lo, hi}
#define BOOL(k, f) {k, K_BOOL, offsetof(xl_config, f), 0, NULL, 0, 1}
#define RATE(k, f) {k, K_RATE, offsetof(xl_config, f), 0, NULL, 0, 1}

static const key_def keys[] = {
    STR("community:name", community),
    PATHK("community:database", db_path),
    STR("community:operator", operator_login),
    ENUM("ui:language", lang, "|zh|en|auto|"),
    ENUM("ui:theme", theme, "|default|dark|mono|"),
    ENUM("ui:map_overlay", map_overlay, "|rate|pioneer|party|"),
    BOOL("ui:mouse", mouse),
    STR("signin:url_template", url_template),
    ENUM("signin:ec_level", qr_ec, "|L|M|Q|H|"),
    ENUM("signin:qr_style", qr_style, "|halfblock|fullwidth|ascii|"),
    INT("register:stale_days", stale_days, 1, 3650),
    RATE("register:target_rate", target_rate),
    STR("lists:categories", categories),
    INT("roundtable:stale_days", roundtable_days, 1, 3650),
    INT("db:busy_timeout_ms", busy_timeout_ms, 100, 600000),
    PATHK("backup:directory", backup_dir),
    INT("backup:keep", backup_keep, 1, 3650),
    INT("privacy:retain_moved_out_years", retain_moved_out_years, 1, 100),
    STR("serve:listen", serve_listen),
    STR("serve:url_template", url_template),
    PATHK("serve:cert", serve_cert),
    PATHK("serve:key", serve_key),
    INT("serve:pending_days", pending_days, 1, 365),
    INT("serve:rate_limit", rate_limit, 1, 10000),
    INT("serve:rate_window", rate_window, 1, 86400),
    STR("serve:contact", serve_contact),
    STR("serve:guide_url", guide_url),
    STR("serve:trusted_proxy", trusted_proxy),
};
#define NKEYS (sizeof keys / sizeof keys[0])

static const char *home_dir(void)
{
    const char *h = getenv("HOME");
    return h && *h ? h : "/tmp";
}

void xl_config_defaults(xl_config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->community, sizeof c->community, "杜巷小区");
    const char *data = getenv("XDG_DATA_HOME");
    if (data && *data)
        snprintf(c->db_path, sizeof c->db_path, "%s/xiangli/xiangli.db", data);
    else
        snprintf(c->db_path, sizeof c->db_path, "%s/.local/share/xiangli/xiangli.db", home_dir());
    snprintf(c->theme, sizeof c->theme, "default");
    snprintf(c->map_overlay, sizeof c->map_overlay, "rate");
    c->mouse = 1;
    snprintf(c->url_template, sizeof c->url_template, "https://signin.example.org/s/{building}?t={token}");
    snprintf(c->qr_ec, sizeof c->qr_ec, "M");
    snprintf(c->qr_style, sizeof c->qr_style, "halfblock");
    c->stale_days = 180;
    c->target_rate = 0.80;
    c->roundtable_days = 365;
    snprintf(c->backup_dir, sizeof c->backup_dir, "%s/xiangli-backup", home_dir());
    c->busy_timeout_ms = 5000;
    c->backup_keep = 14;
    c->retain_moved_out_years = 3;
    snprintf(c->serve_listen, sizeof c->serve_listen, "127.0.0.1:8326");
    c->pending_days = 14;
    c->rate_limit = 5;
    c->rate_window = 600;
}

/* ---- first pass: every line's shape, and where each key is ---- */

typedef struct scan_key {
    char name[128];
    int line;
} scan_key;

typedef struct scan {
    scan_key *keys;
    size_t n;
} scan;

/* A refusal naming the place as the administrator sees it: "xiangli.ini 第 3 行 · theme：…"
 * (key may be NULL); the reason is a message of the table with its own arguments. */
static int cfg_err(xl_err *err, const char *path, int line, const char *key, const char *fmt, ...)
{
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (key)
        return xl_err_set(err, XL_EFAIL, _(CRIT_LINE_FMT), path, line, key, why);
    return xl_err_set(err, XL_EFAIL, _(CFG_LINE_FMT), path, line, why);
}

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

static int scan_section(char *s, char *section, size_t size, const char *path, int line, xl_err *err)
{
    char *end = strchr(s, ']');
    if (!end || xl_trim_inplace(end + 1)[0] != '\0')
        return cfg_err(err, path, line, NULL, "%s", _(CRIT_NO_BRACKET));
    *end = '\0';
    char *name = xl_trim_inplace(s + 1);
    if (!*name)
        return cfg_err(err, path, line, NULL, "%s", _(CFG_E_EMPTY_SECTION));
    lower(name);
    snprintf(section, size, "%s", name);
    return XL_OK;
}

static int scan_line(scan *sc, char *s, char *section, size_t ssize, const char *path, int line, xl_err *err)
{
    s = xl_trim_inplace(s);
    if (*s == '\0' || *s == '#' || *s == ';')
        return XL_OK;
    if (*s == '[')
        return scan_section(s, section, ssize, path, line, err);
    char *eq = strchr(s, '=');
    if (!eq)
        return cfg_err(err, path, line, s, "%s", _(CRIT_NO_EQUALS));
    *eq = '\0';
    char *key = xl_trim_inplace(s);
    if (!*key)
        return cfg_err(err, path, line, NULL, "%s", _(CFG_E_NO_KEY));
    if (!*section)
        return cfg_err(err, path, line, key, "%s", _(CRIT_OUTSIDE));
    lower(key);
    sc->keys = xl_reallocarray(sc->keys, sc->n + 1, sizeof *sc->keys);
    snprintf(sc->keys[sc->n].name, sizeof sc->keys[sc->n].name, "%.60s:%.60s", section, key);
    sc->keys[sc->n].line = line;
    sc->n++;
    return XL_OK;
}

static int scan_file(scan *sc, const char *path, xl_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return xl_err_set(err, XL_EFAIL, _(CFG_E_READ_FMT), path);
    char buf[2048], section[128] = "";
    int line = 0, rc = XL_OK;
    while (rc == XL_OK && fgets(buf, sizeof buf, f)) {
        line++;
        size_t n = strlen(buf);
        if (n == sizeof buf - 1 && buf[n - 1] != '\n')
            rc = cfg_err(err, path, line, NULL, "%s", _(CFG_E_LONG_LINE));
        else
            rc = scan_line(sc, buf, section, sizeof section, path, line, err);
    }
    fclose(f);
    return rc;
}

static int scan_line_of(const scan *sc, const char *name)
{
    for (size_t i = 0; i < sc->n; i++)
        if (strcmp(sc->keys[i].name, name) == 0)
            return sc->keys[i].line;
    return 0;
}

/* ---- second pass: values through iniparser ---- */

static int quiet_errback(const char *fmt, ...)
{
    (void)fmt;
    return 0;
}

static const key_def *find_key(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

/* A share: 0.8 or 80%, from 0 to 1. */
static int parse_rate(const char *v, double *out)
{
    char *end = NULL;
    errno = 0;
    double d = strtod(v, &end);
    if (end && *end == '%')
        d /= 100.0, end++;
    if (!*v || !end || *end || errno || !(d >= 0.0 && d <= 1.0))
        return -1;
    *out = d;
    return 0;
}

static int parse_value(xl_config *c, const key_def *k, const char *v, const char *path, int line, xl_err *err)
{
    char *dst = (char *)c + k->offset;
    const char *key = strchr(k->name, ':') + 1;
    if (k->type == K_RATE) {
        if (parse_rate(v, (double *)(void *)dst))
            return cfg_err(err, path, line, key, _(CFG_E_SHARE_FMT), v);
    } else if (k->type == K_INT) {
        char *end = NULL;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (!*v || *end || errno || n < k->min || n > k->max)
            return cfg_err(err, path, line, key, _(CFG_E_INT_FMT), v, k->min, k->max);
        *(int *)(void *)dst = (int)n;
    } else if (k->type == K_BOOL) {
        int yes = !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on");
        int no = !strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "off");
        if (!yes && !no)
            return cfg_err(err, path, line, key, _(CFG_E_BOOL_FMT), v);
        *(int *)(void *)dst = yes;
    } else if (k->type == K_ENUM) {
        char probe[80];
        snprintf(probe, sizeof probe, "|%.60s|", v);
        if (!*v || !strstr(k->choices, probe))
            return cfg_err(err, path, line, key, _(CFG_E_CHOICE_FMT), v, k->choices);
        snprintf(dst, k->size, "%s", strcmp(v, "auto") == 0 ? "" : v);
    } else if (k->type == K_PATH && strncmp(v, "~/", 2) == 0) {
        if ((size_t)snprintf(dst, k->size, "%s/%s", home_dir(), v + 2) >= k->size)
            return cfg_err(err, path, line, key, "%s", _(CFG_E_PATH_LONG));
    } else {
        if (strlen(v) >= k->size)
            return cfg_err(err, path, line, key, _(CFG_E_VALUE_LONG_FMT), k->size - 1);
        if (k->type == K_PATH && !*v)
            return cfg_err(err, path, line, key, "%s", _(CFG_E_PATH_EMPTY));
        snprintf(dst, k->size, "%s", v);
    }
    return XL_OK;
}

static int apply_dict(xl_config *c, dictionary *d, const scan *sc, const char *path, xl_err *err)
{
    for (size_t i = 0; i < sc->n; i++) {
        const char *name = sc->keys[i].name;
        const key_def *k = find_key(name);
        if (!k)
            return cfg_err(err, path, sc->keys[i].line, name, "%s", _(CFG_E_UNKNOWN_KEY));
        const char *v = iniparser_getstring(d, name, NULL);
        if (!v)
            return cfg_err(err, path, sc->keys[i].line, name, "%s", _(CFG_E_UNREADABLE));
        if (parse_value(c, k, v, path, scan_line_of(sc, name), err))
            return XL_EFAIL;
    }
    return XL_OK;
}

/* "rental/规范租赁/Rental regulation | safety/安全隐患/Safety hazard" → the category table. */
static int parse_categories(const char *spec, xl_category_def *defs, size_t *n, xl_err *err)
{
    char *copy = xl_strdup(spec), *save = NULL;
    int rc = XL_OK;
    *n = 0;
    for (char *tok = strtok_r(copy, "|", &save); tok && rc == XL_OK; tok = strtok_r(NULL, "|", &save)) {
        char *a = xl_trim_inplace(tok), *b = strchr(a, '/'), *c = b ? strchr(b + 1, '/') : NULL;
        if (*n >= XL_CATEGORY_MAX)
            rc = xl_err_set(err, XL_EFAIL, _(CAT_E_COUNT_FMT), XL_CATEGORY_MAX);
        else if (!b || !c)
            rc = xl_err_set(err, XL_EFAIL, _(CAT_E_SHAPE_FMT), a);
        else {
            *b = *c = '\0';
            xl_category_def *d = &defs[(*n)++];
            snprintf(d->key, sizeof d->key, "%s", xl_trim_inplace(a));
            snprintf(d->zh, sizeof d->zh, "%s", xl_trim_inplace(b + 1));
            snprintf(d->en, sizeof d->en, "%s", xl_trim_inplace(c + 1));
        }
    }
    free(copy);
    if (rc == XL_OK && *n == 0)
        rc = xl_err_set(err, XL_EFAIL, _(CAT_E_COUNT_FMT), XL_CATEGORY_MAX);
    return rc;
}

static int apply_categories(const xl_config *c, const scan *sc, const char *path, xl_err *err)
{
    if (!c->categories[0])
        return XL_OK;
    xl_category_def defs[XL_CATEGORY_MAX];
    size_t n = 0;
    xl_err why;
    xl_err_clear(&why);
    if (parse_categories(c->categories, defs, &n, &why) || xl_categories_configure(defs, n, &why))
        return cfg_err(err, path, scan_line_of(sc, "lists:categories"), "categories", "%s", why.msg);
    return XL_OK;
}

int xl_config_load(xl_config *c, const char *path, xl_err *err)
{
    scan sc = {0};
    xl_config tmp = *c;
    int rc = scan_file(&sc, path, err);
    if (rc == XL_OK) {
        iniparser_set_error_callback(quiet_errback);
        dictionary *d = iniparser_load(path);
        if (!d)
            rc = xl_err_set(err, XL_EFAIL, _(CFG_E_PARSE_FMT), path);
        else
            rc = apply_dict(&tmp, d, &sc, path, err);
        if (rc == XL_OK)
            rc = apply_categories(&tmp, &sc, path, err);
        if (d)
            iniparser_freedict(d);
    }
    free(sc.keys);
    if (rc == XL_OK) {
        snprintf(tmp.source, sizeof tmp.source, "%s", path);
        *c = tmp;
    }
    return rc;
}

static int file_exists(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0;
}

int xl_config_find_and_load(xl_config *c, const char *cli_path, xl_err *err)
{
    xl_config_defaults(c);
    if (cli_path) {
        if (!file_exists(cli_path))
            return xl_err_set(err, XL_EFAIL, _(CFG_E_MISSING_FMT), cli_path);
        return xl_config_load(c, cli_path, err);
    }
    char path[PATH_MAX];
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg)
        snprintf(path, sizeof path, "%s/xiangli/xiangli.ini", xdg);
    else
        snprintf(path, sizeof path, "%s/.config/xiangli/xiangli.ini", home_dir());
    if (file_exists(path))
        return xl_config_load(c, path, err);
    if (file_exists("/etc/xiangli/xiangli.ini"))
        return xl_config_load(c, "/etc/xiangli/xiangli.ini", err);
    return XL_OK;
}
