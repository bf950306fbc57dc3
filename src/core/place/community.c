/* community.c — the community import's reading and driving (rules in community.h): the
 * header tables, each sheet read and its header found outside the transaction, then every
 * row applied in one transaction (rolled back for a dry run or any refusal). */
#include "xiangli/community.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "community_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

/* ------------------------------------------------------------------ kinds and headers */

static const char *const kind_words[] = {
#define XL_CK_WORD(id, word, sheet) word,
    XL_CKINDS(XL_CK_WORD)
#undef XL_CK_WORD
};
static const xl_msg kind_sheets[] = {
#define XL_CK_SHEET(id, word, sheet) XL_MSG_##sheet,
    XL_CKINDS(XL_CK_SHEET)
#undef XL_CK_SHEET
};
/* The workbook is the office's, in Chinese whatever the UI language. */
#define SHEET_LANG "zh"

/* The people sheet was called 住户 before the office's words settled on 人员: workbooks filled
 * in from an older template still carry that name, and are read the same. */
#define OLD_RESIDENTS_SHEET "住户"

const char *xl_ckind_word(int kind)
{
    return kind >= 0 && kind < XL_CK_COUNT ? kind_words[kind] : "?";
}

const char *xl_ckind_sheet(int kind)
{
    return kind >= 0 && kind < XL_CK_COUNT ? xl_tr_in(kind_sheets[kind], SHEET_LANG) : "?";
}

int xl_ckind_parse(const char *word)
{
    for (int k = 0; k < XL_CK_COUNT; k++)
        if (strcmp(word, kind_words[k]) == 0 || strcmp(word, xl_ckind_sheet(k)) == 0)
            return k;
    if (strcmp(word, OLD_RESIDENTS_SHEET) == 0)
        return XL_CK_RESIDENTS;
    if (strcmp(word, "organizations") == 0 || strcmp(word, "orgs") == 0)
        return XL_CK_ORGS;
    return -1;
}

/* Per kind: each column's header (a message: the template writes its Chinese, the same words
 * as the desk's form) and the other headers accepted, '|'-separated, after normalising (no
 * blanks, no '_' '-' '*', lower case, a "(…)" note cut); the last is the English name. */
typedef struct ci_head {
    xl_msg head;
    const char *also;
} ci_head;

static const ci_head heads_buildings[XL_B_COUNT] = {
    [XL_B_NUMBER] = {XL_MSG_BUILDING, "楼栋号|楼号|building|number|buildingno"},
    [XL_B_LANE] = {XL_MSG_LANE, "弄号|lane"},
    [XL_B_ADDRESS] = {XL_MSG_CF_ADDRESS, "地址|address"},
    [XL_B_FLOORS] = {XL_MSG_FLOORS, "楼层数|floors"},
    [XL_B_OWNER] = {XL_MSG_ROLE_OWNER, "业主姓名|owner|ownername"},
    [XL_B_OWNER_PHONE] = {XL_MSG_TPL_H_OWNER_PHONE, "业主手机号|ownerphone"},
    [XL_B_OWNER_ID] = {XL_MSG_TPL_H_OWNER_ID, "ownerid|owneridnumber"},
    [XL_B_RESP] = {XL_MSG_RESPONSIBLE, "责任人|responsible"},
    [XL_B_RESP_ROLE] = {XL_MSG_TPL_H_RESP_ROLE, "responsiblerole"},
    [XL_B_RESP_PHONE] = {XL_MSG_TPL_H_RESP_PHONE, "责任人手机号|responsiblephone"},
    [XL_B_GROUP] = {XL_MSG_PIONEER_GROUP, "pioneergroup|group"},
    [XL_B_GRID] = {XL_MSG_MICRO_GRID, "网格|grid|microgrid"},
    [XL_B_GRID_LEADER] = {XL_MSG_GRID_LEADER, "gridleader"},
    [XL_B_MAP_ROW] = {XL_MSG_TPL_H_MAP_ROW, "maprow"},
    [XL_B_MAP_COL] = {XL_MSG_TPL_H_MAP_COL, "mapcol"},
};
static const ci_head heads_rooms[XL_R_COUNT] = {
    [XL_R_BUILDING] = {XL_MSG_BUILDING, "楼栋号|楼号|building"},
    [XL_R_ROOM] = {XL_MSG_ROOM, "房间号|房号|room"},
    [XL_R_DECLARED] = {XL_MSG_DECLARED, "declaredheadcount|headcount|declared"},
    [XL_R_USE] = {XL_MSG_CF_USE, "use"},
    [XL_R_FLOOR] = {XL_MSG_CF_FLOOR, "floor"},
};
static const ci_head heads_orgs[XL_O_COUNT] = {
    [XL_O_NAME] = {XL_MSG_CF_ORG_NAME, "组织名称|单位名称|name"},
    [XL_O_KIND] = {XL_MSG_CF_ORG_KIND, "类型|kind"},
    [XL_O_CONTACT] = {XL_MSG_CF_CONTACT, "联系人|联系电话|contact"},
};
static const ci_head heads_party[XL_P_COUNT] = {
    [XL_P_NAME] = {XL_MSG_NAME, "name"},
    [XL_P_ID] = {XL_MSG_ID_NUMBER, "证件号码|idnumber|id"},
    [XL_P_BUILDING] = {XL_MSG_BUILDING, "楼栋号|楼号|building"},
    [XL_P_ROOM] = {XL_MSG_ROOM, "房间号|房号|room"},
    [XL_P_BRANCH] = {XL_MSG_CF_BRANCH, "党小组|所属党组织|微网格党小组|branch"},
};
static const ci_head heads_teams[XL_T_COUNT] = {
    [XL_T_GROUP] = {XL_MSG_PIONEER_GROUP, "组别|pioneergroup|group"},
    [XL_T_MEMBER] = {XL_MSG_CF_MEMBER, "姓名|名称|member|name"},
    [XL_T_ID] = {XL_MSG_ID_NUMBER, "idnumber"},
    [XL_T_LEADER] = {XL_MSG_CF_LEADER, "是否组长|leader"},
};

