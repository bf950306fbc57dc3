/* test_import.c — residents sheets into the register (every real-world form, every refusal,
 * all or nothing, idempotent, moves) and the register out again (Excel/WPS-safe, masked or
 * audited, and back in). */
#include "testutil.h"

#include <iconv.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/db/db_internal.h"
#include "xiangli/export.h"
#include "xiangli/idcard.h"
#include "xiangli/import.h"
#include "xiangli/mem.h"

#define HEADER_ZH "姓名,性别,身份证号,手机号,楼栋,房间,身份,入住日期,户籍省份,工作单位"

/* ---------- helpers ---------- */

static char ids[8][19];

/* A valid ID number: region 310117, birth date, sequence (odd = man), check character. */
static const char *make_id(int k, const char *birth, int seq)
{
    snprintf(ids[k], 19, "310117%.8s%03d", birth, seq);
    ids[k][17] = xl_id_check_char(ids[k]);
    ids[k][18] = '\0';
    return ids[k];
}

static const char buildings_sql[] =
    "INSERT INTO lane(id, name) VALUES (1, '东巷');"
    "INSERT INTO building(number, lane_id) VALUES (1, 1), (2, 1), (215, 1);"
    "INSERT INTO room(building, room, floor) VALUES (1,'101',1),(1,'102',1),(1,'201',2),"
    "(2,'101',1),(2,'102',1),(215,'301',3),(215,'302',3);";

/* A fresh register with three buildings and their rooms, nobody living there. */
static xl_db *register_db(char *path)
{
    xl_db *db = tu_db_new(path);
    tu_exec(db, buildings_sql);
    return db;
}

/* Writes bytes to a file in a new temporary directory; returns its path (heap). */
static char *sheet_file(const char *name, const void *bytes, size_t len)
{
    char *dir = tu_tmpdir();
    char *path = xl_asprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    fclose(f);
    free(dir);
    return path;
}

static char *sheet(const char *name, const char *text)
{
    return sheet_file(name, text, strlen(text));
}

static char *encode(const char *to, const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), outleft = 4 * inleft + 16;
    char *out = malloc(outleft), *inp = (char *)utf8, *outp = out;
    assert_non_null(out);
    assert_true(iconv(cd, &inp, &inleft, &outp, &outleft) != (size_t)-1);
    iconv_close(cd);
    *len = (size_t)(outp - out);
    return out;
}

static int import(xl_db *db, const char *path, int dry_run, xl_import_report *rep)
{
    xl_err e;
    xl_err_clear(&e);
    xl_import_report_init(rep);
    return xl_import_residents(db, path, dry_run, rep, &e);
}

/* 1 when some problem, formatted, equals want exactly. */
static int has_problem(const xl_import_report *rep, const char *want)
{
    for (size_t i = 0; i < rep->nproblems; i++) {
        char line[1024];
        xl_import_problem_format(rep, i, line, sizeof line);
        if (strcmp(line, want) == 0)
            return 1;
    }
    return 0;
}

static void expect_problem(const xl_import_report *rep, const char *want)
{
    if (has_problem(rep, want))
        return;
    for (size_t i = 0; i < rep->nproblems; i++) {
        char line[1024];
        xl_import_problem_format(rep, i, line, sizeof line);
        print_message("  got: %s\n", line);
    }
    fail_msg("missing problem: %s", want);
}

/* The database file's bytes after a checkpoint: close, read, reopen. */
static char *db_bytes(xl_db **db, const char *path, size_t *len)
{
    xl_err e;
    xl_db_close(*db);
    char *bytes = tu_read_file(path, len);
    assert_non_null(bytes);
    assert_int_equal(xl_db_open(db, path, 0, &e), XL_OK);
    return bytes;
}

static void expect_unchanged_file(xl_db **db, const char *path, const char *before, size_t len)
{
    size_t now_len;
    char *now = db_bytes(db, path, &now_len);
    assert_int_equal(now_len, len);
    assert_memory_equal(now, before, len);
    free(now);
}

/* Every person with their current residency, one line each, sorted: equal dumps = the same
 * people in the same places. */
static char *people_dump(xl_db *db)
{
    xl_buf b;
    xl_buf_init(&b);
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT p.name, p.gender, coalesce(p.id_number, '-'), coalesce(p.phone, '-'), p.province,"
        " p.workplace, r.building, r.room, r.role, r.moved_in FROM person p"
        " JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL"
        " ORDER BY p.id_number, p.name", NULL);
    assert_non_null(st);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < 10; i++)
            xl_buf_printf(&b, "%s|", xl_col_text(st, i));
        xl_buf_puts(&b, "\n");
    }
    sqlite3_finalize(st);
    return b.data;
}

