/* test_qr.c — sign-in tokens, payloads, encoding, and every renderer read back by a real
 * decoder (zbarimg from zbar-tools; SVG rasterised by rsvg-convert from librsvg2-bin). */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../qr/termimg.c" /* the text-to-image converter shared with tests/qr/txt2png */
#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/poster.h"
#include "xiangli/qr.h"
#include "xiangli/text.h"

#define TMPL "https://signin.example.org/s/{building}?t={token}"

static const int buildings[] = {1, 127, 326};
#define NBUILDINGS (sizeof buildings / sizeof buildings[0])

static xl_db *fixture_db(void)
{
    xl_db *db = tu_db_new(NULL);
    xl_err e;
    xl_err_clear(&e);
    int rc = xl_db_exec(db,
        "INSERT INTO lane(id, name) VALUES (1, '杜巷一弄'), (2, '杜巷二弄');"
        "INSERT INTO person(id, name, phone, created_at) VALUES"
        " (1, '张建国', '13812345678', '2026-01-01'), (2, '李梅', '13998765432', '2026-01-01');"
        "INSERT INTO building(number, lane_id, owner_id, responsible_id, responsible_role) VALUES"
        " (1, 1, 1, 1, 'owner'), (127, 1, 1, 2, 'sublandlord'), (326, 2, NULL, NULL, 'owner');", &e);
    if (rc != XL_OK)
        fail_msg("fixture: %s", e.msg);
    return db;
}

static int64_t audit_rows(xl_db *db, const char *action, const char *entity_id)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT count(*) FROM audit WHERE action = ? AND entity = 'building' AND entity_id = ?", NULL);
    assert_non_null(st);
    sqlite3_bind_text(st, 1, action, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, entity_id, -1, SQLITE_TRANSIENT);
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static char *payload_of(xl_db *db, int building)
{
    xl_buf b;
    xl_err e;
    xl_buf_init(&b);
    if (xl_qr_payload(db, TMPL, building, &b, &e) != XL_OK)
        fail_msg("payload %d: %s", building, e.msg);
    return b.data;
}

/* ---- tokens ---- */

