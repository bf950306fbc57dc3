/* test_bigfont.c — the Unifont glyph loader: the real file (巷 is 16x16, 'A' 8x16), only the
 * glyphs asked for, missing code points, a missing file, a file that is not a font, and the
 * path from XIANGLI_UNIFONT. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xiangli/bigfont.h"

/* 'A' and '巷' as in unifont.hex, plus a malformed line and a comment. */
static const char small_hex[] =
    "# not a glyph\n"
    "0041:0000000018242442427E424242420000\n"
    "0042:12345\n"
    "5DF7:044004403FF804400440FFFE044008201FF02828C8260FE008200808080807F8\n";

static void remove_temp(char *dir, char *path)
{
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

static xl_bigfont *load_ok(const char *path, const char *text)
{
    xl_bigfont *f = NULL;
    xl_err e;
    xl_err_clear(&e);
    if (xl_bigfont_load(path, text, &f, &e) != XL_OK)
        fail_msg("bigfont: %s (apt-get install unifont)", e.msg);
    assert_non_null(f);
    return f;
}

static void bigfont__load__cjk_glyph_is_16x16(void **state)
{
    (void)state;
    xl_bigfont *f = load_ok(NULL, "巷里");
    const xl_glyph *g = xl_bigfont_glyph(f, 0x5DF7);
    assert_non_null(g);
    assert_int_equal(g->width, 16);
    assert_int_equal(g->rows[0], 0x0440);
    assert_int_equal(g->rows[5], 0xFFFE);
    assert_int_equal(g->rows[15], 0x07F8);
    assert_int_equal(xl_glyph_pixel(g, 5, 0), 1);  /* 0x0440: bits 5 and 9 */
    assert_int_equal(xl_glyph_pixel(g, 4, 0), 0);
    assert_int_equal(xl_glyph_pixel(g, 16, 0), 0); /* outside */
    assert_int_equal(xl_bigfont_count(f), 2);
    assert_int_equal(xl_bigfont_text_width(f, "巷里巷"), 48);
    xl_bigfont_free(f);
}

static void bigfont__load__ascii_is_8x16(void **state)
{
    (void)state;
    xl_bigfont *f = load_ok(NULL, "A");
    const xl_glyph *g = xl_bigfont_glyph(f, 'A');
    assert_non_null(g);
    assert_int_equal(g->width, 8);
    assert_int_equal(g->rows[4], 0x1800);  /* "18": the apex, bits 3 and 4 */
    assert_int_equal(xl_glyph_pixel(g, 3, 4), 1);
    assert_int_equal(xl_glyph_pixel(g, 8, 4), 0); /* an 8-wide glyph has no column 8 */
    assert_int_equal(xl_bigfont_text_width(f, "AA"), 16);
    xl_bigfont_free(f);
}

static void bigfont__load__only_what_is_asked(void **state)
{
    (void)state;
    xl_bigfont *f = load_ok(NULL, "AAAA");
    assert_int_equal(xl_bigfont_count(f), 1);
    assert_null(xl_bigfont_glyph(f, 'B'));
    assert_int_equal(xl_bigfont_text_width(f, "AB"), -1);
    xl_bigfont_free(f);
}

static void bigfont__load__missing_code_point(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *path = tu_write_file(dir, "small.hex", small_hex);
    xl_bigfont *f = load_ok(path, "AB巷里\xF0\x9F\x98\x80");
    assert_int_equal(xl_bigfont_count(f), 2);    /* A and 巷; B's line is malformed */
    assert_null(xl_bigfont_glyph(f, 'B'));
    assert_null(xl_bigfont_glyph(f, 0x91CC));   /* 里 is not in this file */
    assert_null(xl_bigfont_glyph(f, 0x1F600));
    assert_int_equal(xl_bigfont_text_width(f, "A巷"), 24);
    assert_int_equal(xl_bigfont_text_width(f, "A里"), -1);
    assert_int_equal(xl_bigfont_text_width(NULL, "A"), -1);
    xl_bigfont_free(f);
    remove_temp(dir, path);
}

static void bigfont__load__missing_file_fails_cleanly(void **state)
{
    (void)state;
    xl_bigfont *f = (xl_bigfont *)1;
    xl_err e;
    xl_err_clear(&e);
    assert_int_equal(xl_bigfont_load("/nonexistent/unifont.hex", "巷", &f, &e), XL_EFAIL);
    assert_null(f);
    assert_non_null(strstr(e.msg, "/nonexistent/unifont.hex"));
    assert_null(xl_bigfont_glyph(NULL, 'A'));
    xl_bigfont_free(NULL);
}

static void bigfont__load__not_a_font(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *path = tu_write_file(dir, "notes.txt", "hello\nworld\n");
    xl_bigfont *f = NULL;
    xl_err e;
    xl_err_clear(&e);
    assert_int_equal(xl_bigfont_load(path, "A", &f, &e), XL_EFAIL);
    assert_null(f);
    assert_non_null(strstr(e.msg, "不是 unifont 字体文件"));
    remove_temp(dir, path);
}

static void bigfont__path__env_and_argument(void **state)
{
    (void)state;
    setenv("XIANGLI_UNIFONT", "/tmp/elsewhere.hex", 1);
    assert_string_equal(xl_bigfont_path(NULL), "/tmp/elsewhere.hex");
    assert_string_equal(xl_bigfont_path("/x.hex"), "/x.hex");
    setenv("XIANGLI_UNIFONT", "", 1);
    assert_string_equal(xl_bigfont_path(""), XL_BIGFONT_DEFAULT_PATH);
    unsetenv("XIANGLI_UNIFONT");
    assert_string_equal(xl_bigfont_path(NULL), XL_BIGFONT_DEFAULT_PATH);
}

int main(void)
{
    unsetenv("XIANGLI_UNIFONT");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bigfont__load__cjk_glyph_is_16x16),
        cmocka_unit_test(bigfont__load__ascii_is_8x16),
        cmocka_unit_test(bigfont__load__only_what_is_asked),
        cmocka_unit_test(bigfont__load__missing_code_point),
        cmocka_unit_test(bigfont__load__missing_file_fails_cleanly),
        cmocka_unit_test(bigfont__load__not_a_font),
        cmocka_unit_test(bigfont__path__env_and_argument),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
