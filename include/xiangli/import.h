/* import.h — the residents sheet a landlord or the police station hands over, into the
 * register (实有人口底册), all or nothing.
 *
 * The file (a CSV read by csv.h: UTF-8 with or without BOM, UTF-16, GBK/GB18030; CRLF/LF/CR;
 * RFC 4180 quoting with commas and line breaks in fields; or the first sheet of an .xlsx or
 * .xls workbook, through sheet.h, with title rows above the header skipped) has a header row naming its
 * columns in Chinese or English, in any order: 姓名/name, 性别/gender, 身份证号/id_number,
 * 手机号/phone, 楼栋/building, 房间/room, 身份/role, 入住日期/moved_in, 户籍省份/province,
 * 工作单位/workplace (and the variants csv.h knows). Required: name, building, room.
 *   - A column the importer does not know is reported as a warning and ignored (a sheet
 *     often has a 备注 column); a column given twice is an error.
 *   - Without a 身份/role column every row is a tenant (warning); an empty role cell in a
 *     role column is an error.
 *   - A 迁出日期 (moved_out) column marks our own --history export: refused as a whole.
 *
 * Each field is normalised before the checks: surrounding blanks (also U+3000, tab,
 * U+200B, BOM) cut; full-width digits and letters made ASCII in ID, phone, building and
 * room; a spreadsheet text marker (a leading ' or a ="..." wrapper, or the leading tab of
 * our own export) removed; the apostrophe our export puts before a cell that starts with
 * = + - @ (formula injection) removed again; "127号"/"127号楼"/"127栋" read as 127 and
 * "302室" as 302; dates as 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305 (csv.h
 * xl_parse_date); an empty date is today.
 *
 * Every row is checked first with the register's own rules (xl_signin_validate: the same
 * messages as the sign-in form), then across rows and against the register:
 *   - the same person twice in the file (the same ID number; without one, the same name in
 *     the same room): the same place and role → the later row is skipped with a warning; a
 *     different place or role → an error on the later row naming both lines;
 *   - an ID number already registered: living in that same room with the same role →
 *     unchanged (nothing is updated, not even the phone); with another role there → an
 *     error (an import does not change a role); living elsewhere or nowhere → a move (MOVE,
 *     as the sign-in form does it), refused when the move-in date is before the current
 *     home began; a different name on the sheet → a warning (the register keeps its name);
 *   - a row without an ID number is the current resident of that room with that name if
 *     there is one (unchanged), else a new person (a registration to complete later).
 * Problems name the file, the line where the row starts and the column as written in the
 * file's header: "residents.csv:7: 身份证号: 身份证校验位不对（应为 5）".
 *
 * Any error → nothing is written (XL_EFAIL; the report lists every problem, up to 1,000).
 * Otherwise the changes are made in ONE transaction: per row the register's own sign-in
 * (xl_signin_commit_in_tx: person, residency, audit "resident.signin"/"resident.move",
 * channel "desk"), then one audit row "import.residents" (file, rows, new, moves,
 * unchanged). An import that would change nothing — the same file a second time — opens no
 * transaction and writes no audit row: the database stays byte-identical.
 * dry_run: everything is checked and counted; nothing is written. */
#ifndef XL_IMPORT_H
#define XL_IMPORT_H

#include <stddef.h>

#include "xiangli/csv.h"
#include "xiangli/db.h"

typedef struct xl_import_report {
    size_t rows;          /* data rows read (header and blank rows not counted) */
    size_t new_people;    /* new person + residency */
    size_t moves;         /* registered person moving in (or coming back) */
    size_t unchanged;     /* already living there (and skipped duplicate rows) */
    int dry_run;
    int written;          /* 1 when the database was changed */
    /* Every problem found, errors and warnings, in the order found (file order within
     * each pass); nerrors of them are errors. Format one with xl_import_problem_format. */
    const xl_csv_problem *problems;
    size_t nproblems;
    size_t nerrors;
    size_t unlisted;      /* problems beyond the list's limit */
    /* Optional, set after xl_import_report_init (release keeps it): called while the rows
     * are checked, before anything is written, with the rows checked and the rows in all;
     * nonzero stops the import: cancelled = 1, XL_EFAIL, nothing written. */
    int (*progress)(int done, int total, void *ctx);
    void *progress_ctx;
    int cancelled;
    xl_csv csv;           /* private: the file read */
} xl_import_report;

void xl_import_report_init(xl_import_report *rep);
void xl_import_report_release(xl_import_report *rep);

/* "file:line: column: reason" (csv.h's format: "warning: " before a warning's reason). */
void xl_import_problem_format(const xl_import_report *rep, size_t i, char *out, size_t size);

/* Imports path into the register (rules above). XL_OK when imported (or, dry_run, when it
 * would be); XL_EFAIL when any row is refused (err: the first problem and how many more)
 * or on a database error; XL_EUSAGE for no path. The report is filled in every case. */
int xl_import_residents(xl_db *db, const char *path, int dry_run, xl_import_report *rep,
                        xl_err *err);

/* For the community import (community.h): the rows of sheet (already read, header at row
 * 0; taken over: sheet is left empty) checked, planned and, when nothing is refused,
 * written INSIDE the caller's transaction (no transaction of its own; the summary audit
 * row "import.residents" names path). XL_EFAIL when any row is refused: the caller rolls
 * back. */
int xl_import_residents_in_tx(xl_db *db, const char *path, xl_csv *sheet, xl_import_report *rep,
                              xl_err *err);

#endif