static void qr__token__created_lazily_once_with_audit(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    char t1[XL_QR_TOKEN_SIZE], t2[XL_QR_TOKEN_SIZE];
    xl_err e;
    assert_int_equal(audit_rows(db, "qr.token.create", "127"), 0);
    assert_int_equal(xl_qr_token(db, 127, t1, &e), XL_OK);
    assert_int_equal(strlen(t1), XL_QR_TOKEN_LEN);
    assert_int_equal(strspn(t1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                     XL_QR_TOKEN_LEN);
    assert_int_equal(audit_rows(db, "qr.token.create", "127"), 1);
    assert_int_equal(xl_qr_token(db, 127, t2, &e), XL_OK);
    assert_string_equal(t1, t2);
    assert_int_equal(audit_rows(db, "qr.token.create", "127"), 1);
    assert_int_equal(xl_qr_token(db, 1, t2, &e), XL_OK);
    assert_string_not_equal(t1, t2);
    tu_db_free(db);
}

static void qr__token__unknown_building_not_found(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    char t[XL_QR_TOKEN_SIZE];
    xl_err e;
    int64_t before = xl_db_audit_count(db, NULL);
    assert_int_equal(xl_qr_token(db, 99, t, &e), XL_ENOTFOUND);
    assert_non_null(strstr(e.msg, "没有99号楼"));
    assert_int_equal(xl_qr_rotate(db, 99, NULL, &e), XL_ENOTFOUND);
    assert_int_equal(xl_db_audit_count(db, NULL), before);
    tu_db_free(db);
}

static void qr__rotate__old_payload_stops_matching(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    char *old = payload_of(db, 127);
    assert_true(xl_qr_payload_matches(db, TMPL, 127, old));
    assert_false(xl_qr_payload_matches(db, TMPL, 1, old));
    xl_err e;
    char fresh[XL_QR_TOKEN_SIZE];
    assert_int_equal(xl_qr_rotate(db, 127, fresh, &e), XL_OK);
    assert_false(xl_qr_payload_matches(db, TMPL, 127, old));
    char *now = payload_of(db, 127);
    assert_string_not_equal(old, now);
    assert_non_null(strstr(now, fresh));
    assert_true(xl_qr_payload_matches(db, TMPL, 127, now));
    assert_int_equal(audit_rows(db, "qr.rotate", "127"), 1);
    free(old);
    free(now);
    tu_db_free(db);
}

static void qr__tokens_ensure_all__fills_every_building(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    char t[XL_QR_TOKEN_SIZE];
    xl_err e;
    assert_int_equal(xl_qr_token(db, 1, t, &e), XL_OK);
    int created = -1;
    assert_int_equal(xl_qr_tokens_ensure_all(db, &created, &e), XL_OK);
    assert_int_equal(created, 2);
    assert_int_equal(xl_db_audit_count(db, "qr.token.create"), 3);
    assert_int_equal(xl_qr_tokens_ensure_all(db, &created, &e), XL_OK);
    assert_int_equal(created, 0);
    tu_db_free(db);
}

static void qr__payload_matches__no_token_is_no_match(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    assert_false(xl_qr_payload_matches(db, TMPL, 326, "https://signin.example.org/s/326?t="));
    assert_false(xl_qr_payload_matches(db, TMPL, 326, NULL));
    assert_int_equal(xl_db_audit_count(db, NULL), 0); /* checking never creates a token */
    tu_db_free(db);
}

/* ---- templates ---- */

static void qr__template__substitutes_placeholders(void **state)
{
    (void)state;
    xl_buf b;
    xl_err e;
    xl_buf_init(&b);
    assert_int_equal(xl_qr_payload_build("https://x.org/{building}/{token}?b={building}", 127,
                                         "Ab-_9", &b, &e), XL_OK);
    assert_string_equal(b.data, "https://x.org/127/Ab-_9?b=127");
    xl_buf_release(&b);
}

static void expect_rejected(const char *tmpl, const char *needle)
{
    xl_err e;
    xl_err_clear(&e);
    if (xl_qr_template_check(tmpl, &e) == XL_OK)
        fail_msg("template accepted: %s", tmpl);
    if (!strstr(e.msg, needle))
        fail_msg("template %s: message '%s' does not say '%s'", tmpl, e.msg, needle);
}

static void qr__template__rejects_with_clear_message(void **state)
{
    (void)state;
    expect_rejected("https://x.org/{room}?t={token}", "“{room}”（第 15 个字符起）不认识");
    expect_rejected("https://x.org/巷/{token}", "第 15 个字符是中文或全角字符");
    expect_rejected("https://x.org/ {token}", "第 15 个字符是空格或控制字符");
    expect_rejected("https://x.org/{token", "“{”后面没有“}”");
    expect_rejected("https://x.org/}{token}", "第 15 个字符“}”前面没有“{”");
    expect_rejected("https://x.org/{building}", "里要有 {token}");
    expect_rejected("", "是空的");
    xl_i18n_set_lang("en"); /* the English says the same */
    expect_rejected("https://x.org/{room}?t={token}", "unknown placeholder {room} at column 15");
    expect_rejected("https://x.org/{building}", "must contain {token}");
    xl_i18n_set_lang("zh");
    xl_err e;
    assert_int_equal(xl_qr_template_check(TMPL, &e), XL_OK);
}

/* ---- encoding ---- */

static void qr__encode__too_long_refused_with_message(void **state)
{
    (void)state;
    char *big = xl_malloc(3001);
    memset(big, 'a', 3000);
    big[3000] = '\0';
    xl_qr qr;
    xl_err e;
    assert_int_equal(xl_qr_encode(big, XL_QR_EC_L, &qr, &e), XL_EFAIL);
    assert_string_equal(e.msg, "登记码内容有 3000 个字符，纠错级别 L 下放不进一个二维码，"
                               "请缩短配置 [serve] 里的 url_template");
    xl_i18n_set_lang("en");
    assert_int_equal(xl_qr_encode(big, XL_QR_EC_L, &qr, &e), XL_EFAIL);
    assert_string_equal(e.msg, "payload 3000 bytes is too long for a QR code at level L; "
                               "shorten [serve] url_template");
    assert_null(qr.dark);
    big[1300] = '\0';
    assert_int_equal(xl_qr_encode(big, XL_QR_EC_H, &qr, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "1300 bytes is too long for a QR code at level H"));
    xl_i18n_set_lang("zh");
    assert_int_equal(xl_qr_encode(big, XL_QR_EC_L, &qr, &e), XL_OK); /* fits at L */
    xl_qr_release(&qr);
    assert_int_equal(xl_qr_encode("", XL_QR_EC_M, &qr, &e), XL_EFAIL);
    free(big);
}

static void qr__encode__quiet_zone_and_version(void **state)
{
    (void)state;
    xl_qr qr;
    xl_err e;
    assert_int_equal(xl_qr_encode("https://signin.example.org/s/127?t=AbCdEfGhIjK", XL_QR_EC_M, &qr, &e), XL_OK);
    assert_int_equal(qr.modules, 17 + 4 * qr.version);
    assert_int_equal(qr.size, qr.modules + 2 * XL_QR_QUIET);
    for (int i = 0; i < qr.size; i++)
        for (int q = 0; q < XL_QR_QUIET; q++) {
            assert_false(xl_qr_is_dark(&qr, i, q));
            assert_false(xl_qr_is_dark(&qr, q, i));
            assert_false(xl_qr_is_dark(&qr, i, qr.size - 1 - q));
            assert_false(xl_qr_is_dark(&qr, qr.size - 1 - q, i));
        }
    /* the top-left finder pattern starts right after the quiet zone */
    assert_true(xl_qr_is_dark(&qr, XL_QR_QUIET, XL_QR_QUIET));
    assert_true(xl_qr_is_dark(&qr, XL_QR_QUIET + 6, XL_QR_QUIET + 6));
    assert_false(xl_qr_is_dark(&qr, XL_QR_QUIET + 1, XL_QR_QUIET + 1));
    assert_false(xl_qr_is_dark(&qr, -1, 0));
    xl_qr_release(&qr);
}

static void qr__encode__higher_level_never_smaller(void **state)
{
    (void)state;
    int last = 0;
    for (int ec = 0; ec < XL_QR_EC_COUNT; ec++) {
        xl_qr qr;
        xl_err e;
        assert_int_equal(xl_qr_encode("https://signin.example.org/s/127?t=AbCdEfGhIjK", (xl_qr_ec)ec, &qr, &e), XL_OK);
        assert_true(qr.version >= last);
        assert_int_equal(qr.ec, ec);
        last = qr.version;
        xl_qr_release(&qr);
    }
    assert_int_equal(xl_qr_ec_parse("q"), XL_QR_EC_Q);
    assert_int_equal(xl_qr_ec_parse(""), XL_QR_EC_M);
    assert_int_equal(xl_qr_ec_parse("X"), -1);
    assert_int_equal(xl_qr_style_parse("fullwidth"), XL_QR_STYLE_FULLWIDTH);
    assert_int_equal(xl_qr_style_parse("nope"), -1);
}

static void qr__cells__size_and_fit(void **state)
{
    (void)state;
    int r, c;
    xl_qr_cells(37, XL_QR_STYLE_HALFBLOCK, 1, &r, &c);
    assert_int_equal(r, 19);
    assert_int_equal(c, 37);
    xl_qr_cells(37, XL_QR_STYLE_FULLWIDTH, 1, &r, &c);
    assert_int_equal(r, 37);
    assert_int_equal(c, 74);
    xl_qr_cells(37, XL_QR_STYLE_HALFBLOCK, 2, &r, &c);
    assert_int_equal(r, 37);
    assert_int_equal(c, 74);
    assert_int_equal(xl_qr_fit_scale(37, XL_QR_STYLE_HALFBLOCK, 22, 80), 1);
    assert_int_equal(xl_qr_fit_scale(37, XL_QR_STYLE_FULLWIDTH, 22, 80), 0);
    assert_int_equal(xl_qr_fit_scale(37, XL_QR_STYLE_HALFBLOCK, 46, 160), 2);
    assert_int_equal(xl_qr_fit_scale(37, XL_QR_STYLE_FULLWIDTH, 46, 160), 1);
}

/* ---- renderers read back exactly ---- */

/* The text, seen by the converter at one pixel per half cell, shows exactly the matrix. */
static void expect_image_is_matrix(const xl_qr *qr, const char *text, int dark_terminal, int sx,
                                   const char *what)
{
    ti_opts o = {.dark_terminal = dark_terminal, .px = 1};
    xl_bitmap bm;
    assert_int_equal(ti_convert(text, strlen(text), &o, &bm), 0);
    for (int y = 0; y < qr->size; y++)
        for (int x = 0; x < qr->size; x++)
            if (xl_bitmap_get(&bm, x * sx, y * (sx == 1 ? 1 : 2)) != xl_qr_is_dark(qr, x, y))
                fail_msg("%s: module (%d,%d) differs", what, x, y);
    xl_bitmap_release(&bm);
}

/* rows lines of exactly cols display columns each. */
static void expect_text_shape(const char *text, int rows, int cols)
{
    int lines = 0;
    for (const char *p = text; *p; lines++) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        char *line = xl_strndup(p, (size_t)(nl - p));
        assert_int_equal(xl_str_width(line), cols);
        free(line);
        p = nl + 1;
    }
    assert_int_equal(lines, rows);
}

