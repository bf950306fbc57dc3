/* import.c — a residents sheet into the register, all or nothing (rules in import.h).
 * Pass 1 reads and normalises every row and checks it with the sign-in form's rules;
 * pass 2 checks across rows and against the register and plans each row (new / move /
 * unchanged) — both with plain reads, no lock held; pass 3, only when nothing was refused,
 * writes the plan in one short transaction with statements prepared once. A commit by
 * another desk between planning and writing is caught by the writes themselves (unique ID
 * number, one open residency, the planned residency still open, the room's foreign key)
 * and, for rows without an ID number, by looking again: the import then stops and asks to
 * be run again, nothing written. */
#include "xiangli/import.h"
#include "core/register/register_tx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "core/db/search_sql.h"
#include "core/register/signin_form.h"
#include "xiangli/export.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"
#include "xiangli/model.h"
#include "xiangli/sheet.h"

/* PLAN_REPEAT: the same person and place as an earlier line; skipped. */
enum { PLAN_NEW, PLAN_MOVE, PLAN_UNCHANGED, PLAN_REPEAT, PLAN_REFUSED };

/* One row that passed the form's checks, normalised, and what to do with it. */
typedef struct plan_row {
    size_t line;
    int action;
    xl_clean_form f;
    char key[160]; /* who: the ID number, else name@building-room */
    int64_t pid, rid;   /* a move: who, and the residency it closes (0: none) */
    int from_building;
    char from_room[9];
    char *keys;         /* a new person's search keys (xl_search_keys), made before the lock */
} plan_row;

typedef struct importer {
    xl_db *db;
    xl_import_report *rep;
    xl_csv *csv;
    int col[XL_COL_COUNT];   /* field index of each column, -1 when absent */
    plan_row *rows;
    size_t nrows, cap;
    char today[11];          /* looked up once: every row's checks compare with it */
    xl_buf cells;            /* the row being checked, normalised (fields) */
} importer;

/* ---------- problems ---------- */

/* The column as written in the file's header ("" when the file has no such column). */
static const char *header_of(const importer *im, int col)
{
    if (col < 0 || im->col[col] < 0)
        return "";
    return im->csv->rows[0].fields[im->col[col]];
}

__attribute__((format(printf, 5, 6)))
static void problem(importer *im, size_t line, int col, int warning, const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    xl_csv_add_problem(im->csv, line, header_of(im, col), warning, "%s", reason);
}

static const char *role_label(int role) { return xl_role_label((xl_role)role); }

/* ---------- pass 1: read, normalise, check each row ---------- */

/* The sign-in form's field that a column feeds (XL_SF_COUNT: none). */
static const int field_column[XL_SF_COUNT] = {
    [XL_SF_NAME] = XL_COL_NAME, [XL_SF_GENDER] = XL_COL_GENDER,
    [XL_SF_ID_NUMBER] = XL_COL_ID_NUMBER, [XL_SF_PHONE] = XL_COL_PHONE,
    [XL_SF_PROVINCE] = XL_COL_PROVINCE, [XL_SF_WORKPLACE] = XL_COL_WORKPLACE,
    [XL_SF_BUILDING] = XL_COL_BUILDING, [XL_SF_ROOM] = XL_COL_ROOM, [XL_SF_ROLE] = XL_COL_ROLE,
    [XL_SF_MOVED_IN] = XL_COL_MOVED_IN, [XL_SF_CHANNEL] = -1,
};

/* Our export neutralises a cell starting with = + - @ (or tab, CR) with an apostrophe. */
static void unneutralise(char *s)
{
    if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
        memmove(s, s + 1, strlen(s));
}

/* The normalised text of every column of a row, in place in cells (one buffer reused for
 * every row; "" when absent): v[c] points into it until the next row. */
