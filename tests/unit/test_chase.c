/* test_chase.c — the stale chase (issue 12 item 13): a whole building confirmed or signed
 * out in one audited transaction, the chase list without full numbers, the chase record. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xiangli/chase.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/resident.h"

static const xl_stale_group *biggest(const xl_stale_list *l)
{
    const xl_stale_group *g = &l->groups[0];
    for (size_t i = 0; i < l->ngroups; i++)
        if (l->groups[i].count > g->count)
            g = &l->groups[i];
    return g;
}

static void chase__confirm_building__one_tx_audited(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    xl_err e;
    xl_stale_list l;
    xl_chase_last last;
    assert_int_equal(xl_stale_list_load(db, 180, &l, &e), XL_OK);
    const xl_stale_group *g = biggest(&l);
    int building = g->building, want = (int)g->count, n = 0;
    size_t before = l.nrows;
    xl_stale_list_release(&l);
    assert_int_equal(xl_chase_last_load(db, building, &last, &e), XL_OK);
    assert_string_equal(last.at, "");
    assert_int_equal(xl_chase_confirm_building(db, 180, building, &n, &e), XL_OK);
    assert_int_equal(n, want);
    assert_int_equal(xl_stale_list_load(db, 180, &l, &e), XL_OK);
    assert_int_equal(l.nrows, before - (size_t)want);
    xl_stale_list_release(&l);
    assert_int_equal(xl_db_audit_count(db, "resident.confirm"), want);
    assert_int_equal(xl_db_audit_count(db, "stale.chase"), 1);
    assert_int_equal(xl_chase_last_load(db, building, &last, &e), XL_OK);
    assert_int_equal(strncmp(last.at, "2026-11-25", 10), 0);
    assert_int_equal(last.outcome, XL_CHASE_CONFIRMED);
    assert_int_equal(last.residents, want);
    /* nothing left to chase there: refused, nothing written */
    assert_int_equal(xl_chase_confirm_building(db, 180, building, &n, &e), XL_ENOTFOUND);
    assert_int_equal(xl_db_audit_count(db, "stale.chase"), 1);
    tu_db_free(db);
}

static void chase__signout_building__at_last_seen(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    xl_err e;
    xl_stale_list l;
    assert_int_equal(xl_stale_list_load(db, 180, &l, &e), XL_OK);
    const xl_stale_group *g = biggest(&l);
    int building = g->building, n = 0;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM residency WHERE id = %lld AND moved_out = '%s'",
             (long long)l.rows[g->first].residency_id, l.rows[g->first].last_seen);
    xl_stale_list_release(&l);
    assert_int_equal(xl_chase_signout_building(db, 180, building, &n, &e), XL_OK);
    assert_true(n > 0);
    assert_int_equal(tu_one_int(db, sql), 1); /* moved out at the last confirmed date */
    assert_int_equal(xl_db_audit_count(db, "resident.signout"), n);
    tu_db_free(db);
}

static void chase__list__names_rooms_no_numbers(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    xl_err e;
    xl_stale_list l;
    xl_i18n_set_lang("zh");
    assert_int_equal(xl_stale_list_load(db, 180, &l, &e), XL_OK);
    char resp[100];
    snprintf(resp, sizeof resp, "%s", l.groups[0].resp_name);
    size_t want = 0;
    for (size_t i = 0; i < l.ngroups; i++)
        if (strcmp(l.groups[i].resp_name, resp) == 0)
            want += l.groups[i].count;
    xl_stale_list_release(&l);
    char *path = xl_asprintf("%s/chase.csv", tu_tmpdir());
    int rows = 0;
    assert_int_equal(xl_chase_list_write(db, 180, resp, path, &rows, &e), XL_OK);
    assert_int_equal(rows, (int)want);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    size_t len;
    char *csv = tu_read_file(path, &len);
    assert_non_null(strstr(csv, "第一责任人,楼号,房间,姓名,最近核实,未核实天数"));
    assert_non_null(strstr(csv, resp));
    int run = 0;
    for (size_t i = 0; i < len; i++) { /* no phone or ID number: no run of 8+ digits */
        run = csv[i] >= '0' && csv[i] <= '9' ? run + 1 : 0;
        assert_true(run < 8);
    }
    assert_true(xl_db_audit_count(db, "stale.chase") >= 1);
    free(csv);
    free(path);
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chase__confirm_building__one_tx_audited),
        cmocka_unit_test(chase__signout_building__at_last_seen),
        cmocka_unit_test(chase__list__names_rooms_no_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
