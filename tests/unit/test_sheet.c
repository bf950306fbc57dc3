/* test_sheet.c — the one sheet interface on workbooks made by real spreadsheet writers
 * (tests/unit/data/make_workbooks.py: openpyxl, xlwt, and the broken files). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/csv.h"
#include "xiangli/i18n.h"
#include "xiangli/sheet.h"
#include <xlsxwriter.h>

#define DATA XL_SOURCE_DIR "/tests/unit/data/"

static int known(const char *h)
{
    return xl_csv_header_column(h) >= 0;
}

static const char *cell(const xl_sheet *s, size_t row, size_t f)
{
    assert_true(row < s->t.nrows);
    assert_true(f < s->t.rows[row].nfields);
    return s->t.rows[row].fields[f];
}

static const char *problem(const xl_sheet *s, size_t i)
{
    static char buf[4400];
    assert_true(i < s->t.nproblems);
    xl_csv_format_problem(&s->t, &s->t.problems[i], buf, sizeof buf);
    return buf;
}

/* Reads the 住户 sheet of file and finds its header. */
static void read_residents(const char *file, xl_sheet *s)
{
    xl_book *b;
    xl_err err;
    assert_int_equal(xl_book_open(&b, file, &err), XL_OK);
    assert_int_equal(xl_book_count(b), 2);
    int i = xl_book_find(b, "住户");
    assert_int_equal(i, 0);
    assert_int_equal(xl_book_find(b, " 楼栋 "), 1);
    assert_int_equal(xl_book_find(b, "党员"), -1);
    xl_sheet_init(s);
    assert_int_equal(xl_book_read(b, (size_t)i, s, &err), XL_OK);
    xl_book_close(b);
    /* the ID stored as a number is refused, naming the sheet, row and column */
    assert_int_equal(xl_sheet_use_header(s, known, 2, "姓名"), XL_EFAIL);
}

/* What both writers' files hold, the same way (rows by their number in the sheet). */
static void check_common(const xl_sheet *s, const char *file)
{
    assert_int_equal(s->t.rows[0].line, 3); /* title and notes rows dropped */
    assert_string_equal(cell(s, 0, 0), "姓名");
    assert_int_equal(s->t.rows[1].line, 4);
    assert_string_equal(cell(s, 1, 0), "张三");
    assert_string_equal(cell(s, 1, 1), "110101199003078515");
    assert_string_equal(cell(s, 1, 3), "127");          /* a number */
    assert_string_equal(cell(s, 1, 4), "302");          /* 302.0 */
    assert_string_equal(cell(s, 1, 6), "2024-03-05");   /* a date serial */
    assert_int_equal(s->t.rows[2].line, 6);             /* the empty row 5 dropped */
    assert_string_equal(cell(s, 2, 0), "李四");         /* trailing spaces cut */
    assert_string_equal(cell(s, 2, 3), "１２７");       /* full-width kept for the importer */
    assert_string_equal(cell(s, 2, 6), "2024/3/6");     /* a date typed as text */
    assert_string_equal(cell(s, 3, 4), "1.5");
    assert_string_equal(cell(s, 3, 6), "2023-12-31");
    assert_int_equal(s->t.nerrors, 1);
    char want[4400];
    snprintf(want, sizeof want, "%s “住户”表 第 7 行 · 身份证号：%s", file, _(SHEET_E_LOST_DIGITS));
    assert_string_equal(problem(s, 0), want);
}

static void sheet__read__xlsx_openpyxl(void **state)
{
    (void)state;
    xl_sheet s;
    read_residents(DATA "sheet_basic.xlsx", &s);
    check_common(&s, DATA "sheet_basic.xlsx");
    assert_string_equal(cell(&s, 1, 7), "TRUE"); /* a boolean */
    assert_string_equal(cell(&s, 2, 7), "FALSE");
    /* a building number merged down over two rooms belongs to both */
    assert_int_equal(s.t.nrows, 6);
    assert_string_equal(cell(&s, 4, 3), "215");
    assert_string_equal(cell(&s, 5, 3), "215");
    assert_string_equal(cell(&s, 5, 4), "102");
    xl_sheet_release(&s);
}

