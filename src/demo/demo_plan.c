/* demo_plan.c — the demo community drawn in memory from the seed: lanes, buildings, rooms,
 * declared headcounts and registered counts, nudged to the real totals. */
#include "demo/demo_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/mem.h"

/* ---------- plan ---------- */

static void plan_lane_sizes(demo *d, int *sizes)
{
    int n = d->nlanes, extra = DEMO_BUILDINGS * d->scale - 23 * n;
    for (int i = 0; i < n; i++)
        sizes[i] = 23;
    while (extra > 0) {
        int i = (int)xl_rng_below(&d->rng, (unsigned)n);
        if (sizes[i] < 28 && (sizes[i]++, 1))
            extra--;
    }
    for (int k = 0; k < 4 * n; k++) {
        int a = (int)xl_rng_below(&d->rng, (unsigned)n), b = (int)xl_rng_below(&d->rng, (unsigned)n);
        if (sizes[a] > 20 && sizes[b] < 28) {
            sizes[a]--;
            sizes[b]++;
        }
    }
}

/* Per-building target for tenant rooms: 8% fully registered, 10% lagging well behind,
 * the rest spread over 64–96%. */
static unsigned plan_rate(demo *d)
{
    unsigned u = xl_rng_below(&d->rng, 1000);
    if (u < 80)
        return 1000;
    if (u < 180)
        return (unsigned)demo_between(d, 300, 560);
    return (unsigned)demo_between(d, 640, 960);
}

static unsigned char plan_home(demo *d, int owner)
{
    static const unsigned owner_family[] = {0, 5, 25, 40, 30}, sub_family[] = {20, 35, 30, 15};
    return (unsigned char)(1 + (owner ? demo_pick_weight(d, owner_family, 5) : demo_pick_weight(d, sub_family, 4)));
}

static void plan_rooms(demo *d, bld_plan *b, uint32_t bi)
{
    static const unsigned tenant_heads[] = {30, 240, 340, 220, 115, 55};
    b->room0 = d->nr;
    for (int f = 1; f <= b->floors; f++) {
        for (int n = 1; n <= b->per_floor; n++) {
            room_plan *r = &d->r[d->nr++];
            size_t k = d->nr - 1 - b->room0;
            r->bld = bi;
            r->number = (unsigned short)(f * 100 + n);
            r->floor = (unsigned char)f;
            r->kind = k == 0 && b->owner_home ? ROOM_OWNER
                    : k == (size_t)b->owner_home && b->sub_home ? ROOM_SUB : ROOM_TENANT;
            r->declared = r->kind == ROOM_TENANT ? (unsigned char)demo_pick_weight(d, tenant_heads, 6)
                                                 : plan_home(d, r->kind == ROOM_OWNER);
            r->reg = r->kind == ROOM_TENANT ? 0 : r->declared;
        }
    }
    b->nrooms = d->nr - b->room0;
}

static void plan_building(demo *d, bld_plan *b, uint32_t bi)
{
    static const unsigned floors[] = {0, 0, 15, 40, 35, 10}, per_floor[] = {0, 0, 20, 40, 30, 10};
    b->grid = b->lane * d->ngrids / d->nlanes;
    b->floors = (int)demo_pick_weight(d, floors, 6);
    b->per_floor = (int)demo_pick_weight(d, per_floor, 6);
    b->has_sub = demo_chance(d, 450);
    b->owner_home = b->has_sub ? demo_chance(d, 400) : demo_chance(d, 950);
    b->sub_home = b->has_sub && demo_chance(d, 850);
    b->party = demo_chance(d, 180);
    b->rate = plan_rate(d);
    plan_rooms(d, b, bi);
}

