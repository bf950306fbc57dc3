/* test_config.c — the config file: values, defaults and clear refusals. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xiangli/config.h"
#include "xiangli/lists.h"
#include "xiangli/mem.h"

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = tu_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(dir);
    return 0;
}

static int load_text(const char *text, xl_config *c, xl_err *e)
{
    char *path = tu_write_file(dir, "x.ini", text);
    xl_config_defaults(c);
    int rc = xl_config_load(c, path, e);
    free(path);
    return rc;
}

static void config__load__reads_every_section(void **state)
{
    (void)state;
    xl_config c;
    xl_err e;
    assert_int_equal(load_text("[community]\nname = 测试小区\ndatabase = /tmp/x.db\noperator = duty1\n"
                               "[ui]\nlanguage = en\ntheme = mono\nmap_overlay = party\nmouse = no\n"
                               "[signin]\nurl_template = https://a.example/s/{building}?t={token}\n"
                               "ec_level = H\nqr_style = fullwidth\n"
                               "[register]\nstale_days = 90\n[backup]\ndirectory = /tmp/bk\n", &c, &e), XL_OK);
    assert_string_equal(c.community, "测试小区");
    assert_string_equal(c.db_path, "/tmp/x.db");
    assert_string_equal(c.operator_login, "duty1");
    assert_string_equal(c.lang, "en");
    assert_string_equal(c.theme, "mono");
    assert_string_equal(c.map_overlay, "party");
    assert_int_equal(c.mouse, 0);
    assert_string_equal(c.url_template, "https://a.example/s/{building}?t={token}");
    assert_string_equal(c.qr_ec, "H");
    assert_string_equal(c.qr_style, "fullwidth");
    assert_int_equal(c.stale_days, 90);
    assert_string_equal(c.backup_dir, "/tmp/bk");
}

static void config__defaults__sane(void **state)
{
    (void)state;
    xl_config c;
    xl_config_defaults(&c);
    assert_string_equal(c.qr_ec, "M");
    assert_string_equal(c.map_overlay, "rate");
    assert_int_equal(c.stale_days, 180);
    assert_non_null(strstr(c.db_path, "xiangli.db"));
}

static void expect_error(const char *text, const char *needle1, const char *needle2)
{
    xl_config c;
    xl_err e;
    xl_err_clear(&e);
    xl_config_defaults(&c);
    xl_config before = c;
    char *path = tu_write_file(dir, "bad.ini", text);
    assert_int_equal(xl_config_load(&c, path, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, path));
    if (!strstr(e.msg, needle1) || (needle2 && !strstr(e.msg, needle2)))
        fail_msg("message '%s' lacks '%s' / '%s'", e.msg, needle1, needle2 ? needle2 : "");
    assert_memory_equal(&c, &before, sizeof c); /* nothing half-applied */
    free(path);
}

static void config__load__unknown_key_names_line_and_key(void **state)
{
    (void)state;
    expect_error("[ui]\ntheme = mono\ncolour = red\n", " 第 3 行", "colour");
}

static void config__load__line_without_equals(void **state)
{
    (void)state;
    expect_error("[ui]\n\nlanguage zh\n", " 第 3 行", "language");
}

static void config__load__bad_number(void **state)
{
    (void)state;
    expect_error("[register]\nstale_days = lots\n", " 第 2 行", "stale_days");
    expect_error("[register]\nstale_days = 0\n", " 第 2 行", "stale_days");
    expect_error("[register]\nstale_days = 99999999999999999999\n", " 第 2 行", "stale_days");
}

static void config__load__bad_enum_and_bool(void **state)
{
    (void)state;
    expect_error("[signin]\nec_level = X\n", " 第 2 行", "ec_level");
    expect_error("[ui]\nmouse = maybe\n", " 第 2 行", "mouse");
}

static void config__load__key_outside_section(void **state)
{
    (void)state;
    expect_error("language = zh\n", " 第 1 行", "language");
}

static void config__load__missing_file(void **state)
{
    (void)state;
    xl_config c;
    xl_err e;
    assert_int_equal(xl_config_find_and_load(&c, "/nonexistent/xiangli.ini", &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "/nonexistent/xiangli.ini"));
}

static void config__find__xdg_then_defaults(void **state)
{
    (void)state;
    char *xdir = xl_asprintf("%s/xdg", dir);
    char *sub = xl_asprintf("%s/xiangli", xdir);
    assert_int_equal(mkdir(xdir, 0700) == 0 || 1, 1);
    mkdir(sub, 0700);
    char *path = tu_write_file(sub, "xiangli.ini", "[ui]\ntheme = dark\n");
    setenv("XDG_CONFIG_HOME", xdir, 1);
    xl_config c;
    xl_err e;
    assert_int_equal(xl_config_find_and_load(&c, NULL, &e), XL_OK);
    assert_string_equal(c.theme, "dark");
    assert_string_equal(c.source, path);
    unlink(path);
    assert_int_equal(xl_config_find_and_load(&c, NULL, &e), XL_OK);
    assert_string_equal(c.theme, "default");
    unsetenv("XDG_CONFIG_HOME");
    free(path);
    free(sub);
    free(xdir);
}

static void config__shipped_file__loads(void **state)
{
    (void)state;
    xl_config c;
    xl_err e;
    xl_config_defaults(&c);
    if (xl_config_load(&c, XL_SOURCE_DIR "/config/xiangli.ini", &e) != XL_OK)
        fail_msg("%s", e.msg);
    assert_string_equal(c.lang, "zh");
}

static void config__categories__replace_table_or_refuse_with_line(void **state)
{
    (void)state;
    xl_config c;
    xl_err e;
    assert_int_equal(load_text("[lists]\ncategories = water/用水/Water | fire/消防/Fire\n"
                               "[roundtable]\nstale_days = 200\n", &c, &e), XL_OK);
    assert_int_equal(xl_category_count(), 2);
    assert_string_equal(xl_category_key(1), "fire");
    assert_int_equal(c.roundtable_days, 200);
    expect_error("[lists]\n\ncategories = water-only\n", " 第 3 行", "categories");
    assert_int_equal(xl_category_count(), 2); /* unchanged by the refused file */
    xl_categories_reset();
    assert_int_equal(xl_category_count(), 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(config__load__reads_every_section),
        cmocka_unit_test(config__defaults__sane),
        cmocka_unit_test(config__load__unknown_key_names_line_and_key),
        cmocka_unit_test(config__load__line_without_equals),
        cmocka_unit_test(config__load__bad_number),
        cmocka_unit_test(config__load__bad_enum_and_bool),
        cmocka_unit_test(config__load__key_outside_section),
        cmocka_unit_test(config__load__missing_file),
        cmocka_unit_test(config__find__xdg_then_defaults),
        cmocka_unit_test(config__shipped_file__loads),
        cmocka_unit_test(config__categories__replace_table_or_refuse_with_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
