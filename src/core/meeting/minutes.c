/* minutes.c — a meeting's minutes (rendered as Markdown, exported to a file) and the
 * buildings that have had no roundtable lately. Rules in include/xiangli/meeting.h. */
#include "xiangli/meeting.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "core/db/party_sql.h"
#include "xiangli/building.h"
#include "xiangli/date.h"
#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#include "core/meeting/meeting_internal.h"

/* ---------- minutes ---------- */

static int english(void) { return strcmp(xl_i18n_lang(), "en") == 0; }
static const char *colon(void) { return english() ? ": " : "："; }
static const char *lparen(void) { return english() ? " (" : "（"; }
static const char *rparen(void) { return english() ? ")" : "）"; }

static void md_field(xl_buf *b, xl_msg label, const char *value)
{
    if (value && *value)
        xl_buf_printf(b, "- %s%s%s\n", xl_tr(label), colon(), value);
}

static void md_head(xl_buf *b, const xl_meeting *m)
{
    char where[64] = "";
    xl_buf_printf(b, "# %s\n\n", m->title);
    md_field(b, XL_MSG_MTG_F_KIND, xl_meeting_kind_label(m->kind));
    md_field(b, XL_MSG_MTG_F_TIME, m->starts_at);
    md_field(b, XL_MSG_MTG_F_PLACE, m->place);
    if (m->building)
        snprintf(where, sizeof where, _(BUILDING_FMT), m->building);
    md_field(b, XL_MSG_BUILDING, where);
    where[0] = '\0';
    if (m->pioneer_group)
        snprintf(where, sizeof where, _(STAT_GROUP_FMT), m->pioneer_group);
    md_field(b, XL_MSG_MTG_MIN_PIONEER, where);
    md_field(b, XL_MSG_MTG_COL_HOST, m->host_name);
    md_field(b, XL_MSG_MTG_MIN_CLOSED, m->closed_at);
}

static void md_attendance(xl_buf *b, const xl_meeting *m)
{
    xl_buf_puts(b, "\n## ");
    xl_buf_printf(b, _(MTG_MIN_ATTENDANCE_FMT), m->counts.total);
    xl_buf_puts(b, "\n\n");
    int first = 1;
    for (int r = 0; r < XL_ATTEND_ROLE_COUNT; r++) {
        if (!m->counts.by_role[r])
            continue;
        xl_buf_printf(b, "%s%s %d", first ? "" : " · ", xl_attend_role_label((xl_attend_role)r),
                      m->counts.by_role[r]);
        first = 0;
    }
    xl_buf_puts(b, first ? _(NONE) : "");
    xl_buf_puts(b, "\n\n");
    for (size_t i = 0; i < m->nattendees; i++)
        xl_buf_printf(b, "- %s%s%s%s\n", m->attendees[i].name, lparen(),
                      xl_attend_role_label(m->attendees[i].role), rparen());
}

static void md_text(xl_buf *b, xl_msg label, const char *text)
{
    xl_buf_printf(b, "**%s%s**", xl_tr(label), colon());
    if (text && *text)
        xl_buf_printf(b, "%s%s\n\n", strchr(text, '\n') ? "\n\n" : "", text);
    else
        xl_buf_printf(b, "%s\n\n", _(NONE));
}

static void md_entry(xl_buf *b, const xl_agenda_entry *e)
{
    xl_buf_printf(b, "\n### %d. %s%s", e->position, e->title, lparen());
    if (e->list_item)
        xl_buf_printf(b, "%s #%lld · ", xl_item_kind_label((xl_item_kind)e->item_kind), (long long)e->list_item);
    else
        xl_buf_printf(b, "%s · ", _(MTG_MIN_FREE_ITEM));
    xl_buf_printf(b, _(MTG_MIN_MINUTES_FMT), e->minutes);
    xl_buf_printf(b, "%s\n\n", rparen());
    md_text(b, XL_MSG_MTG_MIN_NOTES, e->notes);
    md_text(b, XL_MSG_MTG_MIN_DECISION, e->decision);
    if (!e->nactions)
        return;
    xl_buf_printf(b, "**%s%s**\n\n", _(MTG_MIN_ACTIONS), colon());
    for (size_t i = 0; i < e->nactions; i++) {
        const xl_agenda_action *a = &e->actions[i];
        xl_buf_printf(b, "- #%lld %s — %s%s%s%s%s%s%s\n", (long long)a->id, a->title, _(LIST_COL_OWNER),
                      colon(), a->owner_name, english() ? ", " : "，", _(LIST_COL_DUE), colon(), a->due);
    }
}

