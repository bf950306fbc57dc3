/* demo.c — the deterministic demo community: Du Xiang (杜巷小区), Jiulitang Street, Songjiang.
 *
 * Two phases. plan_*: draw the whole community in memory from the seed (lanes, buildings,
 * rooms, declared headcounts, how many of each room are registered) and nudge the totals to
 * the real figures (~6,000 tenants, ~80% registration). emit_*: write it in one transaction
 * with prepared statements reused across rows. Every random choice comes from xl_rng in a
 * fixed order, and no clock is read: the same seed gives the same bytes. */
#include "db_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_data.h"
#include "xiangli/date.h"
#include "xiangli/demo.h"
#include "xiangli/lists.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"

/* The real community, per unit of scale. */
#define DEMO_BUILDINGS 326
#define DEMO_LANES 14
#define DEMO_GRIDS 12
#define DEMO_TENANTS 6000
#define DEMO_PAST 1700
#define DEMO_MAX_SCALE (99999 / DEMO_BUILDINGS)
#define DEMO_MAX_ROOMS 25 /* 5 floors x 5 rooms */
#define DEMO_CREATED_AT "2026-11-01 00:00:00"
#define DEMO_CACHE_KIB 131072

/* ---------- the generator: splitmix64 seeding xoshiro256** ---------- */

