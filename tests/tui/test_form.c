/* test_form.c — the form widget's text field (src/ui/form.c): editing by characters (a
 * Chinese character is one character, two columns), the cursor placed by columns, the box
 * scrolling to keep the cursor in view; checked in a curses window that is never shown. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "offscreen.h"

#include "ui/widget/form.h"
#include "ui/keys.h"

static ui_field text_field(int width, int max_chars, int (*accept)(uint32_t))
{
    ui_field fl;
    memset(&fl, 0, sizeof fl);
    fl.kind = UI_FIELD_TEXT;
    fl.width = width;
    fl.max_chars = max_chars;
    fl.accept = accept;
    return fl;
}

static void type(ui_field *fl, const int *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ui_field_edit(fl, keys[i]);
}

static int digits_only(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static void form__edit__backspace_removes_one_chinese_character(void **state)
{
    ui_field fl = text_field(16, 32, NULL);
    const int keys[] = {0x738B, 0x5C0F, 0x6885}; /* 王小梅 */
    (void)state;
    type(&fl, keys, 3);
    assert_string_equal(fl.text, "王小梅");
    assert_int_equal(ui_field_edit(&fl, 127), 1);
    assert_string_equal(fl.text, "王小");
    assert_int_equal(fl.cur, strlen("王小"));
}

static void form__edit__insert_in_the_middle(void **state)
{
    ui_field fl = text_field(16, 32, NULL);
    (void)state;
    ui_field_set(&fl, "王梅");
    assert_int_equal(ui_field_edit(&fl, UI_KEY_FN(KEY_LEFT)), 0);
    assert_int_equal(ui_field_edit(&fl, 0x5C0F), 1);
    assert_string_equal(fl.text, "王小梅");
    assert_int_equal(ui_field_edit(&fl, UI_KEY_FN(KEY_HOME)), 0);
    assert_int_equal(ui_field_edit(&fl, UI_KEY_FN(KEY_DC)), 1);
    assert_string_equal(fl.text, "小梅");
}

static void form__edit__limits_and_filter(void **state)
{
    ui_field fl = text_field(6, 3, digits_only);
    const int keys[] = {'1', 'a', '2', 0x738B, '3', '4'};
    (void)state;
    type(&fl, keys, sizeof keys / sizeof keys[0]);
    assert_string_equal(fl.text, "123");
    assert_int_equal(ui_field_edit(&fl, 'U' & 0x1f), 1);
    assert_string_equal(fl.text, "");
    assert_int_equal(ui_field_edit(&fl, UI_KEY_FN(KEY_F(2))), -1);
}

static void form__set__cuts_to_max_chars_without_splitting(void **state)
{
    ui_field fl = text_field(10, 2, NULL);
    (void)state;
    ui_field_set(&fl, "王小梅");
    assert_string_equal(fl.text, "王小");
    assert_int_equal(fl.cur, strlen("王小"));
}

static void form__draw__cursor_counts_columns(void **state)
{
    WINDOW *w = newwin(3, 40, 0, 0);
    ui_field fl = text_field(12, 32, NULL);
    (void)state;
    ui_field_set(&fl, "王a小");
    assert_int_equal(ui_field_draw_text(w, 1, 5, &fl, 1), 5 + 5);
    delwin(w);
}

static void form__draw__scrolls_to_keep_the_cursor_in_the_box(void **state)
{
    WINDOW *w = newwin(3, 40, 0, 0);
    ui_field fl = text_field(10, 64, NULL);
    (void)state;
    ui_field_set(&fl, "一二三四五六七八九十甲乙丙丁");
    int cx = ui_field_draw_text(w, 1, 2, &fl, 1);
    assert_true(cx >= 2 && cx < 2 + 10);
    ui_field_edit(&fl, UI_KEY_FN(KEY_HOME));
    assert_int_equal(ui_field_draw_text(w, 1, 2, &fl, 1), 2);
    delwin(w);
}

static void form__printable__keys(void **state)
{
    (void)state;
    assert_true(ui_key_printable('q'));
    assert_true(ui_key_printable(0x738B));
    assert_false(ui_key_printable('\t'));
    assert_false(ui_key_printable(127));
    assert_false(ui_key_printable(UI_KEY_FN(KEY_UP)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(form__edit__backspace_removes_one_chinese_character),
        cmocka_unit_test(form__edit__insert_in_the_middle),
        cmocka_unit_test(form__edit__limits_and_filter),
        cmocka_unit_test(form__set__cuts_to_max_chars_without_splitting),
        cmocka_unit_test(form__draw__cursor_counts_columns),
        cmocka_unit_test(form__draw__scrolls_to_keep_the_cursor_in_the_box),
        cmocka_unit_test(form__printable__keys),
    };
    return cmocka_run_group_tests(tests, offscreen_setup, offscreen_teardown);
}