static void qr__render_text__shows_every_module(void **state)
{
    (void)state;
    xl_qr qr;
    xl_err e;
    assert_int_equal(xl_qr_encode("https://signin.example.org/s/1?t=0123456789_", XL_QR_EC_Q, &qr, &e), XL_OK);
    for (int style = 0; style < XL_QR_STYLE_COUNT; style++) {
        for (int ink_light = 0; ink_light < 2; ink_light++) {
            xl_buf b;
            xl_buf_init(&b);
            xl_qr_render_text(&qr, (xl_qr_style)style, ink_light ? XL_QR_TEXT_INK_LIGHT : 0, &b);
            int rows, cols;
            xl_qr_cells(qr.size, (xl_qr_style)style, 1, &rows, &cols);
            expect_text_shape(b.data, rows, cols);
            expect_image_is_matrix(&qr, b.data, ink_light, style == XL_QR_STYLE_HALFBLOCK ? 1 : 2,
                                   xl_qr_style_key((xl_qr_style)style));
            xl_buf_release(&b);
        }
        xl_buf ansi;
        xl_buf_init(&ansi);
        xl_qr_render_ansi(&qr, (xl_qr_style)style, &ansi);
        for (int dark = 0; dark < 2; dark++) /* forced colours: the theme does not matter */
            expect_image_is_matrix(&qr, ansi.data, dark, style == XL_QR_STYLE_HALFBLOCK ? 1 : 2, "ansi");
        xl_buf_release(&ansi);
    }
    xl_qr_release(&qr);
}

