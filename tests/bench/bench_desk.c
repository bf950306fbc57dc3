/* bench_desk.c — what the desk asks core per frame and per keystroke, on one database.
 *
 *   bench_desk DB [RUNS]
 *
 * Prints one line per figure, tab-separated, for tests/bench/run.sh to put in its table:
 *   FIG <name> <median ms> <p99 ms> <samples>
 * and, after them, the query plan (EXPLAIN QUERY PLAN) of every statement core prepared
 * while measuring each figure (collected with sqlite3_trace_v2), so a plan that turns into a
 * scan shows in the output:
 *   PLAN <figure> / SQL <text> / then the plan's lines indented.
 * Figures:
 *   baseline select    a bare SELECT of one building's current residents through the C API
 *   card / map         xl_building_card_load, xl_buildings_list
 *   register frame     a register view opened, counted and its first window read (the
 *                      register pane's first frame), and a window in the middle
 *   search <kind>      every keystroke of queries typed one character at a time, as the
 *                      desk's `/` search runs them: a page of 50 hits
 *   count <kind>       the figure "第 1 / N 条" of the same keystrokes (what the desk asks
 *                      for it: the lookup capped at SEARCH_LIMIT + 1 = 201 hits)
 * Not a test: it asserts nothing. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db/db_internal.h"
#include "xiangli/building.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"
#include "xiangli/resident.h"

#define PAGE 50
#define COUNT_LIMIT 201 /* the register pane's SEARCH_LIMIT + 1 */
#define MAX_SAMPLES 20000

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

typedef struct samples {
    double v[MAX_SAMPLES];
    int n;
} samples;

static void add(samples *s, double ms)
{
    if (s->n < MAX_SAMPLES)
        s->v[s->n++] = ms;
}

static void print_fig(const char *name, samples *s)
{
    if (s->n == 0)
        return;
    qsort(s->v, (size_t)s->n, sizeof s->v[0], cmp_double);
    int p99 = (int)((s->n - 1) * 0.99 + 0.5);
    printf("FIG\t%s\t%.3f\t%.3f\t%d\n", name, s->v[s->n / 2], s->v[p99], s->n);
    fflush(stdout);
    s->n = 0;
}

static void die(const char *what, const xl_err *e)
{
    fprintf(stderr, "bench_desk: %s: %s\n", what, e->msg);
    exit(1);
}

/* ---- statements seen while measuring one figure ---- */

typedef struct seen {
    char *fig;
    char *sql;
} seen;

static seen *seen_list;
static size_t nseen, capseen;
static const char *current_fig;

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    (void)x;
    if (type != SQLITE_TRACE_STMT || !current_fig)
        return 0;
    const char *sql = sqlite3_sql((sqlite3_stmt *)p);
    if (!sql || strncmp(sql, "--", 2) == 0)
        return 0;
    for (size_t i = 0; i < nseen; i++)
        if (strcmp(seen_list[i].sql, sql) == 0)
            return 0;
    if (nseen == capseen) {
        capseen = capseen ? capseen * 2 : 32;
        seen_list = xl_reallocarray(seen_list, capseen, sizeof *seen_list);
    }
    seen_list[nseen++] = (seen){xl_strdup(current_fig), xl_strdup(sql)};
    return 0;
}

static void print_plans(sqlite3 *h)
{
    for (size_t i = 0; i < nseen; i++) {
        printf("PLAN\t%s\nSQL\t%s\n", seen_list[i].fig, seen_list[i].sql);
        char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", seen_list[i].sql);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(h, q, -1, &st, NULL) != SQLITE_OK) {
            printf("  (no plan: %s)\n", sqlite3_errmsg(h));
            sqlite3_free(q);
            continue;
        }
        /* id, parent, notused, detail: indent by depth */
        int ids[256], depth[256], n = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            int id = sqlite3_column_int(st, 0), parent = sqlite3_column_int(st, 1), d = 0;
            for (int k = 0; k < n; k++)
                if (ids[k] == parent)
                    d = depth[k] + 1;
            if (n < 256) {
                ids[n] = id;
                depth[n++] = d;
            }
            printf("  %*s%s\n", 2 * d, "", (const char *)sqlite3_column_text(st, 3));
        }
        sqlite3_finalize(st);
        sqlite3_free(q);
    }
}

/* ---- figures ---- */

static void bench_baseline(sqlite3 *h, int runs, int nbuild)
{
    samples *s = xl_calloc(1, sizeof *s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h,
            "SELECT r.room, p.name, r.role, r.moved_in, p.phone, p.id_number FROM residency r"
            " JOIN person p ON p.id = r.person_id WHERE r.building = ? AND r.moved_out IS NULL",
            -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "baseline: %s\n", sqlite3_errmsg(h));
        exit(1);
    }
    size_t rows = 0;
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        sqlite3_bind_int(st, 1, 1 + i % nbuild);
        while (sqlite3_step(st) == SQLITE_ROW)
            rows++;
        sqlite3_reset(st);
        add(s, now_ms() - t0);
    }
    sqlite3_finalize(st);
    print_fig("baseline select", s);
    free(s);
}

static void bench_card(xl_db *db, int runs, int nbuild)
{
    samples *s = xl_calloc(1, sizeof *s);
    current_fig = "card";
    for (int i = 0; i < runs; i++) {
        xl_building_card c;
        xl_err e;
        double t0 = now_ms();
        if (xl_building_card_load(db, 1 + (i * 7) % nbuild, &c, &e) != XL_OK)
            die("card", &e);
        add(s, now_ms() - t0);
        xl_building_card_release(&c);
    }
    current_fig = NULL;
    print_fig("card", s);
    free(s);
}

