/* date.c — calendar dates (day-number conversions after H. Hinnant's public-domain
 * civil-calendar algorithms). */
#include "xiangli/date.h"

#include <stdio.h>
#include <string.h>

#include "xiangli/i18n.h"

int xl_date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int xl_date_valid_ymd(int y, int m, int d)
{
    return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= xl_date_days_in_month(y, m);
}

static int split(const char *s, int *y, int *m, int *d)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int v[8], k = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v[k++] = s[i] - '0';
    }
    *y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    *m = v[4] * 10 + v[5];
    *d = v[6] * 10 + v[7];
    return xl_date_valid_ymd(*y, *m, *d) ? 0 : -1;
}

int xl_date_valid(const char *s)
{
    int y, m, d;
    return split(s, &y, &m, &d) == 0;
}

int xl_date_to_days(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned)d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

void xl_date_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)yoe + era * 400 + (*m <= 2);
}

void xl_date_format(int z, char out[11])
{
    int y, m, d;
    xl_date_from_days(z, &y, &m, &d);
    if (y < 0)
        y = 0;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

int xl_date_parse(const char *s, int *days)
{
    int y, m, d;
    if (split(s, &y, &m, &d))
        return -1;
    *days = xl_date_to_days(y, m, d);
    return 0;
}

/* ---- reading a date as people write it (forms and sheets alike) ---- */

/* Reads min..max digits at *p into *v. 1 ok, 0 not. */
static int read_num(const char **p, int min, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        *v = *v * 10 + (**p - '0');
        (*p)++, n++;
    }
    return n >= min && !(**p >= '0' && **p <= '9');
}

static int eat(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0)
        return 0;
    *p += n;
    return 1;
}

/* An optional " H:MM" or " H:MM:SS" after the date (spreadsheets write one). */
static int time_tail(const char *p, int with_time)
{
    int h, m, s = 0;
    if (*p == '\0')
        return 1;
    if (!with_time || (*p != ' ' && *p != 'T'))
        return 0;
    while (*p == ' ' || *p == 'T')
        p++;
    if (!read_num(&p, 1, 2, &h) || !eat(&p, ":") || !read_num(&p, 2, 2, &m))
        return 0;
    if (eat(&p, ":") && !read_num(&p, 2, 2, &s))
        return 0;
    return *p == '\0' && h <= 23 && m <= 59 && s <= 59;
}

static int eight_digits(const char *s, int *y, int *m, int *d)
{
    if (strlen(s) != 8 || strspn(s, "0123456789") != 8)
        return 0;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[4] - '0') * 10 + (s[5] - '0');
    *d = (s[6] - '0') * 10 + (s[7] - '0');
    return 1;
}

/* 2026-12-6, 2026/12/6, 2026.12.6, 20261206, 2026年12月6日 into y, m, d (unchecked). */
static int read_ymd(const char *s, int with_time, int *y, int *m, int *d)
{
    const char *p = s;
    if (eight_digits(s, y, m, d))
        return 1;
    if (!read_num(&p, 4, 4, y))
        return 0;
    if (eat(&p, "年")) {
        if (!read_num(&p, 1, 2, m) || !eat(&p, "月") || !read_num(&p, 1, 2, d))
            return 0;
        if (!eat(&p, "日"))
            eat(&p, "号");
        return time_tail(p, with_time);
    }
    const char sep[2] = {*p, '\0'};
    if (sep[0] == '\0' || !strchr("-/.", sep[0]))
        return 0;
    p++;
    return read_num(&p, 1, 2, m) && eat(&p, sep) && read_num(&p, 1, 2, d) &&
           time_tail(p, with_time);
}

/* s without its blanks at both ends, into buf; 0 when it does not fit. */
static int trimmed(const char *s, char *buf, size_t size)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n >= size)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return 1;
}

static xl_date_status date_read(const char *in, char out[11], int with_time)
{
    char buf[64];
    int y, m, d;
    if (!in || !trimmed(in, buf, sizeof buf))
        return in ? XL_DATE_SHAPE : XL_DATE_EMPTY;
    if (!buf[0])
        return XL_DATE_EMPTY;
    if (!read_ymd(buf, with_time, &y, &m, &d))
        return XL_DATE_SHAPE;
    if (y < 1900 || y > 2100)
        return XL_DATE_RANGE;
    if (m < 1 || m > 12 || d < 1 || d > xl_date_days_in_month(y, m))
        return XL_DATE_UNREAL;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    return XL_DATE_OK;
}

xl_date_status xl_date_read(const char *in, char out[11])
{
    return date_read(in, out, 0);
}

xl_date_status xl_date_read_stamp(const char *in, char out[11])
{
    return date_read(in, out, 1);
}

const char *xl_date_problem(xl_date_status st)
{
    switch (st) {
    case XL_DATE_OK: return "";
    case XL_DATE_EMPTY: return _(DATE_E_EMPTY);
    case XL_DATE_RANGE: return _(DATE_E_RANGE);
    case XL_DATE_UNREAL: return _(DATE_E_UNREAL);
    default: return _(DATE_E_SHAPE);
    }
}

int xl_date_normalize(char *s, size_t size)
{
    char out[11];
    if (size < 11 || xl_date_read(s, out) != XL_DATE_OK)
        return 0;
    memcpy(s, out, 11);
    return 1;
}
