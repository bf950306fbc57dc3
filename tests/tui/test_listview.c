/* test_listview.c — the list widget (src/ui/widget/listview.c): selection at the ends,
 * paging, scrolling, the last page kept full, headings skipped and kept in view, an empty
 * list, a resize keeping the selection in view, the scroll-only mode; plain arithmetic, no
 * screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ui/widget/listview.h"

static ui_listview make(size_t count, int page, unsigned flags)
{
    ui_listview lv;
    ui_listview_init(&lv, flags);
    ui_listview_resize(&lv, page);
    ui_listview_set_count(&lv, count);
    return lv;
}

static void listview__move__stops_at_the_ends(void **state)
{
    (void)state;
    ui_listview lv = make(5, 10, 0);
    assert_true(ui_listview_key(&lv, UI_ACT_UP));
    assert_int_equal(lv.sel, 0);
    for (int k = 0; k < 7; k++)
        ui_listview_key(&lv, UI_ACT_DOWN);
    assert_int_equal(lv.sel, 4);
    assert_int_equal(lv.top, 0);
    ui_listview_key(&lv, UI_ACT_FIRST);
    assert_int_equal(lv.sel, 0);
    ui_listview_key(&lv, UI_ACT_LAST);
    assert_int_equal(lv.sel, 4);
    assert_false(ui_listview_key(&lv, UI_ACT_OPEN));
}

static void listview__down__scrolls_one_row_past_the_page(void **state)
{
    (void)state;
    ui_listview lv = make(100, 10, 0);
    for (int k = 0; k < 10; k++)
        ui_listview_key(&lv, UI_ACT_DOWN);
    assert_int_equal(lv.sel, 10);
    assert_int_equal(lv.top, 1);
    for (int k = 0; k < 10; k++)
        ui_listview_key(&lv, UI_ACT_UP);
    assert_int_equal(lv.sel, 0);
    assert_int_equal(lv.top, 0);
}

static void listview__page__moves_a_page_less_one_row(void **state)
{
    (void)state;
    ui_listview lv = make(100, 10, 0);
    ui_listview_key(&lv, UI_ACT_PAGE_DOWN);
    assert_int_equal(lv.sel, 9);
    assert_int_equal(lv.top, 0);
    ui_listview_key(&lv, UI_ACT_PAGE_DOWN);
    assert_int_equal(lv.sel, 18);
    assert_int_equal(lv.top, 9);
    ui_listview_key(&lv, UI_ACT_PAGE_UP);
    assert_int_equal(lv.sel, 9);
    assert_int_equal(lv.top, 9);
    ui_listview_key(&lv, UI_ACT_PAGE_UP);
    ui_listview_key(&lv, UI_ACT_PAGE_UP);
    assert_int_equal(lv.sel, 0);
    assert_int_equal(lv.top, 0);
    ui_listview_key(&lv, UI_ACT_LAST);
    assert_int_equal(lv.sel, 99);
    assert_int_equal(lv.top, 90);
    lv.step = 5; /* a fixed step, as in the small lists under a form field */
    ui_listview_key(&lv, UI_ACT_PAGE_UP);
    assert_int_equal(lv.sel, 94);
}

static void listview__before_the_first_draw__nothing_scrolls(void **state)
{
    (void)state;
    ui_listview lv;
    ui_listview_init(&lv, UI_LV_FILL);
    ui_listview_set_count(&lv, 30);
    ui_listview_select(&lv, 20); /* a row chosen before the window's size is known */
    assert_int_equal(lv.top, 0);
    ui_listview_resize(&lv, 10);
    assert_int_equal(lv.top, 11);
    assert_int_equal(lv.sel, 20);
}

static void listview__empty__has_no_selection(void **state)
{
    (void)state;
    ui_listview lv = make(0, 10, UI_LV_FILL);
    size_t i = 77;
    for (int a = UI_ACT_UP; a <= UI_ACT_LAST; a++)
        ui_listview_key(&lv, (ui_action)a);
    assert_int_equal(lv.sel, 0);
    assert_int_equal(lv.top, 0);
    assert_false(ui_listview_current(&lv, &i));
    assert_false(ui_listview_row_at(&lv, 0, &i));
    assert_int_equal(i, 77);
    ui_listview_select(&lv, 3);
    assert_int_equal(lv.sel, 0);
}