static void fields(const importer *im, const xl_csv_row *row, xl_buf *cells, char *v[XL_COL_COUNT])
{
    static const char *const building_words[] = {"号楼", "号", "栋", "幢", NULL};
    static const char *const room_words[] = {"室", "房", "号", NULL};
    size_t at[XL_COL_COUNT];
    cells->len = 0;
    for (int c = 0; c < XL_COL_COUNT; c++) {
        int f = im->col[c];
        const char *src = f >= 0 && (size_t)f < row->nfields ? row->fields[f] : "";
        at[c] = cells->len;
        xl_buf_put(cells, src, strlen(src) + 1); /* with its NUL */
    }
    for (int c = 0; c < XL_COL_COUNT; c++) {
        char *s = v[c] = cells->data + at[c]; /* every step below only shortens s */
        if (c == XL_COL_ID_NUMBER || c == XL_COL_PHONE || c == XL_COL_BUILDING || c == XL_COL_ROOM)
            xl_csv_normalize_digits(s);
        else
            xl_csv_trim(s);
        unneutralise(s);
        if (c == XL_COL_BUILDING)
            xl_cut_suffix(s, building_words);
        if (c == XL_COL_ROOM)
            xl_cut_suffix(s, room_words);
    }
}

/* The move-in date as YYYY-MM-DD in out ("" = today); 0 and a problem when unreadable. */
static int moved_in(importer *im, size_t line, const char *raw, char out[11])
{
    out[0] = '\0';
    if (!raw[0])
        return 1;
    char digits[64];
    xl_strlcpy_utf8(digits, raw, sizeof digits);
    xl_csv_normalize_digits(digits);
    xl_date_status st = xl_date_read_stamp(digits, out);
    if (st == XL_DATE_OK)
        return 1;
    out[0] = '\0';
    problem(im, line, XL_COL_MOVED_IN, 0, _(DATE_E_VALUE_FMT), raw, xl_date_problem(st));
    return 0;
}

/* A row that passed: who it is (for repeats), and into the plan. */
static void plan_add(importer *im, plan_row *p)
{
    if (p->f.id[0])
        snprintf(p->key, sizeof p->key, "%s", p->f.id);
    else
        snprintf(p->key, sizeof p->key, "~%s@%d-%s", p->f.name, p->f.building, p->f.room);
    if (im->nrows == im->cap) {
        im->cap = im->cap ? im->cap * 2 : 256;
        im->rows = xl_reallocarray(im->rows, im->cap, sizeof *im->rows);
    }
    im->rows[im->nrows++] = *p;
}

/* Checks one row with the form's rules; a good one is added to the plan. */
static void check_row(importer *im, const xl_csv_row *row)
{
    char *v[XL_COL_COUNT], date[11];
    fields(im, row, &im->cells, v);
    int date_ok = moved_in(im, row->line, v[XL_COL_MOVED_IN], date);
    xl_signin_form form = {
        .name = v[XL_COL_NAME], .gender = v[XL_COL_GENDER], .id_number = v[XL_COL_ID_NUMBER],
        .phone = v[XL_COL_PHONE], .province = v[XL_COL_PROVINCE], .workplace = v[XL_COL_WORKPLACE],
        .building = v[XL_COL_BUILDING], .room = v[XL_COL_ROOM],
        .role = im->col[XL_COL_ROLE] < 0 ? "tenant" : v[XL_COL_ROLE], .moved_in = date,
        .channel = "desk",
    };
    plan_row p = {.line = row->line, .action = PLAN_NEW};
    xl_field_errors fe;
    if (xl_signin_clean_on(im->db, &form, im->today, &p.f, &fe) != XL_OK) {
        for (size_t i = 0; i < fe.n; i++)
            problem(im, row->line, field_column[fe.e[i].field], 0, "%s", fe.e[i].msg);
    } else if (date_ok) {
        char warn[256];
        xl_id_region_warning(p.f.id, warn, sizeof warn);
        if (warn[0])
            problem(im, row->line, XL_COL_ID_NUMBER, 1, "%s", warn);
        plan_add(im, &p);
    }
}

/* Our own --history export: its rows include people who moved out, so it must not be
 * read back as who lives where. */
static int has_history_column(const importer *im)
{
    const xl_csv_row *h = &im->csv->rows[0];
    for (size_t i = 0; i < h->nfields; i++) {
        char name[64];
        xl_strlcpy_utf8(name, h->fields[i], sizeof name);
        xl_csv_trim(name);
        if (strcmp(name, XL_EXPORT_MOVED_OUT_HEADER) == 0 ||
            strcmp(name, XL_EXPORT_MOVED_OUT_HEADER_OLD) == 0 || strcmp(name, "moved_out") == 0)
            return 1;
    }
    return 0;
}

