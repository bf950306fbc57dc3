/* test_uitext.c — the one door for screen text (src/ui/uitext.c) and the key table
 * (src/ui/keys.c), checked cell by cell in a curses window that is never shown. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "offscreen.h"

#include "ui/keys.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"

/* The character in cell (y, x); 0 for the right half of a double-width character. */
static wchar_t cell(WINDOW *w, int y, int x)
{
    cchar_t c;
    wchar_t wch[CCHARW_MAX + 1] = {0};
    attr_t attr;
    short pair;
    if (mvwin_wch(w, y, x, &c) == ERR)
        return (wchar_t)-1;
    getcchar(&c, wch, &attr, &pair, NULL);
    return wch[0];
}

/* The row as a string, double-width right halves skipped. */
static void row(WINDOW *w, int y, char *buf, size_t size)
{
    size_t len = 0;
    for (int x = 0; x < getmaxx(w) && len + 5 < size; x++) {
        cchar_t c;
        wchar_t wch[CCHARW_MAX + 1] = {0};
        attr_t attr;
        short pair;
        mvwin_wch(w, y, x, &c);
        getcchar(&c, wch, &attr, &pair, NULL);
        if (wch[0] == 0)
            continue;
        int k = wctomb(buf + len, wch[0]);
        if (k > 0)
            len += (size_t)k;
        if (wcwidth(wch[0]) == 2)
            x++;
    }
    buf[len] = '\0';
    while (len > 0 && buf[len - 1] == ' ')
        buf[--len] = '\0';
}

static void uitext__put__ascii_fits(void **state)
{
    WINDOW *w = newwin(3, 20, 0, 0);
    assert_int_equal(ui_text_put(w, 0, 2, 10, "abc", A_NORMAL), 3);
    assert_int_equal(cell(w, 0, 2), L'a');
    assert_int_equal(cell(w, 0, 4), L'c');
    assert_int_equal(cell(w, 0, 5), L' ');
    delwin(w);
}

static void uitext__put__chinese_counts_two_columns(void **state)
{
    WINDOW *w = newwin(3, 20, 0, 0);
    char buf[128];
    assert_int_equal(ui_text_put(w, 0, 0, 8, "巷里一家", A_NORMAL), 8);
    row(w, 0, buf, sizeof buf);
    assert_string_equal(buf, "巷里一家");
    assert_int_equal(cell(w, 0, 6), L'家');
    delwin(w);
}

static void uitext__put__cut_marks_and_never_splits(void **state)
{
    WINDOW *w = newwin(3, 20, 0, 0);
    char buf[128];
    /* 5 columns: two characters (4) and the mark (1). */
    assert_int_equal(ui_text_put(w, 0, 0, 5, "巷里一家", A_NORMAL), 5);
    row(w, 0, buf, sizeof buf);
    assert_string_equal(buf, "巷里…");
    /* 4 columns: one character and the mark; the second character would not fit whole. */
    assert_int_equal(ui_text_put(w, 1, 0, 4, "巷里一家", A_NORMAL), 3);
    row(w, 1, buf, sizeof buf);
    assert_string_equal(buf, "巷…");
    delwin(w);
}

static void uitext__put__stops_at_window_edge(void **state)
{
    WINDOW *w = newwin(2, 10, 0, 0);
    char buf[128];
    ui_text_put(w, 0, 0, 10, "0123456789", A_NORMAL);
    /* Two columns left at x=8, asked for 100: "巷里" (4) is cut to the mark alone. */
    assert_int_equal(ui_text_put(w, 0, 8, 100, "巷里", A_NORMAL), 1);
    row(w, 0, buf, sizeof buf);
    assert_string_equal(buf, "01234567…9");
    assert_int_equal(ui_text_put(w, 0, 10, 5, "x", A_NORMAL), 0);
    assert_int_equal(ui_text_put(w, 5, 0, 5, "x", A_NORMAL), 0);
    assert_int_equal(ui_text_put(w, -1, 0, 5, "x", A_NORMAL), 0);
    assert_int_equal(ui_text_put(w, 0, 0, 0, "x", A_NORMAL), 0);
    delwin(w);
}

