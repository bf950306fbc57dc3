/* lists_demo_chains.c — the demo's chains of list items (problem → demand → empowerment →
 * actions) raised at a meeting, and their statuses as of 2026-11-01. */
#include "demo/lists_demo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/date.h"

/* ---------- chains of list items ---------- */

static const char *const done_notes[] = {"已完成", "已完成，回访住户满意", "按期完成，第一责任人确认", "已办结"};
static const char *const dropped_notes[] = {"与其他行动合并", "情况变化，不再需要"};

static int64_t add_item(ld *d, const chain_ctx *c, xl_item_kind kind, const char *tpl, const char *detail,
                        const char *cat, xl_party owner, int due_day)
{
    if (d->rc)
        return 0;
    char title[256], due[11] = "";
    snprintf(title, sizeof title, tpl, c->building);
    if (due_day)
        ld_fmt_day(due_day, due);
    xl_item_form f;
    xl_item_form_init(&f, kind);
    f.title = title;
    f.detail = detail;
    f.category = cat;
    f.buildings = c->building ? &c->building : NULL;
    f.nbuildings = c->building ? 1 : 0;
    f.raised_by = kind == XL_ITEM_EMPOWERMENT ? owner : c->raised_by;
    f.raised_at = c->day;
    f.source_meeting = c->m->id;
    f.owner = owner;
    f.due = due;
    int64_t id = 0;
    if (xl_list_item_insert_tx(d->db, &f, c->stamp, &id, d->err) != XL_OK)
        d->rc = XL_EFAIL;
    return id;
}

static void link(ld *d, int64_t from, int64_t to, const char *stamp)
{
    if (!d->rc && from && to && xl_list_link_tx(d->db, from, to, stamp, d->err) != XL_OK)
        d->rc = XL_EFAIL;
}

static void set_status(ld *d, int64_t id, xl_item_status st, const char *note, int day)
{
    char stamp[20];
    ld_fmt_time(day, 17 * 60, 0, stamp);
    if (!d->rc && xl_list_item_status_tx(d->db, id, st, note, stamp, d->err) != XL_OK)
        d->rc = XL_EFAIL;
}

/* An action's status as of 2026-11-01 from its due date; returns it and closes it if due. */
static xl_item_status action_fate(ld *d, int64_t id, int raised, int due)
{
    int r = (int)xl_rng_below(&d->rng, 1000);
    xl_item_status st;
    if (due < d->ref - 30)
        st = r < 800 ? XL_ITEM_DONE : r < 850 ? XL_ITEM_DROPPED : r < 950 ? XL_ITEM_IN_PROGRESS : XL_ITEM_OPEN;
    else if (due < d->ref)
        st = r < 400 ? XL_ITEM_DONE : r < 750 ? XL_ITEM_IN_PROGRESS : XL_ITEM_OPEN;
    else
        st = r < 150 ? XL_ITEM_DONE : r < 600 ? XL_ITEM_IN_PROGRESS : XL_ITEM_OPEN;
    int last = due < d->ref ? due : d->ref - 1;
    int when = raised + 1 < last ? ld_between(d, raised + 1, last) : raised;
    if (st == XL_ITEM_DONE)
        set_status(d, id, st, ld_pick_str(d, done_notes, COUNT(done_notes)), when);
    else if (st == XL_ITEM_DROPPED)
        set_status(d, id, st, ld_pick_str(d, dropped_notes, COUNT(dropped_notes)), when);
    else if (st == XL_ITEM_IN_PROGRESS)
        set_status(d, id, st, NULL, raised + 1 < last ? raised + 1 : raised);
    return st;
}

typedef struct fates {
    int done, dropped, busy, open;
    int last_day;
} fates;

/* A parent's status follows its actions: all closed with one done → done; any started →
 * in progress; else open. */