/* ---------- real-world files ---------- */

static void check_three_people(xl_db *db)
{
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM person"), 3);
    char *v = tu_one_text(db, "SELECT moved_in || '/' || phone || '/' || room FROM residency r"
                           " JOIN person p ON p.id = r.person_id WHERE p.name = '张三'");
    assert_string_equal(v, "2024-03-05/13812345678/301");
    free(v);
    v = tu_one_text(db, "SELECT moved_in FROM residency r JOIN person p ON p.id = r.person_id"
                     " WHERE p.name = '李四'");
    assert_string_equal(v, "2024-03-05");
    free(v);
    v = tu_one_text(db, "SELECT moved_in || '/' || workplace FROM residency r"
                     " JOIN person p ON p.id = r.person_id WHERE p.name = '单田芳'");
    assert_string_equal(v, "2023-11-20/九亭物流，二部");
    free(v);
}

static char *three_rows(void)
{
    return xl_asprintf(
        HEADER_ZH ",备注\r\n"
        "张三,男,%s,13812345678,215,301,租客,2024-03-05,安徽,顺丰,\r\n"
        "\"李四\",,%s,\"138 1234 5679\",２１５,３０２,租客,2024/3/5,河南,\"饭店, 后厨\",\"第一行\r\n第二行\"\r\n"
        "单田芳,男,%s,１３８１２３４５６８０,215号,301室,家属,2023年11月20日,江苏,\"九亭物流，二部\",\r\n",
        make_id(0, "19900307", 851), make_id(1, "19920101", 222), make_id(2, "19850615", 311));
}

static void import__formats__utf8_bom_crlf_quotes_fullwidth_dates(void **state)
{
    (void)state;
    xl_db *db = register_db(NULL);
    char *text = three_rows(), *bom = xl_asprintf("\xEF\xBB\xBF%s", text);
    char *path = sheet("bom.csv", bom);
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_OK);
    assert_int_equal(rep.rows, 3);
    assert_int_equal(rep.new_people, 3);
    assert_int_equal(rep.nerrors, 0);
    assert_true(rep.written);
    check_three_people(db);
    /* the 备注 column is reported, not refused */
    char *want = xl_asprintf("%s 第 1 行 · 备注：提醒：未知的列，已忽略", path);
    expect_problem(&rep, want);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'resident.signin'"), 3);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'import.residents'"), 1);
    xl_import_report_release(&rep);
    free(want), free(path), free(bom), free(text);
    tu_db_free(db);
}

static void import__formats__gbk_without_bom(void **state)
{
    (void)state;
    xl_db *db = register_db(NULL);
    char *text = three_rows();
    size_t len;
    char *gbk = encode("GBK", text, &len);
    char *path = sheet_file("gbk.csv", gbk, len);
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_OK);
    assert_int_equal(rep.new_people, 3);
    assert_string_equal(rep.csv.encoding, "GB18030");
    check_three_people(db);
    xl_import_report_release(&rep);
    free(path), free(gbk), free(text);
    tu_db_free(db);
}

static void import__formats__english_headers_any_order_no_role_column(void **state)
{
    (void)state;
    xl_db *db = register_db(NULL);
    char *text = xl_asprintf("Room,Building,Name,ID_Number,Phone\n101,1,王五,%s,13900001111\n",
                             make_id(0, "19880808", 123));
    char *path = sheet("en.csv", text);
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_OK);
    assert_int_equal(rep.new_people, 1);
    char *want = xl_asprintf("%s 第 1 行：提醒：没有“身份”列：每一行都按租客导入", path);
    expect_problem(&rep, want);
    char *v = tu_one_text(db, "SELECT role || '/' || building || '-' || room FROM residency");
    assert_string_equal(v, "tenant/1-101");
    free(v), free(want), free(path), free(text);
    xl_import_report_release(&rep);
    tu_db_free(db);
}

/* ---------- refusals ---------- */

