/* test_csv.c — the residents-sheet reader on each real-world case, and its field helpers. */
#include "testutil.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xiangli/csv.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

#define HEADER_ZH "姓名,性别,身份证号,手机号,楼栋,房间,身份,入住日期,户籍省份,工作单位"

static int read_str(xl_csv *c, const char *text)
{
    return xl_csv_read_buf(c, "in.csv", text, strlen(text), NULL);
}

static const char *field(const xl_csv *c, size_t row, size_t f)
{
    assert_true(row < c->nrows);
    assert_true(f < c->rows[row].nfields);
    return c->rows[row].fields[f];
}

static char *problem_text(const xl_csv *c, size_t i)
{
    static char buf[512];
    assert_true(i < c->nproblems);
    xl_csv_format_problem(c, &c->problems[i], buf, sizeof buf);
    return buf;
}

/* UTF-8 text converted with iconv(3), as a spreadsheet saving in that encoding would. */
static char *encode(const char *to, const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), outleft = 4 * inleft + 16;
    char *out = malloc(outleft), *inp = (char *)utf8, *outp = out;
    assert_non_null(out);
    assert_true(iconv(cd, &inp, &inleft, &outp, &outleft) != (size_t)-1);
    assert_int_equal(iconv_close(cd), 0);
    *len = (size_t)(outp - out);
    return out;
}

static void csv__read__utf8_lf(void **state)
{
    (void)state;
    xl_csv c;
    xl_csv_init(&c);
    assert_int_equal(read_str(&c, HEADER_ZH "\n张三,男,110101199003078515,13812345678,215,"
                                            "301,租客,2024-03-05,安徽,顺丰\n"), XL_OK);
    assert_int_equal(c.nrows, 2);
    assert_string_equal(c.encoding, "UTF-8");
    assert_int_equal(c.rows[0].nfields, 10);
    assert_string_equal(field(&c, 1, 0), "张三");
    assert_string_equal(field(&c, 1, 9), "顺丰");
    assert_int_equal(c.rows[1].line, 2);
    assert_int_equal(c.nproblems, 0);
    xl_csv_release(&c);
}

static void csv__read__utf8_bom(void **state)
{
    (void)state;
    xl_csv c;
    xl_csv_init(&c);
    assert_int_equal(read_str(&c, "\xEF\xBB\xBFname,phone\n李四,13900000000\n"), XL_OK);
    assert_string_equal(c.encoding, "UTF-8 BOM");
    assert_string_equal(field(&c, 0, 0), "name"); /* the mark is not part of the header */
    assert_string_equal(xl_csv_header_lookup(field(&c, 0, 0)), "name");
    xl_csv_release(&c);
}

static void csv__read__crlf_and_cr(void **state)
{
    (void)state;
    xl_csv c;
    xl_csv_init(&c);
    assert_int_equal(read_str(&c, "a,b\r\n1,2\r\n3,4\r\n"), XL_OK);
    assert_int_equal(c.nrows, 3);
    assert_string_equal(field(&c, 1, 1), "2");
    assert_int_equal(c.rows[2].line, 3);
    assert_int_equal(read_str(&c, "a,b\r1,2\r3,4"), XL_OK); /* old Mac line ends */
    assert_int_equal(c.nrows, 3);
    assert_string_equal(field(&c, 2, 1), "4");
    assert_int_equal(c.rows[2].line, 3);
    xl_csv_release(&c);
}

