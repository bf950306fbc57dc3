/* test_assess.c — the property-service assessment: weighted totals, missing scores, ties in
 * the ranking, the criteria file and its refusals, saving (audited, all or nothing),
 * history and trend. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "xiangli/assess.h"

static const char criteria_ini[] =
    "; test criteria\n[assessment]\nversion = 2\ndate = 2026-01-01\n"
    "[clean]\nname = 巷弄环境卫生\nname_en = Clean\nweight = 20\n"
    "[fire]\nname = 消防安全\nname_en = Fire\nweight = 30\n"
    "[rubbish]\nname = 垃圾分类\nname_en = Rubbish\nweight = 50\n";

static void assess__total__weights(void **state)
{
    (void)state;
    xl_assess_item it[] = {{20, 100}, {30, 50}, {50, 80}};
    int missing = -1;
    /* (20*100 + 30*50 + 50*80) / 100 = 75 */
    assert_true(fabs(xl_assess_total(it, 3, &missing) - 75.0) < 1e-9);
    assert_int_equal(missing, 0);
}

static void assess__total__missing_left_out(void **state)
{
    (void)state;
    xl_assess_item it[] = {{20, 100}, {30, -1}, {50, 80}};
    int missing = 0;
    /* (20*100 + 50*80) / 70 = 85.714... */
    assert_true(fabs(xl_assess_total(it, 3, &missing) - 6000.0 / 70.0) < 1e-9);
    assert_int_equal(missing, 1);
    xl_assess_item none[] = {{20, -1}, {30, -1}};
    assert_true(xl_assess_total(none, 2, &missing) < 0);
    assert_int_equal(missing, 2);
}

static void assess__rank__ties(void **state)
{
    (void)state;
    double t[] = {80.0, 90.0, 80.004, -1.0, 70.0, 90.0};
    int r[6];
    xl_assess_rank(t, 6, r);
    /* 90 and 90 share 1st; 80.00 and 80.004 round to the same cents: both 3rd; 70 is 5th */
    int want[] = {3, 1, 3, 0, 5, 1};
    for (int i = 0; i < 6; i++)
        assert_int_equal(r[i], want[i]);
}

static void assess__quarter__helpers(void **state)
{
    (void)state;
    char q[8];
    xl_quarter_of("2026-11-25", q);
    assert_string_equal(q, "2026-Q4");
    xl_quarter_prev("2026-Q1", q);
    assert_string_equal(q, "2025-Q4");
    assert_true(xl_quarter_valid("2026-Q2"));
    assert_false(xl_quarter_valid("2026-Q5"));
    assert_false(xl_quarter_valid("26-Q1"));
}

static void assess__criteria__parse_and_refuse(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *p = tu_write_file(dir, "c.ini", criteria_ini);
    xl_criteria c;
    xl_err e;
    assert_int_equal(xl_criteria_parse(p, &c, &e), XL_OK);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.version, "2");
    assert_string_equal(c.c[1].name, "消防安全");
    assert_int_equal(c.c[2].weight, 50);
    xl_criteria_release(&c);
    free(p);
    p = tu_write_file(dir, "bad.ini", "[clean]\nname = 卫生\nweight = 0\n");
    assert_int_equal(xl_criteria_parse(p, &c, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "第 3 行"));
    assert_non_null(strstr(e.msg, "weight"));
    free(p);
    p = tu_write_file(dir, "dup.ini", "[a]\nname = x\nweight = 1\n[a]\n");
    assert_int_equal(xl_criteria_parse(p, &c, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "第 4 行"));
    free(p);
}

/* The shipped criteria: the six the issue names. */
static void assess__criteria__shipped(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    xl_criteria c;
    xl_err e;
    assert_int_equal(xl_criteria_load(db, &c, &e), XL_OK);
    assert_int_equal(c.n, 6);
    assert_int_equal(c.local, 0);
    assert_true(xl_criteria_find(&c, "fire_safety") >= 0);
    assert_true(xl_criteria_find(&c, "satisfaction") >= 0);
    xl_criteria_release(&c);
    tu_db_free(db);
}

static xl_criteria test_criteria(void)
{
    char *dir = tu_tmpdir();
    char *p = tu_write_file(dir, "c.ini", criteria_ini);
    xl_criteria c;
    xl_err e;
    assert_int_equal(xl_criteria_parse(p, &c, &e), XL_OK);
    free(p);
    return c;
}

