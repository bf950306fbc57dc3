/* demo_people.c — the demo community's people and their stays: names, unique ID numbers
 * and phones, relatives, and the residency rows with their channels and confirmations. */
#include "demo/demo_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"

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

/* ---------- people ---------- */

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
    const char *mid = demo_chance(d, 550) ? pick_list(d, male ? &xl_demo_middle_m : &xl_demo_middle_f) : "";
    const char *last = pick_list(d, male ? &xl_demo_given_m : &xl_demo_given_f);
    snprintf(out, size, "%s%s%s", p->surname, mid, last);
}

void demo_insert_person(demo *d, person *p)
{
    char name[64], idn[24], phone[24];
    make_name(d, p, name, sizeof name);
    make_id(d, p, idn);
    if (p->has_phone)
        make_phone(d, phone);
    p->id = ++d->next_person;
    demo_bind_int(d, ST_PERSON, 1, p->id);
    demo_bind_text(d, ST_PERSON, 2, name);
    demo_bind_text(d, ST_PERSON, 3, p->gender == 'M' ? "M" : "F");
    demo_bind_text(d, ST_PERSON, 4, idn);
    demo_bind_text(d, ST_PERSON, 5, p->has_phone ? phone : NULL);
    demo_bind_text(d, ST_PERSON, 6, p->region->province);
    demo_bind_text(d, ST_PERSON, 7, p->workplace);
    demo_bind_int(d, ST_PERSON, 8, p->party);
    demo_bind_text(d, ST_PERSON, 9, DEMO_CREATED_AT);
    demo_run(d, ST_PERSON);
}

/* Songjiang-born people issued their number before 1998 carry the old county code. */
static const xl_demo_region *local_region(demo *d, int born)
{
    if (born < xl_date_to_days(1998, 1, 1) && demo_chance(d, 800))
        return &xl_demo_songjiang_old;
    return &xl_demo_songjiang;
}

int demo_is_adult(int born) { return born <= xl_date_to_days(2008, 11, 1); }

static const char *work_for(demo *d, const person *p)
{
    if (p->born > xl_date_to_days(2020, 9, 1))
        return "";
    if (!demo_is_adult(p->born))
        return "学生";
    if (p->local)
        return p->born < xl_date_to_days(1962, 1, 1) ? "退休" : demo_pick(d, &xl_demo_owner_work);
    return demo_pick(d, &xl_demo_tenant_work);
}

/* Fills identity fields for someone from home (local) or from a migrant region. */
void demo_identity(demo *d, person *p, int local, const xl_demo_region *region)
{
    p->local = local;
    p->surname = demo_pick(d, local ? &xl_demo_local_surnames : &xl_demo_surnames);
    p->region = local ? local_region(d, p->born) : region ? region : pick_region(d);
    p->workplace = work_for(d, p);
    p->has_phone = p->born <= xl_date_to_days(2010, 11, 1);
}

/* A migrant worker: mostly born 1975–2000. */
void demo_new_migrant(demo *d, person *p, const xl_demo_region *region, unsigned male_pm)
{
    memset(p, 0, sizeof *p);
    p->gender = demo_chance(d, male_pm) ? 'M' : 'F';
    p->born = (demo_born_between(d, 1964, 2004) + demo_born_between(d, 1975, 2002)) / 2;
    demo_identity(d, p, 0, region);
}

static int kin_born(demo *d, const person *head, int kin)
{
    static const int lo[] = {-4, 22, 46, -32}, hi[] = {4, 34, 62, -22};
    int b = head->born + demo_between(d, lo[kin] * 365, hi[kin] * 365);
    int latest = kin == KIN_SPOUSE ? xl_date_to_days(2006, 12, 31) : xl_date_to_days(2024, 12, 31);
    int earliest = xl_date_to_days(1928, 1, 1);
    return b > latest ? latest : b < earliest ? earliest : b;
}

void demo_make_relative(demo *d, const person *head, int kin, person *p)
{
    memset(p, 0, sizeof *p);
    p->gender = kin == KIN_SPOUSE ? (head->gender == 'M' ? 'F' : 'M') : demo_chance(d, 500) ? 'M' : 'F';
    p->born = kin_born(d, head, kin);
    demo_identity(d, p, head->local, demo_chance(d, 800) ? head->region : NULL);
    if (kin != KIN_SPOUSE && (head->gender == 'M' || demo_chance(d, 500)))
        p->surname = head->surname;
    if (kin == KIN_PARENT && p->born < xl_date_to_days(1950, 1, 1))
        p->has_phone = demo_chance(d, 600);
    if (!head->local && kin != KIN_SPOUSE)
        p->region = head->region;
    p->party = head->party && demo_is_adult(p->born) && demo_chance(d, kin == KIN_SPOUSE ? 500 : 200);
}

/* ---------- residencies ---------- */

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
        return ch[demo_pick_weight(d, y >= 2023 ? own_recent : own_early, 3)];
    return ch[demo_pick_weight(d, y >= 2023 ? recent : y >= 2021 ? middle : early, 3)];
}

/* Last confirmation of a current stay: most within 90 days of 2026-11-01, ~10% within the
 * year, ~5% stale for over a year (when the stay is old enough). */
static int confirmed_day(demo *d, int in)
{
    int now = d->day_end + 1;
    unsigned u = xl_rng_below(&d->rng, 1000);
    if (u < 70 && in <= now - 366)
        return demo_between(d, in, now - 366);
    if (u < 170 && in <= now - 91)
        return demo_between(d, in > now - 365 ? in : now - 365, now - 91);
    return demo_between(d, in > now - 90 ? in : now - 90, now - 1);
}

static void fmt_stamp(demo *d, int day, char out[32])
{
    char ymd[16];
    demo_fmt_day(day, ymd);
    int secs = demo_between(d, 8 * 3600, 20 * 3600);
    snprintf(out, 32, "%s %02d:%02d:%02d", ymd, secs / 3600, secs / 60 % 60, secs % 60);
}

void demo_insert_stay(demo *d, const stay *s)
{
    char in[16], out[16], room[16], conf[32];
    int tenant = strcmp(s->role, "tenant") == 0;
    demo_fmt_day(s->in, in);
    snprintf(room, sizeof room, "%u", s->room);
    demo_bind_int(d, ST_RESIDENCY, 1, s->person);
    demo_bind_int(d, ST_RESIDENCY, 2, s->building);
    demo_bind_text(d, ST_RESIDENCY, 3, room);
    demo_bind_text(d, ST_RESIDENCY, 4, s->role);
    demo_bind_text(d, ST_RESIDENCY, 5, in);
    demo_bind_text(d, ST_RESIDENCY, 7, channel_for(d, s->in, tenant));
    if (s->out >= 0) {
        demo_fmt_day(s->out, out);
        demo_bind_text(d, ST_RESIDENCY, 6, out);
        demo_bind_text(d, ST_RESIDENCY, 8, channel_for(d, s->out, 1));
        fmt_stamp(d, demo_between(d, s->in, s->out), conf);
    } else {
        demo_bind_text(d, ST_RESIDENCY, 6, NULL);
        demo_bind_text(d, ST_RESIDENCY, 8, NULL);
        fmt_stamp(d, confirmed_day(d, s->in), conf);
    }
    demo_bind_text(d, ST_RESIDENCY, 9, conf);
    demo_run(d, ST_RESIDENCY);
}

void demo_live(demo *d, const person *p, int building, unsigned room, const char *role, int in)
{
    stay s = {p->id, building, room, role, in > p->born ? in : p->born, -1};
    demo_insert_stay(d, &s);
}
