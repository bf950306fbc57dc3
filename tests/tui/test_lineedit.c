/* test_lineedit.c — the one line editor (src/ui/widget/lineedit.c) that the status-line
 * prompt and the form's fields share: Chinese typed as characters, the cursor moved over
 * double-width characters and shown by columns, deletion on either side of the cursor,
 * the limits in characters and in bytes; drawn in a curses window that is never shown. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "offscreen.h"

#include "ui/keys.h"
#include "ui/widget/lineedit.h"

static char buf[64];

static ui_lineedit make(size_t size, int max_chars)
{
    buf[0] = '\0';
    return (ui_lineedit){.text = buf, .size = size, .max_chars = max_chars};
}

static void type(ui_lineedit *le, const wchar_t *s)
{
    for (; *s; s++)
        ui_lineedit_key(le, (int)*s);
}

static void lineedit__type__chinese_is_one_character_each(void **state)
{
    (void)state;
    ui_lineedit le = make(sizeof buf, 0);
    type(&le, L"张三a");
    assert_string_equal(buf, "张三a");
    assert_int_equal(le.cur, strlen("张三a"));
    assert_int_equal(ui_lineedit_chars(buf), 3);
    assert_int_equal(ui_lineedit_span_width(buf, le.cur), 5);
    assert_int_equal(ui_lineedit_key(&le, UI_KEY_FN(KEY_F(5))), -1);
}

static void lineedit__cursor__moves_over_double_width(void **state)
{
    (void)state;
    ui_lineedit le = make(sizeof buf, 0);
    WINDOW *w = newwin(1, 40, 0, 0);
    type(&le, L"张三");
    assert_int_equal(ui_lineedit_key(&le, UI_KEY_FN(KEY_LEFT)), 0);
    assert_int_equal(le.cur, 3); /* before 三, never inside it */
    assert_int_equal(ui_lineedit_draw(w, 0, 2, 20, &le, 0), 4);
    ui_lineedit_key(&le, UI_KEY_FN(KEY_HOME));
    assert_int_equal(ui_lineedit_draw(w, 0, 2, 20, &le, 0), 2);
    ui_lineedit_key(&le, UI_KEY_FN(KEY_LEFT)); /* at the start: stays */
    assert_int_equal(le.cur, 0);
    ui_lineedit_key(&le, 'E' & 0x1f);
    assert_int_equal(le.cur, strlen("张三"));
    ui_lineedit_key(&le, UI_KEY_FN(KEY_RIGHT)); /* at the end: stays */
    assert_int_equal(le.cur, strlen("张三"));
    ui_lineedit_key(&le, UI_KEY_FN(KEY_LEFT));
    type(&le, L"小");
    assert_string_equal(buf, "张小三");
    delwin(w);
}

static void lineedit__draw__scrolls_to_keep_the_cursor(void **state)
{
    (void)state;
    ui_lineedit le = make(sizeof buf, 0);
    WINDOW *w = newwin(1, 40, 0, 0);
    type(&le, L"一二三四五六");
    int x = ui_lineedit_draw(w, 0, 0, 6, &le, 0);
    assert_true(x <= 5); /* inside the box, the cursor cell included */
    assert_true(le.scroll > 0);
    assert_int_equal(le.scroll % 3, 0); /* a whole character is scrolled off */
    ui_lineedit_key(&le, UI_KEY_FN(KEY_HOME));
    assert_int_equal(ui_lineedit_draw(w, 0, 0, 6, &le, 0), 0);
    assert_int_equal(le.scroll, 0);
    delwin(w);
}

static void lineedit__delete__removes_whole_characters(void **state)
{
    (void)state;
    ui_lineedit le = make(sizeof buf, 0);
    type(&le, L"张三丰");
    assert_int_equal(ui_lineedit_key(&le, 127), 1);
    assert_string_equal(buf, "张三");
    ui_lineedit_key(&le, UI_KEY_FN(KEY_HOME));
    assert_int_equal(ui_lineedit_key(&le, UI_KEY_FN(KEY_DC)), 1);
    assert_string_equal(buf, "三");
    assert_int_equal(le.cur, 0);
    assert_int_equal(ui_lineedit_key(&le, UI_KEY_FN(KEY_BACKSPACE)), 0); /* nothing before */
    ui_lineedit_key(&le, UI_KEY_FN(KEY_END));
    assert_int_equal(ui_lineedit_key(&le, UI_KEY_FN(KEY_DC)), 0); /* nothing after */
    assert_int_equal(ui_lineedit_key(&le, 'U' & 0x1f), 1);
    assert_string_equal(buf, "");
    assert_int_equal(le.cur, 0);
}

static void lineedit__limit__in_characters_and_bytes(void **state)
{
    (void)state;
    ui_lineedit le = make(sizeof buf, 3);
    type(&le, L"一二三四");
    assert_string_equal(buf, "一二三");
    assert_int_equal(ui_lineedit_key(&le, 'x'), 0);
    ui_lineedit small = make(8, 0); /* 7 bytes of text: two Chinese characters, not three */
    type(&small, L"一二三");
    assert_string_equal(buf, "一二");
    type(&small, L"a");
    assert_string_equal(buf, "一二a");
    ui_lineedit set = make(sizeof buf, 2);
    ui_lineedit_set(&set, "第一第二");
    assert_string_equal(buf, "第一");
    assert_int_equal(set.cur, strlen("第一"));
}

static int digits(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static void lineedit__accept__refuses_other_characters(void **state)
{
    (void)state;
    ui_lineedit le = make(sizeof buf, 0);
    le.accept = digits;
    type(&le, L"1a2号3");
    assert_string_equal(buf, "123");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lineedit__type__chinese_is_one_character_each),
        cmocka_unit_test(lineedit__cursor__moves_over_double_width),
        cmocka_unit_test(lineedit__draw__scrolls_to_keep_the_cursor),
        cmocka_unit_test(lineedit__delete__removes_whole_characters),
        cmocka_unit_test(lineedit__limit__in_characters_and_bytes),
        cmocka_unit_test(lineedit__accept__refuses_other_characters),
    };
    return cmocka_run_group_tests(tests, offscreen_setup, offscreen_teardown);
}
