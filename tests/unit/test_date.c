/* test_date.c — calendar dates. */
#include "testutil.h"

#include <string.h>

#include "xiangli/date.h"
#include "xiangli/i18n.h"

static void date__valid__calendar_rules(void **state)
{
    (void)state;
    assert_true(xl_date_valid("2024-02-29"));
    assert_false(xl_date_valid("2023-02-29"));
    assert_false(xl_date_valid("1900-02-29")); /* not a leap year */
    assert_true(xl_date_valid("2000-02-29"));  /* is one */
    assert_false(xl_date_valid("2024-04-31"));
    assert_false(xl_date_valid("2024-13-01"));
    assert_false(xl_date_valid("2024-1-05"));
    assert_false(xl_date_valid("1899-12-31"));
    assert_false(xl_date_valid(NULL));
    assert_false(xl_date_valid("2024-01-0x"));
}

static void date__days__round_trip(void **state)
{
    (void)state;
    assert_int_equal(xl_date_to_days(1970, 1, 1), 0);
    assert_int_equal(xl_date_to_days(2026, 11, 25) - xl_date_to_days(2026, 11, 24), 1);
    assert_int_equal(xl_date_to_days(2025, 3, 1) - xl_date_to_days(2025, 2, 28), 1);
    char out[11];
    for (int z = xl_date_to_days(1900, 1, 1); z < xl_date_to_days(2100, 1, 1); z += 37) {
        int days;
        xl_date_format(z, out);
        assert_int_equal(xl_date_parse(out, &days), 0);
        assert_int_equal(days, z);
    }
    xl_date_format(xl_date_to_days(2024, 2, 29), out);
    assert_string_equal(out, "2024-02-29");
}

static void check_read(const char *in, const char *want)
{
    char out[11] = "";
    if (xl_date_read(in, out) != XL_DATE_OK)
        fail_msg("%s: not read", in);
    assert_string_equal(out, want);
}

/* The one reader every form and sheet uses: the ways people write a date. */
static void date__read__ways_people_write(void **state)
{
    (void)state;
    check_read("20261206", "2026-12-06");
    check_read("2026/12/6", "2026-12-06");
    check_read("2026.12.6", "2026-12-06");
    check_read("2026-12-6", "2026-12-06");
    check_read("2026-12-06", "2026-12-06");
    check_read(" 2026年12月6日 ", "2026-12-06");
    check_read("2024.2.29", "2024-02-29");
}

static void date__read__refusals(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(xl_date_read("", out), XL_DATE_EMPTY);
    assert_int_equal(xl_date_read("2026-12", out), XL_DATE_SHAPE);
    assert_int_equal(xl_date_read("2026/12-6", out), XL_DATE_SHAPE);
    assert_int_equal(xl_date_read("2026-12-06 10:00", out), XL_DATE_SHAPE);
    assert_int_equal(xl_date_read_stamp("2026-12-06 10:00", out), XL_DATE_OK);
    assert_int_equal(xl_date_read("2023.2.29", out), XL_DATE_UNREAL);
    assert_int_equal(xl_date_read("18900101", out), XL_DATE_RANGE);
    xl_i18n_set_lang("zh");
    assert_string_equal(xl_date_problem(XL_DATE_SHAPE), "请按 2026-12-06 的格式填写");
    assert_null(strstr(xl_date_problem(XL_DATE_UNREAL), "YYYY"));
    char s[16] = "2026.12.6";
    assert_true(xl_date_normalize(s, sizeof s));
    assert_string_equal(s, "2026-12-06");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(date__valid__calendar_rules),
        cmocka_unit_test(date__days__round_trip),
        cmocka_unit_test(date__read__ways_people_write),
        cmocka_unit_test(date__read__refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
