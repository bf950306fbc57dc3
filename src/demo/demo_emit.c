/* demo_emit.c — the planned demo community written row by row with the prepared
 * statements: lanes, grids, organisations, buildings with their households, past residents. */
#include "demo/demo_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/mem.h"

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
        demo_bind_int(d, ST_LANE, 1, i + 1);
        demo_bind_text(d, ST_LANE, 2, name);
        demo_run(d, ST_LANE);
    }
}

static void emit_grids(demo *d)
{
    for (int i = 0; i < d->ngrids && !d->rc; i++) {
        char name[64];
        snprintf(name, sizeof name, "第%d微网格", i + 1);
        demo_bind_int(d, ST_GRID, 1, i + 1);
        demo_bind_text(d, ST_GRID, 2, name);
        demo_run(d, ST_GRID);
    }
}

static void emit_orgs(demo *d)
{
    for (size_t i = 0; i < xl_demo_org_count; i++) {
        demo_bind_text(d, ST_ORG, 1, xl_demo_orgs[i].name);
        demo_bind_text(d, ST_ORG, 2, xl_demo_orgs[i].kind);
        demo_run(d, ST_ORG);
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
    o->gender = demo_chance(d, 750) ? 'M' : 'F';
    o->born = demo_born_between(d, 1948, 1982);
    demo_identity(d, o, 1, NULL);
    o->workplace = demo_pick(d, &xl_demo_owner_work);
    o->party = h->b->owner_home ? h->b->party : demo_chance(d, 40);
    o->has_phone = 1;
    demo_insert_person(d, o);
    h->owner_in = demo_between(d, d->day_start, xl_date_to_days(2018, 6, 30));
}

/* Sub-landlords: mostly earlier migrants who rent whole houses, some local. */
static void make_sublandlord(demo *d, house *h)
{
    person *s = &h->sub;
    memset(s, 0, sizeof *s);
    s->gender = demo_chance(d, 700) ? 'M' : 'F';
    s->born = demo_born_between(d, 1965, 1992);
    demo_identity(d, s, demo_chance(d, 300), NULL);
    s->workplace = "个体";
    s->party = h->b->party && !h->b->owner_home && h->b->sub_home;
    demo_insert_person(d, s);
    h->sub_since = demo_between(d, xl_date_to_days(2019, 1, 1), xl_date_to_days(2025, 12, 31));
}

static void emit_building_row(demo *d, const house *h)
{
    const bld_plan *b = h->b;
    const person *resp = b->has_sub ? &h->sub : &h->owner;
    demo_bind_int(d, ST_BUILDING, 1, h->number);
    demo_bind_int(d, ST_BUILDING, 2, b->lane + 1);
    demo_bind_int(d, ST_BUILDING, 3, b->lane);
    demo_bind_int(d, ST_BUILDING, 4, b->col);
    demo_bind_int(d, ST_BUILDING, 5, b->floors);
    demo_bind_int(d, ST_BUILDING, 6, h->owner.id);
    demo_bind_int(d, ST_BUILDING, 7, resp->id);
    demo_bind_text(d, ST_BUILDING, 8, b->has_sub ? "sublandlord" : "owner");
    demo_bind_int(d, ST_BUILDING, 9, d->lane_group[b->lane]);
    demo_bind_int(d, ST_BUILDING, 10, b->grid + 1);
    demo_run(d, ST_BUILDING);
}

static void emit_history_row(demo *d, int number, int64_t who, const char *role, int since, int until)
{
    char s[16], u[16];
    demo_fmt_day(since, s);
    demo_fmt_day(until, u);
    demo_bind_int(d, ST_HISTORY, 1, number);
    demo_bind_int(d, ST_HISTORY, 2, who);
    demo_bind_text(d, ST_HISTORY, 3, role);
    demo_bind_text(d, ST_HISTORY, 4, s);
    demo_bind_text(d, ST_HISTORY, 5, until < 0 ? NULL : u);
    demo_run(d, ST_HISTORY);
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
        demo_bind_int(d, ST_ROOM, 1, h->number);
        demo_bind_text(d, ST_ROOM, 2, room);
        demo_bind_int(d, ST_ROOM, 3, r->floor);
        demo_bind_int(d, ST_ROOM, 4, r->declared);
        demo_run(d, ST_ROOM);
    }
}

static int owner_kin(demo *d, const person *o, unsigned j)
{
    static const unsigned old[] = {0, 45, 40, 15}, young[] = {0, 70, 0, 30}, oldest[] = {0, 55, 45, 0};
    if (j == 0 && demo_chance(d, 850))
        return KIN_SPOUSE;
    if (o->born < xl_date_to_days(1958, 1, 1))
        return (int)demo_pick_weight(d, oldest, 4);
    return (int)demo_pick_weight(d, o->born < xl_date_to_days(1968, 1, 1) ? old : young, 4);
}