static unsigned long long splitmix64(unsigned long long *x)
{
    unsigned long long z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void xl_rng_seed(xl_rng *r, unsigned long long seed)
{
    unsigned long long x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static unsigned long long rotl64(unsigned long long x, int k)
{
    return (x << k) | (x >> (64 - k));
}

unsigned long long xl_rng_next(xl_rng *r)
{
    unsigned long long *s = r->s;
    unsigned long long result = rotl64(s[1] * 5, 7) * 9;
    unsigned long long t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return result;
}

/* Lemire's multiply-and-reject: unbiased, one multiplication in the common case. */
unsigned xl_rng_below(xl_rng *r, unsigned n)
{
    if (n <= 1)
        return 0;
    uint32_t bound = (uint32_t)n;
    uint64_t m = (xl_rng_next(r) >> 32) * (uint64_t)bound;
    if ((uint32_t)m < bound) {
        uint32_t floor = (uint32_t)(0u - bound) % bound;
        while ((uint32_t)m < floor)
            m = (xl_rng_next(r) >> 32) * (uint64_t)bound;
    }
    return (unsigned)(m >> 32);
}

/* ---------- dates as day numbers (date.h: days since 1970-01-01) ---------- */

static void fmt_day(int z, char out[16])
{
    xl_date_format(z, out);
}

/* ---------- plan and context ---------- */

enum { ROOM_TENANT, ROOM_OWNER, ROOM_SUB };

typedef struct room_plan {
    uint32_t bld;             /* index into demo.b */
    unsigned short number;    /* 101, 102, 201 ... */
    unsigned char floor, kind, declared, reg;
} room_plan;

typedef struct bld_plan {
    int lane, col, grid, floors, per_floor;
    size_t room0, nrooms;
    int has_sub, owner_home, sub_home, party;
    unsigned rate; /* target registration of tenant rooms, per mille; 1000 = all */
} bld_plan;

typedef struct grid_pick {
    int64_t person;
    int prio;
} grid_pick;

typedef struct mover {
    int64_t person;
    int building; /* current building number */
    int before;   /* current moved_in */
} mover;

#define DEMO_SQL(X)                                                                          \
    X(LANE, "INSERT INTO lane(id, name) VALUES (?1, ?2)")                                    \
    X(GRID, "INSERT INTO micro_grid(id, name) VALUES (?1, ?2)")                              \
    X(LEADER, "UPDATE micro_grid SET leader_id = ?2 WHERE id = ?1")                          \
    X(ORG, "INSERT INTO organisation(name, kind) VALUES (?1, ?2)")                           \
    X(PERSON, "INSERT INTO person(id, name, gender, id_number, phone, province, workplace,"   \
              " party_member, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")      \
    X(BUILDING, "INSERT INTO building(number, lane_id, map_row, map_col, floors, owner_id,"  \
                " responsible_id, responsible_role, pioneer_group, micro_grid_id)"           \
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")                         \
    X(HISTORY, "INSERT INTO responsible_history(building, person_id, role, since, until)"   \
               " VALUES (?1, ?2, ?3, ?4, ?5)")                                               \
    X(ROOM, "INSERT INTO room(building, room, floor, declared_headcount)"                   \
            " VALUES (?1, ?2, ?3, ?4)")                                                      \
    X(RESIDENCY, "INSERT INTO residency(person_id, building, room, role, moved_in,"         \
                 " moved_out, channel_in, channel_out, confirmed_at)"                        \
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")

enum {
#define XL_X(id, sql) ST_##id,
    DEMO_SQL(XL_X)
#undef XL_X
    ST_COUNT
};

static const char *const demo_sql[] = {
#define XL_X(id, sql) sql,
    DEMO_SQL(XL_X)
#undef XL_X
};

static const char *const demo_sql_name[] = {
#define XL_X(id, sql) #id,
    DEMO_SQL(XL_X)
#undef XL_X
};

typedef struct demo {
    xl_db *db;
    xl_err *err;
    int rc; /* sticky: once set, every further write is skipped */
    xl_rng rng;
    int scale, nlanes, ngrids;
    int *lane_group; /* pioneer group 1..3 of each lane */
    sqlite3_stmt *st[ST_COUNT];
    bld_plan *b;
    size_t nb;
    room_plan *r;
    size_t nr;
    grid_pick *grids;
    mover *movers;
    size_t nmovers, movers_cap;
    uint64_t *ids; /* open-addressing set of the 17-digit ID bodies in use */
    size_t ids_cap, ids_len;
    int64_t next_person;
    uint64_t phone_seq, phone_base;
    int day_start, day_end; /* 2018-01-01 .. 2026-10-31 */
} demo;

/* ---------- random helpers ---------- */

static int chance(demo *d, unsigned permille)
{
    return xl_rng_below(&d->rng, 1000) < permille;
}

/* Uniform in [lo, hi]. */
static int between(demo *d, int lo, int hi)
{
    return hi <= lo ? lo : lo + (int)xl_rng_below(&d->rng, (unsigned)(hi - lo) + 1);
}

static int born_between(demo *d, int y0, int y1)
{
    return between(d, xl_date_to_days(y0, 1, 1), xl_date_to_days(y1, 12, 31));
}

/* Index drawn with probability w[i] / sum(w). */
static size_t pick_weight(demo *d, const unsigned *w, size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    unsigned x = xl_rng_below(&d->rng, total);
    size_t i = 0;
    while (x >= w[i])
        x -= w[i++];
    return i;
}

static const char *pick(demo *d, const xl_demo_table *t)
{
    unsigned total = 0;
    for (size_t i = 0; i < t->n; i++)
        total += t->items[i].weight;
    unsigned x = xl_rng_below(&d->rng, total);
    size_t i = 0;
    while (x >= t->items[i].weight)
        x -= t->items[i++].weight;
    return t->items[i].text;
}

static const char *pick_list(demo *d, const xl_demo_list *l)
{
    return l->items[xl_rng_below(&d->rng, (unsigned)l->n)];
}

static const xl_demo_region *pick_region(demo *d)
{
    const xl_demo_region *t = xl_demo_migrant_regions;
    unsigned total = 0;
    for (size_t i = 0; i < xl_demo_migrant_region_count; i++)
        total += t[i].weight;
    unsigned x = xl_rng_below(&d->rng, total);
    size_t i = 0;
    while (x >= t[i].weight)
        x -= t[i++].weight;
    return &t[i];
}

/* ---------- statements ---------- */

static void bind_int(demo *d, int which, int idx, int64_t v)
{
    sqlite3_bind_int64(d->st[which], idx, v);
}

/* NULL binds SQL NULL. The text must live until run(): callers bind and run in one scope. */
static void bind_text(demo *d, int which, int idx, const char *s)
{
    if (s)
        sqlite3_bind_text(d->st[which], idx, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(d->st[which], idx);
}

static void run(demo *d, int which)
{
    sqlite3_stmt *st = d->st[which];
    if (!d->rc && sqlite3_step(st) != SQLITE_DONE) {
        char what[64];
        snprintf(what, sizeof what, "demo: %s", demo_sql_name[which]);
        d->rc = xl_db_fail(d->db, what, d->err);
    }
    sqlite3_reset(st);
}

static int prepare_all(demo *d)
{
    for (int i = 0; i < ST_COUNT; i++) {
        d->st[i] = xl_db_prepare(d->db, demo_sql[i], d->err);
        if (!d->st[i])
            return XL_EFAIL;
    }
    return XL_OK;
}

/* ---------- people ---------- */

typedef struct person {
    int64_t id;
    const char *surname;
    const xl_demo_region *region;
    const char *workplace;
    char gender; /* 'M' or 'F' */
    int born;    /* day number */
    int local;   /* Songjiang villager */
    int party;
    int has_phone;
} person;

static void idset_put(uint64_t *set, size_t cap, uint64_t key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (cap - 1);
    while (set[i])
        i = (i + 1) & (cap - 1);
    set[i] = key;
}

static void idset_grow(demo *d)
{
    size_t cap = d->ids_cap ? d->ids_cap * 2 : 1u << 15;
    uint64_t *set = xl_calloc(cap, sizeof *set);
    for (size_t i = 0; i < d->ids_cap; i++)
        if (d->ids[i])
            idset_put(set, cap, d->ids[i]);
    free(d->ids);
    d->ids = set;
    d->ids_cap = cap;
}

/* 1 if key was new (and is now in the set), 0 if already taken. */
static int idset_add(demo *d, uint64_t key)
{
    if ((d->ids_len + 1) * 2 > d->ids_cap)
        idset_grow(d);
    size_t mask = d->ids_cap - 1;
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
    for (; d->ids[i]; i = (i + 1) & mask)
        if (d->ids[i] == key)
            return 0;
    d->ids[i] = key;
    d->ids_len++;
    return 1;
}

/* Region + birth date + sequence (odd for men, even for women) + check character. The
 * sequence steps by two past any body already issued, so every number is unique. */
static void make_id(demo *d, const person *p, char out[24])
{
    int y, m, dd, male = p->gender == 'M';
    xl_date_from_days(p->born, &y, &m, &dd);
    unsigned seq = male ? 2 * xl_rng_below(&d->rng, 500) + 1 : 2 * xl_rng_below(&d->rng, 499) + 2;
    for (;;) {
        snprintf(out, 24, "%.6s%04d%02d%02d%03u", p->region->code, y, m, dd, seq);
        if (idset_add(d, strtoull(out, NULL, 10)))
            break;
        seq = seq + 2 <= 999 ? seq + 2 : (male ? 1u : 2u);
    }
    out[17] = xl_id_check_char(out);
    out[18] = '\0';
}

/* Virtual-operator blocks and a running counter scrambled by a bijection mod 10^8:
 * unique, fictitious, and not visibly sequential. */
static void make_phone(demo *d, char out[24])
{
    static const char *const blocks[] = {"170", "171", "165", "162", "167"};
    uint64_t n = (d->phone_seq++ * 61803399u + d->phone_base) % 100000000u;
    snprintf(out, 24, "%s%08u", blocks[xl_rng_below(&d->rng, 5)], (unsigned)n);
}

static void make_name(demo *d, const person *p, char *out, size_t size)
{
    int male = p->gender == 'M';
    const char *mid = chance(d, 550) ? pick_list(d, male ? &xl_demo_middle_m : &xl_demo_middle_f) : "";
    const char *last = pick_list(d, male ? &xl_demo_given_m : &xl_demo_given_f);
    snprintf(out, size, "%s%s%s", p->surname, mid, last);
}

static void insert_person(demo *d, person *p)
{
    char name[64], idn[24], phone[24];
    make_name(d, p, name, sizeof name);
    make_id(d, p, idn);
    if (p->has_phone)
        make_phone(d, phone);
    p->id = ++d->next_person;
    bind_int(d, ST_PERSON, 1, p->id);
    bind_text(d, ST_PERSON, 2, name);
    bind_text(d, ST_PERSON, 3, p->gender == 'M' ? "M" : "F");
    bind_text(d, ST_PERSON, 4, idn);
    bind_text(d, ST_PERSON, 5, p->has_phone ? phone : NULL);
    bind_text(d, ST_PERSON, 6, p->region->province);
    bind_text(d, ST_PERSON, 7, p->workplace);
    bind_int(d, ST_PERSON, 8, p->party);
    bind_text(d, ST_PERSON, 9, DEMO_CREATED_AT);
    run(d, ST_PERSON);
}

/* Songjiang-born people issued their number before 1998 carry the old county code. */
static const xl_demo_region *local_region(demo *d, int born)
{
    if (born < xl_date_to_days(1998, 1, 1) && chance(d, 800))
        return &xl_demo_songjiang_old;
    return &xl_demo_songjiang;
}

static int is_adult(int born) { return born <= xl_date_to_days(2008, 11, 1); }

static const char *work_for(demo *d, const person *p)
{
    if (p->born > xl_date_to_days(2020, 9, 1))
        return "";
    if (!is_adult(p->born))
        return "学生";
    if (p->local)
        return p->born < xl_date_to_days(1962, 1, 1) ? "退休" : pick(d, &xl_demo_owner_work);
    return pick(d, &xl_demo_tenant_work);
}

/* Fills identity fields for someone from home (local) or from a migrant region. */
static void identity(demo *d, person *p, int local, const xl_demo_region *region)
{
    p->local = local;
    p->surname = pick(d, local ? &xl_demo_local_surnames : &xl_demo_surnames);
    p->region = local ? local_region(d, p->born) : region ? region : pick_region(d);
    p->workplace = work_for(d, p);
    p->has_phone = p->born <= xl_date_to_days(2010, 11, 1);
}

/* A migrant worker: mostly born 1975–2000. */
static void new_migrant(demo *d, person *p, const xl_demo_region *region, unsigned male_pm)
{
    memset(p, 0, sizeof *p);
    p->gender = chance(d, male_pm) ? 'M' : 'F';
    p->born = (born_between(d, 1964, 2004) + born_between(d, 1975, 2002)) / 2;
    identity(d, p, 0, region);
}

enum { KIN_SPOUSE, KIN_CHILD, KIN_GRANDCHILD, KIN_PARENT };

static int kin_born(demo *d, const person *head, int kin)
{
    static const int lo[] = {-4, 22, 46, -32}, hi[] = {4, 34, 62, -22};
    int b = head->born + between(d, lo[kin] * 365, hi[kin] * 365);
    int latest = kin == KIN_SPOUSE ? xl_date_to_days(2006, 12, 31) : xl_date_to_days(2024, 12, 31);
    int earliest = xl_date_to_days(1928, 1, 1);
    return b > latest ? latest : b < earliest ? earliest : b;
}

static void make_relative(demo *d, const person *head, int kin, person *p)
{
    memset(p, 0, sizeof *p);
    p->gender = kin == KIN_SPOUSE ? (head->gender == 'M' ? 'F' : 'M') : chance(d, 500) ? 'M' : 'F';
    p->born = kin_born(d, head, kin);
    identity(d, p, head->local, chance(d, 800) ? head->region : NULL);
    if (kin != KIN_SPOUSE && (head->gender == 'M' || chance(d, 500)))
        p->surname = head->surname;
    if (kin == KIN_PARENT && p->born < xl_date_to_days(1950, 1, 1))
        p->has_phone = chance(d, 600);
    if (!head->local && kin != KIN_SPOUSE)
        p->region = head->region;
    p->party = head->party && is_adult(p->born) && chance(d, kin == KIN_SPOUSE ? 500 : 200);
}

/* ---------- residencies ---------- */

typedef struct stay {
    int64_t person;
    int building;
    unsigned room;
    const char *role;
    int in, out; /* day numbers; out < 0 while living there */
} stay;

static int year_of(int day)
{
    int y, m, dd;
    xl_date_from_days(day, &y, &m, &dd);
    return y;
}

/* QR sign-in took over from the desk and the landlord's paper list after 2022. */
static const char *channel_for(demo *d, int day, int tenant)
{
    static const char *const ch[] = {"qr", "landlord", "desk"};
    static const unsigned recent[] = {60, 25, 15}, middle[] = {35, 35, 30}, early[] = {5, 45, 50};
    static const unsigned own_recent[] = {40, 0, 60}, own_early[] = {10, 0, 90};
    int y = year_of(day);
    if (!tenant)
        return ch[pick_weight(d, y >= 2023 ? own_recent : own_early, 3)];
    return ch[pick_weight(d, y >= 2023 ? recent : y >= 2021 ? middle : early, 3)];
}

/* Last confirmation of a current stay: most within 90 days of 2026-11-01, ~10% within the
 * year, ~5% stale for over a year (when the stay is old enough). */
static int confirmed_day(demo *d, int in)
{
    int now = d->day_end + 1;
    unsigned u = xl_rng_below(&d->rng, 1000);
    if (u < 70 && in <= now - 366)
        return between(d, in, now - 366);
    if (u < 170 && in <= now - 91)
        return between(d, in > now - 365 ? in : now - 365, now - 91);
    return between(d, in > now - 90 ? in : now - 90, now - 1);
}

static void fmt_stamp(demo *d, int day, char out[32])
{
    char ymd[16];
    fmt_day(day, ymd);
    int secs = between(d, 8 * 3600, 20 * 3600);
    snprintf(out, 32, "%s %02d:%02d:%02d", ymd, secs / 3600, secs / 60 % 60, secs % 60);
}

static void insert_stay(demo *d, const stay *s)
{
    char in[16], out[16], room[16], conf[32];
    int tenant = strcmp(s->role, "tenant") == 0;
    fmt_day(s->in, in);
    snprintf(room, sizeof room, "%u", s->room);
    bind_int(d, ST_RESIDENCY, 1, s->person);
    bind_int(d, ST_RESIDENCY, 2, s->building);
    bind_text(d, ST_RESIDENCY, 3, room);
    bind_text(d, ST_RESIDENCY, 4, s->role);
    bind_text(d, ST_RESIDENCY, 5, in);
    bind_text(d, ST_RESIDENCY, 7, channel_for(d, s->in, tenant));
    if (s->out >= 0) {
        fmt_day(s->out, out);
        bind_text(d, ST_RESIDENCY, 6, out);
        bind_text(d, ST_RESIDENCY, 8, channel_for(d, s->out, 1));
        fmt_stamp(d, between(d, s->in, s->out), conf);
    } else {
        bind_text(d, ST_RESIDENCY, 6, NULL);
        bind_text(d, ST_RESIDENCY, 8, NULL);
        fmt_stamp(d, confirmed_day(d, s->in), conf);
    }
    bind_text(d, ST_RESIDENCY, 9, conf);
    run(d, ST_RESIDENCY);
}

static void live(demo *d, const person *p, int building, unsigned room, const char *role, int in)
{
    stay s = {p->id, building, room, role, in > p->born ? in : p->born, -1};
    insert_stay(d, &s);
}

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
        return (unsigned)between(d, 300, 560);
    return (unsigned)between(d, 640, 960);
}

static unsigned char plan_home(demo *d, int owner)
{
    static const unsigned owner_family[] = {0, 5, 25, 40, 30}, sub_family[] = {20, 35, 30, 15};
    return (unsigned char)(1 + (owner ? pick_weight(d, owner_family, 5) : pick_weight(d, sub_family, 4)));
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
            r->declared = r->kind == ROOM_TENANT ? (unsigned char)pick_weight(d, tenant_heads, 6)
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
    b->floors = (int)pick_weight(d, floors, 6);
    b->per_floor = (int)pick_weight(d, per_floor, 6);
    b->has_sub = chance(d, 450);
    b->owner_home = b->has_sub ? chance(d, 400) : chance(d, 950);
    b->sub_home = b->has_sub && chance(d, 850);
    b->party = chance(d, 180);
    b->rate = plan_rate(d);
    plan_rooms(d, b, bi);
}

static void plan_buildings(demo *d)
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
            r->reg = (unsigned char)(r->reg + chance(d, d->b[r->bld].rate));
        reg += r->reg;
        *capacity += d->b[r->bld].rate < 1000 ? r->declared : r->reg;
        *fixed += d->b[r->bld].rate < 1000 ? 0 : r->reg;
    }
    return reg;
}