static void uitext__put__invalid_utf8_and_controls_become_fffd(void **state)
{
    WINDOW *w = newwin(2, 20, 0, 0);
    assert_int_equal(ui_text_put(w, 0, 0, 20, "a\xff" "b\x01", A_NORMAL), 4);
    assert_int_equal(cell(w, 0, 0), L'a');
    assert_int_equal(cell(w, 0, 1), 0xFFFD);
    assert_int_equal(cell(w, 0, 2), L'b');
    assert_int_equal(cell(w, 0, 3), 0xFFFD);
    assert_int_equal(ui_text_put(w, 1, 0, 20, NULL, A_NORMAL), 0);
    delwin(w);
}

static void uitext__pad__fills_to_width(void **state)
{
    WINDOW *w = newwin(2, 20, 0, 0);
    ui_text_put(w, 0, 0, 20, "xxxxxxxxxxxxxxxxxxxx", A_NORMAL);
    assert_int_equal(ui_text_pad(w, 0, 0, 6, "巷", A_NORMAL), 6);
    assert_int_equal(cell(w, 0, 2), L' ');
    assert_int_equal(cell(w, 0, 5), L' ');
    assert_int_equal(cell(w, 0, 6), L'x');
    delwin(w);
}

static void uitext__right__ends_at_column(void **state)
{
    WINDOW *w = newwin(2, 20, 0, 0);
    assert_int_equal(ui_text_right(w, 0, 20, 20, "共 326 栋", A_NORMAL), 11);
    assert_int_equal(cell(w, 0, 18), L'栋');
    delwin(w);
}

static void uitext__wrap__chinese_and_english(void **state)
{
    WINDOW *w = newwin(6, 20, 0, 0);
    char buf[128];
    assert_int_equal(ui_text_wrap(NULL, 0, 0, 6, 10, "巷里一家欢迎你", 0), 3);
    assert_int_equal(ui_text_wrap(w, 0, 0, 9, 10, "hello big world", A_NORMAL), 2);
    row(w, 0, buf, sizeof buf);
    assert_string_equal(buf, "hello big");
    row(w, 1, buf, sizeof buf);
    assert_string_equal(buf, "world");
    /* maxlines bounds the drawing. */
    assert_int_equal(ui_text_wrap(NULL, 0, 0, 2, 2, "巷里一家", 0), 2);
    delwin(w);
}

static void keys__table__defaults_bound(void **state)
{
    assert_int_equal(ui_keys_global('?'), UI_ACT_HELP);
    assert_int_equal(ui_keys_global(UI_KEY_FN(KEY_F(1))), UI_ACT_HELP);
    assert_int_equal(ui_keys_global('q'), UI_ACT_BACK);
    assert_int_equal(ui_keys_global(UI_KEY_ESC), UI_ACT_BACK);
    assert_int_equal(ui_keys_global('\t'), UI_ACT_NEXT_PANE);
    assert_int_equal(ui_keys_global('5'), UI_ACT_PANE_N);
    assert_int_equal(ui_keys_global('L' & 0x1f), UI_ACT_REDRAW);
    const ui_action map[] = {UI_ACT_OPEN, UI_ACT_UP, UI_ACT_PAGE_DOWN};
    assert_int_equal(ui_keys_match('\r', map, 3), UI_ACT_OPEN);
    assert_int_equal(ui_keys_match(UI_KEY_FN(KEY_ENTER), map, 3), UI_ACT_OPEN);
    assert_int_equal(ui_keys_match('k', map, 3), UI_ACT_UP);
    assert_int_equal(ui_keys_match(' ', map, 3), UI_ACT_PAGE_DOWN);
    assert_int_equal(ui_keys_match('j', map, 3), UI_ACT_NONE);
}