int xl_meeting_minutes_render(xl_db *db, int64_t meeting, xl_buf *out, xl_err *err)
{
    xl_meeting m;
    int rc = xl_meeting_load(db, meeting, &m, err);
    if (rc != XL_OK)
        return rc;
    md_head(out, &m);
    md_attendance(out, &m);
    xl_buf_printf(out, "\n## %s\n", _(MTG_MIN_AGENDA));
    if (!m.nagenda)
        xl_buf_printf(out, "\n%s\n", _(NONE));
    for (size_t i = 0; i < m.nagenda; i++)
        md_entry(out, &m.agenda[i]);
    xl_meeting_release(&m);
    return XL_OK;
}

/* The minutes name residents: written 0600 through the one safe writer (fileio.h). */
static int write_file(const char *path, const char *text, xl_err *err)
{
    return xl_file_write(path, text, strlen(text), 0600, err);
}

int xl_meeting_export_minutes(xl_db *db, int64_t meeting, const char *path, xl_err *err)
{
    if (!path || !*path)
        return xl_err_set(err, XL_EUSAGE, "%s", _(MTG_E_NO_PATH));
    xl_meeting m;
    int rc = xl_meeting_load(db, meeting, &m, err);
    if (rc != XL_OK)
        return rc;
    if (m.status != XL_MEETING_CLOSED)
        rc = xl_err_field(err, "status", "%s", _(MTG_E_NOT_CLOSED_MINUTES));
    else
        rc = write_file(path, m.minutes, err);
    xl_meeting_release(&m);
    return rc;
}

void xl_meeting_minutes_filename(const xl_meeting *m, char *out, size_t size)
{
    char date[11];
    xl_strlcpy_utf8(date, m->starts_at, sizeof date);
    snprintf(out, size, "minutes-%s-%lld.md", date, (long long)m->id);
}

/* ---------- buildings without a roundtable ---------- */

/* The date of each building's last closed roundtable is kept in building_tally
 * (012_place_tally.sql), which has a row for every building (its triggers add and remove
 * them with the building; test_tally checks it): one pass over it, no join. Only the days
 * since are worked out here. */
static const char ages_sql[] =
    "SELECT building, last_roundtable FROM building_tally ORDER BY building";

static void age_from_row(sqlite3_stmt *st, int period, int today, xl_roundtable_age *a)
{
    memset(a, 0, sizeof *a);
    a->building = sqlite3_column_int(st, 0);
    xl_col_copy(st, 1, a->last, sizeof a->last);
    int day;
    a->days = a->last[0] && xl_date_parse(a->last, &day) == 0 ? today - day : -1;
    a->stale = a->days < 0 || a->days > period;
}

int xl_roundtable_ages(xl_db *db, int period_days, int stale_only, xl_roundtable_age **out,
                       size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    int period = period_days > 0 ? period_days : XL_ROUNDTABLE_STALE_DAYS;
    sqlite3_stmt *st = xl_db_prepare(db, ages_sql, err);
    if (!st)
        return XL_EFAIL;
    char today[11];
    xl_today(today);
    int today_days = 0;
    (void)xl_date_parse(today, &today_days);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        xl_roundtable_age a;
        age_from_row(st, period, today_days, &a);
        if (stale_only && !a.stale)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = xl_reallocarray(*out, cap, sizeof **out);
        }
        (*out)[(*n)++] = a;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return XL_OK;
    free(*out);
    *out = NULL;
    *n = 0;
    return xl_db_fail(db, "roundtables", err);
}
