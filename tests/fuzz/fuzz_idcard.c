/* fuzz_idcard.c — libFuzzer target: ID-number and phone validation and masking on
 * arbitrary strings. A valid ID must normalise to 18 characters that validate again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/idcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_valid_id(const char *norm)
{
    xl_err err;
    if (strlen(norm) != 18 || strspn(norm, "0123456789") < 17)
        abort();
    if (norm[17] != 'X' && (norm[17] < '0' || norm[17] > '9'))
        abort();
    if (xl_id_check_char(norm) != norm[17] || xl_id_validate(norm, NULL, &err) != XL_OK)
        abort();
}

/* idcard.h: first 3 and last 4 visible, the rest '*'; shorter than 8: all '*'. */
static void check_stars(const char *s, const char *out)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        int visible = n >= 8 && (i < 3 || i >= n - 4);
        if (visible ? out[i] != s[i] : out[i] != '*')
            abort();
    }
}

static void check_mask(const char *s, void (*mask)(const char *, char *, size_t))
{
    static const size_t sizes[] = {1, 2, 8, 12, 19, 64};
    char out[64];
    mask(s, out, 0);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        memset(out, 0x55, sizeof out);
        mask(s, out, sizes[i]);
        size_t n = strnlen(out, sizes[i]);
        if (n >= sizes[i] || n > strlen(s))
            abort();
        if (n == strlen(s))
            check_stars(s, out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s[64], norm[19];
    xl_err err;
    size_t n = size < sizeof s - 1 ? size : sizeof s - 1;
    memcpy(s, data, n);
    s[n] = '\0';
    if (xl_id_validate(s, norm, &err) == XL_OK)
        check_valid_id(norm);
    if (strlen(s) >= 17)
        (void)xl_id_check_char(s);
    (void)xl_phone_validate(s, &err);
    (void)xl_id_validate(NULL, NULL, NULL);
    check_mask(s, xl_mask_id);
    check_mask(s, xl_mask_phone);
    return 0;
}
