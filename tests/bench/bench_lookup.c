/* bench_lookup.c — how long an "instant" lookup takes (target: under 10 ms).
 *
 *   bench_lookup [DB]      DB defaults to a fresh demo community (seed 1) in a temp dir;
 *                          give a `--scale 100` database to measure the large case.
 * Prints, per query kind, the median, 95th percentile and worst of repeated runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xiangli/building.h"
#include "xiangli/demo.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"
#include "xiangli/stats.h"

#define RUNS 200

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    printf("%-28s median %7.3f ms   p95 %7.3f ms   max %7.3f ms\n", what, ms[n / 2], ms[n * 95 / 100], ms[n - 1]);
}

static void bench_query(xl_db *db, const char *label, const char *q)
{
    double ms[RUNS];
    size_t hits = 0;
    for (int i = 0; i < RUNS; i++) {
        xl_lookup_result r;
        xl_err e;
        double t0 = now_ms();
        if (xl_lookup(db, q, 0, &r, &e) != XL_OK) {
            fprintf(stderr, "lookup %s: %s\n", q, e.msg);
            exit(1);
        }
        ms[i] = now_ms() - t0;
        hits = r.n;
        xl_lookup_release(&r);
    }
    char title[96];
    snprintf(title, sizeof title, "%s (%zu hits)", label, hits);
    report(title, ms, RUNS);
}

static void bench_card(xl_db *db)
{
    double ms[RUNS];
    for (int i = 0; i < RUNS; i++) {
        xl_building_card c;
        xl_err e;
        double t0 = now_ms();
        if (xl_building_card_load(db, 1 + i % 326, &c, &e) != XL_OK) {
            fprintf(stderr, "card: %s\n", e.msg);
            exit(1);
        }
        ms[i] = now_ms() - t0;
        xl_building_card_release(&c);
    }
    report("building card", ms, RUNS);
}

static void bench_map(xl_db *db)
{
    double ms[20];
    for (int i = 0; i < 20; i++) {
        xl_building_summary *s;
        size_t n;
        xl_err e;
        double t0 = now_ms();
        if (xl_buildings_list(db, &s, &n, &e) != XL_OK)
            exit(1);
        ms[i] = now_ms() - t0;
        xl_buildings_free(s);
    }
    report("map (all buildings)", ms, 20);
}

int main(int argc, char **argv)
{
    xl_db *db = NULL;
    xl_err e;
    char *tmp = NULL;
    if (argc > 1) {
        if (xl_db_open(&db, argv[1], 0, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            return 1;
        }
    } else {
        char dir[] = "/tmp/xiangli-bench-XXXXXX";
        if (!mkdtemp(dir))
            return 1;
        tmp = xl_asprintf("%s/bench.db", dir);
        xl_demo_opts o = {.seed = 1, .scale = 1};
        if (xl_db_open(&db, tmp, 1, &e) || xl_demo_build(db, &o, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            return 1;
        }
    }
    bench_query(db, "lookup 127", "127");
    bench_query(db, "lookup 127-101", "127-101");
    bench_query(db, "lookup name 王", "王");
    bench_query(db, "lookup name 单梅", "单梅");
    bench_query(db, "lookup phone tail 0550", "0550");
    bench_card(db);
    bench_map(db);
    xl_db_close(db);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    return 0;
}
