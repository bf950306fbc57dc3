/* test_core_only.c — the production core links and works without the demo library: this
 * program is linked with core alone (tests/unit/meson.build), creates a database, signs
 * nobody in and reads the community totals of an empty community. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "xiangli/db.h"
#include "xiangli/stats.h"

static void core_only__open_and_count__empty_community(void **state)
{
    (void)state;
    char dir[] = "/tmp/xl-core-only.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[4200];
    snprintf(path, sizeof path, "%s/x.db", dir);
    xl_db *db = NULL;
    xl_err err;
    xl_err_clear(&err);
    assert_int_equal(xl_db_open(&db, path, 1, &err), XL_OK);
    xl_stats st;
    assert_int_equal(xl_stats_compute(db, &st, &err), XL_OK);
    assert_int_equal(st.buildings, 0);
    xl_stats_release(&st);
    xl_db_close(db);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(core_only__open_and_count__empty_community),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