static void csv__read__gbk(void **state)
{
    (void)state;
    /* "姓名,性别\n张三,男\n" in GBK, bytes checked with iconv -t GBK */
    static const char gbk[] = "\xD0\xD5\xC3\xFB,\xD0\xD4\xB1\xF0\n\xD5\xC5\xC8\xFD,\xC4\xD0\n";
    xl_csv c;
    xl_csv_init(&c);
    assert_int_equal(xl_csv_read_buf(&c, "gbk.csv", gbk, sizeof gbk - 1, NULL), XL_OK);
    assert_string_equal(c.encoding, "GB18030");
    assert_string_equal(field(&c, 0, 0), "姓名");
    assert_string_equal(field(&c, 1, 0), "张三");
    assert_string_equal(field(&c, 1, 1), "男");

    size_t len;
    char *sheet = encode("GBK", HEADER_ZH "\r\n\"单田芳\",男,110101199003078515,13812345678,"
                                          "215,301,租客,2024年3月5日,\"江苏,南京\",无\r\n",
                         &len);
    assert_int_equal(xl_csv_read_buf(&c, "gbk.csv", sheet, len, NULL), XL_OK);
    assert_string_equal(field(&c, 1, 0), "单田芳");
    assert_string_equal(field(&c, 1, 7), "2024年3月5日");
    assert_string_equal(field(&c, 1, 8), "江苏,南京");
    free(sheet);
    xl_csv_release(&c);
}

static void csv__read__undecodable_bytes(void **state)
{
    (void)state;
    /* line 3 holds 0x80 0xFF: neither UTF-8 nor GB18030 */
    static const char bad[] = "\xD0\xD5\xC3\xFB\n\xD5\xC5\xC8\xFD\nab\x80\xFF\n";
    xl_csv c;
    xl_err err;
    xl_csv_init(&c);
    assert_int_equal(xl_csv_read_buf(&c, "bad.csv", bad, sizeof bad - 1, &err), XL_EFAIL);
    assert_int_equal(c.problems[0].line, 3);
    assert_non_null(strstr(err.msg, "bad.csv line 3: bytes 80"));
    /* with a UTF-8 mark, bad bytes are reported as bad UTF-8 */
    static const char bom_bad[] = "\xEF\xBB\xBFname\n\n\xC3\x28\n";
    assert_int_equal(xl_csv_read_buf(&c, "bom.csv", bom_bad, sizeof bom_bad - 1, &err),
                     XL_EFAIL);
    assert_string_equal(problem_text(&c, 0),
                        "bom.csv line 3: bytes C3 28 0A are not valid UTF-8 (the file starts "
                        "with a UTF-8 mark)");
    xl_csv_release(&c);
}

static void csv__read__quoted_fields(void **state)
{
    (void)state;
    xl_csv c;
    xl_csv_init(&c);
    const char *text = "name,workplace,room\n"
                       "\"王,小明\",\"他说\"\"你好\"\"\",101\n"
                       "\"李\r\n四\",\"第一行\n第二行\n第三行\",102\n"
                       "赵六,\"\",103\n";
    assert_int_equal(read_str(&c, text), XL_OK);
    assert_int_equal(c.nrows, 4);
    assert_string_equal(field(&c, 1, 0), "王,小明");
    assert_string_equal(field(&c, 1, 1), "他说\"你好\"");
    assert_string_equal(field(&c, 2, 0), "李\n四");
    assert_string_equal(field(&c, 2, 1), "第一行\n第二行\n第三行");
    assert_int_equal(c.rows[2].line, 3);
    assert_int_equal(c.rows[3].line, 7); /* line numbers keep counting inside quotes */
    assert_string_equal(field(&c, 3, 1), "");
    xl_csv_release(&c);
}

static void csv__read__blank_and_trailing_lines(void **state)
{
    (void)state;
    xl_csv c;
    xl_csv_init(&c);
    assert_int_equal(read_str(&c, "a,b\n\n1,2\n,\n \n3,4\n\n"), XL_OK);
    assert_int_equal(c.nrows, 3);
    assert_int_equal(c.rows[2].line, 6);
    /* spreadsheets pad rows with empty trailing fields */
    assert_int_equal(read_str(&c, "a,b\n1,2,,\n"), XL_OK);
    assert_int_equal(c.rows[1].nfields, 2);
    xl_csv_release(&c);
}