static void import__rejects__every_problem_as_file_line_column_reason(void **state)
{
    (void)state;
    char path_db[4096];
    xl_db *db = register_db(path_db);
    char bad_check[19];
    memcpy(bad_check, make_id(0, "19900307", 851), 19);
    bad_check[17] = bad_check[17] == '1' ? '2' : '1';
    char *text = xl_asprintf(
        HEADER_ZH "\n"
        "张三,男,%s,13812345678,215,301,租客,2024-03-05,安徽,顺丰\n"  /* 2: check character */
        "李四,男,%s,1381234567,215,301,租客,2024-03-05,安徽,顺丰\n"    /* 3: phone length */
        ",男,%s,13812345678,215,301,租客,2024-03-05,安徽,顺丰\n"      /* 4: no name */
        "王五,,%s,13812345678,999,301,租客,2024-03-05,安徽,顺丰\n"     /* 5: no building */
        "赵六,,%s,13812345678,215,999,租客,2024-03-05,安徽,顺丰\n"     /* 6: no room */
        "钱七,,%s,13812345678,215,301,保安,2024-03-05,安徽,顺丰\n"     /* 7: role */
        "孙八,,%s,13812345678,215,301,租客,2024-02-30,安徽,顺丰\n"     /* 8: date */
        "周九,女,%s,13812345678,215,301,租客,2024-03-05,安徽,顺丰\n"   /* 9: gender vs ID */
        "吴十,,%s,13812345678,215,301,租客,2024-03-05,安徽,顺丰\n"     /* 10: first of a pair */
        "吴十,,%s,13812345678,215,302,租客,2024-03-05,安徽,顺丰\n",    /* 11: same ID elsewhere */
        bad_check, make_id(1, "19900101", 111), make_id(2, "19900102", 113),
        make_id(3, "19900103", 115), make_id(4, "19900104", 117), make_id(5, "19900105", 119),
        make_id(6, "19900106", 121), make_id(7, "19900107", 123), make_id(7, "19900107", 123),
        ids[7]);
    char *path = sheet("bad.csv", text);
    size_t before_len;
    char *before = db_bytes(&db, path_db, &before_len);
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_EFAIL);
    assert_int_equal(rep.nerrors, 9);
    assert_false(rep.written);
    const char *want[] = {
        "%s 第 2 行 · 身份证号：身份证号校验位不对，请逐位核对",
        "%s 第 3 行 · 手机号：手机号应为 11 位数字，现在是 10 位",
        "%s 第 4 行 · 姓名：请填写姓名",
        "%s 第 5 行 · 楼栋：没有999号楼",
        "%s 第 6 行 · 房间：215号楼没有999室",
        "%s 第 7 行 · 身份：身份请选：业主、二房东、租客或家属",
        "%s 第 8 行 · 入住日期：“2024-02-30”：没有这一天，请检查月和日",
        "%s 第 9 行 · 性别：性别与身份证号不符（身份证号为男性）",
        "%s 第 11 行 · 身份证号：与第 10 行是同一人，但那一行是 215-301（租客），本行是 215-302（租客）",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char *w = xl_asprintf(want[i], path);
        expect_problem(&rep, w);
        free(w);
    }
    /* nothing was written: the database file is byte-identical */
    expect_unchanged_file(&db, path_db, before, before_len);
    xl_import_report_release(&rep);
    free(before), free(path), free(text);
    tu_db_free(db);
}

static void import__rejects__missing_columns_and_empty_file(void **state)
{
    (void)state;
    xl_db *db = register_db(NULL);
    char *path = sheet("cols.csv", "姓名,身份证号\n张三,110101199003078515\n");
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_EFAIL);
    char *w1 = xl_asprintf("%s 第 1 行：缺少必需的列：楼栋（building）", path);
    char *w2 = xl_asprintf("%s 第 1 行：缺少必需的列：房间（room）", path);
    expect_problem(&rep, w1);
    expect_problem(&rep, w2);
    xl_import_report_release(&rep);
    char *empty = sheet("empty.csv", "");
    assert_int_equal(import(db, empty, 0, &rep), XL_EFAIL);
    assert_true(rep.nerrors >= 1);
    xl_import_report_release(&rep);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM person"), 0);
    free(w1), free(w2), free(path), free(empty);
    tu_db_free(db);
}

/* ---------- all or nothing, idempotent, moves ---------- */

