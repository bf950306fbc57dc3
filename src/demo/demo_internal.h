/* demo_internal.h — for the demo community's own files only (demo.c, demo_plan.c,
 * demo_people.c, demo_emit.c): the plan, the build context and the helpers they share.
 * Never include this from outside src/core. */
#ifndef XL_DEMO_INTERNAL_H
#define XL_DEMO_INTERNAL_H

#include "core/db/db_internal.h"

#include <stddef.h>
#include <stdint.h>

#include "demo/demo_data.h"
#include "demo/demo.h"

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
              " party_member, created_at, pinyin)"                                          \
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, xl_search_keys(?2))")            \
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

/* ---------- people and residencies (demo_people.c) ---------- */

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

enum { KIN_SPOUSE, KIN_CHILD, KIN_GRANDCHILD, KIN_PARENT };

typedef struct stay {
    int64_t person;
    int building;
    unsigned room;
    const char *role;
    int in, out; /* day numbers; out < 0 while living there */
} stay;

/* ---------- random helpers (demo.c) ---------- */

int demo_chance(demo *d, unsigned permille);
/* Uniform in [lo, hi]. */
int demo_between(demo *d, int lo, int hi);
int demo_born_between(demo *d, int y0, int y1);
/* Index drawn with probability w[i] / sum(w). */
size_t demo_pick_weight(demo *d, const unsigned *w, size_t n);
const char *demo_pick(demo *d, const xl_demo_table *t);
void demo_fmt_day(int z, char out[16]);

/* ---------- statements (demo.c) ---------- */

void demo_bind_int(demo *d, int which, int idx, int64_t v);
/* NULL binds SQL NULL. The text must live until demo_run(): callers bind and run in one scope. */
void demo_bind_text(demo *d, int which, int idx, const char *s);
void demo_run(demo *d, int which);

/* ---------- people and residencies (demo_people.c) ---------- */

void demo_insert_person(demo *d, person *p);
int demo_is_adult(int born);
/* Fills identity fields for someone from home (local) or from a migrant region. */
void demo_identity(demo *d, person *p, int local, const xl_demo_region *region);
/* A migrant worker: mostly born 1975–2000. */
void demo_new_migrant(demo *d, person *p, const xl_demo_region *region, unsigned male_pm);
void demo_make_relative(demo *d, const person *head, int kin, person *p);
void demo_insert_stay(demo *d, const stay *s);
void demo_live(demo *d, const person *p, int building, unsigned room, const char *role, int in);

/* ---------- plan (demo_plan.c) and emit (demo_emit.c) ---------- */

void demo_plan_buildings(demo *d);
/* Tenants ~6,000 per unit (±0.7%), registration 78.5–81.5%. */
void demo_plan_totals(demo *d);
int demo_emit_all(demo *d);

#endif