/* Header: unknown columns (warnings), repeated ones and the required ones (errors). */
static int check_header(importer *im)
{
    static const int required[] = {XL_COL_NAME, XL_COL_BUILDING, XL_COL_ROOM};
    size_t line = im->csv->rows[0].line;
    int ok = xl_csv_header_map(im->csv, im->col) == XL_OK;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (im->col[required[i]] >= 0)
            continue;
        problem(im, line, -1, 0, _(IMP_MISSING_COL_FMT), xl_csv_column_label(required[i]),
                xl_csv_column_name(required[i]));
        ok = 0;
    }
    if (im->col[XL_COL_ROLE] < 0)
        problem(im, line, -1, 1, "%s", _(IMP_NO_ROLE_COL));
    if (has_history_column(im)) {
        problem(im, line, -1, 0, "%s", _(IMP_HISTORY_COL));
        ok = 0;
    }
    if (im->csv->nrows < 2)
        problem(im, line, -1, 0, "%s", _(IMP_NO_ROWS));
    return ok;
}

/* ---------- pass 2: across rows, and against the register ---------- */

/* By who (ID number, else name and place), then line. */
static int by_key_then_line(const void *a, const void *b)
{
    const plan_row *x = *(plan_row *const *)a, *y = *(plan_row *const *)b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int same_place(const xl_clean_form *a, const xl_clean_form *b)
{
    return a->building == b->building && strcmp(a->room, b->room) == 0 && a->role == b->role;
}

/* r repeats first (the same ID number; without one, the same name in the same room):
 * skipped when it says the same place and role, else refused. */
static void repeated(importer *im, const plan_row *first, plan_row *r)
{
    int col = r->f.id[0] ? XL_COL_ID_NUMBER : XL_COL_NAME;
    if (same_place(&first->f, &r->f)) {
        problem(im, r->line, col, 1, _(IMP_DUP_SAME_FMT), first->line);
        r->action = PLAN_REPEAT;
        return;
    }
    problem(im, r->line, col, 0, _(IMP_DUP_OTHER_FMT), first->line, first->f.building,
            first->f.room, role_label(first->f.role), r->f.building, r->f.room,
            role_label(r->f.role));
    r->action = PLAN_REFUSED;
}

/* The same person on two lines of the file. */
static void check_duplicates(importer *im)
{
    plan_row **by = xl_calloc(im->nrows + 1, sizeof *by);
    for (size_t i = 0; i < im->nrows; i++)
        by[i] = &im->rows[i];
    xl_qsort(by, im->nrows, sizeof *by, by_key_then_line);
    for (size_t i = 1; i < im->nrows; i++) {
        if (strcmp(by[i - 1]->key, by[i]->key) != 0)
            continue;
        repeated(im, by[i - 1], by[i]);
        by[i] = by[i - 1]; /* later repeats compare with the first row */
    }
    free(by);
}

/* A registered ID number: unchanged, a move, or refused. */
static int plan_existing(importer *im, plan_row *r, const xl_existing *ex)
{
    if (strcmp(ex->name, r->f.name) != 0)
        problem(im, r->line, XL_COL_NAME, 1, _(IMP_NAME_KEPT_FMT), ex->name);
    r->pid = ex->person_id;
    r->rid = ex->residency_id;
    r->from_building = ex->building;
    xl_strlcpy_utf8(r->from_room, ex->room, sizeof r->from_room);
    int here = ex->residency_id && ex->building == r->f.building && strcmp(ex->room, r->f.room) == 0;
    if (here && xl_role_parse(ex->role) == r->f.role)
        return PLAN_UNCHANGED;
    if (here) {
        problem(im, r->line, XL_COL_ROLE, 0, _(IMP_ROLE_CHANGE_FMT), ex->building, ex->room,
                role_label(xl_role_parse(ex->role)), role_label(r->f.role));
        return PLAN_REFUSED;
    }
    if (ex->residency_id && strcmp(r->f.moved_in, ex->moved_in) < 0) {
        problem(im, r->line, XL_COL_MOVED_IN, 0, _(IMP_MOVE_BEFORE_FMT), r->f.moved_in,
                ex->building, ex->room, ex->moved_in);
        return PLAN_REFUSED;
    }
    return PLAN_MOVE;
}

/* Without an ID number: the current resident of that room with that name, if any. */
static int plan_unnumbered(importer *im, plan_row *r, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(im->db,
        "SELECT r.role FROM residency r JOIN person p ON p.id = r.person_id"
        " WHERE r.building = ?1 AND r.room = ?2 AND r.moved_out IS NULL AND p.name = ?3"
        " ORDER BY r.id LIMIT 1", err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, r->f.building);
    sqlite3_bind_text(st, 2, r->f.room, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, r->f.name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st), action = PLAN_NEW;
    if (rc == SQLITE_ROW) {
        int role = xl_role_parse(xl_col_text(st, 0));
        action = role == r->f.role ? PLAN_UNCHANGED : PLAN_REFUSED;
        if (action == PLAN_REFUSED)
            problem(im, r->line, XL_COL_ROLE, 0, _(IMP_ROLE_CHANGE_FMT), r->f.building, r->f.room,
                    role_label(role), role_label(r->f.role));
    } else if (rc != SQLITE_DONE) {
        xl_db_fail(im->db, "import", err);
        action = -1;
    }
    sqlite3_finalize(st);
    return action;
}

static int plan_row_action(importer *im, plan_row *r, xl_err *err)
{
    if (!r->f.id[0])
        return plan_unnumbered(im, r, err);
    xl_existing ex;
    int rc = xl_signin_find_existing(im->db, r->f.id, &ex, err);
    if (rc == XL_ENOTFOUND)
        return PLAN_NEW;
    return rc == XL_OK ? plan_existing(im, r, &ex) : -1;
}

static int plan_all(importer *im, xl_err *err)
{
    check_duplicates(im);
    for (size_t i = 0; i < im->nrows; i++) {
        plan_row *r = &im->rows[i];
        if (r->action != PLAN_NEW)
            continue;
        int action = plan_row_action(im, r, err);
        if (action < 0)
            return XL_EFAIL;
        r->action = action;
    }
    xl_err_clear(err);
    return XL_OK;
}

/* A new person's search keys (r->keys), made once. */
static void row_keys(plan_row *r, xl_buf *b)
{
    if (r->keys)
        return;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    xl_search_keys(r->f.name, b);
    r->keys = xl_strdup(b->data ? b->data : "");
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(plan_row *const *)a)->f.name, (*(plan_row *const *)b)->f.name);
}