static void import__reimport__second_time_changes_nothing(void **state)
{
    (void)state;
    char path_db[4096];
    xl_db *db = register_db(path_db);
    char *text = three_rows(), *path = sheet("again.csv", text);
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_OK);
    assert_int_equal(rep.new_people, 3);
    xl_import_report_release(&rep);
    int64_t audits = tu_one_int(db, "SELECT count(*) FROM audit");
    size_t len;
    char *before = db_bytes(&db, path_db, &len);
    assert_int_equal(import(db, path, 0, &rep), XL_OK);
    assert_int_equal(rep.new_people, 0);
    assert_int_equal(rep.moves, 0);
    assert_int_equal(rep.unchanged, 3);
    assert_false(rep.written);
    xl_import_report_release(&rep);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit"), audits);
    expect_unchanged_file(&db, path_db, before, len);
    free(before), free(path), free(text);
    tu_db_free(db);
}

static void import__moves__detected_and_checked(void **state)
{
    (void)state;
    xl_db *db = register_db(NULL);
    const char *a = make_id(0, "19900307", 851), *b = make_id(1, "19920101", 221);
    char *first = xl_asprintf(HEADER_ZH "\n张三,男,%s,13812345678,1,101,租客,2024-03-05,安徽,顺丰\n"
                                        "李四,男,%s,,1,102,租客,2024-03-05,,\n", a, b);
    char *p1 = sheet("first.csv", first);
    xl_import_report rep;
    assert_int_equal(import(db, p1, 0, &rep), XL_OK);
    xl_import_report_release(&rep);
    /* 张三 moves to 2-101 (under another name on the sheet); 李四 stays */
    char *second = xl_asprintf(HEADER_ZH "\n张叁,男,%s,13812345678,2,101,租客,2025-01-01,安徽,顺丰\n"
                                         "李四,男,%s,,1,102,租客,2024-03-05,,\n", a, b);
    char *p2 = sheet("second.csv", second);
    assert_int_equal(import(db, p2, 0, &rep), XL_OK);
    assert_int_equal(rep.moves, 1);
    assert_int_equal(rep.unchanged, 1);
    char *w = xl_asprintf("%s 第 2 行 · 姓名：提醒：已登记的姓名是 张三，保留登记的姓名", p2);
    expect_problem(&rep, w);
    xl_import_report_release(&rep);
    char *v = tu_one_text(db, "SELECT group_concat(building || '-' || room || ':' || coalesce(moved_out, 'now'), ' ')"
                           " FROM (SELECT * FROM residency WHERE person_id = 1 ORDER BY id)");
    assert_string_equal(v, "1-101:2025-01-01 2-101:now");
    free(v);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'resident.move'"), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'import.residents'"), 2);
    /* a role change in the same room, and a move back in time, are refused */
    char *third = xl_asprintf(HEADER_ZH "\n张三,男,%s,,2,101,家属,2025-01-01,,\n"
                                        "李四,男,%s,,2,102,租客,2020-01-01,,\n", a, b);
    char *p3 = sheet("third.csv", third);
    assert_int_equal(import(db, p3, 0, &rep), XL_EFAIL);
    char *w1 = xl_asprintf("%s 第 2 行 · 身份：此人已登记住在 2-101，身份为租客，表中为家属：导入不改变身份", p3);
    char *w2 = xl_asprintf("%s 第 3 行 · 入住日期：入住日期 2020-01-01 早于此人现住处 1-102 的入住日期 2024-03-05", p3);
    expect_problem(&rep, w1);
    expect_problem(&rep, w2);
    xl_import_report_release(&rep);
    free(w), free(w1), free(w2), free(first), free(second), free(third), free(p1), free(p2), free(p3);
    tu_db_free(db);
}