/* Tenants ~6,000 per unit (±0.7%), registration 78.5–81.5%: the declared headcounts are
 * nudged to tenants+others / rate, then the registered tenants to the tenant target. */
static void plan_totals(demo *d)
{
    long homes = 0, declared = 0, rooms = 0, k = d->scale;
    for (size_t i = 0; i < d->nr; i++) {
        const room_plan *r = &d->r[i];
        homes += r->kind != ROOM_TENANT ? r->declared : 0;
        declared += adjustable(d, r, 0) ? r->declared : 0;
        rooms += adjustable(d, r, 0);
    }
    long tenants = DEMO_TENANTS * k + between(d, (int)(-40 * k), (int)(40 * k));
    long rate_pm = between(d, 785, 815);
    long want = clamp_long((tenants + homes) * 1000 / rate_pm - homes, rooms, 5 * rooms);
    adjust_declared(d, declared, want);
    long fixed, capacity, reg = draw_registration(d, &fixed, &capacity);
    adjust_registered(d, reg, clamp_long(tenants, fixed, capacity));
}

/* ---------- emit: the fixed rows ---------- */

static void cn_number(int n, char *out, size_t size)
{
    static const char *const digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const unit[] = {"", "十", "百", "千"};
    static const int pow10[] = {1, 10, 100, 1000};
    size_t len = 0;
    int started = 0, zero = 0;
    out[0] = '\0';
    for (int p = 3; p >= 0; p--) {
        int v = n / pow10[p] % 10;
        if (v == 0) {
            zero = started;
            continue;
        }
        const char *dg = v == 1 && p == 1 && !started ? "" : digit[v];
        len += (size_t)snprintf(out + len, size - len, "%s%s%s", zero ? digit[0] : "", dg, unit[p]);
        started = 1;
        zero = 0;
    }
}