static void listview__fill__keeps_the_last_page_full(void **state)
{
    (void)state;
    ui_listview lv = make(30, 10, UI_LV_FILL);
    lv.top = 25, lv.sel = 27; /* as after rows went away under it */
    ui_listview_set_count(&lv, 30);
    assert_int_equal(lv.top, 20);
    ui_listview plain = make(30, 10, 0);
    plain.top = 25, plain.sel = 27;
    ui_listview_set_count(&plain, 30);
    assert_int_equal(plain.top, 25);
}

static void listview__set_count__clamps_the_selection(void **state)
{
    (void)state;
    ui_listview lv = make(50, 10, 0);
    ui_listview_select(&lv, 45);
    assert_int_equal(lv.top, 36);
    ui_listview_set_count(&lv, 20);
    assert_int_equal(lv.sel, 19);
    assert_true(lv.top <= 19 && lv.top + 10 > 19);
}

static void listview__resize__keeps_the_selection_in_view(void **state)
{
    (void)state;
    ui_listview lv = make(100, 20, 0);
    ui_listview_select(&lv, 15);
    assert_int_equal(lv.top, 0);
    ui_listview_resize(&lv, 5);
    assert_int_equal(lv.sel, 15);
    assert_int_equal(lv.top, 11);
    ui_listview_resize(&lv, 0); /* never less than one row */
    assert_int_equal(lv.page, 1);
    assert_int_equal(lv.top, 15);
    ui_listview_resize(&lv, 40);
    assert_int_equal(lv.top, 15);
}

/* Rows 0, 4 and 8 are headings. */
static int not_heading(const void *rows, size_t i)
{
    (void)rows;
    return i % 4 != 0;
}

static void listview__headings__are_skipped_and_kept_in_view(void **state)
{
    (void)state;
    ui_listview lv;
    ui_listview_init(&lv, UI_LV_HEADINGS);
    lv.selectable = not_heading;
    ui_listview_resize(&lv, 3);
    ui_listview_set_count(&lv, 10);
    assert_int_equal(lv.sel, 1); /* the first row that can be selected */
    ui_listview_key(&lv, UI_ACT_DOWN);
    ui_listview_key(&lv, UI_ACT_DOWN);
    ui_listview_key(&lv, UI_ACT_DOWN);
    assert_int_equal(lv.sel, 5); /* over the heading at 4 */
    ui_listview_key(&lv, UI_ACT_UP);
    assert_int_equal(lv.sel, 3);
    assert_int_equal(lv.top, 3);
    ui_listview_key(&lv, UI_ACT_DOWN);
    ui_listview_key(&lv, UI_ACT_DOWN);
    ui_listview_key(&lv, UI_ACT_UP);
    ui_listview_key(&lv, UI_ACT_UP);
    ui_listview_key(&lv, UI_ACT_UP);
    assert_int_equal(lv.sel, 2);
    ui_listview_key(&lv, UI_ACT_UP); /* onto 1: its heading 0 shows above it */
    assert_int_equal(lv.sel, 1);
    assert_int_equal(lv.top, 0);
    ui_listview_key(&lv, UI_ACT_LAST);
    assert_int_equal(lv.sel, 9);
    ui_listview_select(&lv, 8); /* a heading: the row under it */
    assert_int_equal(lv.sel, 9);
    ui_listview_key(&lv, UI_ACT_FIRST);
    assert_int_equal(lv.sel, 1);
}

static int nothing(const void *rows, size_t i)
{
    (void)rows, (void)i;
    return 0;
}

static void listview__headings_only__select_nothing(void **state)
{
    (void)state;
    ui_listview lv;
    size_t i;
    ui_listview_init(&lv, 0);
    lv.selectable = nothing;
    ui_listview_set_count(&lv, 3);
    ui_listview_key(&lv, UI_ACT_DOWN);
    assert_int_equal(lv.sel, 3);
    assert_false(ui_listview_current(&lv, &i));
}