/* A row that fails while writing (after every check passed) undoes the rows before it. */
static void import__write_failure__rolls_back_every_row(void **state)
{
    (void)state;
    char path_db[4096];
    xl_db *db = register_db(path_db);
    char *text = three_rows(), *path = sheet("boom.csv", text);
    size_t len;
    char *before = db_bytes(&db, path_db, &len);
    tu_exec(db, "CREATE TEMP TRIGGER boom BEFORE INSERT ON residency WHEN new.room = '302'"
                " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_EFAIL);
    assert_false(rep.written);
    assert_int_equal(rep.nerrors, 1);
    char line[1024];
    xl_import_problem_format(&rep, rep.nproblems - 1, line, sizeof line);
    assert_non_null(strstr(line, " 第 3 行：写入时失败："));
    assert_non_null(strstr(line, "disk on fire"));
    xl_import_report_release(&rep);
    expect_unchanged_file(&db, path_db, before, len);
    free(before), free(path), free(text);
    tu_db_free(db);
}

static void import__dry_run__counts_and_writes_nothing(void **state)
{
    (void)state;
    char path_db[4096];
    xl_db *db = register_db(path_db);
    char *text = three_rows(), *path = sheet("dry.csv", text);
    size_t len;
    char *before = db_bytes(&db, path_db, &len);
    xl_import_report rep;
    assert_int_equal(import(db, path, 1, &rep), XL_OK);
    assert_int_equal(rep.new_people, 3);
    assert_true(rep.dry_run);
    assert_false(rep.written);
    xl_import_report_release(&rep);
    expect_unchanged_file(&db, path_db, before, len);
    free(before), free(path), free(text);
    tu_db_free(db);
}

typedef struct seen_progress {
    int calls, last_done, total, stop;
} seen_progress;

static int note_progress(int done, int total, void *ctx)
{
    seen_progress *s = ctx;
    s->calls++;
    s->last_done = done;
    s->total = total;
    return s->stop;
}

/* The progress callback runs while the rows are checked; stopping there writes nothing. */
static void import__progress__cancel_writes_nothing(void **state)
{
    (void)state;
    char path_db[4096];
    xl_db *db = register_db(path_db);
    char *text = three_rows(), *path = sheet("cancel.csv", text);
    size_t len;
    char *before = db_bytes(&db, path_db, &len);
    seen_progress seen = {.stop = 1};
    xl_import_report rep;
    xl_err e;
    xl_import_report_init(&rep);
    rep.progress = note_progress, rep.progress_ctx = &seen;
    assert_int_equal(xl_import_residents(db, path, 0, &rep, &e), XL_EFAIL);
    assert_true(rep.cancelled);
    assert_false(rep.written);
    assert_int_equal(seen.calls, 1);
    assert_non_null(strstr(e.msg, "已取消导入"));
    xl_import_report_release(&rep);
    expect_unchanged_file(&db, path_db, before, len);
    seen = (seen_progress){.stop = 0};
    xl_import_report_release(&rep); /* the callback stays set */
    assert_int_equal(xl_import_residents(db, path, 0, &rep, &e), XL_OK);
    assert_false(rep.cancelled);
    assert_int_equal(seen.last_done, 3);
    assert_int_equal(seen.total, 3);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM person"), 3);
    xl_import_report_release(&rep);
    free(before), free(path), free(text);
    tu_db_free(db);
}

static void import__duplicates__same_row_twice_is_skipped(void **state)
{
    (void)state;
    xl_db *db = register_db(NULL);
    const char *a = make_id(0, "19900307", 851);
    char *text = xl_asprintf(HEADER_ZH "\n张三,男,%s,,1,101,租客,,,\n张三,男,%s,,1,101,租客,,,\n", a, a);
    char *path = sheet("dup.csv", text);
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_OK);
    assert_int_equal(rep.new_people, 1);
    assert_int_equal(rep.unchanged, 1);
    char *w = xl_asprintf("%s 第 3 行 · 身份证号：提醒：与第 2 行是同一人，本行跳过", path);
    expect_problem(&rep, w);
    xl_import_report_release(&rep);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM person"), 1);
    /* without an ID number: the same name in the same room is the same person */
    char *text2 = xl_asprintf(HEADER_ZH "\n李四,,,,1,102,租客,,,\n李四,,,,1,102,租客,,,\n李四,,,,1,102,家属,,,\n");
    char *path2 = sheet("dup2.csv", text2);
    assert_int_equal(import(db, path2, 0, &rep), XL_EFAIL);
    char *w2 = xl_asprintf("%s 第 3 行 · 姓名：提醒：与第 2 行是同一人，本行跳过", path2);
    char *w3 = xl_asprintf("%s 第 4 行 · 姓名：与第 2 行是同一人，但那一行是 1-102（租客），本行是 1-102（家属）", path2);
    expect_problem(&rep, w2);
    expect_problem(&rep, w3);
    xl_import_report_release(&rep);
    free(w), free(path), free(text), free(w2), free(w3), free(path2), free(text2);
    tu_db_free(db);
}

/* ---------- export ---------- */

/* Three people signed in by import, with texts a spreadsheet would run as formulas (in the
 * workplace and the province: a name is letters only). */