static void sheet__read__xls_xlwt(void **state)
{
    (void)state;
    xl_sheet s;
    read_residents(DATA "sheet_basic.xls", &s);
    check_common(&s, DATA "sheet_basic.xls");
    assert_string_equal(cell(&s, 1, 7), "1"); /* freexl gives booleans as numbers */
    xl_sheet_release(&s);
}

/* Inline strings (and rich runs), a formula string, a boolean, an error cell, a namespace
 * prefix and a sheet part named by an absolute target. */
static void sheet__read__xlsx_inline(void **state)
{
    (void)state;
    xl_sheet s;
    xl_sheet_init(&s);
    xl_err err;
    assert_int_equal(xl_sheet_load(DATA "sheet_inline.xlsx", &s, &err), XL_OK);
    assert_int_equal(s.t.nrows, 2);
    assert_string_equal(cell(&s, 0, 0), "楼栋");
    assert_string_equal(cell(&s, 0, 1), "房间");
    assert_string_equal(cell(&s, 1, 0), "127");
    assert_string_equal(cell(&s, 1, 1), "302");
    assert_string_equal(cell(&s, 1, 2), "TRUE");
    assert_int_equal(s.t.rows[1].nfields, 3); /* the #N/A cell is empty: no 4th column */
    assert_string_equal(s.t.name, DATA "sheet_inline.xlsx “房间”表");
    xl_sheet_release(&s);
}

/* libxlsxwriter (the template's writer) stores text as shared strings; dates as serials
 * with a built-in (14) or a custom Chinese format; a merged title. */
static void write_shared(const char *file)
{
    lxw_workbook *wb = workbook_new(file);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "楼栋");
    lxw_format *builtin = workbook_add_format(wb), *zh = workbook_add_format(wb);
    format_set_num_format_index(builtin, 14);
    format_set_num_format(zh, "yyyy\"年\"m\"月\"d\"日\"");
    worksheet_merge_range(ws, 0, 0, 0, 2, "楼栋表", NULL);
    worksheet_write_string(ws, 1, 0, "楼栋", NULL);
    worksheet_write_string(ws, 1, 1, "入住日期", NULL);
    worksheet_write_string(ws, 1, 2, "房间", NULL);
    worksheet_write_number(ws, 2, 0, 127, NULL);
    worksheet_write_number(ws, 2, 1, 45356, builtin);
    worksheet_write_string(ws, 2, 2, "楼栋", NULL); /* the same shared string again */
    worksheet_write_number(ws, 3, 0, 128.25, NULL);
    worksheet_write_number(ws, 3, 1, 45357, zh);
    worksheet_write_boolean(ws, 3, 2, 1, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void sheet__read__xlsx_shared_strings(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), file[4200];
    snprintf(file, sizeof file, "%s/shared.xlsx", dir);
    write_shared(file);
    xl_sheet s;
    xl_sheet_init(&s);
    xl_err err;
    assert_int_equal(xl_sheet_load(file, &s, &err), XL_OK);
    assert_int_equal(s.t.nrows, 4);
    assert_string_equal(cell(&s, 0, 2), "楼栋表"); /* the merged title fills its range */
    assert_int_equal(xl_sheet_use_header(&s, known, 2, "楼栋"), XL_OK);
    assert_int_equal(s.t.rows[0].line, 2);
    assert_string_equal(cell(&s, 1, 0), "127");
    assert_string_equal(cell(&s, 1, 1), "2024-03-05");
    assert_string_equal(cell(&s, 1, 2), "楼栋");
    assert_string_equal(cell(&s, 2, 0), "128.25");
    assert_string_equal(cell(&s, 2, 1), "2024-03-06");
    assert_string_equal(cell(&s, 2, 2), "TRUE");
    xl_sheet_release(&s);
    free(dir);
}

static void refused(const char *file, xl_msg want)
{
    xl_sheet s;
    xl_sheet_init(&s);
    xl_err err;
    assert_int_equal(xl_sheet_load(file, &s, &err), XL_EFAIL);
    char msg[1100];
    snprintf(msg, sizeof msg, "%s: %s", file, xl_tr(want));
    assert_string_equal(err.msg, msg);
    assert_int_equal(s.t.nerrors, 1);
    assert_int_equal(s.t.nrows, 0);
    xl_sheet_release(&s);
    xl_book *b = (xl_book *)&s;
    assert_int_equal(xl_book_open(&b, file, &err), XL_EFAIL);
    assert_null(b);
}