static void qr__cell__matches_matrix_at_scale(void **state)
{
    (void)state;
    xl_qr qr;
    xl_err e;
    assert_int_equal(xl_qr_encode("HELLO xiangli", XL_QR_EC_L, &qr, &e), XL_OK);
    for (int s = 1; s <= 3; s++) {
        int rows, cols;
        xl_qr_cells(qr.size, XL_QR_STYLE_HALFBLOCK, s, &rows, &cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) {
                int bits = xl_qr_cell(&qr, XL_QR_STYLE_HALFBLOCK, s, r, c);
                assert_int_equal(!!(bits & XL_QR_CELL_TOP), xl_qr_is_dark(&qr, c / s, 2 * r / s));
                assert_int_equal(!!(bits & XL_QR_CELL_BOTTOM), xl_qr_is_dark(&qr, c / s, (2 * r + 1) / s));
            }
        xl_qr_cells(qr.size, XL_QR_STYLE_FULLWIDTH, s, &rows, &cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                assert_int_equal(xl_qr_cell(&qr, XL_QR_STYLE_FULLWIDTH, s, r, c) != 0,
                                 xl_qr_is_dark(&qr, c / (2 * s), r / s));
    }
    xl_qr_release(&qr);
}

/* ---- decoding with zbarimg ---- */

static void need_tool(const char *tool, const char *package)
{
    char *cmd = xl_asprintf("command -v %s >/dev/null 2>&1", tool);
    int rc = system(cmd);
    free(cmd);
    if (rc != 0)
        fail_msg("%s not found: install the Debian package %s (apt-get install %s)", tool, package, package);
}

static char *run_capture(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        fail_msg("cannot run %s", cmd);
    xl_buf b;
    xl_buf_init(&b);
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, p)) > 0)
        xl_buf_put(&b, tmp, n);
    pclose(p);
    return b.data;
}