static void emit_lanes(demo *d)
{
    for (int i = 0; i < d->nlanes && !d->rc; i++) {
        char num[64], name[96];
        cn_number(i + 1, num, sizeof num);
        snprintf(name, sizeof name, "杜巷%s弄", num);
        bind_int(d, ST_LANE, 1, i + 1);
        bind_text(d, ST_LANE, 2, name);
        run(d, ST_LANE);
    }
}

static void emit_grids(demo *d)
{
    for (int i = 0; i < d->ngrids && !d->rc; i++) {
        char name[64];
        snprintf(name, sizeof name, "第%d微网格", i + 1);
        bind_int(d, ST_GRID, 1, i + 1);
        bind_text(d, ST_GRID, 2, name);
        run(d, ST_GRID);
    }
}

static void emit_orgs(demo *d)
{
    for (size_t i = 0; i < xl_demo_org_count; i++) {
        bind_text(d, ST_ORG, 1, xl_demo_orgs[i].name);
        bind_text(d, ST_ORG, 2, xl_demo_orgs[i].kind);
        run(d, ST_ORG);
    }
}

/* ---------- emit: one building ---------- */

typedef struct house {
    const bld_plan *b;
    int number;
    person owner, sub;
    int owner_in, sub_since;
    int party_pending; /* the party household is the first tenant household */
} house;

