/* idcard.c — GB 11643 ID numbers and mobile phone numbers: validation and masking. */
#include "xiangli/idcard.h"

#include <stdio.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/db.h"
#include "xiangli/i18n.h"

static const int id_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char id_checks[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

static int is_digit(char c) { return c >= '0' && c <= '9'; }

char xl_id_check_char(const char *first17)
{
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!is_digit(first17[i]))
            return '?';
        sum += (first17[i] - '0') * id_weights[i];
    }
    return id_checks[sum % 11];
}

static int birth(const char *id, int *y, int *m, int *d)
{
    *y = 0;
    for (int i = 6; i < 10; i++)
        *y = *y * 10 + (id[i] - '0');
    *m = (id[10] - '0') * 10 + (id[11] - '0');
    *d = (id[12] - '0') * 10 + (id[13] - '0');
    return 0;
}

static xl_id_status birth_status(const char *id, const char *today)
{
    int y, m, d;
    char own[11], when[24];
    birth(id, &y, &m, &d);
    if (y < XL_ID_EARLIEST_YEAR)
        return XL_ID_BIRTH_OLD;
    if (!xl_date_valid_ymd(y, m, d))
        return XL_ID_BIRTH_BAD;
    if (!today) {
        xl_today(own);
        today = own;
    }
    snprintf(when, sizeof when, "%04d-%02d-%02d", y, m, d);
    return strcmp(when, today) > 0 ? XL_ID_BIRTH_FUTURE : XL_ID_OK;
}

xl_id_status xl_id_check(const char *id) { return xl_id_check_on(id, NULL); }

xl_id_status xl_id_check_on(const char *id, const char *today)
{
    size_t n = id ? strlen(id) : 0;
    if (n != 18)
        return XL_ID_LENGTH;
    for (int i = 0; i < 17; i++)
        if (!is_digit(id[i]))
            return XL_ID_CHARS;
    char last = id[17] == 'x' ? 'X' : id[17];
    if (!is_digit(last) && last != 'X')
        return XL_ID_CHARS;
    if (!xl_id_province(id))
        return XL_ID_REGION;
    xl_id_status st = birth_status(id, today);
    if (st != XL_ID_OK)
        return st;
    return xl_id_check_char(id) == last ? XL_ID_OK : XL_ID_CHECK;
}

void xl_id_problem(const char *id, xl_id_status st, char *msg, size_t size)
{
    char when[16] = "";
    if (st >= XL_ID_REGION)
        snprintf(when, sizeof when, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
    switch (st) {
    case XL_ID_OK: snprintf(msg, size, "%s", ""); break;
    case XL_ID_LENGTH: snprintf(msg, size, _(REG_E_ID_LEN_FMT), id ? (int)strlen(id) : 0); break;
    case XL_ID_CHARS: snprintf(msg, size, "%s", _(REG_E_ID_CHARS)); break;
    case XL_ID_REGION: snprintf(msg, size, "%s", _(ID_E_REGION)); break;
    case XL_ID_BIRTH_OLD: snprintf(msg, size, _(ID_E_BIRTH_OLD_FMT), id + 6); break;
    case XL_ID_BIRTH_BAD: snprintf(msg, size, _(REG_E_ID_BIRTH_FMT), when); break;
    case XL_ID_BIRTH_FUTURE: snprintf(msg, size, _(REG_E_ID_FUTURE_FMT), when); break;
    default: snprintf(msg, size, "%s", _(ID_E_CHECK)); break;
    }
}

int xl_id_validate(const char *id, char out[19], xl_err *err) { return xl_id_validate_on(id, NULL, out, err); }

int xl_id_validate_on(const char *id, const char *today, char out[19], xl_err *err)
{
    char msg[256];
    xl_id_status st = xl_id_check_on(id, today);
    if (st != XL_ID_OK) {
        xl_id_problem(id, st, msg, sizeof msg);
        return xl_err_set(err, XL_EFAIL, "%s", msg);
    }
    if (out) {
        memcpy(out, id, 17);
        out[17] = id[17] == 'x' ? 'X' : id[17];
        out[18] = '\0';
    }
    return XL_OK;
}

int xl_phone_validate(const char *phone, xl_err *err)
{
    size_t n = phone ? strlen(phone) : 0;
    if (n != 11)
        return xl_err_set(err, XL_EFAIL, _(REG_E_PHONE_LEN_FMT), (int)n);
    for (size_t i = 0; i < n; i++)
        if (!is_digit(phone[i]))
            return xl_err_set(err, XL_EFAIL, "%s", _(REG_E_PHONE_CHARS));
    if (phone[0] != '1' || phone[1] < '3')
        return xl_err_set(err, XL_EFAIL, "%s", _(REG_E_PHONE_PREFIX));
    return XL_OK;
}

static void mask_keep(const char *s, char *out, size_t size, size_t head, size_t tail)
{
    if (size == 0)
        return;
    size_t n = s ? strlen(s) : 0;
    size_t i = 0;
    for (; i < n && i + 1 < size; i++) {
        int visible = n >= head + tail + 1 && (i < head || i >= n - tail);
        out[i] = visible ? s[i] : '*';
    }
    out[i] = '\0';
}

void xl_mask_id(const char *id, char *out, size_t size) { mask_keep(id, out, size, 3, 4); }
void xl_mask_phone(const char *phone, char *out, size_t size) { mask_keep(phone, out, size, 3, 4); }