static void csv__read__ragged_rows(void **state)
{
    (void)state;
    xl_csv c;
    xl_err err;
    xl_csv_init(&c);
    assert_int_equal(xl_csv_read_buf(&c, "r.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n", 24, &err),
                     XL_EFAIL);
    assert_int_equal(c.nerrors, 2);
    assert_string_equal(problem_text(&c, 0), "r.csv line 3: only 2 columns but the header has 3");
    assert_string_equal(problem_text(&c, 1), "r.csv line 4: 4 columns but the header has 3 (a "
                                             "value with a comma needs quotes)");
    assert_string_equal(err.msg, "r.csv line 3: only 2 columns but the header has 3 (and 1 more)");
    assert_int_equal(c.nrows, 4); /* rows stay available for more checks */
    xl_csv_release(&c);
}

static void csv__read__broken_quotes(void **state)
{
    (void)state;
    xl_csv c;
    xl_csv_init(&c);
    assert_int_equal(read_str(&c, "a,b\n1,\"open\n2,3\n"), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0),
                        "in.csv line 2: column 2: the quote opened here is never closed");
    assert_int_equal(c.nrows, 1);
    assert_int_equal(read_str(&c, "a,b\n\"x\"y,2\n"), XL_EFAIL);
    assert_non_null(strstr(problem_text(&c, 0), "in.csv line 2: column 1: text after the closing"));
    assert_string_equal(field(&c, 1, 0), "xy");
    assert_int_equal(read_str(&c, "a,b\n5\"x,2\n"), XL_OK); /* a stray quote is text */
    assert_string_equal(field(&c, 1, 0), "5\"x");
    xl_csv_release(&c);
}

