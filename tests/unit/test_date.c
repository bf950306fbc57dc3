/* test_date.c — calendar dates. */
#include "testutil.h"

#include <string.h>

#include "xiangli/date.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(date__valid__calendar_rules),
        cmocka_unit_test(date__days__round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
