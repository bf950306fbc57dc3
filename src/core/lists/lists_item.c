/* lists_item.c — one list item: validating a form, creating, loading, updating it and
 * changing its status. Rules are stated in include/xiangli/lists.h; the schema
 * (003_lists.sql) enforces them too. */
#include "xiangli/date.h"
#include "xiangli/lists.h"
#include "core/lists/lists_tx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db/db_internal.h"
#include "core/db/party_sql.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#include "core/lists/lists_internal.h"

/* ---------- validation ---------- */

int xl_list_date_valid(const char *s)
{
    char out[11];
    return xl_date_read(s, out) == XL_DATE_OK;
}

enum { TEXT_LINE, TEXT_BLOCK };

/* Characters in s; -1 if s is not valid UTF-8; *bad set on a control character that the
 * mode does not allow (a line allows none, a block allows newline and tab). */
static long text_chars(const char *s, int mode, int *bad, int *blank)
{
    size_t n = strlen(s), i = 0;
    long chars = 0;
    *bad = 0;
    *blank = 1;
    while (i < n) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
            return -1;
        if ((cp < 0x20 || cp == 0x7F) && !(mode == TEXT_BLOCK && (cp == '\n' || cp == '\t')))
            *bad = 1;
        if (cp != ' ' && cp != '\t' && cp != '\n' && cp != 0x3000)
            *blank = 0;
        i += k;
        chars++;
    }
    return chars;
}

/* XL_EFAIL with "FIELD: reason": the field name stays the key the UI matches (ui_err_field);
 * the reason is in the UI language (messages.def). */
/* A kind in a refusal: its label in Chinese, its key ("problem") in English prose. */
const char *lists_kind_word(int k)
{
    return strcmp(xl_i18n_lang(), "en") == 0 ? lists_kind_keys[k] : xl_item_kind_label((xl_item_kind)k);
}

int xl_list_check_text(const char *field, const char *s, long max, int required, int multiline,
                       xl_err *err)
{
    int mode = multiline ? TEXT_BLOCK : TEXT_LINE;
    int bad, blank;
    long chars = text_chars(s ? s : "", mode, &bad, &blank);
    if (chars < 0)
        return xl_err_field(err, field, "%s", _(LIST_E_UTF8));
    if (required && blank)
        return xl_err_field(err, field, "%s", _(LIST_E_REQUIRED));
    if (chars > max)
        return xl_err_field(err, field, _(LIST_E_TOO_LONG_FMT), max, chars);
    if (bad)
        return xl_err_field(err, field, "%s", mode == TEXT_LINE ? _(LIST_E_ONE_LINE) : _(LIST_E_CONTROL));
    return XL_OK;
}

static int check_party(xl_db *db, const char *field, xl_party p, xl_err *err)
{
    if (p.kind != XL_PARTY_NONE && p.kind != XL_PARTY_PERSON && p.kind != XL_PARTY_ORG)
        return xl_err_field(err, field, "%s", _(E_PARTY_KIND));
    if (!xl_party_exists(db, p))
        return xl_err_field(err, field, "%s", p.kind == XL_PARTY_PERSON ? _(REG_E_NO_PERSON) : _(E_NO_ORG));
    return XL_OK;
}

static int check_not_office(xl_db *db, xl_party p, xl_err *err)
{
    return xl_party_is_office(db, p) ? xl_err_field(err, "owner", "%s", _(ITEM_E_OWNER_OFFICE)) : XL_OK;
}

static int check_buildings(xl_db *db, const int *b, size_t n, xl_err *err)
{
    if (n > XL_ITEM_MAX_BUILDINGS)
        return xl_err_field(err, "buildings", _(LIST_E_BUILDINGS_MANY_FMT), XL_ITEM_MAX_BUILDINGS);
    if (n && !b)
        return xl_err_field(err, "buildings", "%s", _(LIST_E_BUILDINGS));
    for (size_t i = 0; i < n; i++) {
        if (!xl_building_exists(db, b[i]))
            return xl_err_no_building(err, "buildings", b[i]);
        for (size_t j = 0; j < i; j++)
            if (b[j] == b[i])
                return xl_err_field(err, "buildings", _(E_BUILDING_TWICE_FMT), b[i]);
    }
    return XL_OK;
}