/* Grid leader: a resident party member heading a household beats a resident owner or
 * sub-landlord, who beats anyone else; the first met wins ties. */
static void grid_candidate(demo *d, const house *h, const person *p, int head)
{
    int prio = (p->party ? 2 : 0) + head;
    grid_pick *g = &d->grids[h->b->grid];
    if (!g->person || prio > g->prio) {
        g->person = p->id;
        g->prio = prio;
    }
}

static void make_owner(demo *d, house *h)
{
    person *o = &h->owner;
    memset(o, 0, sizeof *o);
    o->gender = chance(d, 750) ? 'M' : 'F';
    o->born = born_between(d, 1948, 1982);
    identity(d, o, 1, NULL);
    o->workplace = pick(d, &xl_demo_owner_work);
    o->party = h->b->owner_home ? h->b->party : chance(d, 40);
    o->has_phone = 1;
    insert_person(d, o);
    h->owner_in = between(d, d->day_start, xl_date_to_days(2018, 6, 30));
}

/* Sub-landlords: mostly earlier migrants who rent whole houses, some local. */
static void make_sublandlord(demo *d, house *h)
{
    person *s = &h->sub;
    memset(s, 0, sizeof *s);
    s->gender = chance(d, 700) ? 'M' : 'F';
    s->born = born_between(d, 1965, 1992);
    identity(d, s, chance(d, 300), NULL);
    s->workplace = "个体";
    s->party = h->b->party && !h->b->owner_home && h->b->sub_home;
    insert_person(d, s);
    h->sub_since = between(d, xl_date_to_days(2019, 1, 1), xl_date_to_days(2025, 12, 31));
}