/* The search keys of every new person, computed here so the transaction only stores them
 * (not for a dry run, which stores nothing). In name order, so a name that comes again
 * (a community has many 张伟) is spelled once. */
static void make_keys(importer *im)
{
    if (im->rep->dry_run)
        return;
    plan_row **by = xl_calloc(im->nrows + 1, sizeof *by);
    size_t n = 0;
    for (size_t i = 0; i < im->nrows; i++)
        if (im->rows[i].action == PLAN_NEW)
            by[n++] = &im->rows[i];
    xl_qsort(by, n, sizeof *by, by_name);
    xl_buf b;
    xl_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(by[i - 1]->f.name, by[i]->f.name) == 0)
            by[i]->keys = xl_strdup(by[i - 1]->keys);
        else
            row_keys(by[i], &b);
    }
    xl_buf_release(&b);
    free(by);
}

static void rows_free(importer *im)
{
    xl_buf_release(&im->cells);
    for (size_t i = 0; i < im->nrows; i++)
        free(im->rows[i].keys);
    free(im->rows);
}

static void count_plan(importer *im)
{
    xl_import_report *rep = im->rep;
    rep->new_people = rep->moves = rep->unchanged = 0;
    for (size_t i = 0; i < im->nrows; i++) {
        int a = im->rows[i].action;
        rep->new_people += a == PLAN_NEW;
        rep->moves += a == PLAN_MOVE;
        rep->unchanged += a == PLAN_UNCHANGED || a == PLAN_REPEAT;
    }
}

/* ---------- pass 3: one transaction ---------- */

enum { W_PERSON, W_RESIDENCY, W_CLOSE, W_CONTACT, W_COUNT };

