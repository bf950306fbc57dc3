/* test_docs.c — the documents' Markdown: front matter, blocks, emphasis, and the layout for
 * terminal widths (Chinese two columns wide, never past the width, hanging indents). */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "xiangli/docs.h"
#include "xiangli/markdown.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

static const char sample[] =
    "---\ntitle: 租客入住须知\nversion: 1.2\ndate: 2026-03-01\n---\n\n"
    "# 租客入住须知\n\n欢迎您住进杜巷小区！\n同住一栋楼，就是一家人。\n\n"
    "## 一、安全\n\n- **电动车不进楼**，到集中充电点充电。\n- 燃气用完关阀门。\n\n"
    "1. 扫码签进\n2. 搬走签出\n\nplain English words wrap at spaces here\n";

static void docs__parse__blocks(void **state)
{
    (void)state;
    xl_md_doc d;
    xl_md_parse(sample, &d);
    assert_string_equal(d.title, "租客入住须知");
    assert_string_equal(d.version, "1.2");
    assert_string_equal(d.date, "2026-03-01");
    assert_int_equal(d.n, 8);
    assert_int_equal(d.b[0].kind, XL_MD_HEADING);
    assert_int_equal(d.b[0].level, 1);
    assert_int_equal(d.b[1].kind, XL_MD_PARA);
    /* two lines of Chinese joined without a space */
    assert_string_equal(d.b[1].text, "欢迎您住进杜巷小区！同住一栋楼，就是一家人。");
    assert_int_equal(d.b[2].level, 2);
    assert_int_equal(d.b[3].kind, XL_MD_BULLET);
    assert_int_equal(d.b[5].kind, XL_MD_NUMBERED);
    assert_int_equal(d.b[6].number, 2);
    xl_buf b;
    xl_buf_init(&b);
    xl_md_plain(d.b[3].text, &b);
    assert_string_equal(b.data, "电动车不进楼，到集中充电点充电。");
    xl_buf_release(&b);
    xl_buf_init(&b);
    xl_md_pango("**a<b** *c*", &b);
    assert_string_equal(b.data, "<b>a&lt;b</b> <i>c</i>");
    xl_buf_release(&b);
    xl_md_release(&d);
}

static int line_width(const xl_md_line *l)
{
    int w = l->indent;
    for (size_t i = 0; i < l->nseg; i++)
        w += xl_str_width(l->seg[i].text);
    return w;
}

static void docs__layout__any_width(void **state)
{
    (void)state;
    xl_md_doc d;
    xl_md_parse(sample, &d);
    for (int cols = 10; cols <= 200; cols += 7) {
        xl_md_lines L;
        xl_md_layout(&d, cols, &L);
        for (size_t i = 0; i < L.n; i++)
            assert_true(line_width(&L.l[i]) <= cols);
        xl_md_lines_release(&L);
    }
    xl_md_lines L;
    xl_md_layout(&d, 20, &L);
    /* the bullet: marker, bold run, then the rest; its second line hangs under the text */
    size_t i = 0;
    while (i < L.n && L.l[i].kind != XL_MD_BULLET)
        i++;
    assert_true(i + 1 < L.n);
    assert_string_equal(L.l[i].seg[0].text, "• ");
    assert_int_equal(L.l[i].seg[1].style, XL_MD_BOLD);
    assert_string_equal(L.l[i].seg[1].text, "电动车不进楼");
    assert_int_equal(L.l[i + 1].indent, 2);
    /* Latin words are not cut at 20 columns */
    while (i < L.n && !(L.l[i].nseg && strstr(L.l[i].seg[0].text, "plain")))
        i++;
    assert_true(i + 1 < L.n);
    assert_string_equal(L.l[i].seg[0].text, "plain English words");
    xl_md_lines_release(&L);
    xl_md_release(&d);
}

static void docs__load__shipped_three(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    for (int i = 0; i < XL_DOC_COUNT; i++) {
        xl_doc doc;
        xl_err e;
        assert_int_equal(xl_doc_load(db, (xl_doc_id)i, &doc, &e), XL_OK);
        assert_int_equal(doc.local, 0);
        assert_true(doc.md.version[0] && doc.md.date[0] && doc.md.title[0]);
        assert_true(doc.md.n > 5);
        xl_doc_release(&doc);
    }
    /* first read records each version once */
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'docs.version'"), 3);
    xl_doc doc;
    xl_err e;
    assert_int_equal(xl_doc_load(db, XL_DOC_HANDBOOK, &doc, &e), XL_OK);
    xl_doc_release(&doc);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'docs.version'"), 3);
    assert_int_equal(xl_doc_parse("tenant-guide"), XL_DOC_TENANT_GUIDE);
    assert_int_equal(xl_doc_parse("nope"), -1);
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(docs__parse__blocks),
        cmocka_unit_test(docs__layout__any_width),
        cmocka_unit_test(docs__load__shipped_three),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