/* Decodes the PNG at path and compares with payload. */
static void expect_png_decodes(const char *path, const char *payload, const char *what)
{
    need_tool("zbarimg", "zbar-tools");
    char *errpath = xl_asprintf("%s.err", path);
    char *cmd = xl_asprintf("zbarimg --raw -q '%s' 2>'%s'", path, errpath);
    char *got = run_capture(cmd);
    size_t n = strlen(got);
    if (n > 0 && got[n - 1] == '\n')
        got[--n] = '\0';
    if (strcmp(got, payload) != 0) {
        char *why = tu_read_file(errpath, NULL);
        fail_msg("%s: zbarimg read \"%.200s\" (%zu bytes), expected \"%.200s\" (%zu bytes); "
                 "zbarimg said: %.300s", what, got, n, payload, strlen(payload), why ? why : "");
    }
    free(got);
    free(cmd);
    free(errpath);
}

static void write_and_decode(const char *dir, const char *name, const xl_buf *png, const char *payload)
{
    char *path = xl_asprintf("%s/%s.png", dir, name);
    xl_err e;
    if (xl_poster_file_write(path, png->data, png->len, &e))
        fail_msg("%s", e.msg);
    expect_png_decodes(path, payload, name);
    free(path);
}

static void decode_text(const char *dir, const char *name, const char *text, int dark_terminal,
                        const char *payload)
{
    ti_opts o = {.dark_terminal = dark_terminal, .px = 4};
    xl_bitmap bm;
    xl_buf png;
    xl_err e;
    xl_buf_init(&png);
    assert_int_equal(ti_convert(text, strlen(text), &o, &bm), 0);
    assert_int_equal(xl_bitmap_png(&bm, 0, &png, &e), XL_OK);
    write_and_decode(dir, name, &png, payload);
    xl_bitmap_release(&bm);
    xl_buf_release(&png);
}

static void decode_svg(const char *dir, const char *name, const xl_buf *svg, const char *payload)
{
    need_tool("rsvg-convert", "librsvg2-bin");
    char *in = xl_asprintf("%s/%s.svg", dir, name);
    char *out = xl_asprintf("%s/%s-svg.png", dir, name);
    xl_err e;
    if (xl_poster_file_write(in, svg->data, svg->len, &e))
        fail_msg("%s", e.msg);
    char *cmd = xl_asprintf("rsvg-convert --background-color=white -o '%s' '%s'", out, in);
    if (system(cmd) != 0)
        fail_msg("%s failed", cmd);
    expect_png_decodes(out, payload, name);
    free(cmd);
    free(out);
    free(in);
}

/* Every format of one code. */
static void decode_all_formats(const char *dir, const char *tag, const xl_qr *qr, const char *payload)
{
    static const char *const styles[] = {"halfblock", "fullwidth", "ascii"};
    char name[128];
    xl_buf b;
    xl_err e;
    for (int s = 0; s < XL_QR_STYLE_COUNT; s++) {
        for (int ink_light = 0; ink_light < 2; ink_light++) {
            xl_buf_init(&b);
            xl_qr_render_text(qr, (xl_qr_style)s, ink_light ? XL_QR_TEXT_INK_LIGHT : 0, &b);
            snprintf(name, sizeof name, "%s-%s-%s", tag, styles[s], ink_light ? "utf8" : "utf8i");
            decode_text(dir, name, b.data, ink_light, payload);
            xl_buf_release(&b);
        }
        xl_buf_init(&b);
        xl_qr_render_ansi(qr, (xl_qr_style)s, &b);
        snprintf(name, sizeof name, "%s-%s-ansi", tag, styles[s]);
        decode_text(dir, name, b.data, 0, payload);
        xl_buf_release(&b);
    }
    xl_buf_init(&b);
    xl_qr_render_svg(qr, 4, &b);
    snprintf(name, sizeof name, "%s-svg", tag);
    decode_svg(dir, name, &b, payload);
    xl_buf_release(&b);
    xl_buf_init(&b);
    assert_int_equal(xl_qr_render_png(qr, 4, &b, &e), XL_OK);
    snprintf(name, sizeof name, "%s-png", tag);
    write_and_decode(dir, name, &b, payload);
    xl_buf_release(&b);
}