static const char *const write_sql[W_COUNT] = {
    [W_PERSON] = "INSERT INTO person(name, gender, id_number, phone, province, workplace, created_at, pinyin)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [W_RESIDENCY] = "INSERT INTO residency(person_id, building, room, role, moved_in, channel_in, confirmed_at)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [W_CLOSE] = "UPDATE residency SET moved_out = ?2, channel_out = ?3 WHERE id = ?1 AND moved_out IS NULL",
    [W_CONTACT] = "UPDATE person SET gender = coalesce(?2, gender), phone = coalesce(?3, phone),"
                  " province = coalesce(?4, province), workplace = coalesce(?5, workplace),"
                  " id_number = coalesce(id_number, ?6) WHERE id = ?1",
};

/* The write statements, prepared once for the whole plan (with the triggers they fire). */
typedef struct writer {
    importer *im;
    sqlite3_stmt *st[W_COUNT];
    char now[20];
    int64_t first_pid, last_pid; /* the new people, indexed for search in one statement */
} writer;

static int writer_open(writer *w, importer *im, xl_err *err)
{
    memset(w, 0, sizeof *w);
    w->im = im;
    xl_now(w->now);
    for (int k = 0; k < W_COUNT; k++)
        if (!(w->st[k] = xl_db_prepare(im->db, write_sql[k], err)))
            return XL_EFAIL;
    return XL_OK;
}

static void writer_close(writer *w)
{
    for (int k = 0; k < W_COUNT; k++)
        sqlite3_finalize(w->st[k]);
}

static void bind_t(sqlite3_stmt *st, int i, const char *s) { sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC); }

/* Runs statement k once. A constraint refused, or a residency no longer open: another desk
 * changed the register since the plan was made. */
static int w_step(writer *w, int k, xl_err *err)
{
    sqlite3_stmt *st = w->st[k];
    int rc = sqlite3_step(st), ok = rc == SQLITE_DONE;
    if (ok && k == W_CLOSE && sqlite3_changes(xl_db_handle(w->im->db)) != 1)
        ok = 0, rc = SQLITE_CONSTRAINT;
    if (!ok && (rc == SQLITE_CONSTRAINT || rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_FOREIGNKEY))
        xl_err_set(err, XL_EFAIL, "%s", _(IMP_E_CHANGED));
    else if (!ok)
        xl_db_fail(w->im->db, "import", err);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return ok ? XL_OK : XL_EFAIL;
}

static int w_residency(writer *w, const plan_row *r, int64_t pid, xl_err *err)
{
    sqlite3_stmt *st = w->st[W_RESIDENCY];
    sqlite3_bind_int64(st, 1, pid);
    sqlite3_bind_int(st, 2, r->f.building);
    bind_t(st, 3, r->f.room);
    bind_t(st, 4, xl_role_key((xl_role)r->f.role));
    bind_t(st, 5, r->f.moved_in);
    bind_t(st, 6, xl_channel_key((xl_channel)r->f.channel));
    bind_t(st, 7, w->now);
    return w_step(w, W_RESIDENCY, err);
}

static int w_audit(writer *w, const char *action, int64_t pid, const char *detail, xl_err *err)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)pid);
    return xl_db_audit(w->im->db, action, "person", id, detail, err);
}

static int w_new(writer *w, plan_row *r, xl_err *err)
{
    if (!r->keys) { /* a move found new at the commit (another desk's change) */
        xl_buf b;
        xl_buf_init(&b);
        row_keys(r, &b);
        xl_buf_release(&b);
    }
    sqlite3_stmt *st = w->st[W_PERSON];
    bind_t(st, 1, r->f.name);
    bind_t(st, 2, r->f.gender);
    xl_bind_text_or_null(st, 3, r->f.id);
    xl_bind_text_or_null(st, 4, r->f.phone);
    bind_t(st, 5, r->f.province);
    bind_t(st, 6, r->f.workplace);
    bind_t(st, 7, w->now);
    bind_t(st, 8, r->keys);
    xl_search_keys_remember(r->f.name, r->keys); /* the insert's triggers ask for them */
    if (w_step(w, W_PERSON, err))
        return XL_EFAIL;
    int64_t pid = sqlite3_last_insert_rowid(xl_db_handle(w->im->db));
    if (!w->first_pid)
        w->first_pid = pid;
    w->last_pid = pid;
    char detail[256];
    xl_signin_detail(&r->f, detail, sizeof detail);
    if (w_residency(w, r, pid, err))
        return XL_EFAIL;
    return w_audit(w, "resident.signin", pid, detail, err);
}