/* The form after defaults: what gets written. */
typedef struct item_norm {
    const char *detail;
    const char *category; /* key */
    char raised_at[11];
    const char *due;      /* NULL = none */
    char due_buf[11];
} item_norm;

static int check_raised_at(const xl_item_form *f, item_norm *v, xl_err *err)
{
    if (!f->raised_at || !*f->raised_at) {
        xl_today(v->raised_at);
        return XL_OK;
    }
    xl_date_status st = xl_date_read(f->raised_at, v->raised_at);
    if (st != XL_DATE_OK)
        return xl_err_field(err, "raised_at", _(DATE_E_VALUE_FMT), f->raised_at,
                            xl_date_problem(st));
    return XL_OK;
}

static int check_due(const xl_item_form *f, item_norm *v, xl_err *err)
{
    xl_date_status st = f->due && *f->due ? xl_date_read(f->due, v->due_buf) : XL_DATE_EMPTY;
    v->due = st == XL_DATE_OK ? v->due_buf : NULL;
    if (st != XL_DATE_OK && st != XL_DATE_EMPTY)
        return xl_err_field(err, "due", _(DATE_E_VALUE_FMT), f->due, xl_date_problem(st));
    if (!v->due && f->kind == XL_ITEM_ACTION)
        return xl_err_field(err, "due", "%s", _(LIST_E_DUE));
    if (v->due && strcmp(v->due, v->raised_at) < 0)
        return xl_err_field(err, "due", _(LIST_E_DUE_EARLY_FMT), v->due, v->raised_at);
    return XL_OK;
}

static int check_meeting_ref(xl_db *db, int64_t id, xl_err *err)
{
    if (id == 0)
        return XL_OK;
    int r = lists_row_exists(db, "SELECT 1 FROM meeting WHERE id = ?1", id);
    if (r < 0)
        return xl_db_fail(db, "source_meeting", err);
    return r ? XL_OK : xl_err_field(err, "source_meeting", _(MTG_E_NOT_FOUND_FMT), (long long)id);
}

static int check_category(const char *s, item_norm *v, xl_err *err)
{
    int c = xl_category_find(s);
    if (c < 0)
        return xl_err_field(err, "category", _(LIST_E_CATEGORY_FMT), s ? s : "");
    v->category = xl_category_key((size_t)c);
    return XL_OK;
}

/* Checks every field in form order; the first failure names its field. Reads only. */
static int check_form(xl_db *db, const xl_item_form *f, item_norm *v, xl_err *err)
{
    if ((unsigned)f->kind >= XL_ITEM_KIND_COUNT)
        return xl_err_field(err, "kind", "%s", _(LIST_E_KIND));
    v->detail = f->detail ? f->detail : "";
    if (xl_list_check_text("title", f->title, XL_ITEM_TITLE_MAX, 1, TEXT_LINE, err) ||
        xl_list_check_text("detail", v->detail, XL_ITEM_DETAIL_MAX, 0, TEXT_BLOCK, err) ||
        check_category(f->category, v, err) ||
        check_buildings(db, f->buildings, f->nbuildings, err) ||
        check_party(db, "raised_by", f->raised_by, err) ||
        check_raised_at(f, v, err) ||
        check_meeting_ref(db, f->source_meeting, err) ||
        check_party(db, "owner", f->owner, err) || check_not_office(db, f->owner, err))
        return XL_EFAIL;
    if (f->kind == XL_ITEM_ACTION && f->owner.kind == XL_PARTY_NONE)
        return xl_err_field(err, "owner", "%s", _(LIST_E_OWNER));
    return check_due(f, v, err);
}

/* ---------- writing items ---------- */

