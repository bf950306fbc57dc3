/* test_idcard.c — GB 11643 validation and masking. */
#include "testutil.h"

#include <string.h>

#include "xiangli/i18n.h"
#include "xiangli/idcard.h"

/* 11010519491231002X is the standard's published example. */
static void idcard__validate__published_example(void **state)
{
    (void)state;
    char out[19];
    xl_err e;
    assert_int_equal(xl_id_validate("11010519491231002X", out, &e), XL_OK);
    assert_string_equal(out, "11010519491231002X");
    assert_int_equal(xl_id_validate("11010519491231002x", out, &e), XL_OK);
    assert_string_equal(out, "11010519491231002X"); /* lower-case x normalised */
    assert_int_equal(xl_id_check_char("11010519491231002"), 'X');
}

static void idcard__validate__bad_check_digit(void **state)
{
    (void)state;
    xl_err e;
    assert_int_equal(xl_id_validate("110105194912310021", NULL, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "check character"));
    assert_null(strstr(e.msg, "X")); /* the right character is not given away */
}

static void idcard__validate__length_and_characters(void **state)
{
    (void)state;
    xl_err e;
    assert_int_equal(xl_id_validate("1101051949123100", NULL, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "18"));
    assert_int_equal(xl_id_validate("1101051949123100AX", NULL, &e), XL_EFAIL);
    assert_int_equal(xl_id_validate(NULL, NULL, &e), XL_EFAIL);
    assert_int_equal(xl_id_validate("", NULL, &e), XL_EFAIL);
}

static void make_id(const char *first17, char out[19])
{
    memcpy(out, first17, 17);
    out[17] = xl_id_check_char(first17);
    out[18] = '\0';
}

static void idcard__validate__birth_date(void **state)
{
    (void)state;
    char id[19];
    xl_err e;
    make_id("31011720000229001", id); /* 2000-02-29 is real */
    assert_int_equal(xl_id_validate(id, NULL, &e), XL_OK);
    make_id("31011719000229001", id); /* 1900 was not a leap year */
    assert_int_equal(xl_id_validate(id, NULL, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "Birth date"));
    make_id("31011720261126001", id); /* tomorrow, with XIANGLI_TODAY=2026-11-25 */
    assert_int_equal(xl_id_validate(id, NULL, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "after today"));
    make_id("31011720261125001", id); /* born today */
    assert_int_equal(xl_id_validate(id, NULL, &e), XL_OK);
    make_id("31011720231301001", id); /* month 13 */
    assert_int_equal(xl_id_validate(id, NULL, &e), XL_EFAIL);
}

/* Checked against python-stdnum's cn.ric: the region part must be a province at least. */
static void idcard__validate__region(void **state)
{
    (void)state;
    char id[19];
    xl_err e;
    make_id("99010119950314123", id);
    assert_int_equal(xl_id_validate(id, NULL, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "province code"));
    make_id("00000019950314123", id);
    assert_int_equal(xl_id_check(id), XL_ID_REGION);
    make_id("81000019950314123", id); /* Hong Kong residents' residence permit */
    assert_int_equal(xl_id_check(id), XL_ID_OK);
    assert_string_equal(xl_id_province(id), "香港");
    make_id("83000019950314123", id);
    assert_string_equal(xl_id_province(id), "台湾");
    make_id("31022719650314123", id); /* the former Songjiang county: retired, accepted */
    assert_int_equal(xl_id_check(id), XL_ID_OK);
    assert_false(xl_id_region_known(id));
    char warn[256];
    xl_id_region_warning(id, warn, sizeof warn);
    assert_non_null(strstr(warn, "310227"));
    make_id("34122119950314123", id); /* 临泉县, Anhui: in the list */
    assert_true(xl_id_region_known(id));
    assert_string_equal(xl_id_province(id), "安徽");
    xl_id_region_warning(id, warn, sizeof warn);
    assert_string_equal(warn, "");
    make_id("31011718900314123", id); /* born 1890: implausible, not "not a real date" */
    assert_int_equal(xl_id_check(id), XL_ID_BIRTH_OLD);
}

static void phone__validate(void **state)
{
    (void)state;
    xl_err e;
    assert_int_equal(xl_phone_validate("13812345678", &e), XL_OK);
    assert_int_equal(xl_phone_validate("1381234567", &e), XL_EFAIL);
    assert_int_equal(xl_phone_validate("12812345678", &e), XL_EFAIL);
    assert_int_equal(xl_phone_validate("1381234567a", &e), XL_EFAIL);
    assert_int_equal(xl_phone_validate(NULL, &e), XL_EFAIL);
}

static void mask__first3_last4(void **state)
{
    (void)state;
    char out[32];
    xl_mask_id("11010519491231002X", out, sizeof out);
    assert_string_equal(out, "110***********002X");
    xl_mask_phone("13812345678", out, sizeof out);
    assert_string_equal(out, "138****5678");
    xl_mask_phone("1234567", out, sizeof out);
    assert_string_equal(out, "*******");
    xl_mask_phone(NULL, out, sizeof out);
    assert_string_equal(out, "");
    xl_mask_id("11010519491231002X", out, 8); /* truncated buffer still terminated */
    assert_int_equal(strlen(out), 7);
}

int main(void)
{
    xl_i18n_set_lang("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(idcard__validate__published_example),
        cmocka_unit_test(idcard__validate__bad_check_digit),
        cmocka_unit_test(idcard__validate__length_and_characters),
        cmocka_unit_test(idcard__validate__birth_date),
        cmocka_unit_test(idcard__validate__region),
        cmocka_unit_test(phone__validate),
        cmocka_unit_test(mask__first3_last4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