/* A registered person moves: the planned home closed, contact details added, the new home. */
static int w_move(writer *w, const plan_row *r, xl_err *err)
{
    sqlite3_stmt *c = w->st[W_CLOSE], *u = w->st[W_CONTACT];
    if (r->rid) {
        sqlite3_bind_int64(c, 1, r->rid);
        bind_t(c, 2, r->f.moved_in);
        bind_t(c, 3, xl_channel_key((xl_channel)r->f.channel));
        if (w_step(w, W_CLOSE, err))
            return XL_EFAIL;
    }
    sqlite3_bind_int64(u, 1, r->pid);
    xl_bind_text_or_null(u, 2, r->f.gender);
    xl_bind_text_or_null(u, 3, r->f.phone);
    xl_bind_text_or_null(u, 4, r->f.province);
    xl_bind_text_or_null(u, 5, r->f.workplace);
    xl_bind_text_or_null(u, 6, r->f.id);
    if (w_step(w, W_CONTACT, err) || w_residency(w, r, r->pid, err))
        return XL_EFAIL;
    char detail[320], to[256], from[24] = "-";
    xl_signin_detail(&r->f, to, sizeof to);
    if (r->rid)
        snprintf(from, sizeof from, "%d-%s", r->from_building, r->from_room);
    snprintf(detail, sizeof detail, "from=%s %s", from, to);
    return w_audit(w, "resident.move", r->pid, detail, err);
}

/* A row without an ID number planned as new is still nobody in that room (another desk may
 * have signed the same name in meanwhile). */
static int still_new(importer *im, plan_row *r, xl_err *err)
{
    if (r->f.id[0] || r->action != PLAN_NEW)
        return XL_OK;
    int action = plan_unnumbered(im, r, err);
    if (action == PLAN_NEW)
        return XL_OK;
    return action < 0 ? XL_EFAIL : xl_err_set(err, XL_EFAIL, "%s", _(IMP_E_CHANGED));
}

static int commit_row(writer *w, plan_row *r, int recheck, xl_err *err)
{
    int rc = recheck ? still_new(w->im, r, err) : XL_OK;
    if (rc == XL_OK)
        rc = r->action == PLAN_NEW ? w_new(w, r, err) : w_move(w, r, err);
    if (rc != XL_OK)
        problem(w->im, r->line, -1, 0, _(IMP_COMMIT_FMT), err->msg);
    return rc;
}

typedef struct write_ctx {
    importer *im;
    const char *path;
    int data_version; /* at planning; another value inside the transaction: look again */
} write_ctx;

static int summary_audit(importer *im, const char *path, xl_err *err)
{
    const xl_import_report *rep = im->rep;
    xl_buf detail;
    xl_buf_init(&detail);
    xl_buf_printf(&detail, "file=%s rows=%zu new=%zu moves=%zu unchanged=%zu", path, rep->rows,
                  rep->new_people, rep->moves, rep->unchanged);
    int rc = xl_db_audit(im->db, "import.residents", "import", NULL, detail.data, err);
    xl_buf_release(&detail);
    return rc;
}

/* The new people into the search index, in one statement. */
static int index_new(writer *w, xl_err *err)
{
    if (!w->first_pid)
        return XL_OK;
    return xl_search_index_people(w->im->db, w->first_pid, w->last_pid, err);
}

/* Every new person and move, then the summary: the body of the one transaction. */
static int write_body(xl_db *db, void *ctx, xl_err *err)
{
    write_ctx *c = ctx;
    int recheck = c->data_version != xl_db_data_version(db);
    writer w;
    int rc = writer_open(&w, c->im, err);
    xl_db_defer_search_index(db, 1);
    for (size_t i = 0; rc == XL_OK && i < c->im->nrows; i++) {
        plan_row *r = &c->im->rows[i];
        if (r->action == PLAN_NEW || r->action == PLAN_MOVE)
            rc = commit_row(&w, r, recheck, err);
    }
    xl_db_defer_search_index(db, 0);
    if (rc == XL_OK)
        rc = index_new(&w, err);
    writer_close(&w);
    return rc == XL_OK ? summary_audit(c->im, c->path, err) : rc;
}