static void roll_up(ld *d, int64_t id, const fates *f, int raised)
{
    if (!id)
        return;
    int n = f->done + f->dropped + f->busy + f->open;
    if (n && f->busy + f->open == 0 && f->done)
        set_status(d, id, XL_ITEM_DONE, "相关行动均已完成，回访确认已解决", f->last_day);
    else if (n && f->busy + f->open == 0)
        set_status(d, id, XL_ITEM_DROPPED, "相关行动已撤销", f->last_day);
    else if (f->busy + f->done)
        set_status(d, id, XL_ITEM_IN_PROGRESS, NULL, raised + 1);
}

static xl_party owner_of(ld *d, const chain_ctx *c, int owner)
{
    if (owner == RESP)
        return c->resp ? xl_party_person(c->resp) : xl_party_org(d->org[O_STREET]);
    return xl_party_org(d->org[owner]);
}

static void chain_actions(ld *d, const chain_ctx *c, const chain_tpl *t, int64_t from, int64_t agenda,
                          fates *f)
{
    int raised = c->m->day;
    for (int i = 0; i < 3 && t->act[i].title && !d->rc; i++) {
        int due = raised + ld_between(d, 14, 150);
        int64_t a = add_item(d, c, XL_ITEM_ACTION, t->act[i].title, t->decision, t->cat,
                             owner_of(d, c, t->act[i].owner), due);
        link(d, from, a, c->stamp);
        sqlite3_stmt *st = ld_stmt(d, LS_AACTION);
        sqlite3_bind_int64(st, 1, agenda);
        sqlite3_bind_int64(st, 2, a);
        ld_run_insert(d, st, "agenda action");
        xl_item_status s = action_fate(d, a, raised, due);
        f->done += s == XL_ITEM_DONE;
        f->dropped += s == XL_ITEM_DROPPED;
        f->busy += s == XL_ITEM_IN_PROGRESS;
        f->open += s == XL_ITEM_OPEN;
        if (s == XL_ITEM_DONE || s == XL_ITEM_DROPPED)
            f->last_day = due < d->ref ? due : d->ref - 1;
    }
}

/* A problem raised at meeting m, on its agenda at pos, and the chain that answers it. Recent
 * problems (the last ten weeks) often have no answer yet. */
void ld_emit_chain(ld *d, const chain_ctx *c, const chain_tpl *t, int pos)
{
    int64_t p = add_item(d, c, XL_ITEM_PROBLEM, t->problem, t->detail, t->cat, xl_party_none(), 0);
    int64_t agenda = ld_add_agenda(d, c->m, pos, p, NULL, ld_between(d, 3, 4) * 5, t->note, t->decision);
    if (c->m->day >= d->ref - 70 && ld_chance(d, 500))
        return;
    int64_t dm = t->demand ? add_item(d, c, XL_ITEM_DEMAND, t->demand, "", t->cat, xl_party_none(), 0) : 0;
    link(d, p, dm, c->stamp);
    int64_t e = 0;
    if (t->empower) {
        e = add_item(d, c, XL_ITEM_EMPOWERMENT, t->empower, "", t->cat, xl_party_org(d->org[t->empower_org]), 0);
        link(d, dm, e, c->stamp);
    }
    fates f = {0, 0, 0, 0, c->m->day};
    chain_actions(d, c, t, e ? e : dm ? dm : p, agenda, &f);
    roll_up(d, e, &f, c->m->day);
    roll_up(d, dm, &f, c->m->day);
    roll_up(d, p, &f, c->m->day);
}

void ld_chain_init(ld *d, const mplan *m, int building, int64_t resp, chain_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    c->building = building;
    c->resp = resp;
    ld_fmt_day(m->day, c->day);
    ld_fmt_time(m->day, m->minute + 90, 0, c->stamp);
    c->raised_by = d->nres ? xl_party_person(d->res[xl_rng_below(&d->rng, (unsigned)d->nres)].person)
                 : resp   ? xl_party_person(resp)
                          : xl_party_none();
}
