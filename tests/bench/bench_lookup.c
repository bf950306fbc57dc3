/* bench_lookup.c — how long an "instant" lookup takes (target: under 10 ms).
 *
 *   bench_lookup [DB]      DB defaults to a fresh demo community (seed 1) in a temp dir;
 *                          give a `--scale 100` database to measure the large case.
 * Prints, per query kind, the median, 95th percentile and worst of repeated runs; then the
 * incremental search key by key (every prefix of a query, as the TUI's `/` search runs it
 * with a page of PAGE hits), and the same queries unlimited (as `xiangli lookup` runs them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xiangli/building.h"
#include "demo/demo.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"
#include "xiangli/stats.h"

#define RUNS 200
#define BUDGET_MS 2000.0 /* fewer runs for a slow query (an unlimited one on --scale 100) */
#define KEY_RUNS 21
#define PAGE 50

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
    double ms[RUNS], total = 0;
    size_t hits = 0;
    int n = 0;
    for (; n < RUNS && (n < 3 || total < BUDGET_MS); n++) {
        xl_lookup_result r;
        xl_err e;
        double t0 = now_ms();
        if (xl_lookup(db, q, 0, &r, &e) != XL_OK) {
            fprintf(stderr, "lookup %s: %s\n", q, e.msg);
            exit(1);
        }
        ms[n] = now_ms() - t0;
        total += ms[n];
        hits = r.n;
        xl_lookup_release(&r);
    }
    char title[96];
    snprintf(title, sizeof title, "%s (%zu hits)", label, hits);
    report(title, ms, n);
}

/* One keystroke: xl_lookup(prefix, limit) timed up to KEY_RUNS times; returns the median. */
static double keystroke(xl_db *db, const char *q, size_t limit, size_t *hits)
{
    double ms[KEY_RUNS], total = 0;
    int n = 0;
    for (; n < KEY_RUNS && (n < 3 || total < BUDGET_MS / 4); n++) {
        xl_lookup_result r;
        xl_err e;
        double t0 = now_ms();
        int rc = xl_lookup(db, q, limit, &r, &e);
        if (rc != XL_OK && rc != XL_ENOTFOUND) { /* "no building 0" is an answer */
            fprintf(stderr, "lookup %s: %s\n", q, e.msg);
            exit(1);
        }
        ms[n] = now_ms() - t0;
        total += ms[n];
        *hits = rc == XL_OK ? r.n : 0;
        xl_lookup_release(&r);
    }
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    return ms[n / 2];
}

/* Every prefix of q (by character), as typed into the search box. */
static void bench_typing(xl_db *db, const char *q)
{
    char prefix[64];
    double worst = 0;
    printf("typing \"%s\" (page of %d | unlimited):\n", q, PAGE);
    for (size_t n = 1; n <= strlen(q); n++) {
        if ((q[n] & 0xC0) == 0x80)
            continue; /* inside a UTF-8 character */
        snprintf(prefix, sizeof prefix, "%.*s", (int)n, q);
        size_t hits_page, hits_all;
        double page = keystroke(db, prefix, PAGE, &hits_page);
        double all = keystroke(db, prefix, 0, &hits_all);
        printf("  %-12s %8.3f ms (%2zu hits) | %8.3f ms (%zu hits)\n", prefix, page, hits_page, all, hits_all);
        worst = page > worst ? page : worst;
    }
    printf("  worst keystroke (page): %.3f ms\n", worst);
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
    setvbuf(stdout, NULL, _IOLBF, 0);
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
    bench_query(db, "lookup pinyin zs", "zs");
    bench_query(db, "lookup pinyin shan", "shan");
    bench_card(db);
    bench_map(db);
    const char *typing[] = {"zhangsan", "zs", "wang", "zsan", "lvfang", "张伟", "王小明", "0550"};
    for (size_t i = 0; i < sizeof typing / sizeof typing[0]; i++)
        bench_typing(db, typing[i]);
    xl_db_close(db);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    return 0;
}