static void emit_building_row(demo *d, const house *h)
{
    const bld_plan *b = h->b;
    const person *resp = b->has_sub ? &h->sub : &h->owner;
    bind_int(d, ST_BUILDING, 1, h->number);
    bind_int(d, ST_BUILDING, 2, b->lane + 1);
    bind_int(d, ST_BUILDING, 3, b->lane);
    bind_int(d, ST_BUILDING, 4, b->col);
    bind_int(d, ST_BUILDING, 5, b->floors);
    bind_int(d, ST_BUILDING, 6, h->owner.id);
    bind_int(d, ST_BUILDING, 7, resp->id);
    bind_text(d, ST_BUILDING, 8, b->has_sub ? "sublandlord" : "owner");
    bind_int(d, ST_BUILDING, 9, d->lane_group[b->lane]);
    bind_int(d, ST_BUILDING, 10, b->grid + 1);
    run(d, ST_BUILDING);
}

static void emit_history_row(demo *d, int number, int64_t who, const char *role, int since, int until)
{
    char s[16], u[16];
    fmt_day(since, s);
    fmt_day(until, u);
    bind_int(d, ST_HISTORY, 1, number);
    bind_int(d, ST_HISTORY, 2, who);
    bind_text(d, ST_HISTORY, 3, role);
    bind_text(d, ST_HISTORY, 4, s);
    bind_text(d, ST_HISTORY, 5, until < 0 ? NULL : u);
    run(d, ST_HISTORY);
}

/* The owner answered for the house until a sub-landlord took it over. */
static void emit_history(demo *d, const house *h)
{
    if (!h->b->has_sub) {
        emit_history_row(d, h->number, h->owner.id, "owner", d->day_start, -1);
        return;
    }
    emit_history_row(d, h->number, h->owner.id, "owner", d->day_start, h->sub_since);
    emit_history_row(d, h->number, h->sub.id, "sublandlord", h->sub_since, -1);
}

static void emit_rooms(demo *d, const house *h)
{
    for (size_t k = 0; k < h->b->nrooms; k++) {
        const room_plan *r = &d->r[h->b->room0 + k];
        char room[16];
        snprintf(room, sizeof room, "%u", r->number);
        bind_int(d, ST_ROOM, 1, h->number);
        bind_text(d, ST_ROOM, 2, room);
        bind_int(d, ST_ROOM, 3, r->floor);
        bind_int(d, ST_ROOM, 4, r->declared);
        run(d, ST_ROOM);
    }
}

static int owner_kin(demo *d, const person *o, unsigned j)
{
    static const unsigned old[] = {0, 45, 40, 15}, young[] = {0, 70, 0, 30}, oldest[] = {0, 55, 45, 0};
    if (j == 0 && chance(d, 850))
        return KIN_SPOUSE;
    if (o->born < xl_date_to_days(1958, 1, 1))
        return (int)pick_weight(d, oldest, 4);
    return (int)pick_weight(d, o->born < xl_date_to_days(1968, 1, 1) ? old : young, 4);
}

