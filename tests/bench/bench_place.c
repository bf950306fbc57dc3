/* bench_place.c — the map and the building card on an existing database.
 *
 *   bench_place DB [RUNS]   RUNS defaults to 50; the card is loaded for RUNS buildings
 *                           spread over the community, the map (every building) RUNS times.
 * Prints the median and p99 of each, in milliseconds: "map" is the list of buildings with
 * their figures (xl_buildings_list), all the map pane loads with the register's overlays
 * (rate, pioneer group, party); "map+items" and "map+rt" what it loads with the lists' and
 * the roundtables' overlay shown (each read only for its own overlay). The database is opened read-write
 * (migrations run first, as the desk would), nothing is written. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "xiangli/building.h"
#include "xiangli/db.h"
#include "xiangli/lists.h"
#include "xiangli/meeting.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* This process's CPU time: on a machine shared with other work the wall-clock figures
 * wander, the CPU time much less. */
static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void show(const char *what, double *t, double *c, int n)
{
    qsort(t, n, sizeof *t, cmp);
    qsort(c, n, sizeof *c, cmp);
    int p99 = (int)(n * 0.99);
    p99 = p99 < n ? p99 : n - 1;
    printf("%-10s median %8.3f ms   p99 %8.3f ms   CPU median %8.3f ms   (%d runs)\n", what,
           t[n / 2], t[p99], c[n / 2], n);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_place DB [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 50;
    if (runs < 1)
        runs = 1;
    xl_db *db;
    xl_err e;
    double t0 = now_ms();
    if (xl_db_open(&db, argv[1], 0, &e)) {
        fprintf(stderr, "%s: %s\n", argv[1], e.msg);
        return 1;
    }
    printf("open (and migrate) %.1f ms\n", now_ms() - t0);
    double *t = calloc((size_t)runs, sizeof *t), *c = calloc((size_t)runs, sizeof *c), c0;
    xl_building_summary *list = NULL;
    size_t n = 0;
    long residents = 0;
    for (int i = 0; i < runs; i++) {
        xl_buildings_free(list);
        t0 = now_ms(), c0 = cpu_ms();
        if (xl_buildings_list(db, &list, &n, &e)) {
            fprintf(stderr, "map: %s\n", e.msg);
            return 1;
        }
        t[i] = now_ms() - t0, c[i] = cpu_ms() - c0;
    }
    for (size_t i = 0; i < n; i++)
        residents += list[i].residents;
    printf("%zu buildings, %ld current residents\n", n, residents);
    show("map", t, c, runs);
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < runs; i++) {
            xl_building_summary *l2;
            xl_building_items *items = NULL;
            xl_roundtable_age *ages = NULL;
            size_t n2, na;
            t0 = now_ms(), c0 = cpu_ms();
            if (xl_buildings_list(db, &l2, &n2, &e) ||
                (k == 0 ? xl_list_building_counts(db, &items, &na, &e)
                        : xl_roundtable_ages(db, 0, 0, &ages, &na, &e))) {
                fprintf(stderr, "map pane: %s\n", e.msg);
                return 1;
            }
            t[i] = now_ms() - t0, c[i] = cpu_ms() - c0;
            xl_buildings_free(l2);
            free(items);
            free(ages);
        }
        show(k == 0 ? "map+items" : "map+rt", t, c, runs);
    }
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < runs; i++) {
            xl_building_items *items = NULL;
            xl_roundtable_age *ages = NULL;
            size_t ni;
            t0 = now_ms(), c0 = cpu_ms();
            int rc = k == 0 ? xl_list_building_counts(db, &items, &ni, &e)
                            : xl_roundtable_ages(db, 0, 0, &ages, &ni, &e);
            if (rc) {
                fprintf(stderr, "%s\n", e.msg);
                return 1;
            }
            t[i] = now_ms() - t0, c[i] = cpu_ms() - c0;
            free(items);
            free(ages);
        }
        show(k == 0 ? " list items" : " roundtable", t, c, runs);
    }
    for (int i = 0; i < runs && n; i++) {
        xl_building_card card;
        int number = list[(size_t)i * 7919 % n].number;
        t0 = now_ms(), c0 = cpu_ms();
        if (xl_building_card_load(db, number, &card, &e)) {
            fprintf(stderr, "card %d: %s\n", number, e.msg);
            return 1;
        }
        t[i] = now_ms() - t0, c[i] = cpu_ms() - c0;
        xl_building_card_release(&card);
    }
    show("card", t, c, runs);
    xl_buildings_free(list);
    free(t), free(c);
    xl_db_close(db);
    return 0;
}