static const char insert_sql[] =
    "INSERT INTO list_item(kind, title, detail, category, raised_by_person, raised_by_org,"
    " raised_at, source_meeting_id, owner_person, owner_org, due, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";

static void bind_form(sqlite3_stmt *st, const xl_item_form *f, const item_norm *v)
{
    sqlite3_bind_text(st, 1, lists_kind_keys[f->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, v->detail, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, v->category, -1, SQLITE_TRANSIENT);
    xl_party_bind(st, 5, 6, f->raised_by);
    sqlite3_bind_text(st, 7, v->raised_at, -1, SQLITE_TRANSIENT);
    if (f->source_meeting)
        sqlite3_bind_int64(st, 8, f->source_meeting);
    else
        sqlite3_bind_null(st, 8);
    xl_party_bind(st, 9, 10, f->owner);
    xl_bind_text_or_null(st, 11, v->due);
}

static int write_buildings(xl_db *db, int64_t id, const int *b, size_t n, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, "DELETE FROM list_item_building WHERE item_id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    if (xl_db_step_done(db, st, "buildings", err))
        return XL_EFAIL;
    for (size_t i = 0; i < n; i++) {
        st = xl_db_prepare(db, "INSERT INTO list_item_building(item_id, building) VALUES (?1, ?2)", err);
        if (!st)
            return XL_EFAIL;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, b[i]);
        if (xl_db_step_done(db, st, "buildings", err))
            return XL_EFAIL;
    }
    return XL_OK;
}