/* The owner's or sub-landlord's own household in its room. */
static void emit_home(demo *d, house *h, const room_plan *r, int owner)
{
    const person *head = owner ? &h->owner : &h->sub;
    int in = owner ? h->owner_in : h->sub_since;
    live(d, head, h->number, r->number, owner ? "owner" : "sublandlord", in);
    grid_candidate(d, h, head, 1);
    for (unsigned j = 0; j + 1 < r->declared; j++) {
        person p;
        int kin = owner ? owner_kin(d, head, j) : j == 0 ? KIN_SPOUSE : KIN_CHILD;
        make_relative(d, head, kin, &p);
        insert_person(d, &p);
        live(d, &p, h->number, r->number, "family", in);
    }
}

/* Tenants sign in across 2018..2026, more of them recently (turnover). */
static int tenant_in(demo *d)
{
    int a = between(d, d->day_start, d->day_end), b = between(d, d->day_start, d->day_end);
    return a > b ? a : b;
}

static int tenant_party(demo *d, house *h)
{
    if (h->party_pending) {
        h->party_pending = 0;
        return 1;
    }
    return chance(d, h->b->party ? 100 : 1);
}

static void note_mover(demo *d, const person *p, int building, int in)
{
    if (!is_adult(p->born) || !chance(d, 55))
        return;
    if (d->nmovers == d->movers_cap) {
        d->movers_cap = d->movers_cap ? 2 * d->movers_cap : 1024;
        d->movers = xl_reallocarray(d->movers, d->movers_cap, sizeof *d->movers);
    }
    d->movers[d->nmovers++] = (mover){p->id, building, in};
}

static void emit_tenant(demo *d, house *h, const room_plan *r, person *p, int in)
{
    if (is_adult(p->born) && !p->party)
        p->party = tenant_party(d, h);
    insert_person(d, p);
    live(d, p, h->number, r->number, "tenant", in);
    if (p->party)
        grid_candidate(d, h, p, 0);
    note_mover(d, p, h->number, in);
}

/* A tenant room: a head, maybe a spouse and children, or co-workers sharing. */
static void emit_tenants(demo *d, house *h, const room_plan *r)
{
    person head, p;
    int in = tenant_in(d), married = 0;
    for (unsigned j = 0; j < r->reg; j++) {
        if (j == 0) {
            new_migrant(d, &head, NULL, 620);
            emit_tenant(d, h, r, &head, in);
        } else if (j == 1 && chance(d, 550)) {
            make_relative(d, &head, KIN_SPOUSE, &p);
            married = 1;
            emit_tenant(d, h, r, &p, in);
        } else if (married && head.born >= xl_date_to_days(1978, 1, 1) && chance(d, 600)) {
            make_relative(d, &head, KIN_CHILD, &p);
            emit_tenant(d, h, r, &p, in);
        } else {
            new_migrant(d, &p, chance(d, 500) ? head.region : NULL, 650);
            emit_tenant(d, h, r, &p, tenant_in(d));
        }
    }
}

static void emit_building(demo *d, size_t bi)
{
    house h;
    memset(&h, 0, sizeof h);
    h.b = &d->b[bi];
    h.number = (int)bi + 1;
    h.party_pending = h.b->party && !h.b->owner_home && !h.b->sub_home;
    make_owner(d, &h);
    if (h.b->has_sub)
        make_sublandlord(d, &h);
    emit_building_row(d, &h);
    emit_history(d, &h);
    emit_rooms(d, &h);
    for (size_t k = 0; k < h.b->nrooms && !d->rc; k++) {
        const room_plan *r = &d->r[h.b->room0 + k];
        if (r->kind == ROOM_TENANT)
            emit_tenants(d, &h, r);
        else
            emit_home(d, &h, r, r->kind == ROOM_OWNER);
    }
}

/* ---------- emit: people who moved out ---------- */

static const room_plan *tenant_room_of(demo *d, size_t bi)
{
    const bld_plan *b = &d->b[bi];
    for (;;) {
        const room_plan *r = &d->r[b->room0 + xl_rng_below(&d->rng, (unsigned)b->nrooms)];
        if (r->kind == ROOM_TENANT)
            return r;
    }
}

static void emit_past_stay(demo *d, int64_t who, int not_building, int in, int out)
{
    size_t bi;
    do
        bi = xl_rng_below(&d->rng, (unsigned)d->nb);
    while ((int)bi + 1 == not_building);
    stay s = {who, (int)bi + 1, tenant_room_of(d, bi)->number, "tenant", in, out};
    insert_stay(d, &s);
}

/* A current tenant who lived in another building before. */
static void emit_mover(demo *d, const mover *m)
{
    int out = m->before - between(d, 0, 45);
    int in = out - between(d, 60, 900);
    if (in < d->day_start)
        in = d->day_start;
    if (out - in >= 20)
        emit_past_stay(d, m->person, m->building, in, out);
}