static const struct {
    const ci_head *heads;
    int n;
    int required[3]; /* -1 ends */
} tables[XL_CK_COUNT] = {
    [XL_CK_BUILDINGS] = {heads_buildings, XL_B_COUNT, {XL_B_NUMBER, -1, -1}},
    [XL_CK_ROOMS] = {heads_rooms, XL_R_COUNT, {XL_R_BUILDING, XL_R_ROOM, -1}},
    [XL_CK_ORGS] = {heads_orgs, XL_O_COUNT, {XL_O_NAME, -1, -1}},
    [XL_CK_PARTY] = {heads_party, XL_P_COUNT, {XL_P_NAME, -1, -1}},
    [XL_CK_TEAMS] = {heads_teams, XL_T_COUNT, {XL_T_GROUP, XL_T_MEMBER, -1}},
};

int xl_ckind_columns(int kind)
{
    return kind >= 0 && kind < XL_CK_COUNT && kind != XL_CK_RESIDENTS ? tables[kind].n : 0;
}

static void head_norm(const char *in, char *out, size_t size)
{
    char tmp[128];
    xl_strlcpy_utf8(tmp, in ? in : "", sizeof tmp);
    xl_csv_normalize_digits(tmp);
    char *note = strstr(tmp, "（");
    if (!note)
        note = strchr(tmp, '(');
    if (note && note > tmp)
        *note = '\0';
    size_t w = 0;
    for (size_t i = 0; tmp[i] && w + 1 < size; i++) {
        char c = tmp[i];
        if (c == ' ' || c == '_' || c == '-' || c == '*' || c == '.')
            continue;
        out[w++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[w] = '\0';
}

/* The column of kind that header names, or -1. */
static int head_column(int kind, const char *header)
{
    char h[128];
    head_norm(header, h, sizeof h);
    if (!h[0] || kind == XL_CK_RESIDENTS)
        return -1;
    for (int c = 0; c < tables[kind].n; c++) {
        const char *p = tables[kind].heads[c].also;
        size_t n = strlen(h);
        if (strcmp(h, xl_tr_in(tables[kind].heads[c].head, SHEET_LANG)) == 0)
            return c;
        for (const char *q = p; q; q = strchr(q, '|'), q = q ? q + 1 : NULL)
            if (strncmp(q, h, n) == 0 && (q[n] == '|' || q[n] == '\0'))
                return c;
    }
    return -1;
}

static int known_kind;
static int known(const char *header)
{
    return head_column(known_kind, header) >= 0;
}

static int known_resident(const char *header)
{
    return xl_csv_header_column(header) >= 0;
}

/* The template's header of a column. */
void ci_head_label(int kind, int c, char *out, size_t size)
{
    snprintf(out, size, "%s", xl_tr_in(tables[kind].heads[c].head, SHEET_LANG));
}

/* ------------------------------------------------------------------ report */

void xl_cimport_report_init(xl_cimport_report *rep)
{
    memset(rep, 0, sizeof *rep);
    for (int k = 0; k < XL_CK_COUNT; k++)
        xl_sheet_init(&rep->sheet[k]);
    xl_import_report_init(&rep->residents);
}

void xl_cimport_report_release(xl_cimport_report *rep)
{
    for (int k = 0; k < XL_CK_COUNT; k++) {
        xl_sheet_release(&rep->sheet[k]);
        free(rep->count[k].added_lines);
        free(rep->count[k].changed_lines);
    }
    xl_import_report_release(&rep->residents);
    xl_cimport_report_init(rep);
}

size_t xl_cimport_problem_count(const xl_cimport_report *rep)
{
    size_t n = 0;
    for (int k = 0; k < XL_CK_COUNT; k++)
        n += k == XL_CK_RESIDENTS ? rep->residents.nproblems : rep->sheet[k].t.nproblems;
    return n;
}

void xl_cimport_problem_format(const xl_cimport_report *rep, size_t i, char *out, size_t size)
{
    for (int k = 0; k < XL_CK_COUNT; k++) {
        size_t n = k == XL_CK_RESIDENTS ? rep->residents.nproblems : rep->sheet[k].t.nproblems;
        if (i >= n) {
            i -= n;
        } else if (k == XL_CK_RESIDENTS) {
            xl_import_problem_format(&rep->residents, i, out, size);
            return;
        } else {
            xl_csv_format_problem(&rep->sheet[k].t, &rep->sheet[k].t.problems[i], out, size);
            return;
        }
    }
    if (size)
        out[0] = '\0';
}

static void count_row(xl_ccount *c, int what, size_t line)
{
    size_t **lines = what == ROW_ADDED ? &c->added_lines : &c->changed_lines;
    size_t *n = what == ROW_ADDED ? &c->added : &c->changed;
    if (what == ROW_UNCHANGED) {
        c->unchanged++;
        return;
    }
    *lines = xl_reallocarray(*lines, *n + 1, sizeof **lines);
    (*lines)[(*n)++] = line;
}

/* ------------------------------------------------------------------ cells, problems */

void ci_cell(const ci_run *r, const xl_csv_row *row, int k, int digits, char *out, size_t size)
{
    int f = k >= 0 && k < CI_MAXCOL ? r->col[k] : -1;
    xl_strlcpy_utf8(out, f >= 0 && (size_t)f < row->nfields ? row->fields[f] : "", size);
    if (digits)
        xl_csv_normalize_digits(out);
    else
        xl_csv_trim(out);
}

int ci_problem(ci_run *r, const xl_csv_row *row, int k, const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    int f = k >= 0 && k < CI_MAXCOL ? r->col[k] : -1;
    const char *col = f >= 0 ? r->t->rows[0].fields[f] : "";
    xl_csv_add_problem(r->t, row->line, col, 0, "%s", reason);
    return ROW_REFUSED;
}

int ci_audit(ci_run *r, const char *what, const char *entity, const char *id, xl_err *err)
{
    char action[64], detail[600];
    snprintf(action, sizeof action, "community.%s.%s", entity, what);
    if (r->path)
        snprintf(detail, sizeof detail, "file=%s", r->path);
    else
        snprintf(detail, sizeof detail, "desk");
    return xl_db_audit(r->db, action, entity, id, detail, err);
}

/* ------------------------------------------------------------------ reading */

/* The header: known columns mapped, unknown ones warned, the required ones checked. */
static int map_header(ci_run *r)
{
    xl_csv *t = r->t;
    const xl_csv_row *h = &t->rows[0];
    for (int c = 0; c < CI_MAXCOL; c++)
        r->col[c] = -1;
    for (size_t f = 0; f < h->nfields; f++) {
        int c = head_column(r->kind, h->fields[f]);
        if (c < 0 && h->fields[f][0])
            xl_csv_add_problem(t, h->line, h->fields[f], 1, "%s", _(CSV_W_UNKNOWN));
        else if (c >= 0 && r->col[c] < 0)
            r->col[c] = (int)f;
    }
    int ok = 1;
    for (int i = 0; i < 3 && tables[r->kind].required[i] >= 0; i++) {
        int c = tables[r->kind].required[i];
        char label[64];
        ci_head_label(r->kind, c, label, sizeof label);
        if (r->col[c] < 0) {
            xl_csv_add_problem(t, h->line, NULL, 0, _(IMP_MISSING_COL_FMT), label,
                               strrchr(tables[r->kind].heads[c].also, '|') ? strrchr(tables[r->kind].heads[c].also, '|') + 1
                                                                          : tables[r->kind].heads[c].also);
            ok = 0;
        }
    }
    return ok;
}

/* Reads sheet i of book as kind into rep->sheet[kind], its header found. */
static int read_kind(xl_book *b, size_t i, int kind, xl_cimport_report *rep)
{
    xl_sheet *s = &rep->sheet[kind];
    rep->count[kind].present = 1;
    xl_err err;
    if (xl_book_read(b, i, s, &err) != XL_OK && s->t.nrows == 0)
        return XL_EFAIL;
    char example[64];
    if (kind == XL_CK_RESIDENTS)
        return xl_sheet_use_header(s, known_resident, 2, "姓名");
    known_kind = kind;
    ci_head_label(kind, tables[kind].required[0], example, sizeof example);
    return xl_sheet_use_header(s, known, 1, example);
}

/* Which sheets to read: every known sheet of a workbook, or one kind (its named sheet, else
 * the first). */
static int read_all(xl_book *b, int kind, xl_cimport_report *rep, xl_err *err)
{
    int found = 0, rc = XL_OK;
    for (int k = 0; k < XL_CK_COUNT; k++) {
        if (kind >= 0 && k != kind)
            continue;
        int i = xl_book_find(b, xl_ckind_sheet(k));
        if (i < 0 && k == XL_CK_RESIDENTS)
            i = xl_book_find(b, OLD_RESIDENTS_SHEET);
        if (i < 0 && kind >= 0)
            i = 0;
        if (i < 0)
            continue;
        found++;
        if (read_kind(b, (size_t)i, k, rep) != XL_OK)
            rc = XL_EFAIL;
    }
    if (!found)
        return xl_err_set(err, XL_EFAIL, "%s", _(CI_E_NO_SHEETS));
    return rc;
}

/* ------------------------------------------------------------------ applying */

typedef int (*apply_fn)(ci_run *r, const xl_csv_row *row, xl_err *err);
static const apply_fn appliers[XL_CK_COUNT] = {
    [XL_CK_BUILDINGS] = ci_apply_building, [XL_CK_ROOMS] = ci_apply_room,
    [XL_CK_ORGS] = ci_apply_org, [XL_CK_PARTY] = ci_apply_party, [XL_CK_TEAMS] = ci_apply_team,
};

static int apply_residents(ci_run *r, xl_err *err)
{
    xl_cimport_report *rep = r->rep;
    xl_csv *t = &rep->sheet[XL_CK_RESIDENTS].t;
    int rc = xl_import_residents_in_tx(r->db, r->path, t, &rep->residents, err);
    xl_ccount *c = &rep->count[XL_CK_RESIDENTS];
    c->rows = rep->residents.rows;
    c->added = rep->residents.new_people;
    c->changed = rep->residents.moves;
    c->unchanged = rep->residents.unchanged;
    if (rc != XL_OK && rep->residents.nerrors == 0)
        return -1;
    return rc == XL_OK ? XL_OK : XL_EFAIL;
}

/* One sheet's rows. XL_OK; XL_EFAIL when rows were refused; -1 on a database error. */
static int apply_kind(ci_run *r, int kind, xl_err *err)
{
    r->kind = kind;
    if (kind == XL_CK_RESIDENTS)
        return apply_residents(r, err);
    r->t = &r->rep->sheet[kind].t;
    if (r->t->nrows == 0 || !map_header(r))
        return XL_EFAIL;
    xl_ccount *c = &r->rep->count[kind];
    int refused = 0;
    for (size_t i = 1; i < r->t->nrows; i++) {
        int what = appliers[kind](r, &r->t->rows[i], err);
        if (what == ROW_DBERR)
            return -1;
        c->rows++;
        if (what == ROW_REFUSED)
            refused = 1;
        else
            count_row(c, what, r->t->rows[i].line);
    }
    if (kind == XL_CK_BUILDINGS && !refused && ci_layout(r->db, err))
        return -1;
    return refused ? XL_EFAIL : XL_OK;
}

#define CI_ROLLBACK 100 /* the body's way of asking for a rollback that is not a failure */

static int summary_audit(ci_run *r, xl_err *err)
{
    xl_buf d;
    xl_buf_init(&d);
    xl_buf_printf(&d, "file=%s", r->path);
    for (int k = 0; k < XL_CK_COUNT; k++) {
        const xl_ccount *c = &r->rep->count[k];
        if (c->present)
            xl_buf_printf(&d, " %s=%zu/%zu/%zu", kind_words[k], c->added, c->changed, c->unchanged);
    }
    int rc = xl_db_audit(r->db, "import.community", "import", NULL, d.data, err);
    xl_buf_release(&d);
    return rc;
}

static int changes(const xl_cimport_report *rep)
{
    size_t n = 0;
    for (int k = 0; k < XL_CK_COUNT; k++)
        n += rep->count[k].added + rep->count[k].changed;
    return n > 0;
}

static int tx_body(xl_db *db, void *ctx, xl_err *err)
{
    (void)db;
    ci_run *r = ctx;
    int refused = 0;
    for (int k = 0; k < XL_CK_COUNT; k++) {
        if (!r->rep->count[k].present)
            continue;
        int rc = apply_kind(r, k, err);
        if (rc < 0)
            return XL_EFAIL;
        refused |= rc != XL_OK;
    }
    if (refused || r->rep->dry_run || !changes(r->rep))
        return xl_err_set(err, CI_ROLLBACK, "rollback");
    return summary_audit(r, err);
}

static void sum_errors(xl_cimport_report *rep)
{
    rep->nerrors = rep->residents.nerrors;
    for (int k = 0; k < XL_CK_COUNT; k++)
        if (k != XL_CK_RESIDENTS)
            rep->nerrors += rep->sheet[k].t.nerrors;
    /* a residents sheet that never reached the importer keeps its problems in its sheet */
    if (rep->residents.nproblems == 0 && rep->sheet[XL_CK_RESIDENTS].t.nerrors) {
        xl_sheet_take(&rep->sheet[XL_CK_RESIDENTS], &rep->residents.csv);
        rep->residents.problems = rep->residents.csv.problems;
        rep->residents.nproblems = rep->residents.csv.nproblems;
        rep->residents.nerrors = rep->residents.csv.nerrors;
        rep->nerrors += rep->residents.nerrors;
    }
}

static int refused_msg(const xl_cimport_report *rep, xl_err *err)
{
    char msg[512] = "";
    size_t n = xl_cimport_problem_count(rep);
    for (size_t i = 0; i < n && !msg[0]; i++) {
        xl_cimport_problem_format(rep, i, msg, sizeof msg);
        if (strstr(msg, _(CSV_WARNING)))
            msg[0] = '\0';
    }
    if (rep->nerrors > 1)
        return xl_err_set(err, XL_EFAIL, _(CSV_AND_MORE_FMT), msg, rep->nerrors - 1);
    if (!msg[0])
        return xl_err_set(err, XL_EFAIL, _(IMP_REJECTED_FMT), rep->nerrors);
    return xl_err_set(err, XL_EFAIL, "%s", msg);
}

static int run(ci_run *r, int kind, xl_err *err)
{
    xl_book *b;
    if (xl_book_open(&b, r->path, err) != XL_OK)
        return XL_EFAIL;
    int rc = read_all(b, kind, r->rep, err);
    xl_book_close(b);
    if (rc != XL_OK) {
        sum_errors(r->rep);
        if (xl_cimport_problem_count(r->rep) == 0)
            return err->msg[0] ? XL_EFAIL : xl_err_set(err, XL_EFAIL, "%s", _(CI_E_NO_SHEETS));
        return refused_msg(r->rep, err);
    }
    xl_err txerr;
    xl_err_clear(&txerr);
    rc = xl_db_tx(r->db, tx_body, r, &txerr);
    sum_errors(r->rep);
    if (rc == XL_OK) {
        r->rep->written = 1;
        return XL_OK;
    }
    if (r->rep->nerrors)
        return refused_msg(r->rep, err);
    if (rc == CI_ROLLBACK)
        return XL_OK;
    return xl_err_set(err, XL_EFAIL, "%s", txerr.msg);
}

int xl_community_import(xl_db *db, const char *path, int kind, int dry_run,
                        xl_cimport_report *rep, xl_err *err)
{
    xl_cimport_report_release(rep);
    rep->dry_run = dry_run;
    if (!path || !*path)
        return xl_err_set(err, XL_EUSAGE, "%s", _(FIO_E_NOPATH));
    ci_run r = {.db = db, .path = path, .rep = rep};
    xl_today(r.today);
    xl_err_clear(err);
    return run(&r, kind, err);
}
