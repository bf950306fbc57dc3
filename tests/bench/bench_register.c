/* bench_register.c — how long a window of the tenant register takes at several offsets.
 *
 *   bench_register DB [PAGE]
 *
 * DB is an existing database (e.g. `xiangli --db /tmp/s100.db init --demo --scale 100`);
 * PAGE rows per window (default 50). For each filter it times the count, opening a view,
 * a window at offsets 0, 1/2 and ~0.98 of the register through the view and through the
 * stateless call, and 100 consecutive windows scrolled from the far offset; then the stale
 * list. Times are the median of 5 runs, in milliseconds. Not a test: it asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xiangli/db.h"
#include "xiangli/mem.h"
#include "xiangli/resident.h"

#define RUNS 5

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t)
{
    qsort(t, RUNS, sizeof *t, cmp_double);
    return t[RUNS / 2];
}

typedef struct bench {
    xl_db *db;
    xl_register_filter f;
    size_t page;
    xl_register_row *rows;
} bench;

static void die(const char *what, const xl_err *e)
{
    fprintf(stderr, "bench_register: %s: %s\n", what, e->msg);
    exit(1);
}

static double time_count(bench *b, size_t *total)
{
    double t[RUNS];
    xl_err e;
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        if (xl_register_count(b->db, &b->f, total, &e))
            die("count", &e);
        t[i] = now_ms() - t0;
    }
    return median(t);
}

static double time_open(bench *b)
{
    double t[RUNS];
    xl_err e;
    for (int i = 0; i < RUNS; i++) {
        xl_register_view *v;
        double t0 = now_ms();
        if (xl_register_view_open(b->db, &b->f, &v, &e))
            die("view", &e);
        t[i] = now_ms() - t0;
        xl_register_view_close(v);
    }
    return median(t);
}

static double time_view_window(bench *b, xl_register_view *v, size_t offset)
{
    double t[RUNS];
    xl_err e;
    size_t n;
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        if (xl_register_view_window(v, offset, b->page, b->rows, &n, &e))
            die("window", &e);
        t[i] = now_ms() - t0;
    }
    return median(t);
}

static double time_stateless(bench *b, size_t offset)
{
    double t[RUNS];
    xl_err e;
    size_t n;
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        if (xl_register_window(b->db, &b->f, offset, b->page, b->rows, &n, &e))
            die("window", &e);
        t[i] = now_ms() - t0;
    }
    return median(t);
}

/* 100 windows one after another, as a pane scrolling by pages. Returns ms per window. */
static double time_scroll(bench *b, xl_register_view *v, size_t offset)
{
    xl_err e;
    size_t n;
    double t0 = now_ms();
    for (int i = 0; i < 100; i++)
        if (xl_register_view_window(v, offset + (size_t)i * b->page, b->page, b->rows, &n, &e))
            die("scroll", &e);
    return (now_ms() - t0) / 100;
}

static void run_filter(bench *b, const char *label)
{
    size_t total = 0;
    double count_ms = time_count(b, &total), open_ms = time_open(b);
    size_t offs[3] = {0, total / 2, total > 20 * b->page ? total - total / 50 : 0};
    xl_register_view *v;
    xl_err e;
    if (xl_register_view_open(b->db, &b->f, &v, &e))
        die("view", &e);
    printf("%-22s rows %8zu  count %7.1f  view open %7.1f\n", label, total, count_ms, open_ms);
    for (int i = 0; i < 3; i++)
        printf("%24s offset %8zu  view window %6.2f  stateless window %7.2f\n", "", offs[i],
               time_view_window(b, v, offs[i]), time_stateless(b, offs[i]));
    printf("%24s scrolling 100 windows from %zu: %.2f per window\n", "", offs[2],
           time_scroll(b, v, offs[2]));
    xl_register_view_close(v);
}

/* The stale list (forgotten sign-outs) for one period, for scale. */
static void run_stale(bench *b, int days)
{
    double t[RUNS];
    xl_err e;
    size_t rows = 0, groups = 0;
    for (int i = 0; i < RUNS; i++) {
        xl_stale_list l;
        double t0 = now_ms();
        if (xl_stale_list_load(b->db, days, &l, &e))
            die("stale", &e);
        t[i] = now_ms() - t0;
        rows = l.nrows;
        groups = l.ngroups;
        xl_stale_list_release(&l);
    }
    printf("stale, %3d days        rows %8zu in %zu buildings  load %7.1f\n", days, rows, groups,
           median(t));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_register DB [PAGE]\n");
        return 2;
    }
    bench b = {.page = argc > 2 ? (size_t)atoi(argv[2]) : 50};
    if (b.page == 0 || b.page > 10000)
        b.page = 50;
    xl_err e;
    if (xl_db_open(&b.db, argv[1], 0, &e))
        die("open", &e);
    b.rows = xl_calloc(b.page, sizeof *b.rows);
    printf("%s, %zu rows per window, times in ms (median of %d)\n", argv[1], b.page, RUNS);
    b.f = XL_REGISTER_FILTER_ALL;
    run_filter(&b, "current residents");
    b.f.role = XL_ROLE_TENANT;
    run_filter(&b, "tenants");
    b.f = XL_REGISTER_FILTER_ALL;
    b.f.include_history = 1;
    run_filter(&b, "with history");
    b.f = XL_REGISTER_FILTER_ALL;
    b.f.state = XL_REG_INCOMPLETE;
    run_filter(&b, "incomplete");
    b.f = XL_REGISTER_FILTER_ALL;
    b.f.building = 127;
    run_filter(&b, "building 127");
    run_stale(&b, 365);
    run_stale(&b, 90);
    free(b.rows);
    xl_db_close(b.db);
    return 0;
}