static void listview__scroll__moves_the_view(void **state)
{
    (void)state;
    ui_listview lv = make(30, 10, UI_LV_SCROLL | UI_LV_FILL);
    size_t i;
    ui_listview_key(&lv, UI_ACT_DOWN);
    assert_int_equal(lv.top, 1);
    ui_listview_key(&lv, UI_ACT_PAGE_DOWN);
    assert_int_equal(lv.top, 10);
    ui_listview_key(&lv, UI_ACT_LAST);
    assert_int_equal(lv.top, 20);
    ui_listview_key(&lv, UI_ACT_PAGE_UP);
    ui_listview_key(&lv, UI_ACT_PAGE_UP);
    ui_listview_key(&lv, UI_ACT_PAGE_UP);
    assert_int_equal(lv.top, 0);
    assert_false(ui_listview_current(&lv, &i));
    assert_true(ui_listview_row_at(&lv, 9, &i));
    assert_int_equal(i, 9);
    assert_false(ui_listview_row_at(&lv, 10, &i));
}

static size_t drawn[16];
static int ndrawn, drawn_sel;

static void record(void *ctx, WINDOW *w, int y, size_t i, int selected)
{
    (void)ctx, (void)w;
    drawn[ndrawn++] = i;
    if (selected)
        drawn_sel = y;
}

static void listview__draw__calls_back_per_row_in_view(void **state)
{
    (void)state;
    ui_listview lv = make(12, 5, 0);
    ui_listview_select(&lv, 7);
    ndrawn = 0, drawn_sel = -1;
    assert_int_equal(ui_listview_draw(&lv, NULL, 2, record, NULL), 5);
    assert_int_equal(drawn[0], 3);
    assert_int_equal(drawn[4], 7);
    assert_int_equal(drawn_sel, 6);
    ui_listview_key(&lv, UI_ACT_LAST);
    ndrawn = 0;
    ui_listview_draw(&lv, NULL, 0, record, NULL);
    assert_int_equal(ndrawn, 5);
    assert_int_equal(drawn[4], 11);
}

static void listview__row_lines__rows_of_several_lines(void **state)
{
    (void)state;
    ui_listview lv;
    size_t i;
    ui_listview_init(&lv, 0);
    lv.row_lines = 3;
    ui_listview_resize(&lv, 10); /* three rows of three lines */
    ui_listview_set_count(&lv, 5);
    assert_int_equal(lv.page, 3);
    ui_listview_key(&lv, UI_ACT_LAST);
    assert_int_equal(lv.top, 2);
    assert_true(ui_listview_row_at(&lv, 5, &i));
    assert_int_equal(i, 3);
    assert_false(ui_listview_row_at(&lv, 9, &i));
    ndrawn = 0, drawn_sel = -1;
    assert_int_equal(ui_listview_draw(&lv, NULL, 1, record, NULL), 3);
    assert_int_equal(drawn_sel, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(listview__move__stops_at_the_ends),
        cmocka_unit_test(listview__down__scrolls_one_row_past_the_page),
        cmocka_unit_test(listview__page__moves_a_page_less_one_row),
        cmocka_unit_test(listview__before_the_first_draw__nothing_scrolls),
        cmocka_unit_test(listview__empty__has_no_selection),
        cmocka_unit_test(listview__fill__keeps_the_last_page_full),
        cmocka_unit_test(listview__set_count__clamps_the_selection),
        cmocka_unit_test(listview__resize__keeps_the_selection_in_view),
        cmocka_unit_test(listview__headings__are_skipped_and_kept_in_view),
        cmocka_unit_test(listview__headings_only__select_nothing),
        cmocka_unit_test(listview__scroll__moves_the_view),
        cmocka_unit_test(listview__draw__calls_back_per_row_in_view),
        cmocka_unit_test(listview__row_lines__rows_of_several_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