static void rm_rf(char *dir)
{
    char *cmd = xl_asprintf("rm -rf '%s'", dir);
    if (strstr(dir, "xiangli-test-"))
        (void)!system(cmd);
    free(cmd);
    free(dir);
}

static void qr__decode__every_format_buildings_and_levels(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    char *dir = tu_tmpdir();
    for (size_t i = 0; i < NBUILDINGS; i++) {
        char *payload = payload_of(db, buildings[i]);
        for (int ec = 0; ec < XL_QR_EC_COUNT; ec++) {
            xl_qr qr;
            xl_err e;
            char tag[32];
            assert_int_equal(xl_qr_encode(payload, (xl_qr_ec)ec, &qr, &e), XL_OK);
            snprintf(tag, sizeof tag, "b%d-%c", buildings[i], xl_qr_ec_letter((xl_qr_ec)ec));
            decode_all_formats(dir, tag, &qr, payload);
            xl_qr_release(&qr);
        }
        free(payload);
    }
    rm_rf(dir);
    tu_db_free(db);
}

/* A template padded so that the payload is just under the capacity of version 40. */
static void qr__decode__long_template_near_limit(void **state)
{
    (void)state;
    static const int capacity[XL_QR_EC_COUNT] = {2953, 2331, 1663, 1273};
    xl_db *db = fixture_db();
    char *dir = tu_tmpdir();
    char tok[XL_QR_TOKEN_SIZE];
    xl_err e;
    assert_int_equal(xl_qr_token(db, 127, tok, &e), XL_OK);
    for (int ec = 0; ec < XL_QR_EC_COUNT; ec++) {
        int pad = capacity[ec] - 40 - (int)strlen("https://signin.example.org/s/127?t=&p=") - XL_QR_TOKEN_LEN;
        xl_buf tmpl, payload;
        xl_buf_init(&tmpl);
        xl_buf_init(&payload);
        xl_buf_puts(&tmpl, "https://signin.example.org/s/{building}?t={token}&p=");
        for (int k = 0; k < pad; k++)
            xl_buf_put(&tmpl, &"abcdefghijklmnopqrstuvwxyz"[k % 26], 1);
        assert_int_equal(xl_qr_payload(db, tmpl.data, 127, &payload, &e), XL_OK);
        xl_qr qr;
        assert_int_equal(xl_qr_encode(payload.data, (xl_qr_ec)ec, &qr, &e), XL_OK);
        assert_true(qr.version >= 39);
        char tag[32];
        snprintf(tag, sizeof tag, "long-%c", xl_qr_ec_letter((xl_qr_ec)ec));
        xl_buf png;
        xl_buf_init(&png);
        assert_int_equal(xl_qr_render_png(&qr, 4, &png, &e), XL_OK);
        write_and_decode(dir, tag, &png, payload.data);
        xl_buf b;
        xl_buf_init(&b);
        xl_qr_render_text(&qr, XL_QR_STYLE_HALFBLOCK, XL_QR_TEXT_INK_LIGHT, &b);
        snprintf(tag, sizeof tag, "long-%c-halfblock", xl_qr_ec_letter((xl_qr_ec)ec));
        decode_text(dir, tag, b.data, 1, payload.data);
        xl_qr_release(&qr);
        /* 60 more bytes no longer fit */
        xl_buf_puts(&payload, "012345678901234567890123456789abcdefghijklmnopqrstuvwxyzABCD");
        assert_int_equal(xl_qr_encode(payload.data, (xl_qr_ec)ec, &qr, &e), XL_EFAIL);
        assert_non_null(strstr(e.msg, "下放不进一个二维码"));
        xl_buf_release(&b);
        xl_buf_release(&png);
        xl_buf_release(&payload);
        xl_buf_release(&tmpl);
    }
    rm_rf(dir);
    tu_db_free(db);
}