void demo_plan_buildings(demo *d)
{
    int *sizes = xl_calloc((size_t)d->nlanes, sizeof *sizes);
    plan_lane_sizes(d, sizes);
    d->nb = (size_t)DEMO_BUILDINGS * (size_t)d->scale;
    d->lane_group = xl_calloc((size_t)d->nlanes, sizeof *d->lane_group);
    d->b = xl_calloc(d->nb, sizeof *d->b);
    d->r = xl_calloc(d->nb * DEMO_MAX_ROOMS, sizeof *d->r);
    size_t i = 0;
    for (int lane = 0; lane < d->nlanes; lane++) {
        d->lane_group[lane] = (int)((i + (size_t)sizes[lane] / 2) * 3 / d->nb) + 1;
        for (int col = 0; col < sizes[lane]; col++, i++) {
            d->b[i].lane = lane;
            d->b[i].col = col;
            plan_building(d, &d->b[i], (uint32_t)i);
        }
    }
    free(sizes);
}

static int adjustable(const demo *d, const room_plan *r, int for_reg)
{
    return r->kind == ROOM_TENANT && r->declared > 0 && (!for_reg || d->b[r->bld].rate < 1000);
}

static room_plan *random_room(demo *d, int for_reg)
{
    for (;;) {
        room_plan *r = &d->r[xl_rng_below(&d->rng, (unsigned)d->nr)];
        if (adjustable(d, r, for_reg))
            return r;
    }
}

/* Moves the tenant rooms' declared headcounts (1..5) one step at a time to the target. */
static void adjust_declared(demo *d, long have, long want)
{
    while (have != want) {
        room_plan *r = random_room(d, 0);
        if (have < want && r->declared < 5) {
            r->declared++;
            have++;
        } else if (have > want && r->declared > 1) {
            r->declared--;
            have--;
        }
    }
}

/* Moves registered tenants (0..declared per room, fully registered buildings untouched). */
static void adjust_registered(demo *d, long have, long want)
{
    while (have != want) {
        room_plan *r = random_room(d, 1);
        if (have < want && r->reg < r->declared) {
            r->reg++;
            have++;
        } else if (have > want && r->reg > 0) {
            r->reg--;
            have--;
        }
    }
}

static long clamp_long(long v, long lo, long hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Draws each tenant room's registered count; *fixed gets what fully registered buildings
 * hold, *capacity the most the rooms could hold. */
static long draw_registration(demo *d, long *fixed, long *capacity)
{
    long reg = 0;
    *fixed = *capacity = 0;
    for (size_t i = 0; i < d->nr; i++) {
        room_plan *r = &d->r[i];
        if (r->kind != ROOM_TENANT)
            continue;
        for (int k = 0; k < r->declared; k++)
            r->reg = (unsigned char)(r->reg + demo_chance(d, d->b[r->bld].rate));
        reg += r->reg;
        *capacity += d->b[r->bld].rate < 1000 ? r->declared : r->reg;
        *fixed += d->b[r->bld].rate < 1000 ? 0 : r->reg;
    }
    return reg;
}

/* Tenants ~6,000 per unit (±0.7%), registration 78.5–81.5%: the declared headcounts are
 * nudged to tenants+others / rate, then the registered tenants to the tenant target. */
void demo_plan_totals(demo *d)
{
    long homes = 0, declared = 0, rooms = 0, k = d->scale;
    for (size_t i = 0; i < d->nr; i++) {
        const room_plan *r = &d->r[i];
        homes += r->kind != ROOM_TENANT ? r->declared : 0;
        declared += adjustable(d, r, 0) ? r->declared : 0;
        rooms += adjustable(d, r, 0);
    }
    long tenants = DEMO_TENANTS * k + demo_between(d, (int)(-40 * k), (int)(40 * k));
    long rate_pm = demo_between(d, 785, 815);
    long want = clamp_long((tenants + homes) * 1000 / rate_pm - homes, rooms, 5 * rooms);
    adjust_declared(d, declared, want);
    long fixed, capacity, reg = draw_registration(d, &fixed, &capacity);
    adjust_registered(d, reg, clamp_long(tenants, fixed, capacity));
}
