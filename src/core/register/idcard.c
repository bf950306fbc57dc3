/* idcard.c — GB 11643 ID numbers and mobile phone numbers: validation and masking. */
#include "xiangli/idcard.h"

#include <stdio.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/db.h"

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

static int check_birth(const char *id, xl_err *err)
{
    int y = 0, m = 0, d = 0;
    for (int i = 6; i < 10; i++)
        y = y * 10 + (id[i] - '0');
    m = (id[10] - '0') * 10 + (id[11] - '0');
    d = (id[12] - '0') * 10 + (id[13] - '0');
    if (!xl_date_valid_ymd(y, m, d))
        return xl_err_set(err, XL_EFAIL, "birth date %.8s in the ID number is not a real date", id + 6);
    char today[11], birth[24];
    xl_today(today);
    snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
    if (strcmp(birth, today) > 0)
        return xl_err_set(err, XL_EFAIL, "birth date %s in the ID number is in the future", birth);
    return XL_OK;
}

int xl_id_validate(const char *id, char out[19], xl_err *err)
{
    size_t n = id ? strlen(id) : 0;
    if (n != 18)
        return xl_err_set(err, XL_EFAIL, "ID number must have 18 characters, not %zu", n);
    for (int i = 0; i < 17; i++)
        if (!is_digit(id[i]))
            return xl_err_set(err, XL_EFAIL, "ID number character %d is not a digit", i + 1);
    char last = id[17] == 'x' ? 'X' : id[17];
    if (!is_digit(last) && last != 'X')
        return xl_err_set(err, XL_EFAIL, "ID number must end in a digit or X");
    if (check_birth(id, err))
        return XL_EFAIL;
    char want = xl_id_check_char(id);
    if (want != last)
        return xl_err_set(err, XL_EFAIL, "ID number check digit is %c but should be %c (mistyped?)", last, want);
    if (out) {
        memcpy(out, id, 17);
        out[17] = last;
        out[18] = '\0';
    }
    return XL_OK;
}

int xl_phone_validate(const char *phone, xl_err *err)
{
    size_t n = phone ? strlen(phone) : 0;
    if (n != 11)
        return xl_err_set(err, XL_EFAIL, "mobile number must have 11 digits, not %zu", n);
    for (size_t i = 0; i < n; i++)
        if (!is_digit(phone[i]))
            return xl_err_set(err, XL_EFAIL, "mobile number may only hold digits");
    if (phone[0] != '1' || phone[1] < '3')
        return xl_err_set(err, XL_EFAIL, "mobile number must start with 13..19");
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