static xl_db *exported_db(void)
{
    xl_db *db = register_db(NULL);
    char *text = xl_asprintf(HEADER_ZH "\n"
        "张三,男,%s,13812345678,215,301,租客,2024-03-05,安徽,\"=HYPERLINK(\"\"x\"\")\"\n"
        "李四,女,%s,13912345678,1,101,业主,2010-05-01,+上海,-\n"
        "王五,,%s,,2,102,家属,2020-01-01,,\"@顺丰, 九亭\"\n",
        make_id(0, "19900307", 851), make_id(1, "19700101", 222), make_id(2, "20150615", 311));
    char *path = sheet("in.csv", text);
    xl_import_report rep;
    assert_int_equal(import(db, path, 0, &rep), XL_OK);
    assert_int_equal(rep.new_people, 3);
    xl_import_report_release(&rep);
    free(path), free(text);
    return db;
}

static void export__masked__excel_safe(void **state)
{
    (void)state;
    xl_db *db = exported_db();
    char *dir = tu_tmpdir(), *out = xl_asprintf("%s/out.csv", dir);
    size_t rows = 0, len;
    xl_err e;
    assert_int_equal(xl_export_residents(db, out, NULL, &rows, &e), XL_OK);
    assert_int_equal(rows, 3);
    char *csv = tu_read_file(out, &len);
    assert_memory_equal(csv, "\xEF\xBB\xBF\"姓名\",\"性别\",\"身份证号\"", strlen("\xEF\xBB\xBF\"姓名\",\"性别\",\"身份证号\""));
    /* CRLF only */
    for (size_t i = 0; i < len; i++)
        if (csv[i] == '\n')
            assert_true(i > 0 && csv[i - 1] == '\r');
    /* no whole number: no run of 8+ digits */
    int run = 0;
    for (size_t i = 0; i < len; i++) {
        run = (csv[i] >= '0' && csv[i] <= '9') ? run + 1 : 0;
        assert_true(run < 8);
    }
    assert_non_null(strstr(csv, "\"'=HYPERLINK(\"\"x\"\")\""));
    assert_non_null(strstr(csv, "\"'+上海\""));
    assert_non_null(strstr(csv, "\"'@顺丰, 九亭\""));
    assert_non_null(strstr(csv, "\"'-\""));
    assert_non_null(strstr(csv, "\"\t310***********"));
    assert_non_null(strstr(csv, "\"\t138****5678\""));
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'export.unmasked'"), 0);
    free(csv), free(out), free(dir);
    tu_db_free(db);
}