/* The owner's or sub-landlord's own household in its room. */
static void emit_home(demo *d, house *h, const room_plan *r, int owner)
{
    const person *head = owner ? &h->owner : &h->sub;
    int in = owner ? h->owner_in : h->sub_since;
    demo_live(d, head, h->number, r->number, owner ? "owner" : "sublandlord", in);
    grid_candidate(d, h, head, 1);
    for (unsigned j = 0; j + 1 < r->declared; j++) {
        person p;
        int kin = owner ? owner_kin(d, head, j) : j == 0 ? KIN_SPOUSE : KIN_CHILD;
        demo_make_relative(d, head, kin, &p);
        demo_insert_person(d, &p);
        demo_live(d, &p, h->number, r->number, "family", in);
    }
}

/* Tenants sign in across 2018..2026, more of them recently (turnover). */
static int tenant_in(demo *d)
{
    int a = demo_between(d, d->day_start, d->day_end), b = demo_between(d, d->day_start, d->day_end);
    return a > b ? a : b;
}

static int tenant_party(demo *d, house *h)
{
    if (h->party_pending) {
        h->party_pending = 0;
        return 1;
    }
    return demo_chance(d, h->b->party ? 100 : 1);
}

static void note_mover(demo *d, const person *p, int building, int in)
{
    if (!demo_is_adult(p->born) || !demo_chance(d, 55))
        return;
    if (d->nmovers == d->movers_cap) {
        d->movers_cap = d->movers_cap ? 2 * d->movers_cap : 1024;
        d->movers = xl_reallocarray(d->movers, d->movers_cap, sizeof *d->movers);
    }
    d->movers[d->nmovers++] = (mover){p->id, building, in};
}

static void emit_tenant(demo *d, house *h, const room_plan *r, person *p, int in)
{
    if (demo_is_adult(p->born) && !p->party)
        p->party = tenant_party(d, h);
    demo_insert_person(d, p);
    demo_live(d, p, h->number, r->number, "tenant", in);
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
            demo_new_migrant(d, &head, NULL, 620);
            emit_tenant(d, h, r, &head, in);
        } else if (j == 1 && demo_chance(d, 550)) {
            demo_make_relative(d, &head, KIN_SPOUSE, &p);
            married = 1;
            emit_tenant(d, h, r, &p, in);
        } else if (married && head.born >= xl_date_to_days(1978, 1, 1) && demo_chance(d, 600)) {
            demo_make_relative(d, &head, KIN_CHILD, &p);
            emit_tenant(d, h, r, &p, in);
        } else {
            demo_new_migrant(d, &p, demo_chance(d, 500) ? head.region : NULL, 650);
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
    demo_insert_stay(d, &s);
}

/* A current tenant who lived in another building before. */
static void emit_mover(demo *d, const mover *m)
{
    int out = m->before - demo_between(d, 0, 45);
    int in = out - demo_between(d, 60, 900);
    if (in < d->day_start)
        in = d->day_start;
    if (out - in >= 20)
        emit_past_stay(d, m->person, m->building, in, out);
}

/* Someone who lived here and left: one stay, sometimes two in different buildings. */
static void emit_past_person(demo *d)
{
    person p;
    demo_new_migrant(d, &p, NULL, 620);
    demo_insert_person(d, &p);
    int in = demo_between(d, d->day_start, xl_date_to_days(2026, 6, 30));
    int out = in + demo_between(d, 30, 900);
    out = out > d->day_end ? d->day_end : out;
    emit_past_stay(d, p.id, 0, in, out);
    if (demo_chance(d, 120) && out + 60 < d->day_end) {
        int in2 = out + demo_between(d, 0, 40), out2 = in2 + demo_between(d, 20, 700);
        emit_past_stay(d, p.id, 0, in2, out2 > d->day_end ? d->day_end : out2);
    }
}

static void emit_leaders(demo *d)
{
    for (int g = 0; g < d->ngrids; g++) {
        demo_bind_int(d, ST_LEADER, 1, g + 1);
        if (d->grids[g].person)
            demo_bind_int(d, ST_LEADER, 2, d->grids[g].person);
        else
            demo_bind_text(d, ST_LEADER, 2, NULL);
        demo_run(d, ST_LEADER);
    }
}

int demo_emit_all(demo *d)
{
    emit_orgs(d);
    emit_lanes(d);
    emit_grids(d);
    for (size_t i = 0; i < d->nb && !d->rc; i++)
        emit_building(d, i);
    for (size_t i = 0; i < d->nmovers && !d->rc; i++)
        emit_mover(d, &d->movers[i]);
    int past = demo_between(d, (DEMO_PAST - 50) * d->scale, (DEMO_PAST + 50) * d->scale);
    for (int i = 0; i < past && !d->rc; i++)
        emit_past_person(d);
    emit_leaders(d);
    return d->rc;
}