/* Someone who lived here and left: one stay, sometimes two in different buildings. */
static void emit_past_person(demo *d)
{
    person p;
    new_migrant(d, &p, NULL, 620);
    insert_person(d, &p);
    int in = between(d, d->day_start, xl_date_to_days(2026, 6, 30));
    int out = in + between(d, 30, 900);
    out = out > d->day_end ? d->day_end : out;
    emit_past_stay(d, p.id, 0, in, out);
    if (chance(d, 120) && out + 60 < d->day_end) {
        int in2 = out + between(d, 0, 40), out2 = in2 + between(d, 20, 700);
        emit_past_stay(d, p.id, 0, in2, out2 > d->day_end ? d->day_end : out2);
    }
}

static void emit_leaders(demo *d)
{
    for (int g = 0; g < d->ngrids; g++) {
        bind_int(d, ST_LEADER, 1, g + 1);
        if (d->grids[g].person)
            bind_int(d, ST_LEADER, 2, d->grids[g].person);
        else
            bind_text(d, ST_LEADER, 2, NULL);
        run(d, ST_LEADER);
    }
}

static int emit_all(demo *d)
{
    emit_orgs(d);
    emit_lanes(d);
    emit_grids(d);
    for (size_t i = 0; i < d->nb && !d->rc; i++)
        emit_building(d, i);
    for (size_t i = 0; i < d->nmovers && !d->rc; i++)
        emit_mover(d, &d->movers[i]);
    int past = between(d, (DEMO_PAST - 50) * d->scale, (DEMO_PAST + 50) * d->scale);
    for (int i = 0; i < past && !d->rc; i++)
        emit_past_person(d);
    emit_leaders(d);
    return d->rc;
}

/* ---------- the whole build ---------- */

static void demo_init(demo *d, xl_db *db, const xl_demo_opts *o, xl_err *err)
{
    memset(d, 0, sizeof *d);
    d->db = db;
    d->err = err;
    d->scale = o->scale;
    d->nlanes = DEMO_LANES * o->scale;
    d->ngrids = DEMO_GRIDS * o->scale;
    xl_rng_seed(&d->rng, (unsigned long long)o->seed);
    d->phone_base = xl_rng_next(&d->rng) % 100000000u;
    d->day_start = xl_date_to_days(2018, 1, 1);
    d->day_end = xl_date_to_days(2026, 10, 31);
    d->grids = xl_calloc((size_t)d->ngrids, sizeof *d->grids);
}

static void demo_release(demo *d)
{
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(d->st[i]);
    free(d->b);
    free(d->r);
    free(d->grids);
    free(d->lane_group);
    free(d->movers);
    free(d->ids);
}

static int cache_size(xl_db *db)
{
    sqlite3_stmt *st = xl_db_prepare(db, "PRAGMA cache_size", NULL);
    int v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -2000;
    sqlite3_finalize(st);
    return v;
}

static void set_cache_size(xl_db *db, int v)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", v);
    xl_db_exec(db, sql, NULL);
}

/* Inside the open transaction: refuse a non-empty database, then write everything. */
static int build_in_tx(demo *d, const xl_demo_opts *o)
{
    if (!xl_db_is_empty(d->db))
        return xl_err_set(d->err, XL_EFAIL,
                          "%s: the database already holds buildings or people; the demo community "
                          "needs an empty database", xl_db_path(d->db));
    if (prepare_all(d) || emit_all(d))
        return XL_EFAIL;
    /* the four lists and the meeting history stand on the buildings and people above */
    if (xl_lists_demo_build(d->db, o->seed, d->err))
        return XL_EFAIL;
    char detail[64];
    snprintf(detail, sizeof detail, "seed=%lu scale=%d", o->seed, o->scale);
    return xl_db_audit(d->db, "demo.init", "community", NULL, detail, d->err);
}

int xl_demo_build(xl_db *db, const xl_demo_opts *opts, xl_err *err)
{
    xl_demo_opts o = opts ? *opts : (xl_demo_opts){.seed = 1, .scale = 1};
    if (o.scale < 1 || o.scale > DEMO_MAX_SCALE)
        return xl_err_set(err, XL_EUSAGE, "demo: scale %d is out of range (1..%d)", o.scale, DEMO_MAX_SCALE);
    if (xl_db_begin(db, err))
        return XL_EFAIL;
    demo d;
    demo_init(&d, db, &o, err);
    int old_cache = cache_size(db);
    set_cache_size(db, -DEMO_CACHE_KIB);
    plan_buildings(&d);
    plan_totals(&d);
    int rc = build_in_tx(&d, &o);
    demo_release(&d);
    if (rc == XL_OK)
        rc = xl_db_commit(db, err);
    else
        xl_db_rollback(db);
    set_cache_size(db, old_cache);
    return rc;
}