static void export__unmasked__needs_reason_is_audited_and_reimports(void **state)
{
    (void)state;
    xl_db *db = exported_db();
    char *dir = tu_tmpdir(), *out = xl_asprintf("%s/whole.csv", dir);
    xl_export_opts o = {.unmasked = 1, .reason = " "};
    size_t rows = 0;
    xl_err e;
    struct stat sb;
    assert_int_equal(xl_export_residents(db, out, &o, &rows, &e), XL_EUSAGE);
    assert_int_not_equal(stat(out, &sb), 0);
    o.reason = "派出所核查";
    assert_int_equal(xl_export_residents(db, out, &o, &rows, &e), XL_OK);
    assert_int_equal(stat(out, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char *detail = tu_one_text(db, "SELECT detail FROM audit WHERE action = 'export.unmasked'");
    assert_non_null(strstr(detail, "reason=派出所核查"));
    assert_non_null(strstr(detail, "rows=3"));
    assert_non_null(strstr(detail, out));
    size_t len;
    char *csv = tu_read_file(out, &len);
    assert_non_null(strstr(csv, ids[0]));
    assert_non_null(strstr(csv, "\"\t13812345678\""));
    /* back into a fresh register with the same buildings: the same people */
    xl_db *fresh = register_db(NULL);
    xl_import_report rep;
    assert_int_equal(import(fresh, out, 0, &rep), XL_OK);
    assert_int_equal(rep.new_people, 3);
    assert_int_equal(rep.nproblems, 0);
    xl_import_report_release(&rep);
    char *a = people_dump(db), *b = people_dump(fresh);
    assert_string_equal(a, b);
    assert_non_null(strstr(b, "=HYPERLINK(\"x\")|"));
    assert_non_null(strstr(b, "+上海|"));
    /* a history export is a report: refused */
    char *hist = xl_asprintf("%s/history.csv", dir);
    xl_export_opts h = {.history = 1};
    assert_int_equal(xl_export_residents(db, hist, &h, &rows, &e), XL_OK);
    assert_int_equal(import(fresh, hist, 0, &rep), XL_EFAIL);
    char *w = xl_asprintf("%s 第 1 行：这是含已搬离记录的导出（--history），不能导入：请导出不带 --history 的表", hist);
    expect_problem(&rep, w);
    xl_import_report_release(&rep);
    free(w);
    /* an older history export named that column 迁出日期: still recognised and refused */
    char *old = tu_read_file(hist, NULL);
    char *at = strstr(old, XL_EXPORT_MOVED_OUT_HEADER);
    assert_non_null(at);
    char *renamed = xl_asprintf("%.*s%s%s", (int)(at - old), old, XL_EXPORT_MOVED_OUT_HEADER_OLD,
                                at + strlen(XL_EXPORT_MOVED_OUT_HEADER));
    char *oldpath = tu_write_file(dir, "old-history.csv", renamed);
    assert_int_equal(import(fresh, oldpath, 0, &rep), XL_EFAIL);
    assert_int_equal(rep.nerrors, 1);
    xl_import_report_release(&rep);
    free(old), free(renamed), free(oldpath), free(hist);
    free(a), free(b), free(csv), free(detail), free(out), free(dir);
    tu_db_free(fresh);
    tu_db_free(db);
}

/* The sheet's words come from the message table in Chinese whatever the UI speaks (issue 15):
 * the same bytes under English, the whole header row pinned, and it reads back in. */
static void export__header__chinese_in_every_language_and_reimports(void **state)
{
    (void)state;
    xl_db *db = exported_db();
    char *dir = tu_tmpdir(), *zh = xl_asprintf("%s/zh.csv", dir), *en = xl_asprintf("%s/en.csv", dir);
    xl_export_opts o = {.unmasked = 1, .reason = "核对"};
    size_t rows = 0, zl, el;
    xl_err e;
    xl_i18n_set_lang("zh");
    assert_int_equal(xl_export_residents(db, zh, &o, &rows, &e), XL_OK);
    xl_i18n_set_lang("en");
    assert_int_equal(xl_export_residents(db, en, &o, &rows, &e), XL_OK);
    char *a = tu_read_file(zh, &zl), *b = tu_read_file(en, &el);
    assert_int_equal(zl, el);
    assert_memory_equal(a, b, zl);
    const char *head = "\xEF\xBB\xBF\"姓名\",\"性别\",\"身份证号\",\"手机号\",\"楼栋\",\"房间\",\"身份\","
                       "\"入住日期\",\"户籍省份\",\"工作单位\"\r\n";
    assert_memory_equal(a, head, strlen(head));
    assert_true(strstr(a, "\"男\"") || strstr(a, "\"女\""));
    assert_true(strstr(a, "\"业主\"") || strstr(a, "\"租客\"") || strstr(a, "\"家属\""));
    xl_db *fresh = register_db(NULL); /* read back under the English UI */
    xl_import_report rep;
    assert_int_equal(import(fresh, en, 0, &rep), XL_OK);
    assert_int_equal(rep.new_people, 3);
    assert_int_equal(rep.nproblems, 0);
    xl_import_report_release(&rep);
    char *x = people_dump(db), *y = people_dump(fresh);
    assert_string_equal(x, y);
    xl_i18n_set_lang("zh");
    free(x), free(y), free(a), free(b), free(zh), free(en), free(dir);
    tu_db_free(fresh);
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(import__formats__utf8_bom_crlf_quotes_fullwidth_dates),
        cmocka_unit_test(import__formats__gbk_without_bom),
        cmocka_unit_test(import__formats__english_headers_any_order_no_role_column),
        cmocka_unit_test(import__rejects__every_problem_as_file_line_column_reason),
        cmocka_unit_test(import__rejects__missing_columns_and_empty_file),
        cmocka_unit_test(import__reimport__second_time_changes_nothing),
        cmocka_unit_test(import__moves__detected_and_checked),
        cmocka_unit_test(import__write_failure__rolls_back_every_row),
        cmocka_unit_test(import__dry_run__counts_and_writes_nothing),
        cmocka_unit_test(import__progress__cancel_writes_nothing),
        cmocka_unit_test(import__duplicates__same_row_twice_is_skipped),
        cmocka_unit_test(export__masked__excel_safe),
        cmocka_unit_test(export__unmasked__needs_reason_is_audited_and_reimports),
        cmocka_unit_test(export__header__chinese_in_every_language_and_reimports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