static void bench_map(xl_db *db, int runs)
{
    samples *s = xl_calloc(1, sizeof *s);
    current_fig = "map";
    for (int i = 0; i < runs; i++) {
        xl_building_summary *b;
        size_t n;
        xl_err e;
        double t0 = now_ms();
        if (xl_buildings_list(db, &b, &n, &e) != XL_OK)
            die("map", &e);
        add(s, now_ms() - t0);
        xl_buildings_free(b);
    }
    current_fig = NULL;
    print_fig("map", s);
    free(s);
}

static void bench_register(xl_db *db, int runs)
{
    samples *first = xl_calloc(1, sizeof *first), *mid = xl_calloc(1, sizeof *mid);
    xl_register_row rows[3 * PAGE];
    xl_register_filter f = XL_REGISTER_FILTER_ALL;
    current_fig = "register";
    for (int i = 0; i < runs; i++) {
        xl_register_view *v;
        xl_err e;
        size_t count = 0, n;
        double t0 = now_ms();
        if (xl_register_view_open(db, &f, &v, &e) || xl_register_view_count(v, &count, &e) ||
            xl_register_view_window(v, 0, 3 * PAGE, rows, &n, &e))
            die("register", &e);
        add(first, now_ms() - t0);
        t0 = now_ms();
        if (xl_register_view_window(v, count / 2, 3 * PAGE, rows, &n, &e))
            die("register", &e);
        add(mid, now_ms() - t0);
        xl_register_view_close(v);
    }
    current_fig = NULL;
    print_fig("register frame", first);
    print_fig("register window", mid);
    free(first);
    free(mid);
}

/* Every prefix (by character) of every query, runs times each, page and count. */
static void bench_typing(xl_db *db, const char *kind, const char *const *queries, int nq, int runs)
{
    samples *page = xl_calloc(1, sizeof *page), *count = xl_calloc(1, sizeof *count);
    char fig[64], prefix[64];
    snprintf(fig, sizeof fig, "search %s", kind);
    current_fig = fig;
    for (int qi = 0; qi < nq; qi++) {
        const char *q = queries[qi];
        for (size_t n = 1; n <= strlen(q); n++) {
            if ((q[n] & 0xC0) == 0x80)
                continue; /* inside a UTF-8 character */
            snprintf(prefix, sizeof prefix, "%.*s", (int)n, q);
            for (int pass = 0; pass < 2; pass++)
                for (int r = 0; r < runs; r++) {
                    xl_lookup_result res;
                    xl_err e;
                    double t0 = now_ms();
                    int rc = xl_lookup(db, prefix, pass ? COUNT_LIMIT : PAGE, &res, &e);
                    double ms = now_ms() - t0;
                    if (rc != XL_OK && rc != XL_ENOTFOUND && rc != XL_EUSAGE)
                        die("lookup", &e);
                    if (rc == XL_OK)
                        xl_lookup_release(&res);
                    add(pass ? count : page, ms);
                }
        }
    }
    current_fig = NULL;
    print_fig(fig, page);
    snprintf(fig, sizeof fig, "count %s", kind);
    print_fig(fig, count);
    free(page);
    free(count);
}

/* A phone and an ID number of someone living in the middle of the register, read directly
 * (the bench types them in as an officer would). */
static void pick_numbers(sqlite3 *h, char phone[32], char id[32])
{
    sqlite3_stmt *st;
    phone[0] = id[0] = '\0';
    if (sqlite3_prepare_v2(h,
            "SELECT phone, id_number FROM person WHERE phone IS NOT NULL AND length(id_number) = 18"
            " AND id >= (SELECT max(id) / 2 FROM person) ORDER BY id LIMIT 1",
            -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        snprintf(phone, 32, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(id, 32, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
}

static int count_buildings(sqlite3 *h)
{
    sqlite3_stmt *st;
    int n = 326;
    if (sqlite3_prepare_v2(h, "SELECT count(*) FROM building", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n > 0 ? n : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_desk DB [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 20;
    if (runs < 1)
        runs = 1;
    xl_db *db;
    xl_err e;
    if (xl_db_open(&db, argv[1], 0, &e))
        die("open", &e);
    sqlite3 *h = xl_db_handle(db);
    sqlite3_trace_v2(h, SQLITE_TRACE_STMT, on_trace, NULL);
    int nbuild = count_buildings(h);
    char phone[32], id[32];
    pick_numbers(h, phone, id);

    bench_baseline(h, runs * 10, nbuild);
    bench_card(db, runs * 5, nbuild);
    bench_map(db, runs);
    bench_register(db, runs);
    static const char *const names[] = {"张伟", "王小明", "单梅", "欧阳"};
    static const char *const initials[] = {"zs", "wxm", "lf"};
    static const char *const full[] = {"zhangsan", "wangxiaoming", "lvfang"};
    const char *phones[] = {phone};
    const char *ids[] = {id};
    bench_typing(db, "names", names, 4, runs);
    bench_typing(db, "initials", initials, 3, runs);
    bench_typing(db, "full pinyin", full, 3, runs);
    bench_typing(db, "phone tail", phones, phone[0] ? 1 : 0, runs);
    bench_typing(db, "ID tail", ids, id[0] ? 1 : 0, runs);
    print_plans(h);
    xl_db_close(db);
    return 0;
}