int xl_list_item_insert_tx(xl_db *db, const xl_item_form *f, const char *stamp, int64_t *id,
                           xl_err *err)
{
    item_norm v;
    if (check_form(db, f, &v, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db, insert_sql, err);
    if (!st)
        return XL_EFAIL;
    char at[20];
    lists_stamp_or_now(stamp, at);
    bind_form(st, f, &v);
    sqlite3_bind_text(st, 12, at, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(db, st, "list item", err))
        return XL_EFAIL;
    *id = sqlite3_last_insert_rowid(xl_db_handle(db));
    return write_buildings(db, *id, f->buildings, f->nbuildings, err);
}

static void buildings_text(const int *b, size_t n, xl_buf *out)
{
    if (n == 0)
        xl_buf_puts(out, "community");
    for (size_t i = 0; i < n; i++)
        xl_buf_printf(out, "%s%d", i ? "," : "", b[i]);
}

/* The audit detail: at most ~1000 bytes, never splitting a character. */
static int audit_buf(xl_db *db, const char *action, const char *entity, int64_t id,
                     const xl_buf *b, xl_err *err)
{
    char idtext[24], detail[1001];
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    xl_strlcpy_utf8(detail, b->data ? b->data : "", sizeof detail);
    return xl_db_audit(db, action, entity, idtext, detail, err);
}

int lists_create_body(xl_db *db, void *p, xl_err *err)
{
    xl_lists_create_ctx *c = p;
    if (xl_list_item_insert_tx(db, c->f, NULL, &c->id, err))
        return XL_EFAIL;
    xl_list_item it;
    if (xl_list_item_load(db, c->id, &it, err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "%s '%s' category=%s buildings=", lists_kind_keys[it.kind], it.title, it.category);
    buildings_text(it.buildings, it.nbuildings, &b);
    if (it.owner.kind != XL_PARTY_NONE)
        xl_buf_printf(&b, " owner='%s'", it.owner_name);
    if (it.due[0])
        xl_buf_printf(&b, " due=%s", it.due);
    int rc = audit_buf(db, "list.create", "list_item", c->id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_list_item_create(xl_db *db, const xl_item_form *f, int64_t *id, xl_err *err)
{
    xl_lists_create_ctx c = {f, 0};
    int rc = xl_db_tx(db, lists_create_body, &c, err);
    if (id)
        *id = rc == XL_OK ? c.id : 0;
    return rc;
}

void xl_item_form_init(xl_item_form *f, xl_item_kind kind)
{
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->title = "";
    f->detail = "";
    f->category = xl_category_find("other") >= 0 ? "other" : xl_category_key(0);
}

void xl_item_form_from(xl_item_form *f, const xl_list_item *it)
{
    memset(f, 0, sizeof *f);
    f->kind = it->kind;
    f->title = it->title;
    f->detail = it->detail;
    f->category = it->category;
    f->buildings = it->buildings;
    f->nbuildings = it->nbuildings;
    f->raised_by = it->raised_by;
    f->raised_at = it->raised_at;
    f->source_meeting = it->source_meeting;
    f->owner = it->owner;
    f->due = it->due;
}

/* ---------- loading one item ---------- */

static const char load_sql[] =
    "SELECT i.kind, i.status, i.title, i.detail, i.category, i.raised_by_person, i.raised_by_org,"
    "       i.raised_at, i.source_meeting_id, coalesce(m.title, ''), i.owner_person, i.owner_org,"
    "       coalesce(i.due, ''), i.closing_note, coalesce(i.closed_at, ''), i.created_at,"
    "       i.updated_at, coalesce(rp.name, ro.name, ''), coalesce(op.name, oo.name, ''),"
    "       " XL_LISTS_OVERDUE_EXPR
    " FROM list_item i"
    " LEFT JOIN meeting m ON m.id = i.source_meeting_id"
    " LEFT JOIN person rp ON rp.id = i.raised_by_person"
    " LEFT JOIN organisation ro ON ro.id = i.raised_by_org"
    " LEFT JOIN person op ON op.id = i.owner_person"
    " LEFT JOIN organisation oo ON oo.id = i.owner_org"
    " WHERE i.id = ?1";

static void item_from_row(sqlite3_stmt *st, xl_list_item *it)
{
    it->kind = (xl_item_kind)lists_kind_of_key(xl_col_text(st, 0));
    it->status = (xl_item_status)lists_status_of_key(xl_col_text(st, 1));
    xl_col_copy(st, 2, it->title, sizeof it->title);
    xl_col_copy(st, 3, it->detail, sizeof it->detail);
    xl_col_copy(st, 4, it->category, sizeof it->category);
    it->raised_by = xl_party_from_cols(st, 5, 6);
    xl_col_copy(st, 7, it->raised_at, sizeof it->raised_at);
    it->source_meeting = sqlite3_column_int64(st, 8);
    xl_col_copy(st, 9, it->source_meeting_title, sizeof it->source_meeting_title);
    it->owner = xl_party_from_cols(st, 10, 11);
    xl_col_copy(st, 12, it->due, sizeof it->due);
    xl_col_copy(st, 13, it->closing_note, sizeof it->closing_note);
    xl_col_copy(st, 14, it->closed_at, sizeof it->closed_at);
    xl_col_copy(st, 15, it->created_at, sizeof it->created_at);
    xl_col_copy(st, 16, it->updated_at, sizeof it->updated_at);
    xl_col_copy(st, 17, it->raised_by_name, sizeof it->raised_by_name);
    xl_col_copy(st, 18, it->owner_name, sizeof it->owner_name);
    it->overdue = sqlite3_column_int(st, 19);
}

static int load_buildings(xl_db *db, xl_list_item *it, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT building FROM list_item_building WHERE item_id = ?1 ORDER BY building", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, it->id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && it->nbuildings < XL_ITEM_MAX_BUILDINGS)
        it->buildings[it->nbuildings++] = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "buildings", err);
}

int xl_list_item_load(xl_db *db, int64_t id, xl_list_item *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = xl_db_prepare(db, load_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    lists_bind_today(st);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = id;
        item_from_row(st, out);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_set(err, XL_ENOTFOUND, _(MTG_E_NO_ITEM_FMT), (long long)id);
    if (rc != SQLITE_ROW)
        return xl_db_fail(db, "list item", err);
    return load_buildings(db, out, err);
}

/* ---------- updating items ---------- */

static int has_ties(xl_db *db, int64_t id)
{
    return lists_row_exists(db,
        "SELECT 1 FROM list_link WHERE from_id = ?1 OR to_id = ?1"
        " UNION ALL SELECT 1 FROM agenda_action WHERE action_id = ?1", id);
}

static void diff_str(xl_buf *b, const char *field, const char *old, const char *now)
{
    if (strcmp(old, now) != 0)
        xl_buf_printf(b, "%s: '%s' -> '%s'; ", field, old, now);
}

static void diff_buildings(xl_buf *b, const xl_list_item *old, const xl_item_form *f)
{
    int same = old->nbuildings == f->nbuildings;
    for (size_t i = 0; same && i < f->nbuildings; i++) {
        int found = 0;
        for (size_t j = 0; j < old->nbuildings; j++)
            found |= old->buildings[j] == f->buildings[i];
        same = found;
    }
    if (same)
        return;
    xl_buf_puts(b, "buildings: ");
    buildings_text(old->buildings, old->nbuildings, b);
    xl_buf_puts(b, " -> ");
    buildings_text(f->buildings, f->nbuildings, b);
    xl_buf_puts(b, "; ");
}

static int same_party(xl_party a, xl_party b)
{
    return a.kind == b.kind && (a.kind == XL_PARTY_NONE || a.id == b.id);
}

static void diff_party(xl_db *db, xl_buf *b, const char *field, xl_party old, const char *old_name, xl_party now)
{
    if (same_party(old, now))
        return;
    char name[96];
    xl_party_name(db, now, name, sizeof name, NULL);
    xl_buf_printf(b, "%s: '%s' -> '%s'; ", field, old_name, name);
}

static void describe_changes(xl_db *db, const xl_list_item *old, const xl_item_form *f,
                             const item_norm *v, xl_buf *b)
{
    diff_str(b, "kind", lists_kind_keys[old->kind], lists_kind_keys[f->kind]);
    diff_str(b, "title", old->title, f->title);
    if (strcmp(old->detail, v->detail) != 0)
        xl_buf_puts(b, "detail changed; ");
    diff_str(b, "category", old->category, v->category);
    diff_buildings(b, old, f);
    diff_party(db, b, "raised_by", old->raised_by, old->raised_by_name, f->raised_by);
    diff_str(b, "raised_at", old->raised_at, v->raised_at);
    if (old->source_meeting != f->source_meeting)
        xl_buf_printf(b, "source_meeting: %lld -> %lld; ", (long long)old->source_meeting,
                      (long long)f->source_meeting);
    diff_party(db, b, "owner", old->owner, old->owner_name, f->owner);
    diff_str(b, "due", old->due, v->due ? v->due : "");
}

static const char update_sql[] =
    "UPDATE list_item SET kind = ?1, title = ?2, detail = ?3, category = ?4,"
    " raised_by_person = ?5, raised_by_org = ?6, raised_at = ?7, source_meeting_id = ?8,"
    " owner_person = ?9, owner_org = ?10, due = ?11, updated_at = ?12 WHERE id = ?13";

static int write_update(xl_db *db, int64_t id, const xl_item_form *f, const item_norm *v, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, update_sql, err);
    if (!st)
        return XL_EFAIL;
    char now[20];
    xl_now(now);
    bind_form(st, f, v);
    sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 13, id);
    if (xl_db_step_done(db, st, "list item", err))
        return XL_EFAIL;
    return write_buildings(db, id, f->buildings, f->nbuildings, err);
}

static int check_kind_change(xl_db *db, const xl_list_item *old, const xl_item_form *f, xl_err *err)
{
    if (old->kind == f->kind || (unsigned)f->kind >= XL_ITEM_KIND_COUNT)
        return XL_OK;
    int ties = has_ties(db, old->id);
    if (ties < 0)
        return xl_db_fail(db, "links", err);
    if (ties)
        return xl_err_field(err, "kind", _(LIST_E_KIND_TIED_FMT), lists_kind_word(old->kind));
    return XL_OK;
}

typedef struct update_ctx {
    int64_t id;
    const xl_item_form *f;
} update_ctx;

static int update_body(xl_db *db, void *p, xl_err *err)
{
    update_ctx *c = p;
    xl_list_item old;
    item_norm v;
    int rc = xl_list_item_load(db, c->id, &old, err);
    if (rc == XL_OK)
        rc = check_form(db, c->f, &v, err);
    if (rc == XL_OK)
        rc = check_kind_change(db, &old, c->f, err);
    if (rc != XL_OK)
        return rc;
    xl_buf b;
    xl_buf_init(&b);
    describe_changes(db, &old, c->f, &v, &b);
    if (b.len > 0) {
        b.data[b.len -= 2] = '\0'; /* the last "; " */
        rc = write_update(db, c->id, c->f, &v, err);
        if (rc == XL_OK)
            rc = audit_buf(db, "list.update", "list_item", c->id, &b, err);
    }
    xl_buf_release(&b);
    return rc;
}

int xl_list_item_update(xl_db *db, int64_t id, const xl_item_form *f, xl_err *err)
{
    update_ctx c = {id, f};
    return xl_db_tx(db, update_body, &c, err);
}

/* ---------- status ---------- */

static int check_status(const xl_list_item *it, xl_item_status st, const char *note, xl_err *err)
{
    if ((unsigned)st >= XL_ITEM_STATUS_COUNT)
        return xl_err_field(err, "status", "%s", _(LIST_E_STATUS));
    if (st == it->status)
        return xl_err_field(err, "status", _(LIST_E_STATUS_SAME_FMT), xl_item_status_label(st));
    if (st != XL_ITEM_DONE && st != XL_ITEM_DROPPED)
        return XL_OK;
    return xl_list_check_text("closing_note", note, XL_ITEM_NOTE_MAX, 1, TEXT_LINE, err);
}

int xl_list_item_status_tx(xl_db *db, int64_t id, xl_item_status st, const char *note,
                           const char *stamp, xl_err *err)
{
    xl_list_item it;
    int rc = xl_list_item_load(db, id, &it, err);
    if (rc != XL_OK)
        return rc;
    if (check_status(&it, st, note, err))
        return XL_EFAIL;
    int closing = st == XL_ITEM_DONE || st == XL_ITEM_DROPPED;
    sqlite3_stmt *q = xl_db_prepare(db,
        "UPDATE list_item SET status = ?1, closing_note = ?2, closed_at = ?3, updated_at = ?4"
        " WHERE id = ?5", err);
    if (!q)
        return XL_EFAIL;
    char at[20];
    lists_stamp_or_now(stamp, at);
    sqlite3_bind_text(q, 1, lists_status_keys[st], -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, closing ? note : "", -1, SQLITE_TRANSIENT);
    xl_bind_text_or_null(q, 3, closing ? at : NULL);
    sqlite3_bind_text(q, 4, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 5, id);
    return xl_db_step_done(db, q, "status", err);
}

typedef struct status_ctx {
    int64_t id;
    xl_item_status st;
    const char *note;
} status_ctx;

static int status_body(xl_db *db, void *p, xl_err *err)
{
    status_ctx *c = p;
    xl_list_item it;
    int rc = xl_list_item_load(db, c->id, &it, err);
    if (rc == XL_OK)
        rc = xl_list_item_status_tx(db, c->id, c->st, c->note, NULL, err);
    if (rc != XL_OK)
        return rc;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "status: %s -> %s", lists_status_keys[it.status], lists_status_keys[c->st]);
    if (c->note && *c->note)
        xl_buf_printf(&b, "; note: %s", c->note);
    rc = audit_buf(db, "list.status", "list_item", c->id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_list_item_set_status(xl_db *db, int64_t id, xl_item_status st, const char *note, xl_err *err)
{
    status_ctx c = {id, st, note};
    return xl_db_tx(db, status_body, &c, err);
}