/* Every insert of the import fires triggers, so SQLite keeps a statement journal of each
 * page it changes. With temp_store=MEMORY (the connection's setting) that journal grows in
 * 1 KiB pieces: five allocations per page, freed again at each statement's end, a fifth of
 * the writing. With FILE it is one 120 KiB piece in memory (SQLITE_CONFIG_STMTJRNL_SPILL,
 * db.c) that no row's statement outgrows. Switched only for the import's transaction, and
 * only while no temporary table or trigger exists: changing temp_store drops them. */
static int journal_in_one_piece(xl_db *db)
{
    if (!xl_db_big_stmt_journal())
        return 0;
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT 1 FROM temp.sqlite_schema LIMIT 1", NULL);
    int none = st && sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return none && xl_db_exec(db, "PRAGMA temp_store=FILE", NULL) == XL_OK;
}

static int write_plan(importer *im, const char *path, int data_version, xl_err *err)
{
    write_ctx w = {im, path, data_version};
    int switched = journal_in_one_piece(im->db);
    int rc = xl_db_tx(im->db, write_body, &w, err);
    if (switched)
        xl_db_exec(im->db, "PRAGMA temp_store=MEMORY", NULL);
    if (rc)
        return XL_EFAIL;
    im->rep->written = 1;
    return XL_OK;
}

/* ---------- the whole ---------- */

static void report_sync(xl_import_report *rep)
{
    rep->problems = rep->csv.problems;
    rep->nproblems = rep->csv.nproblems;
    rep->nerrors = rep->csv.nerrors;
    size_t all = rep->csv.nerrors;
    for (size_t i = 0; i < rep->csv.nproblems; i++)
        all += rep->csv.problems[i].warning;
    rep->unlisted = all > rep->nproblems ? all - rep->nproblems : 0;
}

/* err: the first error formatted, and how many more. */
static int refused(const xl_import_report *rep, xl_err *err)
{
    char msg[512] = "";
    for (size_t i = 0; i < rep->nproblems && !msg[0]; i++)
        if (!rep->problems[i].warning)
            xl_import_problem_format(rep, i, msg, sizeof msg);
    if (rep->nerrors > 1)
        return xl_err_set(err, XL_EFAIL, _(CSV_AND_MORE_FMT), msg, rep->nerrors - 1);
    return xl_err_set(err, XL_EFAIL, "%s", msg);
}

static int known_header(const char *h)
{
    return xl_csv_header_column(h) >= 0;
}

/* The file through the one sheet interface (CSV, .xlsx or .xls: its first sheet), the
 * header row found under any title rows. */
static void read_sheet(importer *im, const char *path)
{
    xl_sheet s;
    xl_sheet_init(&s);
    s.t.limits = im->csv->limits;
    if (xl_sheet_load(path, &s, NULL) == XL_OK || s.t.nrows > 0)
        xl_sheet_use_header(&s, known_header, 2, NULL);
    xl_sheet_take(&s, im->csv);
}

enum { PROGRESS_EVERY = 64 };

/* The caller's progress callback, every PROGRESS_EVERY rows; 1 when it says stop. */
static int stopped(importer *im, size_t done, size_t total)
{
    xl_import_report *rep = im->rep;
    if (!rep->progress || (done % PROGRESS_EVERY != 0 && done != total))
        return 0;
    rep->cancelled = rep->progress((int)done, (int)total, rep->progress_ctx) != 0;
    return rep->cancelled;
}

