/* bench_import.c — how long a 10,000-row residents sheet takes to import (and to import a
 * second time, and to check with --dry-run), and an export of the result.
 *
 *   bench_import [ROWS]    ROWS defaults to 10000; the register is a fresh database with
 *                          326 buildings of 12 rooms (the demo community's size).
 * Prints the time and rows per second of each step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "xiangli/db.h"
#include "xiangli/export.h"
#include "xiangli/idcard.h"
#include "xiangli/import.h"
#include "xiangli/mem.h"

#define BUILDINGS 326
#define ROOMS 12

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* This process's CPU time: on a shared machine the wall-clock figures wander, this much less. */
static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void die(const char *what, const xl_err *e)
{
    fprintf(stderr, "%s: %s\n", what, e->msg);
    exit(1);
}

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                       "单", "曾", "解", "区", "仇", "查", "朴", "欧阳"};
static const char *const given[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军",
                                    "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"};
static const char *const roles[] = {"租客", "租客", "租客", "家属", "二房东"};

static void room_name(int r, char out[8])
{
    snprintf(out, 8, "%d%02d", 1 + r / 4, 1 + r % 4);
}

/* Row i: a checksum-valid ID number, a 170-block phone, a place and a move-in date in one
 * of the three date styles, with a quoted workplace holding a comma now and then. */
static void write_row(FILE *f, int i)
{
    char id[19], room[8];
    snprintf(id, sizeof id, "310117%04d%02d%02d%03d", 1960 + i % 45, 1 + i % 12, 1 + i % 28, i % 1000);
    id[17] = xl_id_check_char(id);
    id[18] = '\0';
    room_name(i % ROOMS, room);
    int y = 2015 + i % 10, m = 1 + i % 12, d = 1 + i % 28;
    fprintf(f, "%s%s,,%s,170%08d,%d,%s,%s,", surnames[i % 18], given[(i / 18) % 20], id, i,
            1 + (i / ROOMS) % BUILDINGS, room, roles[i % 5]);
    if (i % 3 == 0)
        fprintf(f, "%d-%02d-%02d", y, m, d);
    else if (i % 3 == 1)
        fprintf(f, "%d/%d/%d", y, m, d);
    else
        fprintf(f, "%d年%d月%d日", y, m, d);
    fprintf(f, ",安徽,%s\r\n", i % 7 ? "九亭物流" : "\"饭店, 后厨\"");
}

static void write_sheet(const char *path, int rows)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        exit(1);
    fputs("\xEF\xBB\xBF姓名,性别,身份证号,手机号,楼栋,房间,身份,入住日期,户籍省份,工作单位\r\n", f);
    for (int i = 0; i < rows; i++)
        write_row(f, i);
    fclose(f);
}

static xl_db *register_db(const char *path)
{
    xl_db *db;
    xl_err e;
    if (xl_db_open(&db, path, 1, &e) || xl_db_begin(db, &e))
        die(path, &e);
    xl_buf sql;
    xl_buf_init(&sql);
    xl_buf_puts(&sql, "INSERT INTO lane(id, name) VALUES (1, '杜巷');");
    for (int b = 1; b <= BUILDINGS; b++) {
        xl_buf_printf(&sql, "INSERT INTO building(number, lane_id) VALUES (%d, 1);", b);
        for (int r = 0; r < ROOMS; r++) {
            char room[8];
            room_name(r, room);
            xl_buf_printf(&sql, "INSERT INTO room(building, room, floor) VALUES (%d, '%s', %d);", b, room,
                          1 + r / 4);
        }
    }
    if (xl_db_exec(db, sql.data, &e) || xl_db_commit(db, &e))
        die("buildings", &e);
    xl_buf_release(&sql);
    return db;
}

static void timed_import(xl_db *db, const char *csv, int dry_run, const char *label)
{
    xl_import_report rep;
    xl_err e;
    xl_import_report_init(&rep);
    double t0 = now_ms(), c0 = cpu_ms();
    if (xl_import_residents(db, csv, dry_run, &rep, &e) != XL_OK)
        die(label, &e);
    double ms = now_ms() - t0, cpu = cpu_ms() - c0;
    printf("%-28s %9.1f ms  %8.0f rows/s  CPU %9.1f ms  %8.0f rows/s  (new %zu, moves %zu, unchanged %zu)\n",
           label, ms, rep.rows / (ms / 1000), cpu, rep.rows / (cpu / 1000), rep.new_people, rep.moves,
           rep.unchanged);
    xl_import_report_release(&rep);
}

int main(int argc, char **argv)
{
    int rows = argc > 1 ? atoi(argv[1]) : 10000;
    char dir[] = "/tmp/xiangli-bench-XXXXXX";
    if (rows < 1 || !mkdtemp(dir))
        return 1;
    char *dbpath = xl_asprintf("%s/bench.db", dir), *csv = xl_asprintf("%s/residents.csv", dir);
    char *out = xl_asprintf("%s/export.csv", dir);
    write_sheet(csv, rows);
    xl_db *db = register_db(dbpath);
    printf("import of %d rows into %d buildings x %d rooms\n", rows, BUILDINGS, ROOMS);
    timed_import(db, csv, 1, "dry run (check only)");
    timed_import(db, csv, 0, "import");
    timed_import(db, csv, 0, "same file again");
    xl_err e;
    size_t n;
    double t0 = now_ms();
    if (xl_export_residents(db, out, NULL, &n, &e))
        die("export", &e);
    printf("%-28s %9.1f ms  (%zu rows)\n", "export (masked)", now_ms() - t0, n);
    xl_db_close(db);
    char *cmd = xl_asprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    free(cmd), free(out), free(csv), free(dbpath);
    return 0;
}