/* ---- posters ---- */

static void qr__poster_svg__says_what_it_must(void **state)
{
    (void)state;
    xl_i18n_set_lang("zh");
    xl_db *db = fixture_db();
    xl_poster_info info;
    xl_err e;
    assert_int_equal(xl_poster_info_load(db, 127, &info, &e), XL_OK);
    assert_string_equal(info.resp_name, "李梅");
    assert_string_equal(info.resp_phone_masked, "139****5432");
    assert_string_equal(info.lane, "杜巷一弄");
    char *payload = payload_of(db, 127);
    xl_qr qr;
    assert_int_equal(xl_qr_encode(payload, XL_QR_EC_M, &qr, &e), XL_OK);
    xl_buf svg;
    xl_buf_init(&svg);
    xl_poster_svg(&info, "杜巷小区 <&>", &qr, &svg);
    assert_non_null(strstr(svg.data, "viewBox=\"0 0 210 297\""));
    assert_non_null(strstr(svg.data, "扫码签进 / 扫码签出"));
    assert_non_null(strstr(svg.data, "127号楼"));
    assert_non_null(strstr(svg.data, "李梅"));
    assert_non_null(strstr(svg.data, "139****5432"));
    assert_non_null(strstr(svg.data, "杜巷小区 &lt;&amp;&gt;"));
    assert_non_null(strstr(svg.data, "Noto Sans CJK SC"));
    /* the code (without quiet zone) is at least 12 cm wide */
    const char *inner = strstr(svg.data, "<svg x=");
    assert_non_null(inner);
    double x, y, w;
    assert_int_equal(sscanf(inner, "<svg x=\"%lf\" y=\"%lf\" width=\"%lf\"", &x, &y, &w), 3);
    assert_true(w * qr.modules / qr.size >= 120.0);
    assert_int_equal(xl_poster_info_load(db, 999, &info, &e), XL_ENOTFOUND);
    char *dir = tu_tmpdir();
    decode_svg(dir, "poster", &svg, payload);
    rm_rf(dir);
    xl_buf_release(&svg);
    xl_qr_release(&qr);
    free(payload);
    tu_db_free(db);
}

static void qr__poster_png__decodes_with_and_without_font(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    xl_poster_info info;
    xl_err e;
    assert_int_equal(xl_poster_info_load(db, 326, &info, &e), XL_OK);
    assert_string_equal(info.resp_name, "");
    char *payload = payload_of(db, 326);
    xl_qr qr;
    assert_int_equal(xl_qr_encode(payload, XL_QR_EC_H, &qr, &e), XL_OK);
    xl_font *font = NULL;
    if (xl_font_load(NULL, &font, &e) != XL_OK)
        fail_msg("unifont: %s (apt-get install unifont)", e.msg);
    assert_int_equal(xl_font_text_width(font, "扫码a"), 40);
    char *dir = tu_tmpdir();
    for (int with_font = 0; with_font < 2; with_font++) {
        xl_buf png;
        xl_buf_init(&png);
        assert_int_equal(xl_poster_png(&info, "杜巷小区", &qr, with_font ? font : NULL, 150, &png, &e), XL_OK);
        write_and_decode(dir, with_font ? "poster-font" : "poster-nofont", &png, payload);
        xl_buf_release(&png);
    }
    xl_buf png;
    xl_buf_init(&png);
    assert_int_equal(xl_poster_png(&info, "", &qr, font, 20, &png, &e), XL_EUSAGE);
    xl_buf_release(&png);
    xl_font_free(font);
    rm_rf(dir);
    xl_qr_release(&qr);
    free(payload);
    tu_db_free(db);
}