/* Checks and plans the rows of im->csv (header at row 0). */
static int check_and_plan(importer *im, xl_err *err)
{
    xl_import_report *rep = im->rep;
    if (im->csv->nrows == 0 || !check_header(im))
        return XL_EFAIL;
    for (size_t i = 1; i < im->csv->nrows; i++) {
        if (stopped(im, i - 1, im->csv->nrows - 1))
            return XL_EFAIL;
        check_row(im, &im->csv->rows[i]);
    }
    if (stopped(im, im->csv->nrows - 1, im->csv->nrows - 1))
        return XL_EFAIL;
    rep->rows = im->csv->nrows - 1;
    if (plan_all(im, err))
        return XL_EFAIL;
    count_plan(im);
    make_keys(im);
    return im->csv->nerrors > 0 ? XL_EFAIL : XL_OK;
}

static int run(importer *im, const char *path, xl_err *err)
{
    xl_import_report *rep = im->rep;
    read_sheet(im, path);
    /* Checked and planned in one read transaction: one snapshot, and no read lock taken and
     * dropped for each of the rows' look-ups. */
    int in_read = xl_db_exec(im->db, "BEGIN", NULL) == XL_OK;
    int version = xl_db_data_version(im->db);
    int rc = check_and_plan(im, err);
    if (in_read)
        xl_db_exec(im->db, "COMMIT", NULL);
    if (rc)
        return XL_EFAIL;
    if (rep->dry_run || rep->new_people + rep->moves == 0)
        return XL_OK;
    return write_plan(im, path, version, err);
}

int xl_import_residents_in_tx(xl_db *db, const char *path, xl_csv *sheet, xl_import_report *rep,
                              xl_err *err)
{
    xl_import_report_release(rep);
    xl_csv_release(&rep->csv);
    rep->csv = *sheet;
    xl_csv_init(sheet);
    importer im = {.db = db, .rep = rep, .csv = &rep->csv};
    xl_today(im.today);
    xl_err dberr;
    xl_err_clear(&dberr);
    int rc = check_and_plan(&im, &dberr);
    if (rc == XL_OK && rep->new_people + rep->moves > 0) {
        write_ctx w = {&im, path, xl_db_data_version(db)};
        rc = write_body(db, &w, &dberr);
        rep->written = rc == XL_OK;
    }
    rows_free(&im);
    report_sync(rep);
    if (rc == XL_OK)
        return XL_OK;
    if (rep->cancelled)
        return xl_err_set(err, XL_EFAIL, "%s", _(IMPORT_CANCELLED));
    if (rep->nerrors == 0 && dberr.msg[0])
        return xl_err_set(err, XL_EFAIL, "%s", dberr.msg);
    return refused(rep, err);
}

int xl_import_residents(xl_db *db, const char *path, int dry_run, xl_import_report *rep,
                        xl_err *err)
{
    xl_import_report_release(rep);
    rep->dry_run = dry_run;
    if (!path || !*path)
        return xl_err_set(err, XL_EUSAGE, "%s", _(FIO_E_NOPATH));
    importer im = {.db = db, .rep = rep, .csv = &rep->csv};
    xl_today(im.today);
    xl_err dberr;
    xl_err_clear(&dberr);
    int rc = run(&im, path, &dberr);
    rows_free(&im);
    report_sync(rep);
    if (rc == XL_OK)
        return XL_OK;
    if (rep->cancelled)
        return xl_err_set(err, XL_EFAIL, "%s", _(IMPORT_CANCELLED));
    if (rep->nerrors == 0 && dberr.msg[0])
        return xl_err_set(err, XL_EFAIL, "%s", dberr.msg);
    return refused(rep, err);
}

void xl_import_report_init(xl_import_report *rep)
{
    memset(rep, 0, sizeof *rep);
    xl_csv_init(&rep->csv);
}

void xl_import_report_release(xl_import_report *rep)
{
    xl_csv_release(&rep->csv); /* leaves it empty, its limits kept */
    xl_csv empty = rep->csv;
    int (*progress)(int, int, void *) = rep->progress;
    void *ctx = rep->progress_ctx;
    memset(rep, 0, sizeof *rep);
    rep->csv = empty;
    rep->progress = progress;
    rep->progress_ctx = ctx;
}

void xl_import_problem_format(const xl_import_report *rep, size_t i, char *out, size_t size)
{
    if (i >= rep->nproblems) {
        if (size)
            out[0] = '\0';
        return;
    }
    xl_csv_format_problem(&rep->csv, &rep->problems[i], out, size);
}