static void sheet__open__refused(void **state)
{
    (void)state;
    refused(DATA "sheet_damaged.xlsx", XL_MSG_SHEET_E_ZIP_BAD);
    refused(DATA "sheet_notbook.xlsx", XL_MSG_SHEET_E_NOT_BOOK);
    refused(DATA "sheet_text.xlsx", XL_MSG_SHEET_E_NOT_BOOK);
    refused(DATA "sheet_encrypted.xlsx", XL_MSG_SHEET_E_ENCRYPTED);
    refused(DATA "sheet_word.xls", XL_MSG_SHEET_E_OLE_OTHER);
}

/* A CSV is a book with one sheet named "", read by the CSV reader. */
static void sheet__read__csv(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *file = tu_write_file(dir, "people.csv", "\xef\xbb\xbf姓名,楼栋,房间\n张三,127,302\n");
    xl_book *b;
    xl_err err;
    assert_int_equal(xl_book_open(&b, file, &err), XL_OK);
    assert_int_equal(xl_book_kind_of(b), XL_BOOK_CSV);
    assert_int_equal(xl_book_count(b), 1);
    xl_sheet s;
    xl_sheet_init(&s);
    assert_int_equal(xl_book_read(b, 0, &s, &err), XL_OK);
    assert_int_equal(xl_sheet_use_header(&s, known, 2, "姓名"), XL_OK);
    assert_string_equal(cell(&s, 1, 2), "302");
    assert_string_equal(s.t.name, file);
    xl_sheet_release(&s);
    xl_book_close(b);
    free(file);
    free(dir);
}

static void sheet__header__missing(void **state)
{
    (void)state;
    xl_sheet s;
    xl_sheet_init(&s);
    xl_err err;
    assert_int_equal(xl_sheet_load(DATA "sheet_inline.xlsx", &s, &err), XL_OK);
    assert_int_equal(xl_sheet_use_header(&s, known, 3, "姓名"), XL_EFAIL);
    assert_non_null(strstr(problem(&s, 0), "sheet_inline.xlsx “房间”表：找不到表头"));
    xl_sheet_release(&s);
}

static void sheet__number__text(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(xl_sheet_number_text(127.0, 0, out, sizeof out), 0);
    assert_string_equal(out, "127");
    assert_int_equal(xl_sheet_number_text(-0.0, 0, out, sizeof out), 0);
    assert_string_equal(out, "0");
    xl_sheet_number_text(0.1 + 0.2, 0, out, sizeof out);
    assert_string_equal(out, "0.3");
    assert_int_equal(xl_sheet_number_text(999999999999999.0, 0, out, sizeof out), 0);
    assert_int_equal(xl_sheet_number_text(1e15, 0, out, sizeof out), 1);
    xl_sheet_number_text(45356, 1, out, sizeof out);
    assert_string_equal(out, "2024-03-05");
    xl_sheet_number_text(45356.75, 1, out, sizeof out); /* the time is dropped */
    assert_string_equal(out, "2024-03-05");
    xl_sheet_number_text(59, 1, out, sizeof out);
    assert_string_equal(out, "1900-02-28");
    xl_sheet_number_text(61, 1, out, sizeof out);
    assert_string_equal(out, "1900-03-01");
    xl_sheet_number_text(43894, 2, out, sizeof out); /* the 1904 system */
    assert_string_equal(out, "2024-03-05");
    xl_sheet_number_text(0.5, 1, out, sizeof out); /* a time alone is not a date */
    assert_string_equal(out, "0.5");
}

int main(void)
{
    xl_i18n_set_lang("zh");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sheet__read__xlsx_openpyxl),
        cmocka_unit_test(sheet__read__xls_xlwt),
        cmocka_unit_test(sheet__read__xlsx_inline),
        cmocka_unit_test(sheet__read__xlsx_shared_strings),
        cmocka_unit_test(sheet__open__refused),
        cmocka_unit_test(sheet__read__csv),
        cmocka_unit_test(sheet__header__missing),
        cmocka_unit_test(sheet__number__text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