/* Keys are shown as the officer sees them (WORDS.md), in the UI's language; the table's
 * tokens stay what they are. */
static void keys__names__shown_in_the_office_words(void **state)
{
    (void)state;
    assert_string_equal(ui_keys_names(UI_ACT_PREV_PANE), "Shift+Tab");
    assert_string_equal(ui_keys_names(UI_ACT_REDRAW), "Ctrl+L");
    assert_string_equal(ui_keys_names(UI_ACT_PAGE_DOWN), "PgDn Ctrl+F 空格");
    char first[32];
    ui_keys_first(UI_ACT_DOWN, first, sizeof first);
    assert_string_equal(first, "下键");
    xl_i18n_set_lang("en");
    assert_string_equal(ui_keys_names(UI_ACT_PAGE_DOWN), "PgDn Ctrl+F Space");
    ui_keys_first(UI_ACT_DOWN, first, sizeof first);
    assert_string_equal(first, "Down");
    xl_i18n_set_lang("zh");
    /* every action's keys, shown, hold no table token the officer would not recognise */
    for (int a = 0; a < UI_ACT_COUNT; a++) {
        const char *n = ui_keys_names((ui_action)a);
        assert_null(strstr(n, "S-Tab"));
        assert_null(strstr(n, "Space"));
        assert_null(strstr(n, "^"));
    }
}

/* A form's field keys take Tab, S-Tab and Esc on purpose (a form never switches panes, and
 * its Esc asks before throwing input away); the form's help says so. */
static int form_takes_over(ui_action a)
{
    return a == UI_ACT_NEXT_FIELD || a == UI_ACT_PREV_FIELD || a == UI_ACT_FORM_CANCEL;
}

/* A key that works everywhere must not also be a pane's key: the pane would shadow it. */
static void keys__table__no_global_key_shadowed(void **state)
{
    ui_action pane[UI_ACT_COUNT];
    size_t n = 0;
    for (int a = 0; a < UI_ACT_COUNT; a++)
        if (!ui_keys_is_global((ui_action)a) && !form_takes_over((ui_action)a))
            pane[n++] = (ui_action)a;
    for (int k = 1; k < 0x300; k++) {
        int keys[2] = {k, UI_KEY_FN(k)};
        for (int i = 0; i < 2; i++)
            if (ui_keys_global(keys[i]) != UI_ACT_NONE)
                assert_int_equal(ui_keys_match(keys[i], pane, n), UI_ACT_NONE);
    }
}

static void keys__table__every_action_labelled(void **state)
{
    char first[32];
    for (int a = 0; a < UI_ACT_COUNT; a++) {
        assert_true(strlen(ui_keys_names((ui_action)a)) > 0);
        assert_true(strlen(ui_keys_label((ui_action)a)) > 0);
        assert_true(strlen(ui_keys_hint((ui_action)a)) > 0);
        ui_keys_first((ui_action)a, first, sizeof first);
        assert_true(strlen(first) > 0 && strchr(first, ' ') == NULL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uitext__put__ascii_fits),
        cmocka_unit_test(uitext__put__chinese_counts_two_columns),
        cmocka_unit_test(uitext__put__cut_marks_and_never_splits),
        cmocka_unit_test(uitext__put__stops_at_window_edge),
        cmocka_unit_test(uitext__put__invalid_utf8_and_controls_become_fffd),
        cmocka_unit_test(uitext__pad__fills_to_width),
        cmocka_unit_test(uitext__right__ends_at_column),
        cmocka_unit_test(uitext__wrap__chinese_and_english),
        cmocka_unit_test(keys__table__defaults_bound),
        cmocka_unit_test(keys__names__shown_in_the_office_words),
        cmocka_unit_test(keys__table__no_global_key_shadowed),
        cmocka_unit_test(keys__table__every_action_labelled),
    };
    return cmocka_run_group_tests(tests, offscreen_setup, offscreen_teardown);
}