static void assess__save__refused_changes_nothing(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    xl_criteria c = test_criteria();
    xl_err e;
    uint64_t before = tu_db_hash(db);
    xl_assess_entry bad[] = {{"clean", 90, "好"}, {"fire", 101, ""}};
    assert_int_equal(xl_assess_save(db, &c, 1, "2026-Q4", bad, 2, &e), XL_EFAIL);
    xl_assess_entry unknown[] = {{"nope", 50, ""}};
    assert_int_equal(xl_assess_save(db, &c, 1, "2026-Q4", unknown, 1, &e), XL_EFAIL);
    xl_assess_entry ok[] = {{"clean", 90, ""}};
    assert_int_equal(xl_assess_save(db, &c, 99, "2026-Q4", ok, 1, &e), XL_EFAIL);
    assert_int_equal(xl_assess_save(db, &c, 1, "2026-Q9", ok, 1, &e), XL_EFAIL);
    assert_true(tu_db_hash(db) == before);
    xl_criteria_release(&c);
    tu_db_free(db);
}

static void assess__quarter__ranking_history_trend(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    tu_exec(db, "INSERT INTO lane(id, name) VALUES (2, '东二巷'), (3, '东三巷');");
    xl_criteria c = test_criteria();
    xl_err e;
    xl_assess_entry q3[] = {{"clean", 60, ""}, {"fire", 60, ""}, {"rubbish", 60, ""}};
    assert_int_equal(xl_assess_save(db, &c, 1, "2026-Q3", q3, 3, &e), XL_OK);
    /* Q4: lane 1 = 75 (all three), lane 2 = 75 too (a tie), lane 3 nothing */
    xl_assess_entry l1[] = {{"clean", 100, "干净"}, {"fire", 50, "楼道有电动车"}, {"rubbish", 80, ""}};
    xl_assess_entry l2[] = {{"clean", 75, ""}, {"rubbish", 75, ""}};
    assert_int_equal(xl_assess_save(db, &c, 1, "2026-Q4", l1, 3, &e), XL_OK);
    assert_int_equal(xl_assess_save(db, &c, 2, "2026-Q4", l2, 2, &e), XL_OK);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'assessment.score'"), 3);
    xl_assess_row *rows;
    size_t n;
    assert_int_equal(xl_assess_quarter(db, &c, "2026-Q4", &rows, &n, &e), XL_OK);
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].lane_id, 1);
    assert_int_equal(rows[0].rank, 1);
    assert_true(fabs(rows[0].total - 75.0) < 1e-9);
    assert_true(fabs(rows[0].prev_total - 60.0) < 1e-9);
    assert_int_equal(rows[1].lane_id, 2);
    assert_int_equal(rows[1].rank, 1); /* tie */
    assert_int_equal(rows[1].missing, 1);
    assert_int_equal(rows[2].rank, 0);
    assert_true(rows[2].total < 0);
    free(rows);
    assert_int_equal(xl_assess_history(db, &c, 1, &rows, &n, &e), XL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].quarter, "2026-Q3");
    assert_string_equal(rows[1].quarter, "2026-Q4");
    free(rows);
    /* scoring again replaces; -1 clears */
    xl_assess_entry again[] = {{"fire", 90, "已整改"}, {"rubbish", -1, ""}};
    assert_int_equal(xl_assess_save(db, &c, 1, "2026-Q4", again, 2, &e), XL_OK);
    xl_assess_score *s;
    assert_int_equal(xl_assess_scores(db, &c, 1, "2026-Q4", &s, &n, &e), XL_OK);
    assert_int_equal(n, 3);
    assert_int_equal(s[1].score, 90);
    assert_string_equal(s[1].comment, "已整改");
    assert_int_equal(s[2].score, -1);
    free(s);
    xl_criteria_release(&c);
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(assess__total__weights),
        cmocka_unit_test(assess__total__missing_left_out),
        cmocka_unit_test(assess__rank__ties),
        cmocka_unit_test(assess__quarter__helpers),
        cmocka_unit_test(assess__criteria__parse_and_refuse),
        cmocka_unit_test(assess__criteria__shipped),
        cmocka_unit_test(assess__save__refused_changes_nothing),
        cmocka_unit_test(assess__quarter__ranking_history_trend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
