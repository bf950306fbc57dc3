/* criteria.c — the assessment's criteria file (assess.h): [assessment] version and date,
 * then one section per criterion with name, name_en and weight. Read line by line so a
 * problem names the file, line and key. */
#include "xiangli/assess.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/datadir.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/text.h"

typedef struct parse_state {
    const char *path;
    int line;
    char section[40];
    xl_criteria *out;
    size_t cap;
} parse_state;

static int bad(parse_state *ps, const char *key, const char *why, xl_err *err)
{
    return xl_err_set(err, XL_EFAIL, _(CRIT_LINE_FMT), ps->path, ps->line, key, why);
}

static int key_ok(const char *k)
{
    size_t n = strlen(k);
    if (n == 0 || n > 32)
        return 0;
    for (; *k; k++)
        if (!(islower((unsigned char)*k) || isdigit((unsigned char)*k) || *k == '_'))
            return 0;
    return 1;
}

static int open_section(parse_state *ps, char *s, xl_err *err)
{
    char *end = strchr(s, ']');
    if (!end || *xl_trim_inplace(end + 1))
        return bad(ps, s, _(CRIT_NO_BRACKET), err);
    *end = '\0';
    char *name = xl_trim_inplace(s + 1);
    if (strcmp(name, "assessment") != 0 && !key_ok(name))
        return bad(ps, name, _(CRIT_BAD_KEY), err);
    if (strcmp(name, "assessment") != 0 && xl_criteria_find(ps->out, name) >= 0)
        return bad(ps, name, _(CRIT_DUPLICATE), err);
    snprintf(ps->section, sizeof ps->section, "%s", name);
    if (strcmp(name, "assessment") == 0)
        return XL_OK;
    XL_GROW(ps->out->c, ps->out->n, ps->cap);
    xl_criterion *c = &ps->out->c[ps->out->n++];
    memset(c, 0, sizeof *c);
    snprintf(c->key, sizeof c->key, "%s", name);
    return XL_OK;
}

static int set_meta(parse_state *ps, const char *k, const char *v, xl_err *err)
{
    if (strcmp(k, "version") == 0 && strlen(v) > 0 && strlen(v) < sizeof ps->out->version)
        snprintf(ps->out->version, sizeof ps->out->version, "%s", v);
    else if (strcmp(k, "date") == 0 && xl_date_valid(v))
        snprintf(ps->out->date, sizeof ps->out->date, "%s", v);
    else if (strcmp(k, "date") == 0)
        return bad(ps, k, _(CRIT_BAD_DATE), err);
    else
        return bad(ps, k, strcmp(k, "version") ? _(CRIT_UNKNOWN_KEY) : _(CRIT_BAD_VERSION), err);
    return XL_OK;
}

static int set_field(parse_state *ps, const char *k, const char *v, xl_err *err)
{
    xl_criterion *c = &ps->out->c[ps->out->n - 1];
    if (strcmp(k, "name") == 0 || strcmp(k, "name_en") == 0) {
        char *dst = k[4] ? c->name_en : c->name;
        if (!*v || strlen(v) >= sizeof c->name)
            return bad(ps, k, _(CRIT_BAD_NAME), err);
        xl_strlcpy_utf8(dst, v, sizeof c->name);
        return XL_OK;
    }
    if (strcmp(k, "weight") != 0)
        return bad(ps, k, _(CRIT_UNKNOWN_FIELD), err);
    char *end;
    errno = 0;
    long w = strtol(v, &end, 10);
    if (!*v || *end || errno || w < 1 || w > 100)
        return bad(ps, k, _(CRIT_BAD_WEIGHT), err);
    c->weight = (int)w;
    return XL_OK;
}

static int parse_line(parse_state *ps, char *s, xl_err *err)
{
    s = xl_trim_inplace(s);
    if (!*s || *s == ';' || *s == '#')
        return XL_OK;
    if (*s == '[')
        return open_section(ps, s, err);
    char *eq = strchr(s, '=');
    if (!eq)
        return bad(ps, s, _(CRIT_NO_EQUALS), err);
    *eq = '\0';
    char *k = xl_trim_inplace(s), *v = xl_trim_inplace(eq + 1);
    if (!ps->section[0])
        return bad(ps, k, _(CRIT_OUTSIDE), err);
    if (strcmp(ps->section, "assessment") == 0)
        return set_meta(ps, k, v, err);
    return set_field(ps, k, v, err);
}

static int check_complete(parse_state *ps, xl_err *err)
{
    if (ps->out->n == 0)
        return xl_err_set(err, XL_EFAIL, _(CRIT_EMPTY_FMT), ps->path);
    for (size_t i = 0; i < ps->out->n; i++)
        if (!ps->out->c[i].name[0] || ps->out->c[i].weight == 0)
            return xl_err_set(err, XL_EFAIL, _(CRIT_INCOMPLETE_FMT), ps->path,
                              ps->out->c[i].key);
    return XL_OK;
}

int xl_criteria_parse(const char *path, xl_criteria *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    snprintf(out->source, sizeof out->source, "%s", path);
    FILE *f = fopen(path, "r");
    if (!f)
        return xl_err_set(err, XL_EFAIL, _(CRIT_READ_FMT), path);
    parse_state ps = {.path = path, .out = out};
    char buf[1024];
    int rc = XL_OK;
    while (rc == XL_OK && fgets(buf, sizeof buf, f)) {
        ps.line++;
        rc = parse_line(&ps, buf, err);
    }
    fclose(f);
    if (rc == XL_OK)
        rc = check_complete(&ps, err);
    if (rc != XL_OK)
        xl_criteria_release(out);
    return rc;
}

int xl_criteria_load(xl_db *db, xl_criteria *out, xl_err *err)
{
    char path[4096];
    int local = 0;
    if (xl_datadir_find(db, "assessment/criteria.ini", path, sizeof path, &local) != XL_OK)
        return xl_err_set(err, XL_EFAIL, _(CRIT_MISSING_FMT), path);
    int rc = xl_criteria_parse(path, out, err);
    out->local = local;
    return rc;
}

void xl_criteria_release(xl_criteria *c)
{
    free(c->c);
    c->c = NULL;
    c->n = 0;
}

int xl_criteria_find(const xl_criteria *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->c[i].key, key) == 0)
            return (int)i;
    return -1;
}