static void csv__read__limits(void **state)
{
    (void)state;
    xl_csv c;
    xl_csv_init(&c);
    c.limits.max_field = 4;
    assert_int_equal(read_str(&c, "a,b\n12345,1\n"), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv line 2: column 1 is longer than 4 bytes");
    xl_csv_release(&c);
    xl_csv_init(&c);
    c.limits.max_fields = 3;
    assert_int_equal(read_str(&c, "a,b,c,d\n"), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv line 1: more than 3 columns in one row");
    xl_csv_release(&c);
    xl_csv_init(&c);
    c.limits.max_rows = 2;
    assert_int_equal(read_str(&c, "a\n1\n2\n3\n"), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv line 3: more than 2 rows");
    assert_int_equal(c.nrows, 2);
    xl_csv_release(&c); /* the limits survive a release */
    assert_int_equal(c.limits.max_rows, 2);
    c.limits.max_bytes = 3;
    assert_int_equal(read_str(&c, "a,b\n"), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv: file larger than 3 bytes: split it into several files");
    xl_csv_release(&c);
}

static void csv__read__garbage(void **state)
{
    (void)state;
    xl_csv c;
    xl_csv_init(&c);
    assert_int_equal(xl_csv_read_buf(&c, "bin", "ab\0cd\n", 6, NULL), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "bin line 1: a NUL character: this is not a text (CSV) file");
    assert_int_equal(read_str(&c, ""), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv: no header row: the file is empty");
    assert_int_equal(xl_csv_read_buf(&c, NULL, NULL, 0, NULL), XL_EFAIL);
    xl_csv_release(&c);
}

static void csv__read__utf16_and_tabs(void **state)
{
    (void)state;
    size_t len;
    char *body = encode("UTF-16LE", "姓名\t手机号\r\n张三\t13812345678\r\n", &len);
    char *sheet = malloc(len + 2);
    assert_non_null(sheet);
    memcpy(sheet, "\xFF\xFE", 2);
    memcpy(sheet + 2, body, len);
    xl_csv c;
    xl_csv_init(&c);
    assert_int_equal(xl_csv_read_buf(&c, "u16.txt", sheet, len + 2, NULL), XL_OK);
    assert_string_equal(c.encoding, "UTF-16LE");
    assert_int_equal(c.delimiter, '\t');
    assert_string_equal(field(&c, 1, 1), "13812345678");
    free(body);
    free(sheet);
    xl_csv_release(&c);
}

static void csv__read__file(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *path = tu_write_file(dir, "r.csv", "name,phone\n张三,13812345678\n");
    xl_csv c;
    xl_err err;
    xl_csv_init(&c);
    assert_int_equal(xl_csv_read_file(&c, path, &err), XL_OK);
    assert_string_equal(field(&c, 1, 0), "张三");
    assert_string_equal(c.name, path);
    assert_int_equal(unlink(path), 0);
    free(path);
    path = xl_asprintf("%s/missing.csv", dir);
    assert_int_equal(xl_csv_read_file(&c, path, &err), XL_EFAIL);
    assert_non_null(strstr(err.msg, "missing.csv: cannot open: "));
    free(path);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
    xl_csv_release(&c);
}

static void csv__normalize__fullwidth_and_blanks(void **state)
{
    (void)state;
    char s[128];
    strcpy(s, "\xE3\x80\x80１３８１２３４５６７８ ");
    assert_int_equal(xl_csv_normalize_digits(s), 11);
    assert_string_equal(s, "13812345678");
    strcpy(s, "１１０１０１１９９００３０７８５１Ｘ");
    xl_csv_normalize_digits(s);
    assert_string_equal(s, "11010119900307851X");
    strcpy(s, "２０２４／３／５");
    xl_csv_normalize_digits(s);
    assert_string_equal(s, "2024/3/5");
    strcpy(s, "\xC2\xA0\t215－301\xE2\x80\x8B");
    xl_csv_normalize_digits(s);
    assert_string_equal(s, "215-301");
    strcpy(s, "=\"110101199003078515\"");
    xl_csv_normalize_digits(s);
    assert_string_equal(s, "110101199003078515");
    strcpy(s, "'13812345678");
    xl_csv_normalize_digits(s);
    assert_string_equal(s, "13812345678");
    strcpy(s, "\xE3\x80\x80 \xE3\x80\x80");
    assert_int_equal(xl_csv_normalize_digits(s), 0);
    strcpy(s, "\xE3\x80\x80王　小明 ");
    assert_int_equal(xl_csv_trim(s), strlen("王　小明"));
    assert_string_equal(s, "王　小明"); /* trim leaves inner U+3000 */
    strcpy(s, "\xff\xfe１");
    xl_csv_normalize_digits(s);
    assert_string_equal(s, "\xff\xfe" "1"); /* bad bytes pass through */
}

static void check_date(const char *in, const char *want)
{
    char out[11];
    xl_err err;
    xl_err_clear(&err);
    if (xl_parse_date(in, out, &err) != XL_OK)
        fail_msg("%s: %s", in, err.msg);
    assert_string_equal(out, want);
}

static const char *date_error(const char *in)
{
    static xl_err err;
    char out[11];
    assert_int_equal(xl_parse_date(in, out, &err), XL_EFAIL);
    return err.msg;
}

static void csv__date__formats(void **state)
{
    (void)state;
    check_date("2024-03-05", "2024-03-05");
    check_date("2024/3/5", "2024-03-05");
    check_date("2024.3.5", "2024-03-05");
    check_date("2024年3月5日", "2024-03-05");
    check_date("2024年03月05号", "2024-03-05");
    check_date("2024年3月5", "2024-03-05");
    check_date("２０２４年３月５日", "2024-03-05");
    check_date("２０２４－０３－０５", "2024-03-05");
    check_date(" 2024/12/31 ", "2024-12-31");
    check_date("20240305", "2024-03-05");
    check_date("2024/3/5 0:00", "2024-03-05");
    check_date("2024-03-05 08:30:00", "2024-03-05");
    check_date("2024-02-29", "2024-02-29");
    check_date("2000-02-29", "2000-02-29");
}

static void csv__date__rejects(void **state)
{
    (void)state;
    char was[4];
    snprintf(was, sizeof was, "%s", xl_i18n_lang());
    xl_i18n_set_lang("en");
    const char *unreal = "There is no such day: check the month and the day";
    const char *shape = "Write the date as 2026-12-06";
    assert_non_null(strstr(date_error("2023-02-29"), unreal));
    assert_non_null(strstr(date_error("1900-02-29"), unreal));
    assert_non_null(strstr(date_error("2024-13-01"), unreal));
    assert_non_null(strstr(date_error("2024-04-31"), unreal));
    assert_non_null(strstr(date_error("1850-01-01"), "between 1900 and 2100"));
    assert_non_null(strstr(date_error(""), "Give a date"));
    assert_non_null(strstr(date_error("2024-3/5"), shape));
    assert_non_null(strstr(date_error("24/3/5"), shape));
    assert_non_null(strstr(date_error("3/5/2024"), shape));
    assert_non_null(strstr(date_error("2024年3月"), shape));
    assert_non_null(strstr(date_error("2024-03-05x"), shape));
    assert_non_null(strstr(date_error("2024-03-05 25:00"), shape));
    assert_non_null(strstr(date_error("2024-003-05"), shape));
    assert_non_null(strstr(date_error("2024-03-0"), unreal));
    assert_non_null(strstr(date_error(NULL), shape));
    xl_i18n_set_lang("zh");
    assert_string_equal(date_error("2024/3/5x"), "“2024/3/5x”：请按 2026-12-06 的格式填写");
    xl_i18n_set_lang(was);
}

static void csv__header__lookup(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"姓名", "name"}, {"Name", "name"}, {"性别", "gender"}, {"sex", "gender"},
        {"身份证号", "id_number"}, {"证件号码", "id_number"}, {"ID Number", "id_number"},
        {"id_number", "id_number"}, {"手机号", "phone"}, {"手机", "phone"},
        {"电话", "phone"}, {"联系电话", "phone"}, {"Mobile", "phone"},
        {"楼栋", "building"}, {"楼号", "building"}, {"房间", "room"}, {"房号", "room"},
        {"身份", "role"}, {"入住日期", "moved_in"}, {"moved_in", "moved_in"},
        {"Moved In", "moved_in"}, {"户籍省份", "province"}, {"户籍", "province"},
        {"工作单位", "workplace"}, {"单位", "workplace"}, {" *姓名 ", "name"},
        {"手机号（必填）", "phone"}, {"入住日期(yyyy-mm-dd)", "moved_in"},
        {"\xE3\x80\x80身份证号码", "id_number"}, {"ＮＡＭＥ", "name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = xl_csv_header_lookup(cases[i][0]);
        if (!got || strcmp(got, cases[i][1]) != 0)
            fail_msg("%s -> %s, want %s", cases[i][0], got ? got : "NULL", cases[i][1]);
    }
    assert_null(xl_csv_header_lookup("备注"));
    assert_null(xl_csv_header_lookup(""));
    assert_null(xl_csv_header_lookup(NULL));
    assert_int_equal(xl_csv_header_column("身份证号"), XL_COL_ID_NUMBER);
    assert_string_equal(xl_csv_column_label(XL_COL_MOVED_IN), "入住日期");
    assert_string_equal(xl_csv_column_name(XL_COL_COUNT), "?");
}

/* What the import screen shows follows the UI language; the shape "file:line: column: reason"
 * stays. (The other tests here check the English text: main() sets "en".) */
static void csv__problems__follow_the_ui_language(void **state)
{
    (void)state;
    xl_csv c;
    int idx[XL_COL_COUNT];
    xl_csv_init(&c);
    xl_i18n_set_lang("zh");
    assert_int_equal(read_str(&c, "手机,姓名,备注\n"), XL_OK);
    assert_int_equal(xl_csv_header_map(&c, idx), XL_OK);
    assert_string_equal(problem_text(&c, 0), "in.csv 第 1 行 · 备注：提醒：未知的列，已忽略");
    assert_int_equal(read_str(&c, "姓名,电话,手机号\n"), XL_OK);
    assert_int_equal(xl_csv_header_map(&c, idx), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv 第 1 行 · 手机号：第 2 列也是手机号（phone）：只保留一列");
    assert_int_equal(read_str(&c, "a,b,c\n1,2\n"), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv 第 2 行：只有 2 列，但表头有 3 列");
    xl_i18n_set_lang("en");
    assert_int_equal(read_str(&c, "a,b,c\n1,2\n"), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv line 2: only 2 columns but the header has 3");
    xl_csv_release(&c);
}

static void csv__header__map(void **state)
{
    (void)state;
    xl_csv c;
    int idx[XL_COL_COUNT];
    xl_csv_init(&c);
    assert_int_equal(read_str(&c, "手机,姓名,备注,,ID Number\n"), XL_OK);
    assert_int_equal(xl_csv_header_map(&c, idx), XL_OK);
    assert_int_equal(idx[XL_COL_PHONE], 0);
    assert_int_equal(idx[XL_COL_NAME], 1);
    assert_int_equal(idx[XL_COL_ID_NUMBER], 4);
    assert_int_equal(idx[XL_COL_ROOM], -1);
    assert_int_equal(c.nproblems, 1);
    assert_string_equal(problem_text(&c, 0), "in.csv line 1 · 备注: warning: unknown column, ignored");
    assert_int_equal(read_str(&c, "姓名,电话,手机号\n"), XL_OK);
    assert_int_equal(xl_csv_header_map(&c, idx), XL_EFAIL);
    assert_string_equal(problem_text(&c, 0), "in.csv line 1 · 手机号: column 2 is also 手机号 "
                                             "(phone); keep one");
    assert_int_equal(read_str(&c, "姓名，性别，手机号\n"), XL_OK);
    xl_csv_header_map(&c, idx);
    assert_non_null(strstr(problem_text(&c, 0), "full-width commas"));
    xl_csv_release(&c);
}

static void csv__problem__add_and_format(void **state)
{
    (void)state;
    xl_csv c;
    char buf[64];
    xl_csv_init(&c);
    assert_int_equal(read_str(&c, "a\n1\n"), XL_OK);
    xl_csv_add_problem(&c, 2, "身份证号", 0, "check digit is %c", '7');
    assert_int_equal(c.nerrors, 1);
    xl_csv_format_problem(&c, &c.problems[0], buf, sizeof buf);
    assert_string_equal(buf, "in.csv line 2 · 身份证号: check digit is 7");
    xl_csv_format_problem(&c, &c.problems[0], buf, 12); /* cut never splits a character */
    assert_string_equal(buf, "in.csv line");
    for (int i = 0; i < 2000; i++)
        xl_csv_add_problem(&c, 3, NULL, 0, "again");
    assert_int_equal(c.nerrors, 2001);
    assert_true(c.nproblems <= 1000);
    xl_csv_release(&c);
}

int main(void)
{
    xl_i18n_set_lang("en"); /* the problems' English text; csv__problems__follow_the_ui_language: both */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv__problems__follow_the_ui_language),
        cmocka_unit_test(csv__read__utf8_lf),
        cmocka_unit_test(csv__read__utf8_bom),
        cmocka_unit_test(csv__read__crlf_and_cr),
        cmocka_unit_test(csv__read__gbk),
        cmocka_unit_test(csv__read__undecodable_bytes),
        cmocka_unit_test(csv__read__quoted_fields),
        cmocka_unit_test(csv__read__blank_and_trailing_lines),
        cmocka_unit_test(csv__read__ragged_rows),
        cmocka_unit_test(csv__read__broken_quotes),
        cmocka_unit_test(csv__read__limits),
        cmocka_unit_test(csv__read__garbage),
        cmocka_unit_test(csv__read__utf16_and_tabs),
        cmocka_unit_test(csv__read__file),
        cmocka_unit_test(csv__normalize__fullwidth_and_blanks),
        cmocka_unit_test(csv__date__formats),
        cmocka_unit_test(csv__date__rejects),
        cmocka_unit_test(csv__header__lookup),
        cmocka_unit_test(csv__header__map),
        cmocka_unit_test(csv__problem__add_and_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