static void qr__posters_write__lane_and_all(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    char *dir = tu_tmpdir();
    char *out = xl_asprintf("%s/posters/a", dir);
    xl_poster_job job = {.url_template = TMPL, .ec = XL_QR_EC_M, .community = "杜巷小区",
                         .dir = out, .formats = XL_POSTER_SVG, .lane = "杜巷一弄"};
    xl_poster_result res;
    xl_err e;
    assert_int_equal(xl_posters_write(db, &job, 0, &res, &e), XL_OK);
    assert_int_equal(res.buildings, 2);
    assert_int_equal(res.files, 2);
    assert_int_equal(xl_db_audit_count(db, "qr.token.create"), 3); /* all buildings got one */
    job.lane = "2";
    job.formats = XL_POSTER_SVG | XL_POSTER_PNG;
    job.dpi = 100;
    assert_int_equal(xl_posters_write(db, &job, 0, &res, &e), XL_OK);
    assert_int_equal(res.buildings, 1);
    assert_int_equal(res.files, 2);
    char *path = xl_asprintf("%s/poster-326.png", out);
    char *payload = payload_of(db, 326);
    expect_png_decodes(path, payload, "poster-326.png");
    job.lane = "没有这条巷";
    assert_int_equal(xl_posters_write(db, &job, 0, &res, &e), XL_ENOTFOUND);
    job.lane = NULL;
    job.url_template = "https://x/{room}";
    assert_int_equal(xl_posters_write(db, &job, 1, &res, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "{room}"));
    free(payload);
    free(path);
    free(out);
    rm_rf(dir);
    tu_db_free(db);
}

typedef struct stop_at {
    int stop, calls, total;
} stop_at;

static int stop_progress(int done, int total, void *ctx)
{
    stop_at *s = ctx;
    s->calls++;
    s->total = total;
    return done >= s->stop;
}

static int files_in(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* The progress callback sees every building; nonzero stops the batch there, and what was
 * written stays and is counted. */
static void qr__posters_write__progress_cancels(void **state)
{
    (void)state;
    xl_db *db = fixture_db();
    char *dir = tu_tmpdir();
    stop_at at = {.stop = 1};
    xl_poster_job job = {.url_template = TMPL, .ec = XL_QR_EC_M, .community = "杜巷小区",
                         .dir = dir, .formats = XL_POSTER_SVG, .progress = stop_progress,
                         .progress_ctx = &at};
    xl_poster_result res;
    xl_err e;
    assert_int_equal(xl_posters_write(db, &job, 0, &res, &e), XL_OK);
    assert_int_equal(res.cancelled, 1);
    assert_int_equal(res.buildings, 1);
    assert_int_equal(res.files, 1);
    assert_int_equal(files_in(dir), 1);
    assert_int_equal(at.calls, 2);
    assert_int_equal(at.total, 3);
    at = (stop_at){.stop = 99};
    assert_int_equal(xl_posters_write(db, &job, 0, &res, &e), XL_OK);
    assert_int_equal(res.cancelled, 0);
    assert_int_equal(res.buildings, 3);
    assert_int_equal(at.calls, 3);
    assert_int_equal(files_in(dir), 3);
    rm_rf(dir);
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(qr__token__created_lazily_once_with_audit),
        cmocka_unit_test(qr__token__unknown_building_not_found),
        cmocka_unit_test(qr__rotate__old_payload_stops_matching),
        cmocka_unit_test(qr__tokens_ensure_all__fills_every_building),
        cmocka_unit_test(qr__payload_matches__no_token_is_no_match),
        cmocka_unit_test(qr__template__substitutes_placeholders),
        cmocka_unit_test(qr__template__rejects_with_clear_message),
        cmocka_unit_test(qr__encode__too_long_refused_with_message),
        cmocka_unit_test(qr__encode__quiet_zone_and_version),
        cmocka_unit_test(qr__encode__higher_level_never_smaller),
        cmocka_unit_test(qr__cells__size_and_fit),
        cmocka_unit_test(qr__render_text__shows_every_module),
        cmocka_unit_test(qr__cell__matches_matrix_at_scale),
        cmocka_unit_test(qr__decode__every_format_buildings_and_levels),
        cmocka_unit_test(qr__decode__long_template_near_limit),
        cmocka_unit_test(qr__poster_svg__says_what_it_must),
        cmocka_unit_test(qr__poster_png__decodes_with_and_without_font),
        cmocka_unit_test(qr__posters_write__lane_and_all),
        cmocka_unit_test(qr__posters_write__progress_cancels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
